// kernel: cg_shfl_wide — 64-bit values through thread_block_tile's templated shuffles: explicit template arguments (t.shfl<double>(2 * x, 0), t.shfl<long long>(an int, 3), which converts the int; rvalue arguments, as CUDA's TyElem&& needs with explicit arguments), shfl_xor of long long called as g.template shfl_xor<long long>(3 * w, 1) in a function template over the tile type, and shfl_down by 4 in 16-lane tiles of a struct {double d; long long l;} (C only: WGSL has no f64)
// args: f64[256]:rand(91) i64[256]:rand(92) f64[256]:fill(-7) i64[256]:fill(-7) i64[256]:fill(-7) f64[256]:fill(-7) i64[256]:fill(-7)
// grid: 2  block: 128
// reference: b8[i] = 2 * x[i & ~7]; c8[i] = i - (i & 7) + 3 (the int rank 3 lane's i, widened); xw[i] = w[i ^ 1] * 3; with s = i & 15, d = s + 4 < 16 ? i + 4 : i: sd[i] = x[d], sl[i] = w[d] - 5
// tol: 1e-12

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

struct Wide {
  double d;
  long long l;
};

template <typename Tile> __device__ long long pair_swap(const Tile &g, long long w) {
  return g.template shfl_xor<long long>(3 * w, 1);
}

__global__ void cg_shfl_wide(const double *x, const long long *w, double *b8, long long *c8, long long *xw,
                             double *sd, long long *sl) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<8> t8 = cg::tiled_partition<8>(block);
  cg::thread_block_tile<16> t16 = cg::tiled_partition<16>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  b8[i] = t8.shfl<double>(2.0 * x[i], 0);
  c8[i] = t8.shfl<long long>(i, 3);
  xw[i] = pair_swap(t8, w[i]);
  Wide s;
  s.d = x[i];
  s.l = w[i] - 5;
  Wide r = t16.shfl_down(s, 4);
  sd[i] = r.d;
  sl[i] = r.l;
}
