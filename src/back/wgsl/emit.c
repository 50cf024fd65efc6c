/* WGSL statements and expressions from the RESOLVED IR.
 *
 * Values: WGSL has no implicit conversions and no 8/16-bit integers, so
 * i8/i16 values live in i32 and u8/u16 in u32, always normalised
 * (sign-extended or masked) after an operation that may leave their range.
 * Expressions are fully parenthesised (WGSL rejects some C-valid mixes such
 * as `a & b | c` without parentheses).
 *
 * Constant folding here is not an optimisation: Tint evaluates
 * const-expressions at shader creation and rejects overflow (`1i << 31u`,
 * `0u - 1u`), division by a constant zero and non-finite results, all of
 * which are defined (or at least not compile errors) in CUDA. So every
 * operation on constants is folded with C semantics (WGSL run-time semantics
 * where C has UB) and only literals reach the output; inf/NaN literals and
 * constant arguments of built-ins go through helper functions (calls of
 * user functions are never const-evaluated). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/wgsl/wgsl.h"

#define P(...) cw_arena_printf(c->m->arena, __VA_ARGS__)

void wg_line(wg_ctx *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cw_sb_indent(c->out, c->indent);
  cw_sb_vprintf(c->out, fmt, ap);
  cw_sb_putc(c->out, '\n');
  va_end(ap);
}

/* ---------------- types ---------------- */
const char *wg_type(wg_ctx *c, const ir_type *t) {
  switch (t->kind) {
  case IR_T_BOOL: return "bool";
  case IR_T_I8: case IR_T_I16: case IR_T_I32: return "i32";
  case IR_T_U8: case IR_T_U16: case IR_T_U32: return "u32";
  case IR_T_F32: return "f32";
  case IR_T_I64: case IR_T_U64: return "vec2<u32>"; /* int64.c */
  case IR_T_PTR: return "i32"; /* former pointer local: element offset */
  case IR_T_STRUCT: return t->st->name;
  case IR_T_ARRAY: return P("array<%s, %d>", wg_type(c, t->elem), t->len);
  default:
    cw_error(c->m->diags, c->k ? c->k->func->loc : (cw_loc){0},
             "internal error: type '%s' reached the wgsl emitter", ir_type_str(c->m, t));
  }
}

const char *wg_var_type(wg_ctx *c, const ir_var *v) {
  if (v->root) return "i32";
  if (v->type->kind == IR_T_ARRAY)
    return P("array<%s, %d>", wg_type(c, ir_type_leaf(v->type)), ir_type_flat_len(v->type));
  return wg_type(c, v->type);
}

static bool is_small(const ir_type *t) {
  return t->kind == IR_T_I8 || t->kind == IR_T_U8 || t->kind == IR_T_I16 || t->kind == IR_T_U16;
}
static bool container_signed(const ir_type *t) {
  return t->kind == IR_T_I8 || t->kind == IR_T_I16 || t->kind == IR_T_I32;
}

/* Brings a container value back into the range of a small type. */
static const char *norm(wg_ctx *c, const char *x, const ir_type *t) {
  switch (t->kind) {
  case IR_T_I8: return P("((%s << 24u) >> 24u)", x);
  case IR_T_I16: return P("((%s << 16u) >> 16u)", x);
  case IR_T_U8: return P("(%s & 0xffu)", x);
  case IR_T_U16: return P("(%s & 0xffffu)", x);
  default: return x;
  }
}

static void int_range(const ir_type *t, int64_t *lo, int64_t *hi) {
  switch (t->kind) {
  case IR_T_BOOL: *lo = 0; *hi = 1; break;
  case IR_T_I8: *lo = -128; *hi = 127; break;
  case IR_T_U8: *lo = 0; *hi = 255; break;
  case IR_T_I16: *lo = -32768; *hi = 32767; break;
  case IR_T_U16: *lo = 0; *hi = 65535; break;
  case IR_T_I32: *lo = INT32_MIN; *hi = INT32_MAX; break;
  default: *lo = 0; *hi = UINT32_MAX; break;
  }
}

/* C conversion of a value (text x of type `from`) to `to`. WGSL i32(f32)
 * truncates toward zero and saturates (C: undefined out of range);
 * i32(u32)/u32(i32) reinterpret the bits like C's modular conversion. */
const char *wg_convert_text(wg_ctx *c, const char *x, const ir_type *from, const ir_type *to) {
  if (from->kind == to->kind) return x;
  if (wg64_is(from) || wg64_is(to)) return wg64_convert(c, x, from, to);
  if (to->kind == IR_T_BOOL) {
    if (from->kind == IR_T_F32) return P("(%s != 0.0f)", x);
    return P("(%s != %s)", x, container_signed(from) ? "0i" : "0u");
  }
  if (from->kind == IR_T_BOOL) {
    if (to->kind == IR_T_F32) return P("select(0.0f, 1.0f, %s)", x);
    return container_signed(to) ? P("select(0i, 1i, %s)", x) : P("select(0u, 1u, %s)", x);
  }
  if (to->kind == IR_T_F32) return P("f32(%s)", x);
  const char *ct = container_signed(to) ? "i32" : "u32";
  if (from->kind == IR_T_F32) return norm(c, P("%s(%s)", ct, x), to);
  /* int -> int */
  const char *y = container_signed(from) == container_signed(to) ? x : P("%s(%s)", ct, x);
  int64_t flo, fhi, tlo, thi;
  int_range(from, &flo, &fhi);
  int_range(to, &tlo, &thi);
  if (is_small(to) && (flo < tlo || fhi > thi)) return norm(c, y, to);
  return y;
}

/* ---------------- constants ---------------- */
static const char *f32_lit(wg_ctx *c, float f) {
  uint32_t bits;
  memcpy(&bits, &f, 4);
  if (isnan(f) || isinf(f)) {
    c->helpers |= 1u << WG_H_F32_BITS;
    return P("cw_f32_bits(0x%08xu)", bits);
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%.9g", (double)f);
  /* a literal just above FLT_MAX after rounding to 9 digits is rejected */
  if (fabs(strtod(buf, NULL)) > 3.40282346638528859812e+38) return P("bitcast<f32>(0x%08xu)", bits);
  if (!strpbrk(buf, ".eEn")) strcat(buf, ".0");
  return P("%sf", buf);
}

const char *wg_const(wg_ctx *c, const ir_expr *e) {
  const ir_type *t = e->type;
  switch (t->kind) {
  case IR_T_BOOL: return e->u.i ? "true" : "false";
  case IR_T_F32: return f32_lit(c, (float)e->u.f);
  case IR_T_I8: case IR_T_I16: case IR_T_I32: {
    int32_t v = (int32_t)(uint32_t)e->u.i;
    if (v == INT32_MIN) return "i32(-2147483647 - 1)";
    return P("%di", v);
  }
  case IR_T_U8: case IR_T_U16: case IR_T_U32: case IR_T_PTR:
    return P("%uu", (uint32_t)e->u.i);
  case IR_T_I64: case IR_T_U64: return wg64_const(c, e->u.i);
  default:
    cw_error(c->m->diags, e->loc, "internal error: constant of type '%s' in wgsl emitter",
             ir_type_str(c->m, t));
  }
}

/* ---------------- folding with C semantics ---------------- */
static ir_expr *mk_int(wg_ctx *c, ir_type *t, uint64_t v, cw_loc loc) {
  return ir_const_int(c->m, t, v, loc);
}

static ir_expr *fold_convert(wg_ctx *c, ir_type *to, const ir_expr *a) {
  const ir_type *from = a->type;
  if (to->kind == IR_T_F32) {
    double d = from->kind == IR_T_F32 ? a->u.f
               : ir_type_is_signed(from) ? (double)(float)(int64_t)a->u.i
                                         : (double)(float)a->u.i;
    if (from->kind == IR_T_BOOL) d = a->u.i ? 1.0 : 0.0;
    return ir_const_float(c->m, to, d, a->loc);
  }
  if (to->kind == IR_T_BOOL)
    return mk_int(c, to, from->kind == IR_T_F32 ? a->u.f != 0.0 : a->u.i != 0, a->loc);
  if (from->kind == IR_T_F32 && wg64_is(to)) { /* as int64.c's helpers */
    double f = trunc(a->u.f);
    uint64_t v;
    if (f != f) v = 0;
    else if (to->kind == IR_T_U64) v = f <= 0 ? 0 : f >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)f;
    else v = f <= -9223372036854775808.0 ? (uint64_t)INT64_MIN
             : f >= 9223372036854775808.0 ? (uint64_t)INT64_MAX : (uint64_t)(int64_t)f;
    return mk_int(c, to, v, a->loc);
  }
  if (from->kind == IR_T_F32) { /* WGSL: truncate, saturate, NaN -> 0 (C: UB out of range) */
    double f = trunc(a->u.f);
    int64_t lo = ir_type_is_signed(to) ? INT32_MIN : 0;
    int64_t hi = ir_type_is_signed(to) ? INT32_MAX : UINT32_MAX;
    int64_t v = f != f ? 0 : f <= (double)lo ? lo : f >= (double)hi ? hi : (int64_t)f;
    return mk_int(c, to, (uint64_t)v, a->loc);
  }
  return mk_int(c, to, a->u.i, a->loc);
}

static ir_expr *fold_binary(wg_ctx *c, const ir_expr *e, const ir_expr *a, const ir_expr *b) {
  ir_type *t = a->type;
  cw_loc l = e->loc;
  if (t->kind == IR_T_F32) {
    float x = (float)a->u.f, y = (float)b->u.f, r;
    switch (e->op) {
    case IR_OP_ADD: r = x + y; break;
    case IR_OP_SUB: r = x - y; break;
    case IR_OP_MUL: r = x * y; break;
    case IR_OP_DIV: r = x / y; break;
    case IR_OP_EQ: return mk_int(c, &ir_bool, x == y, l);
    case IR_OP_NE: return mk_int(c, &ir_bool, x != y, l);
    case IR_OP_LT: return mk_int(c, &ir_bool, x < y, l);
    case IR_OP_LE: return mk_int(c, &ir_bool, x <= y, l);
    case IR_OP_GT: return mk_int(c, &ir_bool, x > y, l);
    case IR_OP_GE: return mk_int(c, &ir_bool, x >= y, l);
    default: return NULL;
    }
    return ir_const_float(c->m, t, r, l);
  }
  bool s = ir_type_is_signed(t);
  uint64_t x = a->u.i, y = b->u.i; /* normalised: sign-extended when signed */
  int64_t sx = (int64_t)x, sy = (int64_t)y;
  if (wg64_is(t)) { /* 64-bit: counts modulo 64, INT64_MIN / -1 wraps (as int64.c) */
    switch (e->op) {
    case IR_OP_SHL: return mk_int(c, t, x << (y & 63), l);
    case IR_OP_SHR:
      return mk_int(c, t, s ? (sx < 0 ? ~(~x >> (y & 63)) : x >> (y & 63)) : x >> (y & 63), l);
    case IR_OP_DIV: case IR_OP_REM:
      if (s && sx == INT64_MIN && sy == -1) return mk_int(c, t, e->op == IR_OP_DIV ? x : 0, l);
      break;
    default: break;
    }
  }
  switch (e->op) {
  case IR_OP_ADD: return mk_int(c, t, x + y, l);
  case IR_OP_SUB: return mk_int(c, t, x - y, l);
  case IR_OP_MUL: return mk_int(c, t, x * y, l);
  case IR_OP_DIV: /* by zero: WGSL's x / 0 = x (C: undefined) */
    if (y == 0) return mk_int(c, t, x, l);
    return mk_int(c, t, s ? (uint64_t)(sx / sy) : x / y, l);
  case IR_OP_REM:
    if (y == 0) return mk_int(c, t, 0, l);
    return mk_int(c, t, s ? (uint64_t)(sx % sy) : x % y, l);
  case IR_OP_SHL: return mk_int(c, t, x << (y & 31), l);
  case IR_OP_SHR:
    return mk_int(c, t, s ? (uint64_t)(sx >> (y & 31)) : (uint32_t)x >> (y & 31), l);
  case IR_OP_AND: return mk_int(c, t, x & y, l);
  case IR_OP_OR: return mk_int(c, t, x | y, l);
  case IR_OP_XOR: return mk_int(c, t, x ^ y, l);
  case IR_OP_EQ: return mk_int(c, &ir_bool, x == y, l);
  case IR_OP_NE: return mk_int(c, &ir_bool, x != y, l);
  case IR_OP_LT: return mk_int(c, &ir_bool, s ? sx < sy : x < y, l);
  case IR_OP_LE: return mk_int(c, &ir_bool, s ? sx <= sy : x <= y, l);
  case IR_OP_GT: return mk_int(c, &ir_bool, s ? sx > sy : x > y, l);
  case IR_OP_GE: return mk_int(c, &ir_bool, s ? sx >= sy : x >= y, l);
  case IR_OP_LAND: return mk_int(c, &ir_bool, x && y, l);
  case IR_OP_LOR: return mk_int(c, &ir_bool, x || y, l);
  default: return NULL;
  }
}

/* Returns e with every operation on constants folded (a new tree where
 * something changed). */
static const ir_expr *simplify(wg_ctx *c, const ir_expr *e) {
  if (!e) return NULL;
  const ir_expr *a = simplify(c, e->a), *b = simplify(c, e->b), *cc = simplify(c, e->c);
  const ir_expr **args = NULL;
  bool changed = a != e->a || b != e->b || cc != e->c;
  if (e->nargs) {
    args = CW_NEW_ARRAY(c->m->arena, const ir_expr *, e->nargs);
    for (int i = 0; i < e->nargs; i++) {
      args[i] = simplify(c, e->args[i]);
      changed |= args[i] != e->args[i];
    }
  }
  bool ka = a && a->kind == IR_E_CONST, kb = b && b->kind == IR_E_CONST;
  ir_expr *r = NULL;
  switch (e->kind) {
  case IR_E_UNARY:
    if (!ka) break;
    if (e->op == IR_OP_NOT) r = mk_int(c, &ir_bool, !a->u.i, e->loc);
    else if (e->op == IR_OP_BITNOT) r = mk_int(c, e->type, ~a->u.i, e->loc);
    else if (a->type->kind == IR_T_F32) r = ir_const_float(c->m, e->type, -(float)a->u.f, e->loc);
    else r = mk_int(c, e->type, 0 - a->u.i, e->loc);
    break;
  case IR_E_BINARY:
    if (ka && kb) r = fold_binary(c, e, a, b);
    break;
  case IR_E_CONVERT:
    if (ka && ir_type_is_scalar(a->type)) r = fold_convert(c, e->type, a);
    break;
  case IR_E_BITCAST:
    if (ka && e->type->size == 4 && a->type->size == 4) {
      uint32_t bits;
      float f;
      if (a->type->kind == IR_T_F32) {
        f = (float)a->u.f;
        memcpy(&bits, &f, 4);
        r = mk_int(c, e->type, bits, e->loc);
      } else if (e->type->kind == IR_T_F32) {
        bits = (uint32_t)a->u.i;
        memcpy(&f, &bits, 4);
        r = ir_const_float(c->m, e->type, f, e->loc);
      } else {
        r = mk_int(c, e->type, a->u.i, e->loc);
      }
    }
    break;
  case IR_E_SELECT:
    if (ka) return a->u.i ? b : cc;
    break;
  case IR_E_INTRINSIC: /* bit reinterpretations of constants */
    if (e->nargs == 1 && args[0]->kind == IR_E_CONST &&
        (e->intrinsic == CW_IN_FLOAT_AS_INT || e->intrinsic == CW_IN_FLOAT_AS_UINT ||
         e->intrinsic == CW_IN_INT_AS_FLOAT || e->intrinsic == CW_IN_UINT_AS_FLOAT)) {
      ir_expr tmp = *e;
      tmp.kind = IR_E_BITCAST;
      tmp.a = (ir_expr *)args[0];
      tmp.nargs = 0;
      return simplify(c, &tmp);
    }
    break;
  default: break;
  }
  if (r) return r;
  if (!changed) return e;
  ir_expr *n = CW_NEW(c->m->arena, ir_expr);
  *n = *e;
  n->a = (ir_expr *)a;
  n->b = (ir_expr *)b;
  n->c = (ir_expr *)cc;
  if (args) n->args = (ir_expr **)args;
  return n;
}

/* ---------------- memory ---------------- */
static ir_var *lv_root(const ir_expr *e) {
  while (e->kind == IR_E_INDEX || e->kind == IR_E_MEMBER) e = e->a;
  return e->var;
}

static bool is_global_buffer(const ir_var *v) {
  return v->kind == IR_VAR_CONSTANT || v->kind == IR_VAR_DEVICE ||
         (v->kind == IR_VAR_PARAM && v->type->kind == IR_T_PTR);
}

static const char *ex(wg_ctx *c, const ir_expr *e, bool top);

/* An index into a fixed-size array: a constant outside [0, len) is a Tint
 * error even in code that never runs, so such a constant is hidden. */
static const char *index_text(wg_ctx *c, const ir_expr *idx, int len) {
  if (idx->kind == IR_E_CONST && wg64_is(idx->type)) /* a 64-bit constant: its low word */
    idx = ir_const_int(c->m, &ir_u32, (uint32_t)idx->u.i, idx->loc);
  if (idx->kind == IR_E_CONST && len >= 0) {
    int64_t v = ir_type_is_signed(idx->type) ? (int64_t)idx->u.i : (int64_t)(uint32_t)idx->u.i;
    if (v < 0 || v >= len) {
      bool s = container_signed(idx->type);
      c->helpers |= 1u << (s ? WG_H_DYN_I32 : WG_H_DYN_U32);
      return P("%s(%s)", s ? "cw_dyn_i32" : "cw_dyn_u32", wg_const(c, idx));
    }
  }
  if (wg64_is(idx->type)) return P("%s.x", ex(c, idx, false)); /* >= 2^32 cannot index WGSL */
  return ex(c, idx, true);
}

/* Text of an lvalue (a reference, without the atomicLoad of atomic roots). */
static const char *lvalue(wg_ctx *c, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR:
    if (e->var->kind == IR_VAR_CONSTANT || e->var->kind == IR_VAR_DEVICE)
      return P("%s[0]", e->var->name); /* globals are declared as arrays */
    return e->var->name;
  case IR_E_ELEM: {
    ir_var *v = e->var;
    if (is_global_buffer(v) || v->kind == IR_VAR_DYN_SHARED)
      return P("%s[%s]", v->name, index_text(c, e->b, v->kind == IR_VAR_PARAM || v->kind == IR_VAR_DYN_SHARED
                                                         ? -1 : ir_type_flat_len(v->type)));
    if (v->type->kind == IR_T_ARRAY)
      return P("%s[%s]", v->name, index_text(c, e->b, ir_type_flat_len(v->type)));
    return v->name; /* scalar or struct: index 0 */
  }
  case IR_E_INDEX:
    return P("%s[%s]", lvalue(c, e->a), index_text(c, e->b, e->a->type->len));
  case IR_E_MEMBER:
    return P("%s.%s", lvalue(c, e->a), e->a->type->st->fields[e->field].name);
  default:
    cw_error(c->m->diags, e->loc, "internal error: not an lvalue in the wgsl emitter");
  }
}

/* Reads through an atomic root are atomicLoad (f32 elements are stored as u32 bits). */
static const char *read_lvalue(wg_ctx *c, const ir_expr *e) {
  ir_var *root = lv_root(e);
  if (wg_var_packed(root)) return wg_packed_load(c, e); /* 8/16-bit memory: packed.c */
  const char *lv = lvalue(c, e);
  if (root && root->is_atomic && root->kind != IR_VAR_LOCAL) {
    if (e->kind != IR_E_ELEM && e->kind != IR_E_VAR)
      cw_error(c->m->diags, e->loc,
               "atomics on members of structs are not supported by the wgsl target");
    if (wg64_is(e->type)) /* two atomic<u32> words (int64.c) */
      return e->needs_uniform_load
                 ? P("vec2<u32>(workgroupUniformLoad(&%s[0]), workgroupUniformLoad(&%s[1]))", lv, lv)
                 : P("vec2<u32>(atomicLoad(&%s[0]), atomicLoad(&%s[1]))", lv, lv);
    const char *ld = e->needs_uniform_load ? P("workgroupUniformLoad(&%s)", lv) : P("atomicLoad(&%s)", lv);
    return e->type->kind == IR_T_F32 ? P("bitcast<f32>(%s)", ld) : ld;
  }
  if (e->needs_uniform_load) return P("workgroupUniformLoad(&%s)", lv);
  return lv;
}

/* ---------------- expressions ---------------- */
static const char *builtin_text(wg_ctx *c, const ir_expr *e) {
  static const char xyz[] = "xyz";
  char d = xyz[e->dim < 0 || e->dim > 2 ? 0 : e->dim];
  switch (e->builtin) {
  case IR_BI_THREAD_IDX: return P("cw_lid.%c", d);
  case IR_BI_BLOCK_IDX: return P("cw_bid.%c", d);
  case IR_BI_BLOCK_DIM: return P("cw_bdim.%c", d);
  case IR_BI_GRID_DIM: return P("%s.grid_%c", c->uvar, d);
  case IR_BI_WARP_SIZE: return "32i"; /* warp intrinsics come later; see DESIGN.md */
  }
  return "0u";
}

static const char *wrap(wg_ctx *c, const char *s, bool top) { return top ? s : P("(%s)", s); }

static const char *binary(wg_ctx *c, const ir_expr *e, bool top) {
  const ir_type *t = e->a->type;
  const char *a = ex(c, e->a, false);
  const char *b;
  if (wg64_is(t)) {
    bool sh = e->op == IR_OP_SHL || e->op == IR_OP_SHR;
    b = sh ? wg64_count(c, ex(c, e->b, false), e->b->type) : ex(c, e->b, false);
    return wg64_binary(c, e->op, t, a, b);
  }
  if ((e->op == IR_OP_SHL || e->op == IR_OP_SHR) && wg64_is(e->b->type) && e->b->kind != IR_E_CONST) {
    b = P("(%s.x & 31u)", ex(c, e->b, false)); /* a 32-bit value shifted by a 64-bit count */
  } else if (e->op == IR_OP_SHL || e->op == IR_OP_SHR) {
    /* WGSL wants a u32 count; a constant count >= 32 is a Tint error (C: UB) */
    if (e->b->kind == IR_E_CONST) b = P("%uu", (uint32_t)e->b->u.i & 31u);
    else b = e->b->type->kind == IR_T_U32 || e->b->type->kind == IR_T_U8 || e->b->type->kind == IR_T_U16
                 ? ex(c, e->b, false) : P("u32(%s)", ex(c, e->b, true));
  } else if ((e->op == IR_OP_DIV || e->op == IR_OP_REM) && ir_type_is_int(t) &&
             e->b->kind == IR_E_CONST && e->b->u.i == 0) {
    bool s = container_signed(t); /* Tint rejects an integer division by constant zero */
    c->helpers |= 1u << (s ? WG_H_DYN_I32 : WG_H_DYN_U32);
    b = P("%s(%s)", s ? "cw_dyn_i32" : "cw_dyn_u32", s ? "0i" : "0u");
  } else {
    b = ex(c, e->b, false);
  }
  if (t->kind == IR_T_BOOL && (e->op == IR_OP_XOR))
    return wrap(c, P("%s != %s", a, b), top);
  const char *r = P("%s %s %s", a, ir_op_str(e->op), b);
  if (is_small(e->type)) return norm(c, P("(%s)", r), e->type);
  return wrap(c, r, top);
}

static const char *unary(wg_ctx *c, const ir_expr *e) {
  const char *a = ex(c, e->a, false);
  if (wg64_is(e->type)) return wg64_unary(c, e->op, a);
  switch (e->op) {
  case IR_OP_NOT: return P("!%s", a);
  case IR_OP_BITNOT: return norm(c, P("~%s", a), e->type);
  default:
    if (!container_signed(e->type) && e->type->kind != IR_T_F32)
      return norm(c, P("(0u - %s)", a), e->type); /* WGSL has no unary minus on u32 */
    return norm(c, P("-%s", a), e->type);
  }
}

static const char *bitcast(wg_ctx *c, const ir_expr *e) {
  const char *a = ex(c, e->a, true);
  if (e->type->kind == IR_T_F32 || e->a->type->kind == IR_T_F32) {
    if (e->type->kind == e->a->type->kind) return a;
    return P("bitcast<%s>(%s)", wg_type(c, e->type), a);
  }
  return wg_convert_text(c, a, e->a->type, e->type); /* same-size ints: modular conversion */
}

static const char *ex(wg_ctx *c, const ir_expr *e, bool top) {
  switch (e->kind) {
  case IR_E_CONST: {
    const char *s = wg_const(c, e);
    return !top && s[0] == '-' ? P("(%s)", s) : s;
  }
  case IR_E_VAR: case IR_E_ELEM: case IR_E_INDEX: case IR_E_MEMBER: return read_lvalue(c, e);
  case IR_E_BUILTIN: return builtin_text(c, e);
  case IR_E_UNARY: return unary(c, e);
  case IR_E_BINARY: return binary(c, e, top);
  case IR_E_CONVERT: return wg_convert_text(c, ex(c, e->a, false), e->a->type, e->type);
  case IR_E_BITCAST: return bitcast(c, e);
  case IR_E_SELECT:
    return P("select(%s, %s, %s)", ex(c, e->c, true), ex(c, e->b, true), ex(c, e->a, true));
  case IR_E_INTRINSIC: {
    const char **args = CW_NEW_ARRAY(c->m->arena, const char *, e->nargs ? e->nargs : 1);
    bool all_const = e->nargs > 0;
    for (int i = 0; i < e->nargs; i++) {
      args[i] = ex(c, e->args[i], true);
      all_const &= e->args[i]->kind == IR_E_CONST;
    }
    if (all_const && !wg64_is(e->args[0]->type) && !cw_intrinsic_is_subgroup(e->intrinsic) &&
        !cw_intrinsic_is_half(e->intrinsic)) { /* keep Tint from const-evaluating (domain errors, overflow) */
      const ir_type *t0 = e->args[0]->type;
      wg_helper h = t0->kind == IR_T_F32 ? WG_H_DYN_F32
                    : container_signed(t0) ? WG_H_DYN_I32 : WG_H_DYN_U32;
      c->helpers |= 1u << h;
      args[0] = P("%s(%s)", h == WG_H_DYN_F32 ? "cw_dyn_f32" : h == WG_H_DYN_I32 ? "cw_dyn_i32"
                                                                               : "cw_dyn_u32",
                  args[0]);
    }
    return wg_intrinsic(c, e, args);
  }
  default:
    cw_error(c->m->diags, e->loc, "internal error: expression kind %d in the wgsl emitter",
             (int)e->kind);
  }
}

const char *wg_expr(wg_ctx *c, const ir_expr *e) { return ex(c, simplify(c, e), true); }

/* ---------------- statements ---------------- */
static void stmt(wg_ctx *c, const ir_stmt *s);

static void block(wg_ctx *c, const ir_stmt *b) {
  c->indent++;
  if (b) wg_stmts(c, b->kind == IR_S_BLOCK ? b->body : b);
  c->indent--;
}

void wg_stmts(wg_ctx *c, const ir_stmt *s) {
  for (; s; s = s->next) stmt(c, s);
}

static void emit_if(wg_ctx *c, const ir_stmt *s, bool chained) {
  const char *cond = wg_expr(c, s->cond);
  if (chained) {
    cw_sb_printf(c->out, " else if (%s) {\n", cond);
  } else {
    cw_sb_indent(c->out, c->indent);
    cw_sb_printf(c->out, "if (%s) {\n", cond);
  }
  block(c, s->then_s);
  cw_sb_indent(c->out, c->indent);
  cw_sb_putc(c->out, '}');
  const ir_stmt *el = s->else_s;
  if (el && el->kind == IR_S_BLOCK && el->body && !el->body->next && el->body->kind == IR_S_IF) {
    emit_if(c, el->body, true);
  } else if (el && (el->kind != IR_S_BLOCK || el->body)) {
    cw_sb_puts(c->out, " else {\n");
    block(c, el);
    cw_sb_indent(c->out, c->indent);
    cw_sb_putc(c->out, '}');
  }
  if (!chained) cw_sb_putc(c->out, '\n');
}

/* `if (c) { break; }` with no else: the shape WGSL allows at the end of
 * `continuing` as `break if c;`. */
static bool is_break_if(const ir_stmt *s) {
  if (s->kind != IR_S_IF || s->else_s) return false;
  const ir_stmt *t = s->then_s;
  if (t && t->kind == IR_S_BLOCK) t = t->body;
  return t && t->kind == IR_S_BREAK && !t->next;
}

static void emit_loop(wg_ctx *c, const ir_stmt *s) {
  wg_line(c, "loop {");
  block(c, s->body);
  const ir_stmt *cont = s->cont && s->cont->kind == IR_S_BLOCK ? s->cont->body : s->cont;
  if (cont) {
    c->indent++;
    wg_line(c, "continuing {");
    c->indent++;
    for (const ir_stmt *x = cont; x; x = x->next) {
      if (!x->next && is_break_if(x)) {
        wg_line(c, "break if %s;", wg_expr(c, x->cond));
        break;
      }
      stmt(c, x);
    }
    c->indent--;
    wg_line(c, "}");
    c->indent--;
  }
  wg_line(c, "}");
}

/* WGSL has no fallthrough: a case that falls through gets the bodies of the
 * following cases appended (each in its own block) up to the first that does
 * not fall through. `break` inside exits the switch in both languages. */
static void emit_switch(wg_ctx *c, const ir_stmt *s) {
  const ir_type *st = s->value->type;
  bool sig = container_signed(st);
  bool has_default = false;
  wg_line(c, "switch (%s) {", wg_expr(c, s->value));
  c->indent++;
  for (int i = 0; i < s->ncases; i++) {
    const ir_case *k = &s->cases[i];
    const char *lab = "";
    for (int j = 0; j < k->nvalues; j++) {
      ir_expr tmp = {.kind = IR_E_CONST, .type = (ir_type *)st};
      tmp.u.i = (uint64_t)k->values[j];
      if (!sig) tmp.u.i &= 0xffffffffu;
      lab = P("%s%s%s", lab, j ? ", " : "", wg_const(c, &tmp));
    }
    if (k->is_default) {
      lab = P("%s%sdefault", lab, k->nvalues ? ", " : "");
      has_default = true;
    }
    if (k->is_default && !k->nvalues) wg_line(c, "default: {");
    else wg_line(c, "case %s: {", lab);
    block(c, k->body);
    for (int j = i; j < s->ncases && s->cases[j].falls_through && j + 1 < s->ncases; j++) {
      c->indent++;
      wg_line(c, "{");
      block(c, s->cases[j + 1].body);
      wg_line(c, "}");
      c->indent--;
    }
    wg_line(c, "}");
  }
  if (!has_default) wg_line(c, "default: {");
  if (!has_default) wg_line(c, "}");
  c->indent--;
  wg_line(c, "}");
}

/* ---------------- atomics ---------------- */
static void assign_dst(wg_ctx *c, const ir_stmt *s, const char *val, const ir_type *t) {
  if (s->dst) wg_line(c, "%s = %s;", s->dst->name, wg_convert_text(c, val, t, s->dst->type));
}

static void emit_atomic(wg_ctx *c, const ir_stmt *s) {
  const ir_expr *addr = simplify(c, s->addr);
  ir_var *root = lv_root(addr);
  const ir_type *t = addr->type;
  if (wg_var_packed(root)) wg_packed_check(c, root); /* refuses atomics on packed memory */
  if (!root || !root->is_atomic || root->kind == IR_VAR_LOCAL ||
      (root->kind == IR_VAR_PARAM && root->type->kind != IR_T_PTR))
    cw_error(c->m->diags, s->loc, "%s on a local variable is not supported by the wgsl target",
             cw_intrinsic_name(s->intrinsic));
  if (addr->kind != IR_E_ELEM && addr->kind != IR_E_VAR)
    cw_error(c->m->diags, s->loc, "atomics on members of structs are not supported by the wgsl target");
  const char *p = P("&%s", lvalue(c, addr));
  const char *v = s->value ? wg_expr(c, s->value) : NULL;
  if (wg64_is(t)) {
    wg64_atomic(c, s, lvalue(c, addr), v);
    return;
  }
  bool f = t->kind == IR_T_F32;
  static const char *direct[] = {
      [CW_IN_ATOMIC_ADD] = "atomicAdd", [CW_IN_ATOMIC_SUB] = "atomicSub",
      [CW_IN_ATOMIC_EXCH] = "atomicExchange", [CW_IN_ATOMIC_MIN] = "atomicMin",
      [CW_IN_ATOMIC_MAX] = "atomicMax", [CW_IN_ATOMIC_AND] = "atomicAnd",
      [CW_IN_ATOMIC_OR] = "atomicOr", [CW_IN_ATOMIC_XOR] = "atomicXor",
  };
  cw_intrinsic in = s->intrinsic;
  if (f && in == CW_IN_ATOMIC_EXCH) {
    const char *call = P("bitcast<f32>(atomicExchange(%s, bitcast<u32>(%s)))", p, v);
    if (s->dst) assign_dst(c, s, call, t);
    else wg_line(c, "atomicExchange(%s, bitcast<u32>(%s));", p, v);
    return;
  }
  if (f && in == CW_IN_ATOMIC_ADD) {
    /* float atomicAdd: compare-exchange loop on the bits */
    wg_line(c, "{");
    c->indent++;
    wg_line(c, "let cw_val = %s;", v);
    wg_line(c, "var cw_old = atomicLoad(%s);", p);
    wg_line(c, "loop {");
    c->indent++;
    wg_line(c, "let cw_r = atomicCompareExchangeWeak(%s, cw_old, bitcast<u32>(bitcast<f32>(cw_old) + cw_val));", p);
    wg_line(c, "if (cw_r.exchanged) {");
    wg_line(c, "  break;");
    wg_line(c, "}");
    wg_line(c, "cw_old = cw_r.old_value;");
    c->indent--;
    wg_line(c, "}");
    assign_dst(c, s, "bitcast<f32>(cw_old)", t);
    c->indent--;
    wg_line(c, "}");
    return;
  }
  if (f)
    cw_error(c->m->diags, s->loc, "%s on float is not supported by the wgsl target",
             cw_intrinsic_name(in));
  if (t->kind != IR_T_I32 && t->kind != IR_T_U32)
    cw_error(c->m->diags, s->loc, "%s on '%s' is not supported by the wgsl target (only int, unsigned int and float)",
             cw_intrinsic_name(in), ir_type_str(c->m, t));
  if (in < (int)(sizeof direct / sizeof direct[0]) && direct[in]) {
    const char *call = P("%s(%s, %s)", direct[in], p, v);
    if (s->dst) assign_dst(c, s, call, t);
    else wg_line(c, "%s;", call);
    return;
  }
  const char *one = t->kind == IR_T_I32 ? "1i" : "1u", *zero = t->kind == IR_T_I32 ? "0i" : "0u";
  wg_line(c, "{");
  c->indent++;
  if (in == CW_IN_ATOMIC_CAS) {
    /* weak compare-exchange may fail spuriously: retry until it succeeds or
     * the value differs from the expected one */
    wg_line(c, "let cw_cmp = %s;", wg_expr(c, s->cmp));
    wg_line(c, "let cw_val = %s;", v);
    wg_line(c, "loop {");
    c->indent++;
    wg_line(c, "let cw_r = atomicCompareExchangeWeak(%s, cw_cmp, cw_val);", p);
    wg_line(c, "if (cw_r.exchanged || cw_r.old_value != cw_cmp) {");
    c->indent++;
    assign_dst(c, s, "cw_r.old_value", t);
    wg_line(c, "break;");
    c->indent--;
    wg_line(c, "}");
    c->indent--;
    wg_line(c, "}");
  } else if (in == CW_IN_ATOMIC_INC || in == CW_IN_ATOMIC_DEC) {
    /* CUDA: inc: old >= val ? 0 : old + 1; dec: (old == 0 || old > val) ? val : old - 1 */
    wg_line(c, "let cw_val = %s;", v);
    wg_line(c, "var cw_old = atomicLoad(%s);", p);
    wg_line(c, "loop {");
    c->indent++;
    if (in == CW_IN_ATOMIC_INC)
      wg_line(c, "let cw_new = select(cw_old + %s, %s, cw_old >= cw_val);", one, zero);
    else
      wg_line(c, "let cw_new = select(cw_old - %s, cw_val, cw_old == %s || cw_old > cw_val);", one, zero);
    wg_line(c, "let cw_r = atomicCompareExchangeWeak(%s, cw_old, cw_new);", p);
    wg_line(c, "if (cw_r.exchanged) {");
    wg_line(c, "  break;");
    wg_line(c, "}");
    wg_line(c, "cw_old = cw_r.old_value;");
    c->indent--;
    wg_line(c, "}");
    assign_dst(c, s, "cw_old", t);
  } else {
    cw_error(c->m->diags, s->loc, "internal error: atomic %s", cw_intrinsic_name(in));
  }
  c->indent--;
  wg_line(c, "}");
}

static void stmt(wg_ctx *c, const ir_stmt *s) {
  switch (s->kind) {
  case IR_S_BLOCK: wg_stmts(c, s->body); break;
  case IR_S_DECL: {
    const char *ty = wg_var_type(c, s->var);
    if (s->init) wg_line(c, "var %s: %s = %s;", s->var->name, ty, wg_expr(c, s->init));
    else wg_line(c, "var %s: %s;", s->var->name, ty); /* WGSL zero-initialises */
    break;
  }
  case IR_S_ASSIGN: {
    const ir_expr *lhs = simplify(c, s->lhs);
    ir_var *root = lv_root(lhs);
    if (wg_var_packed(root)) { /* 8/16-bit memory: packed.c */
      wg_packed_store(c, lhs, s->rhs);
      break;
    }
    const char *rhs = wg_expr(c, s->rhs);
    if (root && root->is_atomic && root->kind != IR_VAR_LOCAL) {
      if (lhs->kind != IR_E_ELEM && lhs->kind != IR_E_VAR)
        cw_error(c->m->diags, s->loc, "atomics on members of structs are not supported by the wgsl target");
      if (lhs->type->kind == IR_T_F32) rhs = P("bitcast<u32>(%s)", rhs);
      if (wg64_is(lhs->type)) { /* two atomic<u32> words (int64.c) */
        const char *lv = lvalue(c, lhs);
        wg_line(c, "{");
        wg_line(c, "  let cw_v = %s;", rhs);
        wg_line(c, "  atomicStore(&%s[0], cw_v.x);", lv);
        wg_line(c, "  atomicStore(&%s[1], cw_v.y);", lv);
        wg_line(c, "}");
        break;
      }
      wg_line(c, "atomicStore(&%s, %s);", lvalue(c, lhs), rhs);
    } else {
      wg_line(c, "%s = %s;", lvalue(c, lhs), rhs);
    }
    break;
  }
  case IR_S_IF: emit_if(c, s, false); break;
  case IR_S_LOOP: emit_loop(c, s); break;
  case IR_S_BREAK: wg_line(c, "break;"); break;
  case IR_S_CONTINUE: wg_line(c, "continue;"); break;
  case IR_S_RETURN: wg_line(c, "return;"); break;
  case IR_S_SWITCH: emit_switch(c, s); break;
  case IR_S_BARRIER:
    /* __syncthreads orders global and shared memory for the block (decls.c
     * rejected fences and divergent barriers) */
    if (c->writes_storage) wg_line(c, "storageBarrier();");
    wg_line(c, "workgroupBarrier();");
    break;
  case IR_S_ATOMIC: emit_atomic(c, s); break;
  case IR_S_CALL:
    cw_error(c->m->diags, s->loc, "internal error: call statement reached the wgsl emitter");
  case IR_S_WARP: /* passes/warp.c lowers every one */
    cw_error(c->m->diags, s->loc, "internal error: warp operation reached the wgsl emitter");
  case IR_S_PRINTF: case IR_S_ASSERT: wg_device_io(c, s); break;
  }
}
