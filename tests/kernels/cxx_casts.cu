// kernel: cxx_casts — static_cast/reinterpret_cast-free index math with static_cast, const_cast, functional casts float(x), unsigned(x), int(x), bool literals
// args: f32[1000]:rand(10) i32[1000]:rand(11) f32[1000]:fill(-1) u32[1000]:fill(7) i32:1000
// grid: 4  block: 256
// reference: i < n: f = x[i]; q = static_cast<int>(f * 100.0f) (trunc); u = unsigned(k[i]) * 2654435761u; fo[i] = float(q) / 100.0f + static_cast<float>(i % 3); uo[i] = (u >> 16) ^ (unsigned)(k[i] > 0)
__global__ void cxx_casts(const float *x, const int *k, float *fo, unsigned *uo, int n) {
  const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (i >= n) return;
  const float *cx = x;
  float *mx = const_cast<float *>(cx);
  float f = mx[i];
  int q = static_cast<int>(f * 100.0f);
  unsigned u = unsigned(k[i]) * 2654435761u;
  bool pos = k[i] > 0 ? true : false;
  fo[i] = float(q) / 100.0f + static_cast<float>(i % 3);
  uo[i] = (u >> 16) ^ static_cast<unsigned>(pos);
}
