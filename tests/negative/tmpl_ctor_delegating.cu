// expect: tmpl_ctor_delegating.cu:7:23: error: delegating constructors are not supported; initialize the members of 'Pair<float>' in this constructor's own initializer list
// nvcc: accepts (valid CUDA we do not support)

template <class T> struct Pair {
  T a, b;
  __device__ Pair(T x, T y) : a(x), b(y) {}
  __device__ Pair() : Pair(T(0), T(1)) {}
};

__global__ void k(float *o) {
  Pair<float> p;
  o[threadIdx.x] = p.b;
}
