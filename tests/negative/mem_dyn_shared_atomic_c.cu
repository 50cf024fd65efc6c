// expect: error: atomic on 'float' through a pointer that retypes extern __shared__ 'smem' (declared 'int') is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  extern __shared__ int smem[];
  float *f = (float *)smem;
  if (threadIdx.x == 0) f[0] = 0.0f;
  __syncthreads();
  atomicAdd(&f[0], y[threadIdx.x]);
  __syncthreads();
  if (threadIdx.x == 0) y[0] = f[0];
}
