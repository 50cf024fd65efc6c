// expect: error: recursive function '
// nvcc: accepts (valid CUDA we do not support)

__device__ int is_odd(int v);
__device__ int is_even(int v) { return v == 0 ? 1 : is_odd(v - 1); }
__device__ int is_odd(int v) { return v == 0 ? 0 : is_even(v - 1); }

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = is_even(i % 16);
}
