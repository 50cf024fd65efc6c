// kernel: i64_splitmix — splitmix64 per element (64-bit multiply by odd constants, xor-shifts), unsigned long long seed parameter, top bits to a float in [0,1)
// args: u64[5000]:fill(0) f32[5000]:fill(-1) u64:12345678901234567 i32:5000
// grid: 20  block: 256
// reference: z = seed + i * 0x9E3779B97F4A7C15 (mod 2^64); r = splitmix64(z) (z += golden; z = (z ^ z>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>27) * 0x94D049BB133111EB; r = z ^ z>>31); out[i] = r; uni[i] = (float)(r >> 40) / 2^24
__device__ unsigned long long splitmix64(unsigned long long x) {
  unsigned long long z = x + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

__global__ void i64_splitmix(unsigned long long *out, float *uni, unsigned long long seed, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned long long r = splitmix64(seed + (unsigned long long)i * 0x9E3779B97F4A7C15ull);
    out[i] = r;
    uni[i] = (r >> 40) * (1.0f / 16777216.0f);
  }
}
