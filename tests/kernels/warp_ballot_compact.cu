// kernel: warp_ballot_compact — stream-compaction counting: __ballot_sync + __popc per warp, rank of each kept element
// args: i32[1000]:rand(13) i32[32]:fill(-1) i32[1000]:fill(5)
// grid: 4  block: 256
// reference: counts[w] = number of in[j] > 0 in 32-group w (j < n = 1000); rank[i] = number of in[j] > 0 with j in i's group before i, if in[i] > 0, else -1

__global__ void warp_ballot_compact(const int *in, int *counts, int *rank) {
  const int n = 1000;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int lane = threadIdx.x & 31;
  int warp = i >> 5;
  bool keep = i < n && in[i] > 0;
  unsigned ballot = __ballot_sync(0xffffffff, keep);
  if (lane == 0) counts[warp] = __popc(ballot);
  if (i < n) rank[i] = keep ? __popc(ballot & ((1u << lane) - 1)) : -1;
}
