// expect: :4:1: error: managed memory (__managed__) is not supported: WebGPU has no memory shared with the host
// nvcc: accepts (valid CUDA we do not support)

__managed__ int counter;

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&counter, y[i]);
}
