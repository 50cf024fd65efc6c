/* Internal to the WGSL back-end: decls.c (module, bindings, entry points,
 * target checks), emit.c (statements and expressions), math.c (intrinsics
 * and the polyfill helper functions). */
#ifndef CW_BACK_WGSL_H
#define CW_BACK_WGSL_H
#include "back/metadata.h"

/* Helper functions emitted once per module, only when used (bit = 1 << id).
 * Module-scope declaration order does not matter in WGSL. */
typedef enum {
  WG_H_F32_BITS, /* bitcast from u32 at run time: inf/NaN literals (const-eval rejects them) */
  WG_H_DYN_I32, WG_H_DYN_U32, WG_H_DYN_F32, /* identity that hides a constant from const-eval */
  WG_H_ISNAN, WG_H_FMIN, WG_H_FMAX, WG_H_ROUND, WG_H_HYPOT, WG_H_CBRT, WG_H_EXPM1, WG_H_LOG1P,
  WG_H_ERF, WG_H_ERFC, WG_H_POW, WG_H_SATURATE, WG_H_UMULHI, WG_H_MULHI, WG_H_ASIN, WG_H_ACOS,
  WG_H_SINCOS, /* accurate sin/cos (SwiftShader's built-ins: 1.9e-4 absolute error) */
  WG_H_COUNT
} wg_helper;

typedef struct wg_ctx {
  ir_module *m;
  const cw_meta_module *mm;
  const cw_meta_kernel *k;
  cw_strbuf *out;       /* current function body */
  cw_strbuf *body;      /* decls.c: the entry point body buffer */
  int indent;
  unsigned helpers;     /* wg_helper bits used so far */
  const char *uvar;     /* the kernel's uniform variable */
  bool writes_storage;  /* the kernel writes some storage buffer (barriers add storageBarrier) */
  unsigned char *pk_atomic; /* packed.c: by ir_var id, the variable's words are atomic<u32> */
  int pk_n;
  unsigned long long helpers64; /* int64.c: 64-bit helpers used so far */
  bool half_used;       /* half.c: native f16 arithmetic used (`enable f16;` and its helpers) */
} wg_ctx;

/* emit.c */
const char *wg_type(wg_ctx *c, const ir_type *t);        /* value type of a scalar/struct/array */
const char *wg_var_type(wg_ctx *c, const ir_var *v);     /* declared type of a variable (flattened) */
const char *wg_expr(wg_ctx *c, const ir_expr *e);        /* rvalue text, parenthesised if compound */
const char *wg_convert_text(wg_ctx *c, const char *x, const ir_type *from, const ir_type *to);
const char *wg_const(wg_ctx *c, const ir_expr *e);       /* literal text of an IR_E_CONST */
void wg_stmts(wg_ctx *c, const ir_stmt *s);              /* a statement list at c->indent */
void wg_line(wg_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* decls.c: whether a kernel's WGSL entry point is "cw_kernel_<name>" instead
 * of its name (a WGSL keyword or a cw_ name); also used by metadata.c */
bool cw_wgsl_entry_renamed(const char *kernel);

/* layout.c: WGSL layout of a type when members carry wg_field_align's @align */
int wg_layout_align(const ir_type *t);
int wg_layout_size(const ir_type *t);
int wg_field_align(const ir_type *field_type); /* @align(N) to emit, or 0 */
int wg_field_offset(const ir_struct *st, int field);
/* printf.c: IR_S_PRINTF / IR_S_ASSERT */
void wg_device_io(wg_ctx *c, const ir_stmt *s);

/* packed.c: memory of 8/16-bit (and bool) types as 32-bit words */
bool wg_type_has_small(const ir_type *t);     /* a bool/char/short leaf somewhere in t */
bool wg_var_packed(const ir_var *v);          /* buffer, global or static __shared__ of such */
void wg_packed_check(wg_ctx *c, const ir_var *v);
void wg_packed_analyze(wg_ctx *c);            /* which packed variables need atomic words */
bool wg_packed_atomic(const wg_ctx *c, const ir_var *v);
const char *wg_packed_elem(wg_ctx *c, const ir_var *v); /* "u32" or "atomic<u32>" */
int wg_packed_words(const ir_var *v);         /* words of a fixed-size packed variable */
const char *wg_packed_load(wg_ctx *c, const ir_expr *lv);
void wg_packed_store(wg_ctx *c, const ir_expr *lhs, const ir_expr *rhs);
void wg_packed_helpers(wg_ctx *c, cw_strbuf *out, const ir_var *v);

/* math.c */
const char *wg_intrinsic(wg_ctx *c, const ir_expr *e, const char **args);
void wg_emit_helpers(wg_ctx *c, cw_strbuf *out);

/* half.c: CW_IN_HADD & co. in native f16; NULL for other intrinsics */
const char *wg_half_intrinsic(wg_ctx *c, const ir_expr *e, const char **args);

/* int64.c: i64/u64 values as vec2<u32> (x low word, y high word) */
bool wg64_is(const ir_type *t);                          /* I64 or U64 */
const char *wg64_const(wg_ctx *c, uint64_t v);
const char *wg64_count(wg_ctx *c, const char *b, const ir_type *bt); /* shift count as u32 */
const char *wg64_binary(wg_ctx *c, ir_op op, const ir_type *t, const char *a, const char *b);
const char *wg64_unary(wg_ctx *c, ir_op op, const char *a);
const char *wg64_convert(wg_ctx *c, const char *x, const ir_type *from, const ir_type *to);
const char *wg64_intrinsic(wg_ctx *c, const ir_expr *e, const char **args); /* NULL: not 64-bit */
void wg64_emit_helpers(wg_ctx *c, cw_strbuf *out);
void wg64_emit_all_helpers(wg_ctx *c, cw_strbuf *out);   /* unit tests */
/* int64.c: 64-bit atomics (two 32-bit words) */
void wg64_atomic(wg_ctx *c, const ir_stmt *s, const char *p, const char *v);

#endif
