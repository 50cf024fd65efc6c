// kernel: i64_ptrdiff — ptrdiff_t from a pointer difference used as a 64-bit index and value, long (LP64) arithmetic
// args: i32[3000]:rand(515) i64[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: out[d] = (long long)d * d * 100003 - in[d] for d < n
__global__ void i64_ptrdiff(const int *in, long long *out, int n) {
  const int *p = in + (blockIdx.x * blockDim.x + threadIdx.x);
  ptrdiff_t d = p - in;
  if (d < n) {
    long sq = (long)d * d;
    out[d] = sq * 100003L - in[d];
  }
}
