// kernel: cxx_functor — function objects: structs with a const operator() holding parameters, passed by const reference to a device helper
// args: f32[1000]:rand(6) f32[1000]:fill(-1) i32:1000 f32:1.5 f32:-0.25
// grid: 4  block: 256
// reference: i < n: t = a*x + b; out[i] = (t > 0 ? t : 0.01f*t) + (a*(x*x) + b)
struct Saxpb {
  float a, b;
  __device__ float operator()(float x) const { return a * x + b; }
};
struct LeakyRelu {
  float slope;
  __device__ float operator()(float x) const { return x > 0.0f ? x : slope * x; }
};

__device__ float apply_both(const Saxpb &f, const LeakyRelu &g, float x) { return g(f(x)) + f(x * x); }

__global__ void cxx_functor(const float *x, float *out, int n, float a, float b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  Saxpb f = {a, b};
  LeakyRelu g{0.01f};
  if (i < n) out[i] = apply_both(f, g, x[i]);
}
