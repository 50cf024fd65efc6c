// expect: tmpl_member_conflict.cu:13:12: error: conflicting deductions for template parameter 'T' of 'larger' ('int' vs 'float')
// nvcc: rejects (no instance of function template matches the argument list)

template <int N> struct Tile {
  int base;
  template <class T> __device__ T larger(T a, T b) const { return a < b ? b : a; }
};

__global__ void k(const float *in, float *y) {
  Tile<4> t;
  t.base = 0;
  int i = threadIdx.x;
  y[i] = t.larger(i, in[i]);
}
