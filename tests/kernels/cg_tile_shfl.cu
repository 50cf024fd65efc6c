// kernel: cg_tile_shfl — thread_block_tile<4/8/16> shuffles: shfl (broadcast of rank 3 in tiles of 4), shfl_up by 1 in tiles of 8, shfl_down by 2 and shfl_xor 5 in tiles of 16, a float shfl_xor in tiles of 8, a long long shfl_down by 3 in tiles of 8, thread_rank/size
// args: i32[256]:rand(5) f32[256]:rand(6) i64[256]:rand(7) i32[256]:fill(-1) i32[256]:fill(-1) i32[256]:fill(-1) i32[256]:fill(-1) f32[256]:fill(-1) i64[256]:fill(-1) i32[256]:fill(-1)
// grid: 2  block: 128
// reference: with t = i & 3, e = i & 7, s = i & 15: b4[i] = in[i - t + 3]; up8[i] = e >= 1 ? in[i-1] : in[i]; dn16[i] = s + 2 < 16 ? in[i+2] : in[i]; x16[i] = in[i ^ 5]; fx8[i] = f[i ^ 6]; l8[i] = e + 3 < 8 ? w[i+3] : w[i]; rk[i] = (i & 7) + 100 * 8 + 10000 * (i & 15)

#include <cooperative_groups.h>
using namespace cooperative_groups;

__global__ void cg_tile_shfl(const int *in, const float *f, const long long *w, int *b4, int *up8, int *dn16,
                             int *x16, float *fx8, long long *l8, int *rk) {
  thread_block block = this_thread_block();
  thread_block_tile<4> t4 = tiled_partition<4>(block);
  thread_block_tile<8> t8 = tiled_partition<8>(block);
  auto t16 = tiled_partition<16>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  b4[i] = t4.shfl(v, 3);
  up8[i] = t8.shfl_up(v, 1);
  dn16[i] = t16.shfl_down(v, 2);
  x16[i] = t16.shfl_xor(v, 5);
  fx8[i] = t8.shfl_xor(f[i], 6);
  l8[i] = t8.shfl_down(w[i], 3);
  rk[i] = (int)(t8.thread_rank() + 100 * t8.size() + 10000 * t16.thread_rank());
}

// kernel: cg_tile_small — tiles of 2 (shfl_xor 1, thread_rank, ballot) and of 1 (thread_rank, size, shfl of rank 0), made in a device function that takes the block by const reference
// args: i32[256]:rand(8) i32[256]:fill(-1) i32[256]:fill(-1)
// grid: 2  block: 128
// reference: x2[i] = in[i ^ 1]; t12[i] = 10 * 1 + 100 * (i & 1) + 1000 * b + 10000 * in[i], with b bit 0 = (in[i & ~1] > 0), bit 1 = (in[i | 1] > 0)

__device__ void tile_pairs(const thread_block &block, int v, int *x2, int *t12) {
  thread_block_tile<2> t2 = tiled_partition<2>(block);
  thread_block_tile<1> t1 = tiled_partition<1>(block);
  *x2 = t2.shfl_xor(v, 1);
  *t12 = (int)(t1.thread_rank() + 10 * t1.size() + 100 * t2.thread_rank() + 1000 * t2.ballot(v > 0)) +
         10000 * t1.shfl(v, 0);
}

__global__ void cg_tile_small(const int *in, int *x2, int *t12) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  tile_pairs(this_thread_block(), in[i], x2 + i, t12 + i);
}
