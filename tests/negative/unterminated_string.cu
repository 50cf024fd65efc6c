// expect: :6:22: error: unterminated string
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  const char *name = "saxpy;
  if (i < n) y[i] = (float)name[0];
}
