// kernel: warp_tail_guard — early exit (if (i >= n) return) before a warp reduction: exited threads are inactive lanes
// args: f32[1000]:rand(22) f32[32]:fill(3) i32:1000
// grid: 8  block: 128
// reference: out[w] = sum of in[j] for j in [32w, min(n, 32w+32)) for w < 32 (w = 31 covers 992..999); the rest stays 3

__global__ void warp_tail_guard(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = in[i];
  unsigned mask = __ballot_sync(0xffffffff, 1);
  int lanes = __popc(mask);
  for (int o = 16; o > 0; o >>= 1) {
    float y = __shfl_down_sync(mask, v, o);
    if ((threadIdx.x & 31) + o < lanes) v += y;
  }
  if ((threadIdx.x & 31) == 0) out[i >> 5] = v;
}
