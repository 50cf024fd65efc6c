// expect: :7:3: error: inline PTX assembly is not supported: PTX is NVIDIA's ISA, with no WGSL or C equivalent
// nvcc: accepts (valid CUDA we do not support)

__global__ void k(unsigned int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned int r;
  __asm__ __volatile__("brev.b32 %0, %1;" : "=r"(r) : "r"((unsigned)i));
  if (i < n) y[i] = r;
}
