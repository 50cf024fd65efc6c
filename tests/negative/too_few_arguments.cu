// expect: error: too few arguments to function 'f'
// nvcc: rejects (invalid CUDA)

__device__ float f(float a, float b) { return a * b; }
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = f(y[i]);
}
