/* Device printf and assert: the host formatter (util/devfmt.h) against the
 * host's snprintf for every conversion, and the runtime on the cpu and
 * webgpu backends: output captured through cw_context_set_print, assert
 * status and message, the printf buffer overflow line. The webgpu part is
 * skipped (exit 77 when nothing else failed) where no adapter exists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"
#include "util/devfmt.h"

static int fails, skipped;
#define CHECK(c, ...)                                                                                         \
  do {                                                                                                        \
    if (!(c)) {                                                                                               \
      fails++;                                                                                                \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                             \
      printf(__VA_ARGS__);                                                                                    \
      printf("\n");                                                                                           \
    }                                                                                                         \
  } while (0)

static uint64_t dbl(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

static void fmt1(const char *fmt, uint64_t slot, const char *want) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_fmt_format(&sb, fmt, &slot, 1);
  CHECK(sb.data && !strcmp(sb.data, want), "format '%s': got '%s', want '%s'", fmt, sb.data ? sb.data : "", want);
  cw_sb_free(&sb);
}

static void test_formatter(void) {
  char want[256];
  static const char *ifmts[] = {"%d", "%i", "%5d", "%-5d|", "%+d", "% d", "%05d", "%.3d", "%hd", "%hhd", "%c"};
  static const int ivals[] = {0, 7, -42, 65, 123456, -2147483647 - 1, 300};
  for (size_t f = 0; f < sizeof ifmts / sizeof *ifmts; f++)
    for (size_t v = 0; v < sizeof ivals / sizeof *ivals; v++) {
      if (!strcmp(ifmts[f], "%c") && (ivals[v] < 32 || ivals[v] > 126)) continue;
      snprintf(want, sizeof want, ifmts[f], ivals[v]);
      fmt1(ifmts[f], (uint64_t)(int64_t)ivals[v], want);
    }
  static const char *ufmts[] = {"%u", "%x", "%X", "%o", "%#x", "%#o", "%08X", "%hu", "%hhx"};
  static const unsigned uvals[] = {0u, 1u, 255u, 4096u, 0xdeadbeefu, 4294967295u};
  for (size_t f = 0; f < sizeof ufmts / sizeof *ufmts; f++)
    for (size_t v = 0; v < sizeof uvals / sizeof *uvals; v++) {
      snprintf(want, sizeof want, ufmts[f], uvals[v]);
      fmt1(ufmts[f], uvals[v], want);
    }
  static const long long llvals[] = {0, -1, 9007199254740993LL, -9223372036854775807LL - 1};
  for (size_t v = 0; v < sizeof llvals / sizeof *llvals; v++) {
    snprintf(want, sizeof want, "%lld", llvals[v]);
    fmt1("%lld", (uint64_t)llvals[v], want);
    snprintf(want, sizeof want, "%ld", (long)llvals[v]);
    fmt1("%ld", (uint64_t)llvals[v], want);
    snprintf(want, sizeof want, "%llx", (unsigned long long)llvals[v]);
    fmt1("%llx", (uint64_t)llvals[v], want);
    snprintf(want, sizeof want, "%lu", (unsigned long)llvals[v]);
    fmt1("%lu", (uint64_t)llvals[v], want);
  }
  static const char *ffmts[] = {"%f", "%.2f", "%10.3f", "%-10.1f|", "%e", "%E", "%.3e", "%g", "%G",
                                "%.10g", "%a", "%+f", "%#g", "%lf", "%08.2f"};
  static const double fvals[] = {0.0, -0.0, 1.5, -3.25, 1e-7, 123456789.125, 1.0 / 3.0, 3.4028234663852886e38};
  for (size_t f = 0; f < sizeof ffmts / sizeof *ffmts; f++)
    for (size_t v = 0; v < sizeof fvals / sizeof *fvals; v++) {
      snprintf(want, sizeof want, ffmts[f], fvals[v]);
      fmt1(ffmts[f], dbl(fvals[v]), want);
    }
  /* several conversions and %% */
  uint64_t args[3] = {(uint64_t)(int64_t)-5, dbl(2.5), 10};
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_fmt_format(&sb, "a=%d b=%.1f c=%x 100%%\n", args, 3);
  CHECK(sb.data && !strcmp(sb.data, "a=-5 b=2.5 c=a 100%\n"), "multi: '%s'", sb.data ? sb.data : "");
  cw_sb_free(&sb);
  /* argument kinds and errors */
  cw_fmt_arg k[8];
  CHECK(cw_fmt_arg_kinds("%d %u %lld %llu %f %c %%", k, 8) == 6 && k[0] == CW_FA_INT && k[1] == CW_FA_UINT &&
            k[2] == CW_FA_I64 && k[3] == CW_FA_U64 && k[4] == CW_FA_DBL && k[5] == CW_FA_INT,
        "arg kinds");
  CHECK(cw_fmt_arg_kinds("%y", k, 8) == -1, "unknown conversion accepted");
  CHECK(cw_fmt_arg_kinds("%*d", k, 8) == -1, "'*' accepted");
  CHECK(cw_fmt_arg_kinds("%n", k, 8) == -1, "%%n accepted");
  CHECK(cw_fmt_arg_kinds("50%", k, 8) == -1, "trailing %% accepted");
}

typedef struct capture {
  char buf[1 << 16];
  size_t len;
} capture;

static void on_print(void *user, const char *text, size_t len) {
  capture *c = user;
  if (c->len + len < sizeof c->buf) {
    memcpy(c->buf + c->len, text, len);
    c->len += len;
    c->buf[c->len] = 0;
  }
}

static int cmp_lines(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorts the captured lines in place (order between threads is unspecified). */
static void sorted(capture *c, char *out, size_t n) {
  char *lines[256];
  int nl = 0;
  for (char *p = strtok(c->buf, "\n"); p && nl < 256; p = strtok(NULL, "\n")) lines[nl++] = p;
  qsort(lines, (size_t)nl, sizeof *lines, cmp_lines);
  out[0] = 0;
  for (int i = 0; i < nl; i++) {
    strncat(out, lines[i], n - strlen(out) - 2);
    strcat(out, "\n");
  }
}

static const char src[] =
    "#include <cstdio>\n"
    "#include <assert.h>\n"
    "__global__ void pk(const float *x, int *out, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) {\n"
    "    printf(\"i=%02d x=%.2f %s %c\\n\", i, x[i], \"lit\", 'a' + i);\n"
    "    out[i] = i * 2;\n"
    "    assert(x[i] < 5.0f);\n"
    "  }\n"
    "}\n"
    "__global__ void many(int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) printf(\"%d %d %d %d %d %d\\n\", i, i, i, i, i, i);\n"
    "}\n"
    "__global__ void trapk(int n) { if (threadIdx.x == 1 && n > 0) __trap(); }\n"
    "__global__ void p64(long long base) {\n"
    "  long long v = base * (long long)(threadIdx.x + 1);\n"
    "  printf(\"%lld %llu %d\\n\", v, (unsigned long long)v, (int)threadIdx.x);\n"
    "}\n";

static void test_backend(cw_backend be, const char *name) {
  cw_context_options o = {.backend = be};
  cw_context *ctx;
  if (cw_context_create(&o, &ctx) != CW_OK) {
    printf("skip %s: %s\n", name, cw_context_create_error());
    skipped++;
    return;
  }
  capture *cap = calloc(1, sizeof *cap);
  CHECK(cw_context_set_print(ctx, on_print, cap) == CW_OK, "set_print");
  cw_module *mod;
  cw_status st = cw_module_load(ctx, src, sizeof src - 1, NULL, &mod);
  CHECK(st == CW_OK, "%s: load: %s", name, cw_context_last_error(ctx));
  if (st != CW_OK) goto out;
  cw_kernel *pk, *many, *trapk;
  cw_module_get_kernel(mod, "pk", &pk);
  cw_module_get_kernel(mod, "many", &many);
  cw_module_get_kernel(mod, "trapk", &trapk);
  float hx[6] = {0.5f, 1.25f, 2.0f, 3.5f, 4.75f, 9.0f};
  cw_deviceptr dx, dout;
  cw_malloc(ctx, &dx, sizeof hx);
  cw_malloc(ctx, &dout, 6 * sizeof(int));
  cw_memcpy_htod(ctx, dx, hx, sizeof hx);
  int n = 5;
  void *args[] = {&dx, &dout, &n};
  st = cw_launch(pk, (cw_dim3){2, 1, 1}, (cw_dim3){4, 1, 1}, 0, args, 3);
  if (st == CW_OK) st = cw_synchronize(ctx);
  CHECK(st == CW_OK, "%s: launch: %s", name, cw_context_last_error(ctx));
  char got[4096];
  sorted(cap, got, sizeof got);
  CHECK(!strcmp(got, "i=00 x=0.50 lit a\ni=01 x=1.25 lit b\ni=02 x=2.00 lit c\ni=03 x=3.50 lit d\ni=04 x=4.75 lit e\n"),
        "%s: printf lines:\n%s", name, got);
  int hout[5];
  cw_memcpy_dtoh(ctx, hout, dout, sizeof hout);
  CHECK(hout[4] == 8, "%s: printf changed the result", name);

  /* assert failure: thread 1 of block 1 (i = 5) */
  cap->len = 0;
  cap->buf[0] = 0;
  n = 6;
  st = cw_launch(pk, (cw_dim3){2, 1, 1}, (cw_dim3){4, 1, 1}, 0, args, 3);
  if (st == CW_OK) st = cw_synchronize(ctx);
  CHECK(st == CW_ERROR_ASSERT, "%s: assert status %s", name, cw_status_name(st));
  CHECK(strstr(cw_context_last_error(ctx),
               "assertion 'x[i] < 5.0f' failed at <input>:8 in kernel pk, block (1,0,0), thread (1,0,0)") != NULL,
        "%s: assert message: %s", name, cw_context_last_error(ctx));
  CHECK(cw_synchronize(ctx) == CW_OK, "%s: the failure is reported once", name);

  /* __trap */
  n = 1;
  void *targs[] = {&n};
  st = cw_launch(trapk, (cw_dim3){1, 1, 1}, (cw_dim3){4, 1, 1}, 0, targs, 1);
  if (st == CW_OK) st = cw_synchronize(ctx);
  CHECK(st == CW_ERROR_ASSERT && strstr(cw_context_last_error(ctx), "trap at <input>:15 in kernel trapk"),
        "%s: trap: %s %s", name, cw_status_name(st), cw_context_last_error(ctx));

  /* 64-bit arguments: two words each on WGSL */
  cw_kernel *k64;
  CHECK(cw_module_get_kernel(mod, "p64", &k64) == CW_OK, "%s: p64", name);
  cap->len = 0;
  cap->buf[0] = 0;
  long long base = -3000000007LL;
  void *a64[] = {&base};
  st = cw_launch(k64, (cw_dim3){1, 1, 1}, (cw_dim3){2, 1, 1}, 0, a64, 1);
  if (st == CW_OK) st = cw_synchronize(ctx);
  CHECK(st == CW_OK, "%s: p64: %s", name, cw_context_last_error(ctx));
  sorted(cap, got, sizeof got);
  CHECK(!strcmp(got, "-3000000007 18446744070709551609 0\n-6000000014 18446744067709551602 1\n"),
        "%s: 64-bit printf lines:\n%s", name, got);

  /* overflow: 4 KiB hold (4096/4 - 16) / 8 = 126 records of 8 words */
  if (be == CW_BACKEND_WEBGPU) {
    CHECK(cw_context_set_printf_buffer_size(ctx, 4096) == CW_OK, "buffer size");
    cap->len = 0;
    cap->buf[0] = 0;
    n = 200;
    void *margs[] = {&n};
    st = cw_launch(many, (cw_dim3){2, 1, 1}, (cw_dim3){128, 1, 1}, 0, margs, 1);
    if (st == CW_OK) st = cw_synchronize(ctx);
    CHECK(st == CW_OK, "many: %s", cw_context_last_error(ctx));
    CHECK(strstr(cap->buf, "printf buffer full: 74 records lost\n") != NULL, "overflow line missing:\n%s", cap->buf);
    int lines = 0;
    for (char *p = cap->buf; *p; p++) lines += *p == '\n';
    CHECK(lines == 127, "overflow: %d lines", lines);
  }
  cw_module_unload(mod);
out:
  cw_context_destroy(ctx);
  free(cap);
}

int main(void) {
  test_formatter();
  test_backend(CW_BACKEND_CPU, "cpu");
  test_backend(CW_BACKEND_WEBGPU, "webgpu");
  printf("test_printf: %d failure(s)%s\n", fails, skipped ? " (webgpu skipped)" : "");
  if (fails) return 1;
  return skipped ? 77 : 0;
}
