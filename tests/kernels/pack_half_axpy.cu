#include <cuda_fp16.h>
// kernel: half_axpy — __half buffers: y = a*x + y computed in float through __half2float/__float2half (round to nearest even)
// args: f32:2.5 u16[4001]:iota u16[4001]:fill(15360) i32:4001
// grid: 16  block: 256
// reference: x[i] = half with bits i, y = 1.0 (bits 0x3c00): y[i] = bits of the half nearest (ties to even) to 2.5 * value(x[i]) + 1.0
__global__ void half_axpy(float a, const __half *x, __half *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = __float2half(a * __half2float(x[i]) + __half2float(y[i]));
}
