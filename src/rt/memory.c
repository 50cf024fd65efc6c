/* Runtime core: device memory. A cw_deviceptr is (allocation id << 40) |
 * byte offset (runtime.h); ids start at 1 and are never reused, so a stale
 * pointer to a freed allocation is recognised as such. Every copy and memset
 * is range-checked here before a backend sees it. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rt/core.h"

#define OFFSET_MASK (((uint64_t)1 << CW_PTR_OFFSET_BITS) - 1)
#define MAX_ALLOCS (((uint64_t)1 << (64 - CW_PTR_OFFSET_BITS)) - 1)

cw_rt_alloc *cw_rt_resolve(cw_context *ctx, cw_deviceptr p, size_t *offset) {
  uint64_t id = (uint64_t)p >> CW_PTR_OFFSET_BITS;
  uint64_t off = (uint64_t)p & OFFSET_MASK;
  if (id == 0 || id > ctx->nallocs) return NULL;
  cw_rt_alloc *a = ctx->allocs[id - 1];
  if (!a || !a->live || off > a->size) return NULL;
  if (offset) *offset = (size_t)off;
  return a;
}

/* A new table entry (no backend object yet). */
static cw_status alloc_entry(cw_context *ctx, size_t bytes, cw_rt_alloc **out) {
  if (bytes >= CW_PTR_MAX_ALLOC_BYTES)
    return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "allocation of %zu bytes exceeds the limit of %zu bytes",
                      bytes, (size_t)CW_PTR_MAX_ALLOC_BYTES - 1);
  if (ctx->nallocs >= MAX_ALLOCS)
    return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "too many allocations (%" PRIu64 ") in one context",
                      (uint64_t)MAX_ALLOCS);
  if (ctx->nallocs == ctx->capallocs) {
    size_t cap = ctx->capallocs ? ctx->capallocs * 2 : 64;
    cw_rt_alloc **na = realloc(ctx->allocs, cap * sizeof *na);
    if (!na) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    ctx->allocs = na;
    ctx->capallocs = cap;
  }
  cw_rt_alloc *a = calloc(1, sizeof *a);
  if (!a) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  *out = a;
  return CW_OK;
}

static void alloc_register(cw_context *ctx, cw_rt_alloc *a, size_t bytes) {
  a->size = bytes;
  a->live = true;
  a->id = ctx->nallocs + 1;
  ctx->allocs[ctx->nallocs++] = a;
}

cw_status cw_rt_alloc_adopt(cw_context *ctx, size_t bytes, void *handle, cw_rt_alloc **out) {
  cw_rt_alloc *a = NULL;
  cw_status st = alloc_entry(ctx, bytes, &a);
  if (st != CW_OK) return st;
  a->handle = handle;
  alloc_register(ctx, a, bytes);
  *out = a;
  return CW_OK;
}

cw_status cw_rt_alloc_new(cw_context *ctx, size_t bytes, cw_rt_alloc **out) {
  cw_rt_alloc *a = NULL;
  cw_status st = alloc_entry(ctx, bytes, &a);
  if (st != CW_OK) return st;
  char err[512] = "";
  /* a 0-byte allocation still gets a backend object so that its pointer is unique */
  st = ctx->ops->alloc(ctx->impl, bytes ? bytes : 1, &a->handle, err, sizeof err);
  if (st != CW_OK) {
    free(a);
    return cw_rt_fail(ctx, st, "cannot allocate %zu bytes: %s", bytes, err);
  }
  alloc_register(ctx, a, bytes);
  *out = a;
  return CW_OK;
}

/* The table entry stays (live = false) so that stale pointers are told apart. */
void cw_rt_alloc_release(cw_context *ctx, cw_rt_alloc *a) {
  if (!a || !a->live) return;
  ctx->ops->free(ctx->impl, a->handle);
  a->handle = NULL;
  a->live = false;
}

void cw_rt_free_all(cw_context *ctx) {
  for (size_t i = 0; i < ctx->nallocs; i++) {
    cw_rt_alloc_release(ctx, ctx->allocs[i]);
    free(ctx->allocs[i]);
  }
  free(ctx->allocs);
  ctx->allocs = NULL;
  ctx->nallocs = ctx->capallocs = 0;
}

cw_status cw_malloc(cw_context *ctx, cw_deviceptr *out, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_malloc");
  if (!out) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_malloc: out is NULL");
  *out = 0;
  cw_rt_alloc *a = NULL;
  cw_status st = cw_rt_alloc_new(ctx, bytes, &a);
  if (st != CW_OK) return st;
  *out = (cw_deviceptr)(a->id << CW_PTR_OFFSET_BITS);
  cw_rt_ok(ctx);
  return CW_OK;
}

/* Why p does not resolve, for messages. */
static const char *bad_ptr_reason(cw_context *ctx, cw_deviceptr p) {
  uint64_t id = (uint64_t)p >> CW_PTR_OFFSET_BITS;
  if (p == 0) return "it is NULL";
  if (id == 0 || id > ctx->nallocs) return "it is not a pointer returned by cw_malloc";
  cw_rt_alloc *a = ctx->allocs[id - 1];
  if (!a->live) return "its allocation was freed";
  return "its offset is beyond the end of its allocation";
}

cw_status cw_free(cw_context *ctx, cw_deviceptr p) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  size_t off;
  cw_rt_alloc *a = cw_rt_resolve(ctx, p, &off);
  if (!a)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_free: cannot free 0x%llx: %s", p, bad_ptr_reason(ctx, p));
  if (off != 0)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "cw_free: 0x%llx points %zu bytes into its allocation; free the pointer cw_malloc returned",
                      p, off);
  /* the backend may still be using it */
  char err[512] = "";
  cw_status st = ctx->ops->synchronize(ctx->impl, err, sizeof err);
  if (st != CW_OK) return cw_rt_fail(ctx, st, "cw_free: %s", err);
  cw_rt_alloc_release(ctx, a);
  cw_rt_ok(ctx);
  return CW_OK;
}

/* Resolves p and checks [off, off + bytes) against its allocation. */
static cw_status range(cw_context *ctx, const char *fn, const char *what, cw_deviceptr p, size_t bytes,
                       cw_rt_alloc **a, size_t *off) {
  *a = cw_rt_resolve(ctx, p, off);
  if (!*a)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "%s: %s 0x%llx is not usable: %s", fn, what, p,
                      bad_ptr_reason(ctx, p));
  if (bytes > (*a)->size - *off)
    return cw_rt_fail(ctx, CW_ERROR_OUT_OF_RANGE,
                      "%s: %zu bytes at offset %zu of the %s exceed its allocation of %zu bytes "
                      "(%zu bytes available)",
                      fn, bytes, *off, what, (*a)->size, (*a)->size - *off);
  return CW_OK;
}

cw_status cw_memcpy_htod(cw_context *ctx, cw_deviceptr dst, const void *src, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_memcpy_htod");
  if (!src && bytes) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_memcpy_htod: src is NULL");
  cw_rt_alloc *a = NULL;
  size_t off;
  cw_status st = range(ctx, "cw_memcpy_htod", "destination", dst, bytes, &a, &off);
  if (st != CW_OK) return st;
  char err[512] = "";
  if (bytes && (st = ctx->ops->write(ctx->impl, a->handle, off, src, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_memcpy_htod: %s", err);
  cw_rt_ok(ctx);
  return CW_OK;
}

cw_status cw_memcpy_dtoh(cw_context *ctx, void *dst, cw_deviceptr src, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_memcpy_dtoh");
  if (!dst && bytes) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_memcpy_dtoh: dst is NULL");
  cw_rt_alloc *a = NULL;
  size_t off;
  cw_status st = range(ctx, "cw_memcpy_dtoh", "source", src, bytes, &a, &off);
  if (st != CW_OK) return st;
  char err[512] = "";
  if (bytes && (st = ctx->ops->read(ctx->impl, a->handle, off, dst, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_memcpy_dtoh: %s", err);
  if (ctx->io_pending && (st = cw_rt_io_collect(ctx, false)) != CW_OK) return st; /* device printf output */
  cw_rt_ok(ctx);
  return CW_OK;
}

cw_status cw_memcpy_dtod(cw_context *ctx, cw_deviceptr dst, cw_deviceptr src, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_memcpy_dtod");
  cw_rt_alloc *da, *sa;
  size_t doff, soff;
  cw_status st = range(ctx, "cw_memcpy_dtod", "destination", dst, bytes, &da, &doff);
  if (st != CW_OK) return st;
  if ((st = range(ctx, "cw_memcpy_dtod", "source", src, bytes, &sa, &soff)) != CW_OK) return st;
  if (da == sa && bytes && doff < soff + bytes && soff < doff + bytes)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "cw_memcpy_dtod: source [%zu, %zu) and destination [%zu, %zu) overlap", soff,
                      soff + bytes, doff, doff + bytes);
  char err[512] = "";
  if (bytes &&
      (st = ctx->ops->copy(ctx->impl, da->handle, doff, sa->handle, soff, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_memcpy_dtod: %s", err);
  cw_rt_ok(ctx);
  return CW_OK;
}

cw_status cw_memset_d8(cw_context *ctx, cw_deviceptr dst, unsigned char value, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_memset_d8");
  cw_rt_alloc *a = NULL;
  size_t off;
  cw_status st = range(ctx, "cw_memset_d8", "destination", dst, bytes, &a, &off);
  if (st != CW_OK) return st;
  char err[512] = "";
  if (bytes && (st = ctx->ops->fill(ctx->impl, a->handle, off, value, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_memset_d8: %s", err);
  cw_rt_ok(ctx);
  return CW_OK;
}
