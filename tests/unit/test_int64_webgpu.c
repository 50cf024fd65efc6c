/* 64-bit integer operations on every backend (WGSL: the vec2<u32> helpers of
 * src/back/wgsl/int64.c; C: native), on edge values (0, ±1, word borders,
 * INT64_MIN/MAX, all ones, random) in all pairs, compared with the host C
 * compiler's own uint64_t/int64_t arithmetic. Also: 64-bit kernel
 * parameters through the uniform buffer, f32 <-> 64-bit conversions, and the
 * exact 64-bit atomicAdd/Xor/Or (result unused) from 32-bit atomics.
 *
 * webgpu is skipped (not failed) when no adapter opens, unless CI=true or
 * CUDAWASM_REQUIRE_WEBGPU is set; cpu always runs. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"

static int failures;
#define CHECK(c, ...)                                                       \
  do {                                                                      \
    if (!(c)) {                                                             \
      failures++;                                                           \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c); \
      fprintf(stderr, __VA_ARGS__);                                         \
      fputc('\n', stderr);                                                  \
    }                                                                       \
  } while (0)

typedef uint64_t u64;
typedef int64_t i64;
#define NOPS 26

static const char *SRC =
    "typedef unsigned long long u64;\n"
    "typedef long long i64;\n"
    "#define NOPS 26\n"
    "__global__ void ops64(const u64 *a, const u64 *b, u64 *out, int n, u64 salt) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i >= n) return;\n"
    "  u64 x = a[i], y = b[i];\n"
    "  i64 sx = (i64)x, sy = (i64)y;\n"
    "  u64 *o = out + (size_t)i * NOPS;\n"
    "  i64 mn = (i64)0x8000000000000000ull;\n"
    "  o[0] = x + y; o[1] = x - y; o[2] = x * y;\n"
    "  o[3] = y ? x / y : 0; o[4] = y ? x % y : 0;\n"
    "  bool ok = y != 0 && !(sx == mn && sy == -1);\n"
    "  o[5] = ok ? (u64)(sx / sy) : 0; o[6] = ok ? (u64)(sx % sy) : 0;\n"
    "  unsigned s = (unsigned)(y & 63);\n"
    "  o[7] = x << s; o[8] = x >> s; o[9] = (u64)(sx >> s);\n"
    "  o[10] = x & y; o[11] = x | y; o[12] = x ^ y; o[13] = ~x;\n"
    "  o[14] = sx == mn ? 0 : (u64)(-sx);\n"
    "  o[15] = (u64)((x < y) | (x <= y) << 1 | (x > y) << 2 | (x >= y) << 3 | (x == y) << 4 |\n"
    "        (x != y) << 5 | (sx < sy) << 6 | (sx <= sy) << 7 | (sx > sy) << 8 | (sx >= sy) << 9);\n"
    "  o[16] = __float_as_uint((float)x) | ((u64)__float_as_uint((float)sx) << 32);\n"
    "  o[17] = (u64)__popcll(x) | (u64)__clzll(sx) << 8 | (u64)__ffsll(sx) << 16;\n"
    "  o[18] = __brevll(x); o[19] = __umul64hi(x, y); o[20] = (u64)__mul64hi(sx, sy);\n"
    "  o[21] = ullmin(x, y); o[22] = (u64)llmax(sx, sy);\n"
    "  o[23] = (u64)(i64)(int)x ^ ((u64)(unsigned short)x << 32) ^ ((u64)(i64)(signed char)y << 40);\n"
    "  o[24] = x + salt;\n"
    "  o[25] = (u64)(x != 0) + (u64)(bool)sy * 2 + (u64)(unsigned)y;\n"
    "}\n"
    "__global__ void fconv(const float *f, long long *si, unsigned long long *ui, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) { si[i] = (long long)f[i]; ui[i] = (unsigned long long)fabsf(f[i]); }\n"
    "}\n"
    "struct P { int a; long long b; unsigned int c; unsigned long long d; };\n"
    "__global__ void structp(struct P p, long long *out) {\n"
    "  out[threadIdx.x] = p.b * (threadIdx.x + 1) + p.a + (long long)(p.d >> threadIdx.x) + p.c;\n"
    "}\n"
    "__global__ void hist64(const unsigned long long *v, unsigned long long *h, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) { atomicAdd(&h[i & 3], v[i]); atomicAdd(&h[4 + (i & 1)], 0ull - (v[i] >> 3)); atomicXor(&h[6], v[i]); atomicOr(&h[7], v[i] & 0x8000000100000010ull); }\n"
    "}\n";

static u64 brev64(u64 x) {
  u64 r = 0;
  for (int i = 0; i < 64; i++) r |= ((x >> i) & 1) << (63 - i);
  return r;
}
static uint32_t fbits(float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}

static void ref_ops(u64 x, u64 y, u64 salt, u64 *o) {
  i64 sx = (i64)x, sy = (i64)y, mn = INT64_MIN;
  o[0] = x + y; o[1] = x - y; o[2] = x * y;
  o[3] = y ? x / y : 0; o[4] = y ? x % y : 0;
  int ok = y != 0 && !(sx == mn && sy == -1);
  o[5] = ok ? (u64)(sx / sy) : 0; o[6] = ok ? (u64)(sx % sy) : 0;
  unsigned s = (unsigned)(y & 63);
  o[7] = x << s; o[8] = x >> s;
  o[9] = sx < 0 ? ~(~x >> s) : x >> s;
  o[10] = x & y; o[11] = x | y; o[12] = x ^ y; o[13] = ~x;
  o[14] = sx == mn ? 0 : (u64)(-sx);
  o[15] = (u64)((x < y) | (x <= y) << 1 | (x > y) << 2 | (x >= y) << 3 | (x == y) << 4 |
                (x != y) << 5 | (sx < sy) << 6 | (sx <= sy) << 7 | (sx > sy) << 8 | (sx >= sy) << 9);
  o[16] = fbits((float)x) | ((u64)fbits((float)sx) << 32);
  o[17] = (u64)__builtin_popcountll(x) | (u64)(x ? __builtin_clzll(x) : 64) << 8 |
          (u64)__builtin_ffsll(sx) << 16;
  o[18] = brev64(x);
  o[19] = (u64)(((unsigned __int128)x * y) >> 64);
  o[20] = (u64)(i64)(((__int128)sx * sy) >> 64);
  o[21] = x < y ? x : y; o[22] = (u64)(sx > sy ? sx : sy);
  o[23] = (u64)(i64)(int32_t)(uint32_t)x ^ ((u64)(uint16_t)x << 32) ^ ((u64)(i64)(int8_t)(uint8_t)y << 40);
  o[24] = x + salt;
  o[25] = (u64)(x != 0) + (u64)(sy != 0) * 2 + (u64)(uint32_t)y;
}

static const u64 EDGE[] = {0, 1, 2, 3, 7, 63, 64, 0x7fffffffull, 0x80000000ull, 0xffffffffull,
                           0x100000000ull, 0x100000001ull, 0x7fffffffffffffffull,
                           0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull,
                           0x123456789abcdef0ull, 0xfedcba9876543210ull, 1000000007ull,
                           0xffffffff00000000ull, 0x00ffffffffffff01ull, 0x8000000000000001ull,
                           0x0000000100000000ull * 12345u + 678u, 0xdeadbeefcafef00dull};
#define NE ((int)(sizeof EDGE / sizeof EDGE[0]))

static u64 rng = 0x9E3779B97F4A7C15ull;
static u64 next64(void) { /* splitmix64 */
  u64 z = (rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static void run_on(cw_backend be) {
  const char *bn = cw_backend_name(be);
  cw_context_options co = {.backend = be};
  cw_context *ctx = NULL;
  if (cw_context_create(&co, &ctx) != CW_OK) {
    const char *ci = getenv("CI");
    bool need = (ci && !strcmp(ci, "true")) || getenv("CUDAWASM_REQUIRE_WEBGPU");
    if (be == CW_BACKEND_WEBGPU && !need) {
      fprintf(stderr, "test_int64: webgpu unavailable, skipped: %s\n", cw_context_create_error());
      return;
    }
    CHECK(0, "%s: %s", bn, cw_context_create_error());
    return;
  }
  cw_module *mod = NULL;
  cw_status st = cw_module_load(ctx, SRC, strlen(SRC), NULL, &mod);
  CHECK(st == CW_OK, "%s: module: %s", bn, mod ? cw_module_diagnostics(mod) : cw_context_last_error(ctx));
  if (st != CW_OK) {
    if (mod) cw_module_unload(mod);
    cw_context_destroy(ctx);
    return;
  }

  /* all pairs of edge values, plus random pairs */
  int n = NE * NE + 200;
  u64 *a = malloc(sizeof(u64) * (size_t)n), *b = malloc(sizeof(u64) * (size_t)n);
  for (int i = 0; i < NE * NE; i++) {
    a[i] = EDGE[i / NE];
    b[i] = EDGE[i % NE];
  }
  for (int i = NE * NE; i < n; i++) {
    a[i] = next64() >> (next64() & 63);
    b[i] = next64() >> (next64() & 63);
  }
  size_t ob = sizeof(u64) * (size_t)n * NOPS;
  u64 *got = malloc(ob), *want = malloc(ob);
  u64 salt = 0xfedcba9880000001ull;
  for (int i = 0; i < n; i++) ref_ops(a[i], b[i], salt, want + (size_t)i * NOPS);
  cw_deviceptr da, db, dout;
  cw_malloc(ctx, &da, sizeof(u64) * (size_t)n);
  cw_malloc(ctx, &db, sizeof(u64) * (size_t)n);
  cw_malloc(ctx, &dout, ob);
  cw_memcpy_htod(ctx, da, a, sizeof(u64) * (size_t)n);
  cw_memcpy_htod(ctx, db, b, sizeof(u64) * (size_t)n);
  cw_memset_d8(ctx, dout, 0xa5, ob);
  cw_kernel *k = NULL;
  CHECK(cw_module_get_kernel(mod, "ops64", &k) == CW_OK, "%s: ops64", bn);
  void *args[] = {&da, &db, &dout, &n, &salt};
  cw_dim3 grid = {(unsigned)(n + 63) / 64, 1, 1}, block = {64, 1, 1};
  st = cw_launch(k, grid, block, 0, args, 5);
  CHECK(st == CW_OK, "%s: launch: %s", bn, cw_context_last_error(ctx));
  cw_synchronize(ctx);
  cw_memcpy_dtoh(ctx, got, dout, ob);
  int bad = 0;
  for (int i = 0; i < n && bad < 20; i++)
    for (int j = 0; j < NOPS; j++) {
      u64 g = got[(size_t)i * NOPS + j], w = want[(size_t)i * NOPS + j];
      if (g != w && bad++ < 20)
        CHECK(0, "%s: op %d on x=0x%016llx y=0x%016llx: got 0x%016llx want 0x%016llx", bn, j,
              (unsigned long long)a[i], (unsigned long long)b[i], (unsigned long long)g,
              (unsigned long long)w);
    }

  /* f32 -> 64-bit (C truncation), in range */
  enum { NF = 16 };
  float f[NF] = {0.0f, 0.9f, -0.9f, 1.5f, -1.5f, 4294967295.0f, 4294967296.0f, -4294967296.0f,
                 1.0e18f, -1.0e18f, 9.2e18f, -9.2e18f, 123456789.0f, 16777217.0f, 3.0e9f, -2.5e12f};
  i64 gs[NF];
  u64 gu[NF];
  cw_deviceptr df, dsi, dui;
  cw_malloc(ctx, &df, sizeof f);
  cw_malloc(ctx, &dsi, sizeof gs);
  cw_malloc(ctx, &dui, sizeof gu);
  cw_memcpy_htod(ctx, df, f, sizeof f);
  int nf = NF;
  void *fargs[] = {&df, &dsi, &dui, &nf};
  CHECK(cw_module_get_kernel(mod, "fconv", &k) == CW_OK, "%s: fconv", bn);
  CHECK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){NF, 1, 1}, 0, fargs, 4) == CW_OK, "%s: fconv", bn);
  cw_synchronize(ctx);
  cw_memcpy_dtoh(ctx, gs, dsi, sizeof gs);
  cw_memcpy_dtoh(ctx, gu, dui, sizeof gu);
  for (int i = 0; i < NF; i++) {
    float af = f[i] < 0 ? -f[i] : f[i];
    CHECK(gs[i] == (i64)f[i], "%s: (long long)%g = %lld", bn, (double)f[i], (long long)gs[i]);
    CHECK(gu[i] == (u64)af, "%s: (unsigned long long)%g = %llu", bn, (double)af, (unsigned long long)gu[i]);
  }

  /* 64-bit atomicAdd/atomicSub with unused results: exact totals with carries */
  enum { NH = 4096 };
  u64 *v = malloc(sizeof(u64) * NH), h[8] = {0}, wh[8] = {0};
  for (int i = 0; i < NH; i++) {
    v[i] = next64() >> (i % 3 == 0 ? 0 : 20);
    wh[i & 3] += v[i];
    wh[4 + (i & 1)] -= v[i] >> 3;
    wh[6] ^= v[i];
    wh[7] |= v[i] & 0x8000000100000010ull;
  }
  cw_deviceptr dv, dh;
  cw_malloc(ctx, &dv, sizeof(u64) * NH);
  cw_malloc(ctx, &dh, sizeof h);
  cw_memcpy_htod(ctx, dv, v, sizeof(u64) * NH);
  cw_memcpy_htod(ctx, dh, h, sizeof h);
  int nh = NH;
  void *hargs[] = {&dv, &dh, &nh};
  CHECK(cw_module_get_kernel(mod, "hist64", &k) == CW_OK, "%s: hist64", bn);
  CHECK(cw_launch(k, (cw_dim3){NH / 128, 1, 1}, (cw_dim3){128, 1, 1}, 0, hargs, 3) == CW_OK, "%s: hist64", bn);
  cw_synchronize(ctx);
  cw_memcpy_dtoh(ctx, h, dh, sizeof h);
  for (int i = 0; i < 8; i++)
    CHECK(h[i] == wh[i], "%s: atomic 64-bit total %d: got 0x%016llx want 0x%016llx", bn, i,
          (unsigned long long)h[i], (unsigned long long)wh[i]);

  /* a struct by value with 8-aligned 64-bit members: uniform slots at the host offsets */
  struct P {
    int32_t a;
    int64_t b;
    uint32_t c;
    uint64_t d;
  } sp = {-7, -1234567890123ll, 4000000000u, 0xfedcba9876543210ull};
  int64_t so[8], sw[8];
  for (int t = 0; t < 8; t++)
    sw[t] = (int64_t)((uint64_t)sp.b * (uint64_t)(t + 1) + (uint64_t)(int64_t)sp.a + (sp.d >> t) + sp.c);
  cw_deviceptr dso;
  cw_malloc(ctx, &dso, sizeof so);
  void *sargs[] = {&sp, &dso};
  CHECK(cw_module_get_kernel(mod, "structp", &k) == CW_OK, "%s: structp", bn);
  CHECK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){8, 1, 1}, 0, sargs, 2) == CW_OK, "%s: structp: %s", bn,
        cw_context_last_error(ctx));
  cw_synchronize(ctx);
  cw_memcpy_dtoh(ctx, so, dso, sizeof so);
  for (int t = 0; t < 8; t++)
    CHECK(so[t] == sw[t], "%s: struct param %d: got %lld want %lld", bn, t, (long long)so[t], (long long)sw[t]);

  free(v);
  free(a);
  free(b);
  free(got);
  free(want);
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  fprintf(stderr, "test_int64: %s done\n", bn);
}

int main(void) {
  run_on(CW_BACKEND_CPU);
  run_on(CW_BACKEND_WEBGPU);
  if (failures) fprintf(stderr, "test_int64: %d failures\n", failures);
  else printf("test_int64: ok\n");
  return failures ? 1 : 0;
}
