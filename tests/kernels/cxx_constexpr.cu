// kernel: cxx_constexpr — constexpr variables and functions: array sizes, case labels, a constexpr function called at run time and folded at compile time
// args: i32[1000]:rand(9) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: v = in[i]; t[j] = j*j+1 for j < 8; s = t[(v & 7)] ; switch on (v & 3): 0 -> +4, 1 -> +9, 2 -> +16, 3 -> +0; out[i] = s + cube(v % 10) + that
constexpr int kTaps = 8;
constexpr int sq(int x) { return x * x; }
constexpr int sqp1(int x) { return sq(x) + 1; }
__host__ __device__ constexpr int cube(int x) { return x * x * x; }

__global__ void cxx_constexpr(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  constexpr int kMask = kTaps - 1;
  int t[sqp1(2) + 3]; /* 8 entries */
  for (int j = 0; j < kTaps; j++) t[j] = sqp1(j);
  int v = in[i];
  int s = t[v & kMask] + cube(v % 10);
  switch (v & 3) {
  case sq(0): s += sq(2); break;
  case sq(1): s += sq(3); break;
  case sq(2) - 2: s += sq(4); break;
  default: break;
  }
  out[i] = s;
}
