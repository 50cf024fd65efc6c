// kernel: block_partial_sums — block size chosen with -D (#ifndef BLOCK / #define BLOCK 256 default); correct only when BLOCK == blockDim.x
// flags: -DBLOCK=128
// args: f32[10000]:rand(116) f32[79]:fill(-1) i32:10000
// grid: 79  block: 128
// reference: partial[b] = sum of in[i] for i in [128b, min(n, 128b+128))
// tol: 1e-5
#ifndef BLOCK
#define BLOCK 256
#endif

__global__ void block_partial_sums(const float *in, float *partial, int n) {
  __shared__ float s[BLOCK];
  int t = threadIdx.x;
  int i = blockIdx.x * BLOCK + t;
  s[t] = i < n ? in[i] : 0.0f;
  __syncthreads();
#pragma unroll
  for (int stride = BLOCK / 2; stride > 0; stride /= 2) {
    if (t < stride) s[t] += s[t + stride];
    __syncthreads();
  }
  if (t == 0) partial[blockIdx.x] = s[0];
}
