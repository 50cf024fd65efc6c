// kernel: i64_divmod — long long division and modulo with negative operands (C truncation), unsigned long long division by small and huge divisors
// args: i32[4000]:rand(505) i32[4000]:rand(506) u64[4000]:rand(507) i64[4000]:fill(-1) i64[4000]:fill(-1) u64[4000]:fill(0) u64[4000]:fill(0) i32:4000
// grid: 16  block: 256
// reference: x = a[i] * 123456789012 + i; d = b[i] ? b[i] : 7; q = x / d, r = x % d (truncating); ux = ua[i]; ud = i odd ? (ux >> (i % 61)) | 1 : (b[i] & 0xffff) + 3; uq = ux / ud, ur = ux % ud
__global__ void i64_divmod(const int *a, const int *b, const unsigned long long *ua, long long *q,
                           long long *r, unsigned long long *uq, unsigned long long *ur, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  long long x = (long long)a[i] * 123456789012LL + i;
  long long d = b[i] == 0 ? 7 : (long long)b[i];
  q[i] = x / d;
  r[i] = x % d;
  unsigned long long ux = ua[i];
  unsigned long long ud = (i & 1) ? ((ux >> (i % 61)) | 1ull) : (unsigned long long)(b[i] & 0xffff) + 3;
  uq[i] = ux / ud;
  ur[i] = ux % ud;
}
