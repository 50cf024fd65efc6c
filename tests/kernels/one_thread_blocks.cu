// kernel: one_thread_blocks — 1-thread blocks: each block serially sums its own segment; gridDim used in the math
// args: f32[10000]:rand(112) f32[97]:fill(-1) i32:10000
// grid: 97  block: 1
// reference: seg = ceil(n / 97) = 104; out[b] = sum of in[j] for j in [b*seg, min(n, (b+1)*seg)) (summed in increasing j)
// tol: 1e-5
__global__ void one_thread_blocks(const float *in, float *out, int n) {
  int seg = (n + gridDim.x - 1) / gridDim.x;
  int start = blockIdx.x * seg;
  int end = min(n, start + seg);
  float s = 0.0f;
  for (int j = start; j < end; j++) s += in[j];
  out[blockIdx.x] = s;
}
