// kernel: narrow_locals — char/unsigned char/short/unsigned short locals with wraparound conversions, stored into an int buffer
// args: i32[20000]:fill(-1) i32:5000
// grid: 20  block: 256
// reference: out[4i] = (signed char)(i*37); out[4i+1] = (unsigned char)(i*37 + 200); out[4i+2] = (short)(i*1337); out[4i+3] = (unsigned short)(c + s*3) with c = out[4i], s = out[4i+2] computed as int then truncated (all conversions wrap modulo 2^8 / 2^16)
__global__ void narrow_locals(int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    signed char c = (signed char)(i * 37);
    unsigned char uc = (unsigned char)(i * 37 + 200);
    short s = (short)(i * 1337);
    unsigned short us = (unsigned short)(c + s * 3);
    out[4 * i] = c;
    out[4 * i + 1] = uc;
    out[4 * i + 2] = s;
    out[4 * i + 3] = us;
  }
}
