/* half_native (passes/half.c, back/wgsl/half.c) through cw_transpile: which
 * functions become native f16, at which level, and what stays as it was. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cudawasm.h"

static const char src[] =
    "#include <cuda_fp16.h>\n"
    "__global__ void k(__half *x, __half2 *y, int n) {\n"
    "  int i = threadIdx.x;\n"
    "  if (i >= n) return;\n"
    "  x[i] = x[i] * x[i + 1] + __hdiv(x[i], x[i + 2]);\n"
    "  x[i + 3] = __hfma(x[i], x[i + 1], x[i + 2]);\n"
    "  y[i] = __hfma2(y[i], y[i + 1], __hmul2(y[i], y[i]) - y[i + 1]);\n"
    "}\n";

/* a user's own __hadd, no <cuda_fp16.h>: never touched */
static const char own[] =
    "struct __half { unsigned short __x; };\n"
    "__device__ __half __hadd(__half a, __half b) { __half r; r.__x = a.__x ^ b.__x; return r; }\n"
    "__global__ void k(__half *x) { x[0] = __hadd(x[1], x[2]); }\n";

static int count(const char *s, const char *w) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, w)); p += strlen(w)) n++;
  return n;
}

static cw_transpile_result *tr(const char *s, cw_target t, int level, int ir) {
  cw_transpile_options o = {.target = t, .half_native = level, .emit_ir = ir};
  return cw_transpile(s, strlen(s), &o);
}

int main(void) {
  cw_transpile_result *r0 = tr(src, CW_TARGET_WGSL, 0, 0), *r1 = tr(src, CW_TARGET_WGSL, 1, 0),
                      *r2 = tr(src, CW_TARGET_WGSL, 2, 0);
  CHECK(r0->status == CW_TRANSPILE_OK && r1->status == CW_TRANSPILE_OK && r2->status == CW_TRANSPILE_OK,
        "transpile: %d %d %d", r0->status, r1->status, r2->status);
  if (r0->code && r1->code && r2->code) {
    CHECK(!strstr(r0->code, "f16"), "level 0: no f16 at all");
    CHECK(strncmp(r1->code, "enable f16;\n", 12) == 0, "level 1: enable f16 first");
    /* calls, besides the one definition of each helper */
    CHECK(count(r1->code, "cw_hmul(") == 2 && count(r1->code, "cw_hdiv(") == 2 &&
              count(r1->code, "cw_hadd(") == 2 && count(r1->code, "cw_hmul2(") == 2 &&
              count(r1->code, "cw_hsub2(") == 2,
          "level 1: operators and __h* calls are native");
    CHECK(count(r1->code, "cw_hfma(") == 1 && count(r1->code, "cw_hfma2(") == 1, "level 1: fma is the exact code");
    CHECK(count(r2->code, "cw_hfma(") == 2 && count(r2->code, "cw_hfma2(") == 2, "level 2: fma native");
    /* the stored bits are the 16-bit patterns either way: same buffer declarations */
    CHECK(count(r0->code, "var<storage") == count(r2->code, "var<storage"), "same bindings");
  }
  cw_transpile_result *ir = tr(src, CW_TARGET_WGSL, 2, 1);
  CHECK(ir->ir && strstr(ir->ir, "__hfma2(") && strstr(ir->ir, "__hdiv("), "IR shows the intrinsics");
  /* the C target ignores the option: byte-identical output */
  cw_transpile_result *c0 = tr(src, CW_TARGET_C, 0, 0), *c2 = tr(src, CW_TARGET_C, 2, 0);
  CHECK(c0->code && c2->code && strcmp(c0->code, c2->code) == 0, "c target unchanged");
  cw_transpile_result *u = tr(own, CW_TARGET_WGSL, 2, 0);
  CHECK(u->code && !strstr(u->code, "f16"), "a user's own __hadd is left alone");
  cw_transpile_result *bad = tr(src, CW_TARGET_WGSL, 3, 0);
  CHECK(bad->status == CW_TRANSPILE_REJECTED && bad->ndiags > 0 && strstr(bad->diags[0].message, "half_native 3"),
        "half_native 3 is rejected");
  cw_transpile_result *all[] = {r0, r1, r2, ir, c0, c2, u, bad};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) cw_transpile_result_free(all[i]);
  printf("%d checks passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
