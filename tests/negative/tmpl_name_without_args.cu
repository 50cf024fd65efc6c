// expect: tmpl_name_without_args.cu:9:24: error: use of class template 'Pair' requires template arguments (e.g. 'Pair<float>')
// nvcc: rejects (invalid CUDA)

template <class T> struct Pair {
  T a, b;
  __device__ Pair(T x, T y) : a(x), b(y) {}
};

__device__ float first(Pair p) { return p.a; }

__global__ void k(float *o) { o[threadIdx.x] = 1.0f; }
