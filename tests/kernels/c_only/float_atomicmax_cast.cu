// kernel: fmax_cast — the common CUDA idiom: float atomicMax through (int *) cast of a float buffer (reinterpreting cast: C target only)
// args: f32[10000]:rand(212) f32[1]:fill(-100) i32:10000
// grid: 40  block: 256
// reference: m[0] = max(-100, max_i x[i])
__device__ float atomicMaxFloat(float *addr, float val) {
  int *iaddr = (int *)addr;
  int old = *iaddr, assumed;
  do {
    assumed = old;
    if (__int_as_float(assumed) >= val) break;
    old = atomicCAS(iaddr, assumed, __float_as_int(val));
  } while (assumed != old);
  return __int_as_float(old);
}

__global__ void fmax_cast(const float *x, float *m, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicMaxFloat(m, x[i]);
}
