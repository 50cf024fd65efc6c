// expect: :8:1: error: unterminated comment
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
}
/* this comment never ends
__global__ void k2(float *y) { y[0] = 1.0f; }
