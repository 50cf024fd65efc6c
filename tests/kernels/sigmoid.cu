// kernel: sigmoid — y = 1 / (1 + exp(-x)), plus tanh-based GELU approximation
// args: f32[30001]:rand(6) f32[30001]:zero f32[30001]:zero i32:30001
// grid: 118  block: 256
// reference: y[i] = 1/(1+expf(-4*x[i])); g[i] = 0.5f*v*(1+tanhf(0.7978845608f*(v+0.044715f*v*v*v))) with v = 3*x[i]
// tol: 1e-5
__global__ void sigmoid(const float *x, float *y, float *g, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float t = 4.0f * x[i];
    y[i] = 1.0f / (1.0f + expf(-t));
    float v = 3.0f * x[i];
    g[i] = 0.5f * v * (1.0f + tanhf(0.7978845608f * (v + 0.044715f * v * v * v)));
  }
}
