// kernel: warp_reduce_tail — shared-memory tree reduction finished by a warp-shuffle tail (tid < 32)
// args: f32[4000]:rand(11) f32[16]:zero i32:4000
// grid: 16  block: 256
// reference: out[b] = sum of in[i] for i in [b*512, min(n, (b+1)*512))
// tol: 1e-4

__device__ float warpReduceSum(float val) {
  for (int offset = warpSize / 2; offset > 0; offset >>= 1)
    val += __shfl_down_sync(0xffffffff, val, offset);
  return val;
}

__global__ void warp_reduce_tail(const float *in, float *out, int n) {
  __shared__ float sdata[256];
  unsigned int tid = threadIdx.x;
  unsigned int i = blockIdx.x * (blockDim.x * 2) + threadIdx.x;
  float sum = (i < n) ? in[i] : 0.0f;
  if (i + blockDim.x < n) sum += in[i + blockDim.x];
  sdata[tid] = sum;
  __syncthreads();
  for (unsigned int s = blockDim.x / 2; s > 32; s >>= 1) {
    if (tid < s) sdata[tid] = sum = sum + sdata[tid + s];
    __syncthreads();
  }
  if (tid < 32) {
    sum += sdata[tid + 32];
    sum = warpReduceSum(sum);
    if (tid == 0) out[blockIdx.x] = sum;
  }
}
