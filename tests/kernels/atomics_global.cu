// kernel: atomics_global — every int/unsigned atomic on global memory, all with order-independent final values
// args: i32[20000]:rand(91) i32[6]:zero u32[4]:zero u32[2]:fill(4294967295) i32:20000
// grid: 79  block: 256
// reference: over v = in[i], u = (unsigned)v, i < n: ia = {sum v, -sum v, min(0, min v), max(0, max v), 7, count(v > 0)}; ua = {OR of 1u << (i & 31), XOR of u, max u, count(v odd)}; um = {AND of (u | 0xffff0000), min of (u | 0x80000000)}
__global__ void atomics_global(const int *in, int *ia, unsigned int *ua, unsigned int *um, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    unsigned int u = (unsigned int)v;
    atomicAdd(&ia[0], v);
    atomicSub(&ia[1], v);
    atomicMin(&ia[2], v);
    atomicMax(&ia[3], v);
    atomicExch(&ia[4], 7);
    if (v > 0) atomicAdd(&ia[5], 1);
    atomicOr(&ua[0], 1u << (i & 31));
    atomicXor(&ua[1], u);
    atomicMax(&ua[2], u);
    if (v & 1) atomicAdd(&ua[3], 1u);
    atomicAnd(&um[0], u | 0xffff0000u);
    atomicMin(&um[1], u | 0x80000000u);
  }
}
