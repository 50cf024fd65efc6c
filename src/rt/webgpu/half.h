/* Can <cuda_fp16.h> arithmetic run in native WGSL f16 here? (half.c; the
 * probe itself is back/wgsl/half_probe.c) */
#ifndef CW_RT_WEBGPU_HALF_H
#define CW_RT_WEBGPU_HALF_H
#include <stddef.h>
#include <stdint.h>

#include "back/wgsl/half_probe.h" /* cw_half_ref and the probe's parts */
#include "rt/webgpu/dawn_api.h"

/* The cw_transpile_options.half_native this device takes: 2 when it has
 * shader-f16 and the probe found its f16 add, sub, mul, div and fma (scalar
 * and vec2, as back/wgsl/half.h computes them) equal to CUDA's bit for bit on
 * every probed operand; 1 when all but fma are (why says how fma differs); 0
 * when not even those, or not measurable (why says why). Runs one small
 * dispatch. */
int cw_wg_half_native(cw_wg *wg, char *why, size_t whylen);
/* The probe alone (needs shader-f16), same answer; tests call it directly. */
int cw_wg_half_probe(cw_wg *wg, char *why, size_t whylen);

#endif
