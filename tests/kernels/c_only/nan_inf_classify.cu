// kernel: nan_inf_classify — isnan/isinf/isfinite/signbit on real NaN, ±Inf, ±0 and denormals built from bits (WGSL may assume finite math: C only)
// args: i32[8]:fill(-1)
// grid: 1  block: 8
// reference: values v[t] = bits {0x7fc00000 (NaN), 0x7f800000 (+Inf), 0xff800000 (-Inf), 0 (+0), 0x80000000 (-0), 1 (denormal), 0x3f800000 (1), 0xbf800000 (-1)}; out[t] = isnan + 2*isinf + 4*isfinite + 8*signbit
__global__ void nan_inf_classify(int *out) {
  const unsigned int bits[8] = {0x7fc00000u, 0x7f800000u, 0xff800000u, 0u,
                                0x80000000u, 1u, 0x3f800000u, 0xbf800000u};
  int t = threadIdx.x;
  float v = __uint_as_float(bits[t]);
  out[t] = (isnan(v) ? 1 : 0) + 2 * (isinf(v) ? 1 : 0) + 4 * (isfinite(v) ? 1 : 0) + 8 * (signbit(v) ? 1 : 0);
}
