// kernel: reduce_dynamic — reduction with extern __shared__ (size given at launch), two loads per thread
// args: i32[77777]:rand(32) i32[152]:fill(-1) i32:77777
// grid: 152  block: 256  shmem: 1024
// reference: partial[b] = sum of in[i] (int, exact) for i in [b*512, min(n, (b+1)*512))
extern __shared__ int sdyn[];

__global__ void reduce_dynamic(const int *in, int *partial, int n) {
  int tid = threadIdx.x;
  int i = blockIdx.x * (blockDim.x * 2) + threadIdx.x;
  int v = 0;
  if (i < n) v = in[i];
  if (i + (int)blockDim.x < n) v += in[i + blockDim.x];
  sdyn[tid] = v;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdyn[tid] = sdyn[tid] + sdyn[tid + s];
    __syncthreads();
  }
  if (tid == 0) partial[blockIdx.x] = sdyn[0];
}
