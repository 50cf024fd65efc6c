/* A stand-in for libcuda.so.1 and NVRTC, for testing the cuda backend's
 * logic without a GPU (tests/rtc/test_gpu_fake.c). It implements the
 * driver and NVRTC entry points the backend resolves, with the documented
 * signatures, on host memory:
 *   - device memory is malloc'd; a CUdeviceptr is the host address;
 *   - "compiling" records the source, options and name expressions; the
 *     "cubin" is the list of lowered names ("lowered:" + expression); a
 *     source containing "#error" fails with a log; a source still holding
 *     host code ("cudaMalloc") fails too: host definitions must be blanked;
 *   - a launch runs a host version of the few kernels the test knows,
 *     reading the kernelParams array as cuLaunchKernel does;
 *   - kernel "boom" makes the next synchronisation return CUDA_ERROR_ASSERT.
 * FAKE_CUDA_NO_DEVICE=1 makes cuInit return CUDA_ERROR_NO_DEVICE.
 * Nothing here is NVIDIA's code; the numbers are the documented enum values. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t dptr;

/* ---- counters the test reads (dlsym) ---- */
int fake_live_allocs, fake_compiles;
char fake_last_options[4096];

/* ---- driver ---- */
int cuInit(unsigned flags) {
  const char *e = getenv("FAKE_CUDA_NO_DEVICE");
  return e && *e == '1' ? 100 : 0;
}
int cuDriverGetVersion(int *v) { *v = 13000; return 0; }
int cuDeviceGetCount(int *n) { *n = 1; return 0; }
int cuDeviceGet(int *d, int i) { *d = i; return i == 0 ? 0 : 101; }
int cuDeviceGetName(char *name, int len, int dev) { snprintf(name, (size_t)len, "Fake GPU"); return 0; }
int cuDeviceGetAttribute(int *v, int attr, int dev) {
  *v = attr == 75 ? 9 : attr == 76 ? 0 : attr == 16 ? 132 : 0;
  return 0;
}
int cuDeviceTotalMem_v2(size_t *b, int dev) { *b = (size_t)80 << 30; return 0; }
int cuGetErrorName(int r, const char **s) {
  switch (r) {
  case 0: *s = "CUDA_SUCCESS"; return 0;
  case 2: *s = "CUDA_ERROR_OUT_OF_MEMORY"; return 0;
  case 100: *s = "CUDA_ERROR_NO_DEVICE"; return 0;
  case 710: *s = "CUDA_ERROR_ASSERT"; return 0;
  }
  return 1;
}
static int ctx_token, ctx_refs, sticky, pending_fault;
int cuDevicePrimaryCtxRetain(void **c, int dev) { *c = &ctx_token; ctx_refs++; return 0; }
/* the last release destroys the primary context, and its sticky error with it */
int cuDevicePrimaryCtxRelease_v2(int dev) {
  if (--ctx_refs == 0) sticky = pending_fault = 0;
  return 0;
}
int cuCtxSetCurrent(void *c) { return c == &ctx_token ? 0 : 201; }

int cuMemAlloc_v2(dptr *p, size_t n) {
  if (sticky) return sticky;
  if (n > ((size_t)1 << 36)) return 2;
  void *m = calloc(1, n);
  if (!m) return 2;
  fake_live_allocs++;
  *p = (dptr)(uintptr_t)m;
  return 0;
}
int cuMemFree_v2(dptr p) { free((void *)(uintptr_t)p); fake_live_allocs--; return 0; }
static int stream_token;
#define CHECK_STREAM(s) if ((s) != &stream_token) return 400; if (sticky) return sticky
int cuMemcpyHtoDAsync_v2(dptr d, const void *s, size_t n, void *st) { CHECK_STREAM(st); memcpy((void *)(uintptr_t)d, s, n); return 0; }
int cuMemcpyDtoHAsync_v2(void *d, dptr s, size_t n, void *st) { CHECK_STREAM(st); memcpy(d, (void *)(uintptr_t)s, n); return 0; }
int cuMemcpyDtoDAsync_v2(dptr d, dptr s, size_t n, void *st) { CHECK_STREAM(st); memmove((void *)(uintptr_t)d, (void *)(uintptr_t)s, n); return 0; }
int cuMemsetD8Async(dptr d, unsigned char v, size_t n, void *st) { CHECK_STREAM(st); memset((void *)(uintptr_t)d, v, n); return 0; }
int cuStreamCreate(void **s, unsigned f) { *s = &stream_token; return 0; }
int fake_pinned_live;
int cuMemHostAlloc(void **p, size_t n, unsigned flags) { *p = malloc(n); fake_pinned_live++; return *p ? 0 : 2; }
int cuMemFreeHost(void *p) { free(p); fake_pinned_live--; return 0; }
/* events: each record takes the next tick of a clock running 1.5 ms per tick */
typedef struct fevent { int magic; int recorded; double t; } fevent;
int fake_live_events;
static double fake_clock;
int cuEventCreate(void **e, unsigned flags) {
  fevent *f = calloc(1, sizeof *f);
  f->magic = 0xe7;
  *e = f;
  fake_live_events++;
  return 0;
}
int cuEventRecord(void *e, void *st) {
  CHECK_STREAM(st);
  fevent *f = e;
  if (f->magic != 0xe7) return 400;
  f->recorded = 1;
  f->t = fake_clock += 1.5;
  return 0;
}
int cuEventSynchronize(void *e) { return ((fevent *)e)->magic == 0xe7 ? 0 : 400; }
int cuEventElapsedTime(float *ms, void *a, void *b) {
  fevent *x = a, *y = b;
  if (!x->recorded || !y->recorded) return 600; /* CUDA_ERROR_NOT_READY */
  *ms = (float)(y->t - x->t);
  return 0;
}
int cuEventDestroy_v2(void *e) {
  ((fevent *)e)->magic = 0;
  free(e);
  fake_live_events--;
  return 0;
}
int cuStreamSynchronize(void *s) {
  if (s != &stream_token) return 400;
  if (pending_fault) { sticky = pending_fault; pending_fault = 0; }
  return sticky;
}
int cuStreamDestroy_v2(void *s) { return 0; }

/* A module: the names from the "cubin", and one 16-byte buffer per global. */
typedef struct fmod { char names[16][128]; int n; float globals[16][4]; } fmod;
int cuModuleLoadData(void **m, const void *image) {
  const char *s = image;
  if (strncmp(s, "FAKECUBIN\n", 10) != 0) return 200; /* CUDA_ERROR_INVALID_IMAGE */
  fmod *f = calloc(1, sizeof *f);
  for (const char *p = s + 10; *p && f->n < 16;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    snprintf(f->names[f->n++], 128, "%.*s", (int)len, p);
    p = nl ? nl + 1 : p + len;
  }
  *m = f;
  return 0;
}
int cuModuleUnload(void *m) { free(m); return 0; }
static int find(fmod *f, const char *name) {
  for (int i = 0; i < f->n; i++) if (!strcmp(f->names[i], name)) return i;
  return -1;
}
typedef struct ffn { fmod *mod; char name[128]; } ffn;
static ffn fns[64];
static int nfns;
int cuModuleGetFunction(void **fn, void *m, const char *name) {
  if (find(m, name) < 0 || nfns == 64) return 500; /* CUDA_ERROR_NOT_FOUND */
  fns[nfns].mod = m;
  snprintf(fns[nfns].name, 128, "%s", name);
  *fn = &fns[nfns++];
  return 0;
}
int cuModuleGetGlobal_v2(dptr *p, size_t *bytes, void *m, const char *name) {
  fmod *f = m;
  int i = find(f, name);
  if (i < 0) return 500;
  *p = (dptr)(uintptr_t)f->globals[i];
  *bytes = sizeof f->globals[i];
  return 0;
}
int cuLaunchKernel(void *fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void *stream, void **params, void **extra) {
  CHECK_STREAM(stream);
  ffn *f = fn;
  unsigned threads = gx * gy * gz * bx * by * bz;
  if (!strcmp(f->name, "lowered:saxpy")) { /* (int n, float a, const float *x, float *y) */
    int n = *(int *)params[0];
    float a = *(float *)params[1];
    float *x = (float *)(uintptr_t)*(dptr *)params[2], *y = (float *)(uintptr_t)*(dptr *)params[3];
    for (unsigned i = 0; i < threads && (int)i < n; i++) y[i] = a * x[i] + y[i];
  } else if (!strcmp(f->name, "lowered:usecoef")) { /* (float *out), reads coef[4] */
    float *out = (float *)(uintptr_t)*(dptr *)params[0];
    int g = find(f->mod, "lowered:&coef");
    for (int i = 0; i < 4; i++) out[i] = f->mod->globals[g][i];
  } else if (!strcmp(f->name, "lowered:boom")) {
    pending_fault = 710;
  } else {
    return 98; /* CUDA_ERROR_INVALID_HANDLE */
  }
  return 0;
}

/* ---- NVRTC ---- */
typedef struct fprog { char *src; char names[16][128]; int n; char log[256]; } fprog;
int nvrtcVersion(int *maj, int *min) { *maj = 13; *min = 0; return 0; }
const char *nvrtcGetErrorString(int r) { return r == 6 ? "NVRTC_ERROR_COMPILATION" : r ? "NVRTC_ERROR_OTHER" : "NVRTC_SUCCESS"; }
int nvrtcGetNumSupportedArchs(int *n) { *n = 3; return 0; }
int nvrtcGetSupportedArchs(int *a) { a[0] = 75; a[1] = 80; a[2] = 90; return 0; }
int nvrtcCreateProgram(void **p, const char *src, const char *name, int nh, const char *const *h,
                       const char *const *hn) {
  fprog *f = calloc(1, sizeof *f);
  f->src = strdup(src);
  *p = f;
  return 0;
}
int nvrtcDestroyProgram(void **p) {
  fprog *f = *p;
  free(f->src);
  free(f);
  *p = NULL;
  return 0;
}
int nvrtcAddNameExpression(void *p, const char *e) {
  fprog *f = p;
  if (f->n == 16) return 1;
  snprintf(f->names[f->n++], 128, "%s", e);
  return 0;
}
int nvrtcCompileProgram(void *p, int n, const char *const *opts) {
  fprog *f = p;
  fake_compiles++;
  fake_last_options[0] = 0;
  for (int i = 0; i < n; i++)
    snprintf(fake_last_options + strlen(fake_last_options), sizeof fake_last_options - strlen(fake_last_options),
             "%s ", opts[i]);
  if (strstr(f->src, "#error")) { snprintf(f->log, sizeof f->log, "fake.cu(3): error: fake says no\n"); return 6; }
  if (strstr(f->src, "cudaMalloc")) { snprintf(f->log, sizeof f->log, "host code reached the compiler\n"); return 6; }
  return 0;
}
int nvrtcGetProgramLogSize(void *p, size_t *n) { *n = strlen(((fprog *)p)->log) + 1; return 0; }
int nvrtcGetProgramLog(void *p, char *log) { strcpy(log, ((fprog *)p)->log); return 0; }
static size_t image(fprog *f, char *out) {
  size_t n = 10;
  if (out) memcpy(out, "FAKECUBIN\n", 10);
  for (int i = 0; i < f->n; i++) {
    char line[160];
    int l = snprintf(line, sizeof line, "lowered:%s\n", f->names[i]);
    if (out) memcpy(out + n, line, (size_t)l);
    n += (size_t)l;
  }
  if (out) out[n] = 0;
  return n + 1;
}
int nvrtcGetCUBINSize(void *p, size_t *n) { *n = image(p, NULL); return 0; }
int nvrtcGetCUBIN(void *p, char *c) { image(p, c); return 0; }
int nvrtcGetPTXSize(void *p, size_t *n) { return nvrtcGetCUBINSize(p, n); }
int nvrtcGetPTX(void *p, char *c) { return nvrtcGetCUBIN(p, c); }
int nvrtcGetLoweredName(void *p, const char *e, const char **low) {
  fprog *f = p;
  static char buf[16][160];
  for (int i = 0; i < f->n; i++)
    if (!strcmp(f->names[i], e)) {
      snprintf(buf[i], sizeof buf[i], "lowered:%s", e);
      *low = buf[i];
      return 0;
    }
  return 7;
}
