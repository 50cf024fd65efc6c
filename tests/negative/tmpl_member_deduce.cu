// expect: tmpl_member_deduce.cu:14:22: error: cannot deduce template parameter 'T' of 'Acc::get' (template declared at tmpl_member_deduce.cu:7); give it explicitly: get<...>(...)
// nvcc: rejects (couldn't deduce template parameter)

struct Acc {
  float s;
  template <typename T> __device__ void add(T v) { s += (float)v; }
  template <typename T> __device__ T get() const { return (T)s; }
};

__global__ void k(const float *in, float *y) {
  Acc a;
  a.s = 0.0f;
  a.add(in[0]);
  y[threadIdx.x] = a.get();
}
