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
