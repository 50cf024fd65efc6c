// kernel: dft<float> — a templated complex<T> class (constructors with a default argument T(0), a default constructor, operators returning `cplx(...)` from members, operator+= returning cplx<T>&, a static factory) used for a direct DFT with a twiddle table: X[k] = sum_j x[j] * w[(k*j) % n]
// args: f32[48]:rand(91) f32[48]:rand(92) f32[48]:rand(93) f32[48]:rand(94) f32[48]:fill(-7) f32[48]:fill(-7) i32:48
// grid: 2  block: 32
// reference: for k < n, in float, acc = (0, 0); for j = 0..n-1: m = (k*j) % n, (a, b) = (xr[j], xi[j]), (c, d) = (wr[m], wi[m]): acc = (acc.re + (a*c - b*d), acc.im + (a*d + b*c)); then the result is scaled by the real factor 0.5 and conjugated: outr[k] = 0.5*acc.re, outi[k] = -(0.5*acc.im); elements k >= n keep -7
// tol: 1e-4
// kernel: dft<int> — the same kernel instantiated for complex integers (exact)
// args: i32[40]:rand(95) i32[40]:rand(96) i32[40]:rand(97) i32[40]:rand(98) i32[40]:fill(-7) i32[40]:fill(-7) i32:40
// grid: 2  block: 32
// reference: as dft<float> in 32-bit integers, with the scale 0.5 replaced by the integer factor 1 (see scale_of<int>): outr[k] = acc.re, outi[k] = -acc.im; elements k >= n keep -7

template <class T> struct cplx {
  T re, im;
  __device__ cplx() : re(0), im(0) {}
  __device__ cplx(T r, T i = T(0)) : re(r), im(i) {}
  __device__ cplx operator+(const cplx &o) const { return cplx(re + o.re, im + o.im); }
  __device__ cplx operator*(const cplx<T> &o) const { return cplx(re * o.re - im * o.im, re * o.im + im * o.re); }
  __device__ cplx<T> &operator+=(const cplx &o) {
    re += o.re;
    im += o.im;
    return *this;
  }
  __device__ cplx conj() const { return cplx(re, -im); }
  __device__ static cplx from(const T *r, const T *i, int k) { return cplx<T>(r[k], i[k]); }
};

template <class T> struct scale_of {
  __device__ static cplx<T> get() { return cplx<T>(T(1)); }
};
template <> struct scale_of<float> {
  __device__ static cplx<float> get() { return cplx<float>(0.5f); }
};

template <class T>
__global__ void dft(const T *xr, const T *xi, const T *wr, const T *wi, T *outr, T *outi, int n) {
  int k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k >= n) return;
  cplx<T> acc;
  for (int j = 0; j < n; j++) {
    int m = (k * j) % n;
    acc += cplx<T>::from(xr, xi, j) * cplx<T>(wr[m], wi[m]);
  }
  cplx<T> r = (acc * scale_of<T>::get()).conj();
  outr[k] = r.re;
  outi[k] = r.im;
}

template __global__ void dft<float>(const float *, const float *, const float *, const float *, float *, float *, int);
template __global__ void dft<int>(const int *, const int *, const int *, const int *, int *, int *, int);
