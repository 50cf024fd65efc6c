/* Independent C references for the corpus kernels added with issue 5
 * (warp part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

DIFF_REF(warp_reduce_tail) {
  (void)nargs;
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (unsigned b = 0; b < l->grid.x; b++) {
    double s = 0;
    for (int i = (int)b * 512; i < (int)(b + 1) * 512 && i < n; i++) s += in[i];
    out[b] = (float)s;
  }
}

const diff_ref diff_refs_warp[] = {
    {"warp_reduce_tail", ref_warp_reduce_tail, -1},
    {NULL, NULL, -1},
};
