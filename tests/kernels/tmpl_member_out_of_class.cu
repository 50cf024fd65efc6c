// kernel: tmpl_member_out_of_class — members declared in their class and defined after it: a class template's member template (template <class T> template <class U> U S<T>::f(U), parameters renamed in the definition, deduced and explicit), its static member template, its member functions (an overload pair, one defined only after the kernel), a plain class's member template (template <class U> void Acc::add(U)) and a namespace's function template defined outside the namespace
// args: i32[500]:rand(91) f32[500]:rand(92) f32[3500]:fill(-7) i32:500
// grid: 2  block: 256
// reference: for i < n, k = ki[i], x = xf[i], in float: out[7i + j] for j = 0..6: (2k + 1) * x, 4 * 2k, (float)(int)(2.5 * (x + 1)) + 7, 3k + 1, 2 * (k + 0.25), 2 * (x + 1.5), x * 1.5 * 2 + 1.5 * 3; elements i >= n keep -7
template <class T> struct Scaler {
  T m;
  template <class U> __device__ U apply(U u) const;
  template <class U> static __device__ U twice(U u);
  __device__ T get() const;
  __device__ T get(T add) const;
};

template <class T> template <class V> __device__ V Scaler<T>::apply(V v) const { return v * (V)m; }
template <class X> template <class W> __device__ W Scaler<X>::twice(W w) { return w + w; }
template <class T> __device__ T Scaler<T>::get(T add) const { return m + add; }

struct Acc {
  float s;
  template <typename U> __device__ void add(U v);
  template <typename U> __device__ U as() const;
};

template <typename U> __device__ void Acc::add(U v) { s += 2.0f * (float)v; }
template <typename R> __device__ R Acc::as() const { return (R)s; }

namespace geo {
template <class T> __device__ T shifted(T x);
}
template <class T> __device__ T geo::shifted(T x) { return x + T(1.5); }

__global__ void tmpl_member_out_of_class(const int *ki, const float *xf, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int k = ki[i];
  float x = xf[i];
  float *o = out + 7 * i;
  Scaler<int> si = {2 * k + 1};
  Scaler<float> sf = {1.5f};
  o[0] = si.apply(x);
  o[1] = (float)Scaler<int>::twice(2 * (2 * k));
  o[2] = (float)Scaler<float>::twice<int>((int)(2.5f * (x + 1.0f))) / 2.0f + 7.0f;
  o[3] = (float)(si.get(k) + (si.get() - 2 * k - 1));
  Acc a = {0.0f};
  a.add(k);
  a.add(0.25f);
  o[4] = a.as<float>();
  o[5] = 2.0f * geo::shifted(x);
  o[6] = sf.apply(x) * 2.0f + sf.get(sf.get()) * 1.5f;
}

template <class T> __device__ T Scaler<T>::get() const { return m; }
