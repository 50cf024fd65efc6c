// kernel: axpy_float4 — 128-bit loads and stores through reinterpret_cast<float4*> over float buffers (n/4 vector iterations plus a scalar tail)
// args: f32[4003]:rand(511) f32[4003]:rand(512) f32:0.75 i32:4003
// grid: 4  block: 256
// reference: y[k] = a * x[k] + y[k] for k < n
__global__ void axpy_float4(const float *x, float *y, float a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int n4 = n / 4;
  if (i < n4) {
    float4 xv = reinterpret_cast<const float4 *>(x)[i];
    float4 yv = reinterpret_cast<float4 *>(y)[i];
    yv.x = a * xv.x + yv.x;
    yv.y = a * xv.y + yv.y;
    yv.z = a * xv.z + yv.z;
    yv.w = a * xv.w + yv.w;
    reinterpret_cast<float4 *>(y)[i] = yv;
  }
  if (i == 0)
    for (int k = n4 * 4; k < n; k++) y[k] = a * x[k] + y[k];
}
