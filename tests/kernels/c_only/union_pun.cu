// kernel: union_pun — union in a buffer (float/uint view) and a local union for type punning
// args: u32[4000]:rand(209) f32[4000]:fill(0) i32:4000
// grid: 16  block: 256
// reference: w = data[i] (bits); data[i] becomes bits of (float-view of (w & 0x807fffff | 0x3f800000)) * 2 = a float in ±[2,4); out[i] = exponent field of that float (= 128)
union Word {
  float f;
  unsigned int u;
};

__global__ void union_pun(union Word *data, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    union Word w = data[i];
    w.u = (w.u & 0x807fffffu) | 0x3f800000u;
    w.f *= 2.0f;
    data[i] = w;
    union Word t;
    t.f = w.f;
    out[i] = (float)((t.u >> 23) & 0xffu);
  }
}
