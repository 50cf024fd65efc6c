// kernel: block_sum1024 — 1024-thread blocks: shared reduction over 1024 ints with __syncthreads in a uniform loop
// args: i32[5000]:rand(113) i32[5]:fill(-1) i32:5000
// grid: 5  block: 1024
// reference: out[b] = sum of in[i] for i in [1024b, min(n, 1024b+1024))
__global__ void __launch_bounds__(1024) block_sum1024(const int *in, int *out, int n) {
  __shared__ int s[1024];
  int t = threadIdx.x;
  int i = blockIdx.x * 1024 + t;
  s[t] = i < n ? in[i] : 0;
  __syncthreads();
  for (int stride = 512; stride > 0; stride >>= 1) {
    if (t < stride) s[t] += s[t + stride];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = s[0];
}
