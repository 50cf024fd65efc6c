// kernel: cxx_copy_ctor — a user copy constructor that doubles the value and counts the copies, run where C++ copies (T v = w, T v(w), T v{w}, auto v = w, by-value arguments, returning a parameter or a member, a lambda capture, an array element initialised from an lvalue, the implicitly-defined copy constructor of an aggregate holding one, a conditional mixing an lvalue and a temporary) and not for prvalues (T v = T(a), a returned temporary, T(a) as an argument: C++17 elision) nor where a function returns the same local from every return (named return value optimisation, as nvcc does)
// args: i32[300]:rand(71) i32[4800]:fill(-7) i32:300
// grid: 2  block: 256
// reference: for i < n, x = in[i]; a value v with copy count c is written as v * 16 + c; out[16i + k] for k = 0..15 is (2x,1) (4x,2) (2x,1) (x,0) (x+3,0) (8x,3) (2x,1) (x,0) (4x,2) (x+1,0) [x odd: (2x,1), else (2x+2,1)] (4x,2)+5 (4x,2) (2x,1) (2x,1)+(x+1,0) [x > 0: (2x,1), else (-x,0)]; elements of i >= n keep -7
struct Tracked {
  int v, copies;
  __device__ explicit Tracked(int x) : v(x), copies(0) {}
  __device__ Tracked(const Tracked &o) : v(o.v * 2), copies(o.copies + 1) {}
  __device__ int code() const { return v * 16 + copies; }
};

struct Pair {
  Tracked t;
  int k;
};

class Holder {
  Tracked t;

public:
  __device__ Holder(const Tracked &x) : t(x) {}
  __device__ Tracked get() const { return t; }
};

__device__ int by_value(Tracked t) { return t.code(); }
__device__ Tracked pass_through(Tracked t) { return t; }
__device__ Tracked make(int x) { return Tracked(x + 3); }

__device__ Tracked nrvo(int x) {
  Tracked t(x);
  t.v += 1;
  return t;
}

__device__ Tracked two_locals(int x) {
  Tracked a(x), b(x + 1);
  if (x & 1) return a;
  return b;
}

__global__ void cxx_copy_ctor(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int x = in[i];
  int *o = out + 16 * i;
  Tracked a(x);
  Tracked b = a;
  Tracked c(b);
  Tracked d{a};
  Tracked e = Tracked(x);
  Tracked f = make(x);
  auto g = c;
  o[0] = b.code();
  o[1] = c.code();
  o[2] = d.code();
  o[3] = e.code();
  o[4] = f.code();
  o[5] = g.code();
  o[6] = by_value(a);
  o[7] = by_value(Tracked(x));
  o[8] = pass_through(a).code();
  o[9] = nrvo(x).code();
  o[10] = two_locals(x).code();
  Pair p = {a, 5};
  Pair q = p;
  o[11] = q.t.code() + q.k;
  Holder h(a);
  o[12] = h.get().code();
  auto lam = [=]() { return a.code(); };
  o[13] = lam();
  Tracked arr[2] = {a, Tracked(x + 1)};
  o[14] = arr[0].code() + arr[1].code();
  o[15] = (x > 0 ? a : Tracked(-x)).code();
}
