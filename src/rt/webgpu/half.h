/* Can <cuda_fp16.h> arithmetic run in native WGSL f16 here? (half.c) */
#ifndef CW_RT_WEBGPU_HALF_H
#define CW_RT_WEBGPU_HALF_H
#include <stddef.h>
#include <stdint.h>

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

/* CUDA's result bits for one half operation (one rounding to nearest even;
 * NaN results 0x7fff): op '+', '-', '*', '/' on a and b, 'f' = a*b+c. The
 * probe's reference; independent of the exact f32 code of <cuda_fp16.h>. */
uint16_t cw_half_ref(int op, uint16_t a, uint16_t b, uint16_t c);

#endif
