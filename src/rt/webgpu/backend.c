/* The webgpu runtime backend: cw_backend_ops over Dawn (see rt/runtime.h for
 * the interface, back/metadata.h for the binding and uniform conventions of
 * the WGSL it runs, rt/webgpu/dawn_api.h for the synchronous helpers).
 *
 * Batching: launches are not waited for. Each launch is recorded into one
 * open command encoder / compute pass (the "batch"); the batch is submitted
 * when the host needs its results (read, synchronize), before anything that
 * goes through the queue directly (write, fill with a pattern, free), and
 * every CW_WGB_BATCH launches so the GPU is never starved. Copies and zero
 * fills are recorded into the same encoder, in order.
 *
 * Uniforms: each launch takes a slot (aligned to
 * minUniformBufferOffsetAlignment) in a uniform "slab"; slabs have a host
 * mirror that is uploaded with one queue write per slab just before the
 * batch is submitted (queue writes run before later submits, and every
 * launch has its own slot, so this is ordered correctly). Slabs are reused
 * only after the queue is known idle (synchronize, read).
 *
 * Errors: launches use no error scopes (a scope pop is a round trip);
 * instead every launch is validated here against the device limits and the
 * binding rules, and anything Dawn still rejects reaches the device's
 * uncaptured-error callback, which the next call turns into
 * CW_ERROR_LAUNCH (a lost device: CW_ERROR_DEVICE_LOST). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "rt/fault.h"
#include "rt/runtime.h"
#include "rt/webgpu/dawn_api.h"
#include "rt/webgpu/half.h"
#include "rt/webgpu/subgroups.h"

#define CW_WGB_BATCH 128          /* launches per submit at most */
#define CW_WGB_SLAB (64u * 1024u) /* bytes per uniform slab */
#define CW_WGB_MAX_SLABS 64       /* then synchronize to recycle them */
#define CW_WGB_MAX_BINDINGS 64
#define CW_WGB_LINEAR_X 65535u    /* the linear dispatch convention (metadata.c) */

typedef struct wgb_buf {
  WGPUBuffer buf;
  uint64_t serial;   /* never reused: bind group cache keys use it, not the pointer */
  uint64_t size;   /* bytes requested */
  uint64_t gpu_size; /* bytes of the WebGPU buffer (rounded up to 4, at least 4) */
} wgb_buf;

typedef struct wgb_slab {
  WGPUBuffer buf;
  unsigned char *host; /* CW_WGB_SLAB bytes */
  uint32_t used;       /* bytes handed out since the last recycle */
  uint32_t uploaded;   /* bytes already written to the GPU */
} wgb_slab;

/* Bind group cache of one pipeline: repeated launches with the same
 * arguments (the common loop) reuse one bind group and one uniform slot
 * (bind group creation dominates the host cost of a launch). Entry i owns
 * slot i of `ubuf`; a slot is rewritten (queue write) only when its entry
 * was not used by the still unsubmitted batch, else the launch takes the
 * uncached path. */
#define CW_WGB_BGCACHE 16
typedef struct wgb_bgkey {
  uint32_t binding;
  uint64_t serial, offset;
} wgb_bgkey;
typedef struct wgb_bgent {
  WGPUBindGroup bg; /* NULL: empty */
  uint64_t last_batch, lru;
  int nkeys;
  wgb_bgkey *keys;
  unsigned char *ubytes; /* the uniform bytes in its slot */
} wgb_bgent;
typedef struct wgb_bgcache {
  WGPUBuffer ubuf;
  uint32_t slot, usize;
  uint64_t tick;
  wgb_bgent e[CW_WGB_BGCACHE];
} wgb_bgcache;

typedef struct wgb_pipe {
  unsigned bx, by, bz, dyn_len;
  WGPUComputePipeline pipe;
  WGPUBindGroupLayout layout;
  wgb_bgcache *bgc; /* created on first use */
} wgb_pipe;

typedef struct wgb_kcache {
  wgb_pipe *pipes;
  int n, cap, last;
} wgb_kcache;

typedef struct wgb_module {
  WGPUShaderModule sm;
  const cw_rt_program *prog;
  wgb_kcache *kc; /* per kernel */
  int nkernels;
} wgb_module;

typedef struct wgb {
  cw_wg *wg;
  char desc[512];
  int seen_errors;          /* uncaptured errors already reported */
  WGPUCommandEncoder enc;   /* the open batch, or NULL */
  WGPUComputePassEncoder pass;
  int pending;              /* launches recorded into enc */
  int recorded;             /* anything (launch or copy) recorded into enc */
  wgb_slab *slabs;
  int nslabs, cur_slab;
  WGPUBuffer dummy;         /* bound for NULL pointer arguments */
  uint64_t dummy_size, dummy_serial;
  uint64_t next_serial;     /* for wgb_buf.serial */
  uint64_t batch;           /* id of the open (unsubmitted) batch */
  int warp_subgroups;       /* 1: warps are native subgroups here (subgroups.c) */
  int half_native;          /* cw_transpile_options.half_native for this device (half.c) */
} wgb;

static cw_status fail(char *err, size_t errlen, cw_status st, const char *fmt, ...) {
  if (err && errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
  }
  return st;
}

static uint64_t round_up(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

/* Turns a recorded device loss or uncaptured error into a status, once. */
static cw_status check_device(wgb *b, char *err, size_t errlen) {
  cw_wg *wg = b->wg;
  if (wg->lost)
    return fail(err, errlen, CW_ERROR_DEVICE_LOST, "webgpu: %s", wg->last_error);
  if (wg->uncaptured_errors != b->seen_errors) {
    int n = wg->uncaptured_errors - b->seen_errors;
    b->seen_errors = wg->uncaptured_errors;
    const char *msg = wg->first_error[0] ? wg->first_error : wg->last_error;
    cw_status st = n > 1 ? fail(err, errlen, CW_ERROR_LAUNCH,
                                "webgpu error (the first of %d): %s", n, msg)
                         : fail(err, errlen, CW_ERROR_LAUNCH, "webgpu error: %s", msg);
    wg->first_error[0] = 0;
    return st;
  }
  return CW_OK;
}

/* ---------------- batch ---------------- */
static void end_pass(wgb *b) {
  if (!b->pass) return;
  cw_dawn.wgpuComputePassEncoderEnd(b->pass);
  cw_dawn.wgpuComputePassEncoderRelease(b->pass);
  b->pass = NULL;
}

static void ensure_encoder(wgb *b) {
  if (!b->enc) b->enc = cw_dawn.wgpuDeviceCreateCommandEncoder(b->wg->device, NULL);
}

static void ensure_pass(wgb *b) {
  ensure_encoder(b);
  if (!b->pass) b->pass = cw_dawn.wgpuCommandEncoderBeginComputePass(b->enc, NULL);
}

/* Uploads the uniform bytes of this batch and submits it (no wait). */
static void flush(wgb *b) {
  for (int i = 0; i < b->nslabs; i++) {
    wgb_slab *s = &b->slabs[i];
    if (s->used > s->uploaded) {
      cw_dawn.wgpuQueueWriteBuffer(b->wg->queue, s->buf, s->uploaded, s->host + s->uploaded,
                                   s->used - s->uploaded);
      s->uploaded = s->used;
    }
  }
  if (!b->enc) return;
  end_pass(b);
  WGPUCommandBuffer cmd = cw_dawn.wgpuCommandEncoderFinish(b->enc, NULL);
  cw_dawn.wgpuCommandEncoderRelease(b->enc);
  b->enc = NULL;
  if (cmd) {
    cw_dawn.wgpuQueueSubmit(b->wg->queue, 1, &cmd);
    cw_dawn.wgpuCommandBufferRelease(cmd);
  }
  b->pending = 0;
  b->recorded = 0;
  b->batch++;
}

/* Flushes and waits until the queue is idle; then every slab is free again. */
static cw_status drain(wgb *b, const char *what, char *err, size_t errlen) {
  flush(b);
  char werr[512] = "";
  if (cw_wg_sync(b->wg, werr, sizeof werr) != 0) {
    cw_status st = check_device(b, err, errlen);
    if (st != CW_OK) return st;
    return fail(err, errlen, CW_ERROR_LAUNCH, "webgpu: %s: %s", what, werr);
  }
  for (int i = 0; i < b->nslabs; i++) b->slabs[i].used = b->slabs[i].uploaded = 0;
  b->cur_slab = 0;
  return check_device(b, err, errlen);
}

/* A slot of `size` bytes for one launch's uniforms: *buf and *off name it. */
static cw_status uniform_slot(wgb *b, uint32_t size, WGPUBuffer *buf, uint32_t *off,
                              unsigned char **host, char *err, size_t errlen) {
  uint32_t align = b->wg->limits.minUniformBufferOffsetAlignment;
  if (align == 0 || align > 4096) align = 256;
  uint32_t need = (uint32_t)round_up(size, align);
  if (need > CW_WGB_SLAB)
    return fail(err, errlen, CW_ERROR_LAUNCH, "kernel parameters need %u uniform bytes (at most %u)",
                size, CW_WGB_SLAB);
  for (;;) {
    if (b->cur_slab < b->nslabs) {
      wgb_slab *s = &b->slabs[b->cur_slab];
      uint32_t at = (uint32_t)round_up(s->used, align);
      if (at + need <= CW_WGB_SLAB) {
        s->used = at + need;
        *buf = s->buf;
        *off = at;
        *host = s->host + at;
        memset(*host, 0, size);
        return CW_OK;
      }
      b->cur_slab++;
      continue;
    }
    if (b->nslabs >= CW_WGB_MAX_SLABS) {
      /* Many launches without a wait: let the GPU catch up, reuse slabs. */
      cw_status st = drain(b, "waiting to recycle uniform buffers", err, errlen);
      if (st != CW_OK) return st;
      continue;
    }
    wgb_slab *ns = realloc(b->slabs, sizeof *ns * (size_t)(b->nslabs + 1));
    if (!ns) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    b->slabs = ns;
    wgb_slab *s = &ns[b->nslabs];
    memset(s, 0, sizeof *s);
    s->host = calloc(1, CW_WGB_SLAB);
    WGPUBufferDescriptor d;
    memset(&d, 0, sizeof d);
    d.label = cw_wgpu_str(NULL);
    d.usage = WGPUBufferUsage_Uniform | WGPUBufferUsage_CopyDst;
    d.size = CW_WGB_SLAB;
    s->buf = cw_dawn.wgpuDeviceCreateBuffer(b->wg->device, &d);
    if (!s->host || !s->buf) {
      free(s->host);
      if (s->buf) cw_dawn.wgpuBufferRelease(s->buf);
      return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "cannot create a uniform buffer");
    }
    b->nslabs++;
  }
}

/* ---------------- open / close ---------------- */
static int is_cpu_adapter(const cw_wg *wg) {
  if (wg->adapter_type == WGPUAdapterType_CPU) return 1;
  return strstr(wg->device_name, "llvmpipe") || strstr(wg->device_name, "SwiftShader") ||
         strstr(wg->device_name, "lavapipe");
}

static cw_status wgb_open(const cw_context_options *opts, void **impl, char *why, size_t whylen) {
  *impl = NULL;
  char e[1024] = "";
  /* CW_FAULT (test-only, rt/fault.h): Dawn stays loaded once loaded, so its
   * absence is simulated here, where the real failures are reported */
  if (cw_fault_on(CW_FAULT_NO_DAWN))
    return fail(why, whylen, CW_ERROR_UNAVAILABLE, "the WebGPU library cannot be loaded (simulated: CW_FAULT=no-dawn)");
  if (cw_dawn_load(opts ? opts->webgpu_lib : NULL, e, sizeof e) != 0)
    return fail(why, whylen, CW_ERROR_UNAVAILABLE, "%s", e);
  if (cw_fault_on(CW_FAULT_NO_VULKAN))
    return fail(why, whylen, CW_ERROR_UNAVAILABLE, "no WebGPU adapter: no Vulkan driver (simulated: CW_FAULT=no-vulkan)");
  cw_wg *wg = NULL;
  int rc = cw_wg_open(&wg, e, sizeof e);
  if (rc != CW_WG_OK) return fail(why, whylen, CW_ERROR_UNAVAILABLE, "%s", e);
  if ((!opts || opts->backend == CW_BACKEND_AUTO) && is_cpu_adapter(wg)) {
    char a[400];
    cw_wg_adapter_string(wg, a, sizeof a);
    cw_wg_close(wg);
    return fail(why, whylen, CW_ERROR_UNAVAILABLE,
                "only a CPU adapter (%s) was found; the cpu backend is faster there", a);
  }
  wgb *b = calloc(1, sizeof *b);
  if (!b) {
    cw_wg_close(wg);
    return fail(why, whylen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  }
  b->wg = wg;
  cw_wg_adapter_string(wg, b->desc, sizeof b->desc);
  size_t dl = strlen(b->desc);
  if (wg->has_subgroups)
    snprintf(b->desc + dl, sizeof b->desc - dl, ", subgroups %u-%u%s", wg->subgroup_min, wg->subgroup_max,
             wg->has_f16 ? ", shader-f16" : "");
  else
    snprintf(b->desc + dl, sizeof b->desc - dl, ", no subgroups%s", wg->has_f16 ? ", shader-f16" : "");
  /* warp intrinsics: native subgroups where the probe shows warps are subgroups */
  char sg_why[400] = "";
  const char *sg_env = getenv("CW_WEBGPU_SUBGROUPS");
  if (sg_env && strcmp(sg_env, "0") == 0) snprintf(sg_why, sizeof sg_why, "CW_WEBGPU_SUBGROUPS=0");
  else b->warp_subgroups = cw_wg_warps_are_subgroups(wg, sg_why, sizeof sg_why);
  dl = strlen(b->desc);
  if (b->warp_subgroups) snprintf(b->desc + dl, sizeof b->desc - dl, "; warps: subgroups");
  else snprintf(b->desc + dl, sizeof b->desc - dl, "; warps: emulated (%s)", sg_why);
  /* half arithmetic: native f16 as far as the probe shows it rounds as CUDA's;
   * CW_WEBGPU_F16=0 forces the exact f32 code, =1 native f16 but fma, =2 all
   * native f16, both unprobed (tests) */
  char h_why[400] = "";
  const char *h_env = getenv("CW_WEBGPU_F16");
  int h_forced = 0;
  if (h_env && strcmp(h_env, "0") == 0) {
    snprintf(h_why, sizeof h_why, "CW_WEBGPU_F16=0");
  } else if (h_env && (strcmp(h_env, "1") == 0 || strcmp(h_env, "2") == 0)) {
    if (wg->has_f16) b->half_native = h_forced = h_env[0] - '0';
    else snprintf(h_why, sizeof h_why, "the device has no shader-f16");
    if (h_forced == 1) snprintf(h_why, sizeof h_why, "CW_WEBGPU_F16=1, not probed");
  } else {
    b->half_native = cw_wg_half_native(wg, h_why, sizeof h_why);
  }
  dl = strlen(b->desc);
  if (b->half_native == 2)
    snprintf(b->desc + dl, sizeof b->desc - dl, "; half: f16%s", h_forced ? " (CW_WEBGPU_F16=2, not probed)" : "");
  else if (b->half_native == 1)
    snprintf(b->desc + dl, sizeof b->desc - dl, "; half: f16, fma in f32 (%s)", h_why);
  else snprintf(b->desc + dl, sizeof b->desc - dl, "; half: f32 (%s)", h_why);
  *impl = b;
  return CW_OK;
}

static void wgb_close(void *impl) {
  wgb *b = impl;
  if (!b) return;
  if (b->enc) {
    char e[256];
    drain(b, "close", e, sizeof e);
  }
  for (int i = 0; i < b->nslabs; i++) {
    cw_wg_buffer_free(b->slabs[i].buf);
    free(b->slabs[i].host);
  }
  free(b->slabs);
  cw_wg_buffer_free(b->dummy);
  cw_wg_close(b->wg);
  free(b);
}

static const char *wgb_describe(void *impl) { return ((wgb *)impl)->desc; }
static int wgb_subgroup_size(void *impl) { return ((wgb *)impl)->warp_subgroups ? 32 : 0; }
static int wgb_half_native(void *impl) { return ((wgb *)impl)->half_native; }

/* ---------------- memory ---------------- */
static cw_status wgb_alloc(void *impl, size_t bytes, void **handle, char *err, size_t errlen) {
  wgb *b = impl;
  *handle = NULL;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  uint64_t gsize = round_up(bytes ? bytes : 4, 4);
  if (gsize > b->wg->limits.maxBufferSize)
    return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY,
                "allocation of %zu bytes exceeds this adapter's maximum buffer size of %llu bytes",
                bytes, (unsigned long long)b->wg->limits.maxBufferSize);
  wgb_buf *wb = calloc(1, sizeof *wb);
  if (!wb) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  char e[1024] = "";
  wb->buf = cw_wg_buffer(b->wg, gsize, e, sizeof e);
  if (!wb->buf) {
    free(wb);
    return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "cannot allocate %zu bytes: %s", bytes, e);
  }
  wb->size = bytes;
  wb->gpu_size = gsize;
  wb->serial = ++b->next_serial;
  *handle = wb;
  return CW_OK;
}

static void wgb_free(void *impl, void *handle) {
  wgb *b = impl;
  wgb_buf *wb = handle;
  if (!wb) return;
  /* Recorded but unsubmitted work may use it: a destroyed buffer in a
   * submit is an error, submitted work keeps running. */
  if (b->enc) flush(b);
  cw_wg_buffer_free(wb->buf);
  free(wb);
}

/* Reads [off, off+n) of a buffer; handles unaligned ranges. Flushes first. */
static cw_status read_range(wgb *b, wgb_buf *wb, size_t off, void *dst, size_t n, char *err,
                            size_t errlen) {
  if (n == 0) return CW_OK;
  uint64_t a = off & ~(uint64_t)3, e = round_up(off + n, 4);
  flush(b);
  char werr[1024] = "";
  int rc;
  if (a == off && e == off + n) {
    rc = cw_wg_read(b->wg, wb->buf, a, dst, n, werr, sizeof werr);
  } else {
    unsigned char *tmp = malloc((size_t)(e - a));
    if (!tmp) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    rc = cw_wg_read(b->wg, wb->buf, a, tmp, (size_t)(e - a), werr, sizeof werr);
    if (rc == 0) memcpy(dst, tmp + (off - a), n);
    free(tmp);
  }
  /* The readback waited for the queue: all earlier work is done. */
  if (rc == 0) {
    for (int i = 0; i < b->nslabs; i++) b->slabs[i].used = b->slabs[i].uploaded = 0;
    b->cur_slab = 0;
  }
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (rc != 0) return fail(err, errlen, CW_ERROR_LAUNCH, "webgpu read: %s", werr);
  return CW_OK;
}

static cw_status wgb_read(void *impl, void *handle, size_t off, void *dst, size_t n, char *err,
                          size_t errlen) {
  wgb *b = impl;
  wgb_buf *wb = handle;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (off + n > wb->size || off + n < off)
    return fail(err, errlen, CW_ERROR_OUT_OF_RANGE, "read of %zu bytes at offset %zu beyond a %llu-byte buffer",
                n, off, (unsigned long long)wb->size);
  return read_range(b, wb, off, dst, n, err, errlen);
}

/* Queue write of [off, off+n): the queue takes only 4-byte aligned ranges,
 * so partial words at either end are merged with the device's bytes. */
static cw_status write_range(wgb *b, wgb_buf *wb, size_t off, const void *src, size_t n, char *err,
                             size_t errlen) {
  if (n == 0) return CW_OK;
  flush(b); /* earlier recorded launches must see the old contents */
  uint64_t a = off & ~(uint64_t)3, e = round_up(off + n, 4);
  if (a == off && e == off + n) {
    cw_dawn.wgpuQueueWriteBuffer(b->wg->queue, wb->buf, off, src, n);
    return CW_OK;
  }
  size_t len = (size_t)(e - a);
  unsigned char *tmp = malloc(len);
  if (!tmp) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  cw_status st = read_range(b, wb, (size_t)a, tmp, 4, err, errlen);
  if (st == CW_OK && len > 4) st = read_range(b, wb, (size_t)(e - 4), tmp + len - 4, 4, err, errlen);
  if (st == CW_OK) {
    memcpy(tmp + (off - a), src, n);
    cw_dawn.wgpuQueueWriteBuffer(b->wg->queue, wb->buf, a, tmp, len);
  }
  free(tmp);
  return st;
}

static cw_status wgb_write(void *impl, void *handle, size_t off, const void *src, size_t n,
                           char *err, size_t errlen) {
  wgb *b = impl;
  wgb_buf *wb = handle;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (off + n > wb->size || off + n < off)
    return fail(err, errlen, CW_ERROR_OUT_OF_RANGE, "write of %zu bytes at offset %zu beyond a %llu-byte buffer",
                n, off, (unsigned long long)wb->size);
  return write_range(b, wb, off, src, n, err, errlen);
}

static cw_status wgb_copy(void *impl, void *dst, size_t doff, void *src, size_t soff, size_t n,
                          char *err, size_t errlen) {
  wgb *b = impl;
  wgb_buf *d = dst, *s = src;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (doff + n > d->size || soff + n > s->size || doff + n < doff || soff + n < soff)
    return fail(err, errlen, CW_ERROR_OUT_OF_RANGE, "copy of %zu bytes beyond the end of a buffer", n);
  if (n == 0) return CW_OK;
  if (d != s && doff % 4 == 0 && soff % 4 == 0 && n % 4 == 0) {
    /* Recorded in order with the batch's launches. */
    ensure_encoder(b);
    end_pass(b);
    cw_dawn.wgpuCommandEncoderCopyBufferToBuffer(b->enc, s->buf, soff, d->buf, doff, n);
    b->recorded = 1;
    return CW_OK;
  }
  /* WebGPU copies need 4-byte alignment and two different buffers: go
   * through the host (memmove semantics, as the whole range is read first). */
  unsigned char *tmp = malloc(n);
  if (!tmp) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  st = read_range(b, s, soff, tmp, n, err, errlen);
  if (st == CW_OK) st = write_range(b, d, doff, tmp, n, err, errlen);
  free(tmp);
  return st;
}

static cw_status wgb_fill(void *impl, void *handle, size_t off, unsigned char v, size_t n, char *err,
                          size_t errlen) {
  wgb *b = impl;
  wgb_buf *wb = handle;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (off + n > wb->size || off + n < off)
    return fail(err, errlen, CW_ERROR_OUT_OF_RANGE, "fill of %zu bytes at offset %zu beyond a %llu-byte buffer",
                n, off, (unsigned long long)wb->size);
  if (n == 0) return CW_OK;
  size_t a = (off + 3) & ~(size_t)3, e = (off + n) & ~(size_t)3;
  if (v == 0 && a < e) {
    /* The aligned middle by clearBuffer, in order with the batch. */
    ensure_encoder(b);
    end_pass(b);
    cw_dawn.wgpuCommandEncoderClearBuffer(b->enc, wb->buf, a, e - a);
    b->recorded = 1;
    if (off < a) st = write_range(b, wb, off, "\0\0\0", a - off, err, errlen);
    if (st == CW_OK && e < off + n)
      st = write_range(b, wb, e, "\0\0\0", off + n - e, err, errlen);
    return st;
  }
  size_t chunk = n < ((size_t)4 << 20) ? n : ((size_t)4 << 20);
  unsigned char *pat = malloc(chunk);
  if (!pat) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  memset(pat, v, chunk);
  for (size_t done = 0; done < n && st == CW_OK;) {
    size_t k = n - done < chunk ? n - done : chunk;
    st = write_range(b, wb, off + done, pat, k, err, errlen);
    done += k;
  }
  free(pat);
  return st;
}

/* ---------------- modules ---------------- */
typedef struct msg_collect {
  char *buf;
  size_t len, cap;
  int nerr;
} msg_collect;

static void on_message(const cw_wg_message *m, void *ud) {
  msg_collect *c = ud;
  if (m->type != WGPUCompilationMessageType_Error) return;
  c->nerr++;
  if (c->nerr > 5) return;
  char line[1200];
  int k = m->line ? snprintf(line, sizeof line, "%s%u:%u: error: %s", c->len ? "; " : "", m->line,
                             m->col, m->text)
                  : snprintf(line, sizeof line, "%serror: %s", c->len ? "; " : "", m->text);
  if (k < 0) return;
  size_t kl = strlen(line);
  if (c->len + kl + 1 > c->cap) {
    size_t nc = (c->len + kl + 1) * 2;
    char *nb = realloc(c->buf, nc);
    if (!nb) return;
    c->buf = nb;
    c->cap = nc;
  }
  memcpy(c->buf + c->len, line, kl + 1);
  c->len += kl;
}

static cw_status wgb_module_load(void *impl, const cw_rt_program *prog, void **mod, char *err,
                                 size_t errlen) {
  wgb *b = impl;
  *mod = NULL;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  if (!prog || prog->target != CW_TARGET_WGSL || !prog->code)
    return fail(err, errlen, CW_ERROR_INVALID_VALUE, "the webgpu backend runs WGSL programs only");
  msg_collect mc = {0};
  int nerr = 0, nwarn = 0;
  char e[1024] = "";
  WGPUShaderModule sm =
      cw_wg_shader(b->wg, prog->code, strlen(prog->code), on_message, &mc, &nerr, &nwarn, e, sizeof e);
  if (!sm) {
    free(mc.buf);
    return fail(err, errlen, CW_ERROR_COMPILE, "webgpu shader module: %s", e);
  }
  if (nerr) {
    cw_dawn.wgpuShaderModuleRelease(sm);
    st = fail(err, errlen, CW_ERROR_COMPILE, "the WGSL was rejected by the WebGPU compiler: %s%s",
              mc.buf ? mc.buf : "unknown error", mc.nerr > 5 ? " (and more)" : "");
    free(mc.buf);
    return st;
  }
  free(mc.buf);
  wgb_module *m = calloc(1, sizeof *m);
  if (!m || !(m->kc = calloc((size_t)(prog->nkernels ? prog->nkernels : 1), sizeof *m->kc))) {
    free(m);
    cw_dawn.wgpuShaderModuleRelease(sm);
    return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  }
  m->sm = sm;
  m->prog = prog;
  m->nkernels = prog->nkernels;
  *mod = m;
  return CW_OK;
}

static void bgcache_free(wgb_bgcache *c) {
  if (!c) return;
  for (int i = 0; i < CW_WGB_BGCACHE; i++) {
    if (c->e[i].bg) cw_dawn.wgpuBindGroupRelease(c->e[i].bg);
    free(c->e[i].keys);
    free(c->e[i].ubytes);
  }
  if (c->ubuf) cw_wg_buffer_free(c->ubuf);
  free(c);
}

static void wgb_module_unload(void *impl, void *mod) {
  wgb_module *m = mod;
  if (!m) return;
  for (int k = 0; k < m->nkernels; k++) {
    for (int i = 0; i < m->kc[k].n; i++) {
      bgcache_free(m->kc[k].pipes[i].bgc);
      cw_dawn.wgpuBindGroupLayoutRelease(m->kc[k].pipes[i].layout);
      cw_dawn.wgpuComputePipelineRelease(m->kc[k].pipes[i].pipe);
    }
    free(m->kc[k].pipes);
  }
  free(m->kc);
  cw_dawn.wgpuShaderModuleRelease(m->sm);
  free(m);
}

/* The pipeline for (kernel, block, dynamic shared length), created on first use. */
static cw_status get_pipeline(wgb *b, wgb_module *m, const cw_rt_launch *l, unsigned dyn_len,
                              wgb_pipe **out, char *err, size_t errlen) {
  if (l->kernel_index < 0 || l->kernel_index >= m->nkernels)
    return fail(err, errlen, CW_ERROR_INVALID_VALUE, "kernel index %d out of range", l->kernel_index);
  wgb_kcache *kc = &m->kc[l->kernel_index];
  unsigned bx = l->block.x, by = l->block.y, bz = l->block.z;
  if (kc->last < kc->n) {
    wgb_pipe *p = &kc->pipes[kc->last];
    if (p->bx == bx && p->by == by && p->bz == bz && p->dyn_len == dyn_len) {
      *out = p;
      return CW_OK;
    }
  }
  for (int i = 0; i < kc->n; i++) {
    wgb_pipe *p = &kc->pipes[i];
    if (p->bx == bx && p->by == by && p->bz == bz && p->dyn_len == dyn_len) {
      kc->last = i;
      *out = p;
      return CW_OK;
    }
  }
  const char *names[4] = {"cw_block_x", "cw_block_y", "cw_block_z", "cw_dyn_shared_len"};
  double vals[4] = {bx, by, bz, dyn_len};
  int nc = l->kernel->dyn_shared_elem_size > 0 ? 4 : 3;
  char e[2048] = "";
  WGPUComputePipeline pipe =
      cw_wg_pipeline(b->wg, m->sm, l->kernel->entry_point, names, vals, nc, e, sizeof e);
  if (!pipe)
    return fail(err, errlen, CW_ERROR_LAUNCH, "cannot create the pipeline of kernel '%s' for block (%u,%u,%u): %s",
                l->kernel->name, bx, by, bz, e);
  if (kc->n == kc->cap) {
    int nc2 = kc->cap ? kc->cap * 2 : 4;
    wgb_pipe *np = realloc(kc->pipes, sizeof *np * (size_t)nc2);
    if (!np) {
      cw_dawn.wgpuComputePipelineRelease(pipe);
      return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    }
    kc->pipes = np;
    kc->cap = nc2;
  }
  wgb_pipe *p = &kc->pipes[kc->n];
  p->bx = bx;
  p->by = by;
  p->bz = bz;
  p->dyn_len = dyn_len;
  p->pipe = pipe;
  p->bgc = NULL;
  p->layout = cw_dawn.wgpuComputePipelineGetBindGroupLayout(pipe, 0);
  kc->last = kc->n++;
  *out = p;
  return CW_OK;
}

/* ---------------- launch ---------------- */
typedef struct bind_info {
  const char *what;  /* "parameter 'x'" / "global 'g'" (for messages) */
  char name[160];
  WGPUBuffer buf;
  uint64_t serial;
  bool writable;
} bind_info;

static cw_status create_group(wgb *b, wgb_pipe *pp, WGPUBindGroupEntry *ent, int ne,
                              WGPUBindGroup *out, char *err, size_t errlen) {
  WGPUBindGroupDescriptor bd;
  memset(&bd, 0, sizeof bd);
  bd.label = cw_wgpu_str(NULL);
  bd.layout = pp->layout;
  bd.entryCount = (size_t)ne;
  bd.entries = ent;
  WGPUBindGroup group = cw_dawn.wgpuDeviceCreateBindGroup(b->wg->device, &bd);
  /* Dawn reports a bad bind group synchronously through the callback. */
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK || !group) {
    if (group) cw_dawn.wgpuBindGroupRelease(group);
    return st != CW_OK ? st : fail(err, errlen, CW_ERROR_LAUNCH, "cannot create a bind group");
  }
  *out = group;
  return CW_OK;
}

/* The bind group of one launch: from the pipeline's cache when these
 * bindings and uniform bytes were seen before, else a cache slot that the
 * open batch does not use, else a transient group over a uniform slab slot. */
static cw_status bind_group(wgb *b, wgb_pipe *pp, const unsigned char *u, uint32_t usize,
                            WGPUBindGroupEntry *ent, const bind_info *bi, int ne,
                            WGPUBindGroup *out, int *owned, char *err, size_t errlen) {
  *owned = 0;
  wgb_bgcache *c = pp->bgc;
  if (!c) {
    c = calloc(1, sizeof *c);
    if (c) {
      uint32_t align = b->wg->limits.minUniformBufferOffsetAlignment;
      if (align == 0 || align > 4096) align = 256;
      c->usize = usize;
      c->slot = (uint32_t)round_up(usize, align);
      WGPUBufferDescriptor d;
      memset(&d, 0, sizeof d);
      d.label = cw_wgpu_str(NULL);
      d.usage = WGPUBufferUsage_Uniform | WGPUBufferUsage_CopyDst;
      d.size = (uint64_t)c->slot * CW_WGB_BGCACHE;
      c->ubuf = cw_dawn.wgpuDeviceCreateBuffer(b->wg->device, &d);
      if (!c->ubuf) {
        free(c);
        c = NULL;
      }
    }
    pp->bgc = c;
  }
  if (c && c->usize == usize) {
    wgb_bgent *victim = NULL;
    for (int i = 0; i < CW_WGB_BGCACHE; i++) {
      wgb_bgent *e = &c->e[i];
      if (!e->bg) {
        if (!victim || victim->bg) victim = e;
        continue;
      }
      if (e->nkeys == ne - 1 && memcmp(e->ubytes, u, usize) == 0) {
        int same = 1;
        for (int j = 1; j < ne && same; j++)
          same = e->keys[j - 1].binding == ent[j].binding && e->keys[j - 1].serial == bi[j].serial &&
                 e->keys[j - 1].offset == ent[j].offset;
        if (same) {
          e->lru = ++c->tick;
          e->last_batch = b->batch;
          *out = e->bg;
          return CW_OK;
        }
      }
      if (e->last_batch != b->batch && (!victim || (victim->bg && e->lru < victim->lru))) victim = e;
    }
    if (victim) {
      wgb_bgkey *keys = malloc(sizeof *keys * (size_t)(ne > 1 ? ne - 1 : 1));
      unsigned char *ub = victim->ubytes ? victim->ubytes : malloc(usize);
      if (keys && ub) {
        uint32_t off = (uint32_t)(victim - c->e) * c->slot;
        ent[0].binding = 0;
        ent[0].buffer = c->ubuf;
        ent[0].offset = off;
        ent[0].size = usize;
        WGPUBindGroup g = NULL;
        cw_status st = create_group(b, pp, ent, ne, &g, err, errlen);
        if (st != CW_OK) {
          free(keys);
          if (!victim->ubytes) free(ub);
          return st;
        }
        /* Queue order: runs after the submitted work that used the old
         * contents and before the open batch, which did not use them. */
        cw_dawn.wgpuQueueWriteBuffer(b->wg->queue, c->ubuf, off, u, usize);
        if (victim->bg) cw_dawn.wgpuBindGroupRelease(victim->bg);
        free(victim->keys);
        memcpy(ub, u, usize);
        for (int j = 1; j < ne; j++)
          keys[j - 1] = (wgb_bgkey){ent[j].binding, bi[j].serial, ent[j].offset};
        victim->bg = g;
        victim->keys = keys;
        victim->nkeys = ne - 1;
        victim->ubytes = ub;
        victim->lru = ++c->tick;
        victim->last_batch = b->batch;
        *out = g;
        return CW_OK;
      }
      free(keys);
      if (!victim->ubytes) free(ub);
    }
  }
  /* Uncached: a slab slot, uploaded with the batch. */
  WGPUBuffer ubuf = NULL;
  uint32_t uoff = 0;
  unsigned char *slot = NULL;
  cw_status st = uniform_slot(b, usize, &ubuf, &uoff, &slot, err, errlen);
  if (st != CW_OK) return st;
  memcpy(slot, u, usize);
  ent[0].binding = 0;
  ent[0].buffer = ubuf;
  ent[0].offset = uoff;
  ent[0].size = usize;
  st = create_group(b, pp, ent, ne, out, err, errlen);
  if (st == CW_OK) *owned = 1;
  return st;
}

static cw_status wgb_launch(void *impl, void *mod, const cw_rt_launch *l, char *err, size_t errlen) {
  wgb *b = impl;
  wgb_module *m = mod;
  const cw_rt_kernel *k = l->kernel;
  const WGPULimits *lim = &b->wg->limits;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;

  /* Limits: block shape, invocations, workgroup memory, grid. */
  uint64_t threads = (uint64_t)l->block.x * l->block.y * l->block.z;
  if (threads == 0)
    return fail(err, errlen, CW_ERROR_LAUNCH, "block (%u,%u,%u) has no threads", l->block.x,
                l->block.y, l->block.z);
  if (threads > lim->maxComputeInvocationsPerWorkgroup)
    return fail(err, errlen, CW_ERROR_LAUNCH,
                "block of %llu threads exceeds this adapter's limit of %u invocations per workgroup",
                (unsigned long long)threads, lim->maxComputeInvocationsPerWorkgroup);
  if (l->block.x > lim->maxComputeWorkgroupSizeX || l->block.y > lim->maxComputeWorkgroupSizeY ||
      l->block.z > lim->maxComputeWorkgroupSizeZ)
    return fail(err, errlen, CW_ERROR_LAUNCH,
                "block (%u,%u,%u) exceeds this adapter's workgroup size limits (%u,%u,%u)",
                l->block.x, l->block.y, l->block.z, lim->maxComputeWorkgroupSizeX,
                lim->maxComputeWorkgroupSizeY, lim->maxComputeWorkgroupSizeZ);
  if (k->max_threads > 0 && threads > (uint64_t)k->max_threads)
    return fail(err, errlen, CW_ERROR_LAUNCH,
                "block of %llu threads exceeds kernel '%s''s __launch_bounds__ of %d",
                (unsigned long long)threads, k->name, k->max_threads);
  unsigned dyn_len = 1;
  uint64_t dyn_bytes = 0;
  if (k->dyn_shared_elem_size > 0) {
    uint64_t len = (l->dyn_shared_bytes + (uint64_t)k->dyn_shared_elem_size - 1) /
                   (uint64_t)k->dyn_shared_elem_size;
    if (len == 0) len = 1; /* a WGSL array has at least one element */
    if (len > UINT32_MAX)
      return fail(err, errlen, CW_ERROR_LAUNCH, "%zu bytes of dynamic shared memory is too large",
                  l->dyn_shared_bytes);
    dyn_len = (unsigned)len;
    dyn_bytes = len * (uint64_t)k->dyn_shared_elem_size;
  }
  uint64_t shared = (uint64_t)k->static_shared_bytes + dyn_bytes;
  if (shared > lim->maxComputeWorkgroupStorageSize)
    return fail(err, errlen, CW_ERROR_LAUNCH,
                "kernel '%s' needs %llu bytes of shared memory (%d static + %llu dynamic), more than "
                "this adapter's limit of %u bytes of workgroup storage",
                k->name, (unsigned long long)shared, k->static_shared_bytes,
                (unsigned long long)dyn_bytes, lim->maxComputeWorkgroupStorageSize);
  uint64_t total = (uint64_t)l->grid.x * l->grid.y * l->grid.z;
  if (total == 0) return CW_OK; /* nothing to run */
  uint64_t wx = total < CW_WGB_LINEAR_X ? total : CW_WGB_LINEAR_X;
  uint64_t wy = (total + CW_WGB_LINEAR_X - 1) / CW_WGB_LINEAR_X;
  if (wy > lim->maxComputeWorkgroupsPerDimension || wy > CW_WGB_LINEAR_X)
    return fail(err, errlen, CW_ERROR_LAUNCH,
                "grid (%u,%u,%u) of %llu blocks exceeds what this adapter can dispatch (%llu)",
                l->grid.x, l->grid.y, l->grid.z, (unsigned long long)total,
                (unsigned long long)CW_WGB_LINEAR_X * lim->maxComputeWorkgroupsPerDimension);

  /* Storage bindings: pointer parameters, then the kernel's globals. */
  WGPUBindGroupEntry ent[CW_WGB_MAX_BINDINGS + 1];
  bind_info bi[CW_WGB_MAX_BINDINGS + 1];
  int ne = 1; /* entry 0: the uniforms */
  memset(ent, 0, sizeof ent);
  for (int i = 0; i < k->nparams; i++) {
    const cw_rt_param *p = &k->params[i];
    if (p->kind != CW_RT_BUFFER || p->unused || p->binding < 0) continue;
    if (ne > CW_WGB_MAX_BINDINGS)
      return fail(err, errlen, CW_ERROR_LAUNCH, "kernel '%s' has too many buffers", k->name);
    const cw_rt_arg *a = &l->args[i];
    WGPUBindGroupEntry *e = &ent[ne];
    e->binding = (uint32_t)p->binding;
    e->size = WGPU_WHOLE_SIZE;
    uint64_t min_size = round_up(p->elem_size > 0 ? (uint64_t)p->elem_size : 4, 4);
    if (!a->alloc || !a->alloc->handle) {
      /* A NULL pointer: bind a scratch buffer (the kernel must not touch it). */
      if (!b->dummy || b->dummy_size < min_size) {
        if (b->enc) flush(b); /* recorded launches may use the old one */
        cw_wg_buffer_free(b->dummy);
        b->dummy_size = round_up(min_size < 256 ? 256 : min_size, 256);
        char e2[512];
        b->dummy = cw_wg_buffer(b->wg, b->dummy_size, e2, sizeof e2);
        b->dummy_serial = ++b->next_serial;
        if (!b->dummy) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "%s", e2);
      }
      e->buffer = b->dummy;
      bi[ne].serial = b->dummy_serial;
    } else {
      wgb_buf *wb = a->alloc->handle;
      uint64_t off = a->offset;
      if (off % lim->minStorageBufferOffsetAlignment != 0)
        return fail(err, errlen, CW_ERROR_LAUNCH,
                    "pointer argument '%s' of kernel '%s' is at byte offset %llu into its "
                    "allocation; the webgpu backend can only bind offsets that are multiples of "
                    "%u (minStorageBufferOffsetAlignment) for now",
                    p->name, k->name, (unsigned long long)off, lim->minStorageBufferOffsetAlignment);
      if (off + min_size > wb->gpu_size)
        return fail(err, errlen, CW_ERROR_LAUNCH,
                    "pointer argument '%s' of kernel '%s' points at byte %llu of a %llu-byte "
                    "allocation, leaving less than one %d-byte element",
                    p->name, k->name, (unsigned long long)off, (unsigned long long)wb->size,
                    p->elem_size);
      uint64_t bsize = wb->gpu_size - off;
      if (bsize > lim->maxStorageBufferBindingSize)
        return fail(err, errlen, CW_ERROR_LAUNCH,
                    "pointer argument '%s' of kernel '%s' would bind %llu bytes, more than this "
                    "adapter's maxStorageBufferBindingSize of %llu bytes",
                    p->name, k->name, (unsigned long long)bsize,
                    (unsigned long long)lim->maxStorageBufferBindingSize);
      e->buffer = wb->buf;
      e->offset = off;
      bi[ne].serial = wb->serial;
    }
    bi[ne].what = "parameter";
    snprintf(bi[ne].name, sizeof bi[ne].name, "%s", p->name);
    bi[ne].buf = e->buffer;
    bi[ne].writable = !p->read_only;
    ne++;
  }
  for (int i = 0; i < k->nglobals; i++) {
    const cw_rt_global *g = &m->prog->globals[k->globals[i]];
    if (ne > CW_WGB_MAX_BINDINGS)
      return fail(err, errlen, CW_ERROR_LAUNCH, "kernel '%s' has too many buffers", k->name);
    cw_rt_alloc *ga = l->globals ? l->globals[i] : NULL;
    if (!ga || !ga->handle)
      return fail(err, errlen, CW_ERROR_INTERNAL, "global '%s' has no device memory", g->name);
    wgb_buf *wb = ga->handle;
    WGPUBindGroupEntry *e = &ent[ne];
    e->binding = (uint32_t)g->binding;
    e->buffer = wb->buf;
    e->size = WGPU_WHOLE_SIZE;
    bi[ne].serial = wb->serial;
    bi[ne].what = "global";
    snprintf(bi[ne].name, sizeof bi[ne].name, "%s", g->name);
    bi[ne].buf = wb->buf;
    bi[ne].writable = true; /* conservatively; globals never alias parameters */
    ne++;
  }
  if (l->io_alloc) { /* device printf/assert records (rt/printf.c) */
    if (ne > CW_WGB_MAX_BINDINGS)
      return fail(err, errlen, CW_ERROR_LAUNCH, "kernel '%s' has too many buffers", k->name);
    wgb_buf *wb = l->io_alloc->handle;
    WGPUBindGroupEntry *e = &ent[ne];
    e->binding = (uint32_t)m->prog->io_binding;
    e->buffer = wb->buf;
    e->size = WGPU_WHOLE_SIZE;
    bi[ne].serial = wb->serial;
    bi[ne].what = "printf buffer";
    snprintf(bi[ne].name, sizeof bi[ne].name, "cw_io");
    bi[ne].buf = wb->buf;
    bi[ne].writable = true;
    ne++;
  }
  /* WebGPU forbids one buffer as read-only and as writable storage in one
   * dispatch (CUDA allows it): say so instead of a validation error later. */
  for (int i = 1; i < ne; i++)
    for (int j = i + 1; j < ne; j++)
      if (bi[i].buf == bi[j].buf && bi[i].buf != b->dummy && bi[i].writable != bi[j].writable) {
        int w = bi[i].writable ? i : j, r = bi[i].writable ? j : i;
        return fail(err, errlen, CW_ERROR_LAUNCH,
                    "%s '%s' (written) and %s '%s' (only read) of kernel '%s' point into the same "
                    "allocation; WebGPU cannot bind one buffer as writable and read-only storage "
                    "in one dispatch",
                    bi[w].what, bi[w].name, bi[r].what, bi[r].name, k->name);
      }

  wgb_pipe *pp = NULL;
  st = get_pipeline(b, m, l, dyn_len, &pp, err, errlen);
  if (st != CW_OK) return st;

  /* Uniforms: grid header, then the scalar fields (built on the stack). */
  uint32_t usize = (uint32_t)(k->uniform_size > 16 ? k->uniform_size : 16);
  if (usize > CW_WGB_SLAB)
    return fail(err, errlen, CW_ERROR_LAUNCH, "kernel parameters need %u uniform bytes (at most %u)",
                usize, CW_WGB_SLAB);
  unsigned char ustack[1024];
  unsigned char *u = usize <= sizeof ustack ? ustack : calloc(1, usize);
  if (!u) return fail(err, errlen, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  memset(u, 0, usize);
  uint32_t hdr[4] = {l->grid.x, l->grid.y, l->grid.z, 0};
  memcpy(u, hdr, sizeof hdr);
  for (int i = 0; i < k->nufields; i++) {
    const cw_rt_ufield *f = &k->ufields[i];
    if (f->param < 0 || f->param >= k->nparams || f->offset < 0 || f->size < 0 ||
        (uint32_t)(f->offset + (f->from_f64 ? 4 : f->size)) > usize || !l->args[f->param].value ||
        f->host_offset + f->size > k->params[f->param].size) {
      if (u != ustack) free(u);
      return fail(err, errlen, CW_ERROR_INTERNAL, "bad uniform field %d of kernel '%s'", i, k->name);
    }
    if (f->from_f64 && f->size == 8) { /* demote_double: the host's double, as an f32 slot */
      double d;
      memcpy(&d, (const unsigned char *)l->args[f->param].value + f->host_offset, 8);
      /* beyond FLT_MAX + half an ulp rounds to infinity (the cast itself would be UB in C) */
      float x = fabs(d) >= 0x1.ffffffp127 ? (d < 0 ? -HUGE_VALF : HUGE_VALF) : (float)d;
      memcpy(u + f->offset, &x, 4);
      continue;
    }
    memcpy(u + f->offset, (const unsigned char *)l->args[f->param].value + f->host_offset,
           (size_t)f->size);
  }
  WGPUBindGroup group = NULL;
  int owned = 0; /* group is transient (released after recording) */
  st = bind_group(b, pp, u, usize, ent, bi, ne, &group, &owned, err, errlen);
  if (u != ustack) free(u);
  if (st != CW_OK) return st;
  ensure_pass(b);
  cw_dawn.wgpuComputePassEncoderSetPipeline(b->pass, pp->pipe);
  cw_dawn.wgpuComputePassEncoderSetBindGroup(b->pass, 0, group, 0, NULL);
  cw_dawn.wgpuComputePassEncoderDispatchWorkgroups(b->pass, (uint32_t)wx, (uint32_t)wy, 1);
  if (owned) cw_dawn.wgpuBindGroupRelease(group); /* the encoder holds its own reference */
  b->recorded = 1;
  if (++b->pending >= CW_WGB_BATCH) flush(b);
  return CW_OK;
}

static cw_status wgb_synchronize(void *impl, char *err, size_t errlen) {
  wgb *b = impl;
  cw_status st = check_device(b, err, errlen);
  if (st != CW_OK) return st;
  return drain(b, "synchronize", err, errlen);
}

const cw_backend_ops cw_webgpu_backend = {
    .kind = CW_BACKEND_WEBGPU,
    .name = "webgpu",
    .target = CW_TARGET_WGSL,
    .open = wgb_open,
    .close = wgb_close,
    .describe = wgb_describe,
    .wgsl_subgroup_size = wgb_subgroup_size,
    .wgsl_half_native = wgb_half_native,
    .alloc = wgb_alloc,
    .free = wgb_free,
    .write = wgb_write,
    .read = wgb_read,
    .copy = wgb_copy,
    .fill = wgb_fill,
    .module_load = wgb_module_load,
    .module_unload = wgb_module_unload,
    .launch = wgb_launch,
    .synchronize = wgb_synchronize,
};
