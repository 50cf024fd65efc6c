/* Copy bandwidth and launch overhead of one backend through the public API,
 * to decide whether pinned staging ($CW_GPU_STAGING, src/rt/rtc/staging.c)
 * helps on a machine: bench/cuda_run.sh runs it with staging off and on.
 *
 *   bench_copy [--backend cuda|hip|cpu|webgpu]
 *
 * For 1, 16 and 256 MiB: host-to-device and device-to-host, median of 7
 * copies (the first, warm-up, not counted), from ordinary malloc'd memory.
 * Then an empty kernel: launch + synchronize each (median of 200), and 2000
 * launches followed by one synchronize. Times are the host's clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cudawasm.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_d);
  return v[n / 2];
}

int main(int argc, char **argv) {
  cw_backend b = CW_BACKEND_CUDA;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
      const char *v = argv[++i];
      b = !strcmp(v, "cpu") ? CW_BACKEND_CPU : !strcmp(v, "webgpu") ? CW_BACKEND_WEBGPU
          : !strcmp(v, "hip") ? CW_BACKEND_HIP : CW_BACKEND_CUDA;
    } else {
      fprintf(stderr, "usage: bench_copy [--backend cuda|hip|cpu|webgpu]\n");
      return 2;
    }
  }
  cw_context_options o = {.backend = b};
  cw_context *ctx = NULL;
  if (cw_context_create(&o, &ctx) != CW_OK) {
    printf("bench_copy: %s", cw_context_create_error());
    return 77;
  }
  printf("%s", cw_context_report(ctx));
  const char *stg = getenv("CW_GPU_STAGING");
  printf("CW_GPU_STAGING=%s\n", stg ? stg : "(unset)");
  size_t sizes[] = {(size_t)1 << 20, (size_t)16 << 20, (size_t)256 << 20};
  for (int s = 0; s < 3; s++) {
    size_t n = sizes[s];
    unsigned char *h = malloc(n);
    cw_deviceptr d = 0;
    if (!h || cw_malloc(ctx, &d, n) != CW_OK) {
      printf("cannot allocate %zu bytes: %s\n", n, cw_context_last_error(ctx));
      free(h);
      break;
    }
    memset(h, 1, n);
    double up[8], down[8];
    for (int k = 0; k < 8; k++) {
      double t0 = now_ms();
      cw_status a = cw_memcpy_htod(ctx, d, h, n);
      cw_status c = cw_synchronize(ctx); /* the upload may return before the DMA ends */
      double t1 = now_ms();
      cw_status e = cw_memcpy_dtoh(ctx, h, d, n);
      double t2 = now_ms();
      if (a || c || e) {
        printf("copy failed: %s\n", cw_context_last_error(ctx));
        break;
      }
      up[k] = t1 - t0;
      down[k] = t2 - t1;
    }
    double mu = median(up + 1, 7), md = median(down + 1, 7);
    printf("%4zu MiB  htod %8.3f ms %7.2f GB/s   dtoh %8.3f ms %7.2f GB/s\n", n >> 20, mu, (double)n / mu / 1e6, md,
           (double)n / md / 1e6);
    cw_free(ctx, d);
    free(h);
  }
  const char *src = "__global__ void empty(int *p) { if (p[0] == 12345) p[1] = 1; }\n";
  cw_module *mod = NULL;
  cw_kernel *k = NULL;
  cw_deviceptr p = 0;
  if (cw_module_load(ctx, src, strlen(src), NULL, &mod) != CW_OK || cw_module_get_kernel(mod, "empty", &k) != CW_OK ||
      cw_malloc(ctx, &p, 8) != CW_OK || cw_memset_d8(ctx, p, 0, 8) != CW_OK) {
    printf("empty kernel: %s\n", cw_context_last_error(ctx));
  } else {
    void *args[] = {&p};
    cw_dim3 one = {1, 1, 1};
    double t[200];
    int n = 0;
    for (; n < 200; n++) {
      double t0 = now_ms();
      if (cw_launch(k, one, one, 0, args, 1) != CW_OK || cw_synchronize(ctx) != CW_OK) break;
      t[n] = now_ms() - t0;
    }
    if (n < 200) {
      printf("empty kernel: %s\n", cw_context_last_error(ctx));
    } else {
      printf("empty kernel, launch + synchronize each: %8.2f us (median of 200)\n", median(t, 200) * 1e3);
      double t0 = now_ms();
      cw_status st = CW_OK;
      for (int i = 0; i < 2000 && st == CW_OK; i++) st = cw_launch(k, one, one, 0, args, 1);
      if (st == CW_OK) st = cw_synchronize(ctx);
      if (st != CW_OK) printf("empty kernel: %s\n", cw_context_last_error(ctx));
      else printf("empty kernel, 2000 launches then one synchronize: %8.2f us per launch\n", (now_ms() - t0) / 2.0);
    }
  }
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  return 0;
}
