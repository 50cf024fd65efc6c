// kernel: atomic_inc_dec — atomicInc/atomicDec with wrap limits; the sum of returned old values is order-independent
// args: u32[4]:zero i32:5000
// grid: 20  block: 256
// reference: n = 5000 ops each: c[0] = n mod 17 (atomicInc limit 16 from 0); c[1] = sum_{k<n} (k mod 17); c[2] = (-n) mod 11 = value after n atomicDec with limit 10 from 0 (0 wraps to 10); c[3] = sum of the old values returned by the decrements = sum_{k<n} ((-k) mod 11)
__global__ void atomic_inc_dec(unsigned int *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    unsigned int o1 = atomicInc(&c[0], 16u);
    atomicAdd(&c[1], o1);
    unsigned int o2 = atomicDec(&c[2], 10u);
    atomicAdd(&c[3], o2);
  }
}
