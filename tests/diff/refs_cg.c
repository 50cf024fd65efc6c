/* Independent C references for the cooperative-groups corpus kernels
 * (tests/kernels/cg_*.cu, issue 5). Same rules as refs_1.c: written from each
 * kernel's header spec as sequential C, never from the CUDA source or the
 * transpiler's output. Lanes are the linear thread id % 32 within a block; a
 * tile of N threads is N consecutive lanes starting at a multiple of N. */
#include <stdint.h>
#include <string.h>

#include "diff.h"

DIFF_REF(cg_tile_shfl) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  const float *f = DA_F32(a, 1);
  const int64_t *w = (const int64_t *)a[2].host;
  int32_t *b4 = DA_I32(a, 3), *up8 = DA_I32(a, 4), *dn16 = DA_I32(a, 5), *x16 = DA_I32(a, 6), *rk = DA_I32(a, 9);
  float *fx8 = DA_F32(a, 7);
  int64_t *l8 = (int64_t *)a[8].host;
  for (int i = 0; i < 256; i++) {
    int t = i % 4, e = i % 8, s = i % 16;
    b4[i] = in[i - t + 3];
    up8[i] = e >= 1 ? in[i - 1] : in[i];
    dn16[i] = s + 2 < 16 ? in[i + 2] : in[i];
    x16[i] = in[i ^ 5];
    fx8[i] = f[i ^ 6];
    l8[i] = e + 3 < 8 ? w[i + 3] : w[i];
    rk[i] = e + 800 + 10000 * s;
  }
}

DIFF_REF(cg_tile_small) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *x2 = DA_I32(a, 1), *t12 = DA_I32(a, 2);
  for (int i = 0; i < 256; i++) {
    x2[i] = in[i ^ 1];
    int bal = (in[i & ~1] > 0) + 2 * (in[i | 1] > 0);
    t12[i] = 10 + 100 * (i & 1) + 1000 * bal + 10000 * in[i];
  }
}

DIFF_REF(cg_tile_vote) {
  (void)nargs;
  const int32_t *in = DA_I32(a, 0);
  uint32_t *bal8 = DA_U32(a, 1), *bal32 = DA_U32(a, 4);
  int32_t *any8 = DA_I32(a, 2), *all8 = DA_I32(a, 3), *all32 = DA_I32(a, 5);
  int bs = (int)l->block.x;
  for (int b = 0; b < (int)l->grid.x; b++)
    for (int t = 0; t < bs; t++) {
      int i = b * bs + t;
      uint32_t m8 = 0, m32 = 0;
      int any = 0;
      for (int k = 0; k < 8; k++) {
        if (in[i - t % 8 + k] > -700) m8 |= 1u << k;
        if (in[i - t % 8 + k] > 800) any = 1;
      }
      int all = 1;
      for (int k = 0; k < 32 && t / 32 * 32 + k < bs; k++) {
        int q = in[b * bs + t / 32 * 32 + k] > -900;
        if (q) m32 |= 1u << k;
        else all = 0;
      }
      bal8[i] = m8;
      any8[i] = any;
      all8[i] = m8 == 0xffu;
      bal32[i] = m32;
      all32[i] = all;
    }
}

DIFF_REF(cg_meta_group) {
  (void)nargs;
  (void)l;
  int32_t *m16 = DA_I32(a, 0), *m4 = DA_I32(a, 1), *dyn = DA_I32(a, 2), *blk = DA_I32(a, 3), *tg = DA_I32(a, 4);
  for (int by = 0; by < 2; by++)
    for (int bx = 0; bx < 3; bx++)
      for (int ty = 0; ty < 6; ty++)
        for (int tx = 0; tx < 16; tx++) {
          int r = tx + 16 * ty, i = (bx + 3 * by) * 96 + r;
          m16[i] = r / 16 + 100 * 6;
          m4[i] = r % 32 / 4 + 100 * 8 + 10000 * (r % 4);
          dyn[i] = r % 8 + 100 * 8;
          blk[i] = bx + 10 * by + 100 * tx + 10000 * ty + 1000000;
          tg[i] = r + 1000 * 96 + 1000000 * (r % 4) + 100000000 * 4;
        }
}

DIFF_REF(cg_coalesced_atomic) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1), *count = DA_I32(a, 2), *rank = DA_I32(a, 3), *size = DA_I32(a, 4), *va = DA_I32(a, 6);
  int32_t *ud = DA_I32(a, 7);
  uint32_t *bal = DA_U32(a, 5);
  int n = DS_I32(a, 8), c = 0;
  for (int i = 0; i < n; i++)
    if (in[i] > 0) out[c++] = in[i];
  count[0] = c;
  for (int w = 0; w * 32 < n; w++) {
    int members[32], m = 0, any = 0, all = 1;
    uint32_t b = 0;
    for (int i = w * 32; i < w * 32 + 32 && i < n; i++)
      if (in[i] > 0) {
        if (in[i] > 500) b |= 1u << m;
        if (in[i] > 900) any = 1;
        if (!(in[i] > 100)) all = 0;
        members[m++] = i;
      }
    for (int k = 0; k < m; k++) {
      rank[members[k]] = k;
      size[members[k]] = m;
      bal[members[k]] = b;
      va[members[k]] = any + 2 * all;
      int v = in[members[k]];
      ud[members[k]] = (k >= 1 ? in[members[k - 1]] : v) + 10000 * (k + 2 < m ? in[members[k + 2]] : v);
    }
  }
}

DIFF_REF(cg_block_sync_smem) {
  (void)nargs;
  const int32_t *in = DA_I32(a, 0);
  int32_t *scan = DA_I32(a, 1), *rev = DA_I32(a, 2);
  int n = DS_I32(a, 3);
  for (int b = 0; b < (int)l->grid.x; b++) {
    int32_t pre[256], acc = 0;
    for (int t = 0; t < 256; t++) {
      int j = b * 256 + t;
      acc += j < n ? in[j] : 0;
      pre[t] = acc;
    }
    for (int t = 0; t < 256 && b * 256 + t < n; t++) {
      scan[b * 256 + t] = pre[t];
      rev[b * 256 + t] = pre[255 - t];
    }
  }
}

/* tile_sums<TILE,T>: tile sums and inclusive prefixes within each tile */
DIFF_REF(tile_sums_8_int) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *sums = DA_I32(a, 1), *pre = DA_I32(a, 2);
  for (int k = 0; k < 64; k++) {
    int32_t acc = 0;
    for (int j = 8 * k; j < 8 * k + 8; j++) pre[j] = acc += in[j];
    sums[k] = acc;
  }
}

DIFF_REF(tile_sums_16_float) {
  (void)nargs;
  (void)l;
  const float *in = DA_F32(a, 0);
  float *sums = DA_F32(a, 1), *pre = DA_F32(a, 2);
  for (int k = 0; k < 32; k++) {
    double acc = 0;
    for (int j = 16 * k; j < 16 * k + 16; j++) pre[j] = (float)(acc += in[j]);
    sums[k] = (float)acc;
  }
}

DIFF_REF(cg_reduce_ops) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  const float *f = DA_F32(a, 1);
  const uint32_t *u = DA_U32(a, 2);
  int32_t *mn = DA_I32(a, 3), *cs = DA_I32(a, 8);
  float *mx = DA_F32(a, 4);
  uint32_t *band = DA_U32(a, 5), *bor = DA_U32(a, 6), *bxor = DA_U32(a, 7);
  for (int i = 0; i < 288; i++) {
    int g32 = i / 32 * 32, g16 = i / 16 * 16, g8 = i / 8 * 8;
    int32_t m = in[g32], s = 0;
    for (int j = g32; j < g32 + 32; j++) {
      if (in[j] < m) m = in[j];
      if (in[j] % 3 == 0) s += in[j];
    }
    mn[i] = m;
    if (in[i] % 3 == 0) cs[i] = s;
    float x = f[g16];
    for (int j = g16; j < g16 + 16; j++)
      if (f[j] > x) x = f[j];
    mx[i] = x;
    uint32_t ba = 0xffffffffu, bo = 0, bx = 0;
    for (int j = g8; j < g8 + 8; j++) {
      ba &= u[j];
      bo |= u[j];
      bx ^= u[j];
    }
    band[i] = ba;
    bor[i] = bo;
    bxor[i] = bx;
  }
}

/* ---- c_only/cg_shfl_double.cu ---- */
DIFF_REF(cg_shfl_double) {
  (void)nargs;
  (void)l;
  const double *in = DA_F64(a, 0);
  double *x8 = DA_F64(a, 1), *b32 = DA_F64(a, 2), *s16 = DA_F64(a, 3);
  for (int i = 0; i < 256; i++) {
    x8[i] = in[i ^ 3];
    b32[i] = in[i & ~31];
    double s = 0;
    for (int j = i & ~15; j < (i & ~15) + 16; j++) s += in[j];
    s16[i] = s;
  }
}

DIFF_REF(cg_reduce_samples_256) {
  (void)nargs;
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  uint32_t n = DS_U32(a, 2);
  for (unsigned b = 0; b < l->grid.x; b++) {
    int32_t s = 0;
    for (uint32_t i = b * 512; i < (b + 1) * 512 && i < n; i++) s += in[i];
    out[b] = s;
  }
}

DIFF_REF(cg_agg_inc) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1), *count = DA_I32(a, 2);
  int n = DS_I32(a, 3), c = 0;
  for (int i = 0; i < n; i++)
    if (in[i] > 100) out[c++] = in[i];
  count[0] = c;
}

/* ---- cg_shfl_argmax.cu ---- */
DIFF_REF(cg_shfl_argmax) {
  (void)nargs;
  (void)l;
  const float *v = DA_F32(a, 0);
  int32_t *arg = DA_I32(a, 1), *upi = DA_I32(a, 3), *lo = DA_I32(a, 5), *bits = DA_I32(a, 6);
  float *mx = DA_F32(a, 2), *upx = DA_F32(a, 4);
  for (int i = 0; i < 256; i++) {
    int g = i & ~31, best = g;
    for (int j = g + 1; j < g + 32; j++)
      if (v[j] > v[best]) best = j;
    arg[i] = best;
    mx[i] = v[best];
    int e = i & 7, u = e >= 2 ? i - 2 : i, d = e + 1 < 8 ? i + 1 : i;
    upi[i] = u;
    upx[i] = v[u];
    lo[i] = d * 7 - 900;
    bits[i] = (d & 255) + 256 * ((d + 1) & 255) + 65536 * ((d + 2) & 255) + 16777216 * (d & 1);
  }
}

/* ---- c_only/cg_shfl_wide.cu ---- */
DIFF_REF(cg_shfl_wide) {
  (void)nargs;
  (void)l;
  const double *x = DA_F64(a, 0);
  const int64_t *w = (const int64_t *)a[1].host;
  double *b8 = DA_F64(a, 2), *sd = DA_F64(a, 5);
  int64_t *c8 = (int64_t *)a[3].host, *xw = (int64_t *)a[4].host, *sl = (int64_t *)a[6].host;
  for (int i = 0; i < 256; i++) {
    b8[i] = 2.0 * x[i & ~7];
    c8[i] = i - (i & 7) + 3;
    xw[i] = w[i ^ 1] * 3;
    int d = (i & 15) + 4 < 16 ? i + 4 : i;
    sd[i] = x[d];
    sl[i] = w[d] - 5;
  }
}

const diff_ref diff_refs_cg[] = {
    {"cg_block_reduce", diff_ref_block_sums_256, -1}, /* refs_warp.c: the same block sums */
    {"cg_tile_shfl", ref_cg_tile_shfl, -1},
    {"cg_tile_small", ref_cg_tile_small, -1},
    {"cg_tile_vote", ref_cg_tile_vote, -1},
    {"cg_meta_group", ref_cg_meta_group, -1},
    {"cg_coalesced_atomic", ref_cg_coalesced_atomic, 1},
    {"cg_agg_inc", ref_cg_agg_inc, 1},
    {"cg_block_sync_smem", ref_cg_block_sync_smem, -1},
    {"tile_sums<8,int>", ref_tile_sums_8_int, -1},
    {"tile_sums<16,float>", ref_tile_sums_16_float, -1},
    {"cg_reduce_ops", ref_cg_reduce_ops, -1},
    {"cg_reduce_samples<256>", ref_cg_reduce_samples_256, -1},
    {"cg_shfl_double", ref_cg_shfl_double, -1},
    {"cg_shfl_argmax", ref_cg_shfl_argmax, -1},
    {"cg_shfl_wide", ref_cg_shfl_wide, -1},
    {NULL, NULL, -1},
};
