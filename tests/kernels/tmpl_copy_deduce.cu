// kernel: gather_scaled — deduction through T* __restrict__, const T*, and an explicit+deduced mix (convert<float>(x))
// args: f32[4000]:rand(65) i32[4000]:rand(66) f32[4000]:fill(-1) i32:4000
// grid: 16  block: 256
// reference: out[i] = a[i] + (float)b[i] * 0.001f
template <typename T>
__device__ void store(T *__restrict__ dst, const T *src, int i) { dst[i] = src[i]; }

template <typename To, typename From>
__device__ To convert(From v) { return (To)v; }

__global__ void gather_scaled(const float *a, const int *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  store(out, a, i);
  out[i] += convert<float>(b[i]) * 0.001f;
}
