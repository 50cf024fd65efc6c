/* Independent C references for the corpus kernels added with issue 5
 * (classic part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output.
 * Float results that depend on an order of summation (a tree reduction, a
 * stencil's operand order) follow the order the spec states, so that the
 * comparison stays tight. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#define REF_ARGS(k)                                                            \
  do {                                                                         \
    (void)l;                                                                   \
    if (nargs < (k)) return;                                                   \
  } while (0)

static int imin(int a, int b) { return a < b ? a : b; }
static int clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* ---- scan_blelloch.cu ---- */
DIFF_REF(scan_blelloch) {
  REF_ARGS(3);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  int seg = 2 * (int)l->block.x;
  for (int s = 0; s < n; s += seg) {
    int32_t run = 0; /* |sum| <= 512 * 1000: no overflow */
    for (int i = s; i < imin(n, s + seg); i++) {
      out[i] = run;
      run += in[i];
    }
  }
}

/* ---- scan_large.cu ---- */
DIFF_REF(scan_blocks) {
  REF_ARGS(4);
  const uint32_t *in = DA_U32(a, 0);
  uint32_t *out = DA_U32(a, 1), *sums = DA_U32(a, 2);
  int n = DS_I32(a, 3);
  for (int b = 0; b * 256 < n; b++) {
    uint32_t run = 0;
    for (int i = b * 256; i < imin(n, b * 256 + 256); i++) {
      out[i] = run;
      run += in[i];
    }
    sums[b] = run;
  }
}

DIFF_REF(scan_block_sums) {
  REF_ARGS(2);
  uint32_t *s = DA_U32(a, 0);
  int n = DS_I32(a, 1);
  uint32_t run = 0;
  for (int i = 0; i < n; i++) {
    uint32_t v = s[i];
    s[i] = run;
    run += v;
  }
}

DIFF_REF(scan_add) {
  REF_ARGS(3);
  uint32_t *out = DA_U32(a, 0);
  const uint32_t *off = DA_U32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) out[i] += off[i / 256];
}

/* ---- histogram_float.cu ---- */
DIFF_REF(histo_float) {
  REF_ARGS(3);
  const float *x = DA_F32(a, 0);
  uint32_t *hist = DA_U32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float f = (x[i] + 1.0f) * 128.0f;
    int b = clampi((int)f, 0, 255);
    hist[b] += 1u;
  }
}

/* ---- bitonic_sort.cu ---- */
static int cmp_u32_up(const void *x, const void *y) {
  uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
  return (p > q) - (p < q);
}
typedef struct kv { uint32_t k; int32_t v; } kv;
static int cmp_kv_down(const void *x, const void *y) {
  const kv *p = x, *q = y;
  return (p->k < q->k) - (p->k > q->k);
}
static int cmp_kv_up(const void *x, const void *y) { return -cmp_kv_down(x, y); }

DIFF_REF(bitonic_sort_block) {
  REF_ARGS(2);
  uint32_t *k = DA_U32(a, 0);
  int dir = DS_I32(a, 1);
  size_t n = a[0].count;
  for (size_t s = 0; s + 1024 <= n; s += 1024) {
    qsort(k + s, 1024, sizeof *k, cmp_u32_up);
    if (!dir)
      for (int i = 0; i < 512; i++) {
        uint32_t t = k[s + i];
        k[s + i] = k[s + 1023 - i];
        k[s + 1023 - i] = t;
      }
  }
}

DIFF_REF(bitonic_sort_kv) {
  REF_ARGS(3);
  uint32_t *k = DA_U32(a, 0);
  int32_t *v = DA_I32(a, 1);
  int dir = DS_I32(a, 2);
  size_t n = a[0].count;
  kv seg[1024];
  for (size_t s = 0; s + 1024 <= n; s += 1024) {
    for (int i = 0; i < 1024; i++) seg[i] = (kv){k[s + i], v[s + i]};
    qsort(seg, 1024, sizeof *seg, dir ? cmp_kv_up : cmp_kv_down);
    for (int i = 0; i < 1024; i++) {
      k[s + i] = seg[i].k;
      v[s + i] = seg[i].v;
    }
  }
}

/* ---- conv_separable.cu ---- */
static float conv_w(int j) { return (float)(j <= 8 ? j + 1 : 17 - j) / 81.0f; }

DIFF_REF(conv_rows) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int w = DS_I32(a, 2), h = DS_I32(a, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      float s = 0.0f;
      for (int k = -8; k <= 8; k++) s += conv_w(8 - k) * ((x + k >= 0 && x + k < w) ? in[y * w + x + k] : 0.0f);
      out[y * w + x] = s;
    }
}

DIFF_REF(conv_cols) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int w = DS_I32(a, 2), h = DS_I32(a, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      float s = 0.0f;
      for (int k = -8; k <= 8; k++) s += conv_w(8 - k) * ((y + k >= 0 && y + k < h) ? in[(y + k) * w + x] : 0.0f);
      out[y * w + x] = s;
    }
}

/* ---- nbody_tiled.cu ---- */
DIFF_REF(nbody_tiled) {
  REF_ARGS(3);
  const float *b = DA_F32(a, 0);
  float *acc = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int i = 0; i < n; i++) {
    float ax = 0.0f, ay = 0.0f, az = 0.0f;
    for (int j = 0; j < n; j++) {
      float dx = b[4 * j] - b[4 * i], dy = b[4 * j + 1] - b[4 * i + 1], dz = b[4 * j + 2] - b[4 * i + 2];
      float d2 = dx * dx + dy * dy + dz * dz + 0.01f;
      float inv = 1.0f / sqrtf(d2);
      float s = b[4 * j + 3] * b[4 * j + 3] * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    acc[4 * i] = ax;
    acc[4 * i + 1] = ay;
    acc[4 * i + 2] = az;
    acc[4 * i + 3] = 0.0f;
  }
}

/* ---- odd_even_sort.cu ---- */
static int cmp_i32_up(const void *x, const void *y) {
  int32_t p = *(const int32_t *)x, q = *(const int32_t *)y;
  return (p > q) - (p < q);
}
DIFF_REF(odd_even_sort) {
  REF_ARGS(1);
  int32_t *d = DA_I32(a, 0);
  for (size_t s = 0; s + 256 <= a[0].count; s += 256) qsort(d + s, 256, sizeof *d, cmp_i32_up);
}

/* ---- jacobi_heat.cu ---- */
DIFF_REF(heat_step) {
  REF_ARGS(5);
  const float *u = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int w = DS_I32(a, 2), h = DS_I32(a, 3);
  float alpha = DS_F32(a, 4);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      float c = u[y * w + x];
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
        out[y * w + x] = c;
        continue;
      }
      float lap = u[y * w + x - 1] + u[y * w + x + 1];
      lap += u[(y - 1) * w + x];
      lap += u[(y + 1) * w + x];
      lap -= 4.0f * c;
      out[y * w + x] = c + alpha * lap;
    }
}

/* ---- spmv_csr.cu ---- */
static int fold(int32_t c, int ncols) { return (c % ncols + ncols) % ncols; }

DIFF_REF(spmv_csr_scalar) {
  REF_ARGS(7);
  const int32_t *rp = DA_I32(a, 0), *col = DA_I32(a, 1);
  const float *val = DA_F32(a, 2), *x = DA_F32(a, 3);
  float *y = DA_F32(a, 4);
  int nrows = DS_I32(a, 5), ncols = DS_I32(a, 6);
  for (int r = 0; r < nrows; r++) {
    float s = 0.0f;
    for (int j = rp[r]; j < rp[r + 1]; j++) s += val[j] * x[fold(col[j], ncols)];
    y[r] = s;
  }
}

DIFF_REF(spmv_csr_vector) {
  REF_ARGS(7);
  const int32_t *rp = DA_I32(a, 0), *col = DA_I32(a, 1);
  const float *val = DA_F32(a, 2), *x = DA_F32(a, 3);
  float *y = DA_F32(a, 4);
  int nrows = DS_I32(a, 5), ncols = DS_I32(a, 6);
  enum { T = 64 };
  for (int r = 0; r < nrows && r < (int)l->grid.x; r++) {
    float p[T];
    for (int t = 0; t < T; t++) {
      p[t] = 0.0f;
      for (int j = rp[r] + t; j < rp[r + 1]; j += T) p[t] += val[j] * x[fold(col[j], ncols)];
    }
    for (int s = T / 2; s > 0; s >>= 1)
      for (int t = 0; t < s; t++) p[t] += p[t + s];
    y[r] = p[0];
  }
}

/* ---- mandelbrot.cu ---- */
DIFF_REF(mandelbrot) {
  REF_ARGS(4);
  int32_t *out = DA_I32(a, 0);
  int w = DS_I32(a, 1), h = DS_I32(a, 2), maxit = DS_I32(a, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      float cx = -2.0f + (float)x * (3.0f / (float)w);
      float cy = -1.2f + (float)y * (2.4f / (float)h);
      float zx = 0.0f, zy = 0.0f;
      int it = 0;
      for (;;) {
        float xx = zx * zx, yy = zy * zy;
        if (!(it < maxit && xx + yy <= 4.0f)) break;
        float t = xx - yy;
        t += cx;
        float p = 2.0f * zx;
        p *= zy;
        zy = p + cy;
        zx = t;
        it++;
      }
      out[y * w + x] = it;
    }
}

/* ---- black_scholes.cu ---- */
static double norm_cdf(double d) { return 0.5 * erfc(-d / sqrt(2.0)); }

DIFF_REF(black_scholes) {
  REF_ARGS(8);
  const float *r0 = DA_F32(a, 0), *r1 = DA_F32(a, 1), *r2 = DA_F32(a, 2);
  float *call = DA_F32(a, 3), *put = DA_F32(a, 4);
  double R = DS_F32(a, 5), V = DS_F32(a, 6);
  int n = DS_I32(a, 7);
  for (int i = 0; i < n; i++) {
    double S = 17.5 + 12.5 * r0[i], X = 50.5 + 49.5 * r1[i], T = 5.125 + 4.875 * r2[i];
    double sq = sqrt(T);
    double d1 = (log(S / X) + (R + 0.5 * V * V) * T) / (V * sq), d2 = d1 - V * sq;
    double e = exp(-R * T);
    call[i] = (float)(S * norm_cdf(d1) - X * e * norm_cdf(d2));
    put[i] = (float)(X * e * (1.0 - norm_cdf(d2)) - S * (1.0 - norm_cdf(d1)));
  }
}

/* ---- sgemm_reg2x2.cu ---- */
DIFF_REF(sgemm_reg2x2) {
  REF_ARGS(6);
  const float *A = DA_F32(a, 0), *B = DA_F32(a, 1);
  float *C = DA_F32(a, 2);
  int M = DS_I32(a, 3), K = DS_I32(a, 4), N = DS_I32(a, 5);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      float s = 0.0f;
      for (int k = 0; k < K; k++) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}

/* ---- stream_compact.cu ---- */
DIFF_REF(compact_block) {
  REF_ARGS(4);
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1), *counts = DA_I32(a, 2);
  int n = DS_I32(a, 3);
  for (int b = 0; b < (int)l->grid.x; b++) {
    int c = 0;
    for (int i = b * 256; i < imin(n, b * 256 + 256); i++)
      if (in[i] > 0) out[b * 256 + c++] = in[i];
    counts[b] = c;
  }
}

/* ---- radix_block.cu ---- */
DIFF_REF(radix_pass_block) {
  REF_ARGS(5);
  const uint32_t *keys = DA_U32(a, 0);
  uint32_t *out = DA_U32(a, 1), *hist = DA_U32(a, 2);
  int n = DS_I32(a, 3), shift = DS_I32(a, 4);
  for (int b = 0; b < (int)l->grid.x; b++) {
    int lo = b * 256, hi = imin(n, b * 256 + 256), pos = lo;
    for (uint32_t d = 0; d < 16; d++) {
      uint32_t cnt = 0;
      for (int i = lo; i < hi; i++)
        if (((keys[i] >> shift) & 15u) == d) {
          out[pos++] = keys[i];
          cnt++;
        }
      hist[16 * b + (int)d] = cnt;
    }
  }
}

/* ---- kmeans_assign.cu ---- */
DIFF_REF(kmeans_assign) {
  REF_ARGS(5);
  const float *pts = DA_F32(a, 0), *cen = DA_F32(a, 1);
  int32_t *assign = DA_I32(a, 2), *counts = DA_I32(a, 3);
  int n = DS_I32(a, 4);
  for (int p = 0; p < n; p++) {
    int best_c = 0;
    float best = 0.0f;
    for (int c = 0; c < 8; c++) {
      float d0 = pts[4 * p] - cen[4 * c], d1 = pts[4 * p + 1] - cen[4 * c + 1];
      float d2 = pts[4 * p + 2] - cen[4 * c + 2], d3 = pts[4 * p + 3] - cen[4 * c + 3];
      float dist = d0 * d0;
      dist += d1 * d1;
      dist += d2 * d2;
      dist += d3 * d3;
      if (c == 0 || dist < best) {
        best = dist;
        best_c = c;
      }
    }
    assign[p] = best_c;
    counts[best_c]++;
  }
}

/* ---- median3x3.cu ---- */
static int cmp_f32_up(const void *x, const void *y) {
  float p = *(const float *)x, q = *(const float *)y;
  return (p > q) - (p < q);
}
DIFF_REF(median3x3) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int w = DS_I32(a, 2), h = DS_I32(a, 3);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      float v[9];
      int k = 0;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) v[k++] = in[clampi(y + dy, 0, h - 1) * w + clampi(x + dx, 0, w - 1)];
      qsort(v, 9, sizeof *v, cmp_f32_up);
      out[y * w + x] = v[4];
    }
}

/* ---- downsample2x2.cu ---- */
DIFF_REF(downsample_box) {
  REF_ARGS(4);
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int w = DS_I32(a, 2), h = DS_I32(a, 3);
  int ow = (w + 1) / 2, oh = (h + 1) / 2;
  for (int y = 0; y < oh; y++)
    for (int x = 0; x < ow; x++) {
      int x0 = 2 * x, y0 = 2 * y, x1 = imin(x0 + 1, w - 1), y1 = imin(y0 + 1, h - 1);
      float s = in[y0 * w + x0] + in[y0 * w + x1];
      s += in[y1 * w + x0];
      s += in[y1 * w + x1];
      out[y * ow + x] = 0.25f * s;
    }
}

const diff_ref diff_refs_classic[] = {
    {"scan_blelloch", ref_scan_blelloch, -1},
    {"scan_blocks", ref_scan_blocks, -1},
    {"scan_block_sums", ref_scan_block_sums, -1},
    {"scan_add", ref_scan_add, -1},
    {"histo_float", ref_histo_float, -1},
    {"bitonic_sort_block", ref_bitonic_sort_block, -1},
    {"bitonic_sort_kv", ref_bitonic_sort_kv, -1},
    {"conv_rows", ref_conv_rows, -1},
    {"conv_cols", ref_conv_cols, -1},
    {"nbody_tiled", ref_nbody_tiled, -1},
    {"odd_even_sort", ref_odd_even_sort, -1},
    {"heat_step", ref_heat_step, -1},
    {"spmv_csr_scalar", ref_spmv_csr_scalar, -1},
    {"spmv_csr_vector", ref_spmv_csr_vector, -1},
    {"mandelbrot", ref_mandelbrot, -1},
    {"black_scholes", ref_black_scholes, -1},
    {"sgemm_reg2x2", ref_sgemm_reg2x2, -1},
    {"compact_block", ref_compact_block, -1},
    {"radix_pass_block", ref_radix_pass_block, -1},
    {"kmeans_assign", ref_kmeans_assign, -1},
    {"median3x3", ref_median3x3, -1},
    {"downsample_box", ref_downsample_box, -1},
    {NULL, NULL, -1},
};
