// expect: error: atomic operations on
// nvcc: accepts (valid CUDA we do not support)
// why: atomics on a local (per-thread) variable

__global__ void k(int *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int local = 0;
  atomicAdd(&local, 1);
  if (i < n) y[i] = local;
}
