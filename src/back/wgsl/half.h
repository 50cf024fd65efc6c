/* Native f16 for <cuda_fp16.h> arithmetic (passes/half.c, m->half_native):
 * the WGSL helper functions that compute CW_IN_HADD & co. The runtime's
 * probe (half_probe.c, dispatched by rt/webgpu/half.c and the npm package's
 * WebGPU runtime) runs this same text on the device, so what it
 * measures is exactly what kernels use. */
#ifndef CW_BACK_WGSL_HALF_H
#define CW_BACK_WGSL_HALF_H

/* Needs `enable f16;`. Functions on 16-bit patterns in u32 (the *2 forms: two
 * halves, x in the low bits): cw_hadd cw_hsub cw_hmul cw_hdiv cw_hfma and
 * cw_hadd2 cw_hsub2 cw_hmul2 cw_hfma2. */
extern const char cw_wgsl_half_helpers[];

#endif
