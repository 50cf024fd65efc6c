// kernel: histogram256 — per-block shared-memory histogram with shared atomics, merged with global atomics
// args: u32[300007]:rand(37) u32[256]:zero i32:300007
// grid: 120  block: 256
// reference: hist[b] = number of i < n with (data[i] ^ (data[i] >> 8)) & 255 == b
#define NBINS 256

__global__ void histogram256(const unsigned int *data, unsigned int *hist, int n) {
  __shared__ unsigned int local[NBINS];
  local[threadIdx.x] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    unsigned int v = data[i];
    atomicAdd(&local[(v ^ (v >> 8)) & (NBINS - 1)], 1u);
  }
  __syncthreads();
  unsigned int c = local[threadIdx.x];
  if (c != 0) atomicAdd(&hist[threadIdx.x], c);
}
