/* The native f16 probe's GPU-independent parts (half_probe.h). Whether
 * <cuda_fp16.h> arithmetic may use native WGSL f16 (passes/half.c,
 * m->half_native) is measured on each device: WGSL lets f16 arithmetic round
 * either way, leaves out-of-range conversions undefined and lets
 * implementations assume no NaN or infinity; CUDA rounds each __hadd, __hsub,
 * __hmul, __hdiv and __hfma once to nearest even. So the probe runs this
 * back-end's own helper functions (half.h) on operands chosen to catch a
 * wrong rounding and compares every result with a CPU reference bit for bit.
 * Dispatching it is the runtime's part: rt/webgpu/half.c natively, and
 * npm/src/webgpu.js in browsers (this file is part of the WebAssembly build). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/wgsl/half.h"
#include "back/wgsl/half_probe.h"

/* ---------------- reference ---------------- */
static double h2d(uint16_t h) {
  int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(1024 + m, e - 25);
  return (h & 0x8000) ? -v : v;
}

/* nearest half to v, ties to even (nearbyint rounds to even in the default
 * mode; the scaling by powers of two is exact) */
static uint16_t d2h(double v) {
  if (isnan(v)) return 0x7fff;
  uint16_t sign = signbit(v) ? 0x8000 : 0;
  double a = fabs(v);
  if (a >= 65520.0) return sign | 0x7c00;
  if (a < 0x1p-14) return sign | (uint16_t)nearbyint(a * 0x1p24); /* 1024 is the smallest normal */
  int k;
  frexp(a, &k); /* a = f * 2^k, f in [0.5, 1): exponent k - 1 */
  double m = nearbyint(ldexp(a, 11 - k));  /* 1024..2048 */
  /* exponent field k - 1 + 15; a carry to 2048 steps into the next binade */
  return sign | (uint16_t)(((k + 14) << 10) + (int)m - 1024);
}

uint16_t cw_half_ref(int op, uint16_t a, uint16_t b, uint16_t c) {
  double x = h2d(a), y = h2d(b), z = h2d(c);
  switch (op) {
  case '+': return d2h(x + y); /* exact in double: at most 40 bits apart */
  case '-': return d2h(x - y);
  case '*': return d2h(x * y); /* 22-bit product, exact */
  case '/': return d2h(x / y); /* 53 >= 2*11 + 2 bits: rounding twice is rounding once */
  default: break;
  }
  /* fma: x*y is exact; the sum's rounding error (TwoSum, exact) makes the
   * double round-to-odd, which then rounds to half as the exact sum would */
  double p = x * y, s = p + z;
  if (!isfinite(s)) return d2h(s);
  double bb = s - p, e = (p - (s - bb)) + (z - bb);
  if (e != 0) {
    uint64_t u;
    memcpy(&u, &s, 8);
    if (!(u & 1)) {
      u += ((e > 0) == (s > 0)) ? 1 : (uint64_t)-1;
      memcpy(&s, &u, 8);
    }
  }
  return d2h(s);
}

/* ---------------- operands ---------------- */
static const uint16_t specials[] = {
    0x0000, 0x8000, 0x0001, 0x8001, 0x0002, 0x0003, 0x01ff, 0x03ff, 0x0400, 0x8400, 0x0401, 0x1000,
    0x3800, 0x3bff, 0x3c00, 0xbc00, 0x3c01, 0x3e00, 0x3555, 0x4000, 0x4c00, 0x4bff, 0x5bff, 0x7bfe,
    0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x7fff,
};
#define NSPEC ((int)(sizeof specials / sizeof specials[0]))

static uint32_t rng(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

/* the half nearest a*b+c when the float sum is rounded first (what an f16
 * fma computed through one f32 fma gives), as the exact f32 code does */
static uint16_t fma_twice(uint16_t a, uint16_t b, uint16_t c) {
  float s = fmaf((float)h2d(a), (float)h2d(b), (float)h2d(c));
  return d2h((double)s);
}

/* Fills t[3*i..] with operand triples; returns the count (<= cap). */
static int make_cases(uint16_t *t, int cap) {
  int n = 0;
  uint32_t s = 0x2545f491u;
#define ADD(A, B, C)                                                                                     \
  do {                                                                                                   \
    if (n < cap) {                                                                                       \
      t[3 * n] = (uint16_t)(A);                                                                          \
      t[3 * n + 1] = (uint16_t)(B);                                                                      \
      t[3 * n + 2] = (uint16_t)(C);                                                                      \
      n++;                                                                                               \
    }                                                                                                    \
  } while (0)
  for (int i = 0; i < NSPEC; i++)
    for (int j = 0; j < NSPEC; j++) ADD(specials[i], specials[j], specials[(i + j) % NSPEC]);
  /* additions exactly halfway between two halves, and just off it: the
   * second operand is half an ulp (or that plus or minus an ulp of its own) */
  for (int i = 0; i < 512; i++) {
    uint16_t a = (uint16_t)(0x0800 + rng(&s) % 0x7000), e = (uint16_t)(a >> 10);
    uint16_t half_ulp = (uint16_t)(e > 11 ? (unsigned)(e - 11) << 10 : 1u << (e - 2)); /* 2^(e-26) */
    uint16_t sg = (uint16_t)((rng(&s) & 1) << 15);
    ADD(a, half_ulp | sg, 0);
    ADD(a, (half_ulp + 1) | sg, a);
    ADD(a | 0x8000, (half_ulp > 1 ? half_ulp - 1 : half_ulp) | sg, a);
  }
  /* fma where rounding the sum to float first goes wrong: searched among
   * products and addends of nearby magnitude */
  int found = 0;
  for (int i = 0; i < 4000000 && found < 256; i++) {
    uint16_t a = (uint16_t)(rng(&s) & 0x7fff), b = (uint16_t)(rng(&s) & 0x7fff);
    int ea = a >> 10, eb = b >> 10;
    if (ea == 31 || eb == 31) continue;
    int ec = ea + eb - 15 + (int)(rng(&s) % 24) - 4; /* around the product's binade */
    if (ec < 0 || ec > 30) continue;
    uint16_t c = (uint16_t)((ec << 10) | (rng(&s) & 0x3ff) | ((rng(&s) & 1) << 15));
    if (fma_twice(a, b, c) != cw_half_ref('f', a, b, c)) {
      ADD(a, b, c);
      found++;
    }
  }
  /* random patterns, every class */
  while (n < cap) ADD(rng(&s), rng(&s), rng(&s));
#undef ADD
  return n;
}

/* ---------------- the probe ---------------- */
static const char probe_main[] =
    "@group(0) @binding(0) var<storage, read_write> io: array<u32>;\n"
    "override n: u32 = 1;\n"
    "@compute @workgroup_size(64)\n"
    "fn probe(@builtin(global_invocation_id) g: vec3<u32>) {\n"
    "  let i = g.x;\n"
    "  if (i >= n) { return; }\n"
    "  let j = (i * 7u + 3u) % n;\n" /* the high lanes of the vec2 forms */
    "  let a = io[3u * i]; let b = io[3u * i + 1u]; let c = io[3u * i + 2u];\n"
    "  let a2 = a | (io[3u * j] << 16u); let b2 = b | (io[3u * j + 1u] << 16u);\n"
    "  let c2 = c | (io[3u * j + 2u] << 16u);\n"
    "  let o = 3u * n + 9u * i;\n"
    "  io[o] = cw_hadd(a, b); io[o + 1u] = cw_hsub(a, b); io[o + 2u] = cw_hmul(a, b);\n"
    "  io[o + 3u] = cw_hdiv(a, b); io[o + 4u] = cw_hfma(a, b, c);\n"
    "  io[o + 5u] = cw_hadd2(a2, b2); io[o + 6u] = cw_hsub2(a2, b2); io[o + 7u] = cw_hmul2(a2, b2);\n"
    "  io[o + 8u] = cw_hfma2(a2, b2, c2);\n"
    "}\n";

_Static_assert(CW_HALF_PROBE_N % CW_HALF_PROBE_WORKGROUP == 0, "the probe dispatches whole workgroups");

char *cw_half_probe_wgsl(void) {
  size_t len = sizeof "enable f16;\n" - 1 + strlen(cw_wgsl_half_helpers) + sizeof probe_main;
  char *code = malloc(len);
  if (code) snprintf(code, len, "enable f16;\n%s%s", cw_wgsl_half_helpers, probe_main);
  return code;
}

void cw_half_probe_input(uint32_t *io) {
  enum { n = CW_HALF_PROBE_N };
  uint16_t t[3 * n];
  make_cases(t, n);
  for (int i = 0; i < 3 * n; i++) io[i] = t[i];
  memset(io + 3 * n, 0xff, (size_t)9 * n * sizeof *io);
}

int cw_half_probe_check(const uint32_t *io, char *why, size_t whylen) {
  enum { n = CW_HALF_PROBE_N };
  uint16_t t[3 * n]; /* the operands as generated, whatever the device left in io */
  make_cases(t, n);
  if (whylen) why[0] = '\0';
  /* per group (0: add sub mul div, 1: fma), the first difference */
  static const char ops[] = "+-*/f";
  static const char *const opname[] = {"add", "sub", "mul", "div", "fma"};
  int bad[2] = {0, 0}, total[2] = {0, 0};
  char first[2][160];
  for (int i = 0; i < n; i++) {
    int j = (i * 7 + 3) % n;
    const uint32_t *o = io + 3 * n + 9 * i;
    for (int k = 0; k < 9; k++) {
      int op = k < 5 ? k : k == 8 ? 4 : k - 5; /* the vec2 forms: add sub mul fma */
      int g = op == 4;
      for (int lane = 0; lane < (k < 5 ? 1 : 2); lane++) {
        const uint16_t *q = t + 3 * (lane ? j : i);
        uint16_t want = cw_half_ref(ops[op], q[0], q[1], q[2]);
        uint32_t got = (o[k] >> (16 * lane)) & 0xffffu;
        if (k < 5 && (o[k] >> 16)) got = o[k]; /* a scalar result's high half must be 0 */
        total[g]++;
        if (got != want && !bad[g]++) {
          char args[48];
          if (g) snprintf(args, sizeof args, "0x%04x, 0x%04x, 0x%04x", q[0], q[1], q[2]);
          else snprintf(args, sizeof args, "0x%04x, 0x%04x", q[0], q[1]);
          snprintf(first[g], sizeof first[g], "%s%s(%s) gave 0x%04x, CUDA 0x%04x", opname[op],
                   k < 5 ? "" : "2", args, got, want);
        }
      }
    }
  }
  if (bad[0]) {
    snprintf(why, whylen, "native f16 %s; %d of %d add/sub/mul/div results differ", first[0], bad[0], total[0]);
    return 0;
  }
  if (bad[1]) {
    snprintf(why, whylen, "native f16 %s; %d of %d fma results differ", first[1], bad[1], total[1]);
    return 1;
  }
  return 2;
}
