// expect: error: reinterpreting 'float *' as 'int *' is not supported
// target: c
// nvcc: accepts (valid CUDA we do not support)
// why: common CUDA idiom; every pointer must map to one buffer (+ offset), on the C target too

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
