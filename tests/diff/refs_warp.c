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

/* warp_block_reduce and cg_block_reduce (refs_cg.c): out[b] = the sum of
 * in[b*256 .. b*256+255], elements below n only */
void diff_ref_block_sums_256(diff_arg *a, int nargs, const diff_launch *l) {
  (void)nargs;
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  for (unsigned b = 0; b < l->grid.x; b++) {
    int32_t s = 0;
    for (int i = (int)b * 256; i < (int)(b + 1) * 256 && i < n; i++) s += in[i];
    out[b] = s;
  }
}

DIFF_REF(warp_inclusive_scan) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  int n = DS_I32(a, 2);
  int32_t run = 0;
  for (int i = 0; i < n; i++) {
    if (i % 32 == 0) run = 0;
    run += in[i];
    out[i] = run;
  }
}

DIFF_REF(warp_broadcast) {
  (void)nargs;
  (void)l;
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  for (size_t i = 0; i < a[0].count; i++) out[i] = in[i] - in[i / 32 * 32];
}

DIFF_REF(warp_butterfly_max) {
  (void)nargs;
  (void)l;
  const float *x = DA_F32(a, 0);
  float *mx = DA_F32(a, 1);
  const int32_t *k = DA_I32(a, 2);
  int32_t *sum = DA_I32(a, 3);
  for (size_t g = 0; g < a[0].count; g += 32) {
    float m = x[g];
    int32_t s = 0;
    for (size_t j = g; j < g + 32; j++) {
      if (x[j] > m) m = x[j];
      s += k[j];
    }
    for (size_t j = g; j < g + 32; j++) {
      mx[j] = m;
      sum[j] = s;
    }
  }
}

DIFF_REF(warp_width_segments) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *seg8 = DA_I32(a, 1), *b16 = DA_I32(a, 2), *dn4 = DA_I32(a, 3), *up4 = DA_I32(a, 4);
  for (int i = 0; i < (int)a[0].count; i++) {
    int32_t s = 0;
    for (int j = i / 8 * 8; j < i / 8 * 8 + 8; j++) s += in[j];
    seg8[i] = s;
    b16[i] = in[i / 16 * 16 + 3];
    dn4[i] = i % 4 < 3 ? in[i + 1] : in[i];
    up4[i] = i % 4 >= 2 ? in[i - 2] : in[i];
  }
}

DIFF_REF(warp_ballot_compact) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *counts = DA_I32(a, 1), *rank = DA_I32(a, 2);
  const int n = 1000;
  for (int w = 0; w < 32; w++) {
    int c = 0;
    for (int j = w * 32; j < w * 32 + 32 && j < n; j++) {
      if (in[j] > 0) rank[j] = c++;
      else rank[j] = -1;
    }
    counts[w] = c;
  }
}

DIFF_REF(warp_vote) {
  (void)nargs;
  (void)l;
  const int32_t *x = DA_I32(a, 0);
  int32_t *out = DA_I32(a, 1);
  for (int w = 0; w < 12; w++) {
    int any = 0, all1 = 1, all2 = 1;
    for (int j = w * 32; j < w * 32 + 32; j++) {
      if (x[j] > 900) any = 1;
      if (!(x[j] > -990)) all1 = 0;
      if (!(x[j] >= -1000)) all2 = 0;
    }
    out[w] = any + 2 * all1 + 4 * all2;
  }
}

DIFF_REF(warp_activemask) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *cnt = DA_I32(a, 1), *big = DA_I32(a, 2);
  for (int g = 0; g < (int)a[0].count; g += 32) {
    int nodd = 0, oddpos = 0;
    uint32_t evenposmask = 0;
    for (int j = 0; j < 32; j++) {
      int v = in[g + j];
      if (v & 1) {
        nodd++;
        if (v > 0) oddpos++;
      } else if (v > 0) {
        evenposmask |= 1u << j;
      }
    }
    for (int j = 0; j < 32; j++) {
      if (in[g + j] & 1) {
        cnt[g + j] = nodd;
        big[g + j] = oddpos;
      } else {
        cnt[g + j] = -(32 - nodd);
        big[g + j] = (int32_t)evenposmask;
      }
    }
  }
}

DIFF_REF(warp_reduce_sync) {
  (void)nargs;
  const int32_t *x = DA_I32(a, 0);
  const uint32_t *u = DA_U32(a, 1);
  int32_t *add = DA_I32(a, 2), *mn = DA_I32(a, 3), *mx = DA_I32(a, 4);
  uint32_t *umn = DA_U32(a, 5), *uadd = DA_U32(a, 6);
  int bs = (int)l->block.x;
  for (int b = 0; b < (int)l->grid.x; b++)
    for (int w0 = 0; w0 < bs; w0 += 32) {
      int lo = b * bs + w0, hi = b * bs + (w0 + 32 < bs ? w0 + 32 : bs);
      int32_t s = 0, m1 = x[lo], m2 = x[lo];
      uint32_t um = u[lo], us = 0;
      for (int j = lo; j < hi; j++) {
        s += x[j];
        if (x[j] < m1) m1 = x[j];
        if (x[j] > m2) m2 = x[j];
        if (u[j] < um) um = u[j];
        us += u[j];
      }
      for (int j = lo; j < hi; j++) {
        add[j] = s;
        mn[j] = m1;
        mx[j] = m2;
        umn[j] = um;
        uadd[j] = us;
      }
    }
}

DIFF_REF(warp_block48) {
  (void)nargs;
  (void)l;
  const int32_t *x = DA_I32(a, 0);
  int32_t *cnt = DA_I32(a, 1), *pos = DA_I32(a, 2), *s16 = DA_I32(a, 3);
  for (int b = 0; b < 10; b++) {
    for (int w = 0; w < 2; w++) {
      int lo = b * 48 + w * 32, hi = lo + (w == 0 ? 32 : 16), p = 0;
      for (int j = lo; j < hi; j++) p += x[j] > 0;
      for (int j = lo; j < hi; j++) {
        cnt[j] = hi - lo;
        pos[j] = p;
      }
    }
    for (int g = b * 48; g < b * 48 + 48; g += 16) {
      int32_t s = 0;
      for (int j = g; j < g + 16; j++) s += x[j];
      for (int j = g; j < g + 16; j++) s16[j] = s;
    }
  }
}

DIFF_REF(warp_2d_block) {
  (void)nargs;
  (void)l;
  const float *img = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  for (int by = 0; by < 2; by++)
    for (int bx = 0; bx < 4; bx++)
      for (int w = 0; w < 4; w++) {
        double s = 0;
        for (int ty = 2 * w; ty < 2 * w + 2; ty++)
          for (int tx = 0; tx < 16; tx++) s += img[(8 * by + ty) * 32 + 16 * bx + tx];
        out[(by * 4 + bx) * 4 + w] = (float)s;
      }
}

DIFF_REF(warp_shfl_gather) {
  (void)nargs;
  (void)l;
  const uint32_t *in = DA_U32(a, 0);
  uint32_t *perm = DA_U32(a, 1), *wrap = DA_U32(a, 2), *nb = DA_U32(a, 3);
  for (int i = 0; i < (int)a[0].count; i++) {
    int lane = i % 32, base = i - lane;
    perm[i] = in[base + (lane * 7) % 32];
    wrap[i] = in[base + (lane + 37) % 32];
    nb[i] = in[i ^ 1];
  }
}

DIFF_REF(warp_tail_guard) {
  (void)nargs;
  (void)l;
  const float *in = DA_F32(a, 0);
  float *out = DA_F32(a, 1);
  int n = DS_I32(a, 2);
  for (int w = 0; w * 32 < n; w++) {
    double s = 0;
    for (int j = w * 32; j < w * 32 + 32 && j < n; j++) s += in[j];
    out[w] = (float)s;
  }
}

DIFF_REF(warp_reduce_if_loop) {
  (void)nargs;
  (void)l;
  const int32_t *in = DA_I32(a, 0);
  int32_t *total = DA_I32(a, 1), *maxw = DA_I32(a, 2);
  for (int b = 0; b < 8; b++) {
    int32_t t = 0, m = INT32_MIN;
    for (int w = 0; w < 8; w++) {
      int32_t s = 0;
      for (int k = 0; k < 32; k++) s += in[b * 256 + w * 32 + k];
      t += s;
      if (s > m) m = s;
    }
    total[b] = t;
    maxw[b] = m;
  }
}

DIFF_REF(warp_shfl64) {
  (void)nargs;
  (void)l;
  const double *x = DA_F64(a, 0);
  const int64_t *y = (const int64_t *)a[1].host;
  const uint64_t *z = (const uint64_t *)a[2].host;
  double *d = DA_F64(a, 3);
  int64_t *ll = (int64_t *)a[4].host;
  uint64_t *ull = (uint64_t *)a[5].host;
  for (int i = 0; i < (int)a[0].count; i++) {
    int lane = i % 32, base = i - lane;
    double s = 0;
    for (int j = base; j < base + 32; j++) s += x[j];
    d[i] = s;
    ll[i] = y[base + ((lane + 1) & 31)];
    ull[i] = z[i ^ 5];
  }
}

const diff_ref diff_refs_warp[] = {
    {"warp_reduce_tail", ref_warp_reduce_tail, -1},
    {"warp_block_reduce", diff_ref_block_sums_256, -1},
    {"warp_inclusive_scan", ref_warp_inclusive_scan, -1},
    {"warp_broadcast", ref_warp_broadcast, -1},
    {"warp_butterfly_max", ref_warp_butterfly_max, -1},
    {"warp_width_segments", ref_warp_width_segments, -1},
    {"warp_ballot_compact", ref_warp_ballot_compact, -1},
    {"warp_vote", ref_warp_vote, -1},
    {"warp_activemask", ref_warp_activemask, -1},
    {"warp_reduce_sync", ref_warp_reduce_sync, -1},
    {"warp_block48", ref_warp_block48, -1},
    {"warp_2d_block", ref_warp_2d_block, -1},
    {"warp_shfl_gather", ref_warp_shfl_gather, -1},
    {"warp_tail_guard", ref_warp_tail_guard, -1},
    {"warp_reduce_if_loop", ref_warp_reduce_if_loop, -1},
    {"warp_shfl64", ref_warp_shfl64, -1},
    {NULL, NULL, -1},
};
