/* Internal to back/c: state shared by emit.c (module and kernel frame),
 * fission.c (statements, thread loops split at barriers), expr.c
 * (expressions, memory accesses, atomics) and math.c (intrinsics, prelude). */
#ifndef CW_BACK_C_EMIT_H
#define CW_BACK_C_EMIT_H
#include <stdbool.h>

#include "back/metadata.h"
#include "ir/ir.h"
#include "util/strbuf.h"

/* Per-variable facts, indexed by ir_var.id. */
typedef struct cx_varinfo {
  int first_region;   /* region (thread loop) that first used it; -1 none */
  bool multi_region;  /* used in two or more regions */
  bool block_level;   /* used by a block-level condition */
  bool spilled;       /* lives in a per-thread array in scratch: name[tid] */
  bool used;          /* referenced by the kernel at all */
  bool written_param; /* a scalar parameter the kernel assigns: a per-thread copy */
  /* opt.c */
  bool scalar;        /* block scalar: assigned only at block level, one C variable */
  bool remat_ok;      /* single assignment (its DECL) with a recomputable initialiser */
  bool remat;         /* recomputed in the regions that use it instead of spilled */
  bool is_tx;         /* its value is threadIdx.x */
  const ir_stmt *decl; /* its (first) DECL */
  int decl_region;    /* region of its DECL (analysis walk) */
} cx_varinfo;

typedef struct cx_loop {
  int label;          /* cw_cont_<label> when the loop has a continuing block, else -1 */
  bool block_level;
} cx_loop;

typedef struct cx {
  ir_module *m;
  const cw_meta_module *mm;
  cw_strbuf *out;
  ir_func *k;
  cx_varinfo *vi;      /* [m->next_id] */
  bool analyze;        /* first walk: record uses, write nothing */
  bool fission;        /* the kernel has __syncthreads(): regions split at barriers */
  bool has_return;     /* fission: threads can exit early (done flags) */
  bool at_block;       /* emitting block-level code (conditions see thread cw_lead) */
  int region;          /* current region id, -1 at block level */
  int nregions;
  int region_has_return;
  int label_counter;
  cx_loop loops[256];
  int nloops;
  int ind;             /* indentation level */
  bool check;          /* --check: every memory access is bounds-checked (cw_emit_c_ex) */
  int access;          /* check: CW_OOB_READ/WRITE/ATOMIC for the lvalue being emitted */
  /* per region (analysis walk): ruse[r][var id] bit 0 used, bit 1 assigned */
  unsigned char **ruse;
  int nruse, capruse;
  const ir_stmt *lockstep[64]; /* opt.c: uniform loops run at block level */
  int nlockstep;
  ir_var **decls;      /* locals in declaration order */
  int ndecls;
} cx;

/* expr.c */
const char *cx_ctype(cx *c, const ir_type *t);   /* C spelling of a scalar/struct type */
void cx_expr(cx *c, const ir_expr *e);           /* an rvalue */
void cx_lvalue(cx *c, const ir_expr *e);         /* an lvalue */
void cx_var_ref(cx *c, ir_var *v);               /* a variable as an lvalue */
void cx_note_use(cx *c, ir_var *v);
void cx_atomic(cx *c, const ir_stmt *s);         /* IR_S_ATOMIC as a C statement */
bool cx_is_local_like(cx *c, const ir_var *v);   /* LOCAL, or a PARAM the kernel assigns */
int cx_flat_len(const ir_type *t);
const ir_type *cx_leaf(const ir_type *t);
const ir_type *cx_storage_type(const ir_var *v); /* former pointer locals: i32 */

/* math.c */
void cx_intrinsic(cx *c, const ir_expr *e);
extern const char cx_prelude[];

/* fission.c */
bool cx_has_sync(const ir_stmt *s);              /* contains __syncthreads() (s alone, not its successors) */
void cx_kernel_body(cx *c, ir_stmt *body);       /* the thread loops of the kernel */
void cx_nl(cx *c);                               /* newline + indentation */
bool cx_stmt_block_level(cx *c, const ir_stmt *s, bool brk, bool cont);
bool cx_escapes(const ir_stmt *s, bool brk, bool cont); /* a break/continue leaves s */
bool cx_has_return(const ir_stmt *s);

/* printf.c */
void cx_device_io(cx *c, const ir_stmt *s);      /* IR_S_PRINTF / IR_S_ASSERT in a thread loop */

/* printf.c */
void cx_device_io(cx *c, const ir_stmt *s);      /* IR_S_PRINTF / IR_S_ASSERT in a thread loop */

/* opt.c */
void cx_opt_prepare(cx *c, ir_stmt *body);       /* scalar / remat_ok / is_tx, before the walks */
bool cx_is_hoisted(cx *c, const ir_stmt *s);     /* a block-scalar assignment: run once at block level */
bool cx_is_lockstep_loop(cx *c, const ir_stmt *s); /* a uniform loop run at block level */
bool cx_block_uniform(cx *c, const ir_expr *e);  /* evaluable once at block level */
const ir_expr *cx_region_tx_bound(cx *c, const ir_stmt *first, int n, bool *eq, bool *exact);
void cx_remat_header(cx *c, int region);         /* recompute remat locals the region uses */
bool cx_promoted(cx *c, const ir_var *v);        /* spilled value cached in a C local in this region */
void cx_note_write(cx *c, ir_var *v);

#endif
