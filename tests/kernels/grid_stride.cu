// kernel: grid_stride_scale — grid-stride loop covering more elements than threads
// args: f32[100000]:rand(8) f32[100000]:zero f32:-1.5 i32:100000
// grid: 24  block: 128
// reference: out[i] = in[i]*s + (float)(i % 7) for i < n
__global__ void grid_stride_scale(const float *in, float *out, float s, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    out[i] = in[i] * s + (float)(i % 7);
  }
}
