// expect: :9:14: error: device printf is not supported yet
// target: c
// nvcc: accepts (valid CUDA we do not support)

#include <stdio.h>

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) printf("y[%d] = %f\n", i, y[i]);
}
