/* The backend chain under injected faults (CW_FAULT, test-only hooks).
 *
 * ctest runs this program once per fault (tests/CMakeLists.txt sets
 * CW_FAULT) and once without. For a fault that breaks step S, every step
 * before S is disabled so that S is really tried whatever this machine has;
 * the test then checks that
 *   - S's report line gives the simulated reason,
 *   - a LATER step was chosen (or, when S is the last, that creation fails
 *     with a clear message),
 *   - the corpus kernel tests/kernels/histogram.cu computes exactly what an
 *     independent C reference computes, on the chosen backend.
 * device-lost: the first launch loses the device; every later call returns
 * CW_ERROR_DEVICE_LOST with the same advice; a new context skips the lost
 * step and computes correctly on the next one.
 * Without CW_FAULT: the baseline, CW_DISABLE / options.disable, everything
 * disabled, and bad CW_DISABLE / CW_FAULT values. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"

#include "check.h"

/* the chain's steps in order, as the report names them, and their disable bits */
static const char *const step_names[] = {"cuda", "hip", "webgpu", "cpu", "cpu-tcc"};
static const unsigned step_bits[] = {CW_DISABLE_CUDA, CW_DISABLE_HIP, CW_DISABLE_WEBGPU, CW_DISABLE_CC,
                                     CW_DISABLE_TCC};
enum { NSTEPS = 5 };

/* index of the step whose line says "available (", -1 when none */
static int chosen_step(const char *report) {
  for (const char *p = report; p && *p;) {
    const char *end = strchr(p, '\n');
    const char *c = strchr(p, ':');
    if (c && (!end || c < end) && !strncmp(c, ": available (", 13))
      for (int i = 0; i < NSTEPS; i++)
        if ((size_t)(c - p) == strlen(step_names[i]) && !strncmp(p, step_names[i], (size_t)(c - p))) return i;
    p = end ? end + 1 : NULL;
  }
  return -1;
}

/* the report line of step i, or "" */
static void step_line(const char *report, int i, char *out, size_t n) {
  size_t l = strlen(step_names[i]);
  out[0] = 0;
  for (const char *p = report; p && *p;) {
    const char *end = strchr(p, '\n');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > l && !strncmp(p, step_names[i], l) && p[l] == ':') {
      snprintf(out, n, "%.*s", (int)len, p);
      return;
    }
    p = end ? end + 1 : NULL;
  }
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  if (s) s[n] = 0;
  fclose(f);
  return s;
}

enum { N = 300007, BINS = 256 };
static char fail_msg[1100]; /* the first failing call's message (later frees clear the context's) */
static uint32_t data[N], expect[BINS];

static void make_input(void) {
  uint64_t x = 0x9e3779b97f4a7c15u;
  for (int i = 0; i < N; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    data[i] = (uint32_t)(x >> 16);
  }
  /* the reference: what the kernel's header promises, in plain C */
  memset(expect, 0, sizeof expect);
  for (int i = 0; i < N; i++) expect[(data[i] ^ (data[i] >> 8)) & 255u]++;
}

/* Runs histogram256 on ctx. Returns the status of the first failing call;
 * on CW_OK compares with the reference. */
static cw_status run_histogram(cw_context *ctx, const char *src, const char *what) {
  cw_module *m = NULL;
  cw_module_options mo = {.filename = "histogram.cu"};
  cw_status st = cw_module_load(ctx, src, strlen(src), &mo, &m);
  if (st != CW_OK) {
    printf("%s: module load: %s\n", what, cw_context_last_error(ctx));
    cw_module_unload(m);
    return st;
  }
  cw_kernel *k = NULL;
  cw_deviceptr dd = 0, dh = 0;
  uint32_t hist[BINS];
  int n = N;
  if ((st = cw_module_get_kernel(m, "histogram256", &k)) != CW_OK || (st = cw_malloc(ctx, &dd, sizeof data)) != CW_OK ||
      (st = cw_malloc(ctx, &dh, sizeof hist)) != CW_OK || (st = cw_memcpy_htod(ctx, dd, data, sizeof data)) != CW_OK ||
      (st = cw_memset_d8(ctx, dh, 0, sizeof hist)) != CW_OK)
    goto out;
  void *args[] = {&dd, &dh, &n};
  if ((st = cw_launch(k, (cw_dim3){120, 1, 1}, (cw_dim3){256, 1, 1}, 0, args, 3)) != CW_OK) goto out;
  if ((st = cw_memcpy_dtoh(ctx, hist, dh, sizeof hist)) != CW_OK) goto out;
  int bad = -1;
  for (int b = 0; b < BINS && bad < 0; b++)
    if (hist[b] != expect[b]) bad = b;
  CHECK(bad < 0, "%s: bin %d is %u, the reference says %u", what, bad, bad >= 0 ? hist[bad] : 0,
        bad >= 0 ? expect[bad] : 0);
out:
  if (st != CW_OK) {
    printf("%s: %s: %s\n", what, cw_status_name(st), cw_context_last_error(ctx));
    snprintf(fail_msg, sizeof fail_msg, "%s", cw_context_last_error(ctx));
  }
  /* a lost context still frees */
  if (dd) CHECK(cw_free(ctx, dd) == CW_OK, "free: %s", cw_context_last_error(ctx));
  if (dh) CHECK(cw_free(ctx, dh) == CW_OK, "free: %s", cw_context_last_error(ctx));
  cw_module_unload(m);
  return st;
}

/* which step a fault breaks */
static int fault_step(const char *f) {
  if (!strcmp(f, "no-libcuda") || !strcmp(f, "no-nvrtc") || !strcmp(f, "nvrtc-compile")) return 0;
  if (!strcmp(f, "no-hip")) return 1;
  if (!strcmp(f, "no-vulkan") || !strcmp(f, "no-dawn")) return 2;
  if (!strcmp(f, "no-cc")) return 3;
  if (!strcmp(f, "no-tcc")) return 4;
  return -1;
}

static void test_fault(const char *fault, const char *src) {
  int s = fault_step(fault);
  unsigned before = 0;
  for (int i = 0; i < s; i++) before |= step_bits[i];
  cw_context_options o = {.disable = before};
  cw_context *ctx = NULL;
  cw_status st = cw_context_create(&o, &ctx);
  const char *report = st == CW_OK ? cw_context_report(ctx) : cw_context_create_error();
  printf("CW_FAULT=%s:\n%s", fault, report);
  char line[600], want[64];
  step_line(report, s, line, sizeof line);
  snprintf(want, sizeof want, "(simulated: CW_FAULT=%s)", fault);
  CHECK(strstr(line, ": unavailable: ") && strstr(line, want), "the %s line: '%s'", step_names[s], line);
  bool tcc_built = !strstr(report, "not built with libtcc");
  if (s == NSTEPS - 1 || (s == NSTEPS - 2 && !tcc_built)) {
    /* nothing after the broken step: a clear error, no context */
    CHECK(st == CW_ERROR_UNAVAILABLE && !ctx && strstr(report, "no usable backend (no backend is available)"),
          "%s: %s", cw_status_name(st), report);
    return;
  }
  CHECK(st == CW_OK, "create: %s", report);
  if (st != CW_OK) return;
  int c = chosen_step(report);
  CHECK(c > s, "chosen step %d (%s) must come after the broken step %d", c, c >= 0 ? step_names[c] : "none", s);
  CHECK(run_histogram(ctx, src, fault) == CW_OK, "histogram after %s", fault);
  cw_context_destroy(ctx);
}

static void test_device_lost(const char *src) {
  cw_context *ctx = NULL;
  CHECK(cw_context_create(NULL, &ctx) == CW_OK, "%s", cw_context_create_error());
  if (!ctx) return;
  int first = chosen_step(cw_context_report(ctx));
  printf("device-lost: first context on %s\n", first >= 0 ? step_names[first] : "?");
  CHECK(run_histogram(ctx, src, "device-lost") == CW_ERROR_DEVICE_LOST, "the launch must report the loss");
  CHECK(strstr(fail_msg, "device lost during the launch (simulated: CW_FAULT=device-lost); destroy this context and create a new one"),
        "%s", fail_msg);
  /* sticky: every call that needs the device says so */
  cw_deviceptr p = 0;
  CHECK(cw_malloc(ctx, &p, 16) == CW_ERROR_DEVICE_LOST && strstr(cw_context_last_error(ctx), "cw_malloc: the device was lost"),
        "%s", cw_context_last_error(ctx));
  CHECK(cw_synchronize(ctx) == CW_ERROR_DEVICE_LOST, "synchronize");
  cw_module *m = NULL;
  CHECK(cw_module_load(ctx, src, strlen(src), NULL, &m) == CW_ERROR_DEVICE_LOST && !m, "module load");
  cw_context_destroy(ctx);
  /* the user's recovery: a new context; AUTO passes the lost step by */
  ctx = NULL;
  cw_status st = cw_context_create(NULL, &ctx);
  const char *report = st == CW_OK ? cw_context_report(ctx) : cw_context_create_error();
  printf("device-lost: new context:\n%s", report);
  char line[600];
  if (first >= 0) step_line(report, first, line, sizeof line);
  CHECK(first >= 0 && strstr(line, "skipped: its device was lost earlier in this process"), "'%s'", line);
  if (first == NSTEPS - 1) {
    CHECK(st == CW_ERROR_UNAVAILABLE, "nothing after the last step");
    return;
  }
  CHECK(st == CW_OK, "%s", report);
  if (st != CW_OK) return;
  CHECK(chosen_step(report) > first, "a later step");
  CHECK(run_histogram(ctx, src, "after device-lost") == CW_OK, "histogram on the next backend");
  cw_context_destroy(ctx);
}

/* no CW_FAULT: the chain itself */
static void test_baseline(const char *src) {
  cw_context *ctx = NULL;
  CHECK(cw_context_create(NULL, &ctx) == CW_OK, "%s", cw_context_create_error());
  if (ctx) {
    int c = chosen_step(cw_context_report(ctx));
    CHECK(c >= 0, "%s", cw_context_report(ctx));
    /* every step has a line */
    char line[600];
    for (int i = 0; i < NSTEPS; i++) {
      step_line(cw_context_report(ctx), i, line, sizeof line);
      CHECK(line[0], "no line for %s in:\n%s", step_names[i], cw_context_report(ctx));
    }
    CHECK(run_histogram(ctx, src, "baseline") == CW_OK, "baseline");
    cw_context_destroy(ctx);
  }
  /* everything disabled by the option: a clear error naming each step */
  cw_context_options all = {.disable = CW_DISABLE_CUDA | CW_DISABLE_HIP | CW_DISABLE_WEBGPU | CW_DISABLE_CPU};
  ctx = NULL;
  CHECK(cw_context_create(&all, &ctx) == CW_ERROR_UNAVAILABLE && !ctx &&
            strstr(cw_context_create_error(), "no usable backend (every backend requested is disabled)") &&
            strstr(cw_context_create_error(), "cpu-tcc: disabled (cw_context_options.disable)") &&
            strstr(cw_context_create_error(), "cuda: disabled (cw_context_options.disable)"),
        "%s", cw_context_create_error());
  /* the same through CW_DISABLE */
  setenv("CW_DISABLE", "cuda,hip,webgpu,cpu", 1);
  CHECK(cw_context_create(NULL, &ctx) == CW_ERROR_UNAVAILABLE &&
            strstr(cw_context_create_error(), "every backend requested is disabled") &&
            strstr(cw_context_create_error(), "webgpu: disabled (CW_DISABLE)"),
        "%s", cw_context_create_error());
  /* CW_DISABLE=cc: the libtcc step computes it */
  setenv("CW_DISABLE", "cuda,hip,webgpu,cc", 1);
  ctx = NULL;
  cw_status st = cw_context_create(NULL, &ctx);
  if (st == CW_OK) {
    CHECK(chosen_step(cw_context_report(ctx)) == 4, "%s", cw_context_report(ctx));
    CHECK(run_histogram(ctx, src, "CW_DISABLE=cc") == CW_OK, "libtcc");
    cw_context_destroy(ctx);
  } else {
    CHECK(strstr(cw_context_create_error(), "cpu-tcc: unavailable: not built with libtcc"), "%s",
          cw_context_create_error());
  }
  /* typos are errors, not silently ignored */
  setenv("CW_DISABLE", "cuda,webgpuu", 1);
  CHECK(cw_context_create(NULL, &ctx) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_create_error(), "CW_DISABLE: unknown backend 'webgpuu'"),
        "%s", cw_context_create_error());
  unsetenv("CW_DISABLE");
  setenv("CW_FAULT", "no-gpu", 1);
  CHECK(cw_context_create(NULL, &ctx) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_create_error(), "CW_FAULT: unknown fault 'no-gpu'"),
        "%s", cw_context_create_error());
  unsetenv("CW_FAULT");
  cw_context_options bad = {.disable = 1u << 9};
  CHECK(cw_context_create(&bad, &ctx) == CW_ERROR_INVALID_VALUE, "bad disable bits");
  /* an explicit request for a disabled backend says so */
  cw_context_options cpu = {.backend = CW_BACKEND_CPU, .disable = CW_DISABLE_CPU};
  CHECK(cw_context_create(&cpu, &ctx) == CW_ERROR_UNAVAILABLE &&
            strstr(cw_context_create_error(), "every backend requested is disabled"),
        "%s", cw_context_create_error());
}

int main(void) {
  char *src = read_file(CW_KERNELS_DIR "/histogram.cu");
  if (!src) {
    printf("FAIL: cannot read %s\n", CW_KERNELS_DIR "/histogram.cu");
    return 1;
  }
  make_input();
  const char *fault = getenv("CW_FAULT");
  if (!fault || !*fault) test_baseline(src);
  else if (!strcmp(fault, "device-lost")) test_device_lost(src);
  else if (fault_step(fault) >= 0) test_fault(fault, src);
  else CHECK(0, "this test does not know CW_FAULT=%s", fault);
  free(src);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
