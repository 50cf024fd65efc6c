// kernel: i64_uniform_params — 64-bit scalar parameters mixed with 32-bit ones (int, long long, unsigned, unsigned long long, float, size_t): uniform-buffer alignment of 8-byte values
// args: u64[3000]:fill(0) i32:-77 i64:-123456789012 u32:4000000000 u64:18000000000000000000 f32:0.5 u64:3000
// grid: 12  block: 256
// reference: out[i] = ((unsigned long long)(b * i + a) ^ (d >> (i % 64))) + c + (unsigned long long)(s * (float)i) for i < n
__global__ void i64_uniform_params(unsigned long long *out, int a, long long b, unsigned int c,
                                   unsigned long long d, float s, size_t n) {
  size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
  if (i < n) out[i] = ((unsigned long long)(b * (long long)i + a) ^ (d >> (i % 64))) + c +
                      (unsigned long long)(s * i);
}
