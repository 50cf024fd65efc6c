// expect: :8:5: error: __threadfence() is not supported by the wgsl target
// nvcc: accepts (valid CUDA we do not support on WGSL: it has no memory fence)
__device__ unsigned int done_count;

__global__ void publish(float *out, float v) {
  if (threadIdx.x == 0) {
    out[blockIdx.x] = v;
    __threadfence();
    atomicAdd(&done_count, 1u);
  }
}
