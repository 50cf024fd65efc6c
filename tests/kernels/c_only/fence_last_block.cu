// kernel: fence_last_block — threadFenceReduction (CUDA samples): each block writes its partial sum to global memory, __threadfence(), atomicInc on a __device__ unsigned counter; the block that sees gridDim.x-1 sums all partials and writes the total (C only: WGSL has no device-scope fence, see docs/target-wgsl.md)
// args: f32[6000]:rand(361) f32[24]:fill(-1) f32[1]:fill(-1) i32:6000
// grid: 24  block: 256
// reference: partial[b] = sum of in[i] for i in block b (i < n); total[0] = sum of partial[0..23] in block order
// tol: 1e-4
__device__ unsigned int retirementCount = 0;

__global__ void fence_last_block(const float *in, float *partial, float *total, int n) {
  __shared__ float sdata[256];
  __shared__ bool amLast;
  unsigned tid = threadIdx.x;
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  sdata[tid] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) {
    partial[blockIdx.x] = sdata[0];
    __threadfence();
    unsigned ticket = atomicInc(&retirementCount, gridDim.x);
    amLast = (ticket == gridDim.x - 1);
  }
  __syncthreads();
  if (amLast && tid == 0) {
    float sum = 0.0f;
    for (unsigned b = 0; b < gridDim.x; b++) sum += partial[b];
    total[0] = sum;
    retirementCount = 0;
  }
}
