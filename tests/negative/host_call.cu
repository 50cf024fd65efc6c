// expect: :8:21: error: calling a __host__ function
// nvcc: rejects (invalid CUDA)

float host_scale(float v) { return v * 2.0f; }

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = host_scale(y[i]);
}
