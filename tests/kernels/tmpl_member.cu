// kernel: tmpl_member — member function templates: an accumulator struct whose add<T> is deduced from float and unsigned arguments and given explicitly (add<float>(int)), a non-template add(int) overload that wins over the template on an exact match, a non-type member template scaled<K>(), a static member template Acc::from<T>(), and a member template of a class template called as p.template eval<T>(x) inside a function template (dependent context)
// args: f32[300]:rand(71) i32[300]:rand(72) f32[300]:fill(-7) i32[300]:fill(-7) i32:300
// grid: 3  block: 128
// reference: for i < n, with x = f[i], k = k[i], m = k % 4 (C remainder), h(t) = (0.25 t + 0.5) t + 1 in float: out[i] = 2 * (4 + x + 2k + k) + h(x) + h(m); cnt[i] = 13; elements i >= n keep -7
// tol: 1e-5

struct Acc {
  float s;
  int n;
  template <typename T> __device__ void add(T v) {
    s += (float)v;
    n += 1;
  }
  __device__ void add(int v) { /* an exact match: preferred over add<int> */
    s += (float)(2 * v);
    n += 10;
  }
  template <int K> __device__ float scaled() const { return s * (float)K; }
  template <typename T> static __device__ Acc from(T v) {
    Acc a;
    a.s = (float)v;
    a.n = 0;
    return a;
  }
};

template <int W> struct Poly {
  float c[W];
  template <typename T> __device__ float eval(T x) const { /* Horner */
    float r = 0.0f;
    for (int k = W - 1; k >= 0; k--) r = r * (float)x + c[k];
    return r;
  }
};

template <int W, typename T> __device__ float eval_at(const Poly<W> &p, T x) {
  return p.template eval<T>(x);
}

__global__ void tmpl_member(const float *f, const int *k, float *out, int *cnt, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Acc a = Acc::from<int>(1);
  a.add(f[i]);
  a.add(k[i]);
  a.add<float>(k[i]);
  a.add(3u);
  Poly<3> p;
  p.c[0] = 1.0f;
  p.c[1] = 0.5f;
  p.c[2] = 0.25f;
  out[i] = a.scaled<2>() + eval_at(p, f[i]) + eval_at(p, k[i] % 4);
  cnt[i] = a.n;
}
