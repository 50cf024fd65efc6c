// expect: error: a warp shuffle of a value of type 'const float *' is not supported: a pointer here is a buffer and an offset, not an address that can move between threads; shuffle an index instead
// expect: cg_shfl_pointer.cu:11:22: note: in instantiation of 'thread_block_tile<16>::shfl<const float *>' requested here
// nvcc: accepts (CUDA's shfl is a member template for any trivially copyable type, pointers included)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void k(const float *in, float *y) {
  auto t = cg::tiled_partition<16>(cg::this_thread_block());
  const float *p = in + threadIdx.x;
  const float *q = t.shfl(p, 1);
  y[threadIdx.x] = *q;
}
