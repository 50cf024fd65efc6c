// kernel: warp_width_segments — shuffles with width < 32: sums in segments of 8, broadcast of lane 3 in segments of 16, shifts in segments of 4
// args: i32[256]:rand(12) i32[256]:zero i32[256]:zero i32[256]:zero i32[256]:zero
// grid: 2  block: 128
// reference: seg8[i] = sum of in over i's 8-group; b16[i] = in[(i & ~15) + 3]; dn4[i] = in[i+1] if (i & 3) < 3 else in[i]; up4[i] = in[i-2] if (i & 3) >= 2 else in[i]

__global__ void warp_width_segments(const int *in, int *seg8, int *b16, int *dn4, int *up4) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  int s = v;
  for (int o = 4; o > 0; o >>= 1) s += __shfl_xor_sync(0xffffffff, s, o, 8);
  seg8[i] = s;
  b16[i] = __shfl_sync(0xffffffff, v, 3 + 16 * 5, 16); /* srcLane taken modulo the width */
  dn4[i] = __shfl_down_sync(0xffffffff, v, 1, 4);
  up4[i] = __shfl_up_sync(0xffffffff, v, 2, 4);
}
