/* Whether CUDA warps can be WGSL subgroups on this device (passes/warp.c,
 * m->subgroup_size 32). The lowering assumes a warp is exactly one subgroup:
 * 32 lanes, lane = linear thread index % 32, subgroup = the 32 consecutive
 * linear ids. WebGPU promises none of that, so it is measured: a probe kernel
 * checks every invocation of several block shapes (partial last warps, 2D
 * and 3D blocks) and any mismatch keeps the exact emulation. */
#include <stdio.h>
#include <string.h>

#include "rt/webgpu/dawn_api.h"
#include "rt/webgpu/subgroups.h"

static const char probe_wgsl[] =
    "enable subgroups;\n"
    "diagnostic(off, subgroup_uniformity);\n"
    "@group(0) @binding(0) var<storage, read_write> bad: array<atomic<u32>>;\n"
    "override bx: u32 = 1;\n"
    "override by: u32 = 1;\n"
    "override bz: u32 = 1;\n"
    "@compute @workgroup_size(bx, by, bz)\n"
    "fn probe(@builtin(local_invocation_id) lid: vec3<u32>,\n"
    "         @builtin(subgroup_invocation_id) sid: u32, @builtin(subgroup_size) ss: u32) {\n"
    "  let li = lid.x + bx * (lid.y + by * lid.z);\n"
    "  let base = li & ~31u;\n"
    "  let cnt = min(32u, bx * by * bz - base);\n"
    "  let want = select((1u << cnt) - 1u, 0xffffffffu, cnt == 32u);\n"
    "  let first = subgroupShuffle(li, 0u);\n"
    "  let mask = subgroupBallot(true).x;\n"
    "  let sum = subgroupAdd(li);\n"
    "  let ok = ss == 32u && sid == (li & 31u) && first == base && mask == want &&\n"
    "           sum == cnt * base + cnt * (cnt - 1u) / 2u;\n"
    "  atomicAdd(&bad[0], 1u);\n"
    "  if (!ok) { atomicAdd(&bad[1], 1u); }\n"
    "}\n";

int cw_wg_warps_are_subgroups(cw_wg *wg, char *why, size_t whylen) {
  if (!wg->has_subgroups) {
    snprintf(why, whylen, "the device has no subgroups");
    return 0;
  }
  if (wg->subgroup_min != 32 || wg->subgroup_max != 32) {
    snprintf(why, whylen, "subgroups are %u-%u wide, not 32", wg->subgroup_min, wg->subgroup_max);
    return 0;
  }
  return cw_wg_subgroup_probe(wg, why, whylen);
}

int cw_wg_subgroup_probe(cw_wg *wg, char *why, size_t whylen) {
  char err[1024] = "";
  int nerr = 0, nwarn = 0;
  WGPUShaderModule sm = cw_wg_shader(wg, probe_wgsl, sizeof probe_wgsl - 1, NULL, NULL, &nerr, &nwarn, err,
                                     sizeof err);
  if (!sm || nerr) {
    snprintf(why, whylen, "the subgroup probe did not compile%s%s", err[0] ? ": " : "", err);
    if (sm) cw_dawn.wgpuShaderModuleRelease(sm);
    return 0;
  }
  static const unsigned shapes[][3] = {{32, 1, 1}, {48, 1, 1}, {256, 1, 1}, {1024, 1, 1},
                                       {16, 16, 1}, {8, 4, 4},  {7, 5, 3}};
  WGPUBuffer buf = cw_wg_buffer(wg, 256, err, sizeof err);
  int ok = buf != NULL;
  if (!ok) snprintf(why, whylen, "subgroup probe: %s", err);
  const char *names[3] = {"bx", "by", "bz"};
  for (size_t i = 0; ok && i < sizeof shapes / sizeof shapes[0]; i++) {
    const unsigned *s = shapes[i];
    unsigned n = s[0] * s[1] * s[2];
    if (n > wg->limits.maxComputeInvocationsPerWorkgroup || s[0] > wg->limits.maxComputeWorkgroupSizeX ||
        s[1] > wg->limits.maxComputeWorkgroupSizeY || s[2] > wg->limits.maxComputeWorkgroupSizeZ)
      continue;
    double vals[3] = {s[0], s[1], s[2]};
    WGPUComputePipeline p = cw_wg_pipeline(wg, sm, "probe", names, vals, 3, err, sizeof err);
    uint32_t counts[2] = {0, 0};
    cw_wg_write(wg, buf, 0, counts, sizeof counts);
    const unsigned groups = 3;
    if (!p || cw_wg_dispatch(wg, p, &buf, 1, groups, 1, 1, err, sizeof err) != 0 ||
        cw_wg_read(wg, buf, 0, counts, sizeof counts, err, sizeof err) != 0) {
      snprintf(why, whylen, "subgroup probe %ux%ux%u: %s", s[0], s[1], s[2], err);
      ok = 0;
    } else if (counts[0] != n * groups || counts[1] != 0) {
      snprintf(why, whylen,
               "subgroups are not the block's consecutive 32-thread warps (block %ux%ux%u: %u of %u threads "
               "differ)",
               s[0], s[1], s[2], counts[1], counts[0]);
      ok = 0;
    }
    if (p) cw_dawn.wgpuComputePipelineRelease(p);
  }
  if (buf) cw_wg_buffer_free(buf);
  cw_dawn.wgpuShaderModuleRelease(sm);
  return ok;
}
