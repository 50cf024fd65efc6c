// kernel: copy_int4 — int4 loads through a `const int4 *` made with a C cast of an int buffer, uint4 stores through a cast of an unsigned buffer, a C-style ((float2 *)p)[i] access
// args: i32[2048]:rand(521) u32[2048]:fill(7) f32[1024]:rand(522) f32[512]:fill(-1) i32:512
// grid: 2  block: 256
// reference: for v < n: out[4v+k] = (unsigned)in[4v+(3-k)] ^ 0x5a5a5a5a; sums[v] = f[2v] + f[2v+1]
__global__ void copy_int4(const int *in, unsigned int *out, const float *f, float *sums, int n) {
  int v = blockIdx.x * blockDim.x + threadIdx.x;
  const int4 *in4 = (const int4 *)in;
  uint4 *out4 = (uint4 *)out;
  if (v < n) {
    int4 a = in4[v];
    uint4 b;
    b.x = (unsigned)a.w ^ 0x5a5a5a5au;
    b.y = (unsigned)a.z ^ 0x5a5a5a5au;
    b.z = (unsigned)a.y ^ 0x5a5a5a5au;
    b.w = (unsigned)a.x ^ 0x5a5a5a5au;
    out4[v] = b;
    sums[v] = ((const float2 *)f)[v].x + ((const float2 *)f)[v].y;
  }
}
