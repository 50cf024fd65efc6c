// kernel: pointer_select — a pointer that may refer to either of two buffers (chosen per thread); not expressible in WGSL
// args: f32[2000]:rand(210) f32[2000]:rand(211) f32[2000]:fill(-1) i32:2000
// grid: 8  block: 256
// reference: out[i] = (i & 1 ? b : a)[i] + (a[i] > b[i] ? a : b)[0]
__global__ void pointer_select(const float *a, const float *b, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    const float *p = (i & 1) ? b : a;
    const float *q = a[i] > b[i] ? a : b;
    out[i] = p[i] + q[0];
  }
}
