// expect: tmpl_member_out_of_class.cu:10:1: error: out-of-class definitions of member templates ('template <...> template <...>') are not supported; define the member template inside its class
// nvcc: accepts (valid CUDA we do not support)

template <typename T> struct Acc {
  T s;
  template <typename U> __device__ void add(U v);
};

template <typename T>
template <typename U> __device__ void Acc<T>::add(U v) { s += (T)v; }

__global__ void k(float *y) {
  Acc<float> a;
  a.s = 0.0f;
  a.add(2);
  y[threadIdx.x] = a.s;
}
