// kernel: cxx_methods — a class with private data, public methods defined inside and outside the class (const and non-const), a static member function, static constexpr members and a member-initialiser-list constructor
// args: f32[1000]:rand(14) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: acc starts at x; add(x*2) 3 times; out[i] = (x + 6x) * 0.5 + 4 (clamped result via Range with lo -2 hi 2: clamp((x+6x)*0.5, -2, 2) + 4)
class Accum {
public:
  __device__ Accum(float start, float scale) : sum_(start), scale_(scale) {}
  __device__ void add(float v);
  __device__ float value() const;
  static constexpr float kOffset = 4.0f;
  static __device__ float clampf(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

private:
  float sum_;
  float scale_;
};

__device__ void Accum::add(float v) { sum_ += v; }
__device__ float Accum::value() const { return sum_ * scale_; }

__global__ void cxx_methods(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Accum a(x[i], 0.5f);
  for (int k = 0; k < 3; k++) a.add(x[i] * 2.0f);
  out[i] = Accum::clampf(a.value(), -2.0f, 2.0f) + Accum::kOffset;
}
