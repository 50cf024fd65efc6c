// kernel: cxx_shared_memory — a SharedMemory-style class whose conversion operator returns the dynamic shared array as float*, used for a block sum
// args: f32[1000]:rand(13) f32[4]:fill(-1) i32:1000
// grid: 4  block: 256  shmem: 1024
// reference: out[b] = sum of in[b*256 .. b*256+255] (indices < n)
// tol: 1e-4
struct SharedMemoryF {
  __device__ inline operator float *() {
    extern __shared__ float __smem_f[];
    return __smem_f;
  }
  __device__ inline operator const float *() const {
    extern __shared__ float __smem_f[];
    return __smem_f;
  }
};

__global__ void cxx_shared_memory(const float *in, float *out, int n) {
  float *sdata = SharedMemoryF();
  unsigned tid = threadIdx.x;
  unsigned i = blockIdx.x * blockDim.x + threadIdx.x;
  sdata[tid] = i < (unsigned)n ? in[i] : 0.0f;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) out[blockIdx.x] = sdata[0];
}
