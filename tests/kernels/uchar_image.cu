// kernel: invert_rgb — unsigned char (uint8_t) RGB image buffer: invert and compute luma into a second byte buffer
// args: u8[30000]:rand(206) u8[30000]:fill(0) u8[10000]:fill(0) i32:10000
// grid: 40  block: 256
// reference: for pixel p < n: out[3p+c] = 255 - rgb[3p+c]; luma[p] = (uint8_t)((77*r + 150*g + 29*b) >> 8)
#include <stdint.h>

__global__ void invert_rgb(const uint8_t *rgb, uint8_t *out, unsigned char *luma, int n) {
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p < n) {
    uint8_t r = rgb[3 * p], g = rgb[3 * p + 1], b = rgb[3 * p + 2];
    out[3 * p] = 255 - r;
    out[3 * p + 1] = 255 - g;
    out[3 * p + 2] = 255 - b;
    luma[p] = (uint8_t)((77 * r + 150 * g + 29 * b) >> 8);
  }
}
