// kernel: cg_shfl_argmax — thread_block_tile shuffles of structs through CUDA's templated shfl members: an argmax reduction of {float x; int i;} by shfl_xor butterflies in 32-lane tiles (ties to the lower index), shfl_up by 2 of the same struct in 8-lane tiles, and shfl_down by 1 in 8-lane tiles of a struct holding a short, a 3-byte array and a bool
// args: f32[256]:rand(81) i32[256]:fill(-7) f32[256]:fill(-7) i32[256]:fill(-7) f32[256]:fill(-7) i32[256]:fill(-7) i32[256]:fill(-7)
// grid: 2  block: 128
// reference: g = i & ~31: arg[i] = the j in [g, g+32) with the largest v[j] (lowest j on ties), mx[i] = v[arg[i]]; e = i & 7, u = e >= 2 ? i - 2 : i: upi[i] = u, upx[i] = v[u]; d = e + 1 < 8 ? i + 1 : i: lo[i] = d * 7 - 900, bits[i] = (d & 255) + 256 * ((d + 1) & 255) + 65536 * ((d + 2) & 255) + 16777216 * (d & 1)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

struct ArgMax {
  float x;
  int i;
};

struct Packed {
  short lo;
  unsigned char tag[3];
  bool odd;
};

__device__ ArgMax better(ArgMax a, ArgMax b) {
  return (b.x > a.x || (b.x == a.x && b.i < a.i)) ? b : a;
}

__global__ void cg_shfl_argmax(const float *v, int *arg, float *mx, int *upi, float *upx, int *lo, int *bits) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> t32 = cg::tiled_partition<32>(block);
  cg::thread_block_tile<8> t8 = cg::tiled_partition<8>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  ArgMax m;
  m.x = v[i];
  m.i = i;
  ArgMax up = t8.shfl_up(m, 2);
  upi[i] = up.i;
  upx[i] = up.x;
  for (int d = 16; d >= 1; d >>= 1) m = better(m, t32.shfl_xor(m, d));
  arg[i] = m.i;
  mx[i] = m.x;
  Packed p;
  p.lo = (short)(i * 7 - 900);
  for (int k = 0; k < 3; k++) p.tag[k] = (unsigned char)(i + k);
  p.odd = (i & 1) != 0;
  Packed q = t8.shfl_down(p, 1);
  lo[i] = q.lo;
  bits[i] = q.tag[0] + 256 * q.tag[1] + 65536 * q.tag[2] + 16777216 * (q.odd ? 1 : 0);
}
