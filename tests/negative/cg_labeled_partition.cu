// expect: :10:19: error: 'cooperative_groups::labeled_partition' is not supported (the built-in <cooperative_groups.h> has this_thread_block, tiled_partition, thread_block_tile, thread_group, coalesced_threads, sync and reduce
// nvcc: accepts (CUDA 11+, compute capability 7.0+)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(const int *key, int *y) {
  int i = threadIdx.x;
  cg::coalesced_group active = cg::coalesced_threads();
  auto same = cg::labeled_partition(active, key[i]);
  y[i] = same.size();
}
