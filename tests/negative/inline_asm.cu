// expect: :7:3: error: inline PTX assembly is not supported
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned int lane;
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(lane));
  if (i < n) y[i] = lane;
}
