// expect: tmpl_deduce_fail.cu:7:12: error: cannot deduce template parameter 'R' of 'convert'
template <typename R, typename T>
__device__ R convert(T v) { return (R)v; }

__global__ void k(float *out, const int *in) {
  int i = threadIdx.x;
  out[i] = convert(in[i]);
}
