// kernel: mixed_inline — __forceinline__, __noinline__, static inline and __host__ __device__ functions, nested calls
// args: i32[3000]:rand(67) i32[3000]:fill(-1) i32:3000
// grid: 12  block: 256
// reference: with v = in[i] (|v| <= 1000): out[i] = sq(v % 50) + 3*tri(v % 100) - twice(v), sq(a) = a*a, tri(a) = a >= 0 ? a*(a+1)/2 : -((-a)*(-a+1)/2), twice(a) = 2*a (C % truncates toward zero)
__host__ __device__ int twice(int v) { return 2 * v; }

static __device__ __forceinline__ int sq(int v) { return v * v; }

static inline __device__ int tri_pos(int v) { return v * (v + 1) / 2; }

__device__ __noinline__ int tri(int v) {
  if (v < 0) return -tri_pos(-v);
  return tri_pos(v);
}

__device__ int mix(int v) { return sq(v % 50) + 3 * tri(v % 100) - twice(v); }

__global__ void mixed_inline(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = mix(in[i]);
}
