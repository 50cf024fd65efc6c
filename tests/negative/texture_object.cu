// expect: :4:19: error: texture objects (cudaTextureObject_t) are not supported: device memory is bound as plain storage buffers
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(cudaTextureObject_t tex, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = tex1Dfetch<float>(tex, i);
}
