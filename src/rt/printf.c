/* Device printf and assert in the runtime core (contract: rt/core.h and
 * rt/runtime.h).
 *
 * One cw_rt_devio per launch of a kernel that has printf/assert/__trap.
 *  cpu     the generated code calls cw_rt_devio_print / _fail while the
 *          launch runs (from several workers: a mutex keeps lines whole and
 *          in the order the threads executed them); the text is delivered
 *          when cw_launch returns, and a failure makes cw_launch return
 *          CW_ERROR_ASSERT.
 *  webgpu  the launch binds a fresh io buffer (back/wgsl/printf.c writes
 *          records into it); the devio waits in ctx->io_pending until the
 *          backend has waited for the queue (cw_synchronize or a copy to the
 *          host), then the records are formatted here with the same
 *          formatter (util/devfmt.h), in buffer order. Lost records become
 *          the line "printf buffer full: N records lost". A failure is
 *          returned by the next cw_synchronize.
 * CUDA stops a kernel at a failed assert; here the failing thread and the
 * rest of the launch go on (memory written after the failure stays), and the
 * first failure is reported. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/metadata.h" /* CW_IO_* layout */
#include "rt/core.h"
#include "util/devfmt.h"

#define CW_IO_DEFAULT_BYTES ((size_t)1 << 20)

struct cw_rt_devio {
  cw_rt_devio *next;
  char **strings;          /* copies: the module may be destroyed before the readback */
  int nstrings;
  char *kernel;
  pthread_mutex_t mu;
  cw_strbuf text;
  bool failed;
  char *fail_msg;
  cw_rt_alloc *alloc;      /* webgpu: the io buffer */
};

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static void devio_free(cw_context *ctx, cw_rt_devio *io) {
  if (!io) return;
  for (int i = 0; i < io->nstrings; i++) free(io->strings[i]);
  free(io->strings);
  free(io->kernel);
  free(io->fail_msg);
  cw_sb_free(&io->text);
  if (io->alloc) cw_rt_alloc_release(ctx, io->alloc);
  pthread_mutex_destroy(&io->mu);
  free(io);
}

void cw_rt_devio_print(cw_rt_devio *io, uint32_t fmt, uint32_t nargs, const uint64_t *args) {
  pthread_mutex_lock(&io->mu);
  if (fmt < (uint32_t)io->nstrings) cw_fmt_format(&io->text, io->strings[fmt], args, (int)nargs);
  else cw_sb_puts(&io->text, "<bad printf record>\n");
  pthread_mutex_unlock(&io->mu);
}

void cw_rt_devio_fail(cw_rt_devio *io, uint32_t msg, const uint32_t block[3], const uint32_t thread[3]) {
  pthread_mutex_lock(&io->mu);
  if (!io->failed) {
    io->failed = true;
    cw_strbuf sb;
    cw_sb_init(&sb);
    cw_sb_printf(&sb, "%s in kernel %s, block (%u,%u,%u), thread (%u,%u,%u)",
                 msg < (uint32_t)io->nstrings ? io->strings[msg] : "assertion failed", io->kernel, block[0],
                 block[1], block[2], thread[0], thread[1], thread[2]);
    io->fail_msg = cw_sb_take(&sb);
  }
  pthread_mutex_unlock(&io->mu);
}

cw_status cw_rt_io_begin(cw_context *ctx, const cw_rt_program *prog, const char *kernel, cw_rt_launch *l) {
  cw_rt_devio *io = calloc(1, sizeof *io);
  if (!io) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  pthread_mutex_init(&io->mu, NULL);
  cw_sb_init(&io->text);
  io->kernel = dup_str(kernel);
  io->strings = calloc((size_t)prog->nstrings + 1, sizeof *io->strings);
  bool ok = io->kernel && io->strings;
  for (int i = 0; ok && i < prog->nstrings; i++, io->nstrings++) ok = (io->strings[i] = dup_str(prog->strings[i])) != NULL;
  if (!ok) {
    devio_free(ctx, io);
    return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  }
  if (ctx->ops->target == CW_TARGET_WGSL) {
    size_t bytes = ctx->printf_bytes ? ctx->printf_bytes : CW_IO_DEFAULT_BYTES;
    cw_status st = cw_rt_alloc_new(ctx, bytes, &io->alloc);
    char err[512] = "";
    if (st == CW_OK) st = ctx->ops->fill(ctx->impl, io->alloc->handle, 0, 0, CW_IO_HEADER * 4, err, sizeof err);
    if (st != CW_OK) {
      devio_free(ctx, io);
      return err[0] ? cw_rt_fail(ctx, st, "device printf buffer: %s", err) : st;
    }
    l->io_alloc = io->alloc;
  }
  l->io = io;
  return CW_OK;
}

static void deliver(cw_context *ctx, cw_rt_devio *io) {
  if (!io->text.len) return;
  if (ctx->print_fn) {
    ctx->print_fn(ctx->print_user, io->text.data, io->text.len);
  } else {
    fwrite(io->text.data, 1, io->text.len, stdout);
    fflush(stdout);
  }
}

/* Delivers io's text; a failure is returned (report) or kept in ctx. */
static cw_status finish(cw_context *ctx, cw_rt_devio *io, bool report) {
  deliver(ctx, io);
  cw_status st = CW_OK;
  if (io->failed) {
    if (report) {
      st = cw_rt_fail(ctx, CW_ERROR_ASSERT, "%s", io->fail_msg ? io->fail_msg : "assertion failed");
    } else if (!ctx->assert_msg) {
      ctx->assert_msg = dup_str(io->fail_msg ? io->fail_msg : "assertion failed");
    }
  }
  devio_free(ctx, io);
  return st;
}

cw_status cw_rt_io_end(cw_context *ctx, cw_rt_launch *l, cw_status st) {
  cw_rt_devio *io = l->io;
  if (!io) return st;
  if (st != CW_OK) {
    devio_free(ctx, io);
    return st;
  }
  if (!io->alloc) return finish(ctx, io, true);
  /* webgpu: wait for the readback, keeping launch order */
  cw_rt_devio **p = &ctx->io_pending;
  while (*p) p = &(*p)->next;
  *p = io;
  return CW_OK;
}

/* Formats the records of one io buffer (the queue is idle). */
static cw_status decode(cw_context *ctx, cw_rt_devio *io) {
  uint32_t hdr[CW_IO_HEADER];
  char err[512] = "";
  cw_status st = ctx->ops->read(ctx->impl, io->alloc->handle, 0, hdr, sizeof hdr, err, sizeof err);
  if (st != CW_OK) return cw_rt_fail(ctx, st, "device printf buffer: %s", err);
  uint64_t cap = io->alloc->size / 4 - CW_IO_HEADER;
  uint64_t limit = hdr[CW_IO_CURSOR] < cap ? hdr[CW_IO_CURSOR] : cap;
  uint32_t *w = NULL;
  if (limit) {
    w = malloc((size_t)limit * 4);
    if (!w) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    st = ctx->ops->read(ctx->impl, io->alloc->handle, CW_IO_HEADER * 4, w, (size_t)limit * 4, err, sizeof err);
    if (st != CW_OK) {
      free(w);
      return cw_rt_fail(ctx, st, "device printf buffer: %s", err);
    }
  }
  for (uint64_t pos = 0; pos + 2 <= limit;) {
    uint32_t id = w[pos], n = w[pos + 1];
    if (pos + 2 + n > limit || id >= (uint32_t)io->nstrings || n > CW_DEVFMT_MAX_ARGS) break; /* not written */
    uint64_t slots[CW_DEVFMT_MAX_ARGS];
    int na = cw_fmt_decode_words(io->strings[id], w + pos + 2, n, slots);
    if (na < 0) break; /* not what this format writes */
    cw_rt_devio_print(io, id, (uint32_t)na, slots);
    pos += 2 + n;
  }
  free(w);
  if (hdr[CW_IO_LOST])
    cw_sb_printf(&io->text, "printf buffer full: %u records lost\n", hdr[CW_IO_LOST]);
  if (hdr[CW_IO_FAIL]) {
    uint32_t b[3] = {hdr[CW_IO_FAIL_BLOCK], hdr[CW_IO_FAIL_BLOCK + 1], hdr[CW_IO_FAIL_BLOCK + 2]};
    uint32_t t[3] = {hdr[CW_IO_FAIL_THREAD], hdr[CW_IO_FAIL_THREAD + 1], hdr[CW_IO_FAIL_THREAD + 2]};
    cw_rt_devio_fail(io, hdr[CW_IO_FAIL_MSG], b, t);
  }
  return CW_OK;
}

cw_status cw_rt_io_collect(cw_context *ctx, bool report_assert) {
  cw_status first = CW_OK;
  while (ctx->io_pending) {
    cw_rt_devio *io = ctx->io_pending;
    ctx->io_pending = io->next;
    cw_status st = decode(ctx, io);
    if (st == CW_OK) st = finish(ctx, io, false);
    else devio_free(ctx, io);
    if (first == CW_OK) first = st;
  }
  if (first == CW_OK && report_assert && ctx->assert_msg) {
    first = cw_rt_fail(ctx, CW_ERROR_ASSERT, "%s", ctx->assert_msg);
    free(ctx->assert_msg);
    ctx->assert_msg = NULL;
  }
  return first;
}

void cw_rt_io_free_all(cw_context *ctx) {
  while (ctx->io_pending) {
    cw_rt_devio *io = ctx->io_pending;
    ctx->io_pending = io->next;
    devio_free(ctx, io);
  }
  free(ctx->assert_msg);
  ctx->assert_msg = NULL;
}

cw_status cw_context_set_print(cw_context *ctx, cw_print_fn fn, void *user) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  ctx->print_fn = fn;
  ctx->print_user = user;
  cw_rt_ok(ctx);
  return CW_OK;
}

cw_status cw_context_set_printf_buffer_size(cw_context *ctx, size_t bytes) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (bytes < 4096 || bytes > ((size_t)1 << 30))
    return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE,
                      "cw_context_set_printf_buffer_size: %zu bytes; between 4096 and 1 GiB are supported", bytes);
  ctx->printf_bytes = bytes & ~(size_t)3;
  cw_rt_ok(ctx);
  return CW_OK;
}
