// expect: :10:3: error: __syncthreads() in divergent control flow is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)
// why: an early return before a barrier makes the barrier divergent

__global__ void k(float *y, int n) {
  __shared__ float s[256];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  s[threadIdx.x] = y[i];
  __syncthreads();
  y[i] = s[255 - threadIdx.x];
}
