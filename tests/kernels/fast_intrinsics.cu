// kernel: fast_intrinsics — __expf/__logf/__sinf/__cosf/__powf/__fdividef/__saturatef and the _rn forms
// args: f32[2049]:rand(16) f32[24588]:fill(-7) i32:2049
// grid: 9  block: 256
// reference: with x = in[i] (|x|<=1), p = fabsf(x)+0.5f: out[i*12+k] = {expf(x), logf(p), sinf(x), cosf(x), powf(p,1.5f), x/p, saturate(2x) (clamp to [0,1]), 1/p, sqrtf(p), x*p+1 (fma), x+p, x*p}[k]
// tol: 2e-3
__global__ void fast_intrinsics(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    float p = fabsf(x) + 0.5f;
    out[i * 12 + 0] = __expf(x);
    out[i * 12 + 1] = __logf(p);
    out[i * 12 + 2] = __sinf(x);
    out[i * 12 + 3] = __cosf(x);
    out[i * 12 + 4] = __powf(p, 1.5f);
    out[i * 12 + 5] = __fdividef(x, p);
    out[i * 12 + 6] = __saturatef(2.0f * x);
    out[i * 12 + 7] = __frcp_rn(p);
    out[i * 12 + 8] = __fsqrt_rn(p);
    out[i * 12 + 9] = __fmaf_rn(x, p, 1.0f);
    out[i * 12 + 10] = __fadd_rn(x, p);
    out[i * 12 + 11] = __fmul_rn(x, p);
  }
}
