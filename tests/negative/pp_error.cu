// expect: unsupported config
// nvcc: rejects (invalid CUDA)

#define CONFIG 3
#if CONFIG > 2
#error unsupported config
#endif
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
}
