// kernel: lb_scale — extern "C" kernel with __launch_bounds__(256, 2)
// args: f32[3333]:rand(111) f32[3333]:fill(-1) i32:3333
// grid: 14  block: 256
// reference: out[i] = in[i] * in[i] - 0.5f for i < n
extern "C" __global__ void __launch_bounds__(256, 2) lb_scale(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * in[i] - 0.5f;
}
