// expect: error: no kernel named 'nope'
// flags: --kernel nope
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = 0.0f;
}
