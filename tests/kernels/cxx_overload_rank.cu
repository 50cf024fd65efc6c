// kernel: cxx_overload_rank — overload resolution by C++ ranking: exact match beats promotion beats conversion (char/short/bool promote to int, unsigned converts), const and non-const reference overloads
// args: i32[1000]:rand(17) f32[1000]:rand(18) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: k = in[i]; c = (char)(k & 0x7f); out[i] = 10*k + (1000+c) + (1000+(short)k) + (2*(unsigned)k -> as int) + 7 + (f < 0 ? 100 : 200) + 3 + 4
__device__ int pick(int v) { return 1000 + v; }
__device__ int pick(float v) { return v < 0.0f ? 100 : 200; }
__device__ int pick(unsigned v) { return (int)(2u * v); }
__device__ int tag(int &) { return 3; }
__device__ int tag(const int &) { return 4; }

__global__ void cxx_overload_rank(const int *in, const float *f, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int k = in[i];
  char c = (char)(k & 0x7f);
  short s = (short)k;
  bool b = true;
  const int ck = 1;
  out[i] = 10 * k + pick(c) + pick(s) + pick((unsigned)k) + (pick(b) - 994) + pick(f[i]) + tag(k) + tag(ck);
}
