/* The Dawn loader and helper layer, run for real: open a device, run a WGSL
 * kernel that doubles a buffer, read back and compare with values computed
 * here; create two pipelines of one module with different override values
 * and check each computes with its own value; check that compile errors
 * arrive with a location and that a bad pipeline is caught by the error
 * scope. Exit 77 (skip) when no WebGPU adapter exists, unless CI=true. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/webgpu/dawn_api.h"
#include "rt/webgpu/subgroups.h"

static int failures;
#define CHECK(c, ...)                                              \
  do {                                                             \
    if (!(c)) {                                                    \
      failures++;                                                  \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c); \
      fprintf(stderr, __VA_ARGS__);                                \
      fputc('\n', stderr);                                         \
    }                                                              \
  } while (0)

static const char *kDouble =
    "override cw_block_x: u32 = 64;\n"
    "override scale: f32 = 2.0;\n"
    "@group(0) @binding(0) var<storage, read_write> data: array<f32>;\n"
    "@compute @workgroup_size(cw_block_x)\n"
    "fn main(@builtin(global_invocation_id) gid: vec3<u32>) {\n"
    "  if (gid.x < arrayLength(&data)) { data[gid.x] = data[gid.x] * scale; }\n"
    "}\n";

struct msgs {
  int n;
  unsigned line[8], col[8];
  int type[8];
};
static void collect(const cw_wg_message *m, void *ud) {
  struct msgs *s = ud;
  if (s->n < 8) {
    s->line[s->n] = m->line;
    s->col[s->n] = m->col;
    s->type[s->n] = (int)m->type;
  }
  s->n++;
}

static int run_scale(cw_wg *wg, WGPUShaderModule sm, double scale, unsigned block, int n) {
  char err[2048];
  const char *names[2] = {"cw_block_x", "scale"};
  double vals[2] = {(double)block, scale};
  WGPUComputePipeline p = cw_wg_pipeline(wg, sm, "main", names, vals, 2, err, sizeof err);
  CHECK(p != NULL, "pipeline: %s", err);
  if (!p) return -1;
  float *in = malloc(sizeof(float) * (size_t)n), *out = malloc(sizeof(float) * (size_t)n);
  for (int i = 0; i < n; i++) in[i] = (float)i * 0.5f - 100.0f;
  WGPUBuffer b = cw_wg_buffer(wg, sizeof(float) * (uint64_t)n, err, sizeof err);
  CHECK(b != NULL, "buffer: %s", err);
  int rc = -1;
  if (b) {
    cw_wg_write(wg, b, 0, in, sizeof(float) * (size_t)n);
    memset(out, 0xff, sizeof(float) * (size_t)n); /* poison: NaN */
    int d = cw_wg_dispatch(wg, p, &b, 1, (uint32_t)((n + (int)block - 1) / (int)block), 1, 1, err,
                           sizeof err);
    CHECK(d == 0, "dispatch: %s", err);
    int r = cw_wg_read(wg, b, 0, out, sizeof(float) * (size_t)n, err, sizeof err);
    CHECK(r == 0, "read: %s", err);
    int bad = 0;
    for (int i = 0; i < n; i++) {
      float want = in[i] * (float)scale;
      if (!(out[i] == want)) {
        if (bad++ < 3) fprintf(stderr, "  [%d] got %g want %g\n", i, out[i], want);
      }
    }
    CHECK(bad == 0, "%d of %d elements wrong (scale %g, block %u)", bad, n, scale, block);
    rc = bad ? -1 : 0;
    cw_wg_buffer_free(b);
  }
  free(in);
  free(out);
  cw_dawn.wgpuComputePipelineRelease(p);
  return rc;
}

int main(void) {
  char err[2048];
  cw_wg *wg = NULL;
  int rc = cw_wg_open(&wg, err, sizeof err);
  if (rc == CW_WG_NO_LIBRARY || rc == CW_WG_NO_ADAPTER) {
    printf("webgpu unavailable: %s\n", err);
    return cw_wg_unavailable_status();
  }
  CHECK(rc == CW_WG_OK, "open: %s", err);
  if (rc != CW_WG_OK) return 1;
  char a[512];
  printf("adapter: %s, vendor '%s', subgroups %u..%u (feature %d), f16 %d\n",
         cw_wg_adapter_string(wg, a, sizeof a), wg->vendor, wg->subgroup_min, wg->subgroup_max,
         wg->has_subgroups, wg->has_f16);
  printf("limits: storage binding %llu, buffer %llu, workgroup storage %u, invocations %u, "
         "storage buffers/stage %u, workgroups/dim %u\n",
         (unsigned long long)wg->limits.maxStorageBufferBindingSize,
         (unsigned long long)wg->limits.maxBufferSize, wg->limits.maxComputeWorkgroupStorageSize,
         wg->limits.maxComputeInvocationsPerWorkgroup, wg->limits.maxStorageBuffersPerShaderStage,
         wg->limits.maxComputeWorkgroupsPerDimension);
  /* The device got the adapter's limits, not the spec defaults. */
  CHECK(wg->limits.maxComputeInvocationsPerWorkgroup >= 256, "invocations %u",
        wg->limits.maxComputeInvocationsPerWorkgroup);
  CHECK(wg->limits.maxComputeWorkgroupsPerDimension >= 65535, "workgroups/dim %u",
        wg->limits.maxComputeWorkgroupsPerDimension);
  CHECK(wg->backend != WGPUBackendType_Null, "null backend");

  int nerr = 0, nwarn = 0;
  struct msgs ms = {0};
  WGPUShaderModule sm =
      cw_wg_shader(wg, kDouble, strlen(kDouble), collect, &ms, &nerr, &nwarn, err, sizeof err);
  CHECK(sm != NULL && nerr == 0 && nwarn == 0, "compile: %d errors %d warnings %s", nerr, nwarn,
        sm ? "" : err);
  if (sm) {
    run_scale(wg, sm, 2.0, 64, 1000);   /* not a multiple of the block */
    run_scale(wg, sm, 3.0, 128, 4096);  /* second pipeline, other overrides */
    /* An override that does not exist must fail pipeline creation. */
    const char *names[1] = {"no_such_override"};
    double vals[1] = {1};
    WGPUComputePipeline bad = cw_wg_pipeline(wg, sm, "main", names, vals, 1, err, sizeof err);
    CHECK(bad == NULL, "pipeline with an unknown override was accepted");
    if (!bad) printf("expected pipeline error: %.160s\n", err);
    bad = cw_wg_pipeline(wg, sm, "nope", NULL, NULL, 0, err, sizeof err);
    CHECK(bad == NULL, "pipeline with an unknown entry point was accepted");
    cw_dawn.wgpuShaderModuleRelease(sm);
  }

  /* The feature enum values are right only if the features really got
   * enabled: Dawn rejects `enable f16;` on a device without ShaderF16. */
  if (wg->has_f16) {
    const char *f16 = "enable f16;\n@compute @workgroup_size(1) fn main() { var x: f16 = 1.0h; _ = x; }\n";
    sm = cw_wg_shader(wg, f16, strlen(f16), NULL, NULL, &nerr, &nwarn, err, sizeof err);
    CHECK(sm && nerr == 0, "f16 shader rejected on a device with shader-f16");
    if (sm) cw_dawn.wgpuShaderModuleRelease(sm);
  }
  /* The warps-are-subgroups probe (rt/webgpu/subgroups.c) must see the
   * difference on a device whose subgroups are not 32 wide (lavapipe: 8,
   * SwiftShader: 4), even when asked to run regardless of the sizes. */
  if (wg->has_subgroups) {
    char why[400] = "";
    int native = cw_wg_warps_are_subgroups(wg, why, sizeof why);
    int probe = cw_wg_subgroup_probe(wg, why, sizeof why);
    printf("warps are subgroups: %d; probe alone: %d (%s)\n", native, probe, why);
    if (wg->subgroup_min != 32 || wg->subgroup_max != 32) {
      CHECK(!native && !probe && strstr(why, "subgroups are not the block's consecutive 32-thread warps"),
            "probe on %u-wide subgroups: %d (%s)", wg->subgroup_min, probe, why);
    } else {
      CHECK(native == probe, "precheck and probe disagree");
    }
  }
  /* Tint warns about unreachable code: line 1, column 62. */
  const char *warn = "@compute @workgroup_size(1) fn main() { var x = 1; return; x = 2; }\n";
  memset(&ms, 0, sizeof ms);
  sm = cw_wg_shader(wg, warn, strlen(warn), collect, &ms, &nerr, &nwarn, err, sizeof err);
  CHECK(nerr == 0 && nwarn == 1 && ms.n == 1 && ms.line[0] == 1 && ms.col[0] == 62,
        "unreachable-code warning: %d errors %d warnings, at %u:%u", nerr, nwarn, ms.line[0],
        ms.col[0]);
  if (sm) cw_dawn.wgpuShaderModuleRelease(sm);

  /* Line 3, column 11: an undeclared identifier. */
  const char *broken = "@compute @workgroup_size(1)\nfn main() {\n  let x = y + 1;\n}\n";
  memset(&ms, 0, sizeof ms);
  sm = cw_wg_shader(wg, broken, strlen(broken), collect, &ms, &nerr, &nwarn, err, sizeof err);
  CHECK(nerr >= 1, "no error reported for an undeclared identifier");
  CHECK(ms.n >= 1 && ms.type[0] == WGPUCompilationMessageType_Error && ms.line[0] == 3 &&
            ms.col[0] == 11,
        "first message: n=%d type=%d at %u:%u", ms.n, ms.n ? ms.type[0] : 0, ms.line[0], ms.col[0]);
  if (sm) cw_dawn.wgpuShaderModuleRelease(sm);

  CHECK(wg->uncaptured_errors == 0, "%d uncaptured errors, last: %s", wg->uncaptured_errors,
        wg->last_error);
  cw_wg_close(wg);
  if (failures) {
    fprintf(stderr, "test_webgpu: %d failures\n", failures);
    return 1;
  }
  printf("test_webgpu: ok\n");
  return 0;
}
