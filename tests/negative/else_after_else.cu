// expect: error: #else after #else
// nvcc: rejects (invalid CUDA)

#ifdef USE_FAST
#define SCALE 2.0f
#else
#define SCALE 1.0f
#else
#define SCALE 3.0f
#endif
__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] *= SCALE;
}
