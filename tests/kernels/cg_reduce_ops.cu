// kernel: cg_reduce_ops — cg::reduce with cg::less<int> over 32-lane tiles, cg::greater<float> over 16-lane tiles, cg::bit_and/bit_or/bit_xor<unsigned> over 8-lane tiles (every lane gets the result), and cg::plus<int> over a coalesced_group made inside a divergent branch
// args: i32[288]:rand(51) f32[288]:rand(52) u32[288]:rand(53) i32[288]:fill(-1) f32[288]:fill(-1) u32[288]:fill(7) u32[288]:fill(7) u32[288]:fill(7) i32[288]:fill(-1)
// grid: 3  block: 96
// reference: mn[i] = min of in over i's 32-group; mx[i] = max of f over i's 16-group; band/bor/bxor[i] = AND/OR/XOR of u over i's 8-group; cs[i] = sum of in[j] over j in i's 32-group with in[j] % 3 == 0, written only where in[i] % 3 == 0 (else -1)

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

__global__ void cg_reduce_ops(const int *in, const float *f, const unsigned *u, int *mn, float *mx, unsigned *band,
                              unsigned *bor, unsigned *bxor, int *cs) {
  cg::thread_block block = cg::this_thread_block();
  auto t32 = cg::tiled_partition<32>(block);
  auto t16 = cg::tiled_partition<16>(block);
  auto t8 = cg::tiled_partition<8>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  mn[i] = cg::reduce(t32, v, cg::less<int>());
  mx[i] = cg::reduce(t16, f[i], cg::greater<float>());
  band[i] = cg::reduce(t8, u[i], cg::bit_and<unsigned>());
  bor[i] = cg::reduce(t8, u[i], cg::bit_or<unsigned>());
  bxor[i] = cg::reduce(t8, u[i], cg::bit_xor<unsigned>());
  if (v % 3 == 0) {
    cg::coalesced_group g = cg::coalesced_threads();
    cs[i] = cg::reduce(g, v, cg::plus<int>());
  }
}
