// kernel: grid_fold — 70000 blocks in x (more than WebGPU's 65535 per dimension: the runtime must fold the grid and recompute blockIdx)
// args: i32[2239995]:fill(-1) i32:2239995
// grid: 70000  block: 32
// reference: out[i] = blockIdx.x ^ (threadIdx.x << 20) with blockIdx.x = i / 32, threadIdx.x = i % 32, i < n (last block partial: 27 threads write)
__global__ void grid_fold(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = (int)(blockIdx.x ^ (threadIdx.x << 20));
}
