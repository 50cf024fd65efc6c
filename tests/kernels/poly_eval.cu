// kernel: poly_eval — Horner evaluation of a degree-6 polynomial with brace-initialised local coefficients
// args: f32[20000]:rand(7) f32[20000]:zero i32:20000
// grid: 79  block: 256
// reference: y[i] = sum_k c[k]*x[i]^k with c = {1, -2, 0.5, 3, -0.25, 0.125, -1}
__global__ void poly_eval(const float *x, float *y, int n) {
  const float c[7] = {1.0f, -2.0f, 0.5f, 3.0f, -0.25f, 0.125f, -1.0f};
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = x[i], acc = c[6];
    for (int k = 5; k >= 0; --k)
      acc = acc * v + c[k];
    y[i] = acc;
  }
}
