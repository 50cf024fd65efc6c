/* back/c: expressions, memory accesses and atomics as C11.
 *
 * Every operator is fully parenthesised. Integer arithmetic never relies on
 * C's undefined behaviour: add/sub/mul/neg/shl are done in the unsigned type
 * of at least 32 bits and converted back (wrapping, like CUDA and WGSL);
 * division and remainder go through guards (x/0 == x, x%0 == 0, and the same
 * for INT_MIN/-1, matching WGSL); shift counts are masked to the bit width;
 * float->int conversions saturate (NaN -> 0) through helpers in the prelude. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "back/c/c_emit.h"

/* the analysis walk (c->analyze) writes nothing */
#define P(...) (c->analyze ? (void)0 : cw_sb_printf(c->out, __VA_ARGS__))
#define S(s) (c->analyze ? (void)0 : cw_sb_puts(c->out, (s)))

const ir_type *cx_leaf(const ir_type *t) {
  while (t->kind == IR_T_ARRAY) t = t->elem;
  return t;
}

int cx_flat_len(const ir_type *t) {
  int n = 1;
  while (t->kind == IR_T_ARRAY) {
    n *= t->len < 0 ? 1 : t->len;
    t = t->elem;
  }
  return n;
}

const ir_type *cx_storage_type(const ir_var *v) {
  /* a former pointer local is an element offset (ir.h, RESOLVED phase) */
  if (v->root || v->type->kind == IR_T_PTR) return &ir_i32;
  return v->type;
}

static const char *scalar_name(ir_type_kind k) {
  switch (k) {
  case IR_T_BOOL: return "bool";
  case IR_T_I8: return "int8_t";
  case IR_T_U8: return "uint8_t";
  case IR_T_I16: return "int16_t";
  case IR_T_U16: return "uint16_t";
  case IR_T_I32: return "int32_t";
  case IR_T_U32: return "uint32_t";
  case IR_T_I64: return "int64_t";
  case IR_T_U64: return "uint64_t";
  case IR_T_F32: return "float";
  case IR_T_F64: return "double";
  case IR_T_VOID: return "void";
  default: return NULL;
  }
}

/* Short suffix of helper names: i32, u64, f32 ... */
static const char *sfx(ir_type_kind k) {
  const char *n = ir_scalar_name(k);
  return n ? n : "x";
}

const char *cx_ctype(cx *c, const ir_type *t) {
  if (t->kind == IR_T_STRUCT)
    return cw_arena_printf(c->m->arena, "%s %s", t->st->is_union ? "union" : "struct", t->st->name);
  if (t->kind == IR_T_ARRAY) return cx_ctype(c, cx_leaf(t));
  if (t->kind == IR_T_PTR) return "int32_t";
  const char *s = scalar_name(t->kind);
  return s ? s : "int32_t";
}

static int bits_of(const ir_type *t) { return t->size * 8; }

/* ---------------- variables ---------------- */

bool cx_is_local_like(cx *c, const ir_var *v) {
  return v->kind == IR_VAR_LOCAL || (v->kind == IR_VAR_PARAM && c->vi[v->id].written_param);
}

void cx_note_use(cx *c, ir_var *v) {
  if (!c->analyze) return;
  cx_varinfo *vi = &c->vi[v->id];
  vi->used = true;
  if (!cx_is_local_like(c, v)) return;
  if (c->at_block || c->region < 0) {
    vi->block_level = true;
    return;
  }
  if (vi->first_region < 0) vi->first_region = c->region;
  else if (vi->first_region != c->region) vi->multi_region = true;
  if (c->region < c->nruse) c->ruse[c->region][v->id] |= 1;
}

void cx_note_write(cx *c, ir_var *v) {
  if (!c->analyze || !v || c->at_block || c->region < 0 || c->region >= c->nruse) return;
  c->ruse[c->region][v->id] |= 2;
}

/* A spilled scalar that a region uses lives in a C local (cw_v_NAME) for the
 * region: loaded at the top of the thread loop, stored back at its end when
 * assigned. Only the thread itself touches its slot, so this is exact; it
 * lets the C compiler keep the value in a register. */
bool cx_promoted(cx *c, const ir_var *v) {
  if (c->analyze || c->at_block || c->region < 0 || c->region >= c->nruse) return false;
  if (!cx_is_local_like(c, v) || !c->vi[v->id].spilled) return false;
  const ir_type *st = cx_storage_type(v);
  if (st->kind == IR_T_ARRAY || st->kind == IR_T_STRUCT || st->kind == IR_T_BOOL) return false;
  return (c->ruse[c->region][v->id] & 1) != 0;
}

/* Thread whose copy a per-thread value is read from. */
static const char *tid(cx *c) { return c->at_block ? "cw_lead" : "cw_tid"; }

static bool is_memory_root(const ir_var *v) {
  return v->kind == IR_VAR_SHARED || v->kind == IR_VAR_DYN_SHARED ||
         v->kind == IR_VAR_CONSTANT || v->kind == IR_VAR_DEVICE ||
         (v->kind == IR_VAR_PARAM && v->type->kind == IR_T_PTR);
}

void cx_var_ref(cx *c, ir_var *v) {
  cx_note_use(c, v);
  if (is_memory_root(v)) {
    /* memory reached through a pointer (scratch, args, globals) */
    P("%s[0]", v->name);
  } else if (cx_promoted(c, v)) {
    P("cw_v_%s", v->name);
  } else if (cx_is_local_like(c, v) && c->vi[v->id].spilled) {
    int n = cx_flat_len(cx_storage_type(v));
    if (n == 1) P("%s[%s]", v->name, tid(c));
    else P("%s[(size_t)%s * %du]", v->name, tid(c), n); /* start of its array; rare */
  } else {
    S(v->name);
  }
}

/* --check: the source location and variable of an access, as C string
 * literals (cw_oob arguments after the kind). */
static void put_cstr(cx *c, const char *s) {
  S("\"");
  for (; s && *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') P("\\%c", ch);
    else if (ch < 0x20 || ch >= 0x7f) P("\\%03o", ch);
    else P("%c", ch);
  }
  S("\"");
}

static void check_site(cx *c, int kind, const ir_var *v, cw_loc loc) {
  P(", (uint32_t)%s, %d, ", tid(c), kind);
  put_cstr(c, v->src_name ? v->src_name : v->name);
  S(", ");
  put_cstr(c, loc.file ? loc.file->name : "<input>");
  P(", %d, %d)", loc.line, loc.col);
}

/* ELEM(root, index): element `index` of root seen as a flat array. */
static void elem(cx *c, const ir_expr *e) {
  ir_var *v = e->var;
  cx_note_use(c, v);
  int kind = c->access;
  c->access = 0; /* CW_OOB_READ: the index itself is read */
  if (is_memory_root(v)) {
    if (c->check) {
      /* buffers and dynamic shared memory have run-time sizes (possibly 0): a checked pointer */
      const char *ct = cx_ctype(c, v->kind == IR_VAR_PARAM ? v->type->elem : cx_leaf(v->type));
      bool dyn = v->kind == IR_VAR_PARAM || v->kind == IR_VAR_DYN_SHARED;
      P("(*(%s *)cw_chk_p(cwk, (void *)%s, (int64_t)(", ct, v->name);
      cx_expr(c, e->b);
      if (dyn) P("), cw_n_%s, sizeof(%s)", v->name, ct);
      else P("), %du, sizeof(%s)", cx_flat_len(v->type), ct);
      check_site(c, kind, v, e->loc);
      S(")");
      return;
    }
    P("%s[", v->name);
    cx_expr(c, e->b);
    S("]");
    return;
  }
  const ir_type *st = cx_storage_type(v);
  bool spilled = cx_is_local_like(c, v) && c->vi[v->id].spilled;
  if (st->kind == IR_T_ARRAY) {
    if (spilled) P("%s[(size_t)%s * %du + (size_t)(", v->name, tid(c), cx_flat_len(st));
    else P("%s[(", v->name);
    if (c->check) S("cw_chk_i(cwk, (int64_t)(");
    cx_expr(c, e->b);
    if (c->check) {
      P("), %du", cx_flat_len(st));
      check_site(c, kind, v, e->loc);
    }
    S(")]");
  } else {
    /* a scalar or struct local: the index is 0 by contract */
    cx_var_ref(c, v);
  }
}

/* The variable an aggregate lvalue starts from (for --check messages). */
static const ir_var *lvalue_root(const ir_expr *e) {
  while (e && (e->kind == IR_E_MEMBER || e->kind == IR_E_INDEX)) e = e->a;
  return e ? e->var : NULL;
}

void cx_lvalue(cx *c, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR: cx_var_ref(c, e->var); return;
  case IR_E_ELEM: elem(c, e); return;
  case IR_E_INDEX: {
    int kind = c->access;
    S("(");
    cx_lvalue(c, e->a);
    S(")[");
    c->access = 0;
    const ir_var *root = lvalue_root(e);
    bool chk = c->check && root && e->a->type->kind == IR_T_ARRAY && e->a->type->len > 0;
    if (chk) S("cw_chk_i(cwk, (int64_t)(");
    cx_expr(c, e->b);
    if (chk) {
      P("), %du", e->a->type->len);
      check_site(c, kind, root, e->loc);
    }
    S("]");
    return;
  }
  case IR_E_MEMBER:
    S("(");
    cx_lvalue(c, e->a);
    P(").%s", e->a->type->st->fields[e->field].name);
    return;
  default:
    cw_error(c->m->diags, e->loc, "internal error: expression is not an lvalue in the c back-end");
  }
}

/* ---------------- constants ---------------- */

static void int_const(cx *c, const ir_type *t, uint64_t raw) {
  int b = bits_of(t);
  uint64_t v = b >= 64 ? raw : raw & ((UINT64_C(1) << b) - 1);
  if (t->kind == IR_T_BOOL) {
    S(v ? "true" : "false");
  } else if (ir_type_is_signed(t)) {
    int64_t sv = b >= 64 ? (int64_t)v
                         : (v >> (b - 1)) & 1 ? (int64_t)(v | ~((UINT64_C(1) << b) - 1)) : (int64_t)v;
    if (sv >= 0) P("((%s)%" PRId64 "LL)", scalar_name(t->kind), sv);
    else P("((%s)(-%" PRId64 "LL - 1))", scalar_name(t->kind), -(sv + 1)); /* INT64_MIN has no literal */
  } else {
    P("((%s)%" PRIu64 "ULL)", scalar_name(t->kind), v);
  }
}

static void float_const(cx *c, const ir_type *t, double d) {
  bool f32 = t->kind == IR_T_F32;
  if (d != d) {
    S(f32 ? "((float)NAN)" : "((double)NAN)");
  } else if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308) {
    P("(%s(%s)INFINITY)", d < 0 ? "-" : "", f32 ? "float" : "double");
  } else if (f32) {
    P("(%af)", (double)(float)d);
  } else {
    P("(%a)", d);
  }
}

/* ---------------- operators ---------------- */

static const char *wide_u(const ir_type *t) { return bits_of(t) > 32 ? "uint64_t" : "uint32_t"; }

static void bin_wrap(cx *c, const ir_expr *e, const char *op) {
  /* in unsigned arithmetic of >= 32 bits: no signed overflow, no int promotion surprises */
  const char *u = wide_u(e->type);
  P("((%s)((%s)", scalar_name(e->type->kind), u);
  cx_expr(c, e->a);
  P(" %s (%s)", op, u);
  cx_expr(c, e->b);
  S("))");
}

static void divrem(cx *c, const ir_expr *e) {
  const char *fn = e->op == IR_OP_DIV ? "div" : "rem";
  ir_type_kind k = e->type->kind;
  if (bits_of(e->type) < 32) {
    const char *w = ir_type_is_signed(e->type) ? "i32" : "u32";
    const char *wt = ir_type_is_signed(e->type) ? "int32_t" : "uint32_t";
    P("((%s)cw_%s_%s((%s)", scalar_name(k), fn, w, wt);
    cx_expr(c, e->a);
    P(", (%s)", wt);
    cx_expr(c, e->b);
    S("))");
  } else {
    P("cw_%s_%s(", fn, sfx(k));
    cx_expr(c, e->a);
    S(", ");
    cx_expr(c, e->b);
    S(")");
  }
}

static void shift(cx *c, const ir_expr *e) {
  int mask = bits_of(e->type) > 32 ? 63 : 31;
  const char *t = scalar_name(e->type->kind);
  if (e->op == IR_OP_SHL) {
    P("((%s)((%s)", t, wide_u(e->type));
    cx_expr(c, e->a);
  } else {
    /* >> on a negative signed value is an arithmetic shift in gcc/clang
     * (implementation-defined, not undefined) */
    P("((%s)(", t);
    cx_expr(c, e->a);
  }
  P(" %s ((uint32_t)", e->op == IR_OP_SHL ? "<<" : ">>");
  cx_expr(c, e->b);
  P(" & %du)))", mask);
}

static void binary(cx *c, const ir_expr *e) {
  const ir_type *t = e->a->type;
  bool isint = ir_type_is_int(t);
  switch (e->op) {
  case IR_OP_ADD: case IR_OP_SUB: case IR_OP_MUL:
    if (isint) {
      bin_wrap(c, e, ir_op_str(e->op));
      return;
    }
    break;
  case IR_OP_DIV: case IR_OP_REM:
    if (isint) {
      divrem(c, e);
      return;
    }
    if (e->op == IR_OP_REM) { /* % on floats (not C): fmod */
      S(t->kind == IR_T_F32 ? "fmodf(" : "fmod(");
      cx_expr(c, e->a);
      S(", ");
      cx_expr(c, e->b);
      S(")");
      return;
    }
    break;
  case IR_OP_SHL: case IR_OP_SHR: shift(c, e); return;
  case IR_OP_AND: case IR_OP_OR: case IR_OP_XOR:
    P("((%s)(", scalar_name(e->type->kind));
    cx_expr(c, e->a);
    P(" %s ", ir_op_str(e->op));
    cx_expr(c, e->b);
    S("))");
    return;
  default: break;
  }
  S("(");
  cx_expr(c, e->a);
  P(" %s ", ir_op_str(e->op));
  cx_expr(c, e->b);
  S(")");
}

static void unary(cx *c, const ir_expr *e) {
  const char *t = scalar_name(e->type->kind);
  switch (e->op) {
  case IR_OP_NOT:
    S("(!");
    cx_expr(c, e->a);
    S(")");
    return;
  case IR_OP_BITNOT:
    P("((%s)(~(%s)", t, wide_u(e->type));
    cx_expr(c, e->a);
    S("))");
    return;
  case IR_OP_NEG:
    if (ir_type_is_int(e->type)) {
      P("((%s)((%s)0 - (%s)", t, wide_u(e->type), wide_u(e->type));
      cx_expr(c, e->a);
      S("))");
    } else {
      S("(-");
      cx_expr(c, e->a);
      S(")");
    }
    return;
  default:
    cw_error(c->m->diags, e->loc, "internal error: bad unary operator in the c back-end");
  }
}

static void convert(cx *c, const ir_expr *e) {
  const ir_type *to = e->type, *from = e->a->type;
  if (to->kind == IR_T_BOOL) {
    S("(");
    cx_expr(c, e->a);
    S(" != 0)");
  } else if (ir_type_is_int(to) && ir_type_is_float(from)) {
    P("cw_f2%s((double)", sfx(to->kind)); /* saturating, NaN -> 0 */
    cx_expr(c, e->a);
    S(")");
  } else {
    P("((%s)", scalar_name(to->kind));
    cx_expr(c, e->a);
    S(")");
  }
}

static void bitcast(cx *c, const ir_expr *e) {
  const ir_type *to = e->type, *from = e->a->type;
  bool fi = ir_type_is_float(from), ti = ir_type_is_float(to);
  const char *tn = scalar_name(to->kind);
  if (!fi && !ti) {
    P("((%s)", tn);
    cx_expr(c, e->a);
    S(")");
  } else if (fi && !ti) {
    P("((%s)cw_%s_bits(", tn, sfx(from->kind));
    cx_expr(c, e->a);
    S("))");
  } else if (!fi && ti) {
    P("cw_bits_%s((%s)", sfx(to->kind), to->kind == IR_T_F32 ? "uint32_t" : "uint64_t");
    cx_expr(c, e->a);
    S(")");
  } else {
    cx_expr(c, e->a);
  }
}

void cx_expr(cx *c, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_CONST:
    if (ir_type_is_float(e->type)) float_const(c, e->type, e->u.f);
    else int_const(c, e->type, e->u.i);
    return;
  case IR_E_VAR: case IR_E_ELEM: case IR_E_INDEX: case IR_E_MEMBER:
    cx_lvalue(c, e);
    return;
  case IR_E_BUILTIN: {
    static const char dims[] = "xyz";
    int d = e->dim < 0 || e->dim > 2 ? 0 : e->dim;
    switch (e->builtin) {
    case IR_BI_THREAD_IDX:
      if (c->at_block) {
        if (d == 0) S("(cw_lead % cw_bdx)");
        else if (d == 1) S("((cw_lead / cw_bdx) % cw_bdy)");
        else S("(cw_lead / (cw_bdx * cw_bdy))");
      } else {
        P("cw_t%c", dims[d]);
      }
      return;
    case IR_BI_BLOCK_IDX: P("cw_bi%c", dims[d]); return;
    case IR_BI_BLOCK_DIM: P("cw_bd%c", dims[d]); return;
    case IR_BI_GRID_DIM: P("cw_gd%c", dims[d]); return;
    case IR_BI_WARP_SIZE: S("((int32_t)32)"); return;
    }
    return;
  }
  case IR_E_UNARY: unary(c, e); return;
  case IR_E_BINARY: binary(c, e); return;
  case IR_E_CONVERT: convert(c, e); return;
  case IR_E_BITCAST: bitcast(c, e); return;
  case IR_E_SELECT:
    S("(");
    cx_expr(c, e->a);
    S(" ? ");
    cx_expr(c, e->b);
    S(" : ");
    cx_expr(c, e->c);
    S(")");
    return;
  case IR_E_INTRINSIC: cx_intrinsic(c, e); return;
  default:
    cw_error(c->m->diags, e->loc,
             "internal error: pointer expression left in resolved ir (c back-end)");
  }
}

/* ---------------- atomics ---------------- */

/* dst = atomicOP(&addr, value[, cmp]); relaxed order like CUDA's atomics. */
void cx_atomic(cx *c, const ir_stmt *s) {
  const ir_type *t = s->addr->type;
  ir_type_kind k = t->kind;
  bool isf = ir_type_is_float(t);
  bool ok_int = k == IR_T_I32 || k == IR_T_U32 || k == IR_T_I64 || k == IR_T_U64;
  if (!isf && !ok_int)
    cw_error(c->m->diags, s->loc, "%s on %s is not supported by the c target",
             cw_intrinsic_name(s->intrinsic), ir_type_str(c->m, t));
  const char *tn = scalar_name(k);
  if (s->dst) {
    cx_note_write(c, s->dst);
    cx_var_ref(c, s->dst);
    S(" = ");
    if (!ir_type_eq(s->dst->type, t)) P("(%s)", cx_ctype(c, s->dst->type));
  } else {
    S("(void)");
  }
  S("(");
  const char *fetch = NULL;
  switch (s->intrinsic) {
  case CW_IN_ATOMIC_ADD: fetch = isf ? NULL : "add"; break;
  case CW_IN_ATOMIC_SUB: fetch = isf ? NULL : "sub"; break;
  case CW_IN_ATOMIC_AND: fetch = "and"; break;
  case CW_IN_ATOMIC_OR: fetch = "or"; break;
  case CW_IN_ATOMIC_XOR: fetch = "xor"; break;
  default: break;
  }
  if (fetch && !isf) {
    P("atomic_fetch_%s_explicit((_Atomic %s *)&", fetch, tn);
    c->access = 2; /* CW_OOB_ATOMIC */
    cx_lvalue(c, s->addr);
    c->access = 0;
    S(", ");
    cx_expr(c, s->value);
    S(", memory_order_relaxed));");
    return;
  }
  if (s->intrinsic == CW_IN_ATOMIC_EXCH && !isf) {
    P("atomic_exchange_explicit((_Atomic %s *)&", tn);
    c->access = 2; /* CW_OOB_ATOMIC */
    cx_lvalue(c, s->addr);
    c->access = 0;
    S(", ");
    cx_expr(c, s->value);
    S(", memory_order_relaxed));");
    return;
  }
  const char *op = NULL;
  switch (s->intrinsic) {
  case CW_IN_ATOMIC_ADD: op = isf ? "add" : NULL; break;
  case CW_IN_ATOMIC_EXCH: op = "exch"; break;
  case CW_IN_ATOMIC_MIN: op = "min"; break;
  case CW_IN_ATOMIC_MAX: op = "max"; break;
  case CW_IN_ATOMIC_INC: op = isf ? NULL : "inc"; break;
  case CW_IN_ATOMIC_DEC: op = isf ? NULL : "dec"; break;
  case CW_IN_ATOMIC_CAS: op = "cas"; break;
  default: break;
  }
  if (!op || (isf && s->intrinsic != CW_IN_ATOMIC_ADD && s->intrinsic != CW_IN_ATOMIC_EXCH))
    cw_error(c->m->diags, s->loc, "%s on %s is not supported by the c target",
             cw_intrinsic_name(s->intrinsic), ir_type_str(c->m, t));
  P("cw_atomic_%s_%s(&", op, sfx(k));
  c->access = 2; /* CW_OOB_ATOMIC */
  cx_lvalue(c, s->addr);
  c->access = 0;
  if (s->intrinsic == CW_IN_ATOMIC_CAS) {
    S(", ");
    cx_expr(c, s->cmp);
  }
  S(", ");
  cx_expr(c, s->value);
  S("));");
}
