// expect: :5:13: error: threadIdx can only be used as threadIdx.x, .y or .z
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned int *y, int n) {
  uint3 t = threadIdx;
  int i = blockIdx.x * blockDim.x + t.x;
  if (i < n) y[i] = t.x + t.y;
}
