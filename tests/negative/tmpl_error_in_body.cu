// expect: tmpl_error_in_body.cu:4:39: error: member reference base type 'int' is not a structure or union
// expect: tmpl_error_in_body.cu:9:12: note: in instantiation of 'getx<int>' requested here
template <typename T>
__device__ float getx(T v) { return v.x; }

struct P { float x; };
__global__ void k(float *out, const int *in) {
  P p; p.x = 1.0f;
  out[0] = getx(in[0]) + getx(p);
}
