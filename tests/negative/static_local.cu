// expect: error: static local
// nvcc: accepts (valid CUDA we do not support)

__device__ int next_id() {
  static int calls = 0;
  return calls++;
}

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = next_id();
}
