// kernel: vec_dot<float,4> — a templated struct Vec<T, N> with an array member, loaded, summed and dotted
// args: f32[8000]:rand(54) f32[8000]:rand(55) f32[2000]:fill(-1) i32:2000
// grid: 8  block: 256
// tol: 1e-5
// reference: out[i] = sum over k < 4 of a[4i+k] * b[4i+k] + (a[4i] + a[4i+1] + a[4i+2] + a[4i+3]) for i < 2000
template <typename T, int N>
struct Vec {
  T v[N];
};

template <typename T, int N>
__device__ Vec<T, N> load(const T *p, int i) {
  Vec<T, N> r;
#pragma unroll
  for (int k = 0; k < N; ++k) r.v[k] = p[i * N + k];
  return r;
}

template <typename T, int N>
__device__ T dot(Vec<T, N> a, Vec<T, N> b) {
  T s = T(0);
  for (int k = 0; k < N; ++k) s += a.v[k] * b.v[k];
  return s;
}

template <typename T, int N>
__device__ T hsum(const Vec<T, N> *a) {
  T s = T(0);
  for (int k = 0; k < N; ++k) s += a->v[k];
  return s;
}

template <typename T, int N>
__global__ void vec_dot(const T *a, const T *b, T *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Vec<T, N> x = load<T, N>(a, i);
  Vec<T, N> y = load<T, N>(b, i);
  out[i] = dot(x, y) + hsum(&x);
}

template __global__ void vec_dot<float, 4>(const float *, const float *, float *, int);
