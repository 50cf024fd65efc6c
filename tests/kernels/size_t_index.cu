// kernel: size_t_copy — size_t indices and strides (64-bit index arithmetic), long loop counters
// args: f32[70001]:rand(205) f32[70001]:fill(-1) u64:70001
// grid: 32  block: 128
// reference: out[i] = in[n - 1 - i] * 2 for i < n
__global__ void size_t_copy(const float *in, float *out, size_t n) {
  size_t stride = (size_t)blockDim.x * gridDim.x;
  for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
    out[i] = in[n - 1 - i] * 2.0f;
}
