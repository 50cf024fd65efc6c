// kernel: char2_to_short2 — char2 input vector, short2 output vector and a char2 written back in place (2-byte stores into shared words)
// args: i8[6002]:rand(611) i16[6002]:fill(-3) i32:3001
// grid: 12  block: 256
// reference: for i < n with x = in[2i], y = in[2i+1] (signed chars): out[2i] = (short)(x * 100), out[2i+1] = (short)(y - x); then in[2i] = (char)(x + y), in[2i+1] = (char)(x - y)
__global__ void char2_to_short2(char2 *in, short2 *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    char2 v = in[i];
    out[i] = make_short2(v.x * 100, v.y - v.x);
    in[i] = make_char2(v.x + v.y, v.x - v.y);
  }
}
