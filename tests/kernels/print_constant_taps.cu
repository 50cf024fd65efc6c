// kernel: print_constant_taps — 5-tap filter whose taps are a __constant__ array of structs {offset, weight} and whose scale/bias come from a __constant__ params struct (both initialised in the source); clamp-to-edge indexing
// args: f32[2000]:rand(321) f32[2000]:fill(-7) i32:2000
// grid: 8  block: 256
// reference: taps = {(-2,0.0625),(-1,0.25),(0,0.375),(1,0.25),(2,0.0625)}; out[i] = 1.5 * sum_t w_t * in[clamp(i + off_t, 0, n-1)] + 0.25
struct Tap { int offset; float weight; };
struct FilterParams { float scale; float bias; int ntaps; };

__constant__ Tap c_taps[5] = {{-2, 0.0625f}, {-1, 0.25f}, {0, 0.375f}, {1, 0.25f}, {2, 0.0625f}};
__constant__ FilterParams c_params = {1.5f, 0.25f, 5};

__global__ void print_constant_taps(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0.0f;
  for (int t = 0; t < c_params.ntaps; t++) {
    int j = min(max(i + c_taps[t].offset, 0), n - 1);
    acc += c_taps[t].weight * in[j];
  }
  out[i] = c_params.scale * acc + c_params.bias;
}
