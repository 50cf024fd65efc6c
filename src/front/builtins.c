/* CUDA built-in functions: name -> intrinsic, typing of the call (CUDA C++
 * overload rules), and precise rejection of unsupported CUDA features. */
#include <math.h>
#include <string.h>

#include "front/parse.h"

/* ---- unsupported features ---- */

static bool starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* Why textures, surfaces and grid-wide sync are refused (shared with
 * p_unknown_type and the declaration parser). */
const char p_texture_why[] =
    "device memory is bound as plain storage buffers (no samplers, filtering or "
    "addressing modes); read the data through a pointer instead";
const char p_surface_why[] =
    "device memory is bound as plain storage buffers; write through a pointer instead";
const char p_grid_sync_msg[] =
    "grid-wide synchronisation (cooperative_groups::this_grid().sync()) is not supported: "
    "WebGPU has no barrier across workgroups (and no co-residency guarantee for them); "
    "split the kernel at the sync into two launches";

const char p_cg_include_msg[] = "'cooperative_groups' is not declared: add #include <cooperative_groups.h>";

void p_reject_unsupported_call(Parser *P, const char *n, cw_loc loc) {
  if (starts(n, "tex1D") || starts(n, "tex2D") || starts(n, "tex3D") || starts(n, "texCubemap"))
    cw_error(P->d, loc, "texture fetch '%s' is not supported: texture objects and texture references are "
             "not supported: %s", n, p_texture_why);
  if (starts(n, "cudaCreateTextureObject"))
    cw_error(P->d, loc, "texture objects are not supported: %s", p_texture_why);
  if (starts(n, "surf1D") || starts(n, "surf2D") || starts(n, "surf3D") || starts(n, "surfCubemap"))
    cw_error(P->d, loc, "surface access '%s' is not supported: surface objects are not supported: %s", n,
             p_surface_why);
  if (!strcmp(n, "this_grid") || !strcmp(n, "sync_grids") || !strcmp(n, "grid_group") ||
      !strcmp(n, "this_multi_grid") || !strcmp(n, "multi_grid_group"))
    cw_error(P->d, loc, "%s", p_grid_sync_msg);
  if (!strcmp(n, "__shfl") || !strcmp(n, "__shfl_up") || !strcmp(n, "__shfl_down") ||
      !strcmp(n, "__shfl_xor") || !strcmp(n, "__ballot") || !strcmp(n, "__any") || !strcmp(n, "__all"))
    cw_error(P->d, loc, "warp intrinsic '%s' without a mask was removed in CUDA 9; use '%s_sync'", n, n);
  if (!p_is_intrinsic_name(n) &&
      (starts(n, "__shfl") || starts(n, "__ballot") || starts(n, "__any_sync") ||
       starts(n, "__all_sync") || starts(n, "__activemask") || starts(n, "__syncwarp") ||
       starts(n, "__match_") || starts(n, "__reduce_") || starts(n, "__uni_sync") ||
       starts(n, "__lanemask_")))
    cw_error(P->d, loc, "warp intrinsic '%s' is not supported yet", n);
  if (starts(n, "__syncthreads_") )
    cw_error(P->d, loc, "'%s' is not supported yet", n);
  if (!strcmp(n, "this_thread_block") || !strcmp(n, "tiled_partition") || !strcmp(n, "coalesced_threads"))
    cw_error(P->d, loc, "use of undeclared identifier '%s': it is in namespace cooperative_groups "
             "(#include <cooperative_groups.h>, then cooperative_groups::%s or a using-directive)", n, n);
  if (!strcmp(n, "malloc") || !strcmp(n, "free") || !strcmp(n, "calloc") || !strcmp(n, "realloc"))
    cw_error(P->d, loc, "device-side %s is not supported: WebGPU shaders cannot allocate memory; "
             "allocate with cudaMalloc on the host and pass the pointer", !strcmp(n, "free") ? "free" : "malloc");
  if (!strcmp(n, "__assert_fail") || !strcmp(n, "__assertfail"))
    cw_error(P->d, loc, "'%s' is not supported; use assert(cond) from <assert.h>", n);
  if (!strcmp(n, "clock") || !strcmp(n, "clock64") || !strcmp(n, "__nanosleep"))
    cw_error(P->d, loc, "'%s' is not supported", n);
}

/* A type name we do not know: CUDA's texture and surface handle types get
 * the precise refusal, anything else "unknown type name". */
void p_unknown_type(Parser *P, const cw_token *t) {
  const char *n = p_tokstr(P, t);
  if (!strcmp(n, "cudaTextureObject_t"))
    cw_error(P->d, t->loc, "texture objects (cudaTextureObject_t) are not supported: %s", p_texture_why);
  if (!strcmp(n, "texture"))
    cw_error(P->d, t->loc, "texture references (texture<...>) are not supported: %s", p_texture_why);
  if (!strcmp(n, "cudaSurfaceObject_t"))
    cw_error(P->d, t->loc, "surface objects (cudaSurfaceObject_t) are not supported: %s", p_surface_why);
  if (!strcmp(n, "surface"))
    cw_error(P->d, t->loc, "surface references (surface<...>) are not supported: %s", p_surface_why);
  if (!strcmp(n, "grid_group") || !strcmp(n, "multi_grid_group")) cw_error(P->d, t->loc, "%s", p_grid_sync_msg);
  P_entry *e = p_find_var(P, n);
  if (e && !e->type_def && p_tmpl_is_struct(e->tmpl))
    cw_error(P->d, t->loc, "use of class template '%s' requires template arguments (e.g. '%s<float>')", n, n);
  cw_error(P->d, t->loc, "unknown type name '%s'", n);
}

/* ---- name table ---- */

typedef enum {
  K_MATH,      /* float/double by operand type; integer args -> double */
  K_MATHF,     /* the f-suffixed form: always float */
  K_CLASSIFY,  /* isnan & co: operand float/double, result int */
  K_FASTF,     /* __expf & co: float */
  K_INT,       /* fixed integer signature */
  K_MINMAX,    /* min/max: usual arithmetic conversions */
  K_ABS,
  K_BITCAST,
  K_LDG,
  K_SINCOS,
  K_ATOMIC,
  K_SYNC,
  K_CONST,     /* __builtin_inff & co */
  K_WARP,      /* __shfl_sync & co: typed by warp_call */
} kind_t;

typedef struct {
  const char *name;
  cw_intrinsic in;
  kind_t kind;
  int arg;   /* K_INT: operand type code; K_MINMAX: forced type code (0 = by operands) */
  int ret;   /* K_INT: result type code */
} entry;

enum { T_NONE, T_INT, T_UINT, T_LLONG, T_ULLONG, T_FLOAT, T_DOUBLE };

static cw_type *code_ty(int c) {
  switch (c) {
  case T_INT: return cw_ty_int;
  case T_UINT: return cw_ty_uint;
  case T_LLONG: return cw_ty_llong;
  case T_ULLONG: return cw_ty_ullong;
  case T_FLOAT: return cw_ty_float;
  case T_DOUBLE: return cw_ty_double;
  default: return NULL;
  }
}

#define M(nm, id) {#nm, CW_IN_##id, K_MATH, 0, 0}, {#nm "f", CW_IN_##id, K_MATHF, 0, 0},
static const entry table[] = {
    M(sqrt, SQRT) M(rsqrt, RSQRT) M(cbrt, CBRT) M(exp, EXP) M(exp2, EXP2) M(exp10, EXP10)
    M(expm1, EXPM1) M(log, LOG) M(log2, LOG2) M(log10, LOG10) M(log1p, LOG1P) M(pow, POW)
    M(sin, SIN) M(cos, COS) M(tan, TAN) M(asin, ASIN) M(acos, ACOS) M(atan, ATAN)
    M(atan2, ATAN2) M(sinh, SINH) M(cosh, COSH) M(tanh, TANH) M(asinh, ASINH) M(acosh, ACOSH)
    M(atanh, ATANH) M(fabs, FABS) M(fmin, FMIN) M(fmax, FMAX) M(fdim, FDIM) M(floor, FLOOR)
    M(ceil, CEIL) M(round, ROUND) M(rint, RINT) M(trunc, TRUNC) M(fmod, FMOD)
    M(remainder, REMAINDER) M(fma, FMA) M(hypot, HYPOT) M(erf, ERF) M(erfc, ERFC)
    M(copysign, COPYSIGN) M(ldexp, LDEXP) M(nearbyint, RINT)
    {"isnan", CW_IN_ISNAN, K_CLASSIFY, 0, 0}, {"isinf", CW_IN_ISINF, K_CLASSIFY, 0, 0},
    {"isfinite", CW_IN_ISFINITE, K_CLASSIFY, 0, 0}, {"signbit", CW_IN_SIGNBIT, K_CLASSIFY, 0, 0},
    {"__isnan", CW_IN_ISNAN, K_CLASSIFY, 0, 0}, {"__isinf", CW_IN_ISINF, K_CLASSIFY, 0, 0},
    {"__finite", CW_IN_ISFINITE, K_CLASSIFY, 0, 0}, {"__isnanf", CW_IN_ISNAN, K_CLASSIFY, 0, 0},
    {"__isinff", CW_IN_ISINF, K_CLASSIFY, 0, 0}, {"__finitef", CW_IN_ISFINITE, K_CLASSIFY, 0, 0},
    {"__signbitf", CW_IN_SIGNBIT, K_CLASSIFY, 0, 0},
    {"__expf", CW_IN_FAST_EXP, K_FASTF, 0, 0}, {"__logf", CW_IN_FAST_LOG, K_FASTF, 0, 0},
    {"__sinf", CW_IN_FAST_SIN, K_FASTF, 0, 0}, {"__cosf", CW_IN_FAST_COS, K_FASTF, 0, 0},
    {"__powf", CW_IN_FAST_POW, K_FASTF, 0, 0}, {"__fdividef", CW_IN_FAST_DIV, K_FASTF, 0, 0},
    {"__saturatef", CW_IN_SATURATE, K_FASTF, 0, 0}, {"__frcp_rn", CW_IN_RCP_RN, K_FASTF, 0, 0},
    {"__fsqrt_rn", CW_IN_SQRT_RN, K_FASTF, 0, 0}, {"__fmaf_rn", CW_IN_FMA_RN, K_FASTF, 0, 0},
    {"__fadd_rn", CW_IN_ADD_RN, K_FASTF, 0, 0}, {"__fmul_rn", CW_IN_MUL_RN, K_FASTF, 0, 0},
    {"__popc", CW_IN_POPC, K_INT, T_UINT, T_INT}, {"__popcll", CW_IN_POPCLL, K_INT, T_ULLONG, T_INT},
    {"__clz", CW_IN_CLZ, K_INT, T_INT, T_INT}, {"__clzll", CW_IN_CLZ, K_INT, T_LLONG, T_INT},
    {"__ffs", CW_IN_FFS, K_INT, T_INT, T_INT}, {"__ffsll", CW_IN_FFS, K_INT, T_LLONG, T_INT},
    {"__brev", CW_IN_BREV, K_INT, T_UINT, T_UINT}, {"__brevll", CW_IN_BREV, K_INT, T_ULLONG, T_ULLONG},
    {"__mul24", CW_IN_MUL24, K_INT, T_INT, T_INT}, {"__umul24", CW_IN_UMUL24, K_INT, T_UINT, T_UINT},
    {"__mulhi", CW_IN_MULHI, K_INT, T_INT, T_INT}, {"__umulhi", CW_IN_UMULHI, K_INT, T_UINT, T_UINT},
    {"__mul64hi", CW_IN_MULHI, K_INT, T_LLONG, T_LLONG},
    {"__umul64hi", CW_IN_UMULHI, K_INT, T_ULLONG, T_ULLONG},
    {"min", CW_IN_MIN, K_MINMAX, 0, 0}, {"max", CW_IN_MAX, K_MINMAX, 0, 0},
    {"umin", CW_IN_MIN, K_MINMAX, T_UINT, 0}, {"umax", CW_IN_MAX, K_MINMAX, T_UINT, 0},
    {"llmin", CW_IN_MIN, K_MINMAX, T_LLONG, 0}, {"llmax", CW_IN_MAX, K_MINMAX, T_LLONG, 0},
    {"ullmin", CW_IN_MIN, K_MINMAX, T_ULLONG, 0}, {"ullmax", CW_IN_MAX, K_MINMAX, T_ULLONG, 0},
    {"abs", CW_IN_ABS, K_ABS, 0, 0}, {"labs", CW_IN_ABS, K_ABS, 0, 0}, {"llabs", CW_IN_ABS, K_ABS, 0, 0},
    {"__float_as_int", CW_IN_FLOAT_AS_INT, K_BITCAST, T_FLOAT, T_INT},
    {"__int_as_float", CW_IN_INT_AS_FLOAT, K_BITCAST, T_INT, T_FLOAT},
    {"__float_as_uint", CW_IN_FLOAT_AS_UINT, K_BITCAST, T_FLOAT, T_UINT},
    {"__uint_as_float", CW_IN_UINT_AS_FLOAT, K_BITCAST, T_UINT, T_FLOAT},
    {"__ldg", CW_IN_LDG, K_LDG, 0, 0},
    {"sincos", CW_IN_SINCOS, K_SINCOS, T_DOUBLE, 0}, {"sincosf", CW_IN_SINCOS, K_SINCOS, T_FLOAT, 0},
    {"atomicAdd", CW_IN_ATOMIC_ADD, K_ATOMIC, 0, 0}, {"atomicSub", CW_IN_ATOMIC_SUB, K_ATOMIC, 0, 0},
    {"atomicExch", CW_IN_ATOMIC_EXCH, K_ATOMIC, 0, 0}, {"atomicMin", CW_IN_ATOMIC_MIN, K_ATOMIC, 0, 0},
    {"atomicMax", CW_IN_ATOMIC_MAX, K_ATOMIC, 0, 0}, {"atomicInc", CW_IN_ATOMIC_INC, K_ATOMIC, 0, 0},
    {"atomicDec", CW_IN_ATOMIC_DEC, K_ATOMIC, 0, 0}, {"atomicCAS", CW_IN_ATOMIC_CAS, K_ATOMIC, 0, 0},
    {"atomicAnd", CW_IN_ATOMIC_AND, K_ATOMIC, 0, 0}, {"atomicOr", CW_IN_ATOMIC_OR, K_ATOMIC, 0, 0},
    {"atomicXor", CW_IN_ATOMIC_XOR, K_ATOMIC, 0, 0},
    {"__syncthreads", CW_IN_SYNCTHREADS, K_SYNC, 0, 0},
    {"__threadfence", CW_IN_THREADFENCE, K_SYNC, 0, 0},
    {"__threadfence_block", CW_IN_THREADFENCE_BLOCK, K_SYNC, 0, 0},
    {"__shfl_sync", CW_IN_SHFL, K_WARP, 0, 0}, {"__shfl_up_sync", CW_IN_SHFL_UP, K_WARP, 0, 0},
    {"__shfl_down_sync", CW_IN_SHFL_DOWN, K_WARP, 0, 0}, {"__shfl_xor_sync", CW_IN_SHFL_XOR, K_WARP, 0, 0},
    /* <cooperative_groups.h>'s templated shuffles: also classes, one shuffle per scalar member */
    {"__cw_shfl_sync", CW_IN_SHFL, K_WARP, 1, 0}, {"__cw_shfl_up_sync", CW_IN_SHFL_UP, K_WARP, 1, 0},
    {"__cw_shfl_down_sync", CW_IN_SHFL_DOWN, K_WARP, 1, 0}, {"__cw_shfl_xor_sync", CW_IN_SHFL_XOR, K_WARP, 1, 0},
    {"__ballot_sync", CW_IN_BALLOT, K_WARP, 0, 0}, {"__any_sync", CW_IN_VOTE_ANY, K_WARP, 0, 0},
    {"__all_sync", CW_IN_VOTE_ALL, K_WARP, 0, 0}, {"__activemask", CW_IN_ACTIVEMASK, K_WARP, 0, 0},
    {"__syncwarp", CW_IN_SYNCWARP, K_WARP, 0, 0},
    {"__reduce_add_sync", CW_IN_REDUCE_ADD, K_WARP, 0, 0}, {"__reduce_min_sync", CW_IN_REDUCE_MIN, K_WARP, 0, 0},
    {"__reduce_max_sync", CW_IN_REDUCE_MAX, K_WARP, 0, 0}, {"__reduce_and_sync", CW_IN_REDUCE_AND, K_WARP, 0, 0},
    {"__reduce_or_sync", CW_IN_REDUCE_OR, K_WARP, 0, 0}, {"__reduce_xor_sync", CW_IN_REDUCE_XOR, K_WARP, 0, 0},
    {"__builtin_inff", CW_IN_COUNT, K_CONST, T_FLOAT, 0}, {"__builtin_inf", CW_IN_COUNT, K_CONST, T_DOUBLE, 0},
    {"__builtin_huge_valf", CW_IN_COUNT, K_CONST, T_FLOAT, 0},
    {"__builtin_huge_val", CW_IN_COUNT, K_CONST, T_DOUBLE, 0},
    {"__builtin_nanf", CW_IN_COUNT, K_CONST, T_FLOAT, 1}, {"__builtin_nan", CW_IN_COUNT, K_CONST, T_DOUBLE, 1},
};

static const entry *lookup(const char *name) {
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (!strcmp(table[i].name, name)) return &table[i];
  return NULL;
}

bool p_is_intrinsic_name(const char *name) { return lookup(name) != NULL; }

/* Names whose prototypes in built-in headers must not create user functions. */
bool p_is_intrinsic_or_rejected(const char *name);
bool p_is_intrinsic_or_rejected(const char *n) {
  return lookup(n) || !strcmp(n, "printf") || !strcmp(n, "malloc") || !strcmp(n, "free") ||
         starts(n, "__shfl") || starts(n, "__ballot") || starts(n, "tex1D") || starts(n, "tex2D") ||
         starts(n, "tex3D") || starts(n, "__syncwarp") || starts(n, "__activemask") ||
         !strcmp(n, "__any_sync") || !strcmp(n, "__all_sync");
}

/* ---- typing ---- */

static cw_node *intr(Parser *P, cw_intrinsic in, cw_loc loc, cw_type *ret, cw_node **args, int n) {
  cw_node *node = p_new_node(P, ND_INTRINSIC, loc);
  node->intrinsic = in;
  node->ty = ret;
  node->nargs = n;
  cw_node head = {0}, *cur = &head;
  for (int i = 0; i < n; i++) {
    args[i]->next = NULL;
    cur = cur->next = args[i];
  }
  node->args = head.next;
  return node;
}

static cw_node *arg_to(Parser *P, cw_node *a, cw_type *ty, const char *fname) {
  a = p_rval(P, a);
  if (!cw_ty_is_arith(a->ty))
    cw_error(P->d, a->loc, "no matching function for call to '%s' with argument of type '%s'", fname,
             cw_ty_str(P->a, a->ty));
  return p_convert_assign(P, a, ty, a->loc, "passing an argument to parameter of type");
}

static int expected_args(const entry *e) {
  switch (e->kind) {
  case K_CONST: return 0;
  case K_MINMAX: return 2;
  case K_ABS: case K_BITCAST: case K_LDG: case K_CLASSIFY: return 1;
  case K_SINCOS: return 3;
  case K_ATOMIC: return e->in == CW_IN_ATOMIC_CAS ? 3 : 2;
  case K_WARP: return 0; /* warp_call checks */
  case K_SYNC: return 0;
  default: break;
  }
  /* math & integer: arity from the intrinsic list */
  static const int nargs[] = {
#define X(id, nm, n) n,
      CW_INTRINSIC_LIST(X)
#undef X
  };
  return nargs[e->in];
}

/* The floating type a math call is done in (CUDA C++ overloads). */
static cw_type *math_type(cw_node **a, int n) {
  cw_type *t = NULL;
  for (int i = 0; i < n; i++) {
    cw_type *at = cw_ty_unqual(a[i]->ty);
    if (at->kind == TY_DOUBLE || !cw_ty_is_float(at)) return cw_ty_double;
    t = cw_ty_float;
  }
  return t ? t : cw_ty_double;
}

static cw_node *atomic(Parser *P, const entry *e, cw_loc loc, cw_node **a, int n) {
  cw_node *p = p_rval(P, a[0]);
  if (p->ty->kind != TY_PTR)
    cw_error(P->d, p->loc, "the first argument of '%s' must be a pointer (have '%s')", e->name, cw_ty_str(P->a, p->ty));
  cw_type *vt = cw_ty_unqual(p->ty->base);
  if (p->ty->base->is_const) cw_error(P->d, p->loc, "'%s' on a pointer to const", e->name);
  bool ok;
  bool i32 = vt->kind == TY_INT || vt->kind == TY_UINT;
  bool u64 = vt->kind == TY_ULLONG || vt->kind == TY_ULONG;
  bool i64 = vt->kind == TY_LLONG || vt->kind == TY_LONG;
  switch (e->in) {
  case CW_IN_ATOMIC_ADD: ok = i32 || u64 || vt->kind == TY_FLOAT || vt->kind == TY_DOUBLE; break;
  case CW_IN_ATOMIC_EXCH: ok = i32 || u64 || vt->kind == TY_FLOAT; break;
  case CW_IN_ATOMIC_SUB: ok = i32; break;
  case CW_IN_ATOMIC_INC: case CW_IN_ATOMIC_DEC: ok = vt->kind == TY_UINT; break;
  case CW_IN_ATOMIC_CAS: ok = i32 || u64 || vt->kind == TY_USHORT; break;
  default: ok = i32 || u64 || i64; break; /* min/max/and/or/xor */
  }
  if (!ok)
    cw_error(P->d, loc, "no matching function for call to '%s' with argument of type '%s'", e->name,
             cw_ty_str(P->a, p->ty));
  a[0] = p;
  for (int i = 1; i < n; i++) a[i] = arg_to(P, a[i], vt, e->name);
  return intr(P, e->in, loc, vt, a, n);
}

static cw_node *warp_call(Parser *P, const entry *e, cw_loc loc, cw_node **a, int nargs);

/* A shuffle of a class value (the cooperative-groups forms, e->arg): CUDA
 * moves any trivially copyable type as 32-bit words; here each scalar member
 * (recursively through nested classes and arrays) is shuffled from the same
 * lane, which moves the same bits except padding, on every target (WGSL has
 * no unions to view a struct as words). Operands are evaluated once, into
 * temporaries. */
typedef struct {
  const entry *e;
  cw_obj *mask, *lane, *width, *src, *dst;
  cw_node *acc;
  int leaves;
  cw_loc loc;
} split_ctx;

static cw_node *split_path(Parser *P, cw_obj *root, const cw_member **mems, const int *idx, int depth, cw_loc loc) {
  cw_node *n = p_new_var(P, root, loc);
  for (int i = 0; i < depth; i++) {
    cw_node *x;
    if (mems[i]) {
      x = p_new_node(P, ND_MEMBER, loc);
      x->member = (cw_member *)mems[i];
      x->ty = mems[i]->ty;
    } else {
      x = p_new_node(P, ND_INDEX, loc);
      x->rhs = p_new_num(P, idx[i], cw_ty_int, loc);
      x->ty = n->ty->base;
    }
    x->lhs = n;
    n = x;
  }
  return n;
}

#define SPLIT_MAX_DEPTH 16
#define SPLIT_MAX_LEAVES 256

static void split_leaves(Parser *P, split_ctx *c, cw_type *ty, const cw_member **mems, int *idx, int depth) {
  cw_type *u = cw_ty_unqual(ty);
  if (depth >= SPLIT_MAX_DEPTH)
    cw_error(P->d, c->loc, "a warp shuffle of a value of type '%s' is not supported: classes nested too deeply",
             cw_ty_str(P->a, cw_ty_unqual(c->src->ty)));
  if (u->kind == TY_STRUCT) {
    for (cw_member *m = u->members; m; m = m->next) {
      mems[depth] = m;
      split_leaves(P, c, m->ty, mems, idx, depth + 1);
    }
    return;
  }
  if (u->kind == TY_ARRAY) {
    for (int k = 0; k < u->array_len; k++) {
      mems[depth] = NULL;
      idx[depth] = k;
      split_leaves(P, c, u->base, mems, idx, depth + 1);
    }
    return;
  }
  if (u->kind == TY_UNION)
    cw_error(P->d, c->loc, "a warp shuffle of a value of type '%s' is not supported: it holds a union, whose active "
             "member is unknown here", cw_ty_str(P->a, cw_ty_unqual(c->src->ty)));
  if (u->kind == TY_PTR)
    cw_error(P->d, c->loc, "a warp shuffle of a value of type '%s' is not supported: a pointer here is a buffer and "
             "an offset, not an address that can move between threads; shuffle an index instead",
             cw_ty_str(P->a, cw_ty_unqual(c->src->ty)));
  if (!cw_ty_is_arith(u))
    cw_error(P->d, c->loc, "a warp shuffle of a value of type '%s' is not supported",
             cw_ty_str(P->a, cw_ty_unqual(c->src->ty)));
  if (++c->leaves > SPLIT_MAX_LEAVES)
    cw_error(P->d, c->loc, "a warp shuffle of a value of type '%s' is not supported: more than %d scalar members",
             cw_ty_str(P->a, cw_ty_unqual(c->src->ty)), SPLIT_MAX_LEAVES);
  cw_node *a[4] = {p_new_var(P, c->mask, c->loc), split_path(P, c->src, mems, idx, depth, c->loc),
                   p_new_var(P, c->lane, c->loc), p_new_var(P, c->width, c->loc)};
  cw_node *v = warp_call(P, c->e, c->loc, a, 4);
  cw_node *lhs = split_path(P, c->dst, mems, idx, depth, c->loc);
  v = p_convert_assign(P, v, cw_ty_unqual(lhs->ty), c->loc, "assigning");
  c->acc = p_comma(P, c->acc, p_assign_raw(P, lhs, v));
}

static cw_node *shfl_split(Parser *P, const entry *e, cw_loc loc, cw_node **a, int nargs) {
  cw_type *st = cw_ty_unqual(a[1]->ty);
  split_ctx c = {.e = e, .loc = loc};
  bool updown = e->in == CW_IN_SHFL_UP || e->in == CW_IN_SHFL_DOWN;
  c.mask = p_new_temp(P, cw_ty_uint, loc);
  c.lane = p_new_temp(P, updown ? cw_ty_uint : cw_ty_int, loc);
  c.width = p_new_temp(P, cw_ty_int, loc);
  c.src = p_new_temp(P, st, loc);
  c.dst = p_new_temp(P, st, loc);
  cw_node *w = nargs > 3 ? a[3] : p_new_num(P, 32, cw_ty_int, loc);
  cw_obj *vars[4] = {c.mask, c.src, c.lane, c.width};
  cw_node *vals[4] = {a[0], a[1], a[2], w};
  for (int i = 0; i < 4; i++) {
    cw_node *v = i == 1 ? vals[i] : p_convert_assign(P, vals[i], vars[i]->ty, vals[i]->loc, "passing an argument");
    c.acc = p_comma(P, c.acc, p_assign_raw(P, p_new_var(P, vars[i], loc), v));
  }
  const cw_member *mems[SPLIT_MAX_DEPTH];
  int idx[SPLIT_MAX_DEPTH];
  split_leaves(P, &c, st, mems, idx, 0);
  return p_comma(P, c.acc, p_new_var(P, c.dst, loc));
}

/* Warp intrinsics (CUDA's overloads). The node always carries every
 * argument: the mask first, then the operand, the lane (shfl) and the width
 * (shfl; warpSize when not given); __syncwarp() gets its default full mask. */
static cw_node *warp_call(Parser *P, const entry *e, cw_loc loc, cw_node **a, int nargs) {
  cw_intrinsic in = e->in;
  bool shfl = in == CW_IN_SHFL || in == CW_IN_SHFL_UP || in == CW_IN_SHFL_DOWN || in == CW_IN_SHFL_XOR;
  int lo = in == CW_IN_ACTIVEMASK || in == CW_IN_SYNCWARP ? 0 : shfl ? 3 : 2;
  int hi = in == CW_IN_ACTIVEMASK ? 0 : in == CW_IN_SYNCWARP ? 1 : shfl ? 4 : 2;
  if (nargs < lo || nargs > hi)
    cw_error(P->d, loc, "too %s arguments to function '%s' (expected %d%s, have %d)",
             nargs < lo ? "few" : "many", e->name, nargs < lo ? lo : hi,
             lo != hi ? (nargs < lo ? " or more" : " or fewer") : "", nargs);
  if (in == CW_IN_ACTIVEMASK) return intr(P, in, loc, cw_ty_uint, a, 0);
  if (in == CW_IN_SYNCWARP) {
    a[0] = nargs ? arg_to(P, a[0], cw_ty_uint, e->name) : p_new_num(P, 0xffffffffu, cw_ty_uint, loc);
    return intr(P, in, loc, cw_ty_void, a, 1);
  }
  if (shfl && e->arg && !cw_ty_is_arith(a[1]->ty)) {
    cw_type *u = cw_ty_unqual(a[1]->ty);
    if (u->kind == TY_STRUCT || u->kind == TY_UNION || u->kind == TY_ARRAY || u->kind == TY_PTR)
      return shfl_split(P, e, loc, a, nargs);
  }
  a[0] = arg_to(P, a[0], cw_ty_uint, e->name);
  if (!cw_ty_is_arith(a[1]->ty))
    cw_error(P->d, a[1]->loc, "no matching function for call to '%s' with argument of type '%s'", e->name,
             cw_ty_str(P->a, a[1]->ty));
  cw_type *vt = cw_ty_unqual(a[1]->ty), *ret;
  if (shfl) {
    switch (vt->kind) {
    case TY_INT: case TY_UINT: case TY_LONG: case TY_ULONG: case TY_LLONG: case TY_ULLONG:
    case TY_FLOAT: case TY_DOUBLE: break;
    default:
      if (!cw_ty_is_integer(vt))
        cw_error(P->d, a[1]->loc, "'%s' of a value of type '%s' is not supported", e->name, cw_ty_str(P->a, vt));
      vt = cw_ty_int; /* bool, char, short, enums: integral promotion picks the int overload */
    }
    ret = vt;
    a[2] = arg_to(P, a[2], in == CW_IN_SHFL_UP || in == CW_IN_SHFL_DOWN ? cw_ty_uint : cw_ty_int, e->name);
    a[3] = nargs > 3 ? arg_to(P, a[3], cw_ty_int, e->name) : p_new_num(P, 32, cw_ty_int, loc);
  } else if (in == CW_IN_BALLOT || in == CW_IN_VOTE_ANY || in == CW_IN_VOTE_ALL) {
    vt = cw_ty_int;
    ret = in == CW_IN_BALLOT ? cw_ty_uint : cw_ty_int;
  } else { /* __reduce_*_sync: (unsigned) and, for add/min/max, (int) */
    bool sgn = (in == CW_IN_REDUCE_ADD || in == CW_IN_REDUCE_MIN || in == CW_IN_REDUCE_MAX) &&
               cw_ty_is_integer(vt) && p_promote(vt)->kind == TY_INT;
    if (!cw_ty_is_integer(vt))
      cw_error(P->d, a[1]->loc, "'%s' of a value of type '%s' is not supported", e->name, cw_ty_str(P->a, vt));
    vt = ret = sgn ? cw_ty_int : cw_ty_uint;
  }
  a[1] = arg_to(P, a[1], vt, e->name);
  return intr(P, in, loc, ret, a, shfl ? 4 : 2);
}

cw_node *p_intrinsic_call(Parser *P, const char *name, cw_loc loc, cw_node *args, int nargs) {
  const entry *e = lookup(name);
  cw_node *a[4];
  if (e->kind == K_WARP) {
    int i = 0;
    for (cw_node *x = args; x && i < 4; x = x->next) a[i++] = p_rval(P, x);
    if (nargs > 4)
      cw_error(P->d, loc, "too many arguments to function '%s' (have %d)", name, nargs);
    return warp_call(P, e, loc, a, nargs);
  }
  int want = expected_args(e);
  if (nargs != want)
    cw_error(P->d, loc, "too %s arguments to function '%s' (expected %d, have %d)",
             nargs < want ? "few" : "many", name, want, nargs);
  int i = 0;
  for (cw_node *x = args; x && i < 4; x = x->next) a[i++] = x;
  for (i = 0; i < nargs; i++) a[i] = p_rval(P, a[i]);
  switch (e->kind) {
  case K_CONST: {
    cw_type *t = code_ty(e->arg);
    return p_new_fnum(P, e->ret ? NAN : INFINITY, t, loc);
  }
  case K_SYNC:
    return intr(P, e->in, loc, cw_ty_void, a, 0);
  case K_MATH: case K_MATHF: case K_FASTF: case K_CLASSIFY: {
    for (i = 0; i < nargs; i++)
      if (!cw_ty_is_arith(a[i]->ty))
        cw_error(P->d, a[i]->loc, "no matching function for call to '%s' with argument of type '%s'", name,
                 cw_ty_str(P->a, a[i]->ty));
    cw_type *t = e->kind == K_MATH || e->kind == K_CLASSIFY ? math_type(a, e->in == CW_IN_LDEXP ? 1 : nargs) : cw_ty_float;
    for (i = 0; i < nargs; i++)
      a[i] = arg_to(P, a[i], (e->in == CW_IN_LDEXP && i == 1) ? cw_ty_int : t, name);
    return intr(P, e->in, loc, e->kind == K_CLASSIFY ? cw_ty_int : t, a, nargs);
  }
  case K_INT:
    for (i = 0; i < nargs; i++) a[i] = arg_to(P, a[i], code_ty(e->arg), name);
    return intr(P, e->in, loc, code_ty(e->ret), a, nargs);
  case K_MINMAX: {
    for (i = 0; i < 2; i++)
      if (!cw_ty_is_arith(a[i]->ty))
        cw_error(P->d, a[i]->loc, "no matching function for call to '%s' with argument of type '%s'", name,
                 cw_ty_str(P->a, a[i]->ty));
    cw_type *t = e->arg ? code_ty(e->arg) : p_common_type(a[0]->ty, a[1]->ty);
    for (i = 0; i < 2; i++) a[i] = arg_to(P, a[i], t, name);
    cw_intrinsic in = e->in;
    if (cw_ty_is_float(t)) in = in == CW_IN_MIN ? CW_IN_FMIN : CW_IN_FMAX;
    return intr(P, in, loc, t, a, 2);
  }
  case K_ABS: {
    if (!cw_ty_is_arith(a[0]->ty))
      cw_error(P->d, a[0]->loc, "no matching function for call to '%s' with argument of type '%s'", name,
               cw_ty_str(P->a, a[0]->ty));
    cw_type *t = p_promote(a[0]->ty);
    if (!strcmp(name, "labs") && !cw_ty_is_float(t)) t = cw_ty_long;
    if (!strcmp(name, "llabs") && !cw_ty_is_float(t)) t = cw_ty_llong;
    a[0] = arg_to(P, a[0], t, name);
    return intr(P, cw_ty_is_float(t) ? CW_IN_FABS : CW_IN_ABS, loc, t, a, 1);
  }
  case K_BITCAST:
    a[0] = arg_to(P, a[0], code_ty(e->arg), name);
    return intr(P, e->in, loc, code_ty(e->ret), a, 1);
  case K_LDG: {
    if (a[0]->ty->kind != TY_PTR)
      cw_error(P->d, a[0]->loc, "the argument of '__ldg' must be a pointer (have '%s')", cw_ty_str(P->a, a[0]->ty));
    cw_type *vt = cw_ty_unqual(a[0]->ty->base);
    if (!cw_ty_is_scalar(vt)) cw_error(P->d, a[0]->loc, "'__ldg' of a value of type '%s' is not supported", cw_ty_str(P->a, vt));
    return intr(P, e->in, loc, vt, a, 1);
  }
  case K_SINCOS: {
    cw_type *t = code_ty(e->arg);
    if (e->arg == T_DOUBLE && cw_ty_unqual(a[0]->ty)->kind == TY_FLOAT && a[1]->ty->kind == TY_PTR &&
        cw_ty_unqual(a[1]->ty->base)->kind == TY_FLOAT)
      t = cw_ty_float; /* sincos(float, float*, float*) overload */
    a[0] = arg_to(P, a[0], t, name);
    for (i = 1; i < 3; i++) {
      if (a[i]->ty->kind != TY_PTR || cw_ty_unqual(a[i]->ty->base) != t || a[i]->ty->base->is_const)
        cw_error(P->d, a[i]->loc, "argument %d of '%s' must have type '%s *' (have '%s')", i + 1, name,
                 cw_ty_str(P->a, t), cw_ty_str(P->a, a[i]->ty));
    }
    return intr(P, e->in, loc, cw_ty_void, a, 3);
  }
  case K_ATOMIC:
    return atomic(P, e, loc, a, nargs);
  case K_WARP: break;
  }
  cw_error(P->d, loc, "internal error: unhandled built-in '%s'", name);
}
