// kernel: cg_shfl_double — double values through tile shuffles and cg::reduce: shfl_xor in 8-lane tiles, shfl (broadcast of rank 0) in 32-lane tiles, cg::reduce(plus<double>) in 16-lane tiles (C only: WGSL has no f64, and --demote-double would not meet the double tolerance)
// args: f64[256]:rand(61) f64[256]:fill(-7) f64[256]:fill(-7) f64[256]:fill(-7)
// grid: 2  block: 128
// reference: x8[i] = in[i ^ 3]; b32[i] = in[i & ~31]; s16[i] = sum of in over i's 16-group
// tol: 1e-12

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

__global__ void cg_shfl_double(const double *in, double *x8, double *b32, double *s16) {
  cg::thread_block block = cg::this_thread_block();
  auto t8 = cg::tiled_partition<8>(block);
  auto t16 = cg::tiled_partition<16>(block);
  auto t32 = cg::tiled_partition<32>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double v = in[i];
  x8[i] = t8.shfl_xor(v, 3);
  b32[i] = t32.shfl(v, 0);
  s16[i] = cg::reduce(t16, v, cg::plus<double>());
}
