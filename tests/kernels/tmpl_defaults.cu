// kernel: fill_ramp<float,128> — template parameters with defaults (type and value): fill_ramp<> uses both
// args: f32[1000]:fill(-1) i32:1000
// grid: 8  block: 128
// reference: out[i] = (float)(i % 128) * 0.5f + (float)(i / 128)
template <typename T = float, int BLOCK = 128>
__global__ void fill_ramp(T *out, int n) {
  int i = blockIdx.x * BLOCK + threadIdx.x;
  if (i < n) out[i] = (T)(threadIdx.x % BLOCK) * (T)0.5f + (T)blockIdx.x;
}

template __global__ void fill_ramp<>(float *, int);
