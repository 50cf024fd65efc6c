// kernel: compact_block — stream compaction inside each block: flag the positive elements, exclusive-scan the flags in shared memory (Blelloch), scatter the kept elements to the front of the block's output segment and write the block's count
// args: i32[10000]:rand(411) i32[10240]:fill(-7) i32[40]:fill(-7) i32:10000
// grid: 40  block: 256
// reference: for each block b (segment 256*b .. 256*b+255, i < n): the elements in[i] > 0 in order go to out[256*b + 0, 1, ...]; the rest of the segment keeps -7; counts[b] = their number
#define BS 256

__global__ void compact_block(const int *in, int *out, int *counts, int n) {
  __shared__ int s[BS];
  int t = threadIdx.x;
  int i = blockIdx.x * BS + t;
  int v = (i < n) ? in[i] : 0;
  int flag = v > 0 ? 1 : 0;
  s[t] = flag;
  // up-sweep
  for (int stride = 1; stride < BS; stride <<= 1) {
    __syncthreads();
    int k = (t + 1) * stride * 2 - 1;
    if (k < BS) s[k] += s[k - stride];
  }
  __syncthreads();
  int total = s[BS - 1];
  __syncthreads();
  if (t == 0) s[BS - 1] = 0;
  // down-sweep
  for (int stride = BS / 2; stride > 0; stride >>= 1) {
    __syncthreads();
    int k = (t + 1) * stride * 2 - 1;
    if (k < BS) {
      int tmp = s[k - stride];
      s[k - stride] = s[k];
      s[k] += tmp;
    }
  }
  __syncthreads();
  if (flag) out[blockIdx.x * BS + s[t]] = v;
  if (t == 0) counts[blockIdx.x] = total;
}
