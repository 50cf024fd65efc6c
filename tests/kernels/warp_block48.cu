// kernel: warp_block48 — a 48-thread block: the second warp has 16 lanes; ballot, popc and segment shuffles see only them
// args: i32[480]:rand(18) i32[480]:zero i32[480]:zero i32[480]:zero
// grid: 10  block: 48
// reference: per block, warps are threads 0..31 and 32..47; cnt[i] = number of threads in i's warp; pos[i] = number of x > 0 in i's warp; s16[i] = sum of x over i's 16-group (block-relative)

__global__ void warp_block48(const int *x, int *cnt, int *pos, int *s16) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = x[i];
  unsigned active = __activemask();
  cnt[i] = __popc(active);
  pos[i] = __popc(__ballot_sync(active, v > 0));
  int s = v;
  for (int o = 8; o > 0; o >>= 1) s += __shfl_down_sync(active, s, o, 16);
  s = __shfl_sync(active, s, 0, 16);
  s16[i] = s;
}
