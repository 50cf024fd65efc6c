// expect: error: double-precision arithmetic is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i] * 2.0 + y[i];
}
