// expect: :4:16: error: a __global__ function must have a void return type
// nvcc: rejects (invalid CUDA)

__global__ int k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
  return 0;
}
