// kernel: i64_bits — 64-bit bit manipulation: rotates, byte swap by shifts and masks, __brevll, __umul64hi, x & (x - 1), __popcll, __clzll, __ffsll
// args: u64[3000]:rand(510) u64[9000]:fill(0) i32[9000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: r = i % 63 + 1; rot = rotl64(x, r); bs = byte-swap(x); out[3i] = rot; out[3i+1] = bs ^ bitreverse(x); out[3i+2] = high64(x * rot) + (x & (x - 1)); counts[3i] = popcount(x); counts[3i+1] = clz64(x >> (i % 64)) (64 for 0); counts[3i+2] = ffs64(x with bits below i % 64 cleared) (0 for 0)
__global__ void i64_bits(const unsigned long long *in, unsigned long long *out, int *counts, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long x = in[i];
  int r = (i % 63) + 1;
  unsigned long long rot = (x << r) | (x >> (64 - r));
  unsigned long long bs = 0;
  for (int b = 0; b < 8; b++) bs |= ((x >> (8 * b)) & 0xffull) << (56 - 8 * b);
  out[3 * i] = rot;
  out[3 * i + 1] = bs ^ __brevll(x);
  out[3 * i + 2] = __umul64hi(x, rot) + (x & (x - 1));
  counts[3 * i] = __popcll(x);
  counts[3 * i + 1] = __clzll((long long)(x >> (i % 64)));
  counts[3 * i + 2] = __ffsll((long long)(x & ~((1ull << (i % 64)) - 1)));
}
