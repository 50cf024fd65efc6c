// kernel: i64_mixed_compare — mixed signed/unsigned comparisons under C's usual arithmetic conversions: long long vs unsigned int, long long vs unsigned long long, int vs long long, unsigned int vs long, size_t vs int
// args: i32[4000]:rand(508) u32[4000]:rand(509) i32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: with s = a*5000000 (long long), us = (unsigned long long)u << 3, l = (long)a, z = (size_t)u: bit0 s < (long long)u; bit1 (unsigned long long)s < us; bit2 (long long)a < s; bit3 (long)u > l; bit4 z >= (size_t)(a + 1000) * 4000000; bit5 s / 5000000 == a; bit6 (long long)a >= (long long)(unsigned)a; bit7 s <= (long long)us; bit8 (unsigned long long)(long long)a > us
__global__ void i64_mixed_compare(const int *a, const unsigned int *u, int *flags, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int ai = a[i];
  unsigned int ui = u[i];
  long long s = (long long)ai * 5000000LL;
  unsigned long long us = (unsigned long long)ui << 3;
  long l = ai;
  size_t z = (size_t)ui;
  unsigned int ua = (unsigned int)ai;
  int f = 0;
  f |= (s < ui) << 0;
  f |= (s < us) << 1;
  f |= (ai < s) << 2;
  f |= (ui > l) << 3;
  f |= (z >= (size_t)(ai + 1000) * 4000000u) << 4;
  f |= (s / 5000000LL == ai) << 5;
  f |= ((long long)ai >= ua) << 6;
  f |= (s <= (long long)us) << 7;
  f |= ((long long)ai > us) << 8;
  flags[i] = f;
}
