// kernel: image_brightness — 2-D grid: one block row per image row (gridDim.y = height), columns strided by x
// args: f32[24000]:rand(26) f32[24000]:fill(-1) i32:300 i32:80 f32:1.25 f32:0.1
// grid: 2,80  block: 128
// reference: out[y*w + x] = in[y*w + x]*gain + bias*(float)y for y < h (80), x < w (300); every element written
__global__ void image_brightness(const float *in, float *out, int w, int h, float gain, float bias) {
  int y = blockIdx.y;
  for (int x = blockIdx.x * blockDim.x + threadIdx.x; x < w; x += blockDim.x * gridDim.x) {
    if (y < h) out[y * w + x] = in[y * w + x] * gain + bias * (float)y;
  }
}
