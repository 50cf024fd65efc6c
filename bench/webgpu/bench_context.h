/* The webgpu context of bench_warp and bench_half: created with the current
 * environment (CW_WEBGPU_SUBGROUPS, CW_WEBGPU_F16 steer its probes), its
 * report's webgpu line printed under LABEL, so the output says what the
 * probes chose. Exits when there is no webgpu context. */
#ifndef BENCH_CONTEXT_H
#define BENCH_CONTEXT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"

static cw_context *bench_webgpu_context(const char *prog, const char *label) {
  cw_context *ctx = NULL;
  cw_context_options o = {.backend = CW_BACKEND_WEBGPU};
  if (cw_context_create(&o, &ctx) != CW_OK) {
    fprintf(stderr, "%s: no webgpu context: %s\n", prog, cw_context_create_error());
    exit(1);
  }
  const char *rep = cw_context_report(ctx), *line = strstr(rep, "\nwebgpu: ");
  line = line ? line + 1 : rep;
  printf("%-10s %.*s\n", label, (int)strcspn(line, "\n"), line);
  return ctx;
}
#endif
