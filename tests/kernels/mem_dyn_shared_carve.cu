// kernel: dyn_shared_carve — one extern __shared__ int array retyped as float and carved into a float region and an int region by pointer arithmetic (the CUDA samples' way of putting several arrays in dynamic shared memory)
// args: f32[1000]:rand(531) i32[1000]:rand(532) f32[1000]:fill(-1) i32:1000
// grid: 4  block: 256  shmem: 2048
// reference: for i < n, b = i / 256, t = i % 256, j = b*256 + (t + 1) % 256 (j < n, else use own i): out[i] = x[j] * 2 + (float)k[j]... see refs_mem.c
__global__ void dyn_shared_carve(const float *x, const int *k, float *out, int n) {
  extern __shared__ int smem[];
  float *fs = (float *)smem;
  int *is = (int *)&fs[blockDim.x];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  fs[t] = i < n ? x[i] : 0.0f;
  is[t] = i < n ? k[i] : 0;
  __syncthreads();
  int u = (t + 1) % blockDim.x;
  if (i < n) {
    int j = blockIdx.x * blockDim.x + u;
    out[i] = j < n ? fs[u] * 2.0f + (float)is[u] : -3.0f;
  }
}
