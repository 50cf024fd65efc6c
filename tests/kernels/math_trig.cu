// kernel: math_trig — trigonometric and hyperbolic functions (incl. sincosf through pointers to locals)
// args: f32[4001]:rand(12) f32[56014]:fill(-7) i32:4001
// grid: 32  block: 128
// reference: with x = in[i] (|x|<=1), a = 0.9f*x, h = 1.5f+fabsf(x): out[i*14+k] = {sinf(x), cosf(x), tanf(x), asinf(a), acosf(a), atanf(3x), atan2f(x, 0.5f-x), sinhf(x), coshf(x), tanhf(2x), asinhf(2x), acoshf(h), atanhf(a), s+c of sincosf(2x)}[k]
// tol: 1e-4
__global__ void math_trig(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float x = in[i];
    float a = 0.9f * x;
    float h = 1.5f + fabsf(x);
    float s, c;
    sincosf(2.0f * x, &s, &c);
    int b = i * 14;
    out[b + 0] = sinf(x);
    out[b + 1] = cosf(x);
    out[b + 2] = tanf(x);
    out[b + 3] = asinf(a);
    out[b + 4] = acosf(a);
    out[b + 5] = atanf(3.0f * x);
    out[b + 6] = atan2f(x, 0.5f - x);
    out[b + 7] = sinhf(x);
    out[b + 8] = coshf(x);
    out[b + 9] = tanhf(2.0f * x);
    out[b + 10] = asinhf(2.0f * x);
    out[b + 11] = acoshf(h);
    out[b + 12] = atanhf(a);
    out[b + 13] = s + c;
  }
}
