// kernel: preproc_if — #if/#elif/#else with defined(), arithmetic in conditions, #ifdef/#ifndef, __CUDACC__ guard
// args: i32[2000]:iota i32[2000]:fill(-1) i32:2000
// grid: 8  block: 256
// reference: out[i] = i * 3 + 40 + 7 (MODE 2 selects *3, VERSION >= 200 adds 40, __CUDACC__ is defined so +7)
#define MODE 2
#define VERSION 210

#if MODE == 1
#define OP(x) ((x) * 2)
#elif MODE == 2 && defined(VERSION)
#define OP(x) ((x) * 3)
#else
#error "unknown MODE"
#endif

#if VERSION >= 200 || (VERSION < 100 && !defined(MODE))
#define EXTRA 40
#else
#define EXTRA 0
#endif

#ifdef __CUDACC__
#define CUDA_BONUS 7
#endif
#ifndef CUDA_BONUS
#define CUDA_BONUS 0
#endif

__global__ void preproc_if(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = OP(in[i]) + EXTRA + CUDA_BONUS;
}
