// expect: error: static assertion failed: thread_block_tile<N>: N must be 1, 2, 4, 8, 16 or 32 (a tile is a segment of one 32-lane warp)
// expect: :11:16: note: in instantiation of 'tiled_partition<64, thread_block>' requested here
// nvcc: accepts on compute capability 8.0+ only with cg::experimental::block_tile_memory (tiles larger than a warp)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(int *y) {
  cg::thread_block block = cg::this_thread_block();
  // a tile of two warps
  auto t = cg::tiled_partition<64>(block);
  y[block.thread_rank()] = t.thread_rank();
}
