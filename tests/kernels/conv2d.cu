// kernel: conv2d — 3x3 convolution (filter passed in a buffer), clamp-to-edge borders, 2-D grid
// args: f32[9797]:rand(49) f32[9]:rand(50) f32[9797]:fill(-1) i32:97 i32:101
// grid: 7,7  block: 16,16
// reference: out[y*w + x] = sum_{dy,dx in -1..1} f[(dy+1)*3 + dx+1] * img[clamp(y+dy,0,h-1)*w + clamp(x+dx,0,w-1)], w = 97, h = 101
// tol: 1e-5
__device__ __forceinline__ int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

__global__ void conv2d(const float *img, const float *f, float *out, int w, int h) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < w && y < h) {
    float acc = 0.0f;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int yy = clampi(y + dy, 0, h - 1), xx = clampi(x + dx, 0, w - 1);
        acc += f[(dy + 1) * 3 + (dx + 1)] * img[yy * w + xx];
      }
    }
    out[y * w + x] = acc;
  }
}
