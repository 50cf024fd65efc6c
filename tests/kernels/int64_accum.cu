// kernel: int64_accum — long long / unsigned long long arithmetic, 64-bit multiply and shifts, __popcll
// args: i32[4000]:rand(204) i64[4000]:fill(0) u64[4000]:fill(0) i32:4000
// grid: 16  block: 256
// reference: v = in[i]; s = (long long)v * 3000000000LL + i; outs[i] = s >> 3; h = (unsigned long long)s * 0x9E3779B97F4A7C15ull; outu[i] = (h ^ (h >> 29)) + __popcll(h)
__global__ void int64_accum(const int *in, long long *outs, unsigned long long *outu, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    long long s = (long long)in[i] * 3000000000LL + i;
    outs[i] = s >> 3;
    unsigned long long h = (unsigned long long)s * 0x9E3779B97F4A7C15ull;
    outu[i] = (h ^ (h >> 29)) + (unsigned long long)__popcll(h);
  }
}
