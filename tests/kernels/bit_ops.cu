// kernel: bit_ops — __popc, __clz, __ffs, __brev, shifts, rotates and masks on unsigned words
// args: u32[4099]:rand(81) u32[32792]:fill(7) i32:4099
// grid: 17  block: 256
// reference: with v = in[i], s = v & 31: out[i*8+k] = {popcount(v), clz(v) (32 for 0), ffs(v) (1-based lowest set bit, 0 for 0), bitreverse(v), (v << s) | (v >> ((32 - s) & 31)) (rotate left by s), v >> 3 ^ v << 5, (unsigned)((int)v >> 7) (arithmetic shift), v & -v (lowest set bit) as unsigned}[k]
__global__ void bit_ops(const unsigned int *in, unsigned int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned int v = in[i];
    unsigned int s = v & 31u;
    unsigned int *o = out + i * 8;
    o[0] = (unsigned int)__popc(v);
    o[1] = (unsigned int)__clz((int)v);
    o[2] = (unsigned int)__ffs((int)v);
    o[3] = __brev(v);
    o[4] = (v << s) | (v >> ((32u - s) & 31u));
    o[5] = (v >> 3) ^ (v << 5);
    o[6] = (unsigned int)((int)v >> 7);
    o[7] = v & (0u - v);
  }
}
