/* The typed AST: what the parser (front/parse*.c, with semantic analysis done
 * while parsing, as chibicc does) hands to ir/lower.c. Nothing past ir/lower
 * sees these types.
 *
 * Invariants the parser guarantees (ir/lower relies on them):
 *  - Every expression node has `ty` set.
 *  - Implicit conversions are explicit ND_CAST nodes: operands of binary
 *    arithmetic/comparison already have the common type (usual arithmetic
 *    conversions, integer promotions); assignment right sides and call
 *    arguments are cast to the target type; conditions are scalars (not
 *    cast to bool: lowering compares with zero).
 *  - Pointer arithmetic is in elements, never scaled to bytes:
 *    ND_PTR_ADD(ptr, int), ND_PTR_SUB(ptr, int), ND_PTR_DIFF(ptr, ptr) -> long.
 *    Arrays stay arrays: `a[i]` on an array is ND_INDEX(a, i) (lhs has array
 *    type); on a pointer it is ND_DEREF(ND_PTR_ADD(p, i)). An array used as a
 *    value elsewhere decays through ND_DECAY (type: pointer to element).
 *  - Compound assignment keeps its operator (ND_ASSIGN with op != ND_NONE) so
 *    the left side is evaluated once; ++/-- are their own nodes.
 *  - Local initialisers are lowered to statements: ND_MEMZERO of the variable
 *    (when it is an aggregate with an initialiser list) followed by
 *    ND_ASSIGN expression statements per initialised element.
 *  - Global (__constant__/__device__) initialisers are evaluated to bytes in
 *    host (x86-64 LP64, little-endian) layout: cw_obj.init_data.
 */
#ifndef CW_AST_H
#define CW_AST_H
#include <stdbool.h>
#include <stdint.h>

#include "front/token.h"
#include "ir/intrinsics.h"
#include "util/diag.h"

typedef struct cw_type cw_type;
typedef struct cw_node cw_node;
typedef struct cw_obj cw_obj;
typedef struct cw_member cw_member;

/* ---- types (host layout: LP64, like nvcc on Linux) ---- */
typedef enum {
  TY_VOID, TY_BOOL,
  TY_CHAR, TY_SCHAR, TY_UCHAR,          /* char is signed, as on x86-64 */
  TY_SHORT, TY_USHORT, TY_INT, TY_UINT,
  TY_LONG, TY_ULONG, TY_LLONG, TY_ULLONG, /* long is 64-bit */
  TY_FLOAT, TY_DOUBLE,
  TY_ENUM,     /* underlying int */
  TY_PTR, TY_ARRAY, TY_FUNC, TY_STRUCT, TY_UNION,
  TY_DIM3,     /* type of threadIdx/blockIdx (uint3) and blockDim/gridDim (dim3): a struct of 3 unsigned */
} cw_type_kind;

struct cw_member {
  cw_member *next;
  const char *name;      /* NULL for an anonymous struct/union member */
  cw_type *ty;
  cw_loc loc;
  int idx;               /* position among members */
  int offset;            /* bytes, host layout */
};

struct cw_type {
  cw_type_kind kind;
  int size;              /* sizeof; -1 for incomplete (e.g. extern __shared__ T x[]) */
  int align;
  bool is_unsigned;
  bool is_const, is_volatile, is_restrict;
  cw_type *origin;       /* for qualified copies: the unqualified type */

  cw_type *base;         /* TY_PTR: pointee; TY_ARRAY: element */
  int array_len;         /* TY_ARRAY; -1 when unsized */

  const char *name;      /* struct/union/enum tag, typedef name for messages */
  cw_loc loc;            /* declaration, for messages */

  cw_member *members;    /* TY_STRUCT/TY_UNION */
  bool is_flexible;

  /* TY_FUNC */
  cw_type *return_ty;
  cw_type *params;       /* linked through `next` */
  bool is_variadic;
  cw_type *next;

  /* C++ (front-end only; lowering sees plain pointers and structs) */
  bool is_ref;           /* TY_PTR that is a reference T&: implicitly dereferenced at each use */
  void *fe_class;        /* TY_STRUCT with member functions/constructors: front-end class info */
};

/* Shared singletons (defined in front/type.c) */
extern cw_type *cw_ty_void, *cw_ty_bool, *cw_ty_char, *cw_ty_schar, *cw_ty_uchar,
    *cw_ty_short, *cw_ty_ushort, *cw_ty_int, *cw_ty_uint, *cw_ty_long, *cw_ty_ulong,
    *cw_ty_llong, *cw_ty_ullong, *cw_ty_float, *cw_ty_double, *cw_ty_dim3;

bool cw_ty_is_integer(const cw_type *t);  /* bool, chars, ints, enums */
bool cw_ty_is_float(const cw_type *t);    /* float, double */
bool cw_ty_is_arith(const cw_type *t);
bool cw_ty_is_scalar(const cw_type *t);   /* arith or pointer */
cw_type *cw_ty_pointer_to(cw_arena *a, cw_type *base);
cw_type *cw_ty_array_of(cw_arena *a, cw_type *base, int len);
cw_type *cw_ty_unqual(cw_type *t);
/* Spells a type the way a C programmer would ("const float *", "int[16]"). */
const char *cw_ty_str(cw_arena *a, const cw_type *t);

/* ---- objects: variables and functions ---- */
typedef enum {
  CW_STORE_LOCAL,        /* automatic variable in a function */
  CW_STORE_PARAM,        /* function parameter */
  CW_STORE_SHARED,       /* __shared__ (static size) */
  CW_STORE_EXTERN_SHARED,/* extern __shared__ T x[] (dynamic, size given at launch) */
  CW_STORE_CONSTANT,     /* __constant__ global */
  CW_STORE_DEVICE,       /* __device__ global */
  CW_STORE_STATIC_LOCAL, /* `static` local in device code: rejected by the parser */
  CW_STORE_FUNC,
} cw_storage;

enum { /* cw_obj.fn_flags */
  CW_FN_GLOBAL = 1, CW_FN_DEVICE = 2, CW_FN_HOST = 4, CW_FN_FORCEINLINE = 8,
  CW_FN_NOINLINE = 16, CW_FN_EXTERN_C = 32, CW_FN_STATIC = 64, CW_FN_INLINE = 128,
};

struct cw_obj {
  cw_obj *next;          /* in cw_program.globals / cw_obj.locals / params list */
  const char *name;
  cw_type *ty;
  cw_loc loc;
  cw_storage storage;
  int id;                /* unique within the program, for naming */

  /* variables */
  bool is_addressed;     /* & taken (lowering may need to know) */
  uint8_t *init_data;    /* globals: host-layout bytes (size ty->size), NULL = zero */

  /* functions */
  int fn_flags;
  int launch_bounds[2];  /* __launch_bounds__(maxThreads[, minBlocks]); 0 = absent */
  cw_obj *params;        /* linked via next */
  cw_obj *locals;        /* every local incl. params, linked via next */
  cw_node *body;         /* NULL for a declaration only */
  bool is_defined;
  bool is_builtin;       /* declared by a built-in header; never has a body */
  const char *display_name; /* template instances: C++ spelling ("reduce<float, 256>"); name is the identifier */

  /* C++ (front-end only) */
  const char *src_name;  /* source spelling ("A::f", "Vec3::operator+") when name is mangled; NULL = name */
  void *fe_info;         /* functions: front-end overload/method info */
  bool is_temp;          /* variables: a temporary the front-end made (a prvalue's object, not a named variable) */
};

/* ---- nodes ---- */
typedef enum {
  ND_NONE,
  /* binary arithmetic: lhs/rhs already converted to `ty` (for shifts: lhs is the
   * promoted left type, rhs its own promoted type) */
  ND_ADD, ND_SUB, ND_MUL, ND_DIV, ND_MOD, ND_SHL, ND_SHR, ND_BITAND, ND_BITOR, ND_BITXOR,
  /* comparisons: operands converted to a common type; result int */
  ND_EQ, ND_NE, ND_LT, ND_LE, ND_GT, ND_GE,
  ND_LOGAND, ND_LOGOR,   /* result int; rhs evaluated only when needed */
  ND_NEG, ND_NOT /* ! (int result) */, ND_BITNOT,
  ND_PTR_ADD, ND_PTR_SUB, ND_PTR_DIFF,
  ND_ASSIGN,             /* op: ND_NONE or the binary op of a compound assignment
                            (ND_PTR_ADD/ND_PTR_SUB for pointer += / -=); comp_ty */
  ND_PRE_INC, ND_PRE_DEC, ND_POST_INC, ND_POST_DEC, /* on arithmetic or pointer lvalue */
  ND_COND,               /* cond ? then : els */
  ND_COMMA,              /* lhs, rhs */
  ND_MEMBER,             /* lhs.member (x->m is ND_MEMBER(ND_DEREF(x))) */
  ND_INDEX,              /* lhs[rhs] where lhs has array type */
  ND_DECAY,              /* array lhs used as a pointer to its first element */
  ND_ADDR, ND_DEREF,
  ND_CAST,               /* lhs converted to ty (also implicit conversions) */
  ND_NUM,                /* ival (integers, bools, enums) or fval (float/double) */
  ND_VAR,                /* var */
  ND_FUNCALL,            /* call to a user function: func, args */
  ND_INTRINSIC,          /* CUDA builtin / math function: intrinsic, args (already cast) */
  ND_BUILTIN,            /* launch builtin: builtin, dim (0..2); ty unsigned (int for warpSize) */
  ND_MEMZERO,            /* zero the whole of var */
  ND_SIZEOF_UNUSED,      /* (sizeof/alignof fold to ND_NUM in the parser) */
  /* statements */
  ND_BLOCK,              /* body: list via next */
  ND_EXPR_STMT,          /* lhs */
  ND_DECL,               /* declares var (so lowering knows scope start); init statements follow as siblings */
  ND_IF,                 /* cond, then, els */
  ND_FOR,                /* init (stmt or NULL), cond (or NULL), inc (expr or NULL), then = body;
                            while loops are ND_FOR without init/inc */
  ND_DO,                 /* then = body, cond */
  ND_SWITCH,             /* cond (promoted integer), then = body; cases via case_next, default_case */
  ND_CASE,               /* case label inside a switch body: case_val (default: is_default); then = NULL
                            (statements follow as siblings in the body block) */
  ND_BREAK, ND_CONTINUE,
  ND_RETURN,             /* lhs (converted to the return type) or NULL */
  ND_NULL_STMT,
  /* device printf: str = the format (string-literal arguments folded in),
   * args = one per conversion (already converted); ty int. front/printf.c */
  ND_PRINTF,
  /* assert(lhs) / __trap() (lhs NULL): str = "assertion 'cond' failed at f.cu:L" or
   * "trap at f.cu:L"; ty void. front/printf.c */
  ND_ASSERT,
} cw_node_kind;

typedef enum {
  CW_BI_THREAD_IDX, CW_BI_BLOCK_IDX, CW_BI_BLOCK_DIM, CW_BI_GRID_DIM, CW_BI_WARP_SIZE,
} cw_builtin_var;

struct cw_node {
  cw_node_kind kind;
  cw_node *next;         /* sibling in a block / argument list */
  cw_type *ty;
  cw_loc loc;            /* the operator or first token */

  cw_node *lhs, *rhs;
  cw_node_kind op;       /* ND_ASSIGN compound operator */
  cw_type *comp_ty;      /* ND_ASSIGN compound: type the operation is done in */

  /* control flow */
  cw_node *cond, *then, *els, *init, *inc;
  cw_node *body;         /* ND_BLOCK */
  int unroll;            /* loops: #pragma unroll hint: -1 none, 0 full, N */
  cw_node *case_next;    /* ND_SWITCH: list of ND_CASE nodes; ND_CASE: next case */
  cw_node *default_case;
  int64_t case_val;
  bool is_default;

  /* leaves */
  cw_obj *var;           /* ND_VAR, ND_DECL, ND_MEMZERO */
  cw_member *member;     /* ND_MEMBER */
  int64_t ival;          /* ND_NUM integer value (bit pattern for unsigned) */
  double fval;           /* ND_NUM floating value */
  cw_builtin_var builtin;/* ND_BUILTIN */
  int dim;

  /* calls */
  cw_obj *func;          /* ND_FUNCALL */
  cw_intrinsic intrinsic;/* ND_INTRINSIC */
  cw_node *args;         /* linked via next */
  int nargs;

  int height;            /* parser only: memoised expression-tree height, 0 = not computed */
  const char *str;       /* ND_PRINTF format, ND_ASSERT message */
};

typedef struct cw_program {
  cw_obj *globals;       /* functions and global variables in source order */
} cw_program;

/* Parses the token list into a program. Errors longjmp through d. */
cw_program *cw_parse(cw_diags *d, cw_token *tokens);

#endif
