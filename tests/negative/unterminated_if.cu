// expect: error: unterminated #if
// nvcc: rejects (invalid CUDA)

#if defined(__CUDACC__)
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
}
