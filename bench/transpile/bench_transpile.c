/* In-process transpile time per kernel file: median of R runs each, for the
 * WGSL and C targets. Prints one line per file and the median over files.
 *   bench_transpile [-r RUNS] [-I DIR] FILE.cu...                      */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cudawasm.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  int runs = 21;
  const char *incs[16];
  int ninc = 0;
  double *per_file[2];
  int nfiles = 0;
  per_file[0] = calloc((size_t)argc, sizeof(double));
  per_file[1] = calloc((size_t)argc, sizeof(double));
  double *samples = calloc((size_t)1000, sizeof(double));
  if (!per_file[0] || !per_file[1] || !samples) return 2;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
      runs = atoi(argv[++i]);
      if (runs < 1 || runs > 1000) runs = 21;
      continue;
    }
    if (strcmp(argv[i], "-I") == 0 && i + 1 < argc) {
      if (ninc < 16) incs[ninc++] = argv[++i];
      continue;
    }
    FILE *f = fopen(argv[i], "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", argv[i]); return 2; }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("%-48s", argv[i]);
    for (int t = 0; t < 2; t++) {
      cw_transpile_options o = {.target = t ? CW_TARGET_C : CW_TARGET_WGSL, .filename = argv[i],
                                .include_dirs = incs, .ninclude_dirs = ninc};
      int ok = 1;
      for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        cw_transpile_result *res = cw_transpile(buf, len, &o);
        samples[r] = now_ms() - t0;
        ok &= res->status == CW_TRANSPILE_OK;
        cw_transpile_result_free(res);
      }
      per_file[t][nfiles] = median(samples, runs);
      printf("  %s %.3f ms%s", t ? "c" : "wgsl", per_file[t][nfiles], ok ? "" : " (rejected)");
    }
    printf("\n");
    nfiles++;
  }
  if (nfiles) {
    double w = median(per_file[0], nfiles), c = median(per_file[1], nfiles);
    printf("median over %d files: wgsl %.3f ms, c %.3f ms (each the median of %d runs)\n", nfiles, w, c,
           runs);
  }
  free(per_file[0]);
  free(per_file[1]);
  free(samples);
  return 0;
}
