/* The kernel IR: the one contract between the front-end (ir/lower.c turns the
 * typed AST into it) and the back-ends (back/wgsl, back/c), which read only
 * this header and back/metadata.h.
 *
 * Shape: a tree IR with structured control flow. Expressions are pure (no
 * assignment, no ++, no calls; IR_E_BINARY LAND/LOR short-circuit like C and
 * WGSL); everything with an effect is a statement. Every expression has a
 * type; operands of arithmetic have exactly the result type (the lowering
 * inserts IR_E_CONVERT), except shift counts (any integer type) and
 * comparisons (bool result). Conditions are bool.
 *
 * Phases (ir_module.phase), each checked by ir_validate():
 *   IR_PHASE_LOWERED   device functions and IR_S_CALL present; pointers are
 *                      values (IR_T_PTR vars, IR_E_ADDR, IR_E_DEREF, IR_E_PTR_ADD)
 *   IR_PHASE_INLINED   after passes/inline.c: no IR_S_CALL, only kernels remain
 *   IR_PHASE_RESOLVED  after passes/provenance.c: every memory access is
 *                      IR_E_ELEM(root, index) (+ IR_E_MEMBER / IR_E_INDEX
 *                      inside aggregates); no IR_E_ADDR/DEREF/PTR_ADD; a former
 *                      pointer local is an i32 element offset whose
 *                      ir_var.root names the variable it points into.
 *   then passes/uniformity.c and passes/atomics.c annotate (no shape change).
 */
#ifndef CW_IR_H
#define CW_IR_H
#include <stdbool.h>
#include <stdint.h>

#include "ir/intrinsics.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/strbuf.h"

typedef struct ir_type ir_type;
typedef struct ir_struct ir_struct;
typedef struct ir_var ir_var;
typedef struct ir_expr ir_expr;
typedef struct ir_stmt ir_stmt;
typedef struct ir_func ir_func;
typedef struct ir_module ir_module;

/* ---------------- types ---------------- */
typedef enum {
  IR_T_VOID, IR_T_BOOL,
  IR_T_I8, IR_T_U8, IR_T_I16, IR_T_U16, IR_T_I32, IR_T_U32, IR_T_I64, IR_T_U64,
  IR_T_F32, IR_T_F64,
  IR_T_PTR,    /* pointee `elem` in address space `as` */
  IR_T_ARRAY,  /* `len` x `elem`; len -1 only for IR_VAR_DYN_SHARED and pointer params' views */
  IR_T_STRUCT, /* `st` */
} ir_type_kind;

typedef enum {
  IR_AS_PRIVATE,  /* thread-local: locals and their arrays */
  IR_AS_GLOBAL,   /* device memory: kernel pointer params, __device__ globals */
  IR_AS_SHARED,   /* __shared__ (static and dynamic) */
  IR_AS_CONSTANT, /* __constant__ globals (read-only in kernels) */
  IR_AS_UNKNOWN,  /* pointer into a space not known yet (device-function params before inlining) */
} ir_addr_space;

struct ir_type {
  ir_type_kind kind;
  int size, align;       /* host layout (x86-64 LP64) */
  ir_type *elem;         /* PTR, ARRAY */
  int len;               /* ARRAY */
  ir_addr_space as;      /* PTR */
  bool pointee_const;    /* PTR: declared `const T *` */
  ir_struct *st;         /* STRUCT */
};

typedef struct ir_field {
  const char *name;      /* never NULL (anonymous members get a generated name) */
  ir_type *type;
  int offset;            /* bytes, host layout */
} ir_field;

struct ir_struct {
  const char *name;      /* C tag or generated; a valid identifier */
  ir_field *fields;
  int nfields;
  int size, align;
  bool is_union;         /* all fields at offset 0 */
  int id;
};

/* Scalar singletons (ir/ir.c) */
extern ir_type ir_void, ir_bool, ir_i8, ir_u8, ir_i16, ir_u16, ir_i32, ir_u32, ir_i64, ir_u64,
    ir_f32, ir_f64;
ir_type *ir_type_ptr(ir_module *m, ir_type *elem, ir_addr_space as, bool pointee_const);
ir_type *ir_type_array(ir_module *m, ir_type *elem, int len);
bool ir_type_eq(const ir_type *a, const ir_type *b);
bool ir_type_is_int(const ir_type *t);   /* I8..U64 (not bool) */
bool ir_type_is_signed(const ir_type *t);
bool ir_type_is_float(const ir_type *t);
bool ir_type_is_scalar(const ir_type *t);/* bool, ints, floats */
bool ir_type_is_64bit(const ir_type *t); /* I64, U64, F64 */
/* Short scalar name ("i32", "u8", "f32", "bool"); NULL for non-scalars */
const char *ir_scalar_name(ir_type_kind k);
/* Innermost non-array element (float for float[4][8]) */
ir_type *ir_type_leaf(ir_type *t);
/* Number of leaf elements of an array type (product of lengths); 1 otherwise */
int ir_type_flat_len(const ir_type *t);
/* C spelling for messages: "float", "int *", "float[16]", "struct Particle" */
const char *ir_type_str(ir_module *m, const ir_type *t);

/* ---------------- variables ---------------- */
typedef enum {
  IR_VAR_LOCAL,       /* function-local (also former parameters after inlining) */
  IR_VAR_PARAM,       /* parameter of a kernel or device function */
  IR_VAR_SHARED,      /* static __shared__ */
  IR_VAR_DYN_SHARED,  /* extern __shared__ T x[]: type ARRAY with len -1 */
  IR_VAR_CONSTANT,    /* __constant__ global */
  IR_VAR_DEVICE,      /* __device__ global */
} ir_var_kind;

struct ir_var {
  int id;                /* unique in the module */
  const char *name;      /* unique, valid identifier in C and WGSL, not a keyword of either */
  const char *src_name;  /* as the user wrote it, for messages */
  ir_type *type;
  ir_var_kind kind;
  cw_loc loc;
  int param_index;       /* IR_VAR_PARAM: position in the signature; else -1 */
  const uint8_t *init;   /* CONSTANT/DEVICE: host-layout bytes of type->size, NULL = zero */

  /* filled by passes */
  ir_var *root;          /* provenance: a former pointer local -> the variable it points into */
  bool is_written;       /* any store or atomic (roots: the memory they hold) */
  bool is_read;
  bool is_atomic;        /* atomics.c: accessed by an atomic operation somewhere */
  bool float_atomic;     /* atomics.c: an atomic on f32 elements (WGSL: compare-exchange loop) */
  bool is_uniform;       /* uniformity.c: locals whose value is the same in all threads of a block */
  ir_type *demoted_from; /* demote_f64.c: its type before double became float (metadata: "demoted") */
};

/* ---------------- expressions ---------------- */
typedef enum {
  IR_E_CONST,      /* type scalar; u.i (ints and bool, as bit pattern) or u.f */
  IR_E_VAR,        /* var (an lvalue when it is a local/param/shared/global) */
  IR_E_BUILTIN,    /* builtin, dim; type u32 (IR_BI_WARP_SIZE: i32) */
  IR_E_UNARY,      /* op, a */
  IR_E_BINARY,     /* op, a, b */
  IR_E_CONVERT,    /* a converted to type, with C semantics (float->int truncates;
                      int->narrower int wraps; anything->bool is != 0) */
  IR_E_BITCAST,    /* a reinterpreted as type (same size) */
  IR_E_SELECT,     /* a ? b : c  (a bool; b, c of type); both sides pure */
  IR_E_INTRINSIC,  /* pure built-in: intrinsic, args[nargs] (no atomics/barriers/LDG/SINCOS) */
  /* memory (lvalues) */
  IR_E_INDEX,      /* a[b]: a is an array-typed lvalue, b an integer */
  IR_E_MEMBER,     /* a.field: a is a struct-typed lvalue */
  IR_E_ELEM,       /* RESOLVED: element b of root var `var` seen as a flat array of
                      ir_type_leaf(var->type) (pointer params: of their pointee type;
                      a scalar/struct local: b must be 0) */
  /* pointers, LOWERED/INLINED phases only */
  IR_E_DEREF,      /* *a */
  IR_E_ADDR,       /* &a (a an lvalue) */
  IR_E_PTR_ADD,    /* a + b elements (b integer, may be negative) */
  IR_E_PTR_DIFF,   /* a - b in elements, type i64 */
} ir_expr_kind;

typedef enum {
  IR_OP_NEG, IR_OP_NOT /* bool */, IR_OP_BITNOT,
  IR_OP_ADD, IR_OP_SUB, IR_OP_MUL, IR_OP_DIV, IR_OP_REM,
  IR_OP_SHL, IR_OP_SHR /* arithmetic on signed, logical on unsigned */,
  IR_OP_AND, IR_OP_OR, IR_OP_XOR,
  IR_OP_EQ, IR_OP_NE, IR_OP_LT, IR_OP_LE, IR_OP_GT, IR_OP_GE, /* -> bool */
  IR_OP_LAND, IR_OP_LOR, /* bool x bool -> bool, short-circuit */
} ir_op;

typedef enum {
  IR_BI_THREAD_IDX, IR_BI_BLOCK_IDX, IR_BI_BLOCK_DIM, IR_BI_GRID_DIM, IR_BI_WARP_SIZE,
} ir_builtin;

struct ir_expr {
  ir_expr_kind kind;
  ir_type *type;
  cw_loc loc;
  ir_op op;
  ir_expr *a, *b, *c;
  ir_var *var;
  int field;             /* IR_E_MEMBER: index into type->st->fields of a */
  ir_builtin builtin;
  int dim;
  cw_intrinsic intrinsic;
  ir_expr **args;
  int nargs;
  union { uint64_t i; double f; } u;
  /* uniformity.c: this is a read of workgroup memory whose value steers a
   * barrier (WGSL: workgroupUniformLoad) */
  bool needs_uniform_load;
};

/* ---------------- statements ---------------- */
typedef enum {
  IR_S_BLOCK,      /* body (list via next) */
  IR_S_DECL,       /* var declared here (LOCAL); init may be NULL (then the value is 0) */
  IR_S_ASSIGN,     /* lhs (lvalue) = rhs */
  IR_S_IF,         /* cond, then_s, else_s (else_s may be NULL); both are IR_S_BLOCKs */
  IR_S_LOOP,       /* loop { body } continuing { cont }: `continue` jumps to cont;
                      exits only via break/return; body and cont are IR_S_BLOCKs
                      (cont may be NULL); unroll: -1 none, 0 full, N.
                      cont may end with an IR_S_IF whose then_s is exactly one
                      IR_S_BREAK and no else (do-while): back-ends emit it as
                      WGSL `break if c;` (WGSL forbids other breaks in continuing).
                      Nothing else in cont breaks, continues or returns. */
  IR_S_BREAK,      /* innermost loop or switch */
  IR_S_CONTINUE,   /* innermost loop */
  IR_S_RETURN,     /* value (device functions, LOWERED phase) or NULL */
  IR_S_SWITCH,     /* value (i32 or u32); cases[ncases] */
  IR_S_BARRIER,    /* barrier: CW_IN_SYNCTHREADS, CW_IN_THREADFENCE, CW_IN_THREADFENCE_BLOCK */
  IR_S_ATOMIC,     /* dst (local var or NULL) = atomic `intrinsic`(addr lvalue, value[, cmp]) */
  IR_S_CALL,       /* dst (or NULL) = callee(args) — LOWERED phase only */
  IR_S_WARP,       /* dst (fresh local, or NULL) = warp `intrinsic` (cw_intrinsic_is_warp) of
                      value (shfl: i32/u32/f32/i64/u64/f64; vote/ballot: bool; reduce:
                      i32/u32; NULL for activemask/syncwarp), cmp (shfl: source lane /
                      delta / lane mask, i32 or u32; else NULL); args[0] the member mask
                      (u32), args[1] the width (i32; 32 when not given), nargs 2; cond:
                      the thread takes part (bool, NULL = every thread reaching it), set
                      by passes/predicate.c. passes/warp.c replaces every IR_S_WARP by
                      shared memory and barriers, so back-ends never see one. */
  IR_S_PRINTF,     /* device printf: format m->strings[str_id] (util/devfmt.h), args[nargs]
                      one per conversion, typed i32/u32 (%d %u...), i64/u64 (l, ll), f32/f64 (%f...) */
  IR_S_ASSERT,     /* launch fails when cond (bool) is false; cond NULL: always (__trap).
                      m->strings[str_id]: "assertion 'c' failed at f.cu:L" / "trap at f.cu:L" */
} ir_stmt_kind;

typedef struct ir_case {
  int64_t *values;       /* case labels (as the selector's type) */
  int nvalues;
  bool is_default;
  ir_stmt *body;         /* IR_S_BLOCK */
  bool falls_through;    /* body can complete normally into the next case (C fallthrough) */
} ir_case;

struct ir_stmt {
  ir_stmt_kind kind;
  ir_stmt *next;
  cw_loc loc;
  ir_stmt *body;         /* BLOCK: first statement; LOOP: body block */
  ir_stmt *then_s, *else_s, *cont;
  ir_var *var;           /* DECL */
  ir_expr *init;         /* DECL */
  ir_expr *lhs, *rhs;    /* ASSIGN */
  ir_expr *cond;         /* IF */
  ir_expr *value;        /* RETURN, SWITCH selector, ATOMIC operand */
  ir_expr *cmp;          /* ATOMIC: atomicCAS compare value */
  ir_expr *addr;         /* ATOMIC: lvalue operated on */
  ir_var *dst;           /* ATOMIC, CALL */
  cw_intrinsic intrinsic;/* ATOMIC, BARRIER */
  ir_func *callee;       /* CALL */
  ir_expr **args;        /* CALL */
  int nargs;
  ir_case *cases;        /* SWITCH */
  int ncases;
  int unroll;            /* LOOP */
  /* uniformity.c, BARRIER and WARP: false when some enclosing condition or loop exit
   * may differ between threads of a block */
  bool in_uniform_cf;
  int str_id;            /* PRINTF, ASSERT: index into ir_module.strings */
};

/* ---------------- functions and module ---------------- */
struct ir_func {
  const char *name;      /* as in the source (kernels keep their CUDA name) */
  cw_loc loc;
  bool is_kernel;
  ir_type *ret;          /* void for kernels */
  ir_var **params;
  int nparams;
  ir_stmt *body;         /* IR_S_BLOCK */
  int launch_bounds[2];  /* 0 = absent */
  bool forceinline, noinline;
  ir_func *next;
  const char *display_name; /* template instances: C++ spelling ("reduce<float, 256>"), else NULL */
};

typedef enum { IR_PHASE_LOWERED, IR_PHASE_INLINED, IR_PHASE_RESOLVED } ir_phase;

struct ir_module {
  cw_arena *arena;
  cw_diags *diags;
  ir_phase phase;
  ir_func *funcs;        /* kernels and device functions, source order */
  ir_var **globals;      /* SHARED (function-scope __shared__ are hoisted here too, named
                            uniquely), DYN_SHARED, CONSTANT, DEVICE */
  int nglobals, capglobals;
  ir_struct **structs;   /* every struct used, in dependency order (fields before users) */
  int nstructs, capstructs;
  int next_id;
  const char **strings;  /* printf formats and assert messages (IR_S_PRINTF/ASSERT str_id) */
  int nstrings, capstrings;
  /* 32: the target runs warps as native 32-wide subgroups whose lanes are the
   * block's consecutive linear thread ids (WGSL `subgroups`, checked by the
   * runtime on the device), so passes/warp.c lowers warp intrinsics to
   * subgroup operations (CW_IN_SG_*); 0: exact emulation in shared memory. */
  int subgroup_size;
  /* 1: the target computes half add/sub/mul/div in native f16 (WGSL `enable
   * f16`, bit-exact on the device as checked by the runtime), so passes/half.c
   * makes those <cuda_fp16.h> functions CW_IN_HADD & co.; 2: __hfma/__hfma2
   * too (CW_IN_HFMA, CW_IN_HFMA2); 0: the header's exact f32 code. */
  int half_native;
};

/* ---------------- construction (ir/ir.c) ---------------- */
ir_module *ir_module_new(cw_arena *a, cw_diags *d);
ir_var *ir_var_new(ir_module *m, ir_var_kind kind, const char *src_name, ir_type *t, cw_loc loc);
void ir_module_add_global(ir_module *m, ir_var *v);
void ir_module_add_struct(ir_module *m, ir_struct *s);
int ir_module_add_string(ir_module *m, const char *s);  /* index in m->strings (arena copy) */
ir_expr *ir_expr_new(ir_module *m, ir_expr_kind k, ir_type *t, cw_loc loc);
ir_expr *ir_const_int(ir_module *m, ir_type *t, uint64_t v, cw_loc loc);
ir_expr *ir_const_float(ir_module *m, ir_type *t, double v, cw_loc loc);
ir_expr *ir_var_ref(ir_module *m, ir_var *v, cw_loc loc);
ir_expr *ir_unary(ir_module *m, ir_op op, ir_expr *a, cw_loc loc);
ir_expr *ir_binary(ir_module *m, ir_op op, ir_expr *a, ir_expr *b, cw_loc loc); /* type: bool for comparisons, a's otherwise */
ir_expr *ir_convert(ir_module *m, ir_type *t, ir_expr *a, cw_loc loc);      /* returns a when types are equal */
ir_expr *ir_to_bool(ir_module *m, ir_expr *a, cw_loc loc);                  /* a != 0 (identity on bool) */
ir_expr *ir_expr_clone(ir_module *m, const ir_expr *e);
ir_stmt *ir_stmt_new(ir_module *m, ir_stmt_kind k, cw_loc loc);
ir_stmt *ir_block_new(ir_module *m, cw_loc loc);
void ir_block_append(ir_stmt *block, ir_stmt *s);  /* O(n); fine for our sizes */
bool ir_expr_is_lvalue(const ir_expr *e);
const char *ir_op_str(ir_op op);                    /* "+", "<<", "&&", ... */
const char *ir_builtin_str(ir_builtin b);           /* "threadIdx", ... */

/* ---------------- validation and printing ---------------- */
/* Checks the invariants of m->phase; on failure records an internal error
 * ("IR validation failed after PASS: ...") and returns false. */
bool ir_validate(ir_module *m, const char *after_pass);
/* Text form for --emit-ir and tests: stable, one statement per line. */
void ir_print(const ir_module *m, cw_strbuf *out);

/* ---------------- lowering and passes ----------------
 * Each pass returns whether it changed the module; errors go through
 * m->diags (cw_error longjmps). */
struct cw_program;
ir_module *ir_lower(cw_arena *a, cw_diags *d, struct cw_program *prog);  /* ir/lower.c */
bool ir_pass_inline(ir_module *m);      /* passes/inline.c: rejects recursion */
bool ir_pass_provenance(ir_module *m);  /* passes/provenance.c */
bool ir_pass_uniformity(ir_module *m);  /* passes/uniformity.c */
bool ir_pass_atomics(ir_module *m);     /* passes/atomics.c */
bool ir_pass_simplify(ir_module *m);    /* passes/simplify.c: constant folding, exact conversion chains */
bool ir_pass_predicate(ir_module *m);   /* passes/predicate.c: warp ops out of divergent ifs */
bool ir_pass_warp(ir_module *m);        /* passes/warp.c: IR_S_WARP -> shared scratch + barriers */
bool ir_pass_half(ir_module *m);        /* passes/half.c: <cuda_fp16.h> arithmetic -> CW_IN_H* (m->half_native) */
bool ir_pass_demote_f64(ir_module *m);  /* passes/demote_f64.c: double -> float, with warnings (WGSL option) */
/* Keeps only the named kernels (NULL = all); error if a name is not a kernel.
 * A template instance matches its display name, spaces ignored. */
void ir_select_kernels(ir_module *m, const char **names, int n);

#endif
