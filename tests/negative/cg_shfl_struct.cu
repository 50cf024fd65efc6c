// expect: :11:22: error: no matching function for call to 'thread_block_tile<16>::shfl(const struct P, int)'
// nvcc: accepts (CUDA's shfl is a member template for any trivially copyable type)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

struct P { float x, y; };

__global__ void k(const P *in, P *y) {
  auto t = cg::tiled_partition<16>(cg::this_thread_block());
  y[threadIdx.x] = t.shfl(in[threadIdx.x], 1);
}
