// kernel: i64_histogram — 64-bit histogram counters: atomicAdd on unsigned long long in __shared__ memory per block, then atomicAdd of the block's bins into global bins (carries across the low word)
// args: u32[20000]:rand(503) u64[64]:zero i32:20000
// grid: 16  block: 128
// reference: bins[k % 64] += (unsigned long long)k * 4096 + 1 for every key k
#define NBINS 64
__global__ void i64_histogram(const unsigned int *keys, unsigned long long *bins, int n) {
  __shared__ unsigned long long local[NBINS];
  for (int b = threadIdx.x; b < NBINS; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    unsigned int k = keys[i];
    atomicAdd(&local[k % NBINS], (unsigned long long)k * 4096ull + 1ull);
  }
  __syncthreads();
  for (int b = threadIdx.x; b < NBINS; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}
