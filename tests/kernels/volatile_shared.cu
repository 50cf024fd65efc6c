// kernel: warp_free_reduce — volatile shared memory pointer in the final unrolled stage with barriers kept (no warp-synchronous assumptions)
// args: f32[8000]:rand(118) f32[125]:fill(-1) i32:8000
// grid: 125  block: 64
// reference: out[b] = sum of in[i] for i in [64b, 64b+64)
// tol: 1e-5
__global__ void warp_free_reduce(const float *in, float *out, int n) {
  __shared__ float s[64];
  volatile float *vs = s;
  int t = threadIdx.x;
  int i = blockIdx.x * 64 + t;
  vs[t] = (i < n) ? in[i] : 0.0f;
  __syncthreads();
  if (t < 32) vs[t] = vs[t] + vs[t + 32];
  __syncthreads();
  if (t < 16) vs[t] = vs[t] + vs[t + 16];
  __syncthreads();
  if (t < 8) vs[t] = vs[t] + vs[t + 8];
  __syncthreads();
  if (t < 4) vs[t] = vs[t] + vs[t + 4];
  __syncthreads();
  if (t < 2) vs[t] = vs[t] + vs[t + 2];
  __syncthreads();
  if (t == 0) out[blockIdx.x] = vs[0] + vs[1];
}
