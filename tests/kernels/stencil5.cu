// kernel: stencil5 — 5-point Jacobi stencil on a w x h grid, boundary copied
// args: f32[19257]:rand(25) f32[19257]:fill(-1) i32:131 i32:147
// grid: 9,10  block: 16,16
// reference: out[y*w+x] = (x==0||y==0||x==w-1||y==h-1) ? in[y*w+x] : 0.2f*(in[c]+in[c-1]+in[c+1]+in[c-w]+in[c+w]) with c = y*w+x, w = 131, h = 147
__global__ void stencil5(const float *in, float *out, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  int c = y * w + x;
  if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
    out[c] = in[c];
  } else {
    out[c] = 0.2f * (in[c] + in[c - 1] + in[c + 1] + in[c - w] + in[c + w]);
  }
}
