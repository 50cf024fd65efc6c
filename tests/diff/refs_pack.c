/* Independent C references for the pack_* corpus kernels (issue 5, 8/16-bit
 * memory). Same rules as refs_1.c: written from each kernel's header spec as
 * sequential C on the host bytes, never from the CUDA source or the
 * transpiler's output. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"

#define REF_ARGS(k)                                                            \
  do {                                                                         \
    (void)l;                                                                   \
    if (nargs < (k)) return;                                                   \
  } while (0)

#define PK_I8(a, i) ((int8_t *)(a)[i].host)
#define PK_U8(a, i) ((uint8_t *)(a)[i].host)
#define PK_I16(a, i) ((int16_t *)(a)[i].host)
#define PK_U16(a, i) ((uint16_t *)(a)[i].host)

DIFF_REF(rgba_invert) {
  REF_ARGS(3);
  const uint8_t *in = PK_U8(a, 0);
  uint8_t *out = PK_U8(a, 1);
  for (int p = 0; p < DS_I32(a, 2); p++) {
    for (int c = 0; c < 3; c++) out[4 * p + c] = (uint8_t)(255 - in[4 * p + c]);
    out[4 * p + 3] = in[4 * p + 3];
  }
}

DIFF_REF(rgba_to_gray) {
  REF_ARGS(3);
  const uint8_t *in = PK_U8(a, 0);
  uint8_t *g = PK_U8(a, 1);
  for (int p = 0; p < DS_I32(a, 2); p++)
    g[p] = (uint8_t)((299 * in[4 * p] + 587 * in[4 * p + 1] + 114 * in[4 * p + 2] + 500) / 1000);
}

DIFF_REF(xor_cipher) {
  REF_ARGS(4);
  uint8_t *d = PK_U8(a, 0);
  const uint8_t *key = PK_U8(a, 1);
  int kl = DS_I32(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) d[i] = (uint8_t)(d[i] ^ key[i % kl]);
}

DIFF_REF(short_sat_add) {
  REF_ARGS(7);
  const int16_t *x = PK_I16(a, 0), *y = PK_I16(a, 1);
  const uint16_t *ux = PK_U16(a, 2), *uy = PK_U16(a, 3);
  int16_t *out = PK_I16(a, 4);
  uint16_t *uout = PK_U16(a, 5);
  for (int i = 0; i < DS_I32(a, 6); i++) {
    long s = (long)x[i] + 40L * y[i];
    out[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    long u = (long)ux[i] + uy[i];
    uout[i] = (uint16_t)(u > 65535 ? 65535 : u);
  }
}

DIFF_REF(sieve_mark) {
  REF_ARGS(3);
  uint8_t *pr = PK_U8(a, 0);
  int n = DS_I32(a, 1);
  for (int k = 0; k < n; k++) {
    int prime = k >= 2;
    for (int d = 2; d * d <= k && prime; d++)
      if (k % d == 0) prime = 0;
    pr[k] = (uint8_t)prime;
  }
}

static uint8_t sat255(int v) { return (uint8_t)(v > 255 ? 255 : v); }

DIFF_REF(bgr_brighten) {
  REF_ARGS(4);
  const uint8_t *in = PK_U8(a, 0);
  uint8_t *out = PK_U8(a, 1);
  int add = DS_I32(a, 2);
  for (int p = 0; p < DS_I32(a, 3); p++) {
    out[3 * p] = sat255(in[3 * p + 2] + add);
    out[3 * p + 1] = sat255(in[3 * p + 1] + add);
    out[3 * p + 2] = sat255(in[3 * p] + add);
  }
}

DIFF_REF(record_update) {
  REF_ARGS(4);
  uint8_t *in = PK_U8(a, 0), *out = PK_U8(a, 1);
  int16_t *sums = PK_I16(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    uint8_t *r = in + 4 * i, *o = out + 4 * i;
    int ra = (int16_t)(uint16_t)(r[0] | r[1] << 8), rb = (int8_t)r[2], rc = r[3];
    uint16_t oa = (uint16_t)(ra - rb);
    o[0] = (uint8_t)(oa & 0xff);
    o[1] = (uint8_t)(oa >> 8);
    o[2] = (uint8_t)(rb * 3);
    o[3] = (uint8_t)(rc + 1);
    r[3] = (uint8_t)(rc ^ 0x5a);
    sums[i] = (int16_t)(uint16_t)(ra + rb + rc);
  }
}

/* IEEE binary16 by hand: value of bits h, and the nearest half (ties to even) of a double */
static double half_value(uint16_t h) {
  int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(1024 + m, e - 25);
  return (h & 0x8000) ? -v : v;
}
static uint16_t nearest_half(double v) {
  uint16_t best = 0;
  double bd = INFINITY;
  for (unsigned h = 0; h < 0x7c00u; h++) { /* positive finite halves; v >= 0 here */
    double d = fabs(half_value((uint16_t)h) - v);
    if (d < bd || (d == bd && (h & 1) == 0)) {
      bd = d;
      best = (uint16_t)h;
    }
  }
  if (v > 65504.0 + 16.0) return 0x7c00; /* beyond the last tie: inf */
  return best;
}

DIFF_REF(half_axpy) {
  REF_ARGS(4);
  float k = DS_F32(a, 0);
  const uint16_t *x = PK_U16(a, 1);
  uint16_t *y = PK_U16(a, 2);
  for (int i = 0; i < DS_I32(a, 3); i++) {
    float s = k * (float)half_value(x[i]) + (float)half_value(y[i]); /* float, as the kernel */
    y[i] = nearest_half((double)s);
  }
}

DIFF_REF(char2_to_short2) {
  REF_ARGS(3);
  int8_t *in = PK_I8(a, 0);
  int16_t *out = PK_I16(a, 1);
  for (int i = 0; i < DS_I32(a, 2); i++) {
    int x = in[2 * i], y = in[2 * i + 1];
    out[2 * i] = (int16_t)(uint16_t)(x * 100);
    out[2 * i + 1] = (int16_t)(y - x);
    in[2 * i] = (int8_t)(uint8_t)(x + y);
    in[2 * i + 1] = (int8_t)(uint8_t)(x - y);
  }
}

DIFF_REF(byte_transpose) {
  REF_ARGS(4);
  const uint8_t *in = PK_U8(a, 0);
  uint8_t *out = PK_U8(a, 1);
  int rows = DS_I32(a, 2), cols = DS_I32(a, 3);
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) out[c * rows + r] = in[r * cols + c];
}

const diff_ref diff_refs_pack[] = {
    {"rgba_invert", ref_rgba_invert, -1},
    {"rgba_to_gray", ref_rgba_to_gray, -1},
    {"xor_cipher", ref_xor_cipher, -1},
    {"short_sat_add", ref_short_sat_add, -1},
    {"sieve_mark", ref_sieve_mark, -1},
    {"bgr_brighten", ref_bgr_brighten, -1},
    {"record_update", ref_record_update, -1},
    {"half_axpy", ref_half_axpy, -1},
    {"char2_to_short2", ref_char2_to_short2, -1},
    {"byte_transpose", ref_byte_transpose, -1},
    {NULL, NULL, -1},
};
