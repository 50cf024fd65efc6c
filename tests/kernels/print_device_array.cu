// kernel: print_device_array — a __device__ float array used as per-element scratch (written then read back by the same thread) and a __device__ int scalar initialised in the source
// args: f32[1500]:rand(331) f32[1500]:fill(-1) i32:1500
// grid: 6  block: 256
// reference: out[i] = (in[i] * 4 + 3) * 0.5 for i < n (d_factor = 4 initialised in the source)
__device__ float d_scratch[1536];
__device__ int d_factor = 4;

__global__ void print_device_array(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    d_scratch[i] = in[i] * (float)d_factor + 3.0f;
    out[i] = d_scratch[i] * 0.5f;
  }
}
