// kernel: i64_block_scan — int64 inclusive prefix sum per block (Hillis-Steele in a __shared__ long long array); values exceed 32 bits
// args: i32[5000]:rand(504) i64[5000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: v[i] = in[i] * 1000000007; out[i] = sum of v[j] for j from the start of i's block of 256 up to i
#define BLOCK 256
__global__ void i64_block_scan(const int *in, long long *out, int n) {
  __shared__ long long buf[BLOCK];
  int t = threadIdx.x, i = blockIdx.x * blockDim.x + t;
  buf[t] = i < n ? (long long)in[i] * 1000000007LL : 0;
  __syncthreads();
  for (int off = 1; off < blockDim.x; off <<= 1) {
    long long v = t >= off ? buf[t - off] : 0;
    __syncthreads();
    buf[t] += v;
    __syncthreads();
  }
  if (i < n) out[i] = buf[t];
}
