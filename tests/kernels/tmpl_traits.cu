// kernel: clamp_to<float> — traits structs with explicit specialisation give per-type bounds
// args: f32[4000]:rand(50) f32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: out[i] = in[i] clamped to [-0.5f, 0.5f]
// kernel: clamp_to<int> — the int specialisation (bounds -100, 100)
// args: i32[4000]:rand(51) i32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: out[i] = in[i] clamped to [-100, 100]
template <typename T> struct Bounds;
template <> struct Bounds<float> { float lo, hi; };
template <> struct Bounds<int> { int lo, hi; };

template <typename T> __device__ Bounds<T> bounds();
template <> __device__ Bounds<float> bounds<float>() { Bounds<float> b; b.lo = -0.5f; b.hi = 0.5f; return b; }
template <> __device__ Bounds<int> bounds<int>() { Bounds<int> b; b.lo = -100; b.hi = 100; return b; }

template <typename T>
__global__ void clamp_to(const T *in, T *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Bounds<T> b = bounds<T>();
  T v = in[i];
  out[i] = v < b.lo ? b.lo : (v > b.hi ? b.hi : v);
}

template __global__ void clamp_to<float>(const float *, float *, int);
template __global__ void clamp_to<int>(const int *, int *, int);
