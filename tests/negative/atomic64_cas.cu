// expect: error: atomicCAS on a 64-bit integer is not supported by the wgsl target (WGSL has only 32-bit atomics, and a 64-bit read-modify-write cannot be made atomic with them
// nvcc: accepts (valid CUDA we do not support on WGSL; the C target runs it)

__global__ void k(unsigned long long *best, const unsigned long long *v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned long long old = *best, assumed;
    do {
      assumed = old;
      old = atomicCAS(best, assumed, v[i] > assumed ? v[i] : assumed);
    } while (old != assumed);
  }
}
