#include <cuda_fp16.h>
// kernel: half_operators — C++ operators on __half (+ - * / unary -, += *=, comparisons), the converting constructor from float and operator float(), on random bit patterns (NaN, inf and subnormals included); no product feeds a sum, so a compiler that fuses multiply-adds (NVRTC does, as nvcc) rounds the same
// args: u16[3000]:rand(77) u16[3000]:rand(78) u16[18000]:fill(0) i32[3000]:fill(-1) f32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: each operator rounds its exact result to the nearest half (ties to even, NaN results 0x7fff, unary minus flips the sign bit of a number and gives 0x7fff for a NaN, as neg.f16 does on the H100): o[6i..6i+5] = a+b, a-b, a*b, a/b, -a, ((a += b) *= b); cmp[i] = bit mask of < <= > >= == !=; f[i] = float(a) * float(__half(0.75f)) with non-finite values as 7
__global__ void half_operators(const __half *x, const __half *y, __half *o, int *cmp, float *f, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  __half a = x[i], b = y[i];
  o[6 * i] = a + b;
  o[6 * i + 1] = a - b;
  o[6 * i + 2] = a * b;
  o[6 * i + 3] = a / b;
  o[6 * i + 4] = -a;
  __half s = a;
  s += b;
  s *= b;
  o[6 * i + 5] = s;
  cmp[i] = (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
  __half c = 0.75f;
  float back = a;
  float r = back * (float)c;
  f[i] = isfinite(r) ? r : 7.0f;
}
