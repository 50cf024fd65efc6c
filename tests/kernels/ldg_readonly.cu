// kernel: gather_ldg — gather through an index buffer with __ldg read-only loads and const __restrict__ pointers
// args: f32[8192]:rand(101) i32[9000]:rand(102) f32[9000]:fill(-1) i32:9000
// grid: 36  block: 256
// reference: out[i] = src[(idx[i] & 8191)] * 2 + src[i & 8191] for i < n
__global__ void gather_ldg(const float *__restrict__ src, const int *__restrict__ idx,
                           float *__restrict__ out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int j = __ldg(&idx[i]) & 8191;
    out[i] = __ldg(src + j) * 2.0f + __ldg(&src[i & 8191]);
  }
}
