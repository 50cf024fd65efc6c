// expect: error: double-precision arithmetic is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)
// why: the classic mistake: 0.5 is a double literal, so the multiply is in double

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = y[i] * 0.5 + 1.0f;
}
