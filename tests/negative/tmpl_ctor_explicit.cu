// expect: tmpl_ctor_explicit.cu:14:12: error: copy-initialization of 'Fixed<8>' cannot use an explicit constructor; write 'Fixed<8>(...)'
// nvcc: rejects

template <int F> struct Fixed {
  int raw;
  /* explicit: Fixed<8> f(2.5f) converts, Fixed<8> f = 2.5f does not */
  template <typename U> __host__ __device__ explicit Fixed(U v) : raw(int(v * (1 << F))) {}
};

__global__ void k(const float *x, int *y) {
  int i = threadIdx.x;
  Fixed<8> a(x[i]);
  y[2 * i] = a.raw;
  Fixed<8> b = x[i];
  y[2 * i + 1] = b.raw;
}
