// kernel: sum_filtered — nested for loops with continue and an inner break, multiple declarators in the for-init
// args: f32[6000]:rand(72) f32[1000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: out[i] = sum over k in 0..5 of x = in[i*6+k]: skip (continue) if x < -0.5f; add x*(k+1); then inner loop j=0..k adding 0.01f*j, breaking when j*x > 0.3f
// tol: 1e-5
__global__ void sum_filtered(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0.0f;
  for (int k = 0, base = i * 6; k < 6; k++) {
    float x = in[base + k];
    if (x < -0.5f) continue;
    acc += x * (float)(k + 1);
    for (int j = 0; j <= k; ++j) {
      if ((float)j * x > 0.3f) break;
      acc += 0.01f * (float)j;
    }
  }
  out[i] = acc;
}
