// kernel: nested_pairs — nested template-ids (Pair<Vec2<int>, float>, A<B<int>> with the '>>' token) as local types
// args: i32[2500]:rand(58) f32[2500]:rand(59) f32[2500]:fill(-1) i32:2500
// grid: 10  block: 256
// reference: out[i] = (float)(2 * k[i] + 1) * w[i] where the kernel stores k and k+1 in a Vec2<int> and w in a Pair
template <typename T> struct Vec2 { T x, y; };
template <typename A, typename B> struct Pair { A first; B second; };
template <typename T> struct Box { T inner; };

__global__ void nested_pairs(const int *k, const float *w, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Pair<Vec2<int>, float> p;
  p.first.x = k[i];
  p.first.y = k[i] + 1;
  p.second = w[i];
  Box<Box<Vec2<int>>> b;
  b.inner.inner = p.first;
  out[i] = (float)(b.inner.inner.x + b.inner.inner.y) * p.second;
}
