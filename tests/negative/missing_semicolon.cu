// expect: error: expected ';'
// nvcc: rejects (invalid CUDA)
// why: missing ';' after a declaration

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = y[i]
  if (i < n) y[i] = v * 2.0f;
}
