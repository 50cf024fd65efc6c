// kernel: scale_rows<true> — a bool template parameter selects the code path at compile time (clamped)
// args: f32[3000]:rand(56) f32[3000]:fill(-1) f32:3.0 i32:3000
// grid: 12  block: 256
// reference: out[i] = min(max(in[i] * 3.0f, -1.0f), 1.0f)
// kernel: scale_rows<false> — the unclamped path
// args: f32[3000]:rand(57) f32[3000]:fill(-1) f32:3.0 i32:3000
// grid: 12  block: 256
// reference: out[i] = in[i] * 3.0f
template <bool CLAMP>
__global__ void scale_rows(const float *in, float *out, float s, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = in[i] * s;
  if (CLAMP) v = fminf(fmaxf(v, -1.0f), 1.0f);
  out[i] = v;
}

template __global__ void scale_rows<true>(const float *, float *, float, int);
template __global__ void scale_rows<false>(const float *, float *, float, int);
