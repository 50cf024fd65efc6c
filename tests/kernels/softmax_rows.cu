// kernel: softmax_rows — numerically stable softmax per row; one block per row; shared max then shared sum
// args: f32[300000]:rand(51) f32[300000]:fill(-1) i32:300 i32:1000
// grid: 300  block: 256
// reference: out[r*cols + c] = expf(in[r*cols+c] - m_r) / sum_c' expf(in[r*cols+c'] - m_r), m_r = max of row r
// tol: 1e-5
__global__ void softmax_rows(const float *in, float *out, int rows, int cols) {
  __shared__ float red[256];
  int row = blockIdx.x;
  int tid = threadIdx.x;
  const float *x = in + row * cols;
  float m = -3.0e38f;
  for (int c = tid; c < cols; c += blockDim.x) m = fmaxf(m, x[c]);
  red[tid] = m;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) red[tid] = fmaxf(red[tid], red[tid + s]);
    __syncthreads();
  }
  float rmax = red[0];
  __syncthreads(); // everyone has read red[0] before it is reused
  float sum = 0.0f;
  for (int c = tid; c < cols; c += blockDim.x) sum += expf(x[c] - rmax);
  red[tid] = sum;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) red[tid] += red[tid + s];
    __syncthreads();
  }
  float inv = 1.0f / red[0];
  for (int c = tid; c < cols; c += blockDim.x) out[row * cols + c] = expf(x[c] - rmax) * inv;
}
