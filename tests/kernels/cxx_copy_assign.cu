// kernel: cxx_copy_assign — a user operator= that accumulates instead of replacing (and counts its calls), an operator=(int) overload chosen over the converting constructor, chained a = b = c through the returned reference, the implicitly-defined copy assignment of an aggregate (Acc::operator= per array element, the other members copied), and copy construction, which does not use operator=
// args: i32[500]:rand(73) i32[5000]:fill(-7) i32:500
// grid: 2  block: 256
// reference: for i < n, x0 = in[i], x1 = in[(i+1) % n], x2 = in[(i+2) % n]; out[10i + k] for k = 0..9: x0 + 2*x1 + x2, 201, x0, 20, 1 + 2*x0, 2 + 2*x1, 3 + 2*x2, 41, (x0 + 2*x1 + x2) * 10 + 2, x1 + 2*x2; elements of i >= n keep -7
struct Acc {
  int sum, writes;
  __device__ Acc() : sum(0), writes(0) {}
  __device__ Acc(int s) : sum(s), writes(0) {}
  __device__ Acc &operator=(const Acc &o) {
    sum += o.sum;
    writes++;
    return *this;
  }
  __device__ Acc &operator=(int v) {
    sum = v;
    writes += 10;
    return *this;
  }
};

struct Bank {
  Acc acc[3];
  int tag;
};

__global__ void cxx_copy_assign(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int x0 = in[i], x1 = in[(i + 1) % n], x2 = in[(i + 2) % n];
  int *o = out + 10 * i;
  Acc a(x0), b(x1), c(x2);
  a = b;
  a = b = c;
  o[0] = a.sum;
  o[1] = a.writes * 100 + b.writes;
  Acc d;
  d = 7;
  d = x0;
  o[2] = d.sum;
  o[3] = d.writes;
  Bank p = {{Acc(x0), Acc(x1), Acc(x2)}, 1};
  Bank q = {{Acc(1), Acc(2), Acc(3)}, 2};
  q = p;
  q = p;
  o[4] = q.acc[0].sum;
  o[5] = q.acc[1].sum;
  o[6] = q.acc[2].sum;
  o[7] = q.acc[2].writes * 20 + q.tag;
  Acc e = a;
  o[8] = e.sum * 10 + e.writes;
  o[9] = (c = b).sum;
}
