/* Runtime core: kernel launches (every CUDA limit and argument checked here,
 * once for all backends), synchronisation and events. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rt/core.h"
#include "rt/fault.h"

#define CW_MAX_BLOCK_THREADS 1024u
#define CW_MAX_SHARED_BYTES (48u * 1024u) /* CUDA's default per-block limit */

static bool ker_ok(const cw_kernel *k) {
  return k && k->magic == CW_KER_MAGIC && k->mod && k->mod->magic == CW_MOD_MAGIC && cw_rt_ctx_ok(k->mod->ctx);
}

cw_status cw_launch(cw_kernel *k, cw_dim3 grid, cw_dim3 block, size_t dyn_shared_bytes, void **args, int nargs) {
  if (!ker_ok(k)) return CW_ERROR_INVALID_VALUE;
  cw_module *mod = k->mod;
  cw_context *ctx = mod->ctx;
  const cw_rt_kernel *rk = &mod->prog->kernels[k->index];
  const char *kn = rk->name;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_launch");
  if (nargs != rk->nparams)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "kernel '%s' takes %d argument%s, %d given", kn, rk->nparams,
                      rk->nparams == 1 ? "" : "s", nargs);
  if (nargs > 0 && !args)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "kernel '%s': args is NULL but %d arguments are needed", kn,
                      nargs);
  if (!grid.x || !grid.y || !grid.z || !block.x || !block.y || !block.z)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': grid (%u,%u,%u) and block (%u,%u,%u) must be at least 1 in every dimension", kn,
                      grid.x, grid.y, grid.z, block.x, block.y, block.z);
  uint64_t nthreads = (uint64_t)block.x * block.y * block.z;
  if (block.x > 1024 || block.y > 1024 || block.z > 64 || nthreads > CW_MAX_BLOCK_THREADS)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': block (%u,%u,%u) has %" PRIu64
                      " threads; the limits are 1024 threads per block, x and y <= 1024, z <= 64",
                      kn, block.x, block.y, block.z, nthreads);
  if (rk->max_threads > 0 && nthreads > (uint64_t)rk->max_threads)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': block of %" PRIu64 " threads exceeds its __launch_bounds__(%d)", kn, nthreads,
                      rk->max_threads);
  if (grid.x > 0x7fffffffu || grid.y > 65535 || grid.z > 65535)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': grid (%u,%u,%u) exceeds the limits (x <= 2147483647, y and z <= 65535)", kn,
                      grid.x, grid.y, grid.z);
  if (dyn_shared_bytes + (size_t)rk->static_shared_bytes > CW_MAX_SHARED_BYTES)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': %zu bytes of dynamic shared memory plus %d static exceed the %u-byte limit", kn,
                      dyn_shared_bytes, rk->static_shared_bytes, CW_MAX_SHARED_BYTES);
  if (rk->dyn_shared_elem_size > 0 && dyn_shared_bytes % (size_t)rk->dyn_shared_elem_size)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': %zu bytes of dynamic shared memory is not a multiple of its element size %d",
                      kn, dyn_shared_bytes, rk->dyn_shared_elem_size);

  /* small launches (the common case) need no heap */
  cw_rt_arg argbuf[16];
  cw_rt_alloc *globbuf[16];
  cw_rt_arg *a = rk->nparams <= 16 ? argbuf : calloc((size_t)rk->nparams, sizeof *a);
  cw_rt_alloc **g = rk->nglobals <= 16 ? globbuf : calloc((size_t)rk->nglobals, sizeof *g);
  cw_status st = CW_OK;
  if (!a || !g) {
    st = cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    goto done;
  }
  for (int i = 0; i < rk->nparams; i++) {
    const cw_rt_param *p = &rk->params[i];
    a[i] = (cw_rt_arg){.param = p};
    if (!args[i]) {
      st = cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "kernel '%s': argument %d ('%s') is NULL; args[%d] must point at the value",
                      kn, i, p->name, i);
      goto done;
    }
    if (p->kind != CW_RT_BUFFER) {
      a[i].value = args[i];
      continue;
    }
    cw_deviceptr d;
    memcpy(&d, args[i], sizeof d);
    a[i].alloc = cw_rt_resolve(ctx, d, &a[i].offset);
    if (!a[i].alloc) {
      st = cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "kernel '%s': argument %d ('%s') is not a device pointer returned by cw_malloc (0x%llx%s)", kn,
                      i, p->name, d, d == 0 ? ", NULL" : "");
      goto done;
    }
  }
  for (int i = 0; i < rk->nglobals; i++) g[i] = mod->globals[rk->globals[i]];
  cw_rt_launch l = {.kernel = rk, .kernel_index = k->index, .grid = grid, .block = block,
                    .dyn_shared_bytes = dyn_shared_bytes, .args = a, .globals = g};
  if (rk->uses_io && (st = cw_rt_io_begin(ctx, mod->prog, kn, &l)) != CW_OK) goto done;
  char err[1024] = "";
  /* CW_FAULT=device-lost (test-only, rt/fault.h): this launch does not run
   * and the context is lost, as when a GPU falls off the bus mid-run */
  if (cw_fault_take_device_lost()) {
    snprintf(err, sizeof err, "%s device lost during the launch (simulated: CW_FAULT=device-lost)",
             cw_backend_name(ctx->kind));
    st = CW_ERROR_DEVICE_LOST;
  } else {
    st = ctx->ops->launch(ctx->impl, mod->impl, &l, err, sizeof err);
  }
  if (st != CW_OK) cw_rt_fail(ctx, st, "kernel '%s': %s", kn, err);
  else cw_rt_ok(ctx);
  st = cw_rt_io_end(ctx, &l, st);
done:
  if (a && a != argbuf) free(a);
  if (g && g != globbuf) free(g);
  return st;
}

cw_status cw_synchronize(cw_context *ctx) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_synchronize");
  char err[1024] = "";
  cw_status st = ctx->ops->synchronize(ctx->impl, err, sizeof err);
  if (st != CW_OK) return cw_rt_fail(ctx, st, "cw_synchronize: %s", err);
  if ((st = cw_rt_io_collect(ctx, true)) != CW_OK) return st;
  cw_rt_ok(ctx);
  return CW_OK;
}

static bool evt_ok(const cw_event *e) { return e && e->magic == CW_EVT_MAGIC && cw_rt_ctx_ok(e->ctx); }

cw_status cw_event_create(cw_context *ctx, cw_event **out) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (!out) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_event_create: out is NULL");
  cw_event *e = calloc(1, sizeof *e);
  if (!e) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  e->magic = CW_EVT_MAGIC;
  e->ctx = ctx;
  if (ctx->ops->event_create) { /* device-timed (cuda, hip) */
    char err[512] = "";
    cw_status st = ctx->ops->event_create(ctx->impl, &e->impl, err, sizeof err);
    if (st != CW_OK) {
      free(e);
      return cw_rt_fail(ctx, st, "cw_event_create: %s", err);
    }
    e->next = ctx->events;
    if (ctx->events) ctx->events->prev = e;
    ctx->events = e;
  }
  *out = e;
  cw_rt_ok(ctx);
  return CW_OK;
}

void cw_rt_events_release(cw_context *ctx) {
  for (cw_event *e = ctx->events, *next; e; e = next) {
    next = e->next;
    ctx->ops->event_destroy(ctx->impl, e->impl);
    e->impl = NULL;
    e->ctx = NULL;
    e->next = e->prev = NULL;
  }
  ctx->events = NULL;
}

/* cpu/webgpu: records the time once all work submitted so far has
 * finished (no timestamp queries there), so an event synchronises.
 * cuda/hip: a device event in the stream's order; nothing waits. */
cw_status cw_event_record(cw_event *ev) {
  if (!evt_ok(ev)) return CW_ERROR_INVALID_VALUE;
  if (ev->impl) {
    cw_context *ctx = ev->ctx;
    char err[512] = "";
    cw_status st = ctx->ops->event_record(ctx->impl, ev->impl, err, sizeof err);
    if (st != CW_OK) return cw_rt_fail(ctx, st, "cw_event_record: %s", err);
    ev->recorded = true;
    cw_rt_ok(ctx);
    return CW_OK;
  }
  cw_status st = cw_synchronize(ev->ctx);
  if (st != CW_OK) return st;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  ev->t_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
  ev->recorded = true;
  return CW_OK;
}

cw_status cw_event_elapsed_ms(cw_event *start, cw_event *end, float *ms) {
  if (!evt_ok(start) || !evt_ok(end)) return CW_ERROR_INVALID_VALUE;
  cw_context *ctx = start->ctx;
  if (!ms) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_event_elapsed_ms: ms is NULL");
  if (end->ctx != ctx)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_event_elapsed_ms: the events belong to different contexts");
  if (!start->recorded || !end->recorded)
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_event_elapsed_ms: the %s event was never recorded",
                      !start->recorded ? "start" : "end");
  if (start->impl && end->impl) {
    char err[512] = "";
    cw_status st = ctx->ops->event_elapsed(ctx->impl, start->impl, end->impl, ms, err, sizeof err);
    if (st != CW_OK) return cw_rt_fail(ctx, st, "cw_event_elapsed_ms: %s", err);
  } else {
    *ms = (float)(end->t_ms - start->t_ms);
  }
  cw_rt_ok(ctx);
  return CW_OK;
}

void cw_event_destroy(cw_event *ev) {
  if (!ev || ev->magic != CW_EVT_MAGIC) return; /* may outlive its context (then ctx is NULL) */
  cw_context *ctx = ev->ctx;
  if (ev->impl && ctx) {
    if (ev->prev) ev->prev->next = ev->next;
    else ctx->events = ev->next;
    if (ev->next) ev->next->prev = ev->prev;
    ctx->ops->event_destroy(ctx->impl, ev->impl);
  }
  ev->magic = 0;
  free(ev);
}
