// kernel: warp_inclusive_scan — warp-level inclusive prefix sum with __shfl_up_sync
// args: i32[1000]:rand(5) i32[1000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: out[i] = sum of in[j] for j from the start of i's 32-element group (i & ~31) to i

__global__ void warp_inclusive_scan(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int lane = threadIdx.x & 31;
  int x = (i < n) ? in[i] : 0;
#pragma unroll
  for (int offset = 1; offset < 32; offset <<= 1) {
    int y = __shfl_up_sync(0xffffffffu, x, offset);
    if (lane >= offset) x += y;
  }
  if (i < n) out[i] = x;
}
