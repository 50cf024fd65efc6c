/* Independent C references for the corpus kernels added with issue 5
 * (cxx part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

#define REF_ARGS(k)          \
  do {                       \
    (void)l;                 \
    if (nargs < (k)) return; \
  } while (0)

static int imin(int a, int b) { return a < b ? a : b; }
static int imax(int a, int b) { return a > b ? a : b; }

DIFF_REF(cxx_overload_refs) {
  REF_ARGS(5);
  const float *x = DA_F32(a, 0);
  const int32_t *k = DA_I32(a, 1);
  float *fo = DA_F32(a, 2);
  int32_t *io = DA_I32(a, 3);
  int n = DS_I32(a, 4);
  for (int i = 0; i < n; i++) {
    float av = 2.0f * x[i], b = x[i];
    float c = (av * 0.5f + 1.0f) + (b + 1.0f);
    fo[i] = c + 1.0f;
    int lo = imin(0, k[i]), hi = imax(0, k[i]);
    int v2 = 2 * k[i] - 7;
    lo = imin(lo, v2);
    hi = imax(hi, v2);
    io[i] = 2 * lo + hi;
  }
}

DIFF_REF(cxx_vec3_particles) {
  REF_ARGS(5);
  const float *pos = DA_F32(a, 0), *vel = DA_F32(a, 1);
  float *out = DA_F32(a, 2);
  int n = DS_I32(a, 3), steps = DS_I32(a, 4);
  for (int i = 0; i < n; i++) {
    float p[3], v[3];
    for (int c = 0; c < 3; c++) p[c] = pos[3 * i + c], v[c] = vel[3 * i + c];
    for (int s = 0; s < steps; s++) {
      for (int c = 0; c < 3; c++) {
        float acc = -p[c] * 0.1f;
        v[c] += acc * 0.5f;
      }
      for (int c = 0; c < 3; c++) p[c] = p[c] + v[c] * 0.5f;
    }
    float l2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
    float d = v[0] * p[0] + v[1] * p[1] + v[2] * p[2];
    out[i] = l2 + d;
  }
}

DIFF_REF(cxx_complex_ops) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2), iters = DS_I32(a, 3);
  for (int i = 0; i < n; i++) {
    float re = in[2 * i], im = in[2 * i + 1];
    for (int k = 0; k < iters; k++) {
      float s = 1.0f / (1.0f + (re * re + im * im));
      float zr = re * re - im * im, zi = re * im + im * re;
      zr *= s;
      zi *= s;
      re = zr + 0.1f;
      im = zi + -0.2f;
    }
    out[i] = re + 2.0f * im;
  }
}

DIFF_REF(cxx_functor) {
  REF_ARGS(5);
  const float *x = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  float A = DS_F32(a, 3), B = DS_F32(a, 4);
  for (int i = 0; i < n; i++) {
    float t = A * x[i] + B;
    float g = t > 0.0f ? t : 0.01f * t;
    out[i] = g + (A * (x[i] * x[i]) + B);
  }
}

DIFF_REF(cxx_lambda) {
  REF_ARGS(4);
  const float *x = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  float scale = DS_F32(a, 3);
  for (int i = 0; i < n; i++) {
    float v = x[i];
    float cl = v < -0.5f ? -0.5f : (v > 0.5f ? 0.5f : v);
    out[i] = (v * scale + 1.0f) + v * v + (float)(3 * (i % 4)) + cl;
  }
}

DIFF_REF(cxx_namespaces) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int v = in[i];
    out[i] = (v * 3 + 1) + (v - 2) + (v * v) % 97 + 5 + 10;
  }
}

DIFF_REF(cxx_constexpr) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int v = in[i];
    int j = v & 7;
    int m = v % 10;
    int s = (j * j + 1) + m * m * m;
    switch (v & 3) {
    case 0: s += 4; break;
    case 1: s += 9; break;
    case 2: s += 16; break;
    default: break;
    }
    out[i] = s;
  }
}

DIFF_REF(cxx_casts) {
  REF_ARGS(5);
  const float *x = DA_F32(a, 0);
  const int32_t *k = DA_I32(a, 1);
  float *fo = DA_F32(a, 2);
  uint32_t *uo = DA_U32(a, 3);
  int n = DS_I32(a, 4);
  for (int i = 0; i < n; i++) {
    int q = (int)(x[i] * 100.0f);
    uint32_t u = (uint32_t)k[i] * 2654435761u;
    fo[i] = (float)q / 100.0f + (float)(i % 3);
    uo[i] = (u >> 16) ^ (uint32_t)(k[i] > 0);
  }
}

DIFF_REF(cxx_auto) {
  REF_ARGS(3);
  const float *x = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float r = x[i] * 2.0f + 0.5f;
    r += (float)(i % 7);
    r += 3.0f;
    out[i] = r;
  }
}

DIFF_REF(cxx_shared_memory) {
  REF_ARGS(3);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (unsigned b = 0; b < l->grid.x; b++) {
    /* tree order of the kernel: pairwise halving */
    float s[256];
    for (int t = 0; t < 256; t++) {
      int i = (int)b * 256 + t;
      s[t] = i < n ? in[i] : 0.0f;
    }
    for (int h = 128; h > 0; h >>= 1)
      for (int t = 0; t < h; t++) s[t] += s[t + h];
    out[b] = s[0];
  }
}

DIFF_REF(cxx_methods) {
  REF_ARGS(3);
  const float *x = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float s = x[i];
    for (int k = 0; k < 3; k++) s += x[i] * 2.0f;
    float v = s * 0.5f;
    v = v < -2.0f ? -2.0f : (v > 2.0f ? 2.0f : v);
    out[i] = v + 4.0f;
  }
}

DIFF_REF(cxx_default_args) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int v = in[i];
    out[i] = v + v * 3 + (v * 3 + 7) + 7;
  }
}

DIFF_REF(cxx_struct_refs) {
  REF_ARGS(3);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float lo = in[2 * i], hi = in[2 * i + 1];
    float slo = lo + 1.0f - 0.5f, shi = hi + 1.0f + 0.5f;
    out[2 * i] = slo + (hi - lo);
    out[2 * i + 1] = shi * 2.0f;
  }
}


DIFF_REF(cxx_overload_rank) {
  REF_ARGS(4);
  const int32_t *in = DA_I32(a, 0);
  const float *f = DA_F32(a, 1);
  int32_t *out = DA_I32(a, 2);
  int n = DS_I32(a, 3);
  for (int i = 0; i < n; i++) {
    int k = in[i];
    int c = k & 0x7f; /* a char in 0..127 */
    int s = (int16_t)k;
    int u = (int)(2u * (uint32_t)k);
    out[i] = 10 * k + (1000 + c) + (1000 + s) + u + 7 + (f[i] < 0.0f ? 100 : 200) + 3 + 4;
  }
}

DIFF_REF(cxx_ctor_temporaries) {
  REF_ARGS(3);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float x = in[i];
    float u = x + 2.0f, v = 1.0f + x; /* a + b */
    u = u + x, v = v + x;             /* + c */
    u = u + 0.5f, v = v + 0.5f;       /* + d */
    u = u + 1.0f, v = v + 2.0f;       /* + (1, 2) */
    out[i] = u * 2.0f + v;
  }
}

DIFF_REF(cxx_conversion_op) {
  REF_ARGS(3);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int q = (int)(in[i] * 256.0f);
    int r = q + ((q * q) >> 8);
    float half = ((float)q / 256.0f) * 0.5f;
    out[i] = (float)r / 256.0f + half;
  }
}

DIFF_REF(cxx_matrix2) {
  REF_ARGS(3);
  const float *m = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float A = m[4 * i], B = m[4 * i + 1], C = m[4 * i + 2], D = m[4 * i + 3];
    float pa = A * A + B * C, pb = A * B + B * D, pc = C * A + D * C, pd = C * B + D * D;
    float wx = pa * 1.0f + pb * -1.0f, wy = pc * 1.0f + pd * -1.0f;
    /* identity * w */
    float ix = 1.0f * wx + 0.0f * wy, iy = 0.0f * wx + 1.0f * wy;
    out[2 * i] = ix + 1.0f;
    out[2 * i + 1] = iy;
  }
}

DIFF_REF(cxx_compound_ops) {
  REF_ARGS(3);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float x = in[i], p = x, q = 0.0f;
    for (int k = 0; k < 4; k++) {
      p += x;
      q += 1.0f;
      p *= 0.5f;
      q *= 0.5f;
      p -= 0.25f;
      q -= 0.25f;
    }
    float hp = p + 1.0f;
    out[i] = p + q + hp;
  }
}

DIFF_REF(cxx_class_private) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) out[i] = (in[i] + 6) * 2 + 3;
}

DIFF_REF(cxx_pragma_unroll) {
  REF_ARGS(3);
  const float *x = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float s = 0.0f;
    for (int j = 0; j < 8; j++) s += x[i] * (float)(j + 1);
    for (int j = 0; j < 4; j++) s += x[i] + (float)j;
    out[i] = s;
  }
}

/* ---- copies: cxx_copy_ctor.cu, cxx_copy_assign.cu, cxx_member_ctors.cu ---- */
static int32_t vc(int32_t v, int32_t c) { return v * 16 + c; }

DIFF_REF(cxx_copy_ctor) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int32_t x = in[i], *o = out + 16 * i;
    int32_t want[16] = {vc(2 * x, 1), vc(4 * x, 2), vc(2 * x, 1), vc(x, 0), vc(x + 3, 0), vc(8 * x, 3),
                        vc(2 * x, 1), vc(x, 0), vc(4 * x, 2), vc(x + 1, 0),
                        (x & 1) ? vc(2 * x, 1) : vc(2 * x + 2, 1), vc(4 * x, 2) + 5, vc(4 * x, 2), vc(2 * x, 1),
                        vc(2 * x, 1) + vc(x + 1, 0), x > 0 ? vc(2 * x, 1) : vc(-x, 0)};
    memcpy(o, want, sizeof want);
  }
}

DIFF_REF(cxx_copy_assign) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int32_t x0 = in[i], x1 = in[(i + 1) % n], x2 = in[(i + 2) % n], *o = out + 10 * i;
    o[0] = x0 + 2 * x1 + x2;
    o[1] = 201;
    o[2] = x0;
    o[3] = 20;
    o[4] = 1 + 2 * x0;
    o[5] = 2 + 2 * x1;
    o[6] = 3 + 2 * x2;
    o[7] = 41;
    o[8] = (x0 + 2 * x1 + x2) * 10 + 2;
    o[9] = x1 + 2 * x2;
  }
}

DIFF_REF(cxx_member_ctors) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    int32_t x = in[i], *o = out + 8 * i;
    o[0] = 1000 + 10 * x;
    o[1] = 2000;
    o[2] = x + 2000;
    o[3] = x * 100 + (x + 1) * 10 + 1000;
    o[4] = 1 + 2 * 10 + 1000;
    o[5] = 3 * (x - 1);
    o[6] = 2000;
    o[7] = x + 1;
  }
}

const diff_ref diff_refs_cxx[] = {
    {"cxx_overload_refs", ref_cxx_overload_refs, -1},
    {"cxx_vec3_particles", ref_cxx_vec3_particles, -1},
    {"cxx_complex_ops", ref_cxx_complex_ops, -1},
    {"cxx_functor", ref_cxx_functor, -1},
    {"cxx_lambda", ref_cxx_lambda, -1},
    {"cxx_namespaces", ref_cxx_namespaces, -1},
    {"cxx_constexpr", ref_cxx_constexpr, -1},
    {"cxx_casts", ref_cxx_casts, -1},
    {"cxx_auto", ref_cxx_auto, -1},
    {"cxx_shared_memory", ref_cxx_shared_memory, -1},
    {"cxx_methods", ref_cxx_methods, -1},
    {"cxx_default_args", ref_cxx_default_args, -1},
    {"cxx_struct_refs", ref_cxx_struct_refs, -1},
    {"cxx_overload_rank", ref_cxx_overload_rank, -1},
    {"cxx_ctor_temporaries", ref_cxx_ctor_temporaries, -1},
    {"cxx_conversion_op", ref_cxx_conversion_op, -1},
    {"cxx_matrix2", ref_cxx_matrix2, -1},
    {"cxx_compound_ops", ref_cxx_compound_ops, -1},
    {"cxx_class_private", ref_cxx_class_private, -1},
    {"cxx_pragma_unroll", ref_cxx_pragma_unroll, -1},
    {"cxx_copy_ctor", ref_cxx_copy_ctor, -1},
    {"cxx_copy_assign", ref_cxx_copy_assign, -1},
    {"cxx_member_ctors", ref_cxx_member_ctors, -1},
    {NULL, NULL, -1},
};
