// kernel: short_sat_add — saturating add of two short vectors and of two unsigned short vectors (each thread writes one half of a word)
// args: i16[3001]:rand(605) i16[3001]:rand(606) u16[3001]:rand(607) u16[3001]:rand(608) i16[3001]:fill(-5) u16[3001]:fill(5) i32:3001
// grid: 12  block: 256
// reference: for i < n: s = a[i] + 40*b[i] clamped to [-32768, 32767] -> out[i]; u = ua[i] + ub[i] clamped to 65535 -> uout[i]
__device__ short sat16(int v) { return (short)(v > 32767 ? 32767 : (v < -32768 ? -32768 : v)); }

__global__ void short_sat_add(const short *a, const short *b, const unsigned short *ua,
                              const unsigned short *ub, short *out, unsigned short *uout, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    out[i] = sat16(a[i] + 40 * b[i]);
    unsigned int u = (unsigned int)ua[i] + ub[i];
    uout[i] = u > 65535u ? 65535 : (unsigned short)u;
  }
}
