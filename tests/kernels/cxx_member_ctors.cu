// kernel: cxx_member_ctors — members default-constructed as C++ does: a member missing from a constructor's initializer list runs its default constructor, members are initialised in declaration order whatever the list's order, an aggregate holding class members (also in arrays) default-constructs them when declared without an initializer and for the elements a brace list leaves out, a class element initialised from {args} or from a value (converting constructor) in a list
// args: i32[400]:rand(75) i32[3200]:fill(-7) i32:400
// grid: 2  block: 256
// reference: for i < n, x = in[i]; an accumulator (lo, cnt) starts at (1000, 0) by default and at (v, 1) from v; out[8i + k] for k = 0..7: 1000 + 10 * x, 2000, x + 2000, x * 100 + (x + 1) * 10 + 1000, 1 + 2 * 10 + 1000, 3 * (x - 1), 2000, x + 1
struct Acc {
  int lo, cnt;
  __device__ Acc() : lo(1000), cnt(0) {}
  __device__ Acc(int l) : lo(l), cnt(1) {}
};

struct Agg {
  int z;
  Acc a;
  Acc arr[2];
};

struct Outer {
  Acc a;
  int z;
  Acc b;
  int w;
  __device__ Outer(int q) : w(z * 3), z(q - 1), b(q) {}
};

__global__ void cxx_member_ctors(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int x = in[i];
  int *o = out + 8 * i;
  Outer u(x);
  o[0] = u.a.lo + u.b.lo * 10;
  Agg g;
  o[1] = g.a.lo + g.arr[1].lo;
  Agg h = {x};
  o[2] = h.z + h.a.lo + h.arr[0].lo + h.arr[1].cnt;
  Agg k = {0, Acc(x), {x + 1}};
  o[3] = k.a.lo * 100 + k.arr[0].lo * 10 + k.arr[1].lo;
  Acc arr[4] = {Acc(1), 2};
  o[4] = arr[0].lo + arr[1].lo * 10 + arr[2].lo + arr[3].cnt;
  o[5] = u.w;
  Agg m[2];
  o[6] = m[1].arr[1].lo + m[0].a.cnt + m[0].arr[0].lo;
  Acc b = {x};
  o[7] = b.lo + b.cnt;
}
