/* The cw_backend_ops of the runtime-compiled GPU backends (cuda, hip), one
 * implementation over the cw_gpu_api table (rtc/gpu.h).
 *
 * open         loads the driver and compiler libraries, initialises the
 *              driver, takes device opts->device, binds it (cuda: the
 *              device's primary context; hip: hipSetDevice), creates one
 *              stream and picks the compile target from the device.
 * memory       device allocations; every transfer and memset is enqueued on
 *              the stream, reads wait for it. Host-to-device copies from
 *              the caller's (pageable) memory return once the driver has
 *              staged the bytes (CUDA's documented semantics), so the caller
 *              may reuse its buffer; hip waits for the copy to be safe.
 *              $CW_GPU_STAGING routes large copies through pinned memory
 *              (rtc/staging.c).
 * module_load  compiles the ORIGINAL source (rtc/compile.c, cached), loads
 *              the image and looks every kernel up by its lowered name.
 * globals      the module's own __constant__/__device__ variables
 *              (module_get_global): their initialisers are already there.
 * launch       the kernel's real parameter list: a pointer parameter gets
 *              the allocation's device address plus the offset, scalars and
 *              structs their host bytes (same layout on the device).
 * events       device events recorded on the stream (cw_event_*: GPU time,
 *              no host synchronisation).
 * errors       a kernel fault (assert, __trap, illegal address) is sticky in
 *              both drivers: it is reported once with its name and later
 *              calls fail with CW_ERROR_DEVICE_LOST.
 * The context is bound again at the start of every call: a cw_context may
 * move between threads, and the driver's current context is per thread. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt/cache.h"
#include "rt/rtc/gpu.h"

typedef struct gpu {
  const cw_gpu_dialect *d;
  cw_gpu_api api;
  cw_gpu_libs libs;
  int dev;
  void *ctx, *stream;
  bool ctx_retained;
  int cc_major, cc_minor, sm_count;
  char arch[32];
  bool ptx;
  char include_dir[1024];
  char *cache_dir;
  char desc[640];
  int sticky;                       /* a sticky fault seen (its code), 0 none */
  size_t staging_min;               /* copies of at least this many bytes are staged; 0: never */
  cw_gpu_staging stg;
} gpu;

typedef struct gpu_buf {
  cw_gpu_ptr ptr;
  bool borrowed;                    /* a module's global: not ours to free */
} gpu_buf;

typedef struct gpu_mod {
  void *mod;
  void **fns;                       /* per kernel */
  cw_gpu_ptr *globals;              /* per global */
  size_t *global_sizes;
  int nkernels, nglobals;
} gpu_mod;

static void errf(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void errf(char *err, size_t len, const char *fmt, ...) {
  if (!err || !len) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, len, fmt, ap);
  va_end(ap);
}

/* The driver's name for a result; "error N" when it has none. */
#define err_name(g, r) err_name_buf(g, r, (char[40]){0})
static const char *err_name_buf(const gpu *g, int r, char *buf) {
  const char *s = NULL;
  if (g->api.error_name && g->api.error_name(r, &s) != 0) s = NULL;
  if (!s && g->api.error_name_ret) s = g->api.error_name_ret(r);
  for (const cw_gpu_errname *k = g->d->known_errors; (!s || !strcmp(s, "unknown error")) && k && k->name; k++)
    if (k->code == r) s = k->name;
  if (s && strcmp(s, "unknown error")) return s;
  snprintf(buf, 40, "error %d", r);
  return buf;
}

/* Kernel faults that leave the context unusable (CUDA and HIP share these codes). */
static bool is_sticky(int r) { return r == 700 || r == 702 || r == 710 || (r >= 714 && r <= 719); }

/* Maps a driver result to a status and message "what: NAME". */
static cw_status fail(gpu *g, int r, cw_status dflt, const char *what, char *err, size_t errlen) {
  const char *name = err_name(g, r);
  if (r == g->d->err_assert || r == g->d->err_illegal_instruction) {
    g->sticky = r;
    errf(err, errlen,
         "a device assert() failed or __trap() ran (%s: %s); the %s driver printed the failed assertion, and "
         "the context is unusable from now on",
         what, name, g->d->name);
    return CW_ERROR_ASSERT;
  }
  if (is_sticky(r)) {
    g->sticky = r;
    errf(err, errlen, "a kernel faulted (%s: %s); the context is unusable from now on", what, name);
    return CW_ERROR_LAUNCH;
  }
  errf(err, errlen, "%s: %s", what, name);
  return r == g->d->err_out_of_memory ? CW_ERROR_OUT_OF_MEMORY : dflt;
}

static int bind(gpu *g) {
  return g->api.ctx_set_current ? g->api.ctx_set_current(g->ctx) : g->api.set_device ? g->api.set_device(g->dev) : 0;
}

/* Every call: refuse after a sticky fault, bind the device to this thread. */
static cw_status enter(gpu *g, char *err, size_t errlen) {
  if (g->sticky) {
    errf(err, errlen, "the %s context is unusable after %s (kernel faults are sticky); create a new context",
         g->d->name, err_name(g, g->sticky));
    return CW_ERROR_DEVICE_LOST;
  }
  int r = bind(g);
  if (r != 0) return fail(g, r, CW_ERROR_INTERNAL, "binding the device", err, errlen);
  return CW_OK;
}

void cw_gpu_close(void *impl) {
  gpu *g = impl;
  if (!g) return;
  if (g->stream && bind(g) == 0) {
    cw_gpu_staging_free(&g->api, &g->stg);
    g->api.stream_destroy(g->stream);
  }
  if (g->ctx_retained && g->api.ctx_release) g->api.ctx_release(g->dev);
  cw_gpu_unload(&g->libs);
  free(g->cache_dir);
  free(g);
}

cw_status cw_gpu_open(const cw_gpu_dialect *d, const cw_context_options *opts, void **impl, char *why,
                      size_t whylen) {
  if (opts->check) { /* bounds checks are the cpu backend's generated C code */
    errf(why, whylen, "--check needs the cpu backend");
    return CW_ERROR_UNAVAILABLE;
  }
  gpu *g = calloc(1, sizeof *g);
  if (!g) return CW_ERROR_OUT_OF_MEMORY;
  g->d = d;
  bool cuda = !strcmp(d->name, "cuda");
  const char *lib = cuda ? opts->cuda_lib : opts->hip_lib, *rtc = cuda ? opts->nvrtc_lib : opts->hiprtc_lib;
  if (!cw_gpu_load(d, true, lib, rtc, &g->api, &g->libs, why, whylen)) {
    free(g);
    return CW_ERROR_UNAVAILABLE;
  }
  const char *init_name = cuda ? "cuInit" : "hipInit";
  int r = g->api.init(0), n = 0;
  if (r == d->err_no_device || r == d->err_no_device_alt) {
    errf(why, whylen, "no %s device (%s: %s)", cuda ? "CUDA" : "HIP", init_name, err_name(g, r));
    goto unavailable;
  }
  if (r != 0) {
    errf(why, whylen, "%s failed: %s", init_name, err_name(g, r));
    goto unavailable;
  }
  if ((r = g->api.device_count(&n)) != 0 || n == 0) {
    errf(why, whylen, "no %s device (device count: %s)", cuda ? "CUDA" : "HIP", r ? err_name(g, r) : "0");
    goto unavailable;
  }
  if (opts->device < 0 || opts->device >= n) {
    errf(why, whylen, "device %d requested, but there %s %d (0..%d)", opts->device, n == 1 ? "is" : "are", n,
         n - 1);
    goto unavailable;
  }
  if ((r = g->api.device_get(&g->dev, opts->device)) != 0) {
    errf(why, whylen, "cannot get device %d: %s", opts->device, err_name(g, r));
    goto unavailable;
  }
  char name[256] = "?";
  if (g->api.device_name(name, (int)sizeof name, g->dev) != 0) snprintf(name, sizeof name, "?");
  if (d->attr_cc_major >= 0) {
    g->api.device_attr(&g->cc_major, d->attr_cc_major, g->dev);
    g->api.device_attr(&g->cc_minor, d->attr_cc_minor, g->dev);
    g->api.device_attr(&g->sm_count, d->attr_sm_count, g->dev);
  }
  size_t mem = 0;
  if (g->api.total_mem) g->api.total_mem(&mem, g->dev);
  if (g->api.ctx_retain) {
    if ((r = g->api.ctx_retain(&g->ctx, g->dev)) != 0) {
      errf(why, whylen, "cannot create a context on %s: %s", name, err_name(g, r));
      goto unavailable;
    }
    g->ctx_retained = true;
  }
  char err[256];
  if (enter(g, err, sizeof err) != CW_OK || (r = g->api.stream_create(&g->stream, 0)) != 0) {
    errf(why, whylen, "cannot create a stream on %s: %s", name, r ? err_name(g, r) : err);
    goto unavailable;
  }
  d->pick_arch(&g->api, g->cc_major, g->cc_minor, NULL, g->arch, sizeof g->arch, &g->ptx);
  cw_gpu_include_dir(d, &g->libs, g->include_dir, sizeof g->include_dir);
  g->cache_dir = opts->cache_dir && *opts->cache_dir ? strdup(opts->cache_dir) : cw_rt_default_cache_dir();
  /* $CW_GPU_STAGING: unset or 0 off, 1 for copies of 1 MiB and more, N for N bytes and more */
  const char *stg = getenv("CW_GPU_STAGING");
  unsigned long long smin = stg && *stg ? strtoull(stg, NULL, 10) : 0;
  g->staging_min = smin == 1 ? (size_t)1 << 20 : (size_t)smin;
  int drv = 0, rmaj = 0, rmin = 0;
  if (g->api.driver_version) g->api.driver_version(&drv);
  if (g->api.rtc_version) g->api.rtc_version(&rmaj, &rmin);
  char cc[64] = "";
  if (g->cc_major) snprintf(cc, sizeof cc, "compute capability %d.%d, %d SMs, ", g->cc_major, g->cc_minor, g->sm_count);
  /* CUDA's driver version is 1000 * major + 10 * minor; HIP's is its own build number */
  char dv[32];
  if (drv > 0 && drv < 100000) snprintf(dv, sizeof dv, "%d.%d", drv / 1000, (drv % 1000) / 10);
  else snprintf(dv, sizeof dv, "%d", drv);
  snprintf(g->desc, sizeof g->desc, "%s, %s%.1f GiB, driver %s, %s %d.%d, %s %s", name, cc,
           (double)mem / (1024.0 * 1024.0 * 1024.0), dv, d->rtc.what, rmaj, rmin, g->ptx ? "PTX" : "code for",
           g->arch[0] ? g->arch : "the device's architecture");
  if (g->staging_min) {
    size_t l = strlen(g->desc);
    snprintf(g->desc + l, sizeof g->desc - l, ", pinned staging from %zu bytes", g->staging_min);
  }
  *impl = g;
  return CW_OK;
unavailable:
  cw_gpu_close(g);
  return CW_ERROR_UNAVAILABLE;
}

const char *cw_gpu_backend_describe(void *impl) { return ((gpu *)impl)->desc; }

cw_status cw_gpu_alloc(void *impl, size_t bytes, void **handle, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  gpu_buf *b = calloc(1, sizeof *b);
  if (!b) return CW_ERROR_OUT_OF_MEMORY;
  int r = g->api.mem_alloc(&b->ptr, bytes);
  if (r != 0) {
    free(b);
    return fail(g, r, CW_ERROR_OUT_OF_MEMORY, "device memory allocation", err, errlen);
  }
  *handle = b;
  return CW_OK;
}

void cw_gpu_free(void *impl, void *handle) {
  gpu *g = impl;
  gpu_buf *b = handle;
  if (!b) return;
  /* The core waited for pending work. Also after a sticky fault: the driver
   * may refuse, and then the memory goes with the context. */
  if (!b->borrowed && bind(g) == 0) g->api.mem_free(b->ptr);
  free(b);
}

cw_status cw_gpu_write(void *impl, void *h, size_t off, const void *src, size_t n, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  cw_gpu_ptr dst = ((gpu_buf *)h)->ptr + off;
  int r = g->staging_min && n >= g->staging_min ? cw_gpu_staged_write(&g->api, &g->stg, g->stream, dst, src, n)
                                                : g->api.htod_async(dst, src, n, g->stream);
  if (r == 0 && g->d->sync_after_write) r = g->api.stream_sync(g->stream);
  return r ? fail(g, r, CW_ERROR_INTERNAL, "host-to-device copy", err, errlen) : CW_OK;
}

cw_status cw_gpu_read(void *impl, void *h, size_t off, void *dst, size_t n, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  /* pending launches first, so that a kernel fault is named as such */
  int r = g->api.stream_sync(g->stream);
  if (r != 0) return fail(g, r, CW_ERROR_LAUNCH, "waiting for the stream", err, errlen);
  cw_gpu_ptr src = ((gpu_buf *)h)->ptr + off;
  if (g->staging_min && n >= g->staging_min) {
    r = cw_gpu_staged_read(&g->api, &g->stg, g->stream, dst, src, n);
  } else {
    r = g->api.dtoh_async(dst, src, n, g->stream);
    if (r == 0) r = g->api.stream_sync(g->stream);
  }
  return r ? fail(g, r, CW_ERROR_INTERNAL, "device-to-host copy", err, errlen) : CW_OK;
}

cw_status cw_gpu_copy(void *impl, void *dst, size_t doff, void *src, size_t soff, size_t n, char *err,
                      size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.dtod_async(((gpu_buf *)dst)->ptr + doff, ((gpu_buf *)src)->ptr + soff, n, g->stream);
  return r ? fail(g, r, CW_ERROR_INTERNAL, "device-to-device copy", err, errlen) : CW_OK;
}

cw_status cw_gpu_fill(void *impl, void *h, size_t off, unsigned char v, size_t n, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.memset_d8_async(((gpu_buf *)h)->ptr + off, v, n, g->stream);
  return r ? fail(g, r, CW_ERROR_INTERNAL, "memset", err, errlen) : CW_OK;
}

void cw_gpu_module_unload(void *impl, void *m) {
  gpu *g = impl;
  gpu_mod *gm = m;
  if (!gm) return;
  if (gm->mod && bind(g) == 0) g->api.module_unload(gm->mod);
  free(gm->fns);
  free(gm->globals);
  free(gm->global_sizes);
  free(gm);
}

/* The compiler's log, trimmed to what fits after the message. */
static void with_log(char *err, size_t errlen, const char *log) {
  if (!log || !*log) return;
  size_t n = strlen(err);
  if (n + 2 < errlen) snprintf(err + n, errlen - n, ":\n%s", log);
  n = strlen(err);
  while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = 0;
}

cw_status cw_gpu_module_load(void *impl, const cw_rt_program *prog, void **out, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  cw_gpu_compile_opts co = {.arch = g->arch, .ptx = g->ptx, .include_dir = g->include_dir,
                            .cache_dir = g->cache_dir, .rtc_id = g->libs.rtc_path};
  cw_gpu_image img;
  char *log = NULL;
  st = cw_gpu_compile(g->d, &g->api, prog, &co, &img, &log, err, errlen);
  if (st != CW_OK) {
    if (st == CW_ERROR_COMPILE) with_log(err, errlen, log);
    free(log);
    return st;
  }
  free(log);
  gpu_mod *gm = calloc(1, sizeof *gm);
  if (!gm) {
    cw_gpu_image_free(&img);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  gm->nkernels = prog->nkernels;
  gm->nglobals = prog->nglobals;
  gm->fns = calloc((size_t)prog->nkernels + 1, sizeof *gm->fns);
  gm->globals = calloc((size_t)prog->nglobals + 1, sizeof *gm->globals);
  gm->global_sizes = calloc((size_t)prog->nglobals + 1, sizeof *gm->global_sizes);
  int r = 0;
  if (!gm->fns || !gm->globals || !gm->global_sizes) st = CW_ERROR_OUT_OF_MEMORY;
  else if ((r = g->api.module_load_data(&gm->mod, img.data)) != 0)
    st = fail(g, r, CW_ERROR_COMPILE, g->ptx ? "loading the module (PTX JIT)" : "loading the module", err, errlen);
  for (int i = 0; st == CW_OK && i < prog->nkernels; i++)
    if ((r = g->api.module_get_function(&gm->fns[i], gm->mod, img.lowered[i])) != 0)
      st = fail(g, r, CW_ERROR_INTERNAL, "finding a kernel in the module", err, errlen);
  for (int i = 0; st == CW_OK && i < prog->nglobals; i++) {
    const char *sym = img.lowered[prog->nkernels + i];
    if ((r = g->api.module_get_global(&gm->globals[i], &gm->global_sizes[i], gm->mod, sym)) != 0) {
      st = fail(g, r, CW_ERROR_INTERNAL, "finding a global in the module", err, errlen);
    } else if (gm->global_sizes[i] != (size_t)prog->globals[i].size) {
      errf(err, errlen, "global '%s' has %zu bytes in the %s module but %d in the metadata", prog->globals[i].name,
           gm->global_sizes[i], g->d->name, prog->globals[i].size);
      st = CW_ERROR_INTERNAL;
    }
  }
  cw_gpu_image_free(&img);
  if (st != CW_OK) {
    cw_gpu_module_unload(g, gm);
    return st;
  }
  *out = gm;
  return CW_OK;
}

cw_status cw_gpu_module_global(void *impl, void *m, int index, void **handle, char *err, size_t errlen) {
  gpu_mod *gm = m;
  if (index < 0 || index >= gm->nglobals) {
    errf(err, errlen, "no global %d", index);
    return CW_ERROR_INTERNAL;
  }
  gpu_buf *b = calloc(1, sizeof *b);
  if (!b) return CW_ERROR_OUT_OF_MEMORY;
  b->ptr = gm->globals[index];
  b->borrowed = true;
  *handle = b;
  return CW_OK;
}

cw_status cw_gpu_launch(void *impl, void *m, const cw_rt_launch *l, char *err, size_t errlen) {
  gpu *g = impl;
  gpu_mod *gm = m;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int np = l->kernel->nparams;
  void *pbuf[32];
  cw_gpu_ptr abuf[32];
  void **params = np <= 32 ? pbuf : calloc((size_t)np, sizeof *params);
  cw_gpu_ptr *addrs = np <= 32 ? abuf : calloc((size_t)np, sizeof *addrs);
  if (!params || !addrs) {
    if (params != pbuf) free(params);
    if (addrs != abuf) free(addrs);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  for (int i = 0; i < np; i++) {
    const cw_rt_arg *a = &l->args[i];
    if (a->param->kind == CW_RT_BUFFER) {
      addrs[i] = ((gpu_buf *)a->alloc->handle)->ptr + a->offset;
      params[i] = &addrs[i];
    } else {
      params[i] = (void *)a->value;
    }
  }
  int r = g->api.launch(gm->fns[l->kernel_index], l->grid.x, l->grid.y, l->grid.z, l->block.x, l->block.y,
                        l->block.z, (unsigned)l->dyn_shared_bytes, g->stream, params, NULL);
  if (params != pbuf) free(params);
  if (addrs != abuf) free(addrs);
  return r ? fail(g, r, CW_ERROR_LAUNCH, "launch", err, errlen) : CW_OK;
}

cw_status cw_gpu_synchronize(void *impl, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.stream_sync(g->stream);
  return r ? fail(g, r, CW_ERROR_LAUNCH, "waiting for the stream", err, errlen) : CW_OK;
}

/* Device-timed events (cw_event_*): recorded in the stream's order. */
cw_status cw_gpu_event_create(void *impl, void **ev, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.event_create(ev, 0);
  return r ? fail(g, r, CW_ERROR_INTERNAL, "creating an event", err, errlen) : CW_OK;
}

cw_status cw_gpu_event_record(void *impl, void *ev, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.event_record(ev, g->stream);
  return r ? fail(g, r, CW_ERROR_INTERNAL, "recording an event", err, errlen) : CW_OK;
}

cw_status cw_gpu_event_elapsed(void *impl, void *start, void *end, float *ms, char *err, size_t errlen) {
  gpu *g = impl;
  cw_status st = enter(g, err, errlen);
  if (st != CW_OK) return st;
  int r = g->api.event_sync(end);
  if (r != 0) return fail(g, r, CW_ERROR_LAUNCH, "waiting for an event", err, errlen);
  r = g->api.event_elapsed(ms, start, end);
  return r ? fail(g, r, CW_ERROR_INVALID_VALUE, "elapsed time between events", err, errlen) : CW_OK;
}

void cw_gpu_event_destroy(void *impl, void *ev) {
  gpu *g = impl;
  if (ev && bind(g) == 0) g->api.event_destroy(ev);
}
