// kernel: compact_positive — stream compaction with __device__ global counters (atomicAdd) and an initialised __device__ threshold; the last block (atomicInc ticket) publishes and resets the count
// args: i32[10000]:rand(94) i32[10000]:zero i32[1]:fill(-1) i32:10000
// grid: 40  block: 256
// reference: count[0] = number of i < n with in[i] > 250; out[0..count[0]) holds exactly those in[i] in any order (compare sorted); out[count[0]..] stays 0; the __device__ counters are back at 0 afterwards, so a second launch gives the same result
__device__ int g_count = 0;
__device__ unsigned int g_blocks_done = 0;
__device__ int g_threshold = 250;

__global__ void compact_positive(const int *in, int *out, int *count, int n) {
  __shared__ int am_last;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    if (v > g_threshold) {
      int slot = atomicAdd(&g_count, 1);
      out[slot] = v;
    }
  }
  __threadfence();
  __syncthreads();
  if (threadIdx.x == 0) {
    unsigned int ticket = atomicInc(&g_blocks_done, gridDim.x - 1); // wraps back to 0 after the last block
    am_last = (ticket == gridDim.x - 1);
  }
  __syncthreads();
  if (am_last && threadIdx.x == 0) count[0] = atomicExch(&g_count, 0);
}
