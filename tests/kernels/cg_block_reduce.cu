// kernel: cg_block_reduce — block sum: cg::reduce over tiled_partition<32> of this_thread_block, warp sums in shared memory, block.sync(), first tile reduces them again (partial last block)
// args: i32[1000]:rand(41) i32[4]:fill(-7) i32:1000
// grid: 4  block: 256
// reference: out[b] = sum of in[b*256 .. b*256+255] (elements below n only)

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

namespace cg = cooperative_groups;

__global__ void cg_block_reduce(const int *in, int *out, int n) {
  __shared__ int warp_sums[32];
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> tile = cg::tiled_partition<32>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = i < n ? in[i] : 0;
  int s = cg::reduce(tile, v, cg::plus<int>());
  if (tile.thread_rank() == 0) warp_sums[tile.meta_group_rank()] = s;
  block.sync();
  if (tile.meta_group_rank() == 0) {
    int w = tile.thread_rank() < tile.meta_group_size() ? warp_sums[tile.thread_rank()] : 0;
    int total = cg::reduce(tile, w, cg::plus<int>());
    if (block.thread_rank() == 0) out[blockIdx.x] = total;
  }
}
