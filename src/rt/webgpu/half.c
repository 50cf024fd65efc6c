/* Whether <cuda_fp16.h> arithmetic may use native WGSL f16 on this device
 * (passes/half.c, m->half_native): the probe of back/wgsl/half_probe.c (its
 * operands, WGSL, reference and check) dispatched through Dawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/wgsl/half_probe.h"
#include "rt/webgpu/dawn_api.h"
#include "rt/webgpu/half.h"

int cw_wg_half_native(cw_wg *wg, char *why, size_t whylen) {
  if (!wg->has_f16) {
    snprintf(why, whylen, "the device has no shader-f16");
    return 0;
  }
  return cw_wg_half_probe(wg, why, whylen);
}

int cw_wg_half_probe(cw_wg *wg, char *why, size_t whylen) {
  enum { N = CW_HALF_PROBE_N };
  char *code = cw_half_probe_wgsl();
  uint32_t *io = malloc((size_t)CW_HALF_PROBE_WORDS * sizeof *io);
  if (!code || !io) {
    free(code);
    free(io);
    snprintf(why, whylen, "f16 probe: out of host memory");
    return 0;
  }
  cw_half_probe_input(io);

  char err[1024] = "";
  int nerr = 0, nwarn = 0, level = 0;
  WGPUShaderModule sm = cw_wg_shader(wg, code, strlen(code), NULL, NULL, &nerr, &nwarn, err, sizeof err);
  WGPUBuffer buf = NULL;
  WGPUComputePipeline p = NULL;
  if (!sm || nerr) {
    snprintf(why, whylen, "the f16 probe did not compile%s%s", err[0] ? ": " : "", err);
    goto done;
  }
  size_t bytes = (size_t)CW_HALF_PROBE_WORDS * sizeof *io;
  const char *names[1] = {"n"};
  double vals[1] = {N};
  if (!(buf = cw_wg_buffer(wg, bytes, err, sizeof err)) ||
      !(p = cw_wg_pipeline(wg, sm, "probe", names, vals, 1, err, sizeof err))) {
    snprintf(why, whylen, "f16 probe: %s", err);
    goto done;
  }
  cw_wg_write(wg, buf, 0, io, bytes);
  if (cw_wg_dispatch(wg, p, &buf, 1, N / CW_HALF_PROBE_WORKGROUP, 1, 1, err, sizeof err) != 0 ||
      cw_wg_read(wg, buf, 0, io, bytes, err, sizeof err) != 0) {
    snprintf(why, whylen, "f16 probe: %s", err);
    goto done;
  }
  level = cw_half_probe_check(io, why, whylen);
done:
  if (p) cw_dawn.wgpuComputePipelineRelease(p);
  if (buf) cw_wg_buffer_free(buf);
  if (sm) cw_dawn.wgpuShaderModuleRelease(sm);
  free(code);
  free(io);
  return level;
}
