// kernel: warp_butterfly_max — butterfly all-reduce (max and sum) with __shfl_xor_sync
// args: f32[512]:rand(9) f32[512]:zero i32[512]:rand(10) i32[512]:zero
// grid: 4  block: 128
// reference: mx[i] = max of x over i's 32-element group; sum[i] = sum of k over i's group

__global__ void warp_butterfly_max(const float *x, float *mx, const int *k, int *sum) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float m = x[i];
  int s = k[i];
  for (int mask = 16; mask >= 1; mask >>= 1) {
    m = fmaxf(m, __shfl_xor_sync(0xffffffff, m, mask));
    s += __shfl_xor_sync(0xffffffff, s, mask, 32);
  }
  mx[i] = m;
  sum[i] = s;
}
