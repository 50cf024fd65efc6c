/* bench_warp: warp intrinsics on the webgpu backend, native subgroups versus
 * the exact shared-memory emulation, side by side in one process.
 *
 *   bench_warp [-n INTS] [-r LAUNCHES]
 *
 * Two contexts: the first as the runtime picks (subgroups where its probe
 * allows), the second with CW_WEBGPU_SUBGROUPS=0 (emulation). Each runs a
 * block reduction whose warps reduce with __shfl_down_sync and whose block
 * sum is one atomicAdd, LAUNCHES times batched with one synchronize; every
 * result is checked against the sum computed here. Prints ms per launch for
 * both and their ratio. On CPU drivers both contexts emulate. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_context.h"
#include "cudawasm.h"

static const char *kSrc =
    "__global__ void warp_sum(const int *x, unsigned long long *out, int n) {\n"
    "  __shared__ int part[32];\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  int v = i < n ? x[i] : 0;\n"
    "  for (int d = 16; d > 0; d >>= 1) v += __shfl_down_sync(0xffffffffu, v, d);\n"
    "  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;\n"
    "  if (lane == 0) part[warp] = v;\n"
    "  __syncthreads();\n"
    "  if (warp == 0) {\n"
    "    v = lane < (int)(blockDim.x >> 5) ? part[lane] : 0;\n"
    "    for (int d = 16; d > 0; d >>= 1) v += __shfl_xor_sync(0xffffffffu, v, d);\n"
    "    if (lane == 0) atomicAdd(out, (unsigned long long)(long long)v);\n"
    "  }\n"
    "}\n";

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define TRY(call)                                                                              \
  do {                                                                                         \
    cw_status st_ = (call);                                                                    \
    if (st_ != CW_OK) {                                                                        \
      fprintf(stderr, "bench_warp: %s: %s\n", #call, ctx ? cw_context_last_error(ctx) : "");   \
      exit(1);                                                                                 \
    }                                                                                          \
  } while (0)

/* ms per launch; exits on a wrong sum */
static double run(const char *label, const int *host, int n, int reps, long long want) {
  cw_context *ctx = bench_webgpu_context("bench_warp", label);
  cw_module *mod = NULL;
  cw_kernel *k = NULL;
  cw_deviceptr dx = 0, dout = 0;
  TRY(cw_module_load(ctx, kSrc, strlen(kSrc), NULL, &mod));
  TRY(cw_module_get_kernel(mod, "warp_sum", &k));
  TRY(cw_malloc(ctx, &dx, sizeof(int) * (size_t)n));
  TRY(cw_malloc(ctx, &dout, 8));
  TRY(cw_memcpy_htod(ctx, dx, host, sizeof(int) * (size_t)n));
  void *args[3] = {&dx, &dout, &n};
  cw_dim3 grid = {(unsigned)((n + 255) / 256), 1, 1}, block = {256, 1, 1};
  unsigned long long got = 0;
  /* warm-up (pipeline creation) and the check of one launch */
  TRY(cw_memset_d8(ctx, dout, 0, 8));
  TRY(cw_launch(k, grid, block, 0, args, 3));
  TRY(cw_memcpy_dtoh(ctx, &got, dout, 8));
  if ((long long)got != want) {
    fprintf(stderr, "bench_warp: %s: sum %lld, want %lld\n", label, (long long)got, want);
    exit(1);
  }
  TRY(cw_memset_d8(ctx, dout, 0, 8));
  TRY(cw_synchronize(ctx));
  double t0 = now_s();
  for (int r = 0; r < reps; r++) TRY(cw_launch(k, grid, block, 0, args, 3));
  TRY(cw_synchronize(ctx));
  double ms = (now_s() - t0) * 1e3 / reps;
  TRY(cw_memcpy_dtoh(ctx, &got, dout, 8));
  if ((long long)got != want * reps) {
    fprintf(stderr, "bench_warp: %s: %d launches summed %lld, want %lld\n", label, reps, (long long)got,
            want * reps);
    exit(1);
  }
  printf("%-10s %.4f ms per launch (%d ints, %d launches batched; sums checked)\n", label, ms, n, reps);
  cw_free(ctx, dx);
  cw_free(ctx, dout);
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  return ms;
}

int main(int argc, char **argv) {
  int n = 1 << 24, reps = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "-n")) n = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "-r")) reps = atoi(argv[i + 1]);
  }
  if (n <= 0 || reps <= 0) {
    fprintf(stderr, "usage: bench_warp [-n INTS] [-r LAUNCHES]\n");
    return 2;
  }
  int *host = malloc(sizeof(int) * (size_t)n);
  if (!host) return 1;
  long long want = 0;
  uint32_t s = 12345;
  for (int i = 0; i < n; i++) {
    s = s * 1664525u + 1013904223u;
    host[i] = (int)(s >> 22) - 512;
    want += host[i];
  }
  double a = run("default", host, n, reps, want);
  setenv("CW_WEBGPU_SUBGROUPS", "0", 1);
  double b = run("emulated", host, n, reps, want);
  printf("emulated / default time: %.2f\n", b / a);
  free(host);
  return 0;
}
