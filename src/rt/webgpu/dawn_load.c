/* Loading Dawn's webgpu.h entry points with dlopen/dlsym into cw_dawn.
 *
 * Dawn is not linked: machines without it (or without any Vulkan driver)
 * still build and run everything else, and users can point at their own
 * build with $CUDAWASM_WEBGPU_LIB. */
#include "rt/webgpu/dawn_api.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

cw_dawn_table cw_dawn;

/* Layouts measured against the shipped binary (LP64): a mismatch here means
 * a declaration in dawn_api.h drifted from Dawn's ABI. */
#if defined(__LP64__)
_Static_assert(sizeof(WGPULimits) == 152, "WGPULimits layout");
_Static_assert(sizeof(WGPUAdapterInfo) == 96, "WGPUAdapterInfo layout");
_Static_assert(sizeof(WGPUInstanceDescriptor) == 32, "WGPUInstanceDescriptor layout");
_Static_assert(sizeof(WGPUCompilationMessage) == 64, "WGPUCompilationMessage layout");
_Static_assert(sizeof(WGPUBindGroupEntry) == 56, "WGPUBindGroupEntry layout");
_Static_assert(sizeof(WGPUDeviceDescriptor) == 144, "WGPUDeviceDescriptor layout");
#endif

static int load_result = 1; /* 1: not tried yet; 0: ok; -1: failed */
static char load_error[4096];

static int file_exists(const char *p) { return p && p[0] && access(p, R_OK) == 0; }

/* <dir of the running executable>/../lib/cudawasm/libwebgpu_wrapper.so, the
 * place `cmake --install` puts the library next to bin/cuda-wasm. */
static int installed_path(char *buf, size_t n) {
  char exe[900];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) return 0;
  exe[len] = 0;
  char *slash = strrchr(exe, '/');
  if (!slash) return 0;
  *slash = 0;
  int w = snprintf(buf, n, "%s/../lib/cudawasm/libwebgpu_wrapper.so", exe);
  return w > 0 && (size_t)w < n;
}

/* Opens one candidate and resolves every entry point. */
static int load_from(const char *path) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(load_error, sizeof load_error, "cannot load WebGPU library %s: %s", path,
             e ? e : "unknown dlopen error");
    return -1;
  }
  cw_dawn_table t;
  memset(&t, 0, sizeof t);
  /* dlsym returns void*; converting through memcpy keeps ISO C quiet. */
#define CW_DAWN_RESOLVE(ret, name, params)                                                \
  {                                                                                       \
    void *sym = dlsym(h, #name);                                                          \
    if (!sym) {                                                                           \
      snprintf(load_error, sizeof load_error,                                             \
               "WebGPU library %s lacks %s: it is not a Dawn build with the 2025 "        \
               "webgpu.h API (use bun-webgpu-linux-x64@0.1.7, see scripts/install-deps.sh)", \
               path, #name);                                                              \
      dlclose(h);                                                                         \
      return -1;                                                                          \
    }                                                                                     \
    memcpy(&t.name, &sym, sizeof sym);                                                    \
  }
  CW_DAWN_FUNCS(CW_DAWN_RESOLVE)
#undef CW_DAWN_RESOLVE
  t.handle = h;
  t.loaded = 1;
  snprintf(t.path, sizeof t.path, "%s", path);
  cw_dawn = t;
  return 0;
}

int cw_dawn_load(const char *path_or_null, char *err, size_t errlen) {
  /* A loaded library stays (its objects may be alive); a failed attempt is
   * forgotten, so a later call with another path or environment can succeed. */
  if (load_result == 0 && path_or_null && path_or_null[0] && strcmp(path_or_null, cw_dawn.path) != 0) {
    if (err && errlen)
      snprintf(err, errlen, "WebGPU library %s is already loaded in this process; cannot switch to %s",
               cw_dawn.path, path_or_null);
    return -1;
  }
  if (load_result == -1) load_result = 1;
  if (load_result == 1) {
    const char *env = getenv("CUDAWASM_WEBGPU_LIB");
    if (path_or_null && path_or_null[0]) {
      load_result = file_exists(path_or_null) ? load_from(path_or_null) : -1;
      if (load_result && !file_exists(path_or_null))
        snprintf(load_error, sizeof load_error, "WebGPU library not found at %s", path_or_null);
    } else if (env && env[0]) {
      /* An explicit choice is never silently replaced by another library. */
      load_result = file_exists(env) ? load_from(env) : -1;
      if (load_result && !file_exists(env))
        snprintf(load_error, sizeof load_error,
                 "WebGPU library not found at %s (from CUDAWASM_WEBGPU_LIB)", env);
    } else {
      char inst[1024] = "";
      const char *build_default =
#ifdef CW_DAWN_DEFAULT_PATH
          CW_DAWN_DEFAULT_PATH;
#else
          NULL;
#endif
      int have_inst = installed_path(inst, sizeof inst);
      if (file_exists(build_default))
        load_result = load_from(build_default);
      else if (have_inst && file_exists(inst))
        load_result = load_from(inst);
      else {
        load_result = -1;
        snprintf(load_error, sizeof load_error,
                 "WebGPU library not found at %s%s%s: run scripts/install-deps.sh or set "
                 "CUDAWASM_WEBGPU_LIB to a Dawn libwebgpu_wrapper.so / libwebgpu_dawn.so",
                 build_default ? build_default : "", build_default && have_inst ? " or " : "",
                 have_inst ? inst : "");
      }
    }
  }
  if (load_result != 0 && err && errlen) snprintf(err, errlen, "%s", load_error);
  return load_result == 0 ? 0 : -1;
}
