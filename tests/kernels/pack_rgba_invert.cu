// kernel: rgba_invert — uchar4 RGBA image: invert the colour channels, keep alpha (whole-pixel uchar4 loads and stores)
// args: u8[24000]:rand(601) u8[24000]:fill(7) i32:6000
// grid: 24  block: 256
// reference: for pixel p < n, c < 3: out[4p+c] = 255 - in[4p+c]; out[4p+3] = in[4p+3]
__global__ void rgba_invert(const uchar4 *in, uchar4 *out, int n) {
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p < n) {
    uchar4 px = in[p];
    out[p] = make_uchar4(255 - px.x, 255 - px.y, 255 - px.z, px.w);
  }
}
