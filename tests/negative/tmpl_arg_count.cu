// expect: tmpl_arg_count.cu:7:17: error: too many template arguments for 'Vec' (expected 2
template <typename T, int N> struct Vec { T v[N]; };

__global__ void k(float *out) {
  Vec<float, 2> ok;
  ok.v[0] = 1.0f;
  Vec<float, 2, 3> bad;
  out[0] = ok.v[0];
}
