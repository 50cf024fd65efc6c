// kernel: cxx_lambda — device lambdas: capture by value with [=] and an explicit list, a non-capturing lambda, a mutable counter, auto return and '-> T'
// args: f32[1000]:rand(7) f32[1000]:fill(-1) i32:1000 f32:0.75
// grid: 4  block: 256
// reference: i < n: v = x[i]; s = v*scale + 1 + (v - 0.5f) ... out[i] = (v*scale + 1) + (v*v) + 3*(i % 4) + clampf(v,-0.5,0.5)
__global__ void cxx_lambda(const float *x, float *out, int n, float scale) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  float one = 1.0f;
  auto affine = [=](float t) { return t * scale + one; };
  auto square = [](float t) -> float { return t * t; };
  int lane = i % 4;
  auto steps = [lane]() mutable {
    int acc = 0;
    for (int k = 0; k < 3; k++) acc += lane;
    return acc;
  };
  auto clampv = [](float t, float lo, float hi) { return t < lo ? lo : (t > hi ? hi : t); };
  out[i] = affine(v) + square(v) + (float)steps() + clampv(v, -0.5f, 0.5f);
}
