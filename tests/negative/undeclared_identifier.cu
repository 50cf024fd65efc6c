// expect: :6:21: error: use of undeclared identifier 'x'
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x * 2.0f;
}
