// expect: :9:29: error: too many template arguments for 'thread_block_tile' (expected 1
// nvcc: accepts (CUDA 11+: the parent group as a second template argument)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(int *y) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32, cg::thread_block> t = cg::tiled_partition<32>(block);
  y[block.thread_rank()] = t.thread_rank();
}
