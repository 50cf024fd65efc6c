// kernel: bgr_brighten — packed 3-byte struct Pixel { unsigned char r, g, b; } (stride 3: pixels straddle 32-bit words): swap to BGR and brighten with saturation
// args: u8[15003]:rand(609) u8[15003]:fill(9) i32:40 i32:5001
// grid: 20  block: 256
// reference: for pixel p < n with r, g, b = in[3p], in[3p+1], in[3p+2]: out[3p] = min(b + add, 255), out[3p+1] = min(g + add, 255), out[3p+2] = min(r + add, 255)
struct Pixel {
  unsigned char r, g, b;
};

__device__ unsigned char sat_add(unsigned char v, int add) {
  int s = v + add;
  return s > 255 ? 255 : (unsigned char)s;
}

__global__ void bgr_brighten(const Pixel *in, Pixel *out, int add, int n) {
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p < n) {
    Pixel px = in[p];
    Pixel o;
    o.r = sat_add(px.b, add);
    o.g = sat_add(px.g, add);
    o.b = sat_add(px.r, add);
    out[p] = o;
  }
}
