// expect: :4:19: error: texture objects (cudaTextureObject_t) are not supported: device memory is bound as plain storage buffers (no samplers, filtering or addressing modes); read the data through a pointer instead
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(cudaTextureObject_t tex, float *y, int w) {
  int x = threadIdx.x, row = blockIdx.x;
  y[row * w + x] = tex2D<float>(tex, x + 0.5f, row + 0.5f);
}
