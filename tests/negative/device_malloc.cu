// expect: :8:25: error: device-side malloc is not supported
// nvcc: accepts (valid CUDA we do not support)

#include <stdlib.h>

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float *tmp = (float *)malloc(4 * sizeof(float));
  tmp[0] = 1.0f;
  if (i < n) y[i] = tmp[0];
  free(tmp);
}
