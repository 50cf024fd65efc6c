/* The cuda backend's logic against a fake libcuda + NVRTC
 * (tests/rtc/fake_cuda.c, path in CW_FAKE_CUDA_LIB): library loading by
 * option, device description, memory round trips with offsets, the module
 * compile (host code blanked, options, name expressions, cache), kernel
 * parameter marshalling, module globals, NVRTC's log on a compile error,
 * a device assert (CW_ERROR_ASSERT, then CW_ERROR_DEVICE_LOST), "no
 * device" and "no library" reasons, and that every device allocation is
 * freed. What it cannot show: that the real driver behaves as documented
 * (that needs the H100 run, bench/cuda_run.sh). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cudawasm.h"

static int fails;
#define EXPECT(c)                                                          \
  do {                                                                     \
    if (!(c)) {                                                            \
      fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #c);         \
      fails++;                                                             \
    }                                                                      \
  } while (0)
#define OK(call)                                                                                \
  do {                                                                                          \
    cw_status st_ = (call);                                                                     \
    if (st_ != CW_OK) {                                                                         \
      fprintf(stderr, "%s:%d: FAIL %s: %s %s\n", __FILE__, __LINE__, #call, cw_status_name(st_), \
              cw_context_last_error(ctx));                                                      \
      fails++;                                                                                  \
    }                                                                                           \
  } while (0)

static const char *saxpy_src =
    "#include <cuda_runtime.h>\n"
    "#include <stdio.h>\n"
    "__constant__ float coef[4];\n"
    "__global__ void saxpy(int n, float a, const float *x, float *y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = a * x[i] + y[i];\n"
    "}\n"
    "__global__ void usecoef(float *out) { out[threadIdx.x] = coef[threadIdx.x]; }\n"
    "__global__ void boom(float *out) { out[0] = 1.0f; }\n"
    "int main(void) {\n"
    "  float *d;\n"
    "  cudaMalloc((void **)&d, 64);\n"
    "  saxpy<<<1, 32>>>(4, 2.0f, d, d);\n"
    "  return 0;\n"
    "}\n";

int main(void) {
  void *fake = dlopen(CW_FAKE_CUDA_LIB, RTLD_NOW);
  if (!fake) {
    fprintf(stderr, "cannot load the fake library: %s\n", dlerror());
    return 1;
  }
  int *live = dlsym(fake, "fake_live_allocs"), *compiles = dlsym(fake, "fake_compiles");
  const char *opts_seen = dlsym(fake, "fake_last_options");
  char cache[] = "/tmp/cw-gpu-fake-XXXXXX";
  if (!mkdtemp(cache)) return 1;

  /* no library */
  cw_context *ctx = NULL;
  cw_context_options o = {.backend = CW_BACKEND_CUDA, .cuda_lib = "/nonexistent/libcuda.so.1"};
  EXPECT(cw_context_create(&o, &ctx) == CW_ERROR_UNAVAILABLE);
  EXPECT(strstr(cw_context_create_error(), "cuda: unavailable: libcuda.so.1 not found at /nonexistent/libcuda.so.1"));
  /* no device */
  o = (cw_context_options){.backend = CW_BACKEND_CUDA, .cuda_lib = CW_FAKE_CUDA_LIB, .nvrtc_lib = CW_FAKE_CUDA_LIB,
                           .cache_dir = cache};
  setenv("FAKE_CUDA_NO_DEVICE", "1", 1);
  EXPECT(cw_context_create(&o, &ctx) == CW_ERROR_UNAVAILABLE);
  EXPECT(strstr(cw_context_create_error(), "cuda: unavailable: no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)"));
  unsetenv("FAKE_CUDA_NO_DEVICE");
  o.check = 1;
  EXPECT(cw_context_create(&o, &ctx) == CW_ERROR_UNAVAILABLE);
  EXPECT(strstr(cw_context_create_error(), "cuda: unavailable: --check needs the cpu backend"));
  o.check = 0;
  o.device = 3;
  EXPECT(cw_context_create(&o, &ctx) == CW_ERROR_UNAVAILABLE);
  EXPECT(strstr(cw_context_create_error(), "device 3 requested, but there is 1 (0..0)"));
  o.device = 0;

  if (cw_context_create(&o, &ctx) != CW_OK) {
    fprintf(stderr, "FAIL: %s\n", cw_context_create_error());
    return 1;
  }
  const char *rep = cw_context_report(ctx);
  printf("%s", rep);
  EXPECT(cw_context_backend(ctx) == CW_BACKEND_CUDA);
  EXPECT(strstr(rep, "cuda: available (Fake GPU, compute capability 9.0, 132 SMs, 80.0 GiB, driver 13.0, NVRTC 13.0, code for sm_90)"));

  /* memory: offsets, memset, device-to-device */
  cw_deviceptr a = 0, b = 0;
  OK(cw_malloc(ctx, &a, 64));
  OK(cw_malloc(ctx, &b, 64));
  unsigned char h[64], r[64];
  for (int i = 0; i < 64; i++) h[i] = (unsigned char)i;
  OK(cw_memset_d8(ctx, a, 0x5a, 64));
  OK(cw_memcpy_htod(ctx, a + 8, h, 16));
  OK(cw_memcpy_dtod(ctx, b, a, 64));
  OK(cw_memcpy_dtoh(ctx, r, b, 64));
  EXPECT(r[0] == 0x5a && r[7] == 0x5a && r[8] == 0 && r[23] == 15 && r[24] == 0x5a);

  /* module: the host main() (cudaMalloc, <<<>>>) must not reach NVRTC */
  cw_module *mod = NULL;
  cw_module_options mo = {.filename = "dir/saxpy.cu", .defines = (const char *[]){"FOO=1"}, .ndefines = 1};
  OK(cw_module_load(ctx, saxpy_src, strlen(saxpy_src), &mo, &mod));
  EXPECT(*compiles == 1);
  EXPECT(strstr(opts_seen, "--gpu-architecture=sm_90 -default-device --std=c++17 -DFOO=1 -Idir "));
  cw_kernel *k = NULL;
  OK(cw_module_get_kernel(mod, "saxpy", &k));
  enum { N = 8 };
  float x[N], y[N], out[N];
  for (int i = 0; i < N; i++) { x[i] = (float)i; y[i] = 1.0f; }
  cw_deviceptr dx = 0, dy = 0;
  OK(cw_malloc(ctx, &dx, sizeof x + 16));
  OK(cw_malloc(ctx, &dy, sizeof y));
  OK(cw_memcpy_htod(ctx, dx + 16, x, sizeof x)); /* a pointer argument with an offset */
  OK(cw_memcpy_htod(ctx, dy, y, sizeof y));
  int n = N;
  float alpha = 3.0f;
  cw_deviceptr px = dx + 16;
  void *args[] = {&n, &alpha, &px, &dy};
  OK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){32, 1, 1}, 0, args, 4));
  OK(cw_synchronize(ctx));
  OK(cw_memcpy_dtoh(ctx, out, dy, sizeof out));
  for (int i = 0; i < N; i++) EXPECT(out[i] == 3.0f * (float)i + 1.0f);

  /* device-timed events: no synchronisation, the driver's clock */
  int *live_events = dlsym(fake, "fake_live_events");
  cw_event *e0 = NULL, *e1 = NULL, *e2 = NULL;
  OK(cw_event_create(ctx, &e0));
  OK(cw_event_create(ctx, &e1));
  OK(cw_event_create(ctx, &e2));
  EXPECT(*live_events == 3);
  OK(cw_event_record(e0));
  OK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){32, 1, 1}, 0, args, 4));
  OK(cw_event_record(e1));
  float ms = -1;
  OK(cw_event_elapsed_ms(e0, e1, &ms));
  EXPECT(ms == 1.5f);
  EXPECT(cw_event_elapsed_ms(e0, e2, &ms) == CW_ERROR_INVALID_VALUE); /* e2 never recorded */
  cw_event_destroy(e0);
  EXPECT(*live_events == 2);
  OK(cw_memcpy_htod(ctx, dy, y, sizeof y)); /* undo the extra saxpy */

  /* the module's own global */
  float c[4] = {1.5f, 2.5f, 3.5f, 4.5f}, got[4] = {0};
  OK(cw_module_write_global(mod, "coef", 0, c, sizeof c));
  OK(cw_module_read_global(mod, "coef", 0, got, sizeof got));
  EXPECT(!memcmp(c, got, sizeof c));
  OK(cw_module_get_kernel(mod, "usecoef", &k));
  void *args1[] = {&dy};
  OK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){4, 1, 1}, 0, args1, 1));
  OK(cw_memcpy_dtoh(ctx, out, dy, 16));
  EXPECT(!memcmp(out, c, 16));
  cw_module_unload(mod);

  /* the same module again: from the cache, no compile */
  OK(cw_module_load(ctx, saxpy_src, strlen(saxpy_src), &mo, &mod));
  EXPECT(*compiles == 1);
  cw_module_unload(mod);

  /* NVRTC's log in the diagnostics */
  const char *bad = "__global__ void k(float *p) { p[0] = 1.0f; }\n#ifdef __CUDACC_RTC__\n#error no\n#endif\n";
  EXPECT(cw_module_load(ctx, bad, strlen(bad), &mo, &mod) == CW_ERROR_COMPILE);
  EXPECT(strstr(cw_context_last_error(ctx), "NVRTC rejected the source (NVRTC_ERROR_COMPILATION)"));
  EXPECT(mod && strstr(cw_module_diagnostics(mod), "fake.cu(3): error: fake says no"));
  cw_module_unload(mod);

  /* a device assert: reported once, then the context is lost */
  OK(cw_module_load(ctx, saxpy_src, strlen(saxpy_src), &mo, &mod));
  OK(cw_module_get_kernel(mod, "boom", &k));
  OK(cw_launch(k, (cw_dim3){1, 1, 1}, (cw_dim3){1, 1, 1}, 0, args1, 1));
  cw_status st = cw_synchronize(ctx);
  EXPECT(st == CW_ERROR_ASSERT);
  EXPECT(strstr(cw_context_last_error(ctx), "CUDA_ERROR_ASSERT"));
  printf("assert: %s\n", cw_context_last_error(ctx));
  st = cw_memcpy_dtoh(ctx, out, dy, 4);
  EXPECT(st == CW_ERROR_DEVICE_LOST);
  printf("after: %s\n", cw_context_last_error(ctx));
  cw_module_unload(mod);
  cw_context_destroy(ctx);
  EXPECT(*live == 0); /* every device allocation freed (globals are the module's) */
  EXPECT(*live_events == 0); /* the context released e1 and e2's device events */
  cw_event_destroy(e1); /* events may outlive their context */
  cw_event_destroy(e2);

  /* large copies through pinned staging ($CW_GPU_STAGING): 20 MiB = 3 chunks */
  int *pinned = dlsym(fake, "fake_pinned_live");
  setenv("CW_GPU_STAGING", "1", 1);
  if (cw_context_create(&o, &ctx) != CW_OK) {
    fprintf(stderr, "FAIL: %s\n", cw_context_create_error());
    return 1;
  }
  unsetenv("CW_GPU_STAGING");
  EXPECT(strstr(cw_context_report(ctx), "pinned staging from 1048576 bytes"));
  size_t big = (size_t)20 << 20;
  unsigned char *hb = malloc(big), *rb = malloc(big);
  for (size_t i = 0; i < big; i++) hb[i] = (unsigned char)(i * 7 + (i >> 13));
  OK(cw_malloc(ctx, &a, big + 3));
  OK(cw_memcpy_htod(ctx, a + 3, hb, big));
  memset(rb, 0, big);
  OK(cw_memcpy_dtoh(ctx, rb, a + 3, big));
  EXPECT(!memcmp(hb, rb, big));
  memset(rb, 0, big);
  OK(cw_memcpy_dtoh(ctx, rb, a + 3, ((size_t)8 << 20) + 1)); /* one byte past a chunk */
  EXPECT(!memcmp(hb, rb, ((size_t)8 << 20) + 1));
  EXPECT(*pinned == 2);
  free(hb);
  free(rb);
  cw_context_destroy(ctx);
  EXPECT(*pinned == 0 && *live == 0);

  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
  if (system(cmd) != 0) fprintf(stderr, "note: could not remove %s\n", cache);
  printf("%s\n", fails ? "FAILED" : "ok");
  return fails ? 1 : 0;
}
