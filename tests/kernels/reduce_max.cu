// kernel: reduce_max — grid-stride max reduction: per-thread max, shared tree, then per-block result and its index
// args: f32[65531]:rand(33) f32[32]:fill(-1) i32[32]:fill(-1) i32:65531
// grid: 32  block: 128
// reference: bmax[b] = max of in[i] over i < n (65531) with (i % 4096) / 128 == b; barg[b] = the smallest such i attaining it
__global__ void reduce_max(const float *in, float *bmax, int *barg, int n) {
  __shared__ float sv[128];
  __shared__ int si[128];
  int tid = threadIdx.x;
  float best = -3.0e38f;
  int besti = 0x7fffffff;
  for (int i = blockIdx.x * blockDim.x + tid; i < n; i += blockDim.x * gridDim.x) {
    float v = in[i];
    if (v > best) { best = v; besti = i; }
  }
  sv[tid] = best;
  si[tid] = besti;
  __syncthreads();
  for (int s = blockDim.x >> 1; s > 0; s >>= 1) {
    if (tid < s) {
      float o = sv[tid + s];
      int oi = si[tid + s];
      if (o > sv[tid] || (o == sv[tid] && oi < si[tid])) {
        sv[tid] = o;
        si[tid] = oi;
      }
    }
    __syncthreads();
  }
  if (tid == 0) {
    bmax[blockIdx.x] = sv[0];
    barg[blockIdx.x] = si[0];
  }
}
