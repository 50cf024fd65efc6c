/* Independent C references for the template corpus kernels (tests/kernels/
 * tmpl_*.cu). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output.
 * Kernel names are the instances' C++ spelling without spaces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

static void need_args(const char *kernel, int nargs, int want) {
  if (nargs != want) {
    fprintf(stderr, "refs_tmpl: %s expects %d arguments, got %d\n", kernel, want, nargs);
    abort();
  }
}
#define ARGS(kernel, n)          \
  do {                           \
    need_args(kernel, nargs, n); \
    (void)l;                     \
  } while (0)

DIFF_REF(reduce_f256) {
  ARGS("reduce<float,256>", 3);
  const float *in = DA_F32(a, 0);
  float *partial = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  float v[256];
  for (unsigned b = 0; b < l->grid.x; b++) {
    for (unsigned t = 0; t < 256; t++) {
      size_t i = (size_t)b * 256 + t;
      v[t] = i < (size_t)n ? in[i] : 0.0f;
    }
    for (unsigned s = 128; s > 0; s >>= 1)
      for (unsigned t = 0; t < s; t++) v[t] = v[t] + v[t + s];
    partial[b] = v[0];
  }
}

DIFF_REF(matmul16) {
  ARGS("matmul_tiled<16>", 4);
  const float *A = DA_F32(a, 0), *B = DA_F32(a, 1);
  float *C = DA_F32(a, 2);
  int n = DS_I32(a, 3);
  for (int r = 0; r < n; r++)
    for (int c = 0; c < n; c++) {
      float s = 0.0f;
      for (int k = 0; k < n; k++) s += A[r * n + k] * B[k * n + c];
      C[r * n + c] = s;
    }
}

DIFF_REF(axpy_f) {
  ARGS("axpy<float>", 4);
  float s = DS_F32(a, 0);
  const float *x = DA_F32(a, 1);
  float *y = DA_F32(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float p = s * x[i];
    y[i] = p + y[i];
  }
}

DIFF_REF(axpy_i) {
  ARGS("axpy<int>", 4);
  int s = DS_I32(a, 0);
  const int32_t *x = DA_I32(a, 1);
  int32_t *y = DA_I32(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) y[i] = s * x[i] + y[i];
}

DIFF_REF(apply_square) {
  ARGS("apply<Square>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_F32(a, 1)[i] = DA_F32(a, 0)[i] * DA_F32(a, 0)[i];
}

DIFF_REF(apply_addhalf) {
  ARGS("apply<AddHalf>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_F32(a, 1)[i] = DA_F32(a, 0)[i] + 0.5f;
}

DIFF_REF(clamp_f) {
  ARGS("clamp_to<float>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    float v = DA_F32(a, 0)[i];
    DA_F32(a, 1)[i] = v < -0.5f ? -0.5f : v > 0.5f ? 0.5f : v;
  }
}

DIFF_REF(clamp_i) {
  ARGS("clamp_to<int>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    int v = DA_I32(a, 0)[i];
    DA_I32(a, 1)[i] = v < -100 ? -100 : v > 100 ? 100 : v;
  }
}

DIFF_REF(range_minmax) {
  ARGS("range_minmax", 5);
  const float *x = DA_F32(a, 0), *y = DA_F32(a, 1);
  for (int i = 0; i < DS_I32(a, 4); i++) {
    float lo = x[i] < y[i] ? x[i] : y[i], hi = x[i] > y[i] ? x[i] : y[i];
    DA_F32(a, 2)[i] = lo + hi;
    int m7 = i % 7, m5 = i % 5;
    DA_I32(a, 3)[i] = (m7 > 3 ? m7 : 3) - (m5 < 2 ? m5 : 2);
  }
}

DIFF_REF(vec_dot) {
  ARGS("vec_dot<float,4>", 4);
  const float *x = DA_F32(a, 0), *y = DA_F32(a, 1);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float d = 0.0f, h = 0.0f;
    for (int k = 0; k < 4; k++) {
      float p = x[4 * i + k] * y[4 * i + k];
      d = d + p;
      h = h + x[4 * i + k];
    }
    DA_F32(a, 2)[i] = d + h;
  }
}

static void scale_rows(diff_arg *a, bool clamp) {
  float s = DS_F32(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float v = DA_F32(a, 0)[i] * s;
    if (clamp) v = v < -1.0f ? -1.0f : v > 1.0f ? 1.0f : v;
    DA_F32(a, 1)[i] = v;
  }
}
DIFF_REF(scale_rows_t) {
  ARGS("scale_rows<true>", 4);
  scale_rows(a, true);
}
DIFF_REF(scale_rows_f) {
  ARGS("scale_rows<false>", 4);
  scale_rows(a, false);
}

DIFF_REF(nested_pairs) {
  ARGS("nested_pairs", 4);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    int k = DA_I32(a, 0)[i];
    DA_F32(a, 2)[i] = (float)(2 * k + 1) * DA_F32(a, 1)[i];
  }
}

DIFF_REF(fill_ramp) {
  ARGS("fill_ramp<float,128>", 2);
  for (int i = 0; i < DS_I32(a, 1); i++) DA_F32(a, 0)[i] = (float)(i % 128) * 0.5f + (float)(i / 128);
}

DIFF_REF(pack_words) {
  ARGS("pack_words<short,2>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_I32(a, 1)[i] = DA_I32(a, 0)[i] * 2 + 128;
}

static float pw(float x, int n) {
  float r = 1.0f;
  for (int k = 0; k < n; k++) r = x * r; /* x * (x * (... * 1.0f)) */
  return r;
}
DIFF_REF(power_series) {
  ARGS("power_series", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    float x = DA_F32(a, 0)[i];
    DA_F32(a, 1)[i] = pw(x, 1) + pw(x, 2) + pw(x, 3) + pw(x, 5);
  }
}

DIFF_REF(stencil3) {
  ARGS("stencil3<float,128>", 3);
  const float *in = DA_F32(a, 0);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float l0 = i > 0 ? in[i - 1] : 0.0f, r0 = i + 1 < n ? in[i + 1] : 0.0f;
    float s = 0.25f * l0;
    s = s + 0.5f * in[i];
    s = s + 0.25f * r0;
    DA_F32(a, 1)[i] = s;
  }
}

DIFF_REF(scale_f) {
  ARGS("scale<float>", 3);
  for (int i = 0; i < DS_I32(a, 2); i++) DA_F32(a, 0)[i] *= DS_F32(a, 1);
}

DIFF_REF(affine_f) {
  ARGS("affine<float>", 4);
  float m = DA_F32(a, 0)[0], c = DA_F32(a, 0)[1];
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float p = m * DA_F32(a, 1)[i];
    DA_F32(a, 2)[i] = p + c;
  }
}

DIFF_REF(gather_scaled) {
  ARGS("gather_scaled", 4);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float p = (float)DA_I32(a, 1)[i] * 0.001f;
    DA_F32(a, 2)[i] = DA_F32(a, 0)[i] + p;
  }
}

/* ---- tmpl_member.cu ---- */
static float horner3(float t) { return (0.25f * t + 0.5f) * t + 1.0f; }

DIFF_REF(tmpl_member) {
  ARGS("tmpl_member", 5);
  const float *f = DA_F32(a, 0);
  const int32_t *k = DA_I32(a, 1);
  float *out = DA_F32(a, 2);
  int32_t *cnt = DA_I32(a, 3);
  int n = DS_I32(a, 4);
  for (int i = 0; i < n; i++) {
    float x = f[i];
    int kk = k[i], m = kk % 4;
    float s = 4.0f + x + (float)(2 * kk) + (float)kk;
    out[i] = 2.0f * s + horner3(x) + horner3((float)m);
    cnt[i] = 13;
  }
}

/* ---- tmpl_ctor_complex.cu ---- */
DIFF_REF(dft_f) {
  ARGS("dft<float>", 7);
  const float *xr = DA_F32(a, 0), *xi = DA_F32(a, 1), *wr = DA_F32(a, 2), *wi = DA_F32(a, 3);
  float *outr = DA_F32(a, 4), *outi = DA_F32(a, 5);
  int n = DS_I32(a, 6);
  for (int k = 0; k < n; k++) {
    float re = 0.0f, im = 0.0f;
    for (int j = 0; j < n; j++) {
      int m = (k * j) % n;
      float pr = xr[j] * wr[m] - xi[j] * wi[m];
      float pi = xr[j] * wi[m] + xi[j] * wr[m];
      re += pr;
      im += pi;
    }
    outr[k] = 0.5f * re;
    outi[k] = -(0.5f * im);
  }
}

DIFF_REF(dft_i) {
  ARGS("dft<int>", 7);
  const int32_t *xr = DA_I32(a, 0), *xi = DA_I32(a, 1), *wr = DA_I32(a, 2), *wi = DA_I32(a, 3);
  int32_t *outr = DA_I32(a, 4), *outi = DA_I32(a, 5);
  int n = DS_I32(a, 6);
  for (int k = 0; k < n; k++) {
    int32_t re = 0, im = 0;
    for (int j = 0; j < n; j++) {
      int m = (k * j) % n;
      re += xr[j] * wr[m] - xi[j] * wi[m];
      im += xr[j] * wi[m] + xi[j] * wr[m];
    }
    outr[k] = re;
    outi[k] = -im;
  }
}

/* ---- tmpl_ctor_vec3.cu ---- */
DIFF_REF(vec3_block_sum) {
  ARGS("vec3_block_sum", 5);
  const float *x = DA_F32(a, 0), *y = DA_F32(a, 1), *z = DA_F32(a, 2);
  float *out = DA_F32(a, 3);
  int n = DS_I32(a, 4);
  for (int b = 0; b < 8; b++) {
    float s[128][3];
    for (int t = 0; t < 128; t++) {
      int i = b * 128 + t;
      if (i < n) {
        float px = x[i], py = y[i], pz = z[i];
        s[t][0] = (py * 3.0f - pz * 2.0f) + px * 0.5f + 0.25f;
        s[t][1] = (pz * 1.0f - px * 3.0f) + py * 0.5f + 0.25f;
        s[t][2] = (px * 2.0f - py * 1.0f) + pz * 0.5f + 0.25f;
      } else {
        s[t][0] = s[t][1] = s[t][2] = 0.0f;
      }
    }
    for (int stride = 64; stride > 0; stride >>= 1)
      for (int t = 0; t < stride; t++)
        for (int c = 0; c < 3; c++) s[t][c] += s[t + stride][c];
    for (int c = 0; c < 3; c++) out[3 * b + c] = s[0][c];
  }
}

/* ---- tmpl_ctor_functor.cu ---- */
DIFF_REF(transform_axpby_f) {
  ARGS("transform_axpby<float>", 6);
  const float *x = DA_F32(a, 0), *y = DA_F32(a, 1);
  float *out = DA_F32(a, 2);
  float ca = DS_F32(a, 4), cb = DS_F32(a, 5);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float v = ca * x[i] + cb * y[i];
    out[i] = v < -1.0f ? -1.0f : v > 2.0f ? 2.0f : v;
  }
}

DIFF_REF(transform_axpby_i) {
  ARGS("transform_axpby<int>", 6);
  const int32_t *x = DA_I32(a, 0), *y = DA_I32(a, 1);
  int32_t *out = DA_I32(a, 2);
  int32_t ca = DS_I32(a, 4), cb = DS_I32(a, 5);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    int32_t v = ca * x[i] + cb * y[i];
    out[i] = v < -1 ? -1 : v > 2 ? 2 : v;
  }
}

DIFF_REF(window_stats_i) {
  ARGS("window_stats<int>", 3);
  const int32_t *x = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int32_t lo[2] = {1000000, 1000000}, hi[2] = {-1000000, -1000000}, cnt[2] = {0, 0};
    for (int j = 0; j < 7 && i + j < n; j++) {
      int32_t v = x[i + j];
      int q = j % 2;
      if (v < lo[q]) lo[q] = v;
      if (v > hi[q]) hi[q] = v;
      cnt[q]++;
    }
    out[3 * i] = lo[0];
    out[3 * i + 1] = hi[1];
    out[3 * i + 2] = cnt[0] * 10 + cnt[1];
  }
}

/* ---- tmpl_ctor_template.cu ---- */
DIFF_REF(tmpl_ctor_template) {
  ARGS("tmpl_ctor_template", 4);
  const int32_t *ki = DA_I32(a, 0);
  const float *xf = DA_F32(a, 1);
  float *out = DA_F32(a, 2);
  int n = DS_I32(a, 3);
  for (int i = 0; i < n; i++) {
    float k = (float)ki[i], k1 = (float)(ki[i] + 1), x = xf[i], *o = out + 8 * i;
    int m = (int)(x * 8.0f);
    o[0] = 3.0f * (k + k1);
    o[1] = (float)(5 * ki[i]) + (k + k1);
    o[2] = (float)(2 * m) + (float)(3 * m) * 0.5f;
    o[3] = k + k1;
    o[4] = k * 2.0f + x;
    o[5] = 1.0f;
    o[6] = 3.0f * k + k * k1;
    o[7] = x * (x + 1.0f) + 3.75f;
  }
}

/* ---- tmpl_member_out_of_class.cu ---- */
DIFF_REF(tmpl_member_out_of_class) {
  ARGS("tmpl_member_out_of_class", 4);
  const int32_t *ki = DA_I32(a, 0);
  const float *xf = DA_F32(a, 1);
  float *out = DA_F32(a, 2);
  int n = DS_I32(a, 3);
  for (int i = 0; i < n; i++) {
    int32_t k = ki[i];
    float x = xf[i], *o = out + 7 * i;
    o[0] = (float)(2 * k + 1) * x;
    o[1] = (float)(4 * 2 * k);
    o[2] = (float)(int)(2.5f * (x + 1.0f)) + 7.0f;
    o[3] = (float)(3 * k + 1);
    o[4] = 2.0f * ((float)k + 0.25f);
    o[5] = 2.0f * (x + 1.5f);
    o[6] = x * 1.5f * 2.0f + 1.5f * 3.0f;
  }
}

/* ---- tmpl_ctor_copy.cu ---- */
DIFF_REF(tmpl_ctor_copy) {
  ARGS("tmpl_ctor_copy", 4);
  const int32_t *ki = DA_I32(a, 0);
  const float *xf = DA_F32(a, 1);
  float *out = DA_F32(a, 2);
  int n = DS_I32(a, 3);
  for (int i = 0; i < n; i++) {
    float x = xf[i], *o = out + 8 * i;
    o[0] = x * 2.0f;
    o[1] = x;
    o[2] = x * 3.0f;
    o[3] = x + 100.0f;
    o[4] = x * 2.0f;
    o[5] = x * 3.0f;
    o[6] = x * 3.0f;
    o[7] = (ki[i] & 1) ? x * 3.0f : (x + 1.0f) * 3.0f;
  }
}

const diff_ref diff_refs_tmpl[] = {
    {"reduce<float,256>", ref_reduce_f256, -1},
    {"matmul_tiled<16>", ref_matmul16, -1},
    {"axpy<float>", ref_axpy_f, -1},
    {"axpy<int>", ref_axpy_i, -1},
    {"apply<Square>", ref_apply_square, -1},
    {"apply<AddHalf>", ref_apply_addhalf, -1},
    {"clamp_to<float>", ref_clamp_f, -1},
    {"clamp_to<int>", ref_clamp_i, -1},
    {"range_minmax", ref_range_minmax, -1},
    {"vec_dot<float,4>", ref_vec_dot, -1},
    {"scale_rows<true>", ref_scale_rows_t, -1},
    {"scale_rows<false>", ref_scale_rows_f, -1},
    {"nested_pairs", ref_nested_pairs, -1},
    {"fill_ramp<float,128>", ref_fill_ramp, -1},
    {"pack_words<short,2>", ref_pack_words, -1},
    {"power_series", ref_power_series, -1},
    {"stencil3<float,128>", ref_stencil3, -1},
    {"scale<float>", ref_scale_f, -1},
    {"affine<float>", ref_affine_f, -1},
    {"gather_scaled", ref_gather_scaled, -1},
    {"tmpl_member", ref_tmpl_member, -1},
    {"dft<float>", ref_dft_f, -1},
    {"dft<int>", ref_dft_i, -1},
    {"vec3_block_sum", ref_vec3_block_sum, -1},
    {"transform_axpby<float>", ref_transform_axpby_f, -1},
    {"transform_axpby<int>", ref_transform_axpby_i, -1},
    {"window_stats<int>", ref_window_stats_i, -1},
    {"tmpl_ctor_template", ref_tmpl_ctor_template, -1},
    {"tmpl_member_out_of_class", ref_tmpl_member_out_of_class, -1},
    {"tmpl_ctor_copy", ref_tmpl_ctor_copy, -1},
    {NULL, NULL, -1},
};
