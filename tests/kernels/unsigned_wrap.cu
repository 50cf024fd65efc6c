// kernel: unsigned_wrap — unsigned overflow/underflow wraparound, mixed signed/unsigned comparison, FNV-1a hash
// args: u32[3000]:rand(84) u32[12000]:fill(0) i32:3000
// grid: 12  block: 256
// reference: v = in[i]; out[4i] = v * 2654435761u; out[4i+1] = 5u - v; out[4i+2] = (-1 < (int)v) == (v < 0x80000000u) ? 1 : 0 (int compare; always 1); out[4i+3] = FNV-1a over the 4 bytes of v little-endian first: h = 2166136261u; for b: h ^= b; h *= 16777619u
__global__ void unsigned_wrap(const unsigned int *in, unsigned int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned int v = in[i];
    out[4 * i] = v * 2654435761u;
    out[4 * i + 1] = 5u - v;
    out[4 * i + 2] = ((-1 < (int)v) == (v < 0x80000000u)) ? 1u : 0u;
    unsigned int h = 2166136261u;
    for (int b = 0; b < 4; b++) {
      h ^= (v >> (8 * b)) & 0xffu;
      h *= 16777619u;
    }
    out[4 * i + 3] = h;
  }
}
