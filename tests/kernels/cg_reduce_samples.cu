// kernel: cg_reduce_samples<256> — CUDA-samples-style reduction: templated on the block size, SharedMemory<T>() temporary for the dynamic shared array, two loads per thread, cg::sync(cta) in a shared-memory tree down to 64, then the first warp finishes with thread_block_tile<32>::shfl_down in a loop bounded by tile32.size() inside if (cta.thread_rank() < 32)
// args: i32[3000]:rand(71) i32[6]:fill(-7) u32:3000
// grid: 6  block: 256  shmem: 1024
// reference: out[b] = sum of in[512b .. 512b+511] (elements below n only)

#include <cooperative_groups.h>
namespace cg = cooperative_groups;

template <class T> struct SharedMemory {
  __device__ operator T *() {
    extern __shared__ int smem_words[];
    return (T *)smem_words;
  }
};

template <unsigned int BLOCK>
__global__ void cg_reduce_samples(const int *in, int *out, unsigned int n) {
  cg::thread_block cta = cg::this_thread_block();
  int *sdata = SharedMemory<int>();
  unsigned int tid = threadIdx.x;
  unsigned int i = blockIdx.x * (BLOCK * 2) + threadIdx.x;
  int sum = i < n ? in[i] : 0;
  if (i + BLOCK < n) sum += in[i + BLOCK];
  sdata[tid] = sum;
  cg::sync(cta);
  for (unsigned int s = BLOCK / 2; s > 32; s >>= 1) {
    if (tid < s) sdata[tid] = sum = sum + sdata[tid + s];
    cg::sync(cta);
  }
  cg::thread_block_tile<32> tile32 = cg::tiled_partition<32>(cta);
  if (cta.thread_rank() < 32) {
    sum += sdata[tid + 32];
    for (int offset = tile32.size() / 2; offset > 0; offset /= 2) sum += tile32.shfl_down(sum, offset);
  }
  if (cta.thread_rank() == 0) out[blockIdx.x] = sum;
}

template __global__ void cg_reduce_samples<256>(const int *, int *, unsigned int);
