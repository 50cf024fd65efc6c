// kernel: cxx_overload_refs — overloaded device helpers (int/float/two-arg), reference out-parameters, const T& parameters
// args: f32[1000]:rand(1) i32[1000]:rand(2) f32[1000]:fill(-1) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: a = 2*x, c = (a*0.5f + 1) + (x + 1); fo = c + 1; lo/hi = min/max of 0, k, 2k-7; io = 2*lo + hi
__device__ float twice(float x) { return 2.0f * x; }
__device__ int twice(int x) { return x << 1; }
__device__ float twice(float x, float s) { return x * s + 1.0f; }
__device__ void swapf(float &a, float &b) { float t = a; a = b; b = t; }
__device__ float addc(const float &a, const float &b) { return a + b; }
__device__ void minmax(int v, int &lo, int &hi) { if (v < lo) lo = v; if (v > hi) hi = v; }
__device__ float &at(float *p, int i) { return p[i]; }

__global__ void cxx_overload_refs(const float *x, const int *k, float *fo, int *io, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = x[i], b = twice(x[i]);
  swapf(a, b);
  float c = twice(a, 0.5f) + addc(b, 1.0f);
  int lo = 0, hi = 0;
  minmax(k[i], lo, hi);
  minmax(twice(k[i]) - 7, lo, hi);
  at(fo, i) = c;
  float &r = at(fo, i);
  r += 1.0f;
  io[i] = twice(lo) + hi;
}
