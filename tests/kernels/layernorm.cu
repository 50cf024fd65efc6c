// kernel: layernorm — per-row layer normalisation with gamma/beta; one block per row, shared mean and variance
// args: f32[49152]:rand(52) f32[768]:rand(53) f32[768]:rand(54) f32[49152]:fill(-1) i32:64 i32:768 f32:0.00001
// grid: 64  block: 128
// reference: mu = mean(row), var = mean((x-mu)^2); out[r*cols + c] = (x[c]-mu)*rsqrtf(var+eps)*gamma[c] + beta[c]
// tol: 1e-4
#define THREADS 128

__global__ void layernorm(const float *in, const float *gamma, const float *beta, float *out,
                          int rows, int cols, float eps) {
  __shared__ float s_sum[THREADS];
  __shared__ float s_mean, s_rstd;
  int r = blockIdx.x, t = threadIdx.x;
  const float *x = &in[r * cols];
  float acc = 0.0f;
  for (int c = t; c < cols; c += THREADS) acc += x[c];
  s_sum[t] = acc;
  __syncthreads();
  for (int s = THREADS / 2; s > 0; s /= 2) {
    if (t < s) s_sum[t] += s_sum[t + s];
    __syncthreads();
  }
  if (t == 0) s_mean = s_sum[0] / cols;
  __syncthreads();
  float mu = s_mean;
  acc = 0.0f;
  for (int c = t; c < cols; c += THREADS) {
    float d = x[c] - mu;
    acc += d * d;
  }
  s_sum[t] = acc;
  __syncthreads();
  for (int s = THREADS / 2; s > 0; s /= 2) {
    if (t < s) s_sum[t] += s_sum[t + s];
    __syncthreads();
  }
  if (t == 0) s_rstd = rsqrtf(s_sum[0] / cols + eps);
  __syncthreads();
  for (int c = t; c < cols; c += THREADS)
    out[r * cols + c] = (x[c] - mu) * s_rstd * gamma[c] + beta[c];
}
