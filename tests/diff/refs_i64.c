/* Independent C references for the corpus kernels added with issue 5
 * (i64 part). Same rules as refs_1.c: written from each kernel's header spec
 * as sequential C, never from the CUDA source or the transpiler's output.
 * Arithmetic that may wrap is done on uint64_t; signed right shifts and
 * narrowing go through explicit helpers (C leaves them implementation-
 * defined); bit counts are computed bit by bit, not with compiler builtins. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

#define REF_ARGS(k)     \
  do {                  \
    (void)l;            \
    if (nargs < (k)) return; \
  } while (0)

#define DA_I64(a, i) ((int64_t *)(a)[i].host)
#define DA_U64(a, i) ((uint64_t *)(a)[i].host)
#define DS_I64(a, i) ((a)[i].s.i64)
#define DS_U64(a, i) ((a)[i].s.u64)

static int64_t as_i64(uint64_t u) {
  int64_t r;
  memcpy(&r, &u, sizeof r);
  return r;
}
/* arithmetic shift right without >> on negative values */
static uint64_t sar(uint64_t v, unsigned s) {
  uint64_t r = v >> s;
  if ((v >> 63) && s) r |= ~(~0ull >> s);
  return r;
}
/* truncating signed division on the bit patterns (no overflow in our ranges) */
static int64_t sdiv(int64_t x, int64_t d) { return x / d; }
static int64_t smod(int64_t x, int64_t d) { return x % d; }
static int32_t low_i32(uint64_t v) { /* modular narrowing */
  uint32_t w = (uint32_t)v;
  return w >= 0x80000000u ? -(int32_t)(0xffffffffu - w) - 1 : (int32_t)w;
}
static int32_t low_i16(uint64_t v) {
  uint32_t w = (uint32_t)(v & 0xffffu);
  return w >= 0x8000u ? (int32_t)w - 0x10000 : (int32_t)w;
}
static int32_t low_i8(uint64_t v) {
  uint32_t w = (uint32_t)(v & 0xffu);
  return w >= 0x80u ? (int32_t)w - 0x100 : (int32_t)w;
}

/* ---- i64_grid_stride.cu ---- */
DIFF_REF(i64_grid_stride) {
  REF_ARGS(3);
  uint64_t n = DS_U64(a, 2);
  for (uint64_t i = 0; i < n && i < a[1].count; i++)
    DA_F32(a, 1)[i] = DA_F32(a, 0)[i] * 3.0f + (float)(i % 7);
}

/* ---- i64_splitmix.cu ---- */
DIFF_REF(i64_splitmix) {
  REF_ARGS(4);
  uint64_t seed = DS_U64(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    uint64_t z = seed + (uint64_t)i * 0x9E3779B97F4A7C15ull;
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    uint64_t r = z ^ (z >> 31);
    DA_U64(a, 0)[i] = r;
    DA_F32(a, 1)[i] = (float)(uint32_t)(r >> 40) / 16777216.0f;
  }
}

/* ---- i64_xorshift.cu ---- */
DIFF_REF(i64_xorshift) {
  REF_ARGS(4);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    uint64_t x = DA_U64(a, 0)[i] | 1;
    int top = 0;
    for (int r = 0; r < DS_I32(a, 3); r++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      top += (int)(x >> 63);
    }
    DA_U64(a, 0)[i] = x * 0x2545F4914F6CDD1Dull;
    DA_I32(a, 1)[i] = top;
  }
}

/* ---- i64_histogram.cu ---- */
DIFF_REF(i64_histogram) {
  REF_ARGS(3);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    uint32_t k = DA_U32(a, 0)[i];
    DA_U64(a, 1)[k % 64] += (uint64_t)k * 4096 + 1;
  }
}

/* ---- i64_block_scan.cu ---- */
DIFF_REF(i64_block_scan) {
  REF_ARGS(3);
  int n = DS_I32(a, 2);
  uint64_t run = 0;
  for (int i = 0; i < n; i++) {
    if (i % 256 == 0) run = 0;
    run += (uint64_t)((int64_t)DA_I32(a, 0)[i] * 1000000007);
    DA_I64(a, 1)[i] = as_i64(run);
  }
}

/* ---- i64_divmod.cu ---- */
DIFF_REF(i64_divmod) {
  REF_ARGS(8);
  for (int i = 0; i < DS_I32(a, 7); i++) {
    int32_t ai = DA_I32(a, 0)[i], bi = DA_I32(a, 1)[i];
    int64_t x = (int64_t)ai * 123456789012 + i;
    int64_t d = bi == 0 ? 7 : bi;
    DA_I64(a, 3)[i] = sdiv(x, d);
    DA_I64(a, 4)[i] = smod(x, d);
    uint64_t ux = DA_U64(a, 2)[i];
    uint64_t ud = (i % 2) ? ((ux >> (i % 61)) | 1) : (uint64_t)((uint32_t)bi & 0xffffu) + 3;
    DA_U64(a, 5)[i] = ux / ud;
    DA_U64(a, 6)[i] = ux % ud;
  }
}

/* ---- i64_mixed_compare.cu ---- */
DIFF_REF(i64_mixed_compare) {
  REF_ARGS(4);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    int64_t ai = DA_I32(a, 0)[i];
    uint64_t ui = DA_U32(a, 1)[i];
    int64_t s = ai * 5000000;
    uint64_t us = ui << 3;
    int f = 0;
    f |= (s < (int64_t)ui) << 0;                          /* u32 value-preserving into long long */
    f |= ((uint64_t)s < us) << 1;                         /* s reinterpreted as unsigned */
    f |= (ai < s) << 2;
    f |= ((int64_t)ui > ai) << 3;                         /* unsigned int into long (LP64) */
    f |= (ui >= (uint64_t)(ai + 1000) * 4000000u) << 4;  /* ai + 1000 >= 0 */
    f |= (s / 5000000 == ai) << 5;
    f |= (ai >= (int64_t)(uint32_t)ai) << 6;              /* negative ai: false */
    f |= (s <= (int64_t)us) << 7;
    f |= ((uint64_t)ai > us) << 8;                        /* ai sign-extended, then unsigned */
    DA_I32(a, 2)[i] = f;
  }
}

/* ---- i64_bits.cu ---- */
static int popc64(uint64_t x) {
  int c = 0;
  for (int b = 0; b < 64; b++) c += (int)((x >> b) & 1);
  return c;
}
static int clz64(uint64_t x) {
  int c = 0;
  for (int b = 63; b >= 0 && !((x >> b) & 1); b--) c++;
  return c;
}
static int ffs64(uint64_t x) {
  for (int b = 0; b < 64; b++)
    if ((x >> b) & 1) return b + 1;
  return 0;
}
static uint64_t mulhi(uint64_t x, uint64_t y) { /* schoolbook on 32-bit halves */
  uint64_t x0 = x & 0xffffffffu, x1 = x >> 32, y0 = y & 0xffffffffu, y1 = y >> 32;
  uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
DIFF_REF(i64_bits) {
  REF_ARGS(4);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    uint64_t x = DA_U64(a, 0)[i];
    int r = i % 63 + 1;
    uint64_t rot = (x << r) | (x >> (64 - r));
    uint64_t bs = 0, rev = 0;
    for (int b = 0; b < 8; b++) bs = (bs << 8) | ((x >> (8 * b)) & 0xff);
    for (int b = 0; b < 64; b++) rev |= ((x >> b) & 1) << (63 - b);
    DA_U64(a, 1)[3 * i] = rot;
    DA_U64(a, 1)[3 * i + 1] = bs ^ rev;
    DA_U64(a, 1)[3 * i + 2] = mulhi(x, rot) + (x & (x - 1));
    int s = i % 64;
    uint64_t cleared = x;
    for (int b = 0; b < s; b++) cleared &= ~(1ull << b);
    DA_I32(a, 2)[3 * i] = popc64(x);
    DA_I32(a, 2)[3 * i + 1] = clz64(x >> s);
    DA_I32(a, 2)[3 * i + 2] = ffs64(cleared);
  }
}

/* ---- i64_convert.cu ---- */
DIFF_REF(i64_convert) {
  REF_ARGS(7);
  for (int i = 0; i < DS_I32(a, 6); i++) {
    float x = DA_F32(a, 0)[i] * 1.0e12f;
    int32_t ai = DA_I32(a, 1)[i];
    int64_t v = (int64_t)truncf(x);
    uint64_t uv = (uint64_t)truncf(fabsf(x));
    DA_I64(a, 2)[i] = v + ai;
    DA_U64(a, 3)[i] = uv ^ (uint64_t)(int64_t)ai;
    DA_F32(a, 4)[2 * i] = (float)(v * 977 + ai);
    DA_F32(a, 4)[2 * i + 1] = (float)(uv * 3 + (uint64_t)(uint32_t)ai);
    DA_I32(a, 5)[3 * i] = low_i32(sar((uint64_t)v, 7));
    DA_I32(a, 5)[3 * i + 1] = low_i16(uv);
    DA_I32(a, 5)[3 * i + 2] = low_i8((uint64_t)v ^ (uint64_t)(int64_t)ai) + (int32_t)((uv >> 3) & 0xff);
  }
}

/* ---- i64_uniform_params.cu ---- */
DIFF_REF(i64_uniform_params) {
  REF_ARGS(7);
  int64_t av = DS_I32(a, 1);
  uint64_t b = (uint64_t)DS_I64(a, 2), c = DS_U32(a, 3), d = DS_U64(a, 4);
  float s = DS_F32(a, 5);
  for (uint64_t i = 0; i < DS_U64(a, 6); i++)
    DA_U64(a, 0)[i] = ((b * i + (uint64_t)av) ^ (d >> (i % 64))) + c + (uint64_t)(s * (float)i);
}

/* ---- i64_records.cu ---- */
DIFF_REF(i64_records) {
  REF_ARGS(4);
  for (int k = 0; k < DS_I32(a, 3); k++) {
    const uint32_t *w = DA_U32(a, 0) + 4 * k;
    int64_t id = low_i32(w[0]);
    uint64_t value = (uint64_t)w[2] | (uint64_t)w[3] << 32;
    DA_I64(a, 1)[k] = as_i64(sar(value, 4) * 3 - (uint64_t)id);
    uint32_t *o = DA_U32(a, 2) + 4 * k;
    o[0] = w[0] + 1;
    uint64_t neg = 0 - sar(value, 1);
    o[2] = (uint32_t)neg;
    o[3] = (uint32_t)(neg >> 32);
  }
}

/* ---- i64_double_demote.cu ---- */
DIFF_REF(i64_double_demote) {
  REF_ARGS(4);
  double av = a[2].s.f64;
  for (int i = 0; i < DS_I32(a, 3); i++) {
    double x = DA_F64(a, 0)[i];
    DA_F64(a, 1)[i] = av * x * x + sqrt(fabs(x)) + exp(-x) * 0.125;
  }
}

/* ---- i64_ptrdiff.cu ---- */
DIFF_REF(i64_ptrdiff) {
  REF_ARGS(3);
  for (int64_t d = 0; d < DS_I32(a, 2); d++) DA_I64(a, 1)[d] = d * d * 100003 - DA_I32(a, 0)[d];
}

/* ---- c_only/i64_atomics_c.cu ---- tickets (arg 1) compared as a multiset */
DIFF_REF(i64_atomics_c) {
  REF_ARGS(8);
  int n = DS_I32(a, 7);
  uint64_t maxkey = 0;
  int64_t mn = 0, mx = 0;
  uint64_t orv = ~0ull, xorv = ~0ull, andv = ~0ull;
  for (int i = 0; i < n; i++) {
    int64_t v = (int64_t)DA_I32(a, 0)[i] * 3000000000;
    uint64_t key = (uint64_t)v ^ 0x8000000000000000ull; /* + 2^63 mod 2^64 */
    if (key > maxkey) maxkey = key;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    DA_U64(a, 1)[i] = (uint64_t)i;
    DA_U64(a, 5)[i] = DA_U64(a, 4)[i];
    DA_U64(a, 4)[i] = (uint64_t)i + (1ull << 40);
    orv |= 1ull << (i % 64);
    xorv ^= (uint64_t)i << 33;
    andv &= ~(1ull << (i % 64));
  }
  DA_U64(a, 2)[0] = (uint64_t)n;
  DA_U64(a, 2)[1] = maxkey;
  DA_I64(a, 3)[0] = mn;
  DA_I64(a, 3)[1] = mx;
  DA_U64(a, 6)[0] = orv;
  DA_U64(a, 6)[1] = xorv;
  DA_U64(a, 6)[2] = andv;
}

const diff_ref diff_refs_i64[] = {
    {"i64_atomics_c", ref_i64_atomics_c, 1},
    {"i64_grid_stride", ref_i64_grid_stride, -1},
    {"i64_splitmix", ref_i64_splitmix, -1},
    {"i64_xorshift", ref_i64_xorshift, -1},
    {"i64_histogram", ref_i64_histogram, -1},
    {"i64_block_scan", ref_i64_block_scan, -1},
    {"i64_divmod", ref_i64_divmod, -1},
    {"i64_mixed_compare", ref_i64_mixed_compare, -1},
    {"i64_bits", ref_i64_bits, -1},
    {"i64_convert", ref_i64_convert, -1},
    {"i64_uniform_params", ref_i64_uniform_params, -1},
    {"i64_records", ref_i64_records, -1},
    {"i64_double_demote", ref_i64_double_demote, -1},
    {"i64_ptrdiff", ref_i64_ptrdiff, -1},
    {NULL, NULL, -1},
};
