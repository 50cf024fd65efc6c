// expect: error: atomicMax on a 64-bit integer is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support on WGSL; the C target runs it)

__global__ void k(long long *m, const long long *v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicMax(m, v[i]);
}
