// kernel: reduce_sum — per-block tree reduction in static shared memory (CUDA samples reduce2 style)
// args: f32[100000]:rand(31) f32[391]:fill(-1) i32:100000
// grid: 391  block: 256
// reference: partial[b] = sum of in[i] for i in [b*256, min(n, (b+1)*256))
// tol: 1e-5
#define BLOCK_SIZE 256

__global__ void reduce_sum(const float *in, float *partial, int n) {
  __shared__ float sdata[BLOCK_SIZE];
  unsigned int tid = threadIdx.x;
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  sdata[tid] = (i < (unsigned int)n) ? in[i] : 0.0f;
  __syncthreads();
  for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) {
      sdata[tid] += sdata[tid + s];
    }
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = sdata[0];
}
