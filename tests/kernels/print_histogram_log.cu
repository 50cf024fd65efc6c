// kernel: print_histogram_log — 16-bin histogram with shared atomics merged into a __device__ global histogram with atomicAdd; thread 0 of block 0 prints a line; then every block copies nothing else (the result buffer is written by atomics into out directly)
// args: u32[4096]:rand(351) u32[16]:zero i32:4096
// grid: 16  block: 256
// reference: out[b] = number of i < n with (in[i] >> 28) == b
#include <cstdio>

__global__ void print_histogram_log(const unsigned *in, unsigned *out, int n) {
  __shared__ unsigned bins[16];
  if (threadIdx.x < 16) bins[threadIdx.x] = 0;
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(&bins[in[i] >> 28], 1u);
  __syncthreads();
  if (blockIdx.x == 0 && threadIdx.x == 0) printf("histogram: %d values, block size %u\n", n, blockDim.x);
  if (threadIdx.x < 16) atomicAdd(&out[threadIdx.x], bins[threadIdx.x]);
}
