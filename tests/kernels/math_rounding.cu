// kernel: math_rounding — floor/ceil/round/rint/trunc/fmod/remainder on scaled inputs
// args: f32[3001]:rand(13) f32[21007]:fill(-7) i32:3001
// grid: 24  block: 128
// reference: with v = in[i]*10.3f: out[i*7+k] = {floorf(v), ceilf(v), roundf(v), rintf(v), truncf(v), fmodf(v, 3.0f), remainderf(v, 3.0f)}[k]
// tol: 1e-6
__global__ void math_rounding(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = in[i] * 10.3f;
    float r[7];
    r[0] = floorf(v);
    r[1] = ceilf(v);
    r[2] = roundf(v);
    r[3] = rintf(v);
    r[4] = truncf(v);
    r[5] = fmodf(v, 3.0f);
    r[6] = remainderf(v, 3.0f);
    for (int k = 0; k < 7; k++) out[i * 7 + k] = r[k];
  }
}
