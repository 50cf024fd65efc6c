// expect: error: managed memory is not supported
// nvcc: accepts (valid CUDA we do not support)

__managed__ int counter;

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&counter, y[i]);
}
