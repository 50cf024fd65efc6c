/* Kernel-argument specs (grammar and rand contract in cli.h): parsing,
 * generation, checking against a kernel's parameters, checksums.
 * Shared by `cuda-wasm run` and the differential harness (tests/diff/). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
  const char *name;
  size_t size;
  bool is_float, is_signed;
} types[CLI_NTYPES] = {
    [CLI_I8] = {"i8", 1, false, true},    [CLI_U8] = {"u8", 1, false, false},
    [CLI_I16] = {"i16", 2, false, true},  [CLI_U16] = {"u16", 2, false, false},
    [CLI_I32] = {"i32", 4, false, true},  [CLI_U32] = {"u32", 4, false, false},
    [CLI_I64] = {"i64", 8, false, true},  [CLI_U64] = {"u64", 8, false, false},
    [CLI_F32] = {"f32", 4, true, true},   [CLI_F64] = {"f64", 8, true, true},
};

const char *cli_type_name(cli_type t) { return (unsigned)t < CLI_NTYPES ? types[t].name : "?"; }
size_t cli_type_size(cli_type t) { return (unsigned)t < CLI_NTYPES ? types[t].size : 0; }
bool cli_type_is_float(cli_type t) { return (unsigned)t < CLI_NTYPES && types[t].is_float; }
bool cli_type_is_signed(cli_type t) { return (unsigned)t < CLI_NTYPES && types[t].is_signed; }

int cli_type_parse(const char *s, size_t n, cli_type *out) {
  for (int t = 0; t < CLI_NTYPES; t++)
    if (strlen(types[t].name) == n && memcmp(types[t].name, s, n) == 0) {
      *out = (cli_type)t;
      return 0;
    }
  return -1;
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* ---------------- rand(SEED) ---------------- */

/* splitmix64: small, well mixed, and identical on every platform. */
static uint64_t next_u64(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static int64_t clamp_i64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

void cli_rand_fill(cli_type t, void *dst, size_t count, uint64_t seed) {
  uint64_t st = seed;
  unsigned char *d = dst;
  size_t sz = cli_type_size(t);
  for (size_t k = 0; k < count; k++) {
    uint64_t r = next_u64(&st);
    cli_scalar v;
    int64_t si = (int64_t)(r % 2001u) - 1000; /* signed contract: [-1000, 1000] */
    switch (t) {
    /* 24 (53) random bits scaled to [0, 2) then shifted: exactly representable, never 1 */
    case CLI_F32: v.f32 = (float)(r >> 40) * (1.0f / 8388608.0f) - 1.0f; break;
    case CLI_F64: v.f64 = (double)(r >> 11) * (1.0 / 4503599627370496.0) - 1.0; break;
    case CLI_I8: v.i8 = (int8_t)clamp_i64(si, INT8_MIN, INT8_MAX); break;
    case CLI_I16: v.i16 = (int16_t)si; break;
    case CLI_I32: v.i32 = (int32_t)si; break;
    case CLI_I64: v.i64 = si; break;
    case CLI_U8: v.u8 = (uint8_t)r; break;
    case CLI_U16: v.u16 = (uint16_t)r; break;
    case CLI_U32: v.u32 = (uint32_t)r; break;
    case CLI_U64: v.u64 = r; break;
    default: return;
    }
    memcpy(d + k * sz, &v, sz);
  }
}

/* ---------------- numbers ---------------- */

/* Parses s[0..n) as a value of type t. Integers are decimal or 0x-hex;
 * unsigned types also take negative values down to -(2^(bits-1)), which
 * wrap as in C (u32:-1 is 4294967295). */
static int parse_value(cli_type t, const char *s, size_t n, cli_scalar *out, char *err, size_t errlen) {
  char buf[128];
  if (n == 0) return fail(err, errlen, "missing %s value", cli_type_name(t));
  if (n >= sizeof buf) return fail(err, errlen, "%s value '%.20s...' is too long", cli_type_name(t), s);
  memcpy(buf, s, n);
  buf[n] = 0;
  /* strto* would skip leading blanks; a value is written without them */
  if (!(buf[0] == '-' || buf[0] == '+' || buf[0] == '.' || (buf[0] >= '0' && buf[0] <= '9') ||
        (cli_type_is_float(t) && (buf[0] == 'i' || buf[0] == 'n' || buf[0] == 'I' || buf[0] == 'N'))))
    return fail(err, errlen, "'%s' is not a valid %s value", buf, cli_type_name(t));
  char *end = NULL;
  errno = 0;
  memset(out, 0, sizeof *out);
  if (t == CLI_F32 || t == CLI_F64) {
    if (t == CLI_F32) out->f32 = strtof(buf, &end);
    else out->f64 = strtod(buf, &end);
    if (end == buf || *end) return fail(err, errlen, "'%s' is not a valid %s value", buf, cli_type_name(t));
    if (errno == ERANGE && ((t == CLI_F32 && (out->f32 > 1.0f || out->f32 < -1.0f)) ||
                            (t == CLI_F64 && (out->f64 > 1.0 || out->f64 < -1.0))))
      return fail(err, errlen, "%s value '%s' is out of range", cli_type_name(t), buf);
    return 0;
  }
  const char *digits = buf + (buf[0] == '-' || buf[0] == '+');
  int base = (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) ? 16 : 10;
  unsigned bits = (unsigned)cli_type_size(t) * 8;
  int64_t smin = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
  int64_t smax = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
  uint64_t umax = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
  uint64_t bitsval;
  if (buf[0] == '-' || cli_type_is_signed(t)) {
    long long v = strtoll(buf, &end, base);
    if (end == buf || *end) return fail(err, errlen, "'%s' is not a valid %s value", buf, cli_type_name(t));
    bool over = errno == ERANGE || v < smin || (cli_type_is_signed(t) && v > smax);
    if (over)
      return fail(err, errlen, "%s value '%s' is out of range [%" PRId64 ", %" PRIu64 "]", cli_type_name(t), buf,
                  smin, cli_type_is_signed(t) ? (uint64_t)smax : umax);
    bitsval = (uint64_t)v;
  } else {
    unsigned long long v = strtoull(buf, &end, base);
    if (end == buf || *end) return fail(err, errlen, "'%s' is not a valid %s value", buf, cli_type_name(t));
    if (errno == ERANGE || v > umax)
      return fail(err, errlen, "%s value '%s' is out of range [0, %" PRIu64 "]", cli_type_name(t), buf, umax);
    bitsval = v;
  }
  switch (t) { /* conversion to the narrower type keeps the low bits (two's complement) */
  case CLI_I8: case CLI_U8: out->u8 = (uint8_t)bitsval; break;
  case CLI_I16: case CLI_U16: out->u16 = (uint16_t)bitsval; break;
  case CLI_I32: case CLI_U32: out->u32 = (uint32_t)bitsval; break;
  default: out->u64 = bitsval; break;
  }
  return 0;
}

static void scalar_from_index(cli_type t, uint64_t k, cli_scalar *v) {
  memset(v, 0, sizeof *v);
  switch (t) {
  case CLI_F32: v->f32 = (float)k; break;
  case CLI_F64: v->f64 = (double)k; break;
  case CLI_I8: case CLI_U8: v->u8 = (uint8_t)k; break;
  case CLI_I16: case CLI_U16: v->u16 = (uint16_t)k; break;
  case CLI_I32: case CLI_U32: v->u32 = (uint32_t)k; break;
  default: v->u64 = k; break;
  }
}

/* ---------------- specs ---------------- */

/* Reads PATH, which must hold exactly `bytes` bytes, into dst. */
static int read_exact(const char *path, void *dst, size_t bytes, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) return fail(err, errlen, "cannot open '%s': %s", path, strerror(errno));
  size_t got = fread(dst, 1, bytes, f);
  int extra = got == bytes ? fgetc(f) : EOF;
  int bad = ferror(f);
  fclose(f);
  if (bad) return fail(err, errlen, "cannot read '%s'", path);
  if (got != bytes || extra != EOF) {
    /* say how big it really is: that is what the user needs to fix the COUNT */
    FILE *g = fopen(path, "rb");
    long sz = -1;
    if (g && fseek(g, 0, SEEK_END) == 0) sz = ftell(g);
    if (g) fclose(g);
    return fail(err, errlen, "'%s' has %ld bytes; the buffer needs exactly %zu", path, sz, bytes);
  }
  return 0;
}

/* Matches "NAME(" ... ")" covering all of s[0..n); sets the inner span. */
static bool call_form(const char *s, size_t n, const char *name, const char **in, size_t *inlen) {
  size_t k = strlen(name);
  if (n < k + 2 || memcmp(s, name, k) != 0 || s[k] != '(' || s[n - 1] != ')') return false;
  *in = s + k + 1;
  *inlen = n - k - 2;
  return true;
}

int cli_parse_arg(const char *spec, cli_arg *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  const char *colon = strchr(spec, ':');
  const char *br = strchr(spec, '[');
  if (!colon) return fail(err, errlen, "argument '%s' is not TYPE:VALUE or TYPE[COUNT]:INIT", spec);
  if (br && br > colon) br = NULL;
  size_t tlen = (size_t)((br ? br : colon) - spec);
  if (cli_type_parse(spec, tlen, &out->type) != 0)
    return fail(err, errlen,
                "argument '%s': unknown type '%.*s' (expected i8 u8 i16 u16 i32 u32 i64 u64 f32 f64)", spec,
                (int)tlen, spec);
  const char *val = colon + 1;
  size_t vlen = strlen(val);
  if (!br) {
    if (parse_value(out->type, val, vlen, &out->s, err, errlen) != 0) {
      char why[256];
      snprintf(why, sizeof why, "%s", err);
      return fail(err, errlen, "argument '%s': %s", spec, why);
    }
    return 0;
  }
  /* buffer */
  const char *rb = strchr(br, ']');
  if (!rb || rb + 1 != colon)
    return fail(err, errlen, "argument '%s': expected TYPE[COUNT]:INIT", spec);
  const char *c = br + 1;
  if (c == rb) return fail(err, errlen, "argument '%s': missing element count in []", spec);
  uint64_t count = 0;
  for (; c < rb; c++) {
    if (*c < '0' || *c > '9')
      return fail(err, errlen, "argument '%s': element count '%.*s' is not a positive decimal number", spec,
                  (int)(rb - br - 1), br + 1);
    if (count > (UINT64_MAX - 9) / 10) count = UINT64_MAX; /* saturate; rejected below */
    else count = count * 10 + (uint64_t)(*c - '0');
  }
  size_t esz = cli_type_size(out->type);
  if (count == 0) return fail(err, errlen, "argument '%s': a buffer needs at least 1 element", spec);
  if (count > ((uint64_t)1 << 36) / esz) /* 64 GiB: far beyond any device here, and no overflow */
    return fail(err, errlen, "argument '%s': %.*s elements is too large", spec, (int)(rb - br - 1), br + 1);
  out->is_buffer = true;
  out->count = (size_t)count;
  size_t bytes = out->count * esz;
  unsigned char *h = malloc(bytes);
  if (!h) return fail(err, errlen, "argument '%s': cannot allocate %zu bytes of host memory", spec, bytes);
  const char *in;
  size_t inlen;
  char why[512] = "";
  int rc = 0;
  if (strcmp(val, "zero") == 0) {
    memset(h, 0, bytes);
  } else if (strcmp(val, "iota") == 0) {
    for (size_t k = 0; k < out->count; k++) {
      cli_scalar v;
      scalar_from_index(out->type, k, &v);
      memcpy(h + k * esz, &v, esz);
    }
  } else if (call_form(val, vlen, "iota", &in, &inlen)) {
    /* iota(STEP): element k = k * STEP (CSR row pointers of rows with STEP entries) */
    cli_scalar step;
    if ((rc = parse_value(CLI_U64, in, inlen, &step, why, sizeof why)) == 0)
      for (size_t k = 0; k < out->count; k++) {
        cli_scalar v;
        scalar_from_index(out->type, (uint64_t)k * step.u64, &v);
        memcpy(h + k * esz, &v, esz);
      }
    else
      snprintf(why, sizeof why, "iota step '%.*s' is not an unsigned integer", (int)inlen, in);
  } else if (call_form(val, vlen, "fill", &in, &inlen)) {
    cli_scalar v;
    if ((rc = parse_value(out->type, in, inlen, &v, why, sizeof why)) == 0)
      for (size_t k = 0; k < out->count; k++) memcpy(h + k * esz, &v, esz);
  } else if (call_form(val, vlen, "rand", &in, &inlen)) {
    cli_scalar seed;
    if ((rc = parse_value(CLI_U64, in, inlen, &seed, why, sizeof why)) == 0)
      cli_rand_fill(out->type, h, out->count, seed.u64);
    else
      snprintf(why, sizeof why, "rand seed '%.*s' is not an unsigned integer", (int)inlen, in);
  } else if (call_form(val, vlen, "file", &in, &inlen)) {
    char path[4096];
    if (inlen == 0 || inlen >= sizeof path) {
      rc = -1;
      snprintf(why, sizeof why, "file() needs a path");
    } else {
      memcpy(path, in, inlen);
      path[inlen] = 0;
      rc = read_exact(path, h, bytes, why, sizeof why);
    }
  } else {
    rc = -1;
    snprintf(why, sizeof why, "unknown initialiser '%s' (expected zero, fill(V), iota, iota(STEP), rand(SEED) or file(PATH))",
             val);
  }
  if (rc != 0) {
    free(h);
    memset(out, 0, sizeof *out);
    return fail(err, errlen, "argument '%s': %s", spec, why);
  }
  out->host = h;
  return 0;
}

void cli_arg_free(cli_arg *a) {
  if (!a) return;
  free(a->host);
  a->host = NULL;
}

void cli_arg_demote_f64(cli_arg *a) {
  if (!a->is_buffer || a->type != CLI_F64) return;
  const double *d = a->host;
  float *f = malloc(sizeof(float) * (a->count ? a->count : 1));
  if (!f) abort();
  for (size_t i = 0; i < a->count; i++) /* beyond FLT_MAX + half an ulp: infinity (a cast would be UB) */
    f[i] = fabs(d[i]) >= 0x1.ffffffp127 ? (d[i] < 0 ? -HUGE_VALF : HUGE_VALF) : (float)d[i];
  free(a->host);
  a->host = f;
  a->type = CLI_F32;
}

void cli_arg_promote_f32(cli_arg *a) {
  if (!a->is_buffer || a->type != CLI_F32) return;
  const float *f = a->host;
  double *d = malloc(sizeof(double) * (a->count ? a->count : 1));
  if (!d) abort();
  for (size_t i = 0; i < a->count; i++) d[i] = f[i];
  free(a->host);
  a->host = d;
  a->type = CLI_F64;
}

int cli_parse_dim3(const char *s, cw_dim3 *out, char *err, size_t errlen) {
  unsigned v[3] = {1, 1, 1};
  const char *p = s;
  for (int i = 0;; i++) {
    if (i == 3) return fail(err, errlen, "'%s' has more than 3 dimensions (expected X[,Y[,Z]])", s);
    if (*p < '0' || *p > '9') return fail(err, errlen, "'%s' is not X[,Y[,Z]] with positive integers", s);
    uint64_t x = 0;
    while (*p >= '0' && *p <= '9') {
      x = x * 10 + (uint64_t)(*p++ - '0');
      if (x > 0x7fffffffu) return fail(err, errlen, "'%s': dimension %d is too large", s, i + 1);
    }
    if (x == 0) return fail(err, errlen, "'%s': dimension %d is 0; every dimension must be at least 1", s, i + 1);
    v[i] = (unsigned)x;
    if (*p == 0) break;
    if (*p != ',') return fail(err, errlen, "'%s' is not X[,Y[,Z]] with positive integers", s);
    p++;
  }
  *out = (cw_dim3){v[0], v[1], v[2]};
  return 0;
}

/* ---------------- checking against the kernel ---------------- */

int cli_ctype_class(const char *ctype, cli_type *out) {
  /* keep the words that name the type; drop qualifiers and declarator marks */
  char norm[128] = "";
  size_t n = 0;
  const char *p = ctype ? ctype : "";
  while (*p) {
    while (*p == ' ' || *p == '*' || *p == '&') p++;
    const char *w = p;
    while (*p && *p != ' ' && *p != '*' && *p != '&') p++;
    size_t wl = (size_t)(p - w);
    if (!wl) continue;
    static const char *const drop[] = {"const", "volatile", "__restrict__", "__restrict", "restrict"};
    bool skip = false;
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
      if (strlen(drop[i]) == wl && memcmp(drop[i], w, wl) == 0) skip = true;
    if (skip) continue;
    if (n + wl + 2 >= sizeof norm) return -1;
    if (n) norm[n++] = ' ';
    memcpy(norm + n, w, wl);
    n += wl;
    norm[n] = 0;
  }
  static const struct { const char *c; cli_type t; } map[] = {
      {"float", CLI_F32}, {"double", CLI_F64},
      {"int", CLI_I32}, {"signed", CLI_I32}, {"signed int", CLI_I32}, {"int32_t", CLI_I32},
      {"unsigned", CLI_U32}, {"unsigned int", CLI_U32}, {"uint32_t", CLI_U32}, {"uint", CLI_U32},
      {"long long", CLI_I64}, {"long long int", CLI_I64}, {"signed long long", CLI_I64}, {"int64_t", CLI_I64},
      {"long", CLI_I64}, {"long int", CLI_I64},
      {"unsigned long long", CLI_U64}, {"unsigned long long int", CLI_U64}, {"uint64_t", CLI_U64},
      {"size_t", CLI_U64}, {"unsigned long", CLI_U64}, {"unsigned long int", CLI_U64},
      {"short", CLI_I16}, {"short int", CLI_I16}, {"signed short", CLI_I16}, {"int16_t", CLI_I16},
      {"unsigned short", CLI_U16}, {"unsigned short int", CLI_U16}, {"uint16_t", CLI_U16},
      {"char", CLI_I8}, {"signed char", CLI_I8}, {"int8_t", CLI_I8},
      {"unsigned char", CLI_U8}, {"uint8_t", CLI_U8}, {"bool", CLI_U8},
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(norm, map[i].c) == 0) {
      *out = map[i].t;
      return 0;
    }
  return -1;
}

int cli_check_arg(const cw_param_info *p, int i, const cli_arg *a, char *err, size_t errlen) {
  cli_type want;
  bool known = cli_ctype_class(p->type, &want) == 0;
  if (p->kind == CW_PARAM_POINTER) {
    if (!a->is_buffer)
      return fail(err, errlen,
                  "argument %d ('%s', declared '%s') is a pointer: give a buffer such as %s[COUNT]:zero, not a %s "
                  "scalar",
                  i, p->name, p->type, known ? cli_type_name(want) : "f32", cli_type_name(a->type));
    /* struct/union pointees are given as their words (docs/corpus.md); the
     * public API does not say their size, so only named scalar types are checked */
    if (known && (cli_type_size(want) != cli_type_size(a->type) ||
                  cli_type_is_float(want) != cli_type_is_float(a->type)))
      return fail(err, errlen, "argument %d ('%s', declared '%s') points at %s elements; the buffer is %s", i,
                  p->name, p->type, cli_type_name(want), cli_type_name(a->type));
    return 0;
  }
  if (a->is_buffer)
    return fail(err, errlen, "argument %d ('%s', declared '%s') is a value: give a scalar such as %s:VALUE, not a buffer",
                i, p->name, p->type, known ? cli_type_name(want) : "i32");
  if (!known)
    return fail(err, errlen, "argument %d ('%s', declared '%s') is a struct or union passed by value, which "
                "cannot be given on the command line", i, p->name, p->type);
  /* signedness may differ (i32:5 for an unsigned parameter is fine); size and kind may not */
  if (cli_type_size(want) != cli_type_size(a->type) || cli_type_is_float(want) != cli_type_is_float(a->type) ||
      p->size != cli_type_size(a->type))
    return fail(err, errlen, "argument %d ('%s', declared '%s') needs a value of type %s; got %s", i, p->name, p->type,
                cli_type_name(want), cli_type_name(a->type));
  return 0;
}

/* ---------------- checksums ---------------- */

uint64_t cli_fnv1a64(const void *p, size_t n) {
  const unsigned char *b = p;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

void cli_buffer_sum(const cli_arg *a, char *out, size_t outlen) {
  const unsigned char *h = a->host;
  size_t esz = cli_type_size(a->type);
  double fs = 0;
  uint64_t us = 0; /* wraps modulo 2^64: exact for every realistic buffer */
  for (size_t k = 0; k < a->count; k++) {
    cli_scalar v;
    memcpy(&v, h + k * esz, esz);
    switch (a->type) {
    case CLI_F32: fs += v.f32; break;
    case CLI_F64: fs += v.f64; break;
    case CLI_I8: us += (uint64_t)(int64_t)v.i8; break;
    case CLI_I16: us += (uint64_t)(int64_t)v.i16; break;
    case CLI_I32: us += (uint64_t)(int64_t)v.i32; break;
    case CLI_I64: us += (uint64_t)v.i64; break;
    case CLI_U8: us += v.u8; break;
    case CLI_U16: us += v.u16; break;
    case CLI_U32: us += v.u32; break;
    default: us += v.u64; break;
    }
  }
  if (cli_type_is_float(a->type)) snprintf(out, outlen, "%.17g", fs);
  else if (cli_type_is_signed(a->type)) snprintf(out, outlen, "%" PRId64, (int64_t)us);
  else snprintf(out, outlen, "%" PRIu64, us);
}
