// expect: error: dynamic parallelism (kernel launch from device code) is not supported
// nvcc: accepts (valid CUDA we do not support)
// why: valid CUDA with -rdc=true

__global__ void child(float *y) { y[threadIdx.x] = 1.0f; }

__global__ void parent(float *y, int n) {
  if (threadIdx.x == 0 && blockIdx.x == 0) child<<<1, 32>>>(y);
}
