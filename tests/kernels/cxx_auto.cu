// kernel: cxx_auto — auto locals (deduced int, float, unsigned, pointer), const auto, auto& binding to an array element, auto* and references to locals
// args: f32[1000]:rand(12) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: out[i] = (x[i] * 2 + 0.5) + (i % 7) + 3 (via aliasing reference increments)
__global__ void cxx_auto(const float *x, float *out, int n) {
  auto i = blockIdx.x * blockDim.x + threadIdx.x; /* unsigned */
  if (i >= (unsigned)n) return;
  const auto half = 0.5f;
  auto p = x + i;
  auto v = *p * 2.0f + half;
  auto &r = out[i];
  r = v;
  auto *q = &out[i];
  *q += static_cast<float>(i % 7);
  int count = 0;
  int &c = count;
  for (auto k = 0; k < 3; ++k) ++c;
  r += count;
}
