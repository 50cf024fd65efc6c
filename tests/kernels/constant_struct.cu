// kernel: constant_params — __constant__ struct and array-of-struct with initialisers (nested braces), used per element
// args: f32[5000]:rand(107) f32[5000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: band = i % 4; out[i] = (x[i] * c_cfg.gain + c_cfg.offset) * c_bands[band].mul + c_bands[band].add, gain = 2, offset = 0.5, bands = {{1, 0}, {0.5, 1}, {-1, 2}, {0.25, -3}}; if c_cfg.flags & 1 (set) the result is clamped to [-4, 4]
typedef struct {
  float mul;
  float add;
} Band;

typedef struct {
  float gain;
  float offset;
  int flags;
  int pad;
} Config;

__constant__ Config c_cfg = {2.0f, 0.5f, 1, 0};
__constant__ Band c_bands[4] = {{1.0f, 0.0f}, {0.5f, 1.0f}, {-1.0f, 2.0f}, {0.25f, -3.0f}};

__global__ void constant_params(const float *x, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Band b = c_bands[i % 4];
    float v = (x[i] * c_cfg.gain + c_cfg.offset) * b.mul + b.add;
    if (c_cfg.flags & 1) v = fminf(fmaxf(v, -4.0f), 4.0f);
    out[i] = v;
  }
}
