// expect: :9:21: error: the format of device printf must be a string literal
// target: c
// nvcc: accepts (valid CUDA we do not support: the format must be a literal)

#include <stdio.h>

__global__ void k(float *y, int n, const char *fmt) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) printf(fmt, i, y[i]);
}
