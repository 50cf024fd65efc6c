// kernel: warp_shfl_gather — __shfl_sync with a computed source lane (a permutation, and lanes >= 32 taken modulo 32), unsigned values, __syncwarp
// args: u32[512]:rand(20) u32[512]:zero u32[512]:zero u32[512]:zero
// grid: 4  block: 128
// reference: for i with lane l = i & 31, base = i - l: perm[i] = in[base + (l * 7) % 32]; wrap[i] = in[base + (l + 37) % 32]; nb[i] = in[i ^ 1]

__global__ void warp_shfl_gather(const unsigned *in, unsigned *perm, unsigned *wrap, unsigned *nb) {
  __shared__ unsigned s[128];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned lane = threadIdx.x % 32;
  unsigned v = in[i];
  perm[i] = __shfl_sync(0xffffffff, v, (lane * 7) % 32);
  wrap[i] = __shfl_sync(0xffffffff, v, lane + 37);
  s[threadIdx.x] = v;
  __syncwarp();
  nb[i] = s[threadIdx.x ^ 1];
}
