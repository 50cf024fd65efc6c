// expect: :10:23: error: grid-wide synchronisation (cooperative_groups::this_grid().sync()) is not supported: WebGPU has no barrier across workgroups
// nvcc: accepts with a cooperative launch (cudaLaunchCooperativeKernel)

#include <cooperative_groups.h>

__global__ void k(float *y, float *z, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += 1.0f;
  // every block must finish the first phase before any reads a neighbour's result
  cooperative_groups::this_grid().sync();
  if (i < n) z[i] = y[(i + 1) % n];
}
