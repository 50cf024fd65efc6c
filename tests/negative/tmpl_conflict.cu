// expect: tmpl_conflict.cu:6:12: error: conflicting deductions for template parameter 'T' of 'maxOf' ('float' vs 'int')
template <typename T>
__device__ T maxOf(T a, T b) { return a > b ? a : b; }

__global__ void k(float *out) {
  out[0] = maxOf(out[1], 2);
}
