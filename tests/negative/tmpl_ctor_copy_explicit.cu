// expect: tmpl_ctor_copy_explicit.cu:15:5: error: copying a non-const 'W' here would use its explicit constructor template 'W(U &)' in some forms of initialisation and its copy constructor in others; not supported: make the template's parameter 'const U &' or copy from a const object
// nvcc: accepts (valid CUDA we do not support)

struct W {
  float x;
  __device__ W(float a) : x(a) {}
  /* explicit: W b(a) from a non-const W takes it (W(W &)), W b = a the
   * implicit copy constructor */
  template <class U> __device__ explicit W(U &u) : x(u.x * 2.0f) {}
};

__global__ void k(const float *x, float *y) {
  int i = threadIdx.x;
  W a(x[i]);
  W b(a);
  W c = a;
  y[2 * i] = b.x;
  y[2 * i + 1] = c.x;
}
