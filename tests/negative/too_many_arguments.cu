// expect: error: too many arguments
// nvcc: rejects (invalid CUDA)

__device__ float f(float a) { return a * 2.0f; }
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = f(y[i], 3.0f);
}
