// kernel: xorshift_rng — per-thread xorshift32 RNG with unsigned wraparound; Monte-Carlo count of points inside the unit circle
// args: u32[8192]:fill(0) u32[8192]:fill(0) i32:8192 i32:100
// grid: 32  block: 256
// reference: state = 2463534242u ^ (i * 2654435761u) (unsigned wrap; 0 -> 1); per sample: state ^= state << 13; ^= >> 17; ^= << 5; x = (state & 0xffff) / 65536.0f, y = (state >> 16) / 65536.0f; inside += x*x + y*y < 1; last[i] = final state; hits[i] = inside (samples = 100)
__device__ __forceinline__ unsigned int xorshift32(unsigned int *state) {
  unsigned int x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

__global__ void xorshift_rng(unsigned int *hits, unsigned int *last, int n, int samples) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned int st = 2463534242u ^ ((unsigned int)i * 2654435761u);
    if (st == 0u) st = 1u;
    unsigned int inside = 0;
    for (int s = 0; s < samples; s++) {
      unsigned int r = xorshift32(&st);
      float x = (float)(r & 0xffffu) / 65536.0f;
      float y = (float)(r >> 16) / 65536.0f;
      if (x * x + y * y < 1.0f) inside++;
    }
    hits[i] = inside;
    last[i] = st;
  }
}
