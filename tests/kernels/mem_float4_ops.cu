// kernel: float4_scale_shift — float4 buffers, float4 in shared memory and locals, make_float4, member access
// args: f32[4000]:rand(501) f32[4000]:fill(-7) f32:1.5 f32:-2.0 f32:0.5 f32:3.0 i32:1000
// grid: 4  block: 256
// reference: for v < n: out[4v+k] = in[4v+k] * a + s_k for k < 3 (s = sx, sy, sz); out[4v+3] = in[4v+3] * a + in[4v]
__global__ void float4_scale_shift(const float4 *in, float4 *out, float a, float sx, float sy, float sz,
                                   int n) {
  __shared__ float4 tile[256];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) tile[threadIdx.x] = in[i];
  __syncthreads();
  if (i < n) {
    float4 v = tile[threadIdx.x];
    float4 r = make_float4(v.x * a + sx, v.y * a + sy, v.z * a + sz, v.w * a + v.x);
    out[i] = r;
  }
}
