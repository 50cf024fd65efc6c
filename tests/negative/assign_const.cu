// expect: error: cannot assign to a const-qualified value
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  const float scale = 2.0f;
  if (i < n) {
    scale = 3.0f;
    y[i] *= scale;
  }
}
