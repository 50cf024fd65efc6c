/* Runtime core: contexts (backend choice with a fallback chain and a report
 * of what was tried), error recording and status names.
 *
 * Backend choice (cw_context_create):
 *   AUTO      webgpu, then cpu. opts->backend stays AUTO when handed to the
 *             webgpu backend's open(), which then refuses CPU adapters
 *             (llvmpipe, SwiftShader): the cpu backend is faster than a
 *             software Vulkan driver.
 *   explicit  only that backend; its failure reason is the error.
 * Every backend tried or skipped leaves one line in cw_context_report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/core.h"


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
  return st;
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

/* Tries one backend; on success it becomes the context's. */
static cw_status try_backend(cw_context *ctx, const cw_backend_ops *ops, const cw_context_options *o,
                             char *why, size_t whylen) {
  void *impl = NULL;
  why[0] = 0;
  cw_status st = ops->open(o, &impl, why, whylen);
  if (st != CW_OK) {
    report_line(ctx, "%s: unavailable: %s", ops->name, why[0] ? why : cw_status_name(st));
    return st;
  }
  const char *d = ops->describe ? ops->describe(impl) : NULL;
  report_line(ctx, "%s: available (%s)", ops->name, d ? d : "");
  ctx->ops = ops;
  ctx->impl = impl;
  ctx->kind = ops->kind;
  return CW_OK;
}

/* Why the last cw_context_create on this thread failed (the report of what was tried). */
static _Thread_local char create_err[1600];

cw_status cw_context_create(const cw_context_options *opts, cw_context **out) {
  static const cw_context_options defaults;
  if (!out) {
    snprintf(create_err, sizeof create_err, "out is NULL");
    return CW_ERROR_INVALID_VALUE;
  }
  *out = NULL;
  const cw_context_options *o = opts ? opts : &defaults;
  if ((int)o->backend < CW_BACKEND_AUTO || o->backend > CW_BACKEND_HIP || o->threads < 0) {
    snprintf(create_err, sizeof create_err, "bad options: backend %d, threads %d", (int)o->backend,
             o->threads);
    return CW_ERROR_INVALID_VALUE;
  }
  cw_context *ctx = calloc(1, sizeof *ctx);
  if (!ctx) return CW_ERROR_OUT_OF_MEMORY;
  ctx->magic = CW_CTX_MAGIC;
  ctx->check = o->check;
  const cw_backend_ops *webgpu = &cw_webgpu_backend;
  char why[512];
  cw_status st = CW_ERROR_UNAVAILABLE;
  switch (o->backend) {
  case CW_BACKEND_AUTO:
    if (!webgpu) report_line(ctx, "webgpu: unavailable: not built into this library");
    else if (o->check) report_line(ctx, "webgpu: skipped: --check needs the cpu backend");
    else st = try_backend(ctx, webgpu, o, why, sizeof why);
    if (st != CW_OK) st = try_backend(ctx, &cw_cpu_backend, o, why, sizeof why);
    if (st != CW_OK) snprintf(why, sizeof why, "no backend is available");
    break;
  case CW_BACKEND_CPU:
    report_line(ctx, "webgpu: skipped: backend cpu requested");
    st = try_backend(ctx, &cw_cpu_backend, o, why, sizeof why);
    break;
  case CW_BACKEND_WEBGPU:
    if (!webgpu) {
      report_line(ctx, "webgpu: unavailable: not built into this library");
      snprintf(why, sizeof why, "not built into this library");
    } else {
      st = try_backend(ctx, webgpu, o, why, sizeof why);
    }
    report_line(ctx, "cpu: skipped: backend webgpu requested");
    break;
  case CW_BACKEND_CUDA:
  case CW_BACKEND_HIP: /* explicit only: runtime-compiled GPU backends (src/rt/rtc/) */
    st = try_backend(ctx, o->backend == CW_BACKEND_CUDA ? &cw_cuda_backend : &cw_hip_backend, o, why, sizeof why);
    break;
  }
  if (st != CW_OK) {
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
