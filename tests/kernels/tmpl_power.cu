// kernel: power_series — compile-time recursion through a function template ended by an explicit specialisation
// args: f32[2000]:rand(61) f32[2000]:fill(-1) i32:2000
// grid: 8  block: 256
// tol: 1e-5
// reference: out[i] = x + x^2 + x^3 + x^5 with x = in[i], each power computed as x*x*...*1.0f left to right from the highest factor
template <int N>
__device__ float power(float x) { return x * power<N - 1>(x); }

template <>
__device__ float power<0>(float x) { return 1.0f; }

__global__ void power_series(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    out[i] = power<1>(x) + power<2>(x) + power<3>(x) + power<5>(x);
  }
}
