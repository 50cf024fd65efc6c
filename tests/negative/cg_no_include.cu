// expect: :5:16: error: 'cooperative_groups' is not declared: add #include <cooperative_groups.h>
// nvcc: rejects (the namespace comes from the header)

// the header is missing
namespace cg = cooperative_groups;

__global__ void k(int *y) {
  cg::thread_block b = cg::this_thread_block();
  y[b.thread_rank()] = 1;
}
