// kernel: saturate_i16 — int16_t input and output buffers with saturating add
// args: i16[5000]:rand(207) i16[5000]:rand(208) i16[5000]:fill(0) i32:5000
// grid: 20  block: 256
// reference: s = (int)a[i] + (int)b[i] * 40; c[i] = (short)(s > 32767 ? 32767 : s < -32768 ? -32768 : s)
#include <stdint.h>

__global__ void saturate_i16(const int16_t *a, const short *b, int16_t *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int s = (int)a[i] + (int)b[i] * 40;
    c[i] = (int16_t)(s > 32767 ? 32767 : (s < -32768 ? -32768 : s));
  }
}
