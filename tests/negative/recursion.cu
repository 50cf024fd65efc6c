// expect: :7:14: error: recursive function 'fact' is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support)

__device__ int fact(int v) {
  if (v <= 1) return 1;
  return v * fact(v - 1);
}

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = fact(i % 10);
}
