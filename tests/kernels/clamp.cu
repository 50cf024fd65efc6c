// kernel: clamp_kernel — clamp every element into [lo, hi] with a device helper
// args: f32[10007]:rand(4) f32[10007]:fill(7) f32:-0.25 f32:0.5 i32:10007
// grid: 40  block: 256
// reference: out[i] = in[i] < lo ? lo : (in[i] > hi ? hi : in[i])
__device__ float clampf(float v, float lo, float hi) {
  if (v < lo) return lo;
  else if (v > hi) return hi;
  return v;
}

__global__ void clamp_kernel(const float *in, float *out, float lo, float hi, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  out[i] = clampf(in[i], lo, hi);
}
