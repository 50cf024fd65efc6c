// kernel: relu — y = max(x, 0) and leaky variant on a second output
// args: f32[4099]:rand(5) f32[4099]:zero f32[4099]:zero i32:4099
// grid: 33  block: 128
// reference: y[i] = x[i] > 0 ? x[i] : 0; leaky[i] = x[i] > 0 ? x[i] : 0.01f*x[i]
__global__ void relu(const float *__restrict__ x, float *__restrict__ y,
                     float *__restrict__ leaky, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = x[i];
    y[i] = fmaxf(v, 0.0f);
    leaky[i] = v > 0.0f ? v : 0.01f * v;
  }
}
