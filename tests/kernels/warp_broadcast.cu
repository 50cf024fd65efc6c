// kernel: warp_broadcast — lane 0's value broadcast with __shfl_sync(mask, v, 0)
// args: f32[640]:rand(8) f32[640]:zero
// grid: 10  block: 64
// reference: out[i] = in[i] - in[i & ~31]

__global__ void warp_broadcast(const float *in, float *out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = in[i];
  float first = __shfl_sync(0xffffffff, v, 0);
  out[i] = v - first;
}
