// kernel: warp_reduce_if_loop — the classic warp-shuffle loop written inline inside if (threadIdx.x < 32), with a second-level branch
// args: i32[2048]:rand(23) i32[8]:fill(-1) i32[8]:fill(-1)
// grid: 8  block: 256
// reference: s = sum of in[b*256 + k] for k < 256; total[b] = s; maxw[b] = max over the 8 warp sums of block b

__global__ void warp_reduce_if_loop(const int *in, int *total, int *maxw) {
  __shared__ int partial[8];
  int tid = threadIdx.x;
  int v = in[blockIdx.x * blockDim.x + tid];
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffff, v, o);
  if ((tid & 31) == 0) partial[tid >> 5] = v;
  __syncthreads();
  if (tid < 32) {
    int p = tid < 8 ? partial[tid] : 0;
    int m = tid < 8 ? partial[tid] : -2147483647;
    for (int o = 16; o > 0; o >>= 1) {
      p += __shfl_down_sync(0xffffffff, p, o);
      m = max(m, __shfl_xor_sync(0xffffffff, m, o));
    }
    if (tid == 0) {
      total[blockIdx.x] = p;
      maxw[blockIdx.x] = m;
    }
  }
}
