// expect: error: 'foo.h' file not found
// nvcc: rejects (invalid CUDA)

#include "foo.h"
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
}
