// kernel: radix_pass_block — one pass of a block-local LSD radix sort on a 4-bit digit: count digits in shared memory with atomics, exclusive-scan the 16 counts, then scatter each key stably (rank among earlier threads with the same digit)
// args: u32[5000]:rand(421) u32[5000]:fill(7) u32[320]:fill(7) i32:5000 i32:8
// grid: 20  block: 256
// reference: for each block b (keys 256*b .. min(n, 256*b+256)-1), d(k) = (k >> shift) & 15: out[segment] = the segment's keys stably sorted by d; hist[16*b + d] = the number of keys of the segment with digit d
#define BLOCK 256
#define RADIX 16

__global__ void radix_pass_block(const unsigned int *keys, unsigned int *out, unsigned int *hist, int n, int shift) {
  __shared__ unsigned int count[RADIX];
  __shared__ unsigned int offset[RADIX];
  __shared__ unsigned int digits[BLOCK];
  int t = threadIdx.x;
  int i = blockIdx.x * BLOCK + t;
  if (t < RADIX) count[t] = 0;
  __syncthreads();
  bool valid = i < n;
  unsigned int key = valid ? keys[i] : 0u;
  unsigned int d = valid ? (key >> shift) & (RADIX - 1) : RADIX; // RADIX marks "no key"
  digits[t] = d;
  if (valid) atomicAdd(&count[d], 1u);
  __syncthreads();
  if (t == 0) {
    unsigned int run = 0;
    for (int r = 0; r < RADIX; r++) {
      offset[r] = run;
      run += count[r];
    }
  }
  __syncthreads();
  if (valid) {
    unsigned int rank = 0;
    for (int j = 0; j < t; j++) rank += (digits[j] == d) ? 1u : 0u;
    out[blockIdx.x * BLOCK + offset[d] + rank] = key;
  }
  if (t < RADIX) hist[blockIdx.x * RADIX + t] = count[t];
}
