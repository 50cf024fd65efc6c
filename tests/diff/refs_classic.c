/* Independent C references for the corpus kernels added with issue 5
 * (classic part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

const diff_ref diff_refs_classic[] = {
    {NULL, NULL, -1},
};
