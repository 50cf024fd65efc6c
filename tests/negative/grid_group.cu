// expect: :8:23: error: grid-wide synchronisation (cooperative_groups::this_grid().sync()) is not supported: WebGPU has no barrier across workgroups
// nvcc: accepts with #include <cooperative_groups.h> and a cooperative launch
// why: the #include is left out until the cooperative_groups header exists; the refusal does not depend on it

__global__ void k(float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += 1.0f;
  cooperative_groups::grid_group g = cooperative_groups::this_grid();
  g.sync();
}
