// kernel: cg_tile_vote — ballot/any/all on thread_block_tile<8> and <32> (96-thread blocks: three warps; CUDA requires the block to be a multiple of the tile size, so no partial tile), tile.sync() between the votes
// args: i32[288]:rand(17) u32[288]:fill(7) i32[288]:fill(-1) i32[288]:fill(-1) u32[288]:fill(7) i32[288]:fill(-1)
// grid: 3  block: 96
// reference: per block b and thread t (i = 96b + t), p = in[i] > 0, q = in[i] > -900: bal8[i] = bit k set for p of thread i - (t & 7) + k; any8[i] = bal8[i] != 0; all8[i] = bal8[i] == 0xff; bal32[i] = bit k set for q of thread (t & ~31) + k of the block, k over existing threads; all32[i] = every existing thread of that warp has q

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

__global__ void cg_tile_vote(const int *in, unsigned *bal8, int *any8, int *all8, unsigned *bal32, int *all32) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<8> t8 = cg::tiled_partition<8>(block);
  cg::thread_block_tile<32> t32 = cg::tiled_partition<32>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int p = in[i] > -700;
  bal8[i] = t8.ballot(p);
  t8.sync();
  any8[i] = t8.any(in[i] > 800) ? 1 : 0;
  all8[i] = t8.all(p) ? 1 : 0;
  bool q = in[i] > -900;
  bal32[i] = t32.ballot(q);
  cg::sync(t32);
  all32[i] = t32.all(q) ? 1 : 0;
}
