// expect: error: static assertion failed: cg::reduce needs a thread_block_tile<N> or a coalesced_group (as in CUDA); for a whole block, reduce each tile and combine the tile results
// expect: :11:14: note: in instantiation of 'reduce<thread_block, int, plus<int> >' requested here
// nvcc: rejects (cg::reduce takes tiles and coalesced groups only)

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

__global__ void k(const int *x, int *y) {
  cg::thread_block block = cg::this_thread_block();
  y[0] = cg::reduce(block, x[block.thread_rank()], cg::plus<int>());
}
