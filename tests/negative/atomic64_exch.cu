// expect: error: atomicExch on a 64-bit integer is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support on WGSL; the C target runs it)

__global__ void k(unsigned long long *x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicExch(&x[i % 4], (unsigned long long)i << 40);
}
