/* `cuda-wasm devices`: which backends can run here, and why not.
 *
 * Each backend is opened on its own (cw_context_create with that backend)
 * and reported as
 *   NAME    available: DESCRIPTION
 *   NAME    unavailable: REASON
 * followed by the backend AUTO would pick. The reason is the runtime's own
 * words (cw_context_report / cw_context_create_error), not a guess.
 * Exit status: 0 (whatever is available), 2 on bad usage. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* Copies the text after "NAME: STATE" from the line of `report` about
 * backend `name` (the runtime's report has one line per backend). */
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

int cli_cmd_devices(int argc, char **argv) {
  if (argc > 0) {
    fprintf(stderr, "cuda-wasm: devices takes no arguments ('%s')\n", argv[0]);
    return 2;
  }
  static const cw_backend all[] = {CW_BACKEND_CPU, CW_BACKEND_WEBGPU, CW_BACKEND_CUDA, CW_BACKEND_HIP};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
    const char *name = cw_backend_name(all[i]);
    cw_context_options o = {.backend = all[i]};
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
      if (!report_line(e, name, "unavailable: ", what, sizeof what)) {
        /* no per-backend line: the first line of the error is the reason */
        const char *nl = strchr(e, '\n');
        snprintf(what, sizeof what, "%.*s", nl ? (int)(nl - e) : (int)strlen(e), e);
      }
      printf("%-8s unavailable: %s\n", name, what);
    }
  }
  cw_context *ctx = NULL;
  if (cw_context_create(NULL, &ctx) == CW_OK) {
    printf("auto     picks %s\n", cw_backend_name(cw_context_backend(ctx)));
    cw_context_destroy(ctx);
  } else {
    printf("auto     picks nothing: %s\n", cw_context_create_error());
  }
  return fflush(stdout) == 0 ? 0 : 2;
}
