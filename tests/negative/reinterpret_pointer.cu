// expect: error: reinterpreting 'float *' as 'int *' is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int *bits = (int *)y;
  if (i < n) bits[i] ^= 0x80000000;
}
