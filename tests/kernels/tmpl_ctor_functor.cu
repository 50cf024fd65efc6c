// kernel: transform_axpby<float> — templated functor structs holding parameters set by their constructors (axpby<T>(a, b), clamp_op<T>(lo) whose hi defaults to T(1) * 2), built as temporaries and passed by value to a device function template that deduces the functor type
// args: f32[700]:rand(61) f32[700]:rand(62) f32[700]:fill(-7) i32:700 f32:1.5 f32:-2.25
// grid: 3  block: 256
// reference: for i < n: v = a*x[i] + b*y[i] in float (a = 1.5, b = -2.25), out[i] = min(max(v, -1), 2); elements i >= n keep -7
// tol: 1e-5
// kernel: transform_axpby<int> — the same kernel for int
// args: i32[700]:rand(63) i32[700]:rand(64) i32[700]:fill(-7) i32:700 i32:3 i32:-2
// grid: 3  block: 256
// reference: for i < n: v = 3*x[i] - 2*y[i], out[i] = min(max(v, -1), 2); elements i >= n keep -7
// kernel: window_stats<int> — a stats<T> accumulator whose default constructor sets lo/hi/count, in a local array default-constructed per element, and copied
// args: i32[500]:rand(65) i32[1500]:fill(-7) i32:500
// grid: 2  block: 256
// reference: for i < n, over j = 0..6 with i + j < n, v = x[i+j]: accumulator (j % 2) keeps the minimum, the maximum and the count of its values (starting from lo = 1000000, hi = -1000000, count 0); out[3i] = lo of accumulator 0, out[3i+1] = hi of accumulator 1 (or -1000000 when it saw none), out[3i+2] = count 0 * 10 + count 1; elements of i >= n keep -7

template <class T> struct axpby {
  T a, b;
  __device__ axpby(T a_, T b_) : a(a_), b(b_) {}
  __device__ T operator()(T x, T y) const { return a * x + b * y; }
};

template <class T> struct clamp_op {
  T lo, hi;
  __device__ clamp_op(T l, T h = T(1) * 2) : lo(l), hi(h) {}
  __device__ T operator()(T v) const { return v < lo ? lo : (v > hi ? hi : v); }
};

template <class T, class F, class C> __device__ T apply2(F f, C c, T x, T y) { return c(f(x, y)); }

template <class T> __global__ void transform_axpby(const T *x, const T *y, T *out, int n, T a, T b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = apply2(axpby<T>(a, b), clamp_op<T>(T(-1)), x[i], y[i]);
}

template <class T> struct stats {
  T lo, hi;
  int count;
  __device__ stats() : lo(T(1000000)), hi(T(-1000000)), count(0) {}
  __device__ void add(T v) {
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
    count++;
  }
};

template <class T> __global__ void window_stats(const T *x, T *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  stats<T> acc[2];
  for (int j = 0; j < 7 && i + j < n; j++) acc[j % 2].add(x[i + j]);
  stats<T> even = acc[0];
  out[3 * i] = even.lo;
  out[3 * i + 1] = acc[1].hi;
  out[3 * i + 2] = even.count * 10 + acc[1].count;
}

int main() {
  float *xf = 0, *yf = 0, *of = 0;
  int *xi = 0, *yi = 0, *oi = 0;
  transform_axpby<float><<<3, 256>>>(xf, yf, of, 700, 1.5f, -2.25f);
  transform_axpby<int><<<3, 256>>>(xi, yi, oi, 700, 3, -2);
  window_stats<int><<<2, 256>>>(xi, oi, 500);
  return 0;
}
