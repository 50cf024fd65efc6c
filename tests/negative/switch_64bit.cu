// expect: error: switch on a 64-bit value is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(long long key, int *y) {
  switch (key) {
  case 1: y[threadIdx.x] = 10; break;
  default: y[threadIdx.x] = 20; break;
  }
}
