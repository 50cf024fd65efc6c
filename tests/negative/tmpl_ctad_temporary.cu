// expect: tmpl_ctad_temporary.cu:10:12: error: use of class template 'Pair' requires template arguments: class template argument deduction (C++17) is not supported; write them, e.g. 'Pair<float>'
// nvcc: accepts (valid CUDA we do not support)

template <class T> struct Pair {
  T a, b;
  __device__ Pair(T x, T y) : a(x), b(y) {}
};

__global__ void k(float *o) {
  auto p = Pair(1.0f, 2.0f);
  o[threadIdx.x] = p.a;
}
