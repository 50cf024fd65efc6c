// kernel: tmpl_ctor_copy — a constructor template taking `U &` copies a non-const lvalue of its own class: C++ prefers its instance T(T &) to the copy constructor T(const T &) (the less qualified reference binding), in T v = w, T v(w), by-value arguments, return of a member, of a parameter and of one of two locals (C++17: without a move constructor the return is a copy from an lvalue); a const source takes the copy constructor (user-declared or implicit)
// args: i32[500]:rand(91) f32[500]:rand(92) f32[4096]:fill(-7) i32:500
// grid: 2  block: 256
// reference: for i < n, k = ki[i], x = xf[i], in float: out[8i + j] for j = 0..7: 2x, x, 3x, x + 100, 2x, 3x, 3x, 3x when k is odd else 3(x + 1); elements i >= n keep -7
struct S { // no user copy constructor: the implicit one, and the template for non-const sources
  float x;
  __device__ S(float a) : x(a) {}
  template <class U> __device__ S(U &u) : x(u.x * 2.0f) {}
};

struct R { // a user copy constructor, and the template for non-const sources
  float x;
  __device__ R(float a) : x(a) {}
  __device__ R(const R &o) : x(o.x + 100.0f) {}
  template <class U> __device__ R(U &u) : x(u.x * 3.0f) {}
};

struct Holder {
  R m;
  __device__ Holder(float a) : m(a) {}
  __device__ R get() { return m; } // a member: copied as an lvalue
};

__device__ float by_value(S s) { return s.x; }
__device__ R pass_through(R p) { return p; }
__device__ R pick(float a, bool first) {
  R l(a), o(a + 1.0f);
  if (first) return l; // two locals returned: no elision, each return copies
  return o;
}

__global__ void tmpl_ctor_copy(const int *ki, const float *xf, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float x = xf[i];
  float *o = out + 8 * i;
  S a(x);
  S b = a;
  const S c(x);
  S d = c;
  R r(x);
  R r2 = r;
  const R rc(x);
  R r3(rc);
  Holder h(x);
  o[0] = b.x;
  o[1] = d.x;
  o[2] = r2.x;
  o[3] = r3.x;
  o[4] = by_value(a);
  o[5] = pass_through(R(x)).x;
  o[6] = h.get().x;
  o[7] = pick(x, ki[i] & 1).x;
}
