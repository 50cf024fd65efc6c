// expect: :7:9: error: redefinition of 'v'
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 1.0f;
  float v = 2.0f;
  if (i < n) y[i] = v;
}
