// kernel: median3x3 — 3x3 median filter with replicated borders, the median of 9 found by a 19-exchange sorting network of min/max (Paeth / Devillard's opt_med9)
// args: f32[31500]:rand(441) f32[31500]:fill(-1) i32:210 i32:150
// grid: 14,10  block: 16,16
// reference: out[y*w+x] = median of the 9 values in[clamp(y+dy)*w + clamp(x+dx)], dx, dy in {-1, 0, 1}, coordinates clamped to the image
#define SORT2(a, b)        \
  {                        \
    float lo = fminf(a, b); \
    float hi = fmaxf(a, b); \
    a = lo;                \
    b = hi;                \
  }

__global__ void median3x3(const float *in, float *out, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  float p[9];
  int k = 0;
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++) {
      int xx = min(max(x + dx, 0), w - 1);
      int yy = min(max(y + dy, 0), h - 1);
      p[k++] = in[yy * w + xx];
    }
  SORT2(p[1], p[2]); SORT2(p[4], p[5]); SORT2(p[7], p[8]);
  SORT2(p[0], p[1]); SORT2(p[3], p[4]); SORT2(p[6], p[7]);
  SORT2(p[1], p[2]); SORT2(p[4], p[5]); SORT2(p[7], p[8]);
  SORT2(p[0], p[3]); SORT2(p[5], p[8]); SORT2(p[4], p[7]);
  SORT2(p[3], p[6]); SORT2(p[1], p[4]); SORT2(p[2], p[5]);
  SORT2(p[4], p[7]); SORT2(p[4], p[2]); SORT2(p[6], p[4]);
  SORT2(p[4], p[2]);
  out[y * w + x] = p[4];
}
