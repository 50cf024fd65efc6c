// kernel: mandelbrot — escape-time counts of the Mandelbrot set over [-2, 1] x [-1.2, 1.2], one thread per pixel, at most 64 iterations
// args: i32[38400]:fill(-1) i32:240 i32:160 i32:64
// grid: 15,10  block: 16,16
// int-tol: 64 32
// (boundary pixels are chaotic: fused multiply-adds, which NVRTC and GPU Vulkan drivers use, move up to ~10 of 38400 counts by several iterations on the H100; any count may differ at 32 pixels)
// reference: for each pixel: cx = -2.0f + x * (3.0f / w), cy = -1.2f + y * (2.4f / h) (float); z = 0; count iterations it < max_iter while zx*zx + zy*zy <= 4.0f, with zy' = 2.0f*zx*zy + cy and zx' = zx*zx - zy*zy + cx computed in float without fused multiply-add; out[y*w+x] = it
__global__ void mandelbrot(int *out, int w, int h, int max_iter) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  float cx = -2.0f + x * (3.0f / w);
  float cy = -1.2f + y * (2.4f / h);
  float zx = 0.0f, zy = 0.0f;
  int it = 0;
  while (it < max_iter && zx * zx + zy * zy <= 4.0f) {
    float t = zx * zx - zy * zy + cx;
    zy = 2.0f * zx * zy + cy;
    zx = t;
    it++;
  }
  out[y * w + x] = it;
}
