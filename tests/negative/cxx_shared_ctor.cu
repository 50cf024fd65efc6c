// expect: cxx_shared_ctor.cu:12:25: error: __shared__ variable 'tile' of type 'Acc<float>' cannot be initialized by a non-empty default constructor (CUDA does not run constructors of __shared__ variables); give 'Acc<float>' a trivial default constructor ('Acc() = default;') and assign the members
// nvcc: accepts with warning #20054-D (dynamic initialization is not supported for a function-scope static __shared__ variable) and does not run the constructor

template <class T> struct Acc {
  T s;
  int n;
  __device__ Acc() : s(0), n(0) {}
  __device__ void add(T v) { s += v; n++; }
};

__global__ void k(const float *in, float *out) {
  __shared__ Acc<float> tile[64];
  tile[threadIdx.x].add(in[threadIdx.x]);
  __syncthreads();
  out[threadIdx.x] = tile[63 - threadIdx.x].s;
}
