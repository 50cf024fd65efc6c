/* 8/16-bit and bool memory on the WGSL target (src/back/wgsl/packed.c),
 * through the public API on the webgpu backend: loads (zero/sign extension,
 * bool), stores (truncation, the neighbouring bytes of the word and the
 * bytes past the end of the buffer untouched) and a stress kernel where the
 * four bytes (two halves) of every word are updated concurrently by
 * different threads many times: a lost update changes the final values.
 * Every expected value is computed here with C's own byte arithmetic.
 *
 * Exit 77 (skip) when no WebGPU adapter can be opened, unless CI=true. */
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

static const char *kSource =
    "__global__ void ld(const signed char *c, const unsigned char *uc, const short *s,\n"
    "                   const unsigned short *us, const bool *b, int *out, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) {\n"
    "    out[5 * i] = c[i];\n"
    "    out[5 * i + 1] = uc[i];\n"
    "    out[5 * i + 2] = s[i];\n"
    "    out[5 * i + 3] = us[i];\n"
    "    out[5 * i + 4] = b[i] ? 7 : -7;\n"
    "  }\n"
    "}\n"
    "__global__ void st(const int *in, signed char *c, unsigned short *us, bool *b, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) {\n"
    "    c[i] = (signed char)in[i];\n"
    "    us[i] = (unsigned short)in[i];\n"
    "    b[i] = in[i] & 4;\n"
    "  }\n"
    "}\n"
    "__global__ void stress(unsigned char *b, short *h, int iters, int n) {\n"
    "  int t = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (t >= n) return;\n"
    "  for (int k = 0; k < iters; k++) {\n"
    "    b[t] = b[t] + 1 + (t & 1);\n"
    "    h[t] = h[t] - 3;\n"
    "  }\n"
    "}\n"
    "__global__ void stress_shared(unsigned char *out, int iters) {\n"
    "  __shared__ unsigned char sh[256];\n"
    "  int t = threadIdx.x;\n"
    "  sh[t] = (unsigned char)(t * 7);\n"
    "  __syncthreads();\n"
    "  for (int k = 0; k < iters; k++) sh[t] = sh[t] + 1;\n"
    "  __syncthreads();\n"
    "  out[blockIdx.x * 256 + t] = sh[255 - t];\n"
    "}\n"
    "struct half_t { unsigned short bits; };\n"
    "__global__ void params(char c, short s, unsigned char uc, half_t h, bool b, int *out) {\n"
    "  out[0] = c; out[1] = s; out[2] = uc; out[3] = h.bits; out[4] = b;\n"
    "}\n";

static cw_context *ctx;
static cw_module *mod;

static cw_deviceptr dev(const void *host, size_t n) {
  cw_deviceptr p = 0;
  CHECK(cw_malloc(ctx, &p, n) == CW_OK, "malloc %zu: %s", n, cw_context_last_error(ctx));
  if (host) CHECK(cw_memcpy_htod(ctx, p, host, n) == CW_OK, "htod: %s", cw_context_last_error(ctx));
  return p;
}
static void back(void *host, cw_deviceptr p, size_t n) {
  CHECK(cw_memcpy_dtoh(ctx, host, p, n) == CW_OK, "dtoh: %s", cw_context_last_error(ctx));
}
static void run(const char *name, unsigned grid, unsigned block, void **args, int nargs) {
  cw_kernel *k = NULL;
  cw_status st = cw_module_get_kernel(mod, name, &k);
  if (st == CW_OK) st = cw_launch(k, (cw_dim3){grid, 1, 1}, (cw_dim3){block, 1, 1}, 0, args, nargs);
  CHECK(st == CW_OK, "%s: %s: %s", name, cw_status_name(st), cw_context_last_error(ctx));
}

enum { N = 65536 };

static void test_loads(void) {
  int8_t *c = malloc(N);
  uint8_t *uc = malloc(N), *b = malloc(N);
  int16_t *s = malloc(2 * N);
  uint16_t *us = malloc(2 * N);
  int32_t *out = malloc(4 * 5 * (size_t)N);
  for (int i = 0; i < N; i++) {
    uint8_t byte = (uint8_t)(i * 37 + 11);
    memcpy(&c[i], &byte, 1);
    uc[i] = (uint8_t)(i * 91 + 3);
    uint16_t half = (uint16_t)i;
    memcpy(&s[i], &half, 2);
    us[i] = (uint16_t)(i * 40503u);
    b[i] = (uint8_t)(i % 3 == 0);
  }
  cw_deviceptr dc = dev(c, N), duc = dev(uc, N), ds = dev(s, 2 * N), dus = dev(us, 2 * N),
               db = dev(b, N), dout = dev(NULL, 4 * 5 * (size_t)N);
  int n = N;
  void *args[] = {&dc, &duc, &ds, &dus, &db, &dout, &n};
  run("ld", N / 256, 256, args, 7);
  back(out, dout, 4 * 5 * (size_t)N);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    int want[5] = {c[i], uc[i], s[i], us[i], b[i] ? 7 : -7};
    for (int k = 0; k < 5; k++)
      if (out[5 * i + k] != want[k] && bad++ < 5)
        fprintf(stderr, "ld: element %d field %d: got %d want %d\n", i, k, out[5 * i + k], want[k]);
  }
  CHECK(bad == 0, "loads: %d wrong", bad);
  cw_free(ctx, dc), cw_free(ctx, duc), cw_free(ctx, ds), cw_free(ctx, dus), cw_free(ctx, db),
      cw_free(ctx, dout);
  free(c), free(uc), free(b), free(s), free(us), free(out);
}

static void test_stores(void) {
  enum { M = 10001, PAD = 7 }; /* M bytes of the buffers; PAD more in the allocations */
  int32_t *in = malloc(4 * M);
  uint8_t *c = malloc(M + PAD), *b = malloc(M + PAD);
  uint8_t *us = malloc(2 * M + PAD);
  for (int i = 0; i < M; i++) in[i] = (int32_t)((uint32_t)i * 2654435761u);
  memset(c, 0xab, M + PAD), memset(b, 0xcd, M + PAD), memset(us, 0xef, 2 * M + PAD);
  cw_deviceptr din = dev(in, 4 * M), dc = dev(c, M + PAD), db = dev(b, M + PAD), dus = dev(us, 2 * M + PAD);
  int n = M - 1; /* the last element stays as it was: a neighbour inside the last word */
  void *args[] = {&din, &dc, &dus, &db, &n};
  run("st", (M + 255) / 256, 256, args, 5);
  back(c, dc, M + PAD), back(b, db, M + PAD), back(us, dus, 2 * M + PAD);
  int bad = 0;
  for (int i = 0; i < M + PAD; i++) {
    uint8_t wc = i < n ? (uint8_t)in[i] : 0xab, wb = i < n ? (uint8_t)((in[i] & 4) != 0) : 0xcd;
    bad += c[i] != wc;
    bad += b[i] != wb;
  }
  for (int i = 0; i < 2 * M + PAD; i++) {
    uint16_t v = (uint16_t)(uint32_t)in[i / 2 < M ? i / 2 : 0];
    uint8_t w = i / 2 < n ? (uint8_t)(i % 2 ? v >> 8 : v & 0xff) : 0xef; /* little-endian */
    bad += us[i] != w;
  }
  CHECK(bad == 0, "stores: %d wrong bytes", bad);
  cw_free(ctx, din), cw_free(ctx, dc), cw_free(ctx, db), cw_free(ctx, dus);
  free(in), free(c), free(b), free(us);
}

static void test_stress(void) {
  enum { T = 8192, ITERS = 200 };
  uint8_t *b = malloc(T);
  int16_t *h = malloc(2 * T);
  for (int i = 0; i < T; i++) {
    b[i] = (uint8_t)(i * 13);
    h[i] = (int16_t)(i - 4000);
  }
  cw_deviceptr db = dev(b, T), dh = dev(h, 2 * T);
  int iters = ITERS, n = T;
  void *args[] = {&db, &dh, &iters, &n};
  run("stress", T / 128, 128, args, 4);
  uint8_t *gb = malloc(T);
  int16_t *gh = malloc(2 * T);
  back(gb, db, T), back(gh, dh, 2 * T);
  int bad = 0;
  for (int i = 0; i < T; i++) {
    bad += gb[i] != (uint8_t)(b[i] + ITERS * (1 + (i & 1)));
    bad += gh[i] != (int16_t)(uint16_t)(h[i] - 3 * ITERS);
  }
  CHECK(bad == 0, "stress: %d lost updates", bad);

  enum { G = 16 };
  cw_deviceptr dout = dev(NULL, 256 * G);
  void *sargs[] = {&dout, &iters};
  run("stress_shared", G, 256, sargs, 2);
  uint8_t *out = malloc(256 * G);
  back(out, dout, 256 * G);
  bad = 0;
  for (int g = 0; g < G; g++)
    for (int t = 0; t < 256; t++) bad += out[g * 256 + t] != (uint8_t)((255 - t) * 7 + ITERS);
  CHECK(bad == 0, "stress_shared: %d lost updates", bad);
  cw_free(ctx, db), cw_free(ctx, dh), cw_free(ctx, dout);
  free(b), free(h), free(gb), free(gh), free(out);
}

/* 8/16-bit scalar parameters by value: uniform slots */
static void test_params(void) {
  int8_t c = -5;
  int16_t s = -1234;
  uint8_t uc = 200;
  uint16_t h = 0x3e00;
  bool b = true;
  int out[5] = {0};
  cw_deviceptr dout = dev(out, sizeof out);
  void *args[] = {&c, &s, &uc, &h, &b, &dout};
  run("params", 1, 1, args, 6);
  back(out, dout, sizeof out);
  CHECK(out[0] == -5 && out[1] == -1234 && out[2] == 200 && out[3] == 0x3e00 && out[4] == 1,
        "params: %d %d %d %d %d", out[0], out[1], out[2], out[3], out[4]);
  cw_free(ctx, dout);
}

int main(void) {
  cw_context_options o = {.backend = CW_BACKEND_WEBGPU};
  if (cw_context_create(&o, &ctx) != CW_OK) {
    const char *why = cw_context_create_error();
    bool ci = (getenv("CI") && !strcmp(getenv("CI"), "true")) || getenv("CUDAWASM_REQUIRE_WEBGPU");
    printf("%s: webgpu backend unavailable: %s\n", ci ? "FAIL" : "SKIP", why);
    return ci ? 1 : 77;
  }
  cw_status st = cw_module_load(ctx, kSource, strlen(kSource), NULL, &mod);
  CHECK(st == CW_OK, "cw_module_load: %s %s", cw_context_last_error(ctx),
        mod ? cw_module_diagnostics(mod) : "");
  if (st == CW_OK) {
    test_loads();
    test_stores();
    test_stress();
    test_params();
  }
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  if (failures) {
    printf("FAIL: %d check(s) failed\n", failures);
    return 1;
  }
  printf("ok: packed 8/16-bit memory on webgpu\n");
  return 0;
}
