// kernel: warp_shfl64 — shuffles of double, long long and unsigned long long (C target)
// args: f64[256]:rand(24) i64[256]:rand(25) u64[256]:rand(26) f64[256]:zero i64[256]:zero u64[256]:zero
// grid: 2  block: 128
// tol: 1e-9
// reference: for lane l = i & 31, base = i - l: d[i] = sum of x over i's 32-group; ll[i] = y[base + ((l + 1) & 31)]; ull[i] = z[i ^ 5]

__global__ void warp_shfl64(const double *x, const long long *y, const unsigned long long *z, double *d,
                            long long *ll, unsigned long long *ull) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double s = x[i];
  for (int o = 16; o > 0; o >>= 1) s += __shfl_xor_sync(0xffffffff, s, o);
  d[i] = s;
  ll[i] = __shfl_sync(0xffffffff, y[i], (threadIdx.x + 1) & 31);
  ull[i] = __shfl_xor_sync(0xffffffff, z[i], 5);
}
