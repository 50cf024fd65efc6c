/* The native f16 probe without a GPU (half_probe.c): its operands, its WGSL,
 * CUDA's reference results and the check of what a device computed. Whoever
 * has a WebGPU device dispatches it: the native runtime (rt/webgpu/half.c,
 * through Dawn) and the npm package's browser runtime (npm/src/webgpu.js,
 * through npm/csrc/wasm_api.c), so both judge a device by the same cases and
 * the same code. */
#ifndef CW_BACK_WGSL_HALF_PROBE_H
#define CW_BACK_WGSL_HALF_PROBE_H
#include <stddef.h>
#include <stdint.h>

/* Operand triples, one per invocation (the override `n` of the entry point). */
#define CW_HALF_PROBE_N 4096
/* @workgroup_size of the entry point `probe`: dispatch N / 64 workgroups. */
#define CW_HALF_PROBE_WORKGROUP 64
/* The one storage buffer (binding 0, u32 words): the triples a, b, c at 3i,
 * then the nine results of triple i at 3N + 9i: add sub mul div fma, and the
 * vec2 forms add2 sub2 mul2 fma2 with triple i in the low half and triple
 * (7i + 3) mod N in the high half. */
#define CW_HALF_PROBE_WORDS (12 * CW_HALF_PROBE_N)

/* The probe's WGSL: "enable f16;\n", the back-end's own helper functions
 * (back/wgsl/half.h: what kernels run) and the entry point `probe`.
 * Allocated (free it); NULL when out of memory. */
char *cw_half_probe_wgsl(void);

/* Fills io[CW_HALF_PROBE_WORDS]: the operand triples (deterministic: chosen
 * to catch a wrong rounding: ties, subnormal results, overflow at 65520,
 * infinities, NaNs, signed zeros, fma cases that two roundings get wrong,
 * random patterns) and the result words set to 0xffffffff. */
void cw_half_probe_input(uint32_t *io);

/* Judges io as read back after the dispatch, bit for bit against
 * cw_half_ref (the operands are generated again, not read from io): 2 when
 * every result is CUDA's, why ""; 1 when add, sub, mul and div (scalar and
 * vec2) are and fma is not; 0 otherwise. Below 2, why names the first
 * differing operation, operands, the device's and CUDA's bits and how many
 * differ ("native f16 fma(0x68b3, 0xbc01, 0x68b3) gave 0xc000, CUDA 0xc0b3;
 * 12 of 12288 fma results differ"). */
int cw_half_probe_check(const uint32_t *io, char *why, size_t whylen);

/* CUDA's result bits for one half operation (one rounding to nearest even;
 * NaN results 0x7fff): op '+', '-', '*', '/' on a and b, 'f' = a*b+c. The
 * probe's reference; independent of the exact f32 code of <cuda_fp16.h>. */
uint16_t cw_half_ref(int op, uint16_t a, uint16_t b, uint16_t c);

#endif
