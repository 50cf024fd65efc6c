// kernel: half_exhaustive — every one of the 65536 __half bit patterns: decoded with __half2float (float bits written out), and the exact midpoint to the next pattern (a rounding tie) and a value just above it re-encoded with __float2half_rn
// args: i32[65536]:fill(-7) i32[65536]:fill(-7) i32[65536]:fill(-7) i32:65536
// grid: 256  block: 256
// reference: dec[h] = bits of the float value of h (-1 for NaN patterns); for finite h whose magnitude is below 0x7bff: tie[h] = RNE(midpoint(h, h+1)) (the even one), up[h] = h+1 (next float above the midpoint); other h: -1
#include <cuda_fp16.h>

__global__ void half_exhaustive(int *dec, int *tie, int *up, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned short h = (unsigned short)i;
  unsigned int mag = h & 0x7fffu;
  float v = __half2float(__ushort_as_half(h));
  dec[i] = mag > 0x7c00u ? -1 : __float_as_int(v);
  if (mag < 0x7bffu) {
    float w = __half2float(__ushort_as_half((unsigned short)(h + 1)));
    float mid = 0.5f * (v + w); /* exact: 12 significant bits */
    tie[i] = __half_as_ushort(__float2half_rn(mid));
    float above = __int_as_float(__float_as_int(mid) + 1); /* away from zero */
    up[i] = __half_as_ushort(__float2half(above));
  } else {
    tie[i] = -1;
    up[i] = -1;
  }
}
