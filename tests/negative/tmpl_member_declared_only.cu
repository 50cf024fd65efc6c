// expect: tmpl_member_declared_only.cu:7:41: error: member function template 'add' must be defined inside its class (out-of-class definitions of member templates are not supported)
// nvcc: accepts (valid CUDA we do not support)

struct Acc {
  float s;
  /* defined below the class: refused at the declaration */
  template <typename U> __device__ void add(U v);
};

template <typename U> __device__ void Acc::add(U v) { s += (float)v; }

__global__ void k(float *y) {
  Acc a;
  a.s = 0.0f;
  a.add(2);
  y[threadIdx.x] = a.s;
}
