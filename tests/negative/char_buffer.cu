// expect: is not supported by the wgsl target yet
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned char *img, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) img[i] = 255 - img[i];
}
