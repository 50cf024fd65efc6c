// expect: tmpl_member_declared_only.cu:13:5: error: member function template 'Acc::add' is declared but not defined before this use (declared at tmpl_member_declared_only.cu:7; define it in its class, or after the class and before its first use)
// nvcc: rejects (ptxas: unresolved extern function)

struct Acc {
  float s;
  /* declared, never defined */
  template <typename U> __device__ void add(U v);
};

__global__ void k(float *y) {
  Acc a;
  a.s = 0.0f;
  a.add(2);
  y[threadIdx.x] = a.s;
}
