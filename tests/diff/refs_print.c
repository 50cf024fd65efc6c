/* Independent C references for the corpus kernels added with issue 5
 * (print part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

#define REF_ARGS(k)                                                            \
  do {                                                                         \
    (void)l;                                                                   \
    if (nargs != (k)) return;                                                  \
  } while (0)

DIFF_REF(print_saxpy) {
  REF_ARGS(4);
  float s = DS_F32(a, 0);
  const float *x = DA_F32(a, 1);
  float *y = DA_F32(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) y[i] = s * x[i] + y[i];
}

DIFF_REF(print_formats) {
  REF_ARGS(3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_I32(a, 1)[i] = DA_I32(a, 0)[i] * 3 - 1;
}

DIFF_REF(print_constant_taps) {
  REF_ARGS(3);
  static const int off[5] = {-2, -1, 0, 1, 2};
  static const float w[5] = {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float acc = 0.0f;
    for (int t = 0; t < 5; t++) {
      int j = i + off[t];
      j = j < 0 ? 0 : j > n - 1 ? n - 1 : j;
      acc += w[t] * in[j];
    }
    out[i] = 1.5f * acc + 0.25f;
  }
}

/* out is compared as a multiset: slots come from an atomic counter */
DIFF_REF(print_device_counter) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int c = 0;
  for (int i = 0; i < DS_I32(a, 2); i++)
    if (in[i] % 3 == 0) out[c++] = in[i];
}

DIFF_REF(print_device_array) {
  REF_ARGS(3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_F32(a, 1)[i] = (DA_F32(a, 0)[i] * 4.0f + 3.0f) * 0.5f;
}

DIFF_REF(print_assert_holds) {
  REF_ARGS(3);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    float v = DA_F32(a, 0)[i];
    DA_F32(a, 1)[i] = v < -0.5f ? -0.5f : v > 0.5f ? 0.5f : v;
  }
}

DIFF_REF(print_histogram_log) {
  REF_ARGS(3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_U32(a, 1)[DA_U32(a, 0)[i] >> 28]++;
}

/* c_only: the last block sums the partials in block order */
DIFF_REF(fence_last_block) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *partial = DA_F32(a, 1), *total = DA_F32(a, 2);
  int n = DS_I32(a, 3), nb = 24;
  float sum = 0.0f;
  for (int b = 0; b < nb; b++) {
    float s = 0.0f;
    for (int i = b * 256; i < (b + 1) * 256 && i < n; i++) s += in[i];
    partial[b] = s;
    sum += s;
  }
  total[0] = sum;
}

const diff_ref diff_refs_print[] = {
    {"print_saxpy", ref_print_saxpy, -1},
    {"print_formats", ref_print_formats, -1},
    {"print_constant_taps", ref_print_constant_taps, -1},
    {"print_device_counter", ref_print_device_counter, 1},
    {"print_device_array", ref_print_device_array, -1},
    {"print_assert_holds", ref_print_assert_holds, -1},
    {"print_histogram_log", ref_print_histogram_log, -1},
    {"fence_last_block", ref_fence_last_block, -1},
    {NULL, NULL, -1},
};
