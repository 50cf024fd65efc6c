/* Internal to the runtime core (context.c, memory.c, module.c, launch.c):
 * the objects behind the public handles. Backends see only runtime.h.
 *
 * Handles carry a magic number so that a NULL or wrong-kind handle is answered
 * with CW_ERROR_INVALID_VALUE instead of a crash. A handle used after it was
 * destroyed is undefined behaviour, as in CUDA (the check would read freed
 * memory). A context is used by one thread at a time (like a CUDA stream). */
#ifndef CW_RT_CORE_H
#define CW_RT_CORE_H
#include <stdarg.h>

#include "rt/runtime.h"

#define CW_CTX_MAGIC 0x63775f637478u   /* "cw_ctx" */
#define CW_MOD_MAGIC 0x63775f6d6f64u   /* "cw_mod" */
#define CW_KER_MAGIC 0x63775f6b6572u   /* "cw_ker" */
#define CW_EVT_MAGIC 0x63775f657674u   /* "cw_evt" */

struct cw_kernel {
  uint64_t magic;
  cw_module *mod;
  int index;                      /* into mod->prog->kernels */
};

struct cw_module {
  uint64_t magic;
  cw_context *ctx;
  cw_rt_program *prog;            /* NULL when the compilation was rejected */
  void *impl;                     /* the backend's module */
  char *diagnostics;              /* rendered, "" when none */
  cw_rt_alloc **globals;          /* per prog->globals entry */
  cw_kernel *kernels;             /* per prog->kernels entry */
  cw_module *next, *prev;         /* the context's list (destroy unloads what is left) */
};

struct cw_event {
  uint64_t magic;
  cw_context *ctx;                /* NULL once its context was destroyed (backend event gone) */
  bool recorded;
  double t_ms;                    /* CLOCK_MONOTONIC after synchronising */
  void *impl;                     /* the backend's event (ops->event_create), or NULL */
  cw_event *next, *prev;          /* the context's events that hold a backend event */
};

struct cw_context {
  uint64_t magic;
  const cw_backend_ops *ops;
  void *impl;
  cw_backend kind;
  int step;                       /* the chain step that opened it (rt/chain.h) */
  int check;
  /* The device was lost (a backend returned CW_ERROR_DEVICE_LOST, or the
   * device-lost fault fired): every later call that needs the device returns
   * CW_ERROR_DEVICE_LOST with lost_msg; cw_free, unloads and destroy still
   * release what they hold. No migration: the user creates a new context. */
  bool lost;
  char lost_msg[512];
  cw_rt_alloc **allocs;           /* allocs[id - 1]; ids are never reused */
  size_t nallocs, capallocs;
  cw_module *modules;
  char report[2048];
  char err[1024];
  /* device printf / assert (rt/printf.c) */
  cw_print_fn print_fn;           /* NULL: stdout */
  void *print_user;
  size_t printf_bytes;            /* 0: the default (1 MiB) */
  struct cw_rt_devio *io_pending; /* webgpu launches whose io buffer is not read yet */
  char *assert_msg;               /* a failure seen at a readback, reported by cw_synchronize */
  cw_event *events;               /* events with a backend event (released at destroy) */
};

/* context.c: record why the current call fails; returns st. */
cw_status cw_rt_fail(cw_context *ctx, cw_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cw_rt_ok(cw_context *ctx);
/* A lost context: records lost_msg as the call's error and returns
 * CW_ERROR_DEVICE_LOST; otherwise CW_OK. `what` names the call. */
cw_status cw_rt_lost_check(cw_context *ctx, const char *what);
bool cw_rt_ctx_ok(const cw_context *ctx);

/* memory.c */
/* Resolves p to a live allocation and offset (offset <= size). NULL when p
 * is not a pointer returned by cw_malloc (or its allocation was freed). */
cw_rt_alloc *cw_rt_resolve(cw_context *ctx, cw_deviceptr p, size_t *offset);
/* Allocates (and registers) `bytes` of device memory; on failure the reason is in ctx->err. */
cw_status cw_rt_alloc_new(cw_context *ctx, size_t bytes, cw_rt_alloc **out);
/* Registers a backend object that already exists (ops->module_global). */
cw_status cw_rt_alloc_adopt(cw_context *ctx, size_t bytes, void *handle, cw_rt_alloc **out);
void cw_rt_alloc_release(cw_context *ctx, cw_rt_alloc *a);
void cw_rt_free_all(cw_context *ctx);

/* printf.c: per-launch device io (see runtime.h) */
/* Before a launch of a uses_io kernel: fills l->io (and l->io_alloc for
 * webgpu). */
cw_status cw_rt_io_begin(cw_context *ctx, const cw_rt_program *prog, const char *kernel, cw_rt_launch *l);
/* After the backend's launch returned st: cpu -> deliver now (returns
 * CW_ERROR_ASSERT on a failure); webgpu -> queue until the next wait.
 * On st != CW_OK the io is discarded. */
cw_status cw_rt_io_end(cw_context *ctx, cw_rt_launch *l, cw_status st);
/* After the backend waited for all work (synchronize, read): decodes the
 * queued io buffers and delivers. report_assert: return CW_ERROR_ASSERT for
 * a failure (synchronize); otherwise it is kept for the next synchronize. */
cw_status cw_rt_io_collect(cw_context *ctx, bool report_assert);
void cw_rt_io_free_all(cw_context *ctx);

/* launch.c: releases the backend events of ctx's events before the backend
 * closes; the events stay valid handles (only cw_event_destroy works on them). */
void cw_rt_events_release(cw_context *ctx);

#endif
