// expect: error: static assertion failed: tiled_partition of a coalesced_group is not supported (its ranks are not lane positions); partition the block or a thread_block_tile
// expect: :12:21: note: in instantiation of 'tiled_partition<4, coalesced_group>' requested here
// nvcc: accepts

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(const int *x, int *y) {
  int i = threadIdx.x;
  if (x[i] > 0) {
    cg::coalesced_group active = cg::coalesced_threads();
    auto quad = cg::tiled_partition<4>(active);
    y[i] = quad.thread_rank();
  }
}
