// expect: error: duplicate case value
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  switch (i % 4) {
  case 0: y[i] = 0.0f; break;
  case 1: y[i] = 1.0f; break;
  case 1: y[i] = 2.0f; break;
  default: break;
  }
}
