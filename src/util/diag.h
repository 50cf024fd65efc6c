/* Source files, locations and diagnostics.
 *
 * Every phase reports through one cw_diags. An error in the front-end or a
 * pass is fatal for the compilation: cw_error() records it and longjmps to the
 * handler set by the driver (src/api/transpile.c), which frees the arena.
 * Warnings are recorded and compilation goes on. */
#ifndef CW_DIAG_H
#define CW_DIAG_H
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>

#include "util/arena.h"

typedef struct cw_source {
  int id;             /* index in cw_diags.sources */
  const char *name;   /* path as given, or "<input>" */
  const char *text;   /* whole contents, NUL-terminated */
  int len;
} cw_source;

/* A point in a source file. file == NULL means "no location". */
typedef struct cw_loc {
  const cw_source *file;
  int line, col; /* 1-based; col counts bytes */
  int offset;    /* byte offset in file->text */
} cw_loc;

typedef enum { CW_SEV_ERROR, CW_SEV_WARNING, CW_SEV_NOTE } cw_severity;

typedef struct cw_diag {
  cw_severity severity;
  cw_loc loc;
  char *message;  /* without "file:line:col: error: " prefix */
} cw_diag;

typedef struct cw_diags {
  cw_arena *arena;
  cw_source **sources;
  int nsources, capsources;
  cw_diag *items;
  int count, cap;
  int nerrors;
  const char *target; /* "wgsl", "c" or NULL: appended as " [target X]" to back-end errors */
  jmp_buf *on_error;  /* where cw_error() jumps; NULL means abort() (a bug) */
  /* Byte ranges [start, end) of sources[0] holding host-only function
   * definitions (recorded by the parser). The cuda/hip runtimes blank them
   * before handing the original source to NVRTC/hiprtc, which cannot compile
   * host code (cudaMalloc, <<<...>>> launches). Pairs; arena-allocated. */
  int *host_spans;
  int nhost_spans, caphost_spans;
} cw_diags;

void cw_diags_init(cw_diags *d, cw_arena *arena);
void cw_diags_free(cw_diags *d); /* frees the items array (messages live in the arena) */
/* Records a host-only definition's range of sources[0] (see host_spans). */
void cw_diags_add_host_span(cw_diags *d, int start, int end);
/* Registers a source file; text is copied into the arena. */
const cw_source *cw_add_source(cw_diags *d, const char *name, const char *text, int len);

/* Records an error and longjmps to d->on_error. */
_Noreturn void cw_error(cw_diags *d, cw_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records an error and returns (for phases that collect several errors before stopping). */
void cw_error_soft(cw_diags *d, cw_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cw_warning(cw_diags *d, cw_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cw_note(cw_diags *d, cw_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* longjmps if any error was recorded. */
void cw_check_errors(cw_diags *d);

/* Renders one diagnostic as
 *   file:line:col: error: message
 *     source line
 *         ^
 * into a malloc'd string. */
char *cw_diag_render(const cw_diag *dg);

#endif
