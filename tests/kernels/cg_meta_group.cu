// kernel: cg_meta_group — 2-D blocks (16x6) on a 3x2 grid: thread_block rank/size/group_index/thread_index/group_dim, meta_group_rank/size of tiled_partition<16>(block) and of tiled_partition<4> of a 32-tile, the run-time tiled_partition(block, 8) as a thread_group, thread_group converted from the block and from a tile
// args: i32[576]:fill(-1) i32[576]:fill(-1) i32[576]:fill(-1) i32[576]:fill(-1) i32[576]:fill(-1)
// grid: 3,2  block: 16,6
// reference: for block (bx, by), thread (tx, ty), r = tx + 16*ty, i = (bx + 3*by)*96 + r: m16[i] = r/16 + 100*6; m4[i] = (r%32)/4 + 100*8 + 10000*(r%4); dyn[i] = r%8 + 100*8 + 10000*(r/8) + 1000000*12; blk[i] = bx + 10*by + 100*tx + 10000*ty + 1000000*(r == rank) with sizes 16x6x1 = 96 checked; tg[i] = r + 1000*96 + 1000000*(r%4) + 100000000*4 (thread_group of the block, thread_group of the 4-tile)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void cg_meta_group(int *m16, int *m4, int *dyn, int *blk, int *tg) {
  cg::thread_block block = cg::this_thread_block();
  int i = (int)((blockIdx.x + gridDim.x * blockIdx.y) * block.size() + block.thread_rank());
  cg::thread_block_tile<16> t16 = cg::tiled_partition<16>(block);
  m16[i] = (int)(t16.meta_group_rank() + 100 * t16.meta_group_size());
  cg::thread_block_tile<32> t32 = cg::tiled_partition<32>(block);
  cg::thread_block_tile<4> t4 = cg::tiled_partition<4>(t32);
  m4[i] = (int)(t4.meta_group_rank() + 100 * t4.meta_group_size() + 10000 * t4.thread_rank());
  cg::thread_group g8 = cg::tiled_partition(block, 8);
  dyn[i] = (int)(g8.thread_rank() + 100 * g8.size() + 10000 * g8.meta_group_rank() + 1000000 * g8.meta_group_size());
  dim3 gi = block.group_index(), ti = block.thread_index(), gd = block.group_dim(), dt = block.dim_threads();
  bool dims_ok = gd.x == 16 && gd.y == 6 && gd.z == 1 && dt.x * dt.y * dt.z == block.num_threads() &&
                 block.num_threads() == 96;
  blk[i] = (int)(gi.x + 10 * gi.y + 100 * ti.x + 10000 * ti.y) + (dims_ok ? 1000000 : 0);
  cg::thread_group gb = block;
  cg::thread_group gt = t4;
  gb.sync();
  tg[i] = (int)(gb.thread_rank() + 1000 * gb.size() + 1000000 * gt.thread_rank() + 100000000 * gt.size());
}
