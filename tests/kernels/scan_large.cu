// kernel: scan_blocks — step 1 of a large exclusive scan: each block scans its 256 elements (Hillis-Steele, double-buffered shared memory) and writes its total to block_sums
// args: u32[70000]:rand(311) u32[70000]:fill(7) u32[274]:fill(7) i32:70000
// grid: 274  block: 256
// reference: out[i] = sum (mod 2^32) of in[j] for 256*(i/256) <= j < i (i < n); block_sums[b] = sum of in[j] for j in block b's 256 elements, j < n
// kernel: scan_block_sums — step 2: one block scans up to 1024 block sums in place (exclusive), 1024 threads
// args: u32[1000]:rand(312) i32:1000
// grid: 1  block: 1024
// reference: sums[i] = sum (mod 2^32) of the original sums[j], j < i (i < n)
// kernel: scan_add — step 3: adds each block's scanned offset to its 256 elements
// args: u32[70000]:rand(313) u32[274]:rand(314) i32:70000
// grid: 274  block: 256
// reference: out[i] += offsets[i / 256] (mod 2^32), i < n
#define BLOCK 256

__global__ void scan_blocks(const unsigned int *in, unsigned int *out, unsigned int *block_sums, int n) {
  __shared__ unsigned int buf[2][BLOCK];
  int tid = threadIdx.x;
  int i = blockIdx.x * BLOCK + tid;
  unsigned int v = (i < n) ? in[i] : 0u;
  int pout = 0, pin = 1;
  // exclusive: shift right by one
  buf[pout][tid] = (tid > 0 && i - 1 < n) ? in[i - 1] : 0u;
  __syncthreads();
  for (int offset = 1; offset < BLOCK; offset *= 2) {
    pout = 1 - pout;
    pin = 1 - pout;
    if (tid >= offset)
      buf[pout][tid] = buf[pin][tid] + buf[pin][tid - offset];
    else
      buf[pout][tid] = buf[pin][tid];
    __syncthreads();
  }
  if (i < n) out[i] = buf[pout][tid];
  if (tid == BLOCK - 1) block_sums[blockIdx.x] = buf[pout][tid] + v;
}

__global__ void scan_block_sums(unsigned int *sums, int n) {
  __shared__ unsigned int s[1024];
  int tid = threadIdx.x;
  s[tid] = (tid < n) ? sums[tid] : 0u;
  __syncthreads();
  // inclusive Hillis-Steele with a register copy between the two barriers
  for (int offset = 1; offset < blockDim.x; offset <<= 1) {
    unsigned int t = (tid >= offset) ? s[tid - offset] : 0u;
    __syncthreads();
    s[tid] += t;
    __syncthreads();
  }
  if (tid < n) sums[tid] = (tid == 0) ? 0u : s[tid - 1];
}

__global__ void scan_add(unsigned int *out, const unsigned int *offsets, int n) {
  __shared__ unsigned int add;
  if (threadIdx.x == 0) add = offsets[blockIdx.x];
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] += add;
}
