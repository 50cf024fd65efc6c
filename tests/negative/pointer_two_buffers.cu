// expect: a pointer must always refer to the same buffer
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *a, float *b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float *p = (i & 1) ? a : b;
  if (i < n) p[i] = 1.0f;
}
