// kernel: shared_16k — 4096 floats (16 KiB, the WebGPU default limit) of static shared memory; block reverses a 4096-element segment
// args: f32[20000]:rand(114) f32[20000]:fill(-1) i32:20000
// grid: 5  block: 256
// reference: for segment b (elements [4096b, 4096b+4096) ∩ [0, n)): out[4096b + k] = in[4096b + 4095 - k] when that index < n, else 0 (indices past n read as 0)
#define SEG 4096

__global__ void shared_16k(const float *in, float *out, int n) {
  __shared__ float buf[SEG];
  int base = blockIdx.x * SEG;
  for (int k = threadIdx.x; k < SEG; k += blockDim.x)
    buf[k] = (base + k < n) ? in[base + k] : 0.0f;
  __syncthreads();
  for (int k = threadIdx.x; k < SEG; k += blockDim.x)
    if (base + k < n) out[base + k] = buf[SEG - 1 - k];
}
