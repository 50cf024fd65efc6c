// expect: error: static assertion failed: cooperative_groups::thread_group has no meta_group_rank() (as in CUDA: only thread_block_tile<N> and coalesced_group have it); keep the tile's type: auto t = cg::tiled_partition<N>(parent)
// expect: cg_thread_group_meta.cu:12:23: note: in instantiation of 'thread_block_tile<0>::meta_group_rank<0>' requested here
// nvcc: rejects (class "cooperative_groups::thread_group" has no member "meta_group_rank")

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(int *y) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_group g = cg::tiled_partition(block, 8);
  y[threadIdx.x] = (int)g.thread_rank();
  y[threadIdx.x] += g.meta_group_rank();
}
