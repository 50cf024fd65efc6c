// kernel: complex_mul — float2 complex numbers: a device function returning float2, make_float2, an array of float2 buffers multiplied element-wise and scaled
// args: f32[2000]:rand(551) f32[2000]:rand(552) f32[2000]:fill(-1) f32:0.5 i32:1000
// grid: 4  block: 256
// reference: for i < n: (c.re, c.im) = s * (a.re*b.re - a.im*b.im, a.re*b.im + a.im*b.re) with a = (a[2i], a[2i+1])
__device__ float2 cmul(float2 a, float2 b) {
  return make_float2(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

__global__ void complex_mul(const float2 *a, const float2 *b, float2 *c, float s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float2 p = cmul(a[i], b[i]);
    p.x *= s;
    p.y *= s;
    c[i] = p;
  }
}
