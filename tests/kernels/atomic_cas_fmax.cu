// kernel: atomic_cas_fmax — float atomicMax via an atomicCAS loop on __float_as_int bits (stored in an int buffer), and an int add built from atomicCAS
// args: f32[30000]:rand(93) i32[1]:fill(-1027080192) i32[1]:zero i32:30000
// grid: 118  block: 256
// reference: __int_as_float(fmax_bits[0]) = max(-100.0f, max over i < n of x[i]) (initial bits -1027080192 = 0xc2c80000 = -100.0f); isum[0] = sum over i < n of (int)(x[i] * 100.0f) (truncation toward zero)
__device__ float atomicMaxFloatBits(int *bits, float val) {
  int old = *bits, assumed;
  do {
    assumed = old;
    if (__int_as_float(assumed) >= val) break;
    old = atomicCAS(bits, assumed, __float_as_int(val));
  } while (assumed != old);
  return __int_as_float(old);
}

__device__ int atomicAddViaCAS(int *addr, int val) {
  int old = *addr, assumed;
  do {
    assumed = old;
    old = atomicCAS(addr, assumed, assumed + val);
  } while (assumed != old);
  return old;
}

__global__ void atomic_cas_fmax(const float *x, int *fmax_bits, int *isum, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    atomicMaxFloatBits(fmax_bits, x[i]);
    atomicAddViaCAS(isum, (int)(x[i] * 100.0f));
  }
}
