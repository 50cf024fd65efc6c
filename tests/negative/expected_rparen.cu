// expect: :6:13: error: expected ')'
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n {
    y[i] = 1.0f;
  }
}
