/* Runtime core: contexts (backend choice through the chain of rt/chain.h,
 * with a report of what was tried), error recording and status names.
 *
 * Backend choice (cw_context_create):
 *   AUTO      every step in order: cuda, hip, webgpu, cpu (system C
 *             compiler), cpu-tcc (libtcc in-process). opts->backend stays
 *             AUTO when handed to the webgpu backend's open(), which then
 *             refuses CPU adapters (llvmpipe, SwiftShader): the cpu backend
 *             is faster than a software Vulkan driver. `check` keeps only
 *             the cpu steps (bounds checks live in the C code).
 *   CPU       the cpu steps (cc, then tcc).
 *   others    only that step; its failure reason is the error.
 * A step is skipped when disabled (opts->disable | $CW_DISABLE) or, in AUTO,
 * when its device was lost earlier in this process. Every step tried or
 * skipped leaves one line in cw_context_report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/chain.h"
#include "rt/core.h"
#include "rt/fault.h"


const char *cw_backend_name(cw_backend b) {
  switch (b) {
  case CW_BACKEND_AUTO: return "auto";
  case CW_BACKEND_CPU: return "cpu";
  case CW_BACKEND_WEBGPU: return "webgpu";
  case CW_BACKEND_CUDA: return "cuda";
  case CW_BACKEND_HIP: return "hip";
  }
  return "unknown";
}

const char *cw_status_name(cw_status s) {
  switch (s) {
  case CW_OK: return "CW_OK";
  case CW_ERROR_INVALID_VALUE: return "CW_ERROR_INVALID_VALUE";
  case CW_ERROR_OUT_OF_RANGE: return "CW_ERROR_OUT_OF_RANGE";
  case CW_ERROR_UNAVAILABLE: return "CW_ERROR_UNAVAILABLE";
  case CW_ERROR_COMPILE: return "CW_ERROR_COMPILE";
  case CW_ERROR_NOT_FOUND: return "CW_ERROR_NOT_FOUND";
  case CW_ERROR_LAUNCH: return "CW_ERROR_LAUNCH";
  case CW_ERROR_OUT_OF_MEMORY: return "CW_ERROR_OUT_OF_MEMORY";
  case CW_ERROR_DEVICE_LOST: return "CW_ERROR_DEVICE_LOST";
  case CW_ERROR_MEMCHECK: return "CW_ERROR_MEMCHECK";
  case CW_ERROR_INTERNAL: return "CW_ERROR_INTERNAL";
  case CW_ERROR_ASSERT: return "CW_ERROR_ASSERT";
  }
  return "CW_ERROR_UNKNOWN";
}

bool cw_rt_ctx_ok(const cw_context *ctx) { return ctx && ctx->magic == CW_CTX_MAGIC; }

cw_status cw_rt_fail(cw_context *ctx, cw_status st, const char *fmt, ...) {
  if (!ctx) return st;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
  va_end(ap);
  if (st == CW_ERROR_DEVICE_LOST && !ctx->lost) {
    /* sticky, as in CUDA; AUTO skips this step from now on in this process */
    ctx->lost = true;
    snprintf(ctx->lost_msg, sizeof ctx->lost_msg,
             "the device was lost (%.380s); destroy this context and create a new one", ctx->err);
    cw_chain_mark_lost((cw_step)ctx->step);
    size_t n = strlen(ctx->err);
    snprintf(ctx->err + n, sizeof ctx->err - n, "; destroy this context and create a new one");
  }
  return st;
}

cw_status cw_rt_lost_check(cw_context *ctx, const char *what) {
  if (!ctx->lost) return CW_OK;
  snprintf(ctx->err, sizeof ctx->err, "%s: %s", what, ctx->lost_msg);
  return CW_ERROR_DEVICE_LOST;
}

void cw_rt_ok(cw_context *ctx) {
  if (ctx) ctx->err[0] = 0;
}

static void report_line(cw_context *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report_line(cw_context *ctx, const char *fmt, ...) {
  size_t n = strlen(ctx->report);
  if (n + 2 >= sizeof ctx->report) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx->report + n, sizeof ctx->report - n - 1, fmt, ap);
  va_end(ap);
  n = strlen(ctx->report);
  ctx->report[n] = '\n';
  ctx->report[n + 1] = 0;
}

/* Tries one step; on success it becomes the context's. */
static cw_status try_step(cw_context *ctx, cw_step step, const cw_context_options *o, char *why, size_t whylen) {
  const cw_chain_step *cs = cw_chain_get(step);
  void *impl = NULL;
  why[0] = 0;
  cw_status st = CW_ERROR_UNAVAILABLE;
  if (!cs->ops) snprintf(why, whylen, "not built into this library");
  else st = cs->ops->open(o, &impl, why, whylen);
  if (st != CW_OK) {
    if (!why[0]) snprintf(why, whylen, "%s", cw_status_name(st));
    report_line(ctx, "%s: unavailable: %s", cs->name, why);
    return st;
  }
  const char *d = cs->ops->describe ? cs->ops->describe(impl) : NULL;
  report_line(ctx, "%s: available (%s)", cs->name, d ? d : "");
  ctx->ops = cs->ops;
  ctx->impl = impl;
  ctx->kind = cs->kind;
  ctx->step = (int)step;
  return CW_OK;
}

/* The cuda steps' faults happen in the chain, before the backend's open():
 * the backend may live in another library (rt/chain.c), and the test must
 * see the chain move on whether or not a GPU is present. */
static const char *simulated_failure(cw_step step) {
  if (step == CW_STEP_CUDA && cw_fault_on(CW_FAULT_NO_LIBCUDA))
    return "libcuda.so.1 cannot be loaded (simulated: CW_FAULT=no-libcuda)";
  if (step == CW_STEP_CUDA && cw_fault_on(CW_FAULT_NO_NVRTC))
    return "libnvrtc.so cannot be loaded (simulated: CW_FAULT=no-nvrtc)";
  if (step == CW_STEP_CUDA && cw_fault_on(CW_FAULT_NVRTC_COMPILE))
    return "NVRTC rejected the self-test kernel (simulated: CW_FAULT=nvrtc-compile)";
  if (step == CW_STEP_HIP && cw_fault_on(CW_FAULT_NO_HIP))
    return "libamdhip64.so cannot be loaded (simulated: CW_FAULT=no-hip)";
  return NULL;
}

/* Why the last cw_context_create on this thread failed (the report of what was tried). */
static _Thread_local char create_err[3072];

/* Is step s part of the request, and if not, the line that says why. */
static bool wanted(const cw_context_options *o, cw_step s, char *skip, size_t n) {
  const cw_chain_step *cs = cw_chain_get(s);
  bool cpu = s == CW_STEP_CC || s == CW_STEP_TCC;
  if (o->backend != CW_BACKEND_AUTO && cs->kind != o->backend) {
    snprintf(skip, n, "%s: skipped: backend %s requested", cs->name, cw_backend_name(o->backend));
    return false;
  }
  if (o->backend == CW_BACKEND_AUTO && o->check && !cpu) {
    snprintf(skip, n, "%s: skipped: --check needs the cpu backend", cs->name);
    return false;
  }
  return true;
}

cw_status cw_context_create(const cw_context_options *opts, cw_context **out) {
  static const cw_context_options defaults;
  if (!out) {
    snprintf(create_err, sizeof create_err, "out is NULL");
    return CW_ERROR_INVALID_VALUE;
  }
  *out = NULL;
  const cw_context_options *o = opts ? opts : &defaults;
  if ((int)o->backend < CW_BACKEND_AUTO || o->backend > CW_BACKEND_HIP || o->threads < 0 ||
      (o->disable & ~CW_DISABLE_CPU & ~(CW_DISABLE_CUDA | CW_DISABLE_HIP | CW_DISABLE_WEBGPU))) {
    snprintf(create_err, sizeof create_err, "bad options: backend %d, threads %d, disable 0x%x", (int)o->backend,
             o->threads, o->disable);
    return CW_ERROR_INVALID_VALUE;
  }
  unsigned env_mask = 0;
  char why[512];
  if (!cw_chain_parse_disable(getenv("CW_DISABLE"), &env_mask, why, sizeof why) ||
      !cw_fault_check_env(why, sizeof why)) {
    snprintf(create_err, sizeof create_err, "%s", why);
    return CW_ERROR_INVALID_VALUE;
  }
  cw_context *ctx = calloc(1, sizeof *ctx);
  if (!ctx) return CW_ERROR_OUT_OF_MEMORY;
  ctx->magic = CW_CTX_MAGIC;
  ctx->check = o->check;
  cw_status st = CW_ERROR_UNAVAILABLE;
  int tried = 0, disabled = 0;
  why[0] = 0;
  for (int s = 0; s < CW_STEP_COUNT && st != CW_OK; s++) {
    const cw_chain_step *cs = cw_chain_get((cw_step)s);
    char line[600];
    if (!wanted(o, (cw_step)s, line, sizeof line)) {
      report_line(ctx, "%s", line);
      continue;
    }
    const char *sim = simulated_failure((cw_step)s);
    if ((o->disable | env_mask) >> s & 1u) {
      report_line(ctx, "%s: disabled (%s)", cs->name,
                  o->disable >> s & 1u ? "cw_context_options.disable" : "CW_DISABLE");
      disabled++;
    } else if (o->backend == CW_BACKEND_AUTO && cw_chain_is_lost((cw_step)s)) {
      report_line(ctx, "%s: skipped: its device was lost earlier in this process", cs->name);
      if (!tried) snprintf(why, sizeof why, "the %s device was lost earlier in this process", cs->name);
    } else if (sim) {
      report_line(ctx, "%s: unavailable: %s", cs->name, sim);
      snprintf(why, sizeof why, "%s", sim);
      tried++;
    } else {
      st = try_step(ctx, (cw_step)s, o, why, sizeof why);
      tried++;
    }
  }
  /* after the chosen step, the steps not tried are listed too, so that the
   * report always names every step */
  for (int s = ctx->ops ? ctx->step + 1 : CW_STEP_COUNT; s < CW_STEP_COUNT; s++) {
    char line[600];
    if (!wanted(o, (cw_step)s, line, sizeof line)) report_line(ctx, "%s", line);
    else report_line(ctx, "%s: not tried: %s was chosen", cw_chain_get((cw_step)s)->name,
                     cw_chain_get((cw_step)ctx->step)->name);
  }
  if (st != CW_OK) {
    if (!tried && disabled) snprintf(why, sizeof why, "every backend requested is disabled");
    else if (o->backend == CW_BACKEND_AUTO || !why[0])
      snprintf(why, sizeof why, "no backend is available");
    /* no context to read the report from: keep it for cw_context_create_error() */
    snprintf(create_err, sizeof create_err, "no usable backend (%s); tried:\n%s", why, ctx->report);
    free(ctx);
    return st;
  }
  create_err[0] = 0;
  *out = ctx;
  return CW_OK;
}

const char *cw_context_create_error(void) { return create_err; }

void cw_context_destroy(cw_context *ctx) {
  if (!cw_rt_ctx_ok(ctx)) return;
  while (ctx->modules) cw_module_unload(ctx->modules);
  if (ctx->ops->synchronize) {
    char err[256];
    if (ctx->ops->synchronize(ctx->impl, err, sizeof err) == CW_OK) cw_rt_io_collect(ctx, false);
  }
  cw_rt_io_free_all(ctx);
  cw_rt_events_release(ctx);
  cw_rt_free_all(ctx);
  ctx->ops->close(ctx->impl);
  ctx->magic = 0;
  free(ctx);
}

cw_backend cw_context_backend(const cw_context *ctx) {
  return cw_rt_ctx_ok(ctx) ? ctx->kind : CW_BACKEND_AUTO;
}

const char *cw_context_report(const cw_context *ctx) { return cw_rt_ctx_ok(ctx) ? ctx->report : ""; }

const char *cw_context_last_error(const cw_context *ctx) {
  if (!ctx) return "the context is NULL";
  return cw_rt_ctx_ok(ctx) ? ctx->err : "not a live context";
}
