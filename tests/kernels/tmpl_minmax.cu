// kernel: range_minmax — templated min/max helpers with argument deduction (T from values and from pointers)
// args: f32[6000]:rand(52) f32[6000]:rand(53) f32[6000]:fill(-1) i32[6000]:fill(-1) i32:6000
// grid: 24  block: 256
// reference: lo[i] = min(a[i], b[i]) + max(a[i], b[i]) (float); imax[i] = max(i % 7, 3) - min(i % 5, 2) (int)
template <typename T>
__device__ T maxOf(T a, T b) { return a > b ? a : b; }

template <typename T>
__device__ T minOf(T a, T b) { return a < b ? a : b; }

template <typename T>
__device__ T maxAt(const T *p, const T *q, int i) { return maxOf(p[i], q[i]); }

__global__ void range_minmax(const float *a, const float *b, float *lo, int *imax, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    lo[i] = minOf(a[i], b[i]) + maxAt(a, b, i);
    imax[i] = maxOf(i % 7, 3) - minOf<int>(i % 5, 2);
  }
}
