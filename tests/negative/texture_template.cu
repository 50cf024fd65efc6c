// expect: :5:21: error: texture fetch 'tex2D' is not supported: texture objects and texture references are not supported
// nvcc: accepts (valid CUDA we do not support)
__global__ void k(float *y, int w, unsigned long long tex) {
  int x = threadIdx.x;
  y[x] = (float)w + tex2D<float>(tex, x, 0);
}
