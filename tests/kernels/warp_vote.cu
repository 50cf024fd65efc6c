// kernel: warp_vote — __any_sync / __all_sync votes per warp
// args: i32[384]:rand(14) i32[12]:fill(-1)
// grid: 3  block: 128
// reference: out[w] = any(x > 900 over group w) + 2 * all(x > -990 over group w) + 4 * all(x >= -1000)

__global__ void warp_vote(const int *x, int *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = x[i];
  int a = __any_sync(0xffffffff, v > 900);
  int b = __all_sync(0xffffffff, v > -990);
  int c = __all_sync(0xffffffff, v >= -1000);
  if ((threadIdx.x % warpSize) == 0) out[i / warpSize] = (a ? 1 : 0) + (b ? 2 : 0) + (c ? 4 : 0);
}
