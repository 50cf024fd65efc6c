// kernel: cg_block_sync_smem — block-wide inclusive scan in shared memory (Hillis-Steele) synchronised with thread_block::sync() and cg::sync(block); loop bound block.size(); a reversed read after the scan
// args: i32[1000]:rand(31) i32[1000]:fill(-1) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: with x[j] = in[j] for j < n, else 0, and b = i / 256: scan[i] = x[256b] + ... + x[i]; rev[i] = scan value of element 256b + 255 - (i % 256) (computed over x, also past n); only i < n written

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void cg_block_sync_smem(const int *in, int *scan, int *rev, int n) {
  __shared__ int s[256];
  cg::thread_block block = cg::this_thread_block();
  unsigned t = block.thread_rank();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  s[t] = i < n ? in[i] : 0;
  block.sync();
  for (unsigned d = 1; d < block.size(); d <<= 1) {
    int x = t >= d ? s[t - d] : 0;
    block.sync();
    s[t] += x;
    cg::sync(block);
  }
  if (i < n) {
    scan[i] = s[t];
    rev[i] = s[block.size() - 1 - t];
  }
}
