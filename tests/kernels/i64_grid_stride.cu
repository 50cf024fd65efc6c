// kernel: i64_grid_stride — size_t grid-stride loop: 64-bit index, stride and bound (size_t parameter), size_t modulo in the value
// args: f32[100003]:rand(501) f32[100003]:fill(-1) u64:100003
// grid: 24  block: 128
// reference: out[i] = in[i] * 3 + (float)(i % 7) for every i < n
__global__ void i64_grid_stride(const float *in, float *out, size_t n) {
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n;
       i += (size_t)gridDim.x * blockDim.x)
    out[i] = in[i] * 3.0f + (float)(i % 7);
}
