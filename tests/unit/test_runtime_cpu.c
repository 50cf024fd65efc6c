/* The runtime through its public API on the cpu backend: results checked
 * against C references, every error path, --check, the compiled-kernel
 * cache. Prints "N passed, N failed"; exit status 1 on any failure. */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cudawasm.h"

#include "check.h"

#define OK(call, ctx) CHECK((call) == CW_OK, "%s", cw_context_last_error(ctx))

static char cache_dir[256];

static const char *SRC =
    "__global__ void saxpy(int n, float a, const float *x, float *y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = a * x[i] + y[i];\n"
    "}\n"
    "__global__ void reduce(const float *in, float *out, int n) {\n"
    "  __shared__ float s[256];\n"
    "  unsigned t = threadIdx.x;\n"
    "  unsigned i = blockIdx.x * blockDim.x + t;\n"
    "  s[t] = i < (unsigned)n ? in[i] : 0.0f;\n"
    "  __syncthreads();\n"
    "  for (unsigned st = blockDim.x / 2; st > 0; st >>= 1) {\n"
    "    if (t < st) s[t] += s[t + st];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (t == 0) out[blockIdx.x] = s[0];\n"
    "}\n"
    "__global__ void histo(const int *v, int n, unsigned *bins) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) atomicAdd(&bins[v[i] & 15], 1u);\n"
    "}\n"
    "__global__ void dynrev(int *d) {\n"
    "  extern __shared__ int sh[];\n"
    "  int t = threadIdx.x;\n"
    "  int base = blockIdx.x * blockDim.x;\n"
    "  sh[t] = d[base + t];\n"
    "  __syncthreads();\n"
    "  d[base + t] = sh[blockDim.x - 1 - t];\n"
    "}\n"
    "__constant__ float coef[4];\n"
    "__device__ int counter;\n"
    "__device__ float table[3] = {1.5f, 2.5f, 3.5f};\n"
    "__global__ void poly(const float *x, float *y, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) {\n"
    "    y[i] = coef[0] + coef[1] * x[i] + coef[2] * x[i] * x[i] + coef[3] * table[i % 3];\n"
    "    atomicAdd(&counter, 1);\n"
    "  }\n"
    "}\n"
    "__global__ void empty() {}\n";

static cw_context *make_ctx(int check, const char *cc, int threads) {
  cw_context_options o = {.backend = CW_BACKEND_CPU, .check = check, .cc = cc, .cache_dir = cache_dir,
                          .threads = threads};
  cw_context *ctx = NULL;
  cw_status st = cw_context_create(&o, &ctx);
  CHECK(st == CW_OK && ctx, "context: %s: %s", cw_status_name(st), cw_context_create_error());
  return ctx;
}

static cw_kernel *kernel(cw_module *m, const char *name) {
  cw_kernel *k = NULL;
  cw_status st = cw_module_get_kernel(m, name, &k);
  CHECK(st == CW_OK && k, "kernel %s: %s", name, cw_status_name(st));
  return k;
}

static void test_saxpy(cw_context *ctx, cw_module *m) {
  const int n = (1 << 20) + 77; /* a partial last block */
  float *x = malloc(sizeof(float) * n), *y = malloc(sizeof(float) * n), *r = malloc(sizeof(float) * n);
  for (int i = 0; i < n; i++) {
    x[i] = (float)(i % 1000) * 0.25f;
    y[i] = (float)(i % 7) - 3.0f;
  }
  cw_deviceptr dx, dy;
  OK(cw_malloc(ctx, &dx, sizeof(float) * n), ctx);
  OK(cw_malloc(ctx, &dy, sizeof(float) * n), ctx);
  OK(cw_memcpy_htod(ctx, dx, x, sizeof(float) * n), ctx);
  OK(cw_memcpy_htod(ctx, dy, y, sizeof(float) * n), ctx);
  cw_kernel *k = kernel(m, "saxpy");
  float a = 2.5f;
  int nn = n;
  void *args[] = {&nn, &a, &dx, &dy};
  cw_dim3 grid = {(unsigned)((n + 255) / 256), 1, 1}, block = {256, 1, 1};
  OK(cw_launch(k, grid, block, 0, args, 4), ctx);
  OK(cw_memcpy_dtoh(ctx, r, dy, sizeof(float) * n), ctx);
  int bad = 0;
  for (int i = 0; i < n; i++)
    if (r[i] != a * x[i] + y[i]) bad++;
  CHECK(bad == 0, "saxpy: %d wrong of %d", bad, n);

  cw_param_info pi;
  OK(cw_kernel_param(k, 2, &pi), ctx);
  CHECK(cw_kernel_param_count(k) == 4 && !strcmp(pi.name, "x") && pi.kind == CW_PARAM_POINTER && pi.size == 8 &&
            strstr(pi.type, "float") && strstr(pi.type, "*"),
        "param 2: %s %s %d %zu", pi.name, pi.type, (int)pi.kind, pi.size);
  OK(cw_kernel_param(k, 1, &pi), ctx);
  CHECK(pi.kind == CW_PARAM_VALUE && pi.size == 4 && !strcmp(pi.name, "a"), "param 1");
  CHECK(!strcmp(cw_kernel_name(k), "saxpy"), "name");

  /* events */
  cw_event *e0, *e1;
  OK(cw_event_create(ctx, &e0), ctx);
  OK(cw_event_create(ctx, &e1), ctx);
  OK(cw_event_record(e0), ctx);
  OK(cw_launch(k, grid, block, 0, args, 4), ctx);
  OK(cw_event_record(e1), ctx);
  float ms = -1;
  OK(cw_event_elapsed_ms(e0, e1, &ms), ctx);
  CHECK(ms >= 0 && ms < 10000, "elapsed %f", ms);
  CHECK(cw_event_elapsed_ms(e1, e1, NULL) == CW_ERROR_INVALID_VALUE, "NULL ms");
  cw_event_destroy(e0);
  cw_event_destroy(e1);
  OK(cw_free(ctx, dx), ctx);
  OK(cw_free(ctx, dy), ctx);
  free(x);
  free(y);
  free(r);
}

static void test_reduce(cw_context *ctx, cw_module *m) {
  const int n = 1000003, nb = (n + 255) / 256;
  float *in = malloc(sizeof(float) * n), *out = malloc(sizeof(float) * nb);
  for (int i = 0; i < n; i++) in[i] = (float)((i * 7) % 13) - 6.0f; /* small integers: exact sums */
  cw_deviceptr din, dout;
  OK(cw_malloc(ctx, &din, sizeof(float) * n), ctx);
  OK(cw_malloc(ctx, &dout, sizeof(float) * nb), ctx);
  OK(cw_memcpy_htod(ctx, din, in, sizeof(float) * n), ctx);
  int nn = n;
  void *args[] = {&din, &dout, &nn};
  OK(cw_launch(kernel(m, "reduce"), (cw_dim3){nb, 1, 1}, (cw_dim3){256, 1, 1}, 0, args, 3), ctx);
  OK(cw_memcpy_dtoh(ctx, out, dout, sizeof(float) * nb), ctx);
  int bad = 0;
  for (int b = 0; b < nb; b++) {
    float s = 0;
    for (int i = b * 256; i < n && i < (b + 1) * 256; i++) s += in[i];
    if (out[b] != s) bad++;
  }
  CHECK(bad == 0, "reduce: %d of %d block sums wrong", bad, nb);
  cw_free(ctx, din);
  cw_free(ctx, dout);
  free(in);
  free(out);
}

static void test_atomics(cw_context *ctx, cw_module *m) {
  const int n = 1 << 20;
  int *v = malloc(sizeof(int) * n);
  unsigned ref[16] = {0}, bins[16];
  for (int i = 0; i < n; i++) {
    v[i] = (int)((unsigned)i * 2654435761u >> 7);
    ref[v[i] & 15]++;
  }
  cw_deviceptr dv, db;
  OK(cw_malloc(ctx, &dv, sizeof(int) * n), ctx);
  OK(cw_malloc(ctx, &db, sizeof bins), ctx);
  OK(cw_memcpy_htod(ctx, dv, v, sizeof(int) * n), ctx);
  OK(cw_memset_d8(ctx, db, 0, sizeof bins), ctx);
  int nn = n;
  void *args[] = {&dv, &nn, &db};
  /* many blocks on several workers hit the same 16 counters */
  OK(cw_launch(kernel(m, "histo"), (cw_dim3){n / 64, 1, 1}, (cw_dim3){64, 1, 1}, 0, args, 3), ctx);
  OK(cw_memcpy_dtoh(ctx, bins, db, sizeof bins), ctx);
  CHECK(memcmp(bins, ref, sizeof bins) == 0, "histogram differs: bin0 %u vs %u", bins[0], ref[0]);
  cw_free(ctx, dv);
  cw_free(ctx, db);
  free(v);
}

static void test_dyn_shared(cw_context *ctx, cw_module *m) {
  const int bs = 96, nb = 37, n = bs * nb;
  int *d = malloc(sizeof(int) * n), *r = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) d[i] = i * 3 + 1;
  cw_deviceptr dd;
  OK(cw_malloc(ctx, &dd, sizeof(int) * n), ctx);
  OK(cw_memcpy_htod(ctx, dd, d, sizeof(int) * n), ctx);
  void *args[] = {&dd};
  cw_kernel *k = kernel(m, "dynrev");
  OK(cw_launch(k, (cw_dim3){nb, 1, 1}, (cw_dim3){bs, 1, 1}, sizeof(int) * bs, args, 1), ctx);
  OK(cw_memcpy_dtoh(ctx, r, dd, sizeof(int) * n), ctx);
  int bad = 0;
  for (int b = 0; b < nb; b++)
    for (int t = 0; t < bs; t++)
      if (r[b * bs + t] != d[b * bs + bs - 1 - t]) bad++;
  CHECK(bad == 0, "dynamic shared reverse: %d wrong", bad);
  /* not a multiple of sizeof(int); beyond 48 KiB */
  CHECK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){bs, 1, 1}, 6, args, 1) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_last_error(ctx), "multiple"),
        "%s", cw_context_last_error(ctx));
  CHECK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){bs, 1, 1}, 64 * 1024, args, 1) == CW_ERROR_INVALID_VALUE,
        "%s", cw_context_last_error(ctx));
  cw_free(ctx, dd);
  free(d);
  free(r);
}

static void test_globals(cw_context *ctx, cw_module *m) {
  const int n = 1000;
  float coef[4] = {1.0f, 2.0f, 0.5f, -1.0f}, x[1000], y[1000];
  for (int i = 0; i < n; i++) x[i] = (float)i / 8.0f;
  OK(cw_module_write_global(m, "coef", 0, coef, sizeof coef), ctx);
  float back[4];
  OK(cw_module_read_global(m, "coef", 0, back, sizeof back), ctx);
  CHECK(!memcmp(back, coef, sizeof coef), "coef read back");
  float tab[3];
  OK(cw_module_read_global(m, "table", 0, tab, sizeof tab), ctx);
  CHECK(tab[0] == 1.5f && tab[1] == 2.5f && tab[2] == 3.5f, "table initialiser %g %g %g", tab[0], tab[1], tab[2]);
  int zero = 0;
  OK(cw_module_write_global(m, "counter", 0, &zero, sizeof zero), ctx);
  cw_deviceptr dx, dy;
  OK(cw_malloc(ctx, &dx, sizeof x), ctx);
  OK(cw_malloc(ctx, &dy, sizeof y), ctx);
  OK(cw_memcpy_htod(ctx, dx, x, sizeof x), ctx);
  int nn = n;
  void *args[] = {&dx, &dy, &nn};
  OK(cw_launch(kernel(m, "poly"), (cw_dim3){8, 1, 1}, (cw_dim3){128, 1, 1}, 0, args, 3), ctx);
  OK(cw_memcpy_dtoh(ctx, y, dy, sizeof y), ctx);
  int bad = 0;
  for (int i = 0; i < n; i++) {
    float e = coef[0] + coef[1] * x[i] + coef[2] * x[i] * x[i] + coef[3] * tab[i % 3];
    if (fabsf(y[i] - e) > 1e-3f * fabsf(e) + 1e-4f) bad++;
  }
  CHECK(bad == 0, "poly: %d wrong", bad);
  int cnt = -1;
  OK(cw_module_read_global(m, "counter", 0, &cnt, sizeof cnt), ctx);
  CHECK(cnt == n, "__device__ counter %d, expected %d", cnt, n);
  CHECK(cw_module_write_global(m, "coef", 8, coef, sizeof coef) == CW_ERROR_OUT_OF_RANGE, "global range: %s",
        cw_context_last_error(ctx));
  CHECK(cw_module_read_global(m, "nope", 0, back, 4) == CW_ERROR_NOT_FOUND, "global name");
  cw_free(ctx, dx);
  cw_free(ctx, dy);
}

static void test_memory(cw_context *ctx) {
  unsigned char h[256], r[256];
  for (int i = 0; i < 256; i++) h[i] = (unsigned char)i;
  cw_deviceptr a, b;
  OK(cw_malloc(ctx, &a, 256), ctx);
  OK(cw_malloc(ctx, &b, 256), ctx);
  CHECK(a != 0 && b != 0 && a != b, "distinct pointers");
  OK(cw_memcpy_htod(ctx, a, h, 256), ctx);
  OK(cw_memset_d8(ctx, b, 0xAB, 256), ctx);
  OK(cw_memcpy_dtod(ctx, b + 16, a + 32, 64), ctx); /* offset pointers as in CUDA */
  OK(cw_memset_d8(ctx, b + 200, 7, 8), ctx);
  OK(cw_memcpy_dtoh(ctx, r, b, 256), ctx);
  int bad = 0;
  for (int i = 0; i < 256; i++) {
    unsigned char e = i >= 16 && i < 80 ? (unsigned char)(i + 16) : i >= 200 && i < 208 ? 7 : 0xAB;
    if (r[i] != e) bad++;
  }
  CHECK(bad == 0, "memset/dtod with offsets: %d bytes wrong", bad);
  unsigned char part[10];
  OK(cw_memcpy_dtoh(ctx, part, a + 250, 6), ctx);
  CHECK(part[0] == 250 && part[5] == 255, "dtoh at offset");
  /* range errors name the sizes */
  CHECK(cw_memcpy_dtoh(ctx, part, a + 250, 10) == CW_ERROR_OUT_OF_RANGE &&
            strstr(cw_context_last_error(ctx), "256") && strstr(cw_context_last_error(ctx), "10 bytes"),
        "%s", cw_context_last_error(ctx));
  CHECK(cw_memcpy_htod(ctx, a, h, 257) == CW_ERROR_OUT_OF_RANGE, "htod range");
  CHECK(cw_memset_d8(ctx, a + 1, 0, 256) == CW_ERROR_OUT_OF_RANGE, "memset range");
  CHECK(cw_memcpy_dtod(ctx, a, b + 128, 129) == CW_ERROR_OUT_OF_RANGE, "dtod range");
  CHECK(cw_memcpy_dtod(ctx, a, a + 8, 16) == CW_ERROR_INVALID_VALUE, "dtod overlap");
  CHECK(cw_memcpy_htod(ctx, a + 300, h, 1) == CW_ERROR_INVALID_VALUE, "offset beyond the allocation");
  CHECK(cw_free(ctx, a + 16) == CW_ERROR_INVALID_VALUE, "free interior pointer");
  OK(cw_free(ctx, a), ctx);
  CHECK(cw_free(ctx, a) == CW_ERROR_INVALID_VALUE && strstr(cw_context_last_error(ctx), "freed"),
        "double free: %s", cw_context_last_error(ctx));
  CHECK(cw_free(ctx, 0) == CW_ERROR_INVALID_VALUE, "free NULL");
  CHECK(cw_free(ctx, 0xdeadbeefULL) == CW_ERROR_INVALID_VALUE, "free garbage");
  CHECK(cw_memcpy_dtoh(ctx, r, a, 1) == CW_ERROR_INVALID_VALUE, "use after free");
  cw_deviceptr z;
  OK(cw_malloc(ctx, &z, 0), ctx);
  OK(cw_memcpy_htod(ctx, z, h, 0), ctx);
  OK(cw_free(ctx, z), ctx);
  OK(cw_free(ctx, b), ctx);
}

static void test_launch_errors(cw_context *ctx, cw_module *m) {
  cw_kernel *k = kernel(m, "saxpy");
  cw_deviceptr dx, dy;
  OK(cw_malloc(ctx, &dx, 64), ctx);
  OK(cw_malloc(ctx, &dy, 64), ctx);
  int n = 16;
  float a = 1;
  void *args[] = {&n, &a, &dx, &dy};
  cw_dim3 g1 = {1, 1, 1}, b16 = {16, 1, 1};
  CHECK(cw_launch(k, g1, b16, 0, args, 3) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_last_error(ctx), "takes 4 arguments, 3 given"),
        "%s", cw_context_last_error(ctx));
  CHECK(cw_launch(k, g1, b16, 0, NULL, 4) == CW_ERROR_INVALID_VALUE, "NULL args");
  unsigned long long bogus = 12345;
  void *bad_args[] = {&n, &a, &bogus, &dy};
  CHECK(cw_launch(k, g1, b16, 0, bad_args, 4) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_last_error(ctx), "argument 2 ('x') is not a device pointer returned by cw_malloc"),
        "%s", cw_context_last_error(ctx));
  void *null_arg[] = {&n, NULL, &dx, &dy};
  CHECK(cw_launch(k, g1, b16, 0, null_arg, 4) == CW_ERROR_INVALID_VALUE, "NULL args[1]");
  CHECK(cw_launch(k, g1, (cw_dim3){2048, 1, 1}, 0, args, 4) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_last_error(ctx), "2048"),
        "%s", cw_context_last_error(ctx));
  CHECK(cw_launch(k, g1, (cw_dim3){32, 32, 2}, 0, args, 4) == CW_ERROR_INVALID_VALUE, "2048 threads in 3-D");
  CHECK(cw_launch(k, g1, (cw_dim3){1, 1, 65}, 0, args, 4) == CW_ERROR_INVALID_VALUE, "z > 64");
  CHECK(cw_launch(k, (cw_dim3){0, 1, 1}, b16, 0, args, 4) == CW_ERROR_INVALID_VALUE, "grid 0");
  CHECK(cw_launch(k, (cw_dim3){1, 65536, 1}, b16, 0, args, 4) == CW_ERROR_INVALID_VALUE, "grid y");
  OK(cw_launch(k, g1, b16, 0, args, 4), ctx); /* the same arguments are fine */
  OK(cw_free(ctx, dx), ctx);
  CHECK(cw_launch(k, g1, b16, 0, args, 4) == CW_ERROR_INVALID_VALUE &&
            strstr(cw_context_last_error(ctx), "argument 2 ('x')"),
        "freed pointer: %s", cw_context_last_error(ctx));
  cw_free(ctx, dy);
  cw_kernel *none = (cw_kernel *)1;
  CHECK(cw_module_get_kernel(m, "no_such_kernel", &none) == CW_ERROR_NOT_FOUND && none == NULL &&
            strstr(cw_context_last_error(ctx), "no_such_kernel") && strstr(cw_context_last_error(ctx), "saxpy"),
        "%s", cw_context_last_error(ctx));
}

static void test_null_handles(void) {
  cw_deviceptr p;
  cw_module *m = NULL;
  cw_kernel *k = NULL;
  cw_event *e = NULL;
  cw_param_info pi;
  float buf[4];
  CHECK(cw_context_create(NULL, NULL) == CW_ERROR_INVALID_VALUE, "create NULL out");
  CHECK(cw_malloc(NULL, &p, 4) == CW_ERROR_INVALID_VALUE, "malloc NULL");
  CHECK(cw_free(NULL, 1) == CW_ERROR_INVALID_VALUE, "free NULL ctx");
  CHECK(cw_memcpy_htod(NULL, 1, buf, 4) == CW_ERROR_INVALID_VALUE, "htod NULL");
  CHECK(cw_memcpy_dtoh(NULL, buf, 1, 4) == CW_ERROR_INVALID_VALUE, "dtoh NULL");
  CHECK(cw_memcpy_dtod(NULL, 1, 1, 4) == CW_ERROR_INVALID_VALUE, "dtod NULL");
  CHECK(cw_memset_d8(NULL, 1, 0, 4) == CW_ERROR_INVALID_VALUE, "memset NULL");
  CHECK(cw_module_load(NULL, "", 0, NULL, &m) == CW_ERROR_INVALID_VALUE, "module_load NULL");
  CHECK(cw_module_get_kernel(NULL, "x", &k) == CW_ERROR_INVALID_VALUE, "get_kernel NULL");
  CHECK(cw_module_write_global(NULL, "x", 0, buf, 4) == CW_ERROR_INVALID_VALUE, "write_global NULL");
  CHECK(cw_module_read_global(NULL, "x", 0, buf, 4) == CW_ERROR_INVALID_VALUE, "read_global NULL");
  CHECK(cw_kernel_param(NULL, 0, &pi) == CW_ERROR_INVALID_VALUE, "param NULL");
  CHECK(cw_kernel_param_count(NULL) == -1, "param_count NULL");
  CHECK(cw_kernel_name(NULL) == NULL, "kernel_name NULL");
  CHECK(cw_launch(NULL, (cw_dim3){1, 1, 1}, (cw_dim3){1, 1, 1}, 0, NULL, 0) == CW_ERROR_INVALID_VALUE, "launch NULL");
  CHECK(cw_synchronize(NULL) == CW_ERROR_INVALID_VALUE, "sync NULL");
  CHECK(cw_event_create(NULL, &e) == CW_ERROR_INVALID_VALUE, "event NULL");
  CHECK(cw_event_record(NULL) == CW_ERROR_INVALID_VALUE, "record NULL");
  CHECK(cw_event_elapsed_ms(NULL, NULL, buf) == CW_ERROR_INVALID_VALUE, "elapsed NULL");
  CHECK(!strcmp(cw_module_diagnostics(NULL), ""), "diagnostics NULL");
  CHECK(cw_context_backend(NULL) == CW_BACKEND_AUTO, "backend NULL");
  CHECK(cw_context_report(NULL) && cw_context_last_error(NULL), "report/last_error NULL");
  cw_module_unload(NULL);
  cw_context_destroy(NULL);
  cw_event_destroy(NULL);
  CHECK(!strcmp(cw_status_name(CW_ERROR_MEMCHECK), "CW_ERROR_MEMCHECK") && !strcmp(cw_status_name(CW_OK), "CW_OK"),
        "status names");
  CHECK(!strcmp(cw_backend_name(CW_BACKEND_CPU), "cpu"), "backend name");
}

static void test_compile_errors(cw_context *ctx) {
  const char *bad = "__global__ void k(float *x) {\n  x[0] = undefined_thing;\n}\n";
  cw_module_options mo = {.filename = "bad.cu"};
  cw_module *m = NULL;
  cw_status st = cw_module_load(ctx, bad, strlen(bad), &mo, &m);
  CHECK(st == CW_ERROR_COMPILE && m, "bad source: %s", cw_status_name(st));
  CHECK(m && strstr(cw_module_diagnostics(m), "bad.cu:2:") && strstr(cw_module_diagnostics(m), "undefined_thing"),
        "diagnostics: %s", m ? cw_module_diagnostics(m) : "(no module)");
  CHECK(strstr(cw_context_last_error(ctx), "bad.cu:2:"), "last error: %s", cw_context_last_error(ctx));
  cw_kernel *k;
  CHECK(m && cw_module_get_kernel(m, "k", &k) == CW_ERROR_COMPILE, "kernel of a failed module");
  cw_module_unload(m);
  /* without out: nothing leaks */
  CHECK(cw_module_load(ctx, bad, strlen(bad), &mo, NULL) == CW_ERROR_COMPILE, "no out");
}

/* A compiler that answers --version but rejects every file: CW_ERROR_COMPILE with its output. */
static void test_cc_failure(void) {
  char script[300];
  snprintf(script, sizeof script, "%s/fakecc.sh", cache_dir);
  FILE *f = fopen(script, "w");
  fputs("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'fakecc (test) 9.9.9'; exit 0; fi\n"
        "echo 'fakecc: error: refusing to compile' >&2\nexit 1\n",
        f);
  fclose(f);
  chmod(script, 0755);
  cw_context *ctx = make_ctx(0, script, 1);
  if (!ctx) return;
  CHECK(strstr(cw_context_report(ctx), "9.9.9"), "report: %s", cw_context_report(ctx));
  const char *src = "__global__ void k(int *x) { x[0] = 12345; }\n";
  cw_module *m = NULL;
  CHECK(cw_module_load(ctx, src, strlen(src), NULL, &m) == CW_ERROR_COMPILE &&
            strstr(cw_context_last_error(ctx), "refusing to compile"),
        "%s", cw_context_last_error(ctx));
  CHECK(m && strstr(cw_module_diagnostics(m), "refusing to compile"), "the C compiler's words in the diagnostics");
  cw_kernel *k = NULL;
  CHECK(m && cw_module_get_kernel(m, "k", &k) == CW_ERROR_COMPILE && !k, "no kernel of a failed module");
  cw_module_unload(m);
  cw_context_destroy(ctx);

  /* without its libtcc step, a missing compiler leaves no cpu backend */
  cw_context_options o = {.backend = CW_BACKEND_CPU, .cc = "/nonexistent/cc", .cache_dir = cache_dir,
                          .disable = CW_DISABLE_TCC};
  cw_context *c2 = (cw_context *)1;
  CHECK(cw_context_create(&o, &c2) == CW_ERROR_UNAVAILABLE && c2 == NULL &&
            strstr(cw_context_create_error(), "C compiler '/nonexistent/cc' not found") &&
            strstr(cw_context_create_error(), "cpu-tcc: disabled (cw_context_options.disable)"),
        "%s", cw_context_create_error());
  o.backend = CW_BACKEND_HIP;
  CHECK(cw_context_create(&o, &c2) == CW_ERROR_UNAVAILABLE && strstr(cw_context_create_error(), "hip"), "hip: %s",
        cw_context_create_error());
}

static int count_files(const char *dir, const char *suffix) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int n = 0;
  struct dirent *e;
  size_t sl = strlen(suffix);
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l > sl && !strcmp(e->d_name + l - sl, suffix)) n++;
  }
  closedir(d);
  return n;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void test_cache(void) {
  char sub[300];
  snprintf(sub, sizeof sub, "%s/cache", cache_dir);
  cw_context_options o = {.backend = CW_BACKEND_CPU, .cache_dir = sub, .threads = 2};
  cw_context *ctx = NULL;
  if (cw_context_create(&o, &ctx) != CW_OK) {
    CHECK(0, "cache context: %s", cw_context_create_error());
    return;
  }
  const char *src = "__global__ void seven(int *x) { x[threadIdx.x] = 7 * threadIdx.x; }\n";
  cw_module *m1 = NULL, *m2 = NULL;
  double t0 = now_ms();
  OK(cw_module_load(ctx, src, strlen(src), NULL, &m1), ctx);
  double t1 = now_ms();
  OK(cw_module_load(ctx, src, strlen(src), NULL, &m2), ctx);
  double t2 = now_ms();
  CHECK(count_files(sub, ".so") == 1, "one cached object, found %d", count_files(sub, ".so"));
  CHECK(t2 - t1 < t1 - t0, "cache hit %.2f ms not faster than the compile %.2f ms", t2 - t1, t1 - t0);
  printf("cache: first load %.1f ms, second (hit) %.1f ms\n", t1 - t0, t2 - t1);
  cw_deviceptr d;
  int r[8];
  OK(cw_malloc(ctx, &d, sizeof r), ctx);
  void *args[] = {&d};
  OK(cw_launch(kernel(m2, "seven"), (cw_dim3){1, 1, 1}, (cw_dim3){8, 1, 1}, 0, args, 1), ctx);
  OK(cw_memcpy_dtoh(ctx, r, d, sizeof r), ctx);
  CHECK(r[0] == 0 && r[7] == 49, "cached module runs");
  cw_module_unload(m1);
  cw_module_unload(m2);
  cw_context_destroy(ctx); /* frees d */
}

static void test_check_mode(void) {
  const char *src =
      "__global__ void fill(float *y, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  y[i] = 1.0f;\n" /* line 3: no bounds test */
      "}\n"
      "__global__ void shared_oob(int *out) {\n"
      "  __shared__ int s[32];\n"
      "  s[threadIdx.x] = threadIdx.x;\n"
      "  __syncthreads();\n"
      "  out[threadIdx.x] = s[threadIdx.x + 1];\n" /* line 9: thread 31 reads s[32] */
      "}\n"
      "__global__ void local_oob(int *out, int k) {\n"
      "  int a[4];\n"
      "  for (int j = 0; j < 4; j++) a[j] = j;\n"
      "  out[threadIdx.x] = a[threadIdx.x + k];\n" /* line 14 */
      "}\n"
      "__global__ void fine(float *y, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) y[i] = 2.0f;\n"
      "}\n";
  cw_context *ctx = make_ctx(1, NULL, 3);
  if (!ctx) return;
  cw_module_options mo = {.filename = "oob.cu"};
  cw_module *m = NULL;
  OK(cw_module_load(ctx, src, strlen(src), &mo, &m), ctx);
  if (!m) {
    printf("%s\n", cw_context_last_error(ctx));
    cw_context_destroy(ctx);
    return;
  }
  cw_deviceptr y, o;
  OK(cw_malloc(ctx, &y, 100 * sizeof(float)), ctx);
  OK(cw_malloc(ctx, &o, 32 * sizeof(int)), ctx);
  int n = 100;
  void *args[] = {&y, &n};
  cw_status st = cw_launch(kernel(m, "fill"), (cw_dim3){4, 1, 1}, (cw_dim3){32, 1, 1}, 0, args, 2);
  const char *e = cw_context_last_error(ctx);
  CHECK(st == CW_ERROR_MEMCHECK, "fill: %s %s", cw_status_name(st), e);
  CHECK(strstr(e, "'fill'") && strstr(e, "write") && strstr(e, "oob.cu:3:") && strstr(e, "block (3,0,0)") &&
            strstr(e, "thread (4,0,0)") && strstr(e, "y[100]") && strstr(e, "100 elements"),
        "message: %s", e);
  printf("check: %s\n", e);
  /* an offset pointer has fewer elements */
  cw_deviceptr y40 = y + 40 * sizeof(float);
  void *args40[] = {&y40, &n};
  st = cw_launch(kernel(m, "fill"), (cw_dim3){2, 1, 1}, (cw_dim3){32, 1, 1}, 0, args40, 2);
  e = cw_context_last_error(ctx);
  CHECK(st == CW_ERROR_MEMCHECK && strstr(e, "y[60]") && strstr(e, "60 elements") && strstr(e, "thread (28,0,0)"),
        "offset: %s", e);
  void *oargs[] = {&o};
  st = cw_launch(kernel(m, "shared_oob"), (cw_dim3){1, 1, 1}, (cw_dim3){32, 1, 1}, 0, oargs, 1);
  e = cw_context_last_error(ctx);
  CHECK(st == CW_ERROR_MEMCHECK && strstr(e, "read") && strstr(e, "s[32]") && strstr(e, "thread (31,0,0)") &&
            strstr(e, "oob.cu:9:"),
        "shared: %s", e);
  int k = 1;
  void *largs[] = {&o, &k};
  st = cw_launch(kernel(m, "local_oob"), (cw_dim3){1, 1, 1}, (cw_dim3){4, 1, 1}, 0, largs, 2);
  e = cw_context_last_error(ctx);
  CHECK(st == CW_ERROR_MEMCHECK && strstr(e, "a[4]") && strstr(e, "thread (3,0,0)") && strstr(e, "oob.cu:14:"),
        "local: %s", e);
  /* a correct kernel passes and computes */
  OK(cw_launch(kernel(m, "fine"), (cw_dim3){4, 1, 1}, (cw_dim3){32, 1, 1}, 0, args, 2), ctx);
  float r[100];
  OK(cw_memcpy_dtoh(ctx, r, y, sizeof r), ctx);
  CHECK(r[0] == 2.0f && r[99] == 2.0f, "checked kernel result");
  cw_module_unload(m);
  cw_context_destroy(ctx);

  /* normal code carries no checks */
  cw_transpile_options to = {.target = CW_TARGET_C};
  cw_transpile_result *tr = cw_transpile(src, strlen(src), &to);
  CHECK(tr->status == CW_TRANSPILE_OK && tr->code && !strstr(tr->code, "cw_chk") && !strstr(tr->code, "cw_block_ctx_check"),
        "unchecked code");
  cw_transpile_result_free(tr);
}

static void test_auto(void) {
  /* AUTO with check: webgpu is skipped, cpu chosen */
  cw_context_options o = {.backend = CW_BACKEND_AUTO, .check = 1, .cache_dir = cache_dir};
  cw_context *ctx = NULL;
  CHECK(cw_context_create(&o, &ctx) == CW_OK && cw_context_backend(ctx) == CW_BACKEND_CPU, "auto: %s",
        cw_context_create_error());
  if (ctx) {
    CHECK(strstr(cw_context_report(ctx), "webgpu: ") && strstr(cw_context_report(ctx), "cpu: available"), "report: %s",
          cw_context_report(ctx));
    cw_context_destroy(ctx);
  }
}

int main(void) {
  snprintf(cache_dir, sizeof cache_dir, "/tmp/cw-rt-test-XXXXXX");
  if (!mkdtemp(cache_dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_null_handles();
  cw_context *ctx = make_ctx(0, NULL, 4);
  if (ctx) {
    printf("%s", cw_context_report(ctx));
    CHECK(cw_context_backend(ctx) == CW_BACKEND_CPU, "backend");
    CHECK(strstr(cw_context_report(ctx), "cpu: available (") && strstr(cw_context_report(ctx), "4 threads"), "report: %s",
          cw_context_report(ctx));
    cw_module *m = NULL;
    cw_module_options mo = {.filename = "rt_test.cu"};
    OK(cw_module_load(ctx, SRC, strlen(SRC), &mo, &m), ctx);
    if (m) {
      CHECK(!strcmp(cw_module_diagnostics(m), ""), "diagnostics: %s", cw_module_diagnostics(m));
      test_saxpy(ctx, m);
      test_reduce(ctx, m);
      test_atomics(ctx, m);
      test_dyn_shared(ctx, m);
      test_globals(ctx, m);
      test_launch_errors(ctx, m);
      /* the empty kernel, then unload and use of a stale handle is not tried (UAF) */
      OK(cw_launch(kernel(m, "empty"), (cw_dim3){3, 1, 1}, (cw_dim3){1, 1, 1}, 0, NULL, 0), ctx);
      OK(cw_synchronize(ctx), ctx);
    }
    test_memory(ctx);
    test_compile_errors(ctx);
    cw_module_unload(m);
    cw_context_destroy(ctx);
  }
  test_cc_failure();
  test_cache();
  test_check_mode();
  test_auto();
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache_dir);
  if (system(cmd) != 0) printf("(could not remove %s)\n", cache_dir);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
