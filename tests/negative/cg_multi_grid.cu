// expect: :9:7: error: grid-wide synchronisation (cooperative_groups::this_grid().sync()) is not supported: WebGPU has no barrier across workgroups
// nvcc: accepts with a multi-device cooperative launch (cudaLaunchCooperativeKernelMultiDevice, deprecated)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(float *y) {
  y[threadIdx.x] += 1.0f;
  cg::multi_grid_group g = cg::this_multi_grid();
  g.sync();
}
