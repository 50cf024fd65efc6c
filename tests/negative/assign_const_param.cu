// expect: error: cannot assign to a const-qualified value
// nvcc: rejects (invalid CUDA)

__global__ void k(const float *x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = 0.0f;
}
