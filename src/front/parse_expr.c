/* Expressions: parsing, typing and implicit conversions, constant folding.
 *
 * Precedence climbing as in chibicc (one function per level); every
 * implicit conversion is inserted here as an explicit ND_CAST so that
 * lowering never has to re-derive C's conversion rules. */
#include <math.h>
#include <string.h>

#include "front/parse.h"

const char *p_fn_kind(cw_obj *f);

/* ---------------- nodes ---------------- */

cw_node *p_new_node(Parser *P, cw_node_kind k, cw_loc loc) {
  cw_node *n = CW_NEW(P->a, cw_node);
  n->kind = k;
  n->loc = loc;
  n->unroll = -1;
  return n;
}

cw_node *p_new_num(Parser *P, int64_t v, cw_type *ty, cw_loc loc) {
  cw_node *n = p_new_node(P, ND_NUM, loc);
  n->ival = v;
  n->fval = (double)v;
  n->ty = ty;
  return n;
}

cw_node *p_new_fnum(Parser *P, double v, cw_type *ty, cw_loc loc) {
  cw_node *n = p_new_node(P, ND_NUM, loc);
  n->fval = v;
  n->ty = ty;
  return n;
}

cw_node *p_new_var(Parser *P, cw_obj *var, cw_loc loc) {
  cw_node *n = p_new_node(P, ND_VAR, loc);
  n->var = var;
  n->ty = var->ty;
  return n;
}

/* Height of expression tree n, memoised in n->height. Only the parts built by
 * recursive parsing (bounded by CW_MAX_DEPTH) are not memoised yet, because
 * every chain loop calls check_height as it grows. */
static int expr_height(cw_node *n) {
  if (!n) return 0;
  if (n->height) return n->height;
  int h = 0;
  cw_node *kids[] = {n->lhs, n->rhs, n->cond, n->then, n->els};
  for (size_t i = 0; i < sizeof kids / sizeof kids[0]; i++) {
    int k = expr_height(kids[i]);
    if (k > h) h = k;
  }
  for (cw_node *a = n->args; a; a = a->next) {
    int k = expr_height(a);
    if (k > h) h = k;
  }
  return n->height = h + 1;
}

/* Called on each node a chain loop builds: errors when the tree, with the
 * nesting around it, is deeper than the later recursive phases allow. */
static void check_height(Parser *P, cw_node *n, cw_loc loc) {
  if (expr_height(n) + P->depth > CW_MAX_EXPR_HEIGHT)
    cw_error(P->d, loc, "expression is too complex (more than %d nested operations); split it using temporaries",
             CW_MAX_EXPR_HEIGHT);
}

static cw_node *unary_node(Parser *P, cw_node_kind k, cw_node *lhs, cw_type *ty, cw_loc loc) {
  cw_node *n = p_new_node(P, k, loc);
  n->lhs = lhs;
  n->ty = ty;
  return n;
}

static cw_node *binary_node(Parser *P, cw_node_kind k, cw_node *l, cw_node *r, cw_type *ty,
                            cw_loc loc) {
  cw_node *n = p_new_node(P, k, loc);
  n->lhs = l;
  n->rhs = r;
  n->ty = ty;
  return n;
}

static const char *tstr(Parser *P, cw_type *t) { return cw_ty_str(P->a, t); }

/* ---------------- value conversions ---------------- */

/* Wraps a 64-bit pattern to the width and signedness of an integer type. */
static int64_t wrap_int(int64_t v, cw_type *ty) {
  uint64_t u = (uint64_t)v;
  ty = cw_ty_unqual(ty);
  if (ty->kind == TY_BOOL) return u != 0;
  int bits = (ty->kind == TY_ENUM ? 4 : ty->size) * 8;
  if (bits >= 64) return (int64_t)u;
  uint64_t mask = ((uint64_t)1 << bits) - 1;
  u &= mask;
  if (!ty->is_unsigned && (u >> (bits - 1)) & 1) u |= ~mask;
  return (int64_t)u;
}

/* float -> integer type ty without undefined behaviour: truncates, saturates
 * at ty's own range and maps NaN to 0, like CUDA's cvt.rzi and the back-ends
 * (the C target's cw_f2i32 & co., WGSL's clamping conversions), so a folded
 * constant equals the value computed at run time. */
static int64_t f2i(double f, cw_type *ty) {
  if (isnan(f)) return 0;
  int bits = ty->size > 0 && ty->size < 8 ? ty->size * 8 : 64;
  if (ty->is_unsigned) {
    if (!(f > 0)) return 0;
    double lim = ldexp(1.0, bits); /* exclusive */
    if (f >= lim) return bits == 64 ? -1 : (int64_t)(((uint64_t)1 << bits) - 1);
    return (int64_t)(uint64_t)f;
  }
  double lim = ldexp(1.0, bits - 1);
  if (f <= -lim) return bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
  if (f >= lim) return bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
  return (int64_t)f;
}

static double to_float_prec(double f) {
  if (isnan(f) || isinf(f)) return f;
  if (f > 3.4028235677973366e38) return INFINITY;
  if (f < -3.4028235677973366e38) return -INFINITY;
  return (double)(float)f;
}

/* Converts a constant value of type `from` to type `to`. */
static P_val conv_val(P_val v, cw_type *from, cw_type *to) {
  P_val r = {0};
  to = cw_ty_unqual(to);
  if (cw_ty_is_float(to)) {
    r.is_float = true;
    r.f = v.is_float ? v.f : (from->is_unsigned ? (double)(uint64_t)v.i : (double)v.i);
    if (to->kind == TY_FLOAT) r.f = to_float_prec(r.f);
    return r;
  }
  int64_t i = v.is_float ? f2i(v.f, to) : v.i;
  if (to->kind == TY_BOOL) i = v.is_float ? v.f != 0 : v.i != 0;
  r.i = (to->kind == TY_PTR) ? i : wrap_int(i, to);
  r.f = (double)r.i;
  return r;
}

static bool is_int_or_ptr_kind(cw_type *t) { return cw_ty_is_integer(t) || t->kind == TY_PTR; }

/* Inserts an ND_CAST (folding numeric constants). No legality checks. */
static cw_node *conv(Parser *P, cw_node *n, cw_type *ty) {
  cw_type *from = cw_ty_unqual(n->ty), *to = cw_ty_unqual(ty);
  if (from == to) return n;
  if (from->kind == to->kind && from->kind <= TY_DOUBLE && from->kind != TY_ENUM) {
    if (n->ty != to) {
      /* same scalar kind, different qualification: no conversion needed */
    }
    return n;
  }
  if (n->kind == ND_NUM && cw_ty_is_arith(from) && (cw_ty_is_arith(to))) {
    P_val v = {cw_ty_is_float(from), n->ival, n->fval};
    P_val r = conv_val(v, from, to);
    return r.is_float ? p_new_fnum(P, r.f, to, n->loc) : p_new_num(P, r.i, to, n->loc);
  }
  (void)is_int_or_ptr_kind;
  return unary_node(P, ND_CAST, n, to, n->loc);
}

cw_node *p_rval(Parser *P, cw_node *n) {
  cw_type *t = n->ty;
  if (t->kind == TY_ARRAY) {
    cw_node *d = unary_node(P, ND_DECAY, n, cw_ty_pointer_to(P->a, t->base), n->loc);
    return d;
  }
  if (t->kind == TY_FUNC) cw_error(P->d, n->loc, "function pointers are not supported: WGSL has no indirect calls; call the function by name (a switch can choose)");
  return n;
}

bool p_is_null_const(cw_node *n) {
  if (n->ty->kind == TY_PTR && n->kind == ND_NUM && n->ival == 0) return true; /* nullptr */
  if (n->kind == ND_CAST && n->ty->kind == TY_PTR && cw_ty_unqual(n->ty->base)->kind == TY_VOID)
    return p_is_null_const(n->lhs);
  return n->kind == ND_NUM && cw_ty_is_integer(n->ty) && n->ival == 0;
}

cw_node *p_scalar_cond(Parser *P, cw_node *n) {
  n = p_rval(P, n);
  if (!cw_ty_is_scalar(n->ty))
    cw_error(P->d, n->loc, "value of type '%s' is not contextually convertible to 'bool'", tstr(P, n->ty));
  return n;
}

/* Explicit cast (T)e: scalar<->scalar (pointer<->integer allowed), void,
 * identical structs. */
cw_node *p_cast(Parser *P, cw_node *n, cw_type *ty) {
  n = p_rval(P, n);
  cw_type *from = cw_ty_unqual(n->ty), *to = cw_ty_unqual(ty);
  if (p_is_class(from) && to != from && to->kind != TY_VOID) {
    cw_node *u = p_user_convert(P, n, to, true);
    if (u) return u;
  }
  if (to->kind == TY_VOID) return unary_node(P, ND_CAST, n, cw_ty_void, n->loc);
  if ((to->kind == TY_STRUCT || to->kind == TY_UNION) && P->fn) {
    /* (T)e, static_cast<T>(e): a temporary initialised from e, T(e) */
    P_class *c = p_class_of(to);
    if (to == from) return p_copy(P, n, n->loc);
    if (p_has_ctors(c)) return p_ctor_call(P, to, &n, 1, n->loc, P_INIT_DIRECT);
  }
  if (to->kind == TY_ARRAY || to->kind == TY_FUNC)
    cw_error(P->d, n->loc, "cannot cast to array or function type '%s'", tstr(P, to));
  if ((to->kind == TY_STRUCT || to->kind == TY_UNION) || (from->kind == TY_STRUCT || from->kind == TY_UNION) ||
      from->kind == TY_VOID || from->kind == TY_DIM3 || to->kind == TY_DIM3) {
    if (to == from) return n;
    cw_error(P->d, n->loc, "cannot convert '%s' to '%s'", tstr(P, n->ty), tstr(P, ty));
  }
  if ((cw_ty_is_float(to) && from->kind == TY_PTR) || (cw_ty_is_float(from) && to->kind == TY_PTR))
    cw_error(P->d, n->loc, "cannot convert '%s' to '%s'", tstr(P, n->ty), tstr(P, ty));
  if (to->kind == TY_PTR && from->kind == TY_PTR && to != from)
    return unary_node(P, ND_CAST, n, to, n->loc);
  return conv(P, n, to);
}

/* Implicit conversion of an assignment/initialisation/argument/return. */
cw_node *p_convert_assign(Parser *P, cw_node *n, cw_type *to_q, cw_loc loc, const char *what) {
  n = p_rval(P, n);
  cw_type *to = cw_ty_unqual(to_q), *from = cw_ty_unqual(n->ty);
  if (p_is_class(from) && to != from) {
    cw_node *u = p_user_convert(P, n, to, false);
    if (u) return u;
  }
  if (cw_ty_is_arith(to) && cw_ty_is_arith(from)) return conv(P, n, to);
  if (to->kind == TY_BOOL && from->kind == TY_PTR) return conv(P, n, to);
  if (to->kind == TY_PTR) {
    if (p_is_null_const(n)) return unary_node(P, ND_CAST, n, to, n->loc);
    if (from->kind == TY_PTR) {
      cw_type *tb = to->base, *fb = from->base;
      if ((fb->is_const && !tb->is_const) || (fb->is_volatile && !tb->is_volatile))
        cw_error(P->d, loc, "%s '%s' from '%s' discards qualifiers", what, tstr(P, to_q), tstr(P, n->ty));
      if (cw_ty_unqual(tb)->kind == TY_VOID || cw_ty_unqual(fb)->kind == TY_VOID ||
          p_same_type(tb, fb) || (cw_ty_is_integer(tb) && cw_ty_is_integer(fb) &&
                                  tb->size == fb->size && tb->is_unsigned == fb->is_unsigned &&
                                  cw_ty_unqual(tb)->kind != TY_CHAR && cw_ty_unqual(fb)->kind != TY_CHAR))
        return from == to ? n : unary_node(P, ND_CAST, n, to, n->loc);
      cw_error(P->d, loc, "incompatible pointer types %s '%s' from '%s'", what, tstr(P, to_q), tstr(P, n->ty));
    }
  }
  if ((to->kind == TY_STRUCT || to->kind == TY_UNION) && to == from) return n;
  if (p_is_class(from)) {
    cw_node *u = p_user_convert(P, n, to, false);
    if (u) return u;
  }
  cw_error(P->d, loc, "%s '%s' from incompatible type '%s'", what, tstr(P, to_q), tstr(P, n->ty));
}

/* ---------------- lvalues ---------------- */

static cw_obj *base_var(cw_node *n) {
  for (int i = 0; i < 10000 && n; i++) {
    if (n->kind == ND_VAR) return n->var;
    if (n->kind == ND_MEMBER || n->kind == ND_INDEX) n = n->lhs;
    else return NULL;
  }
  return NULL;
}

static bool is_lvalue(cw_node *n) {
  switch (n->kind) {
  case ND_VAR: return n->var->storage != CW_STORE_FUNC;
  case ND_DEREF: return true;
  case ND_INDEX: case ND_MEMBER: return is_lvalue(n->lhs);
  default: return false;
  }
}

/* The target of an assignment, ++/-- or compound assignment. */
void p_check_lvalue(Parser *P, cw_node *n, cw_loc loc) {
  if (!is_lvalue(n)) cw_error(P->d, loc, "expression is not assignable");
  if (n->ty->kind == TY_ARRAY) cw_error(P->d, loc, "array type '%s' is not assignable", tstr(P, n->ty));
  cw_obj *v = base_var(n);
  if (v && v->storage == CW_STORE_CONSTANT)
    cw_error(P->d, loc, "cannot assign to __constant__ variable '%s' in device code", v->name);
  if (n->ty->is_const) {
    if (n->kind == ND_VAR)
      cw_error(P->d, loc, "cannot assign to a const-qualified value ('%s' has type '%s')", n->var->name, tstr(P, n->ty));
    cw_error(P->d, loc, "cannot assign to a const-qualified value of type '%s'", tstr(P, n->ty));
  }
}

cw_node *p_new_assign(Parser *P, cw_node *lhs, cw_node *rhs, cw_loc loc) {
  p_check_lvalue(P, lhs, loc);
  rhs = p_convert_assign(P, rhs, lhs->ty, loc, "assigning to");
  return binary_node(P, ND_ASSIGN, lhs, rhs, cw_ty_unqual(lhs->ty), loc);
}

/* ---------------- constant evaluation ---------------- */

static bool truthy(P_val v) { return v.is_float ? v.f != 0 : v.i != 0; }

static bool ev(Parser *P, cw_node *n, P_val *o);

static bool ev_binary(Parser *P, cw_node *n, P_val *o) {
  P_val a, b;
  if (!ev(P, n->lhs, &a) || !ev(P, n->rhs, &b)) return false;
  cw_type *ty = cw_ty_unqual(n->ty);
  *o = (P_val){0};
  if (n->kind >= ND_EQ && n->kind <= ND_GE) {
    cw_type *ot = cw_ty_unqual(n->lhs->ty);
    int r;
    if (a.is_float || b.is_float) {
      double x = a.is_float ? a.f : (double)a.i, y = b.is_float ? b.f : (double)b.i;
      r = n->kind == ND_EQ ? x == y : n->kind == ND_NE ? x != y : n->kind == ND_LT ? x < y
          : n->kind == ND_LE ? x <= y : n->kind == ND_GT ? x > y : x >= y;
    } else if (ot->is_unsigned) {
      uint64_t x = (uint64_t)a.i, y = (uint64_t)b.i;
      r = n->kind == ND_EQ ? x == y : n->kind == ND_NE ? x != y : n->kind == ND_LT ? x < y
          : n->kind == ND_LE ? x <= y : n->kind == ND_GT ? x > y : x >= y;
    } else {
      int64_t x = a.i, y = b.i;
      r = n->kind == ND_EQ ? x == y : n->kind == ND_NE ? x != y : n->kind == ND_LT ? x < y
          : n->kind == ND_LE ? x <= y : n->kind == ND_GT ? x > y : x >= y;
    }
    o->i = r;
    o->f = r;
    return true;
  }
  if (cw_ty_is_float(ty)) {
    double x = a.f, y = b.f, r;
    switch (n->kind) {
    case ND_ADD: r = x + y; break;
    case ND_SUB: r = x - y; break;
    case ND_MUL: r = x * y; break;
    case ND_DIV: r = x / y; break;
    default: return false;
    }
    o->is_float = true;
    o->f = ty->kind == TY_FLOAT ? to_float_prec(r) : r;
    return true;
  }
  if (!cw_ty_is_integer(ty)) return false;
  uint64_t x = (uint64_t)a.i, y = (uint64_t)b.i, r;
  switch (n->kind) {
  case ND_ADD: r = x + y; break;
  case ND_SUB: r = x - y; break;
  case ND_MUL: r = x * y; break;
  case ND_DIV: case ND_MOD:
    if (y == 0) cw_error(P->d, n->loc, "division by zero in constant expression");
    if (ty->is_unsigned) r = n->kind == ND_DIV ? x / y : x % y;
    else if (a.i == INT64_MIN && b.i == -1) r = n->kind == ND_DIV ? x : 0;
    else r = (uint64_t)(n->kind == ND_DIV ? a.i / b.i : a.i % b.i);
    break;
  case ND_SHL: r = x << (y & 63); break;
  case ND_SHR:
    if (cw_ty_unqual(n->lhs->ty)->is_unsigned) r = x >> (y & 63);
    else r = (uint64_t)(a.i < 0 ? ~(~a.i >> (y & 63)) : a.i >> (y & 63));
    break;
  case ND_BITAND: r = x & y; break;
  case ND_BITOR: r = x | y; break;
  case ND_BITXOR: r = x ^ y; break;
  default: return false;
  }
  o->i = wrap_int((int64_t)r, ty);
  o->f = (double)o->i;
  return true;
}

static bool ev(Parser *P, cw_node *n, P_val *o) {
  P_val a;
  switch (n->kind) {
  case ND_NUM:
    o->is_float = cw_ty_is_float(n->ty);
    o->i = n->ival;
    o->f = n->fval;
    return true;
  case ND_CAST:
    if (!cw_ty_is_arith(n->ty) && n->ty->kind != TY_PTR) return false;
    if (!ev(P, n->lhs, &a)) return false;
    *o = conv_val(a, n->lhs->ty, n->ty);
    return true;
  case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV: case ND_MOD: case ND_SHL: case ND_SHR:
  case ND_BITAND: case ND_BITOR: case ND_BITXOR: case ND_EQ: case ND_NE: case ND_LT:
  case ND_LE: case ND_GT: case ND_GE:
    return ev_binary(P, n, o);
  case ND_LOGAND: case ND_LOGOR:
    if (!ev(P, n->lhs, &a)) return false;
    *o = (P_val){0};
    if (truthy(a) == (n->kind == ND_LOGOR)) {
      o->i = n->kind == ND_LOGOR;
    } else {
      P_val b;
      if (!ev(P, n->rhs, &b)) return false;
      o->i = truthy(b);
    }
    o->f = (double)o->i;
    return true;
  case ND_NOT:
    if (!ev(P, n->lhs, &a)) return false;
    *o = (P_val){0};
    o->i = !truthy(a);
    o->f = (double)o->i;
    return true;
  case ND_NEG:
    if (!ev(P, n->lhs, &a)) return false;
    *o = a;
    if (a.is_float) o->f = -a.f;
    else o->i = wrap_int((int64_t)(0 - (uint64_t)a.i), n->ty);
    return true;
  case ND_BITNOT:
    if (!ev(P, n->lhs, &a) || a.is_float) return false;
    *o = a;
    o->i = wrap_int((int64_t)~(uint64_t)a.i, n->ty);
    return true;
  case ND_COND:
    if (!ev(P, n->cond, &a)) return false;
    return ev(P, truthy(a) ? n->then : n->els, o);
  case ND_FUNCALL:
    return p_cx_call(P, n, o);
  case ND_VAR:
    if (P->cx_env && p_cx_var(P, n->var, o)) return true;
    for (P_constvar *c = P->constvars; c; c = c->next)
      if (c->var == n->var) {
        o->is_float = cw_ty_is_float(n->ty);
        o->i = c->ival;
        o->f = c->fval;
        return true;
      }
    return false;
  default:
    return false;
  }
}

bool p_try_eval(Parser *P, cw_node *n, P_val *out) {
  *out = (P_val){0};
  return ev(P, n, out);
}

int64_t p_const_int(Parser *P, cw_node *n, cw_loc loc) {
  P_val v;
  if (!cw_ty_is_integer(n->ty) || !p_try_eval(P, n, &v) || v.is_float)
    cw_error(P->d, loc, "expression is not an integer constant expression");
  return v.i;
}

int64_t p_const_expr(Parser *P) {
  cw_token *t = P->tok;
  cw_node *n = p_conditional(P);
  return p_const_int(P, n, t->loc);
}

/* ---------------- operators ---------------- */

static void need_arith(Parser *P, cw_node *n, cw_loc loc, const char *op) {
  if (!cw_ty_is_arith(n->ty))
    cw_error(P->d, loc, "invalid operand to '%s' (have '%s')", op, tstr(P, n->ty));
}
static void need_int(Parser *P, cw_node *n, cw_loc loc, const char *op) {
  if (!cw_ty_is_integer(n->ty))
    cw_error(P->d, loc, "invalid operand to '%s' (have '%s'); an integer is required", op, tstr(P, n->ty));
}

static const char *op_spelling(cw_node_kind k) {
  switch (k) {
  case ND_ADD: return "+"; case ND_SUB: return "-"; case ND_MUL: return "*";
  case ND_DIV: return "/"; case ND_MOD: return "%"; case ND_SHL: return "<<";
  case ND_SHR: return ">>"; case ND_BITAND: return "&"; case ND_BITOR: return "|";
  case ND_BITXOR: return "^"; default: return "?";
  }
}

/* lhs op rhs on arithmetic operands (after rval). */
static cw_node *arith_op(Parser *P, cw_node_kind k, cw_node *l, cw_node *r, cw_loc loc) {
  const char *op = op_spelling(k);
  if (k == ND_MOD || k == ND_SHL || k == ND_SHR || k == ND_BITAND || k == ND_BITOR || k == ND_BITXOR) {
    need_int(P, l, loc, op);
    need_int(P, r, loc, op);
  } else {
    need_arith(P, l, loc, op);
    need_arith(P, r, loc, op);
  }
  if (k == ND_SHL || k == ND_SHR) {
    cw_type *lt = p_promote(l->ty);
    return binary_node(P, k, conv(P, l, lt), conv(P, r, p_promote(r->ty)), lt, loc);
  }
  cw_type *ty = p_common_type(l->ty, r->ty);
  return binary_node(P, k, conv(P, l, ty), conv(P, r, ty), ty, loc);
}

static void check_ptr_arith(Parser *P, cw_type *pt, cw_loc loc) {
  cw_type *b = cw_ty_unqual(pt->base);
  if (b->kind == TY_VOID) cw_error(P->d, loc, "arithmetic on a pointer to void");
  if (b->size < 0) cw_error(P->d, loc, "arithmetic on a pointer to an incomplete type '%s'", tstr(P, b));
}

static cw_node *new_add(Parser *P, cw_node *l, cw_node *r, cw_loc loc) {
  l = p_rval(P, l);
  r = p_rval(P, r);
  if (cw_ty_is_arith(l->ty) && cw_ty_is_arith(r->ty)) return arith_op(P, ND_ADD, l, r, loc);
  if (l->ty->kind == TY_PTR && r->ty->kind == TY_PTR) cw_error(P->d, loc, "invalid operands to '+' (two pointers)");
  if (r->ty->kind == TY_PTR) { cw_node *t = l; l = r; r = t; }
  if (l->ty->kind != TY_PTR || !cw_ty_is_integer(r->ty))
    cw_error(P->d, loc, "invalid operands to '+' ('%s' and '%s')", tstr(P, l->ty), tstr(P, r->ty));
  check_ptr_arith(P, l->ty, loc);
  return binary_node(P, ND_PTR_ADD, l, conv(P, r, p_promote(r->ty)), cw_ty_unqual(l->ty), loc);
}

static cw_node *new_sub(Parser *P, cw_node *l, cw_node *r, cw_loc loc) {
  l = p_rval(P, l);
  r = p_rval(P, r);
  if (cw_ty_is_arith(l->ty) && cw_ty_is_arith(r->ty)) return arith_op(P, ND_SUB, l, r, loc);
  if (l->ty->kind == TY_PTR && cw_ty_is_integer(r->ty)) {
    check_ptr_arith(P, l->ty, loc);
    return binary_node(P, ND_PTR_SUB, l, conv(P, r, p_promote(r->ty)), cw_ty_unqual(l->ty), loc);
  }
  if (l->ty->kind == TY_PTR && r->ty->kind == TY_PTR) {
    if (!p_same_type(cw_ty_unqual(l->ty->base), cw_ty_unqual(r->ty->base)))
      cw_error(P->d, loc, "'%s' and '%s' are not pointers to compatible types", tstr(P, l->ty), tstr(P, r->ty));
    check_ptr_arith(P, l->ty, loc);
    return binary_node(P, ND_PTR_DIFF, l, r, cw_ty_long, loc);
  }
  cw_error(P->d, loc, "invalid operands to '-' ('%s' and '%s')", tstr(P, l->ty), tstr(P, r->ty));
}

static cw_node *new_binary_any(Parser *P, cw_node_kind k, cw_node *l, cw_node *r, cw_loc loc) {
  if (k == ND_ADD) return new_add(P, l, r, loc);
  if (k == ND_SUB) return new_sub(P, l, r, loc);
  return arith_op(P, k, p_rval(P, l), p_rval(P, r), loc);
}

static cw_node *new_compare(Parser *P, cw_node_kind k, cw_node *l, cw_node *r, cw_loc loc) {
  l = p_rval(P, l);
  r = p_rval(P, r);
  if (cw_ty_is_arith(l->ty) && cw_ty_is_arith(r->ty)) {
    cw_type *ty = p_common_type(l->ty, r->ty);
    return binary_node(P, k, conv(P, l, ty), conv(P, r, ty), cw_ty_int, loc);
  }
  if (l->ty->kind == TY_PTR && r->ty->kind == TY_PTR)
    return binary_node(P, k, l, r, cw_ty_int, loc);
  if (l->ty->kind == TY_PTR && p_is_null_const(r))
    return binary_node(P, k, l, unary_node(P, ND_CAST, r, cw_ty_unqual(l->ty), r->loc), cw_ty_int, loc);
  if (r->ty->kind == TY_PTR && p_is_null_const(l))
    return binary_node(P, k, unary_node(P, ND_CAST, l, cw_ty_unqual(r->ty), l->loc), r, cw_ty_int, loc);
  cw_error(P->d, loc, "invalid operands to comparison ('%s' and '%s')", tstr(P, l->ty), tstr(P, r->ty));
}

/* ---------------- grammar ---------------- */

static cw_node *cast_expr(Parser *P);
static cw_node *unary(Parser *P);
static cw_node *postfix(Parser *P);
static cw_node *primary(Parser *P);

/* expr = assign ("," expr)? */
cw_node *p_expr(Parser *P) {
  cw_node *n = p_assign(P);
  while (p_eq(P->tok, ",")) {
    cw_loc loc = P->tok->loc;
    p_next(P);
    cw_node *r = p_assign(P);
    n = binary_node(P, ND_COMMA, n, p_rval(P, r), r->ty->kind == TY_ARRAY ? p_rval(P, r)->ty : r->ty, loc);
    n->rhs = p_rval(P, r);
    n->ty = n->rhs->ty;
    check_height(P, n, loc);
  }
  return n;
}

static cw_node *compound_assign(Parser *P, cw_node_kind op, cw_node *lhs, cw_node *rhs, cw_loc loc) {
  p_check_lvalue(P, lhs, loc);
  rhs = p_rval(P, rhs);
  cw_type *lt = cw_ty_unqual(lhs->ty);
  cw_node *n = binary_node(P, ND_ASSIGN, lhs, NULL, lt, loc);
  n->op = op;
  if (lt->kind == TY_PTR && (op == ND_ADD || op == ND_SUB)) {
    if (!cw_ty_is_integer(rhs->ty))
      cw_error(P->d, loc, "invalid operands to '%s=' ('%s' and '%s')", op_spelling(op), tstr(P, lt), tstr(P, rhs->ty));
    check_ptr_arith(P, lt, loc);
    n->op = op == ND_ADD ? ND_PTR_ADD : ND_PTR_SUB;
    n->comp_ty = lt;
    n->rhs = conv(P, rhs, p_promote(rhs->ty));
    return n;
  }
  /* type-check as `lhs op rhs`, then keep the operation type */
  cw_node *probe = arith_op(P, op, lhs, rhs, loc);
  if (!cw_ty_is_arith(lt)) cw_error(P->d, loc, "invalid operand to '%s=' (have '%s')", op_spelling(op), tstr(P, lt));
  n->comp_ty = probe->ty;
  n->rhs = probe->rhs; /* already converted (shifts: own promoted type) */
  return n;
}

/* assign    = conditional (assign-op assign)?
 * assign-op = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>=" */
cw_node *p_assign(Parser *P) {
  p_enter(P, P->tok, "expression");
  cw_node *n = p_conditional(P);
  cw_token *t = P->tok;
  static const struct { const char *s; cw_node_kind k; } ops[] = {
      {"+=", ND_ADD}, {"-=", ND_SUB}, {"*=", ND_MUL}, {"/=", ND_DIV}, {"%=", ND_MOD},
      {"&=", ND_BITAND}, {"|=", ND_BITOR}, {"^=", ND_BITXOR}, {"<<=", ND_SHL}, {">>=", ND_SHR}};
  if (p_eq(t, "=")) {
    p_next(P);
    cw_node *r = p_assign(P);
    /* a class: its operator=, or a converting constructor and the copy assignment */
    n = p_is_class(n->ty) ? p_class_assign(P, n, r, t->loc) : p_new_assign(P, n, r, t->loc);
  } else {
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
      if (p_eq(t, ops[i].s)) {
        p_next(P);
        cw_node *r = p_assign(P);
        cw_node *o = p_is_class(n->ty) || p_is_class(r->ty) ? p_try_operator(P, ops[i].s, n, r, t->loc) : NULL;
        n = o ? o : compound_assign(P, ops[i].k, n, p_class_decay(P, r), t->loc);
        break;
      }
  }
  p_leave(P);
  return n;
}

static cw_node *logor(Parser *P);

/* conditional = logor ("?" expr ":" conditional)? */
cw_node *p_conditional(Parser *P) {
  cw_node *c = logor(P);
  cw_token *q = P->tok;
  if (!p_eq(q, "?")) return c;
  p_next(P);
  p_enter(P, q, "expression");
  c = p_scalar_cond(P, c);
  cw_node *a = p_rval(P, p_expr(P));
  p_expect(P, ":", "in conditional expression");
  cw_node *b = p_rval(P, p_assign(P)); /* C++: the third operand is an assignment-expression */
  p_leave(P);
  cw_node *n = p_new_node(P, ND_COND, q->loc);
  n->cond = c;
  cw_type *at = cw_ty_unqual(a->ty), *bt = cw_ty_unqual(b->ty);
  if (cw_ty_is_arith(at) && cw_ty_is_arith(bt)) {
    cw_type *ty = p_common_type(at, bt);
    a = conv(P, a, ty);
    b = conv(P, b, ty);
    n->ty = ty;
  } else if (at->kind == TY_VOID && bt->kind == TY_VOID) {
    n->ty = cw_ty_void;
  } else if (at->kind == TY_PTR && bt->kind == TY_PTR) {
    if (p_same_type(at, bt)) n->ty = at;
    else if (cw_ty_unqual(at->base)->kind == TY_VOID) { n->ty = at; b = unary_node(P, ND_CAST, b, at, b->loc); }
    else if (cw_ty_unqual(bt->base)->kind == TY_VOID) { n->ty = bt; a = unary_node(P, ND_CAST, a, bt, a->loc); }
    else if (p_same_type(cw_ty_unqual(at->base), cw_ty_unqual(bt->base))) {
      /* differ in qualifiers: the more qualified one */
      n->ty = at->base->is_const ? at : bt;
      if (n->ty == at) b = unary_node(P, ND_CAST, b, at, b->loc);
      else a = unary_node(P, ND_CAST, a, bt, a->loc);
    } else
      cw_error(P->d, q->loc, "incompatible operand types ('%s' and '%s')", tstr(P, at), tstr(P, bt));
  } else if (at->kind == TY_PTR && p_is_null_const(b)) {
    n->ty = at;
    b = unary_node(P, ND_CAST, b, at, b->loc);
  } else if (bt->kind == TY_PTR && p_is_null_const(a)) {
    n->ty = bt;
    a = unary_node(P, ND_CAST, a, bt, a->loc);
  } else if ((at->kind == TY_STRUCT || at->kind == TY_UNION) && at == bt) {
    n->ty = at;
  } else {
    cw_error(P->d, q->loc, "incompatible operand types ('%s' and '%s')", tstr(P, at), tstr(P, bt));
  }
  n->then = a;
  n->els = b;
  return n;
}

static cw_node *logand(Parser *P);
static cw_node *bitor_(Parser *P);

/* logor = logand ("||" logand)* */
static cw_node *logor(Parser *P) {
  cw_node *n = logand(P);
  while (p_eq(P->tok, "||")) {
    cw_loc loc = P->tok->loc;
    p_next(P);
    cw_node *r = logand(P);
    n = binary_node(P, ND_LOGOR, p_scalar_cond(P, n), p_scalar_cond(P, r), cw_ty_int, loc);
    check_height(P, n, loc);
  }
  return n;
}

/* logand = bitor ("&&" bitor)* */
static cw_node *logand(Parser *P) {
  cw_node *n = bitor_(P);
  while (p_eq(P->tok, "&&")) {
    cw_loc loc = P->tok->loc;
    p_next(P);
    cw_node *r = bitor_(P);
    n = binary_node(P, ND_LOGAND, p_scalar_cond(P, n), p_scalar_cond(P, r), cw_ty_int, loc);
    check_height(P, n, loc);
  }
  return n;
}

/* Binary levels below: bitor > bitxor > bitand > equality > relational > shift > add > mul */
typedef struct { const char *s; cw_node_kind k; } binop;

static const binop lv_bitor[] = {{"|", ND_BITOR}, {NULL, ND_NONE}};
static const binop lv_bitxor[] = {{"^", ND_BITXOR}, {NULL, ND_NONE}};
static const binop lv_bitand[] = {{"&", ND_BITAND}, {NULL, ND_NONE}};
static const binop lv_eq[] = {{"==", ND_EQ}, {"!=", ND_NE}, {NULL, ND_NONE}};
static const binop lv_rel[] = {{"<", ND_LT}, {"<=", ND_LE}, {">", ND_GT}, {">=", ND_GE}, {NULL, ND_NONE}};
static const binop lv_shift[] = {{"<<", ND_SHL}, {">>", ND_SHR}, {NULL, ND_NONE}};
static const binop lv_add[] = {{"+", ND_ADD}, {"-", ND_SUB}, {NULL, ND_NONE}};
static const binop lv_mul[] = {{"*", ND_MUL}, {"/", ND_DIV}, {"%", ND_MOD}, {NULL, ND_NONE}};
static const binop *levels[] = {lv_bitor, lv_bitxor, lv_bitand, lv_eq, lv_rel, lv_shift, lv_add, lv_mul};

static cw_node *binary_level(Parser *P, int level) {
  if (level == 8) return cast_expr(P);
  cw_node *n = binary_level(P, level + 1);
  for (;;) {
    cw_token *t = P->tok;
    const binop *hit = NULL;
    for (const binop *b = levels[level]; b->s; b++)
      if (p_eq(t, b->s)) { hit = b; break; }
    if (!hit || p_tmpl_stops_at(P, t)) return n; /* TEMPLATES: '>' closes f<N > */
    if (hit->k == ND_SHL && p_eq(t->next, "<") && P->fn)
      cw_error(P->d, t->loc, "dynamic parallelism (kernel launch from device code) is not supported: WebGPU shaders cannot dispatch work; launch the kernel from the host");
    p_next(P);
    cw_node *r = binary_level(P, level + 1);
    cw_node *o = p_is_class(n->ty) || p_is_class(r->ty) ? p_try_operator(P, hit->s, n, r, t->loc) : NULL;
    if (!o) {
      n = p_class_decay(P, n);
      r = p_class_decay(P, r);
    }
    if (o) n = o;
    else if (hit->k >= ND_EQ && hit->k <= ND_GE) n = new_compare(P, hit->k, n, r, t->loc);
    else n = new_binary_any(P, hit->k, n, r, t->loc);
    check_height(P, n, t->loc);
  }
}

static cw_node *bitor_(Parser *P) { return binary_level(P, 0); }

static bool is_type_start(Parser *P, cw_token *t) {
  static const char *kw[] = {"void", "bool", "_Bool", "char", "short", "int", "long", "signed",
                             "unsigned", "float", "double", "struct", "union", "enum", "const",
                             "volatile", "restrict", "__restrict__", "__restrict", NULL};
  for (int i = 0; kw[i]; i++)
    if (p_eq(t, kw[i])) return true;
  return p_is_typename(P, t) || p_tmpl_is_type_template(P, t); /* TEMPLATES */
}

/* cast = "(" type-name ")" cast | unary */
static cw_node *cast_expr(Parser *P) {
  cw_token *t = P->tok;
  if (p_eq(t, "(") && is_type_start(P, t->next)) {
    p_next(P);
    cw_type *ty = p_typename(P);
    p_expect(P, ")", "after type in cast");
    if (p_eq(P->tok, "{")) cw_error(P->d, P->tok->loc, "compound literals are not supported yet");
    p_enter(P, t, "expression");
    cw_node *e = cast_expr(P);
    p_leave(P);
    cw_node *n = p_cast(P, e, ty);
    if (n == e || n->kind == ND_NUM) {
      /* a no-op cast still yields an rvalue of the named type */
      if (n == e && cw_ty_unqual(ty)->kind != TY_STRUCT && cw_ty_unqual(ty)->kind != TY_UNION)
        n = unary_node(P, ND_CAST, e, cw_ty_unqual(ty), t->loc);
    }
    n->loc = t->loc;
    return n;
  }
  return unary(P);
}

static cw_node *incdec(Parser *P, cw_node_kind k, cw_node *e, cw_loc loc) {
  p_check_lvalue(P, e, loc);
  cw_type *t = cw_ty_unqual(e->ty);
  if (t->kind == TY_PTR) check_ptr_arith(P, t, loc);
  else if (!cw_ty_is_arith(t))
    cw_error(P->d, loc, "cannot increment or decrement a value of type '%s'", tstr(P, t));
  return unary_node(P, k, e, t, loc);
}

static int64_t type_size(Parser *P, cw_type *ty, cw_loc loc, const char *op) {
  if (ty->kind == TY_FUNC) cw_error(P->d, loc, "invalid application of '%s' to a function type", op);
  if (ty->size < 0 || ty->kind == TY_VOID)
    cw_error(P->d, loc, "invalid application of '%s' to an incomplete type '%s'", op, tstr(P, ty));
  return ty->size;
}

/* unary = ("+" | "-" | "!" | "~" | "&" | "*" | "++" | "--") cast
 *       | ("sizeof" | "alignof") ("(" type-name ")" | unary)
 *       | postfix */
static cw_node *unary(Parser *P) {
  cw_token *t = P->tok;
  cw_loc loc = t->loc;
  p_enter(P, t, "expression");
  cw_node *n;
  if (p_eq(t, "+") || p_eq(t, "-") || p_eq(t, "!") || p_eq(t, "~") || p_eq(t, "&") ||
      p_eq(t, "*") || p_eq(t, "++") || p_eq(t, "--")) {
    p_next(P);
    cw_node *e = p_eq(t, "++") || p_eq(t, "--") ? unary(P) : cast_expr(P);
    cw_node *o = p_is_class(e->ty) && !p_eq(t, "&") ? p_try_operator(P, p_tokstr(P, t), e, NULL, loc) : NULL;
    if (o) {
      p_leave(P);
      return o;
    }
    if (!p_eq(t, "&")) e = p_class_decay(P, e);
    if (p_eq(t, "+")) {
      e = p_rval(P, e);
      need_arith(P, e, loc, "+");
      n = conv(P, e, p_promote(e->ty));
      if (n == e) n = unary_node(P, ND_CAST, e, p_promote(e->ty), loc);
    } else if (p_eq(t, "-")) {
      e = p_rval(P, e);
      need_arith(P, e, loc, "-");
      cw_type *ty = p_promote(e->ty);
      if (e->kind == ND_NUM) {
        /* fold negative literals: simpler ASTs for initialisers and messages */
        e = conv(P, e, ty);
        if (cw_ty_is_float(ty)) n = p_new_fnum(P, -e->fval, ty, loc);
        else n = p_new_num(P, wrap_int((int64_t)(0 - (uint64_t)e->ival), ty), ty, loc);
      } else {
        n = unary_node(P, ND_NEG, conv(P, e, ty), ty, loc);
      }
    } else if (p_eq(t, "!")) {
      n = unary_node(P, ND_NOT, p_scalar_cond(P, e), cw_ty_int, loc);
    } else if (p_eq(t, "~")) {
      e = p_rval(P, e);
      need_int(P, e, loc, "~");
      cw_type *ty = p_promote(e->ty);
      n = unary_node(P, ND_BITNOT, conv(P, e, ty), ty, loc);
    } else if (p_eq(t, "&")) {
      if (e->kind == ND_VAR && e->var->storage == CW_STORE_FUNC)
        cw_error(P->d, loc, "function pointers are not supported: WGSL has no indirect calls; call the function by name (a switch can choose)");
      if (!is_lvalue(e)) cw_error(P->d, loc, "cannot take the address of an rvalue of type '%s'", tstr(P, e->ty));
      cw_obj *v = base_var(e);
      if (v) v->is_addressed = true;
      n = unary_node(P, ND_ADDR, e, cw_ty_pointer_to(P->a, e->ty), loc);
    } else if (p_eq(t, "*")) {
      e = p_rval(P, e);
      if (e->ty->kind != TY_PTR)
        cw_error(P->d, loc, "indirection requires pointer operand ('%s' invalid)", tstr(P, e->ty));
      if (cw_ty_unqual(e->ty->base)->kind == TY_VOID)
        cw_error(P->d, loc, "indirection of a 'void *' pointer is not allowed");
      n = unary_node(P, ND_DEREF, e, e->ty->base, loc);
    } else {
      n = incdec(P, p_eq(t, "++") ? ND_PRE_INC : ND_PRE_DEC, e, loc);
    }
    p_leave(P);
    return n;
  }
  if (p_eq(t, "sizeof") || p_eq(t, "alignof") || p_eq(t, "_Alignof") || p_eq(t, "__alignof__")) {
    bool is_sizeof = p_eq(t, "sizeof");
    const char *op = is_sizeof ? "sizeof" : "alignof";
    p_next(P);
    if (p_eq(P->tok, "...")) cw_error(P->d, P->tok->loc, "templates are not supported yet");
    cw_type *ty;
    if (p_eq(P->tok, "(") && is_type_start(P, P->tok->next)) {
      p_next(P);
      ty = p_typename(P);
      p_expect(P, ")", "after type");
    } else {
      P->in_sizeof++;
      ty = unary(P)->ty;
      P->in_sizeof--;
    }
    int64_t v = is_sizeof ? type_size(P, ty, loc, op) : (type_size(P, ty, loc, op), ty->align);
    p_leave(P);
    return p_new_num(P, v, cw_ty_ulong, loc);
  }
  if (p_eq(t, "new") || p_eq(t, "delete"))
    cw_error(P->d, loc, "operator %s is not supported in device code: WebGPU shaders cannot allocate memory; "
             "allocate with cudaMalloc on the host and pass the pointer", p_eq(t, "new") ? "new" : "delete");
  n = postfix(P);
  p_leave(P);
  return n;
}

static cw_member *lookup_member(cw_type *ty, const char *name, cw_member **via) {
  *via = NULL;
  for (cw_member *m = ty->members; m; m = m->next) {
    if (m->name && !strcmp(m->name, name)) return m;
    if (!m->name) {
      cw_member *inner_via;
      if (lookup_member(m->ty, name, &inner_via)) {
        *via = m;
        return m;
      }
    }
  }
  return NULL;
}

static cw_node *member_access(Parser *P, cw_node *base, cw_token *name_tok, int depth) {
  cw_type *ty = cw_ty_unqual(base->ty);
  if (ty->kind != TY_STRUCT && ty->kind != TY_UNION && ty->kind != TY_DIM3)
    cw_error(P->d, name_tok->loc, "member reference base type '%s' is not a structure or union", tstr(P, base->ty));
  if (ty->size < 0) cw_error(P->d, name_tok->loc, "member access into incomplete type '%s'", tstr(P, ty));
  if (!p_is_ident(name_tok)) cw_error(P->d, name_tok->loc, "expected member name");
  const char *name = p_tokstr(P, name_tok);
  cw_member *via;
  cw_member *m = lookup_member(ty, name, &via);
  if (!m) cw_error(P->d, name_tok->loc, "no member named '%s' in '%s'", name, tstr(P, ty));
  cw_node *n = p_new_node(P, ND_MEMBER, name_tok->loc);
  n->lhs = base;
  n->member = m;
  n->ty = p_qualify(P, m->ty, base->ty->is_const, base->ty->is_volatile, false);
  if (via && depth < 64) return member_access(P, n, name_tok, depth + 1);
  return n;
}

static cw_node *index_expr(Parser *P, cw_node *base, cw_node *idx, cw_loc loc) {
  if (base->ty->kind != TY_ARRAY && base->ty->kind != TY_PTR &&
      (idx->ty->kind == TY_ARRAY || idx->ty->kind == TY_PTR)) {
    cw_node *t = base; base = idx; idx = t; /* i[a] */
  }
  idx = p_rval(P, idx);
  if (!cw_ty_is_integer(idx->ty)) cw_error(P->d, loc, "array subscript is not an integer");
  idx = conv(P, idx, p_promote(idx->ty));
  if (base->ty->kind == TY_ARRAY) {
    cw_node *n = binary_node(P, ND_INDEX, base, idx, base->ty->base, loc);
    if (base->ty->is_const) n->ty = p_qualify(P, n->ty, true, false, false);
    return n;
  }
  base = p_rval(P, base);
  if (base->ty->kind != TY_PTR) cw_error(P->d, loc, "subscripted value is not an array or pointer");
  check_ptr_arith(P, base->ty, loc);
  cw_node *add = binary_node(P, ND_PTR_ADD, base, idx, cw_ty_unqual(base->ty), loc);
  return unary_node(P, ND_DEREF, add, base->ty->base, loc);
}

/* postfix = primary ("[" expr "]" | "." ident | "->" ident | "++" | "--")* */
static cw_node *postfix(Parser *P) {
  cw_node *n = primary(P);
  for (;;) {
    cw_token *t = P->tok;
    if (p_consume(P, "[")) {
      cw_node *i = p_expr(P);
      p_expect(P, "]", "after array subscript");
      cw_node *o = p_is_class(n->ty) ? p_try_operator(P, "[]", n, i, t->loc) : NULL;
      n = o ? o : index_expr(P, n, i, t->loc);
    } else if (p_consume(P, ".")) {
      p_consume(P, "template"); /* obj.template f<T>(...): the dependent-name disambiguator */
      cw_token *m = P->tok;
      p_next(P);
      cw_node *c = p_eq(P->tok, "(") || p_eq(P->tok, "<") ? p_member_call(P, n, m) : NULL;
      n = c ? c : member_access(P, n, m, 0);
    } else if (p_consume(P, "->")) {
      cw_token *m = P->tok;
      n = p_rval(P, n);
      if (n->ty->kind != TY_PTR)
        cw_error(P->d, t->loc, "member reference type '%s' is not a pointer", tstr(P, n->ty));
      cw_node *d = unary_node(P, ND_DEREF, n, n->ty->base, t->loc);
      if (p_eq(m, "template")) m = m->next; /* p->template f<T>(...) */
      P->tok = m;
      p_next(P);
      cw_node *c = p_eq(P->tok, "(") || p_eq(P->tok, "<") ? p_member_call(P, d, m) : NULL;
      n = c ? c : member_access(P, d, m, 0);
    } else if (p_eq(t, "(") && p_is_class(n->ty)) {
      /* function-call operator: functors and lambdas */
      cw_node **argv;
      int nargs;
      p_call_args_parse(P, &argv, &nargs);
      P_fnlist *ops = p_class_methods(P, n->ty, "operator()");
      if (!ops) cw_error(P->d, t->loc, "type '%s' does not provide a call operator", tstr(P, n->ty));
      n = p_call(P, ops, "operator()", n, argv, nargs, t->loc);
    } else if (p_consume(P, "++")) {
      n = incdec(P, ND_POST_INC, n, t->loc);
    } else if (p_consume(P, "--")) {
      n = incdec(P, ND_POST_DEC, n, t->loc);
    } else if (p_eq(t, "(")) {
      cw_error(P->d, t->loc, "called object type '%s' is not a function", tstr(P, n->ty));
    } else {
      return n;
    }
    check_height(P, n, t->loc);
  }
}

/* args = "(" (assign ("," assign)*)? ")" ; returns the count */
static cw_node *call_args(Parser *P, int *nargs) {
  cw_node head = {0}, *cur = &head;
  int n = 0;
  p_expect(P, "(", NULL);
  while (!p_consume(P, ")")) {
    if (n) p_expect(P, ",", "between arguments");
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected ')'");
    if (P->tok->kind == CW_TK_STR) cw_error(P->d, P->tok->loc, "string literals are not supported in device code");
    cur = cur->next = p_assign(P);
    if (++n > 1000) cw_error(P->d, cur->loc, "too many arguments");
  }
  *nargs = n;
  return head.next;
}

static cw_node *launch_builtin(Parser *P, cw_token *t, const char *name) {
  static const char *names[] = {"threadIdx", "blockIdx", "blockDim", "gridDim"};
  for (int i = 0; i < 4; i++) {
    if (strcmp(name, names[i])) continue;
    cw_token *dot = t->next, *m = dot->next;
    if (!p_eq(dot, ".") || !(p_eq(m, "x") || p_eq(m, "y") || p_eq(m, "z")))
      cw_error(P->d, t->loc, "%s can only be used as %s.x, .y or .z", name, name);
    P->tok = m->next;
    cw_node *n = p_new_node(P, ND_BUILTIN, t->loc);
    n->builtin = (cw_builtin_var)i;
    n->dim = m->text[0] - 'x';
    n->ty = cw_ty_uint;
    return n;
  }
  if (!strcmp(name, "warpSize")) {
    p_next(P);
    cw_node *n = p_new_node(P, ND_BUILTIN, t->loc);
    n->builtin = CW_BI_WARP_SIZE;
    n->ty = cw_ty_int;
    return n;
  }
  return NULL;
}

static cw_node *number(Parser *P, cw_token *t) {
  p_next(P);
  if (t->is_float) {
    bool f = (t->suffix & CW_NUM_F) != 0;
    return p_new_fnum(P, f ? to_float_prec(t->fval) : t->fval, f ? cw_ty_float : cw_ty_double, t->loc);
  }
  if (t->is_char) return p_new_num(P, (int64_t)(int32_t)(uint32_t)t->ival, cw_ty_int, t->loc);
  uint64_t v = t->ival;
  bool u = t->suffix & CW_NUM_U, ll = t->suffix & CW_NUM_LL, l = (t->suffix & CW_NUM_L) || ll;
  bool other = t->is_hex_or_octal;
  cw_type *ty;
  if (!l && !u && v <= 0x7fffffff) ty = cw_ty_int;
  else if (!l && (u || other) && v <= 0xffffffff) ty = cw_ty_uint;
  else if (!u && v <= 0x7fffffffffffffffULL) ty = ll ? cw_ty_llong : cw_ty_long;
  else ty = ll ? cw_ty_ullong : cw_ty_ulong;
  return p_new_num(P, (int64_t)v, ty, t->loc);
}

static bool simple_type_token(Parser *P, cw_token *t) {
  return p_eq(t, "int") || p_eq(t, "float") || p_eq(t, "double") || p_eq(t, "char") ||
         p_eq(t, "bool") || p_eq(t, "short") || p_eq(t, "long") || p_eq(t, "unsigned") ||
         p_eq(t, "signed") || p_is_typename(P, t);
}

/* A use of the entry e found for name token t (the next token is nx). */
/* TEMPLATES: a call to a function-template instance; P->tok is at its '('. */
static cw_node *template_call(Parser *P, cw_obj *f, cw_token *t) {
  P_fnlist *l = CW_NEW(P->a, P_fnlist);
  l->fn = f;
  cw_node **argv;
  int nargs;
  p_call_args_parse(P, &argv, &nargs);
  const char *shown = f->display_name ? f->display_name : p_tokstr(P, t);
  P_fninfo *fi = f->fe_info;
  cw_node *obj = NULL;
  if (fi && fi->is_method) { /* a member template named inside a member function: this->f<...>(...) */
    if (!P->this_var) cw_error(P->d, t->loc, "call to non-static member function '%s' without an object", shown);
    obj = unary_node(P, ND_DEREF, p_this(P, t->loc), P->this_var->ty->base, t->loc);
  }
  return p_call(P, l, shown, obj, argv, nargs, t->loc);
}

/* TEMPLATES: a use of template T (NULL: the one t names unqualified) at its
 * name: a class template temporary S<...>(...) / S<...>{...}, or a call. */
static cw_node *named(Parser *P, P_entry *e, cw_token *t, cw_token *nx);

static cw_node *template_use(Parser *P, struct P_template *T, cw_token *t) {
  if (!T || p_tmpl_is_struct(T)) {
    cw_type *ty = T ? p_tmpl_type_of(P, T) : p_tmpl_type_id(P);
    P_class *c = p_class_of(ty);
    if (p_eq(P->tok, "::") && p_eq(P->tok->next, "template")) P->tok = P->tok->next; /* S<T>::template f<U> */
    if (p_eq(P->tok, "::") && p_is_ident(P->tok->next) && c) { /* Traits<T>::value, S<T>::make(...) */
      cw_token *m = P->tok->next;
      P_entry *e = p_find_in_scope(P, c->scope, p_tokstr(P, m));
      if (!e) cw_error(P->d, m->loc, "no member named '%s' in '%s'", p_tokstr(P, m), cw_ty_str(P->a, ty));
      return named(P, e, m, m->next);
    }
    if (!p_eq(P->tok, "(") && !p_eq(P->tok, "{"))
      cw_error(P->d, P->tok->loc, "expected '(' or '{' after '%s'", cw_ty_str(P->a, ty));
    return p_construct(P, ty, t->loc, p_eq(P->tok, "{"));
  }
  return template_call(P, p_tmpl_call_of(P, T), t);
}

static cw_node *named(Parser *P, P_entry *e, cw_token *t, cw_token *nx) {
  const char *name = p_tokstr(P, t);
  if (e->tmpl && !e->var && !e->type_def && !e->is_const_val && !p_tmpl_is_struct(e->tmpl)) {
    P->tok = t; /* S<T>::f<U>(...): a member function template */
    return template_use(P, e->tmpl, t);
  }
  P->tok = nx;
  if (e->member) {
    if (!P->this_var)
      cw_error(P->d, t->loc, "invalid use of member '%s' outside a non-static member function", name);
    cw_node *d = unary_node(P, ND_DEREF, p_this(P, t->loc), P->this_var->ty->base, t->loc);
    return member_access(P, d, t, 0);
  }
  if (e->var && e->var->storage == CW_STORE_FUNC && !e->var->is_builtin) {
    if (!p_eq(nx, "("))
      cw_error(P->d, t->loc, "function pointers are not supported: WGSL has no indirect calls; call the function by name (a switch can choose)");
    P_fnlist one = {NULL, e->var};
    P_fnlist *fns = e->fns ? e->fns : &one;
    cw_node **argv;
    int nargs;
    p_call_args_parse(P, &argv, &nargs);
    bool any_method = false;
    for (P_fnlist *l = fns; l; l = l->next) {
      P_fninfo *fi = l->fn->fe_info;
      any_method |= fi && fi->is_method;
    }
    cw_node *obj = NULL;
    if (any_method) {
      if (!P->this_var) cw_error(P->d, t->loc, "call to non-static member function '%s' without an object", name);
      obj = unary_node(P, ND_DEREF, p_this(P, t->loc), P->this_var->ty->base, t->loc);
    }
    const char *shown = fns->fn->src_name && !e->fns ? fns->fn->src_name : name;
    if (fns == &one) {
      P_fnlist *l = CW_NEW(P->a, P_fnlist);
      l->fn = e->var;
      fns = l;
    }
    return p_call(P, fns, shown, obj, argv, nargs, t->loc);
  }
  if (e->is_const_val) {
    if (cw_ty_is_float(e->const_ty)) return p_new_fnum(P, e->fval, e->const_ty, t->loc);
    return p_new_num(P, e->ival, e->const_ty, t->loc);
  }
  if (e->ns) cw_error(P->d, t->loc, "unexpected namespace name '%s': expected expression", name);
  if (e->host_var) cw_error(P->d, t->loc, "host variable '%s' cannot be used in device code", name);
  if (e->type_def) cw_error(P->d, t->loc, "unexpected type name '%s': expected expression", name);
  if (!e->var) cw_error(P->d, t->loc, "use of undeclared identifier '%s'", name);
  cw_obj *v = e->var;
  if (v->storage == CW_STORE_FUNC) {
    if (p_eq(nx, "(")) cw_error(P->d, nx->loc, "called object type '%s' is not a function", tstr(P, v->ty));
    cw_error(P->d, t->loc, "function pointers are not supported");
  }
  if (p_eq(nx, "(") && !p_is_class(p_deref_type(v->ty)))
    cw_error(P->d, nx->loc, "called object type '%s' is not a function", tstr(P, v->ty));
  if ((v->storage == CW_STORE_LOCAL || v->storage == CW_STORE_PARAM || v->storage == CW_STORE_SHARED ||
       v->storage == CW_STORE_EXTERN_SHARED) && v->fe_info && v->fe_info != P->fn) {
    if (P->fn && P->fn->fe_info && ((P_fninfo *)P->fn->fe_info)->cls &&
        !strncmp(((P_fninfo *)P->fn->fe_info)->cls->name ? ((P_fninfo *)P->fn->fe_info)->cls->name : "", "cw_lambda_", 10))
      cw_error(P->d, t->loc, "variable '%s' of the enclosing function is not captured by the lambda "
               "(capture it by value with [=] or [%s]; __shared__ variables cannot be captured)", name, name);
    cw_error(P->d, t->loc, "variable '%s' of the enclosing function cannot be used in a local class", name);
  }
  return p_var_use(P, v, t->loc);
}

static bool simple_type_token(Parser *P, cw_token *t);
/* primary = "(" expr ")" | number | ident args? | "true" | "false" | "nullptr"
 *         | simple-type "(" assign ")"            (functional cast)
 *         | ("static_cast" | "reinterpret_cast" | "const_cast") "<" type ">" "(" expr ")" */
static cw_node *primary(Parser *P) {
  cw_token *t = P->tok;
  if (p_eq(t, "(")) {
    p_next(P);
    if (p_eq(P->tok, "{")) cw_error(P->d, P->tok->loc, "statement expressions are not supported");
    cw_node *n = p_expr(P);
    p_expect(P, ")", "to match '('");
    return n;
  }
  if (t->kind == CW_TK_NUM) return number(P, t);
  if (t->kind == CW_TK_STR) {
    if (!P->in_sizeof) cw_error(P->d, t->loc, "string literals are not supported in device code");
    p_next(P);
    return p_new_num(P, 0, cw_ty_array_of(P->a, cw_ty_char, t->str_len + 1), t->loc);
  }
  if (p_eq(t, "true") || p_eq(t, "false")) {
    p_next(P);
    return p_new_num(P, p_eq(t, "true"), cw_ty_bool, t->loc);
  }
  if (p_eq(t, "nullptr")) {
    p_next(P);
    return p_new_num(P, 0, cw_ty_pointer_to(P->a, cw_ty_void), t->loc);
  }
  if (p_eq(t, "static_cast") || p_eq(t, "reinterpret_cast") || p_eq(t, "const_cast")) {
    p_next(P);
    p_expect(P, "<", "after cast keyword");
    cw_type *ty = p_typename(P);
    p_expect(P, ">", "after type");
    p_expect(P, "(", NULL);
    cw_node *e = p_expr(P);
    p_expect(P, ")", NULL);
    return p_cast(P, e, ty);
  }
  if (p_eq(t, "this")) {
    p_next(P);
    return p_this(P, t->loc);
  }
  if (p_eq(t, "asm") || p_eq(t, "__asm__") || p_eq(t, "__asm"))
    cw_error(P->d, t->loc, "inline PTX assembly is not supported: PTX is NVIDIA's ISA, with no WGSL or C equivalent; "
             "use the CUDA intrinsic that the asm implements");
  if (p_eq(t, "[")) return p_lambda(P);
  if (p_eq(t, "dynamic_cast") || p_eq(t, "typeid") || p_eq(t, "throw"))
    cw_error(P->d, t->loc, "'%s' is not supported in device code", p_tokstr(P, t));
  cw_token *after = t->next;
  cw_type *qty = NULL;
  bool qualified = p_eq(t, "::") || (p_is_ident(t) && p_eq(t->next, "::"));
  cw_token *tname = t;
  struct P_template *T = qualified ? p_tmpl_qualified(P, t, &tname) : NULL;
  if (T || (!qualified && p_tmpl_is_type_template(P, t))) {
    P->tok = tname; /* TEMPLATES: ns::f<...>(...), S<...>(...) temporaries */
    return template_use(P, T, tname);
  }
  if (qualified) qty = p_qualified_type(P, t, &after);
  if ((qty || simple_type_token(P, t)) && (p_eq(after, "(") || p_eq(after, "{"))) {
    cw_type *ty;
    if (qty) {
      ty = qty;
      P->tok = after;
    } else {
      P_declspec attr;
      ty = p_declspec(P, &attr);
    }
    cw_type *tu = cw_ty_unqual(ty);
    if (tu->kind == TY_STRUCT || tu->kind == TY_UNION || p_eq(P->tok, "{"))
      return p_construct(P, tu, t->loc, p_eq(P->tok, "{"));
    p_expect(P, "(", "in functional cast");
    if (p_eq(P->tok, ")")) {
      if (!cw_ty_is_arith(ty)) cw_error(P->d, P->tok->loc, "value-initialization of '%s' is not supported", tstr(P, ty));
      p_next(P);
      return conv(P, p_new_num(P, 0, cw_ty_int, t->loc), ty);
    }
    cw_node *e = p_assign(P);
    p_expect(P, ")", "in functional cast");
    cw_node *n = p_cast(P, e, ty);
    if (n == e && n->kind != ND_NUM) n = unary_node(P, ND_CAST, e, cw_ty_unqual(ty), t->loc);
    return n;
  }
  if (qualified) {
    cw_token *end, *last;
    P_entry *e = p_qualified_entry(P, t, &end, &last);
    P->tok = end;
    return named(P, e, last, end);
  }
  if (!p_is_ident(t)) {
    if (t->kind == CW_TK_EOF) cw_error(P->d, t->loc, "expected expression");
    cw_error(P->d, t->loc, "expected expression");
  }

  const char *name = p_tokstr(P, t);
  cw_obj *tf = p_tmpl_call_target(P); /* TEMPLATES: f<T>(...) / f(...) deduced */
  if (tf) return template_call(P, tf, t);
  P_entry *e = p_find_var(P, name);
  bool user_var = e && (e->var || e->member) && !(e->var && e->var->is_builtin);
  if (!user_var && !(e && (e->is_const_val || e->host_var))) {
    cw_node *b = launch_builtin(P, t, name);
    if (b) return b;
  }
  if (p_eq(t->next, "<<<") || (p_eq(t->next, "<<") && p_eq(t->next->next, "<")))
    cw_error(P->d, t->next->loc, "dynamic parallelism (kernel launch from device code) is not supported: WebGPU shaders cannot dispatch work; launch the kernel from the host");
  if (p_eq(t->next, "(") && !user_var) {
    cw_node *io = p_device_io_call(P, name);
    if (io) return io;
    p_reject_unsupported_call(P, name, t->loc);
    if (p_is_intrinsic_name(name)) {
      p_next(P);
      if (!strncmp(name, "__builtin_nan", 13)) {
        /* __builtin_nanf("") : the string is the NaN payload */
        p_expect(P, "(", NULL);
        if (P->tok->kind == CW_TK_STR) p_next(P);
        p_expect(P, ")", "after __builtin_nan argument");
        return p_intrinsic_call(P, name, t->loc, NULL, 0);
      }
      int nargs;
      cw_node *args = call_args(P, &nargs);
      return p_intrinsic_call(P, name, t->loc, args, nargs);
    }
    if (!e) cw_error(P->d, t->loc, "use of undeclared identifier '%s'", name);
  }
  if (!e) {
    if (!strcmp(name, "cooperative_groups")) cw_error(P->d, t->loc, "%s", p_cg_include_msg);
    /* templated CUDA built-ins (tex2D<float>(...), __ldg<...>) */
    p_reject_unsupported_call(P, name, t->loc);
    cw_error(P->d, t->loc, "use of undeclared identifier '%s'", name);
  }
  return named(P, e, t, t->next);
}
