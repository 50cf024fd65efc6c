// kernel: tile_sums<8,int> — templated kernel: the tile size and value type are template parameters; thread_block_tile<TILE> from tiled_partition<TILE>, cg::reduce with cg::plus<T>, rank 0 of each tile writes; every member gets the tile's prefix through shfl_up steps
// args: i32[512]:rand(3) i32[64]:fill(-1) i32[512]:fill(-1)
// grid: 4  block: 128
// reference: sums[k] = in[8k] + ... + in[8k+7]; pre[i] = in[8*(i/8)] + ... + in[i] (inclusive prefix within the tile of 8)
// kernel: tile_sums<16,float> — the same template with 16-lane tiles of floats
// args: f32[512]:rand(4) f32[32]:fill(-1) f32[512]:fill(-1)
// grid: 4  block: 128
// reference: sums[k] = sum of in[16k .. 16k+15] (tree order: the tolerance covers any order); pre[i] = inclusive prefix within the tile of 16
// tol: 1e-5

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

template <int TILE, typename T>
__global__ void tile_sums(const T *in, T *sums, T *pre) {
  cg::thread_block_tile<TILE> tile = cg::tiled_partition<TILE>(cg::this_thread_block());
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  T v = in[i];
  T s = cg::reduce(tile, v, cg::plus<T>());
  if (tile.thread_rank() == 0) sums[i / TILE] = s;
  T p = v;
  for (int d = 1; d < TILE; d *= 2) {
    T u = tile.shfl_up(p, d);
    if ((int)tile.thread_rank() >= d) p += u;
  }
  pre[i] = p;
}

template __global__ void tile_sums<8, int>(const int *, int *, int *);
template __global__ void tile_sums<16, float>(const float *, float *, float *);
