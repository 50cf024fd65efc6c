// expect: :10:3: error: grid-wide synchronisation (cooperative_groups::this_grid().sync()) is not supported: WebGPU has no barrier across workgroups
// nvcc: accepts with a cooperative launch (cudaLaunchCooperativeKernel)

#include <cooperative_groups.h>
using namespace cooperative_groups;

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += 1.0f;
  grid_group g = this_grid();
  g.sync();
}
