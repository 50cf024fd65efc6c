// expect: atomic64_result_used.cu:8:28: error: atomicAdd on a 64-bit integer whose result is used is not supported by the wgsl target (WGSL has only 32-bit atomics
// nvcc: accepts (valid CUDA we do not support on WGSL; the C target runs it)

__global__ void k(unsigned long long *counter, unsigned long long *slot, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    // a ticket needs the old 64-bit value atomically: two 32-bit atomics cannot give it
    unsigned long long t = atomicAdd(counter, 1ull);
    slot[i] = t;
  }
}
