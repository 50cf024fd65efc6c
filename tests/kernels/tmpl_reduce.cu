// kernel: reduce<float,256> — block-size-templated shared-memory tree reduction (explicitly instantiated)
// args: f32[10000]:rand(41) f32[40]:fill(-1) i32:10000
// grid: 40  block: 256
// reference: partial[b] = pairwise tree sum (s = 128, 64, ..., 1) of in[b*256 + t] (0 past n) for t < 256
template <typename T, unsigned int BLOCK>
__global__ void reduce(const T *in, T *partial, int n) {
  __shared__ T sdata[BLOCK];
  unsigned int tid = threadIdx.x;
  unsigned int i = blockIdx.x * BLOCK + tid;
  sdata[tid] = (i < (unsigned)n) ? in[i] : T(0);
  __syncthreads();
  for (unsigned int s = BLOCK / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = sdata[0];
}

template __global__ void reduce<float, 256>(const float *, float *, int);
