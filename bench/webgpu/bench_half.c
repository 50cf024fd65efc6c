/* bench_half: CUDA half arithmetic on the webgpu backend, native WGSL f16
 * (where the runtime's probe allows it) versus the exact f32 code, side by
 * side in one process.
 *
 *   bench_half [-n HALF2S] [-r LAUNCHES] [-i ITERATIONS]
 *
 * Two contexts: the first as the runtime picks (`half: f16` where the device
 * has shader-f16 and its results pass the probe), the second with
 * CW_WEBGPU_F16=0 (the exact integer rounding code). Each runs a kernel that
 * iterates acc = acc * c + v * d on __half2 values (__hmul2, __hadd2: each
 * one correctly rounded op, so both paths must give the same bits), checks a
 * sample of the results against a reference computed here, then times
 * LAUNCHES launches batched with one synchronize. Prints ms per launch for
 * both and their ratio. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_context.h"
#include "cudawasm.h"

static const char *kSrc =
    "#include <cuda_fp16.h>\n"
    "__global__ void h2_iterate(const __half2 *x, __half2 *y, int n, int iters) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i >= n) return;\n"
    "  __half2 v = x[i], acc = __float2half2_rn(0.0f);\n"
    "  const __half2 c = __float2half2_rn(0.5f), d = __float2half2_rn(0.375f);\n"
    "  for (int k = 0; k < iters; k++) acc = __hadd2(__hmul2(acc, c), __hmul2(v, d));\n"
    "  y[i] = acc;\n"
    "}\n";

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* IEEE half <-> float on the host (the reference): round to nearest even. */
static float h2f(uint16_t h) {
  int e = (h >> 10) & 31, m = h & 1023;
  float v = e == 0 ? ldexpf((float)m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexpf((float)(m | 1024), e - 25);
  return (h & 0x8000) ? -v : v;
}
static uint16_t f2h(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000u, ax = x & 0x7fffffffu;
  if (ax > 0x7f800000u) return 0x7fff;
  if (ax >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);
  if (ax >= 0x38800000u) {
    uint32_t r = ax - 0x38000000u;
    return (uint16_t)(sign | ((r + 0xfffu + ((r >> 13) & 1u)) >> 13));
  }
  /* subnormal or zero: value / 2^-24 rounded to nearest even (rintf does, in the default mode) */
  return (uint16_t)(sign | (uint32_t)rintf(fabsf(f) * 16777216.0f));
}
static uint16_t ref_lane(uint16_t v, int iters) {
  uint16_t acc = 0, c = f2h(0.5f), d = f2h(0.375f);
  for (int k = 0; k < iters; k++) {
    uint16_t p = f2h(h2f(acc) * h2f(c)), q = f2h(h2f(v) * h2f(d));
    acc = f2h(h2f(p) + h2f(q));
  }
  return acc;
}

#define TRY(call)                                                                              \
  do {                                                                                         \
    cw_status st_ = (call);                                                                    \
    if (st_ != CW_OK) {                                                                        \
      fprintf(stderr, "bench_half: %s: %s\n", #call, ctx ? cw_context_last_error(ctx) : "");   \
      exit(1);                                                                                 \
    }                                                                                          \
  } while (0)

/* ms per launch; exits on a wrong result */
static double run(const char *label, const uint32_t *host, int n, int reps, int iters) {
  cw_context *ctx = bench_webgpu_context("bench_half", label);
  cw_module *mod = NULL;
  cw_kernel *k = NULL;
  cw_deviceptr dx = 0, dy = 0;
  TRY(cw_module_load(ctx, kSrc, strlen(kSrc), NULL, &mod));
  TRY(cw_module_get_kernel(mod, "h2_iterate", &k));
  TRY(cw_malloc(ctx, &dx, 4 * (size_t)n));
  TRY(cw_malloc(ctx, &dy, 4 * (size_t)n));
  TRY(cw_memcpy_htod(ctx, dx, host, 4 * (size_t)n));
  void *args[4] = {&dx, &dy, &n, &iters};
  cw_dim3 grid = {(unsigned)((n + 255) / 256), 1, 1}, block = {256, 1, 1};
  TRY(cw_memset_d8(ctx, dy, 0xff, 4 * (size_t)n));
  TRY(cw_launch(k, grid, block, 0, args, 4)); /* warm-up (pipeline creation) and the check */
  uint32_t *got = malloc(4 * (size_t)n);
  if (!got) exit(1);
  TRY(cw_memcpy_dtoh(ctx, got, dy, 4 * (size_t)n));
  int checked = 0;
  for (int i = 0; i < n; i += 61, checked++) {
    uint32_t want = ref_lane((uint16_t)host[i], iters) | (uint32_t)ref_lane((uint16_t)(host[i] >> 16), iters) << 16;
    if (got[i] != want) {
      fprintf(stderr, "bench_half: %s: y[%d] = 0x%08x, want 0x%08x\n", label, i, got[i], want);
      exit(1);
    }
  }
  free(got);
  TRY(cw_synchronize(ctx));
  double t0 = now_s();
  for (int r = 0; r < reps; r++) TRY(cw_launch(k, grid, block, 0, args, 4));
  TRY(cw_synchronize(ctx));
  double ms = (now_s() - t0) * 1e3 / reps;
  printf("%-8s %.4f ms per launch (%d half2 x %d iterations, %d launches batched; %d results checked)\n", label, ms,
         n, iters, reps, checked);
  cw_free(ctx, dx);
  cw_free(ctx, dy);
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  return ms;
}

int main(int argc, char **argv) {
  int n = 1 << 22, reps = 20, iters = 64;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "-n")) n = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "-r")) reps = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "-i")) iters = atoi(argv[i + 1]);
  }
  if (n <= 0 || reps <= 0 || iters <= 0) {
    fprintf(stderr, "usage: bench_half [-n HALF2S] [-r LAUNCHES] [-i ITERATIONS]\n");
    return 2;
  }
  uint32_t *host = malloc(4 * (size_t)n);
  if (!host) return 1;
  uint32_t s = 12345;
  for (int i = 0; i < n; i++) { /* finite halves in [-8, 8) */
    uint32_t w = 0;
    for (int l = 0; l < 2; l++) {
      s = s * 1664525u + 1013904223u;
      w |= (uint32_t)f2h(((float)(s >> 16) - 32768.0f) / 4096.0f) << (16 * l);
    }
    host[i] = w;
  }
  double a = run("default", host, n, reps, iters);
  setenv("CW_WEBGPU_F16", "0", 1);
  double b = run("f32", host, n, reps, iters);
  printf("f32 / default time: %.2f\n", b / a);
  free(host);
  return 0;
}
