// kernel: i64_xorshift — xorshift64* state per thread advanced in a loop (64-bit shifts by 13/7/17, xor), count of states with the top bit set
// args: u64[3000]:rand(502) i32[3000]:fill(-1) i32:3000 i32:100
// grid: 12  block: 256
// reference: x = state[i] | 1; repeat rounds times: x ^= x << 13; x ^= x >> 7; x ^= x << 17; top += x >> 63; then state[i] = x * 0x2545F4914F6CDD1D, tops[i] = top
__global__ void i64_xorshift(unsigned long long *state, int *tops, int n, int rounds) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long x = state[i] | 1ull;
  int top = 0;
  for (int r = 0; r < rounds; r++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    top += (int)(x >> 63);
  }
  state[i] = x * 0x2545F4914F6CDD1Dull;
  tops[i] = top;
}
