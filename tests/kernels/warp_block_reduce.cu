// kernel: warp_block_reduce — block sum via per-warp partial sums in shared memory (shfl_down in a device function)
// args: i32[5000]:rand(21) i32[20]:fill(-7) i32:5000
// grid: 20  block: 256
// reference: out[b] = sum of in[i] for i in [b*256, min(n, (b+1)*256))

__inline__ __device__ int warpReduceSum(int val) {
  for (int offset = warpSize / 2; offset > 0; offset /= 2)
    val += __shfl_down_sync(0xffffffff, val, offset);
  return val;
}

__inline__ __device__ int blockReduceSum(int val) {
  __shared__ int shared[32];
  int lane = threadIdx.x % warpSize;
  int wid = threadIdx.x / warpSize;
  val = warpReduceSum(val);
  if (lane == 0) shared[wid] = val;
  __syncthreads();
  val = (threadIdx.x < blockDim.x / warpSize) ? shared[lane] : 0;
  if (wid == 0) val = warpReduceSum(val);
  return val;
}

__global__ void warp_block_reduce(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = i < n ? in[i] : 0;
  int s = blockReduceSum(v);
  if (threadIdx.x == 0) out[blockIdx.x] = s;
}
