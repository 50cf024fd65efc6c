// expect: error: texture objects are not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(cudaTextureObject_t tex, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = tex1Dfetch<float>(tex, i);
}
