// expect: :9:21: error: texture fetch 'tex1Dfetch' is not supported: texture objects and texture references are not supported: device memory is bound as plain storage buffers
// nvcc: accepts (valid CUDA before 12.0, where texture references were removed)
// why: the file-scope texture<...> declaration reads as host code; its first device use is refused

texture<float, 1, cudaReadModeElementType> texIn;

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = tex1Dfetch(texIn, i);
}
