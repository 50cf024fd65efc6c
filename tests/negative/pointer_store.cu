// expect: error: storing a pointer in memory is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *a, float *b, int n) {
  __shared__ float *chosen;
  if (threadIdx.x == 0) chosen = n > 100 ? a : b;
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) chosen[i] = 0.0f;
}
