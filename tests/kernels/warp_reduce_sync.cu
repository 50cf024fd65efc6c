// kernel: warp_reduce_sync — __reduce_add/min/max_sync (int and unsigned) in a block of 100 threads (partial last warp)
// args: i32[300]:rand(16) u32[300]:rand(17) i32[300]:zero i32[300]:zero i32[300]:zero u32[300]:zero u32[300]:zero
// grid: 3  block: 100
// reference: per block b and warp w (threads 32w .. min(100, 32w+32) of the block), over that warp's elements: add[i] = sum of x, mn[i] = min of x, mx[i] = max of x, umn[i] = min of u, uadd[i] = sum of u (mod 2^32)

__global__ void warp_reduce_sync(const int *x, const unsigned *u, int *add, int *mn, int *mx, unsigned *umn,
                                 unsigned *uadd) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned mask = __activemask();
  add[i] = __reduce_add_sync(mask, x[i]);
  mn[i] = __reduce_min_sync(mask, x[i]);
  mx[i] = __reduce_max_sync(mask, x[i]);
  umn[i] = __reduce_min_sync(mask, u[i]);
  uadd[i] = __reduce_add_sync(mask, u[i]);
}
