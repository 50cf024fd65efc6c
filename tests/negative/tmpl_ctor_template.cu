// expect: tmpl_ctor_template.cu:8:33: error: constructor templates are not supported; declare one constructor per argument type
// expect: tmpl_ctor_template.cu:12:3: note: in instantiation of 'Pair<float>' requested here
// nvcc: accepts (valid CUDA we do not support)

template <class T> struct Pair {
  T a, b;
  __device__ Pair(T x, T y) : a(x), b(y) {}
  template <class U> __device__ Pair(const Pair<U> &o) : a(T(o.a)), b(T(o.b)) {}
};

__global__ void k(float *o) {
  Pair<float> p(1.0f, 2.0f);
  o[threadIdx.x] = p.a;
}
