// kernel: print_assert_holds — assert() on an invariant that holds (index range and a clamped value), so the launch succeeds and computes a clamp
// args: f32[2500]:rand(341) f32[2500]:fill(-1) i32:2500
// grid: 10  block: 256
// reference: out[i] = min(max(in[i], -0.5), 0.5) for i < n
#include <assert.h>

__global__ void print_assert_holds(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    assert(i >= 0 && i < n);
    float v = fminf(fmaxf(in[i], -0.5f), 0.5f);
    assert(v >= -0.5f && v <= 0.5f);
    out[i] = v;
  }
}
