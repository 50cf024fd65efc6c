// kernel: double_math — double math library calls and double literals without f suffix (C only: WGSL has no f64, and --demote-double would not meet the double tolerance)
// args: f64[3000]:rand(203) f64[15000]:fill(-7) i32:3000
// grid: 12  block: 256
// reference: x = in[i], p = fabs(x) + 0.5: out[5i..5i+4] = {sqrt(p), exp(x), log(p), sin(x) * cos(x), pow(p, 1.5)}
// tol: 1e-12
__global__ void double_math(const double *in, double *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double x = in[i];
    double p = fabs(x) + 0.5;
    out[5 * i] = sqrt(p);
    out[5 * i + 1] = exp(x);
    out[5 * i + 2] = log(p);
    out[5 * i + 3] = sin(x) * cos(x);
    out[5 * i + 4] = pow(p, 1.5);
  }
}
