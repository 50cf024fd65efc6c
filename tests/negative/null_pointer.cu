// expect: :6:14: error: null pointers are not supported in device code
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *a, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float *p = 0;
  if (n > 0) p = a;
  if (i < n) y[i] = p[i];
}
