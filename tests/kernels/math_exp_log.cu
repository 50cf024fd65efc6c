// kernel: math_exp_log — exponential and logarithm family on domain-safe inputs
// args: f32[5003]:rand(11) f32[50030]:fill(-7) i32:5003
// grid: 40  block: 128
// reference: with x = in[i] (|x|<=1) and p = fabsf(x)+0.5f: out[i*10+k] = {expf(x), exp2f(x), exp10f(x), expm1f(x), logf(p), log2f(p), log10f(p), log1pf(p), powf(p, x), powf(p, 2.5f)}[k]
// tol: 1e-4
__global__ void math_exp_log(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    float p = fabsf(x) + 0.5f;
    float *o = out + i * 10;
    o[0] = expf(x);
    o[1] = exp2f(x);
    o[2] = exp10f(x);
    o[3] = expm1f(x);
    o[4] = logf(p);
    o[5] = log2f(p);
    o[6] = log10f(p);
    o[7] = log1pf(p);
    o[8] = powf(p, x);
    o[9] = powf(p, 2.5f);
  }
}
