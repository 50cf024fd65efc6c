// expect: :8:5: error: __syncthreads() in divergent control flow is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(const int *steps, float *y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  for (int s = 0; s < steps[i]; s++) {
    y[i] += 1.0f;
    __syncthreads();
  }
}
