// kernel: cg_coalesced_atomic — warp-aggregated atomics: inside a divergent if, coalesced_threads() elects rank 0 to atomicAdd the group size, g.shfl broadcasts the base, each member writes its slot; also the group's thread_rank/size, ballot (packed by rank), any/all, shfl_up/shfl_down by rank
// args: i32[1000]:rand(23) i32[1000]:fill(-1) i32[1]:zero i32[1000]:fill(-1) i32[1000]:fill(-1) u32[1000]:fill(7) i32[1000]:fill(-1) i32[1000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: count[0] = number of in[i] > 0 (i < n); out holds those values in some order, the rest -1 (compared as a multiset); for each i with in[i] > 0, among the positive elements of its warp (32-aligned, i < n): rank[i] = how many come before i, size[i] = how many there are, bal[i] bit k = (the k-th of them > 500), va[i] = (any of them > 900) + 2*(all of them > 100); ud[i] = (the previous one's value, or in[i] for the first) + 10000 * (the one after the next, or in[i] if none); other elements keep their fill

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void cg_coalesced_atomic(const int *in, int *out, int *count, int *rank, int *size, unsigned *bal,
                                    int *va, int *ud, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    if (v > 0) {
      cg::coalesced_group g = cg::coalesced_threads();
      int base = 0;
      if (g.thread_rank() == 0) base = atomicAdd(count, (int)g.size());
      base = g.shfl(base, 0);
      out[base + g.thread_rank()] = v;
      rank[i] = (int)g.thread_rank();
      size[i] = (int)g.size();
      bal[i] = g.ballot(v > 500);
      va[i] = (g.any(v > 900) ? 1 : 0) + (g.all(v > 100) ? 2 : 0);
      ud[i] = g.shfl_up(v, 1) + 10000 * g.shfl_down(v, 2);
    }
  }
}

// kernel: cg_agg_inc — the warp-aggregated increment as a device function called from a divergent branch (the leader's result read uninitialised by the others, then broadcast with g.shfl) under if (i < n && in[i] > 100)
// args: i32[3000]:rand(29) i32[3000]:fill(-1) i32[1]:zero i32:3000
// grid: 24  block: 128
// reference: count[0] = number of in[i] > 100; out holds those values in some order, the rest -1 (compared as a multiset)

__device__ int agg_inc(int *ctr) {
  cg::coalesced_group g = cg::coalesced_threads();
  int warp_res;
  if (g.thread_rank() == 0) warp_res = atomicAdd(ctr, (int)g.size());
  return g.shfl(warp_res, 0) + (int)g.thread_rank();
}

__global__ void cg_agg_inc(const int *in, int *out, int *count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && in[i] > 100) out[agg_inc(count)] = in[i];
}
