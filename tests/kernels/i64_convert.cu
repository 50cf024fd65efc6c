// kernel: i64_convert — conversions: float to long long / unsigned long long (truncation), long long and unsigned long long to float (rounding), int sign-extended to unsigned long long, narrowing to int, short, signed and unsigned char
// args: f32[4000]:rand(511) i32[4000]:rand(512) i64[4000]:fill(-1) u64[4000]:fill(0) f32[8000]:fill(-1) i32[12000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: x = f * 1e12f (float); v = (long long)x; uv = (unsigned long long)fabsf(x); ll = v + a; ull = uv ^ (unsigned long long)(long long)a; back[2i] = (float)(v * 977 + a); back[2i+1] = (float)(uv * 3 + (unsigned)a); narrow = (int)(v >> 7), (short)uv, (signed char)(v ^ a) + (unsigned char)(uv >> 3)
__global__ void i64_convert(const float *f, const int *a, long long *ll, unsigned long long *ull,
                            float *back, int *narrow, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float x = f[i] * 1.0e12f;
  long long v = (long long)x;
  unsigned long long uv = (unsigned long long)fabsf(x);
  ll[i] = v + a[i];
  ull[i] = uv ^ (unsigned long long)(long long)a[i];
  back[2 * i] = (float)(v * 977 + a[i]);
  back[2 * i + 1] = (float)(uv * 3ull + (unsigned int)a[i]);
  narrow[3 * i] = (int)(v >> 7);
  narrow[3 * i + 1] = (short)uv;
  narrow[3 * i + 2] = (signed char)(v ^ a[i]) + (unsigned char)(uv >> 3);
}
