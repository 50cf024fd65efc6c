/* The f16 probe (src/back/wgsl/half_probe.c, dispatched by
 * src/rt/webgpu/half.c): its CPU reference against exact integer arithmetic,
 * its check of a result buffer made here from that exact arithmetic, and
 * what it says on this machine's WebGPU device.
 *
 * cw_half_ref computes in double (fma: round-to-odd through TwoSum); the
 * reference here is exact: a half is k * 2^-24 with |k| < 2^41, so a*b + c
 * is an integer in units of 2^-48 (< 2^82, __int128) and a/b a quotient with
 * a remainder, rounded to nearest even on the integers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rt/webgpu/dawn_api.h"
#include "rt/webgpu/half.h"

typedef unsigned __int128 u128;

static int is_nan(uint16_t h) { return (h & 0x7fff) > 0x7c00; }
static int is_inf(uint16_t h) { return (h & 0x7fff) == 0x7c00; }
static int neg(uint16_t h) { return h >> 15; }
/* |value| in units of 2^-24 */
static uint64_t mag(uint16_t h) {
  int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  return e == 0 ? (uint64_t)m : (uint64_t)(1024 + m) << (e - 1);
}

/* nearest half to A * 2^-unit (A > 0, plus `sticky` below it), ties to even */
static uint16_t round_units(u128 A, int unit, int sticky, int sign) {
  int msb = 127;
  while (!((A >> msb) & 1)) msb--;
  /* value ~ 2^(msb - unit); ulp 2^(E-10) for E >= -14, else 2^-24: in units, 2^sh */
  int sh = msb - 10 > unit - 24 ? msb - 10 : unit - 24;
  u128 q, rem, halfway;
  if (sh > 0) {
    q = A >> sh;
    rem = A & (((u128)1 << sh) - 1);
    halfway = (u128)1 << (sh - 1);
  } else { /* already on the grid */
    q = A << -sh;
    rem = halfway = 0;
  }
  if (rem > halfway || (rem == halfway && halfway && (sticky || (q & 1)))) q++;
  /* q * 2^(sh - unit) with q in [1024, 2048]: exponent field E = sh - unit + 25
   * ((1024 + m) * 2^(E - 25)); on the subnormal grid (sh - unit = -24) the
   * same formula gives the bits q, and q = 2048 carries into the next binade */
  int64_t bits = (int64_t)(sh - unit + 25) * 1024 + (int64_t)q - 1024;
  if (bits >= 0x7c00) bits = 0x7c00;
  return (uint16_t)((sign ? 0x8000 : 0) | bits);
}

static uint16_t exact_fma(uint16_t a, uint16_t b, uint16_t c) {
  if (is_nan(a) || is_nan(b) || is_nan(c)) return 0x7fff;
  int sp = neg(a) ^ neg(b);
  if (is_inf(a) || is_inf(b)) {
    if ((is_inf(a) && !mag(b)) || (is_inf(b) && !mag(a))) return 0x7fff;
    if (is_inf(c) && neg(c) != sp) return 0x7fff;
    return sp ? 0xfc00 : 0x7c00;
  }
  if (is_inf(c)) return c;
  /* units of 2^-48 */
  u128 P = (u128)mag(a) * mag(b), C = (u128)mag(c) << 24;
  int sc = neg(c);
  u128 S;
  int sign;
  if (sp == sc) {
    S = P + C;
    sign = sp;
  } else if (P >= C) {
    S = P - C;
    sign = sp;
  } else {
    S = C - P;
    sign = sc;
  }
  if (S == 0) return (P == 0 && C == 0 && sp && sc) ? 0x8000 : 0x0000; /* x - x = +0 */
  return round_units(S, 48, 0, sign);
}

static uint16_t exact_div(uint16_t a, uint16_t b) {
  if (is_nan(a) || is_nan(b)) return 0x7fff;
  int sign = neg(a) ^ neg(b);
  if (is_inf(a)) return is_inf(b) ? 0x7fff : (uint16_t)(sign ? 0xfc00 : 0x7c00);
  if (is_inf(b)) return sign ? 0x8000 : 0;
  if (!mag(b)) return mag(a) ? (uint16_t)(sign ? 0xfc00 : 0x7c00) : 0x7fff;
  if (!mag(a)) return sign ? 0x8000 : 0;
  u128 num = (u128)mag(a) << 80; /* quotient in units of 2^-80 */
  u128 q = num / mag(b), r = num % mag(b);
  return round_units(q, 80, r != 0, sign);
}

static uint16_t exact(int op, uint16_t a, uint16_t b, uint16_t c) {
  switch (op) {
  case '+': return exact_fma(a, 0x3c00, b);
  case '-': return exact_fma(a, 0x3c00, b ^ 0x8000);
  case '*': return exact_fma(a, b, 0x8000); /* x + (-0) = x, -0 included */
  case '/': return exact_div(a, b);
  default: return exact_fma(a, b, c);
  }
}

static uint32_t rng(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static void check_ref(void) {
  static const char ops[] = "+-*/f";
  uint32_t s = 12345;
  int bad[5] = {0};
  /* exhaustive over one operand against a set of others (every pattern, both signs) */
  static const uint16_t others[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x1000, 0x3800, 0x3c00,
                                    0x3c01, 0xbe00, 0x3555, 0x7bff, 0x7c00, 0xfc00, 0x7e00};
  for (uint32_t a = 0; a < 0x10000; a++)
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
      for (int o = 0; o < 5; o++) {
        uint16_t b = others[k], c = others[(k + a) % (sizeof others / sizeof others[0])];
        uint16_t got = cw_half_ref(ops[o], (uint16_t)a, b, c), want = exact(ops[o], (uint16_t)a, b, c);
        if (got != want && bad[o]++ < 5)
          printf("  %c(0x%04x, 0x%04x, 0x%04x): ref 0x%04x, exact 0x%04x\n", ops[o], a, b, c, got, want);
      }
  /* random patterns, and fma operands of nearby magnitude (where one rounding matters) */
  for (int i = 0; i < 3000000; i++) {
    uint16_t a = (uint16_t)rng(&s), b = (uint16_t)rng(&s), c = (uint16_t)rng(&s);
    if (i & 1) {
      int ec = ((a >> 10) & 0x1f) + ((b >> 10) & 0x1f) - 15 + (int)(rng(&s) % 24) - 4;
      if (ec >= 0 && ec <= 30) c = (uint16_t)((c & 0x83ff) | (ec << 10));
    }
    for (int o = 0; o < 5; o++) {
      uint16_t got = cw_half_ref(ops[o], a, b, c), want = exact(ops[o], a, b, c);
      if (got != want && bad[o]++ < 5)
        printf("  %c(0x%04x, 0x%04x, 0x%04x): ref 0x%04x, exact 0x%04x\n", ops[o], a, b, c, got, want);
    }
  }
  for (int o = 0; o < 5; o++) CHECK(bad[o] == 0, "%c: %d differences from exact arithmetic", ops[o], bad[o]);
  /* known answers: ties to even, overflow at 65520, subnormal ties, the fma
   * that rounding the sum to float first gets wrong, NaN canonical */
  CHECK(cw_half_ref('+', 0x3c00, 0x1000, 0) == 0x3c00, "1 + 2^-11 ties to 1");
  CHECK(cw_half_ref('+', 0x3c01, 0x1000, 0) == 0x3c02, "(1 + 2^-10) + 2^-11 ties up to even");
  CHECK(cw_half_ref('+', 0x7bff, 0x4c00, 0) == 0x7c00, "65504 + 16 = 65520 rounds to inf");
  CHECK(cw_half_ref('+', 0x7bff, 0x4bff, 0) == 0x7bff, "65504 + 15.99 stays finite");
  CHECK(cw_half_ref('*', 0x0001, 0x3800, 0) == 0x0000, "2^-25 ties to 0");
  CHECK(cw_half_ref('*', 0x0001, 0x3e00, 0) == 0x0002, "1.5 * 2^-24 ties to 2 * 2^-24");
  CHECK(cw_half_ref('*', 0x8000, 0x3c00, 0) == 0x8000, "-0 * 1 = -0");
  CHECK(cw_half_ref('-', 0x7c00, 0x7c00, 0) == 0x7fff, "inf - inf is 0x7fff");
  CHECK(cw_half_ref('/', 0x0000, 0x0000, 0) == 0x7fff, "0/0 is 0x7fff");
  CHECK(cw_half_ref('f', 0x68b3, 0xbc01, 0x68b3) == 0xc0b3, "fma with cancellation (lavapipe's f16 fma: 0xc000)");
}

/* cw_half_probe_check on result buffers filled here from exact(): all of
 * them CUDA's gives 2; one fma result one ulp off gives 1, naming it; a wrong
 * add gives 0, naming it; a scalar result with high bits set is wrong. */
static void check_probe_check(void) {
  enum { n = CW_HALF_PROBE_N };
  static const char ops[] = "+-*/f";
  uint32_t *io = malloc((size_t)CW_HALF_PROBE_WORDS * sizeof *io);
  if (!io) abort();
  cw_half_probe_input(io);
  int unset = 0;
  for (int w = 3 * n; w < CW_HALF_PROBE_WORDS; w++) unset += io[w] == 0xffffffffu;
  CHECK(unset == 9 * n, "input: %d of %d result words preset to 0xffffffff", unset, 9 * n);
  char why[512] = "x";
  CHECK(cw_half_probe_check(io, why, sizeof why) == 0 && strstr(why, "gave 0xffffffff"),
        "an untouched result buffer: level 0 (%s)", why);
  /* the results of triple i at 3n + 9i; vec2 forms take triple (7i + 3) % n in the high half */
  for (int i = 0; i < n; i++) {
    const uint32_t *q = io + 3 * i, *r = io + 3 * ((i * 7 + 3) % n);
    uint32_t *o = io + 3 * n + 9 * i;
    for (int k = 0; k < 9; k++) {
      int op = k < 5 ? k : k == 8 ? 4 : k - 5;
      uint32_t lo = exact(ops[op], (uint16_t)q[0], (uint16_t)q[1], (uint16_t)q[2]);
      uint32_t hi = exact(ops[op], (uint16_t)r[0], (uint16_t)r[1], (uint16_t)r[2]);
      o[k] = k < 5 ? lo : lo | hi << 16;
    }
  }
  why[0] = 'x';
  CHECK(cw_half_probe_check(io, why, sizeof why) == 2 && why[0] == 0, "exact results: level 2 (%s)", why);
  /* the operands are generated again, not read back: a clobbered operand area changes nothing */
  uint32_t a0 = io[0];
  io[0] = 0x3c00;
  CHECK(cw_half_probe_check(io, why, sizeof why) == 2, "operand area ignored (%s)", why);
  io[0] = a0;
  /* one scalar fma result one ulp off (a finite, non-zero one) */
  int i0 = 0;
  while (i0 < n && ((io[3 * n + 9 * i0 + 4] & 0x7fff) >= 0x7bff || !(io[3 * n + 9 * i0 + 4] & 0x7fff))) i0++;
  uint32_t *f = io + 3 * n + 9 * i0 + 4, fwant = *f;
  *f = fwant + 1;
  char want[512];
  snprintf(want, sizeof want, "native f16 fma(0x%04x, 0x%04x, 0x%04x) gave 0x%04x, CUDA 0x%04x; 1 of %d fma results differ",
           io[3 * i0], io[3 * i0 + 1], io[3 * i0 + 2], fwant + 1, fwant, 3 * n);
  int level = cw_half_probe_check(io, why, sizeof why);
  CHECK(level == 1 && strcmp(why, want) == 0, "fma one ulp off: level %d, '%s', want 1, '%s'", level, why, want);
  /* a wrong add (of a later triple) as well: level 0, naming the add */
  int i1 = n / 2;
  uint32_t *ad = io + 3 * n + 9 * i1, awant = *ad;
  *ad = awant ^ 0x0001;
  snprintf(want, sizeof want, "native f16 add(0x%04x, 0x%04x) gave 0x%04x, CUDA 0x%04x; 1 of %d add/sub/mul/div results differ",
           io[3 * i1], io[3 * i1 + 1], awant ^ 1, awant, 10 * n);
  level = cw_half_probe_check(io, why, sizeof why);
  CHECK(level == 0 && strcmp(why, want) == 0, "wrong add: level %d, '%s', want 0, '%s'", level, why, want);
  *ad = awant;
  /* a vec2 result's high lane: mul2 of triple i1 names the high lane's operands */
  const uint32_t *hq = io + 3 * ((i1 * 7 + 3) % n);
  uint32_t *m2 = io + 3 * n + 9 * i1 + 7, m2want = *m2;
  *m2 = m2want ^ 0x10000;
  snprintf(want, sizeof want, "native f16 mul2(0x%04x, 0x%04x) gave 0x%04x, CUDA 0x%04x; 1 of %d add/sub/mul/div results differ",
           hq[0], hq[1], (m2want >> 16) ^ 1, m2want >> 16, 10 * n);
  level = cw_half_probe_check(io, why, sizeof why);
  CHECK(level == 0 && strcmp(why, want) == 0, "wrong mul2 high lane: level %d, '%s', want '%s'", level, why, want);
  *m2 = m2want;
  /* a scalar result must leave the high half zero */
  io[3 * n + 9 * i1 + 1] |= 0x10000;
  level = cw_half_probe_check(io, why, sizeof why);
  CHECK(level == 0 && strstr(why, "sub(") && strstr(why, "gave 0x1"), "scalar sub with high bits: %d, %s", level, why);
  free(io);
}

int main(void) {
  check_ref();
  check_probe_check();
  printf("reference: %d checks passed, %d failed\n", npass, nfail);
  if (nfail) return 1;

  char err[2048];
  cw_wg *wg = NULL;
  int rc = cw_wg_open(&wg, err, sizeof err);
  if (rc == CW_WG_NO_LIBRARY || rc == CW_WG_NO_ADAPTER) {
    printf("webgpu unavailable: %s\n", err);
    return cw_wg_unavailable_status();
  }
  CHECK(rc == CW_WG_OK, "open: %s", err);
  if (rc != CW_WG_OK) return 1;
  char a[512], why[512] = "";
  cw_wg_adapter_string(wg, a, sizeof a);
  int level = cw_wg_half_native(wg, why, sizeof why);
  printf("adapter: %s, shader-f16 %d: half_native %d%s%s\n", a, wg->has_f16, level, why[0] ? ": " : "", why);
  if (!wg->has_f16) {
    CHECK(level == 0 && strstr(why, "no shader-f16"), "no shader-f16: exact code (%d, %s)", level, why);
  } else if (strstr(a, "llvmpipe")) {
    /* measured: lavapipe's f16 add, sub, mul and div round as CUDA's; its f16
     * fma rounds the product to f16 first (fma(0x68b3, 0xbc01, 0x68b3) =
     * 0xc000, CUDA 0xc0b3) */
    CHECK(level == 1, "lavapipe: native f16 but fma (%d)", level);
    CHECK(strstr(why, "fma") != NULL, "lavapipe: the reason names fma: %s", why);
  }
  /* the probe is deterministic: a second run agrees */
  char why2[512] = "";
  CHECK(cw_wg_half_native(wg, why2, sizeof why2) == level, "second probe: %s", why2);
  cw_wg_close(wg);
  printf("%d checks passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
