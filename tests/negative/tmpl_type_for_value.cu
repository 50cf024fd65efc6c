// expect: tmpl_type_for_value.cu:6:14: error: template argument for non-type parameter 'N' of 'Vec' must be a constant expression, not a type
template <typename T, int N> struct Vec { T v[N]; };

__global__ void k(float *out) {
  int i = threadIdx.x;
  Vec<float, float> bad;
  out[i] = 0.0f;
}
