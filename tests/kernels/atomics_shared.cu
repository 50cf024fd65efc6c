// kernel: atomics_shared — int/unsigned atomics on __shared__ variables, block results written by thread 0
// args: i32[25000]:rand(92) i32[784]:fill(-1) i32:25000
// grid: 98  block: 256
// reference: per block b over v = in[i], i in [256b, min(n, 256b+256)), u = (unsigned)v: out[8b+k] = {sum v, min v, max v, (int)(AND of (u | 0xfff00000)), (int)(OR of (u & 0xff)), (int)(XOR of u), count(v < 0) via atomicSub from 1000 (= 1000 - count), (int)(max of u)}[k]
__global__ void atomics_shared(const int *in, int *out, int n) {
  __shared__ int s_sum, s_min, s_max, s_cnt;
  __shared__ unsigned int s_and, s_or, s_xor, s_umax;
  if (threadIdx.x == 0) {
    s_sum = 0; s_min = 0x7fffffff; s_max = -0x7fffffff - 1; s_cnt = 1000;
    s_and = 0xffffffffu; s_or = 0u; s_xor = 0u; s_umax = 0u;
  }
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = in[i];
    unsigned int u = (unsigned int)v;
    atomicAdd(&s_sum, v);
    atomicMin(&s_min, v);
    atomicMax(&s_max, v);
    atomicAnd(&s_and, u | 0xfff00000u);
    atomicOr(&s_or, u & 0xffu);
    atomicXor(&s_xor, u);
    if (v < 0) atomicSub(&s_cnt, 1);
    atomicMax(&s_umax, u);
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    int *o = out + 8 * blockIdx.x;
    o[0] = s_sum; o[1] = s_min; o[2] = s_max; o[3] = (int)s_and;
    o[4] = (int)s_or; o[5] = (int)s_xor; o[6] = s_cnt; o[7] = (int)s_umax;
  }
}
