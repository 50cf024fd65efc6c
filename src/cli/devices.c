/* `cuda-wasm devices`: the machine's GPUs, then which backend steps can
 * run here and why not, then AUTO's choice.
 *
 *   gpu 0    NVIDIA H100 80GB HBM3 (10de:2330 at 0000:01:00.0, driver nvidia 535.104.05): ...
 *   probe    sysfs: card0: 10de:2330 at 0000:01:00.0, driver nvidia
 *   cuda     unavailable: REASON
 *   cpu      available: cc 12.2.0, 2 threads
 *   auto     picks cpu
 * Each step is opened on its own (cw_context_create with its backend; the
 * cpu steps with the other one disabled), so a CPU Vulkan adapter is listed
 * as available here although AUTO passes it by. The reasons are the
 * runtime's own words (cw_context_report / cw_context_create_error).
 * Exit status: 0 (whatever is available), 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Copies the text after "NAME: STATE" from the line of `report` about
 * step `name` (the runtime's report has one line per step). */
static bool report_line(const char *report, const char *name, const char *state, char *out, size_t n) {
  size_t nl = strlen(name), sl = strlen(state);
  for (const char *p = report; p && *p;) {
    const char *end = strchr(p, '\n');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > nl + 2 + sl && !strncmp(p, name, nl) && p[nl] == ':' && p[nl + 1] == ' ' &&
        !strncmp(p + nl + 2, state, sl)) {
      const char *v = p + nl + 2 + sl;
      size_t vl = len - nl - 2 - sl;
      snprintf(out, n, "%.*s", (int)vl, v);
      return true;
    }
    p = end ? end + 1 : NULL;
  }
  return false;
}

static void print_inventory(void) {
  cw_device_list *l = cw_device_list_probe();
  if (!l) {
    printf("gpus     unknown: out of memory while probing\n");
    return;
  }
  for (int i = 0; i < l->count; i++) {
    char *d = cw_gpu_describe(&l->gpus[i]);
    printf("gpu %-4d %s\n", i, d ? d : "?");
    free(d);
  }
  if (!l->count) printf("gpus     none found\n");
  for (const char *p = l->log; *p;) {
    const char *end = strchr(p, '\n');
    int len = end ? (int)(end - p) : (int)strlen(p);
    printf("probe    %.*s\n", len, p);
    p = end ? end + 1 : p + len;
  }
  cw_device_list_free(l);
}

int cli_cmd_devices(int argc, char **argv) {
  if (argc > 0) {
    fprintf(stderr, "cuda-wasm: devices takes no arguments ('%s')\n", argv[0]);
    return 2;
  }
  print_inventory();
  /* the chain's steps, in the order AUTO tries them */
  static const struct { const char *name; cw_backend b; unsigned disable; } steps[] = {
      {"cuda", CW_BACKEND_CUDA, 0},
      {"hip", CW_BACKEND_HIP, 0},
      {"webgpu", CW_BACKEND_WEBGPU, 0},
      {"cpu", CW_BACKEND_CPU, CW_DISABLE_TCC},
      {"cpu-tcc", CW_BACKEND_CPU, CW_DISABLE_CC},
  };
  for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
    const char *name = steps[i].name;
    cw_context_options o = {.backend = steps[i].b, .disable = steps[i].disable};
    cw_context *ctx = NULL;
    char what[1024];
    if (cw_context_create(&o, &ctx) == CW_OK) {
      /* "cpu: available (cc 12.2.0, 2 threads)" -> "cc 12.2.0, 2 threads" */
      if (!report_line(cw_context_report(ctx), name, "available", what, sizeof what)) what[0] = 0;
      size_t l = strlen(what);
      const char *d = what;
      if (l >= 3 && what[0] == ' ' && what[1] == '(' && what[l - 1] == ')') {
        what[l - 1] = 0;
        d = what + 2;
      }
      printf("%-8s available: %s\n", name, *d ? d : "(no description)");
      cw_context_destroy(ctx);
    } else {
      const char *e = cw_context_create_error();
      if (report_line(e, name, "unavailable: ", what, sizeof what)) {
        printf("%-8s unavailable: %s\n", name, what);
      } else if (report_line(e, name, "disabled ", what, sizeof what)) {
        printf("%-8s disabled %s\n", name, what);
      } else {
        /* no line about the step: the first line of the error is the reason */
        const char *nl = strchr(e, '\n');
        printf("%-8s unavailable: %.*s\n", name, nl ? (int)(nl - e) : (int)strlen(e), e);
      }
    }
  }
  cw_context *ctx = NULL;
  if (cw_context_create(NULL, &ctx) == CW_OK) {
    /* the step, not only the backend: "cpu-tcc" says which compiler */
    const char *r = cw_context_report(ctx), *pick = cw_backend_name(cw_context_backend(ctx));
    char step[32] = "";
    for (const char *p = r; p && *p;) {
      const char *end = strchr(p, '\n');
      const char *c = strchr(p, ':');
      if (c && (!end || c < end) && !strncmp(c, ": available (", 13))
        snprintf(step, sizeof step, "%.*s", (int)(c - p), p);
      p = end ? end + 1 : NULL;
    }
    printf("auto     picks %s\n", step[0] ? step : pick);
    cw_context_destroy(ctx);
  } else {
    printf("auto     picks nothing: %s\n", cw_context_create_error());
  }
  return fflush(stdout) == 0 ? 0 : 2;
}
