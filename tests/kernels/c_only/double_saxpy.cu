// kernel: daxpy — double-precision y = a*x + y (C target only: WGSL has no f64)
// args: i32:100003 f64:2.5 f64[100003]:rand(201) f64[100003]:rand(202)
// grid: 391  block: 256
// reference: y[i] = a*x[i] + y[i] in double
__global__ void daxpy(int n, double a, const double *x, double *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
