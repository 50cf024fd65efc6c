// kernel: bitonic_sort_block — bitonic sort of 1024 keys per block in shared memory, 512 threads each handling 2 keys (CUDA samples sortingNetworks style), ascending
// args: u32[8192]:rand(331) i32:1
// grid: 8  block: 512
// reference: each aligned 1024-key segment of keys is sorted ascending (unsigned)
// kernel: bitonic_sort_kv — the same network on key+value pairs (values move with their keys), descending when dir == 0
// args: u32[6144]:rand(332) i32[6144]:iota i32:0
// grid: 6  block: 512
// reference: each aligned 1024-pair segment is sorted by key descending (unsigned, dir == 0); values stay with their keys (keys are distinct within a segment)
#define SORT_SIZE 1024

__device__ inline void cmp_swap(unsigned int *a, unsigned int *b, int dir) {
  if ((*a > *b) == dir) {
    unsigned int t = *a;
    *a = *b;
    *b = t;
  }
}

__global__ void bitonic_sort_block(unsigned int *keys, int dir) {
  __shared__ unsigned int s[SORT_SIZE];
  unsigned int *k = keys + blockIdx.x * SORT_SIZE;
  s[threadIdx.x] = k[threadIdx.x];
  s[threadIdx.x + SORT_SIZE / 2] = k[threadIdx.x + SORT_SIZE / 2];
  for (int size = 2; size < SORT_SIZE; size <<= 1) {
    // alternate directions so that each pair of runs forms a bitonic sequence
    int ddd = dir ^ ((threadIdx.x & (size / 2)) != 0);
    for (int stride = size / 2; stride > 0; stride >>= 1) {
      __syncthreads();
      int pos = 2 * threadIdx.x - (threadIdx.x & (stride - 1));
      cmp_swap(&s[pos], &s[pos + stride], ddd);
    }
  }
  // final merge, all in one direction
  for (int stride = SORT_SIZE / 2; stride > 0; stride >>= 1) {
    __syncthreads();
    int pos = 2 * threadIdx.x - (threadIdx.x & (stride - 1));
    cmp_swap(&s[pos], &s[pos + stride], dir);
  }
  __syncthreads();
  k[threadIdx.x] = s[threadIdx.x];
  k[threadIdx.x + SORT_SIZE / 2] = s[threadIdx.x + SORT_SIZE / 2];
}

__device__ inline void cmp_swap_kv(unsigned int *ka, int *va, unsigned int *kb, int *vb, int dir) {
  if ((*ka > *kb) == dir) {
    unsigned int t = *ka;
    *ka = *kb;
    *kb = t;
    int v = *va;
    *va = *vb;
    *vb = v;
  }
}

__global__ void bitonic_sort_kv(unsigned int *keys, int *vals, int dir) {
  __shared__ unsigned int sk[SORT_SIZE];
  __shared__ int sv[SORT_SIZE];
  int off = blockIdx.x * SORT_SIZE;
  int t = threadIdx.x;
  sk[t] = keys[off + t];
  sv[t] = vals[off + t];
  sk[t + SORT_SIZE / 2] = keys[off + t + SORT_SIZE / 2];
  sv[t + SORT_SIZE / 2] = vals[off + t + SORT_SIZE / 2];
  for (int size = 2; size <= SORT_SIZE; size <<= 1) {
    int ddd = (size == SORT_SIZE) ? dir : (dir ^ ((t & (size / 2)) != 0));
    for (int stride = size / 2; stride > 0; stride >>= 1) {
      __syncthreads();
      int pos = 2 * t - (t & (stride - 1));
      cmp_swap_kv(&sk[pos], &sv[pos], &sk[pos + stride], &sv[pos + stride], ddd);
    }
  }
  __syncthreads();
  keys[off + t] = sk[t];
  vals[off + t] = sv[t];
  keys[off + t + SORT_SIZE / 2] = sk[t + SORT_SIZE / 2];
  vals[off + t + SORT_SIZE / 2] = sv[t + SORT_SIZE / 2];
}
