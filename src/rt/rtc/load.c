/* Finding and loading the driver and compiler libraries of a GPU dialect
 * (cuda, hip) with dlopen, and resolving the cw_gpu_api table.
 *
 * An explicit path (context option, else the dialect's environment
 * variable) is the only candidate, so a user's choice is never silently
 * replaced. Otherwise each known name is tried with the system's search
 * (LD_LIBRARY_PATH, ld.so.cache), then in $HOME_ENV/lib64, $HOME_ENV/lib,
 * the default toolkit directory and the dialect's extra directories: NVRTC
 * often lives only in /usr/local/cuda/lib64, and containers put the NVIDIA
 * driver in /usr/local/nvidia/lib64, both outside the loader's path. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/rtc/gpu.h"

static void *try_open(const char *path, char *errbuf, size_t errlen) {
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h && errbuf && errlen) {
    const char *e = dlerror();
    snprintf(errbuf, errlen, "%s", e ? e : "unknown dlopen error");
  }
  return h;
}

/* The directory of the file `lib` resolved to, through a symbol in it. */
static void lib_dir(void *h, const char *sym, char *out, size_t n) {
  out[0] = 0;
  void *addr = dlsym(h, sym);
  Dl_info info;
  if (!addr || !dladdr(addr, &info) || !info.dli_fname) return;
  char *real = realpath(info.dli_fname, NULL);
  snprintf(out, n, "%s", real ? real : info.dli_fname);
  free(real);
  char *slash = strrchr(out, '/');
  if (slash) *slash = 0;
  else out[0] = 0;
}

static void *open_lib(const cw_gpu_dialect *d, const cw_gpu_lib *lib, const char *explicit_path, char *path,
                      size_t pathlen, char *why, size_t whylen) {
  const char *env = lib->env ? getenv(lib->env) : NULL;
  const char *chosen = explicit_path && *explicit_path ? explicit_path : env && *env ? env : NULL;
  char err[512] = "";
  if (chosen) {
    const char *from = explicit_path && *explicit_path ? "" : lib->env;
    if (access(chosen, R_OK) != 0) {
      snprintf(why, whylen, "%s not found at %s%s%s%s", lib->what, chosen, *from ? " (from " : "", from,
               *from ? ")" : "");
      return NULL;
    }
    void *h = try_open(chosen, err, sizeof err);
    /* the file exists but does not load: say why (wrong architecture, missing dependency) */
    if (!h) snprintf(why, whylen, "cannot load %s from %s: %s", lib->what, chosen, err);
    else snprintf(path, pathlen, "%s", chosen);
    return h;
  }
  const char *home = d->home_env ? getenv(d->home_env) : NULL;
  const char *dirs[16] = {NULL};
  char buf[4][600];
  int nd = 0;
  if (home && *home) {
    snprintf(buf[0], sizeof buf[0], "%s/lib64", home);
    snprintf(buf[1], sizeof buf[1], "%s/lib", home);
    dirs[nd++] = buf[0];
    dirs[nd++] = buf[1];
  }
  snprintf(buf[2], sizeof buf[2], "%s/lib64", d->default_home);
  snprintf(buf[3], sizeof buf[3], "%s/lib", d->default_home);
  dirs[nd++] = buf[2];
  dirs[nd++] = buf[3];
  for (const char *const *x = lib->extra_dirs; x && *x && nd < 16; x++) dirs[nd++] = *x;
  char first_err[512] = "";
  for (const char *const *n = lib->names; *n; n++) {
    void *h = try_open(*n, err, sizeof err);
    if (h) {
      snprintf(path, pathlen, "%s", *n);
      return h;
    }
    /* a file that exists but fails to load is worth reporting, "not found" is not */
    if (!first_err[0] && !strstr(err, "No such file")) snprintf(first_err, sizeof first_err, "%s", err);
    for (int i = 0; i < nd; i++) {
      char p[1200];
      snprintf(p, sizeof p, "%s/%s", dirs[i], *n);
      if (access(p, R_OK) != 0) continue;
      if ((h = try_open(p, err, sizeof err))) {
        if (snprintf(path, pathlen, "%s", p) >= (int)pathlen) path[0] = 0; /* only for messages */
        return h;
      }
      if (!first_err[0]) snprintf(first_err, sizeof first_err, "%s", err);
    }
  }
  if (first_err[0]) snprintf(why, whylen, "cannot load %s: %s", lib->what, first_err);
  else
    snprintf(why, whylen, "%s not found%s", lib->what, lib->missing ? lib->missing : "");
  return NULL;
}

bool cw_gpu_load(const cw_gpu_dialect *d, bool need_driver, const char *driver_path, const char *rtc_path,
                 cw_gpu_api *api, cw_gpu_libs *libs, char *why, size_t whylen) {
  memset(api, 0, sizeof *api);
  memset(libs, 0, sizeof *libs);
  if (need_driver &&
      !(libs->driver = open_lib(d, &d->driver, driver_path, libs->driver_path, sizeof libs->driver_path, why,
                                whylen)))
    return false;
  /* hiprtc may live in the driver library (HIP 5.2): then the driver itself */
  libs->rtc = open_lib(d, &d->rtc, rtc_path, libs->rtc_path, sizeof libs->rtc_path, why, whylen);
  if (!libs->rtc) {
    cw_gpu_unload(libs);
    return false;
  }
  for (const cw_gpu_sym *s = d->syms; s->name; s++) {
    if (!s->rtc && !need_driver) continue;
    void *h = s->rtc ? libs->rtc : libs->driver;
    void *sym = dlsym(h, s->name);
    if (!sym && !s->optional) {
      snprintf(why, whylen, "%s lacks %s (too old?)", s->rtc ? libs->rtc_path : libs->driver_path, s->name);
      cw_gpu_unload(libs);
      return false;
    }
    /* object pointer -> function pointer slot: POSIX makes dlsym results convertible */
    memcpy((char *)api + s->offset, &sym, sizeof sym);
  }
  return true;
}

void cw_gpu_unload(cw_gpu_libs *libs) {
  /* The libraries stay loaded: libcuda and libamdhip64 keep threads and
   * atexit handlers that must not outlive their code. dlclose would unmap it. */
  libs->driver = libs->rtc = NULL;
}

void cw_gpu_include_dir(const cw_gpu_dialect *d, const cw_gpu_libs *libs, char *out, size_t n) {
  const char *home = d->home_env ? getenv(d->home_env) : NULL;
  char cand[3][1200];
  int nc = 0;
  if (home && *home) snprintf(cand[nc++], sizeof cand[0], "%s/include", home);
  if (libs->rtc && d->syms) {
    char dir[1024];
    const char *probe = NULL;
    for (const cw_gpu_sym *s = d->syms; s->name; s++)
      if (s->rtc) { probe = s->name; break; }
    if (probe) {
      lib_dir(libs->rtc, probe, dir, sizeof dir);
      if (dir[0]) snprintf(cand[nc++], sizeof cand[0], "%s/../include", dir);
    }
  }
  snprintf(cand[nc++], sizeof cand[0], "%s/include", d->default_home);
  out[0] = 0;
  for (int i = 0; i < nc; i++) {
    char probe[1300];
    if (snprintf(probe, sizeof probe, "%s/%s", cand[i], d->include_probe) >= (int)sizeof probe) continue;
    if (access(probe, R_OK) == 0) {
      char *real = realpath(cand[i], NULL);
      snprintf(out, n, "%s", real ? real : cand[i]);
      free(real);
      return;
    }
  }
}
