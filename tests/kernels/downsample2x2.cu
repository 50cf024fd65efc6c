// kernel: downsample_box — halves an image with a 2x2 box filter (odd last row/column: the missing samples repeat the edge), one thread per output pixel
// args: f32[30351]:rand(451) f32[7700]:fill(-1) i32:231 i32:131
// grid: 8,5  block: 16,16
// reference: ow = (w+1)/2, oh = (h+1)/2; out[y*ow+x] = 0.25f * (((a + b) + c) + d) with a = in(2x,2y), b = in(2x+1,2y), c = in(2x,2y+1), d = in(2x+1,2y+1), coordinates clamped to w-1, h-1; elements past ow*oh keep -1
__global__ void downsample_box(const float *in, float *out, int w, int h) {
  int ow = (w + 1) / 2, oh = (h + 1) / 2;
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= ow || y >= oh) return;
  int x0 = 2 * x, y0 = 2 * y;
  int x1 = min(x0 + 1, w - 1), y1 = min(y0 + 1, h - 1);
  float a = in[y0 * w + x0];
  float b = in[y0 * w + x1];
  float c = in[y1 * w + x0];
  float d = in[y1 * w + x1];
  out[y * ow + x] = 0.25f * (a + b + c + d);
}
