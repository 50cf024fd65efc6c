/* cuda-wasm: CUDA C++ kernels on every GPU and CPU.
 *
 * Public API. Every function is prefixed cw_; every returned object is freed
 * by its matching *_free function. No function aborts on bad input: failures
 * are reported through status codes and diagnostics. */
#ifndef CUDAWASM_H
#define CUDAWASM_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CW_VERSION_STRING "0.1.0"
const char *cw_version(void);

/* ---------------- transpiler ---------------- */
typedef enum { CW_TARGET_WGSL = 0, CW_TARGET_C = 1 } cw_target;

typedef struct cw_transpile_options {
  cw_target target;
  const char *filename;        /* for diagnostics and #include "..." lookup; NULL = "<input>" */
  const char **kernels;        /* kernels to emit; NULL/0 = all */
  int nkernels;
  const char **defines;        /* "NAME" or "NAME=VALUE" */
  int ndefines;
  const char **undefines;
  int nundefines;
  const char **include_dirs;
  int ninclude_dirs;
  int emit_ir;                 /* non-zero: fill cw_transpile_result.ir */
} cw_transpile_options;

typedef enum { CW_DIAG_ERROR = 0, CW_DIAG_WARNING = 1, CW_DIAG_NOTE = 2 } cw_diag_severity;

typedef struct cw_diagnostic {
  cw_diag_severity severity;
  const char *file;            /* NULL when the message has no location */
  int line, column;            /* 1-based; 0 when no location */
  const char *message;
  const char *rendered;        /* "file:line:col: error: message\n  source\n  ^\n" */
} cw_diagnostic;

typedef enum {
  CW_TRANSPILE_OK = 0,
  CW_TRANSPILE_REJECTED = 1,   /* the input has errors or uses what the target cannot express */
  CW_TRANSPILE_INTERNAL = 2,   /* a bug in cuda-wasm (IR validation failed, ...) */
} cw_transpile_status;

typedef struct cw_transpile_result {
  cw_transpile_status status;
  char *code;                  /* WGSL or C source; NULL unless status is OK */
  char *metadata_json;         /* launch metadata (docs/metadata.md); NULL unless OK */
  char *ir;                    /* IR text when options.emit_ir (also on failures after lowering) */
  cw_diagnostic *diags;
  int ndiags;
} cw_transpile_result;

/* Transpiles CUDA source text. Never returns NULL (out of memory aborts). */
cw_transpile_result *cw_transpile(const char *source, size_t len, const cw_transpile_options *opts);
void cw_transpile_result_free(cw_transpile_result *r);

#ifdef __cplusplus
}
#endif
#endif
