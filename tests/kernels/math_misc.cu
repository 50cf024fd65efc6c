// kernel: math_misc — sqrt/rsqrt/cbrt, abs/min/max/fdim, fma, hypot, erf/erfc, copysign, ldexp, classification
// args: f32[3001]:rand(14) f32[3001]:rand(15) f32[51017]:fill(-7) i32:3001
// grid: 12  block: 256
// reference: with x = a[i], y = b[i] (|x|,|y|<=1), p = fabsf(x)+0.25f: out[i*17+k] = {sqrtf(p), rsqrtf(p), cbrtf(x), fabsf(x), fminf(x,y), fmaxf(x,y), fdimf(x,y), fmaf(x,y,0.5f), hypotf(x,y), erff(x), erfcf(x), copysignf(p,y), ldexpf(x,3), isnan(x)?1:0, isinf(x)?1:0, isfinite(x)?1:0, signbit(y)?1:0}[k]
// tol: 1e-5
__global__ void math_misc(const float *a, const float *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = a[i], y = b[i];
    float p = fabsf(x) + 0.25f;
    float *o = &out[i * 17];
    o[0] = sqrtf(p);
    o[1] = rsqrtf(p);
    o[2] = cbrtf(x);
    o[3] = fabsf(x);
    o[4] = fminf(x, y);
    o[5] = fmaxf(x, y);
    o[6] = fdimf(x, y);
    o[7] = fmaf(x, y, 0.5f);
    o[8] = hypotf(x, y);
    o[9] = erff(x);
    o[10] = erfcf(x);
    o[11] = copysignf(p, y);
    o[12] = ldexpf(x, 3);
    o[13] = isnan(x) ? 1.0f : 0.0f;
    o[14] = isinf(x) ? 1.0f : 0.0f;
    o[15] = isfinite(x) ? 1.0f : 0.0f;
    o[16] = signbit(y) ? 1.0f : 0.0f;
  }
}
