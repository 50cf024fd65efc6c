// kernel: print_formats — every printf conversion (%d %i %u %x %X %o %c %f %e %g %hd %hhu %% and flags/width/precision) inside a data-dependent branch; results unaffected
// args: i32[1000]:rand(311) i32[1000]:fill(-1) i32:1000
// grid: 4  block: 256
// reference: out[i] = in[i] * 3 - 1 for i < n
#include <stdio.h>

__global__ void print_formats(const int *in, int *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int v = in[i];
  if (i % 250 == 7) {
    unsigned u = (unsigned)v;
    printf("[%05d] %+d %i %u %x %#X %o %c|%-6d|%6.2f %e %.3g %hd %hhu 100%%\n", i, v, v, u, u, u, u & 7u,
           'A' + (i & 7), v, v * 0.5f, v * 1.0e-3f, v / 7.0f, (short)v,
           (unsigned char)v);
  }
  out[i] = v * 3 - 1;
}
