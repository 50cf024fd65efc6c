// kernel: i64_double_demote — double arithmetic, math (sqrt, fabs, exp) and a double scalar: native on the CPU; on WGSL computed in float with --demote-double (buffers travel as float)
// flags: --demote-double
// args: f64[4000]:rand(514) f64[4000]:fill(-1) f64:0.75 i32:4000
// grid: 16  block: 256
// reference: y[i] = a * x * x + sqrt(|x|) + exp(-x) * 0.125 with x = x[i], in double
// tol: 1e-4
__global__ void i64_double_demote(const double *x, double *y, double a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double v = x[i];
    y[i] = a * v * v + sqrt(fabs(v)) + exp(-v) * 0.125;
  }
}
