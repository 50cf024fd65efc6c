// kernel: cxx_compound_ops — member compound-assignment operators (+=, -=, *=) returning *this by reference, chained on locals and on struct members
// args: f32[1000]:rand(22) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: i < n: acc = (x, 0); loop 4 times: acc += (x, 1); acc *= 0.5; acc -= (0.25, 0.25); out[i] = acc.p + acc.q + h.s.p (h.s = acc then += (1,1))
struct Pair {
  float p, q;
  __device__ Pair &operator+=(const Pair &o) { p += o.p; q += o.q; return *this; }
  __device__ Pair &operator-=(const Pair &o) { p -= o.p; q -= o.q; return *this; }
  __device__ Pair &operator*=(float s) { p *= s; q *= s; return *this; }
};
struct Holder {
  Pair s;
  int tag;
};

__global__ void cxx_compound_ops(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float x = in[i];
  Pair acc = {x, 0.0f};
  for (int k = 0; k < 4; k++) {
    acc += Pair{x, 1.0f};
    acc *= 0.5f;
    acc -= Pair{0.25f, 0.25f};
  }
  Holder h;
  h.s = acc;
  h.tag = i;
  h.s += Pair{1.0f, 1.0f};
  out[i] = acc.p + acc.q + h.s.p;
}
