// kernel: scale — in-place a = a*2 + 1
// args: f32[65537]:rand(3) i32:65537
// grid: 257  block: 256
// reference: a[i] = a[i]*2 + 1 for i < n
__global__ void scale(float *a, int n) {
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < (unsigned)n) {
    a[i] *= 2.0f;
    a[i] += 1.0f;
  }
}
