// kernel: cxx_conversion_op — a fixed-point class with an explicit constructor, arithmetic operators and a conversion operator to float used implicitly and through static_cast
// args: f32[1000]:rand(20) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: q = (int)(x * 256); r = q + (q*q >> 8) ; out[i] = r / 256.0f + (float)q / 256.0f * 0.5f
struct Fixed {
  int raw;
  __device__ explicit Fixed(float f) : raw(static_cast<int>(f * 256.0f)) {}
  __device__ Fixed(int r, bool) : raw(r) {}
  __device__ Fixed operator*(Fixed o) const { return Fixed((raw * o.raw) >> 8, true); }
  __device__ Fixed operator+(Fixed o) const { return Fixed(raw + o.raw, true); }
  __device__ operator float() const { return raw / 256.0f; }
};

__global__ void cxx_conversion_op(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Fixed q(in[i]);
  Fixed r = q + q * q;
  float half = static_cast<float>(q) * 0.5f;
  out[i] = r + half;
}
