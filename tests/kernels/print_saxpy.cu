// kernel: print_saxpy — saxpy with a device printf in one thread per block (block id, first value, a float and a literal %s); the output buffer must be exactly what saxpy gives
// args: f32:2.5 f32[3000]:rand(301) f32[3000]:rand(302) i32:3000
// grid: 12  block: 256
// reference: y[i] = a * x[i] + y[i] for i < n
#include <cstdio>

__global__ void print_saxpy(float a, const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x == 0 && i < n)
    printf("%s block %d: x[%d]=%8.4f a=%g\n", "saxpy", blockIdx.x, i, x[i], a);
  if (i < n) y[i] = a * x[i] + y[i];
}
