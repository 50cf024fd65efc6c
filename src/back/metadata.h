/* Launch metadata: what a runtime needs to bind and launch a transpiled
 * kernel. Computed once from the RESOLVED IR (back/metadata.c) so that the
 * WGSL and C back-ends and the runtime agree on bindings and layouts.
 *
 * Conventions (WGSL, @group(0)):
 *   binding 0          the uniform buffer `cw_u` (always present)
 *   binding 1..        pointer parameters in signature order, then the
 *                      __constant__/__device__ globals the kernel uses
 *   uniform layout     offset 0: grid_dim x, y, z (u32), offset 12: reserved (u32);
 *                      offset 16..: scalar parameters in signature order, 4 bytes each
 *                      (a struct passed by value is flattened into its scalar fields);
 *                      size rounded up to 16
 *   overrides          cw_block_x, cw_block_y, cw_block_z (workgroup size, default 1),
 *                      cw_dyn_shared_len (elements of dynamic shared memory, default 1)
 */
#ifndef CW_METADATA_H
#define CW_METADATA_H
#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"
#include "util/strbuf.h"

#define CW_META_UNIFORM_HEADER 16

typedef enum { CW_META_BUFFER, CW_META_SCALAR, CW_META_STRUCT } cw_meta_param_kind;

typedef struct cw_meta_uniform_field {
  const char *name;    /* WGSL member name in struct CwUniforms, e.g. "p2" or "p3_x" */
  int offset;
  const char *type;    /* "i32", "u32", "f32" */
  int param_index;     /* kernel parameter it belongs to */
  int host_offset;     /* offset inside the host value of that parameter (struct params) */
  bool demoted;        /* an f32 slot filled from a host double (demote_double) */
} cw_meta_uniform_field;

typedef struct cw_meta_param {
  const char *name;
  int index;
  cw_meta_param_kind kind;
  const char *c_type;   /* as declared: "const float *", "int", "struct Params" */
  const char *elem_type;/* BUFFER: pointee ("f32", "i32", "u32", or a struct name); SCALAR: "i32"/"u32"/"f32" */
  int elem_size;        /* BUFFER: host sizeof(pointee) */
  int size;             /* host size of the argument value (8 for pointers) */
  int binding;          /* BUFFER: binding number; else -1 */
  int uniform_offset;   /* SCALAR/STRUCT: first uniform byte; else -1 */
  bool read_only;       /* BUFFER: never written by the kernel */
  bool atomic;          /* BUFFER: accessed atomically */
  bool used;
  bool demoted;         /* demote_double: a double parameter (c_type/size as declared) whose
                           device data is float (BUFFER: f32 elements; SCALAR: converted) */
} cw_meta_param;

typedef struct cw_meta_global {
  const char *name;     /* source name */
  const char *ir_name;  /* name in generated code */
  bool is_constant;     /* __constant__ (else __device__) */
  const char *elem_type;
  int elem_size;
  int size;             /* bytes */
  int binding;          /* in kernels that use it */
  bool read_only, atomic;
  const uint8_t *init;  /* host bytes or NULL (zero) */
} cw_meta_global;

typedef struct cw_meta_kernel {
  const char *name;
  cw_meta_param *params;
  int nparams;
  int *globals;         /* indices into cw_meta_module.globals this kernel binds */
  int nglobals;
  cw_meta_uniform_field *uniform_fields;
  int nuniform_fields;
  int uniform_size;     /* bytes, multiple of 16 */
  const char *dyn_shared_elem_type; /* NULL when the kernel has no extern __shared__ */
  int dyn_shared_elem_size;
  int static_shared_bytes;
  int launch_bounds[2];
  ir_func *func;
  /* template instances: the C++ spelling users look up ("reduce<float, 256>");
   * `name` stays the identifier of the generated code. NULL otherwise. */
  const char *display_name;
  bool uses_io;         /* has device printf / assert / __trap: binds the io buffer (WGSL) */
} cw_meta_kernel;

typedef struct cw_meta_module {
  cw_meta_kernel *kernels;
  int nkernels;
  cw_meta_global *globals;
  int nglobals;
  int io_binding;       /* WGSL binding of the device io buffer (printf/assert records,
                           docs/metadata.md), after every global's; -1: no kernel uses it */
  const char *const *strings; /* printf formats / assert messages (ir_module.strings) */
  int nstrings;
} cw_meta_module;

/* Builds metadata for every kernel left in m (phase RESOLVED, after atomics). */
cw_meta_module *cw_meta_build(ir_module *m);
/* back/devio_meta.c: device printf/assert (IR_S_PRINTF / IR_S_ASSERT) */
bool cw_meta_stmts_use_io(const ir_stmt *s);
void cw_meta_set_io(ir_module *m, cw_meta_module *mm); /* io_binding, strings */
void cw_meta_io_json(const cw_meta_module *mm, cw_strbuf *out); /* "device_io": {...}, */
/* The WGSL io buffer layout (words of array<atomic<u32>>; docs/metadata.md). */
#define CW_IO_CURSOR 0      /* next free record word (atomicAdd) */
#define CW_IO_LOST 1        /* records that did not fit */
#define CW_IO_FAIL 2        /* assert failures (the first one fills CW_IO_FAIL_*) */
#define CW_IO_FAIL_MSG 3    /* string id */
#define CW_IO_FAIL_BLOCK 4  /* 3 words */
#define CW_IO_FAIL_THREAD 7 /* 3 words */
#define CW_IO_HEADER 16     /* records start here: {string id, nwords, arg words...} */

/* Writes the metadata as JSON (schema: docs/metadata.md). target is "wgsl" or "c". */
void cw_meta_to_json(const cw_meta_module *mm, const char *target, cw_strbuf *out);
/* WGSL scalar/struct name of an IR type ("f32", "i32", "u32", struct name) */
const char *cw_meta_type_name(ir_module *m, const ir_type *t);

/* The runtime's hook into the driver (src/api/transpile.c): called once after
 * a successful compilation, before the compilation's arena is freed, with the
 * final IR, its metadata and the generated code; the callee copies what it
 * keeps. */
typedef void (*cw_meta_capture_fn)(void *user, ir_module *m, const cw_meta_module *mm, const char *code);
struct cw_transpile_result;
struct cw_transpile_options;
struct cw_transpile_result *cw_transpile_capture(const char *source, size_t len,
                                                 const struct cw_transpile_options *opts,
                                                 cw_meta_capture_fn capture, void *user);

/* Back-ends: append generated code to out; errors go through m->diags
 * (with diags->target set to "wgsl" / "c"). */
void cw_emit_wgsl(ir_module *m, const cw_meta_module *mm, cw_strbuf *out);
void cw_emit_c(ir_module *m, const cw_meta_module *mm, cw_strbuf *out);
/* cw_emit_c with options: bounds_check non-zero emits the runtime's --check
 * mode (every buffer, shared and local array access checked; the ABI in
 * back/c/cw_cpu_abi.h, CW_CPU_ABI_CHECK_DECLS). bounds_check 0 is cw_emit_c. */
void cw_emit_c_ex(ir_module *m, const cw_meta_module *mm, int bounds_check, cw_strbuf *out);

#endif
