// kernel: rgba_to_gray — uchar4 RGBA pixels in, one unsigned char of luma out per thread (neighbouring threads write bytes of the same word)
// args: u8[20004]:rand(602) u8[5001]:fill(3) i32:5001
// grid: 20  block: 256
// reference: for pixel p < n: gray[p] = (unsigned char)((299*r + 587*g + 114*b + 500) / 1000) with r, g, b = in[4p], in[4p+1], in[4p+2]
__global__ void rgba_to_gray(const uchar4 *in, unsigned char *gray, int n) {
  int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p >= n) return;
  uchar4 c = in[p];
  unsigned int y = (299u * c.x + 587u * c.y + 114u * c.z + 500u) / 1000u;
  gray[p] = (unsigned char)y;
}
