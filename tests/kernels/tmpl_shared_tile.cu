// kernel: stencil3<float,128> — templated shared-memory tile with halo; the element type and block size are parameters
// args: f32[5000]:rand(62) f32[5000]:fill(-1) i32:5000
// grid: 40  block: 128
// reference: out[i] = 0.25f*in[i-1] + 0.5f*in[i] + 0.25f*in[i+1], with in[-1] = in[n] = 0
template <typename T, int BLOCK>
__device__ void load_tile(T *tile, const T *in, int base, int n) {
  int t = threadIdx.x;
  int g = base + t;
  tile[t + 1] = g < n ? in[g] : T(0);
  if (t == 0) tile[0] = base > 0 ? in[base - 1] : T(0);
  if (t == BLOCK - 1) tile[BLOCK + 1] = base + BLOCK < n ? in[base + BLOCK] : T(0);
}

template <typename T, int BLOCK>
__global__ void stencil3(const T *in, T *out, int n) {
  __shared__ T tile[BLOCK + 2];
  int base = blockIdx.x * BLOCK;
  load_tile<T, BLOCK>(tile, in, base, n);
  __syncthreads();
  int t = threadIdx.x, g = base + t;
  if (g < n) out[g] = T(0.25f) * tile[t] + T(0.5f) * tile[t + 1] + T(0.25f) * tile[t + 2];
}

template __global__ void stencil3<float, 128>(const float *, float *, int);
