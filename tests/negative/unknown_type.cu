// expect: :6:3: error: unknown type name 'flaot'
// nvcc: rejects (invalid CUDA)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  flaot v = 1.0f;
  if (i < n) y[i] = v;
}
