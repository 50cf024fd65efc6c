// expect: error: 64-bit integer arithmetic
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < (size_t)n) y[i] = 0.0f;
}
