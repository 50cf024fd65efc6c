// kernel: tmpl_ctor_template — constructor templates deduced from the constructor's arguments: a converting constructor template of a class template (template <class U> Vec2(const Vec2<U> &)) used by T v(a), T v{a}, T v = a, a temporary, return {a}, an array element and assignment; an explicit one (template <typename U> __host__ __device__ explicit Vec2(U s)) used only by direct initialisation; a duck-typed template <class U> Box(const U &) reading u.x and u.y, next to a non-template Box(float) that wins for a float (the template's body, invalid for a float, is never compiled)
// args: i32[600]:rand(81) f32[600]:rand(82) f32[4800]:fill(-7) i32:600
// grid: 3  block: 256
// reference: for i < n, k = ki[i], x = xf[i], in float: out[8i + j] for j = 0..7: 3 * (2k + 1), 5k + 2k + 1, 2m + 1.5m with m = (int)(8x) (truncated), 2k + 1, 2k + x, 1, 3k + k * (k + 1), x * (x + 1) + 3.75; elements i >= n keep -7
template <class T> struct Vec2 {
  T x, y;
  __device__ Vec2() : x(0), y(0) {}
  __device__ Vec2(T a, T b) : x(a), y(b) {}
  template <class U> __device__ Vec2(const Vec2<U> &o) : x(T(o.x)), y(T(o.y)) {}
  template <typename U> __host__ __device__ explicit Vec2(U s) : x(T(s) * 2), y(T(s) * 3) {}
  __device__ T sum() const { return x + y; }
};

struct Pt {
  int x, y;
};

struct Box {
  float w, h;
  template <class U> __device__ Box(const U &u) : w(float(u.x)), h(float(u.y)) {}
  __device__ Box(float s) : w(s), h(s + 1.0f) {}
  __device__ float area() const { return w * h; }
};

__device__ Vec2<float> widen(const Vec2<int> &v) { return {v}; }

__global__ void tmpl_ctor_template(const int *ki, const float *xf, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int k = ki[i];
  float x = xf[i];
  float *o = out + 8 * i;
  Vec2<int> vi(k, k + 1);
  Vec2<float> a(vi);
  Vec2<float> b{vi};
  Vec2<float> c = vi;
  o[0] = a.sum() + b.sum() + c.sum();
  Vec2<int> d(k);
  o[1] = (float)d.sum() + Vec2<float>(vi).sum();
  Vec2<int> e(x * 8.0f);
  o[2] = (float)e.x + (float)e.y * 0.5f;
  o[3] = widen(vi).sum();
  Vec2<float> arr[2] = {vi, Vec2<float>(x, 2.0f)};
  o[4] = arr[0].x * arr[1].y + arr[1].x;
  Vec2<float> f;
  f = vi;
  o[5] = f.y - f.x;
  Pt p = {k, 3};
  Box b1(p);
  Box b2 = a;
  o[6] = b1.area() + b2.area();
  Box b3(x);
  Box b4 = 1.5f;
  o[7] = b3.area() + b4.area();
}
