// expect: :7:3: error: inline PTX assembly is not supported: PTX is NVIDIA's ISA, with no WGSL or C equivalent
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned int t;
  asm("mov.u32 %0, %%clock;" : "=r"(t));
  if (i < n) y[i] = t;
}
