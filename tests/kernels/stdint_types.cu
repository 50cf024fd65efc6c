// kernel: stdint_mix — <stdint.h> typedefs int32_t/uint32_t, typedef chains, const locals and casts between them
// args: u32[3000]:rand(125) i32[3000]:fill(-1) u32[3000]:fill(0) i32:3000
// grid: 12  block: 256
// reference: u = in[i]; s = (int32_t)u; outs[i] = (s >> 16) + (int32_t)(u & 0xffff) ; outu[i] = (uint32_t)(u >> 16) * 3u + (u & 7u)
#include <stdint.h>

typedef uint32_t word_t;
typedef word_t hash_t;

__global__ void stdint_mix(const uint32_t *in, int32_t *outs, hash_t *outu, int n) {
  int32_t i = (int32_t)(blockIdx.x * blockDim.x + threadIdx.x);
  if (i < n) {
    const word_t u = in[i];
    const int32_t s = (int32_t)u;
    outs[i] = (s >> 16) + (int32_t)(u & 0xffffu);
    outu[i] = (hash_t)(u >> 16) * 3u + (u & 7u);
  }
}
