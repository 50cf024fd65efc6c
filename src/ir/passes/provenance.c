/* passes/provenance.c — ir_pass_provenance: INLINED -> RESOLVED.
 *
 * WGSL has no pointers into storage buffers, so a CUDA pointer becomes
 * (root variable, flat element offset). The root is a kernel pointer
 * parameter (offset in leaf elements of its pointee type), an array (offset over
 * its leaf elements: &tile[ty][tx] -> (tile, ty*16+tx)) or a scalar/struct
 * variable (&x -> (x, 0)). Every memory access becomes ELEM(root, offset)
 * (+ MEMBER / INDEX inside aggregates); a pointer local becomes an i32 offset
 * local whose ->root names the variable it points into. A pointer must
 * always refer to one root, since the root is fixed at compile time.
 *
 * Steps: (1) reject types that keep pointers in memory; (2) infer the root of
 * every pointer local to a fixed point (conflicts are errors); (3) rewrite
 * all statements; (4) mark is_read/is_written; (5) retype pointer locals.
 */
#include <string.h>

#include "ir/ir.h"

typedef struct {
  ir_var *param, *off; /* a kernel pointer param that is reassigned -> its offset local */
} param_off;

typedef struct {
  ir_module *m;
  ir_func *kernel;
  ir_var **ptr_locals;
  int nptr, capptr;
  param_off *poffs;
  int npoffs, cappoffs;
  bool changed;
} prov_ctx;

/* A pointer value: points at an object of type t inside root; off counts
 * units of unit_type(root). */
typedef struct {
  ir_var *root;
  ir_expr *off;
  ir_type *t;
} pval;

/* An lvalue: either flat (e == NULL: object of type t at off inside root) or
 * structural (e: a VAR of a plain local, or MEMBER/INDEX inside an aggregate). */
typedef struct {
  ir_var *root;
  ir_expr *off;
  ir_type *t;
  ir_expr *e;
  bool direct; /* e is a plain local/param VAR (its address may be taken) */
} place;

#define NULL_MSG "null pointers are not supported in device code"
#define STORE_MSG "storing a pointer in memory is not supported"

static _Noreturn void null_error(prov_ctx *c, cw_loc loc) { cw_error(c->m->diags, loc, NULL_MSG); }

/* ---------------- helpers ---------------- */

static bool is_ptr_param(const ir_var *v) { return v->kind == IR_VAR_PARAM && v->type->kind == IR_T_PTR; }
static bool is_ptr_local(const ir_var *v) { return v->kind == IR_VAR_LOCAL && v->type->kind == IR_T_PTR; }

/* The element type ELEM(root, i) yields. */
static ir_type *unit_type(ir_var *root) {
  if (is_ptr_param(root)) return ir_type_leaf(root->type->elem);
  return ir_type_leaf(root->type);
}

/* Variables that are memory in every target: globals, arrays, pointer params. */
static bool is_memory_var(const ir_var *v) {
  switch (v->kind) {
  case IR_VAR_SHARED: case IR_VAR_DYN_SHARED: case IR_VAR_CONSTANT: case IR_VAR_DEVICE: return true;
  default: return v->type->kind == IR_T_ARRAY;
  }
}

/* i32, u32, f32: the words dynamic shared memory may be retyped between. */
static bool is_word(const ir_type *t) {
  return t->kind == IR_T_I32 || t->kind == IR_T_U32 || t->kind == IR_T_F32;
}

/* Components when t is a vector view of scalar u (CUDA's float4 over a
 * float buffer: a struct of n u's packed without padding); else -1. */
static int vec_view_n(const ir_type *t, const ir_type *u) {
  if (t->kind != IR_T_STRUCT || t->st->is_union || !ir_type_is_scalar(u) || t->st->nfields == 0)
    return -1;
  const ir_struct *st = t->st;
  for (int i = 0; i < st->nfields; i++)
    if (!ir_type_eq(st->fields[i].type, u) || st->fields[i].offset != i * u->size) return -1;
  return t->size == st->nfields * u->size ? st->nfields : -1;
}

/* How many units u make one t (t == u, arrays of u, vector views of u); -1 if unrelated. */
static int units_in(const ir_type *t, const ir_type *u) {
  if (ir_type_eq(t, u)) return 1;
  if (t->kind == IR_T_STRUCT) return vec_view_n(t, u);
  if (is_word(t) && is_word(u)) return 1; /* retyped dynamic shared memory (coerce allows it) */
  if (t->kind == IR_T_ARRAY && t->len >= 0) {
    int n = units_in(t->elem, u);
    return n < 0 ? -1 : n * t->len;
  }
  return -1;
}

static bool contains_ptr(const ir_type *t) {
  if (!t) return false;
  switch (t->kind) {
  case IR_T_PTR: return true;
  case IR_T_ARRAY: return contains_ptr(t->elem);
  case IR_T_STRUCT:
    for (int i = 0; i < t->st->nfields; i++)
      if (contains_ptr(t->st->fields[i].type)) return true;
    return false;
  default: return false;
  }
}

static bool is_const(const ir_expr *e, int64_t *v) {
  if (e->kind != IR_E_CONST || !ir_type_is_int(e->type)) return false;
  *v = (int64_t)e->u.i;
  return true;
}

static ir_expr *c32(prov_ctx *c, int64_t v, cw_loc loc) {
  return ir_const_int(c->m, &ir_i32, (uint64_t)v, loc);
}

static ir_expr *to_i32(prov_ctx *c, ir_expr *e) { return ir_convert(c->m, &ir_i32, e, e->loc); }

/* i32 a + b with constant folding (keeps `x + 4` readable) */
static ir_expr *add32(prov_ctx *c, ir_expr *a, ir_expr *b, cw_loc loc) {
  int64_t x, y;
  bool ca = is_const(a, &x), cb = is_const(b, &y);
  if (ca && cb) return c32(c, (int64_t)(int32_t)(uint32_t)((uint64_t)x + (uint64_t)y), loc);
  if (ca && x == 0) return b;
  if (cb && y == 0) return a;
  return ir_binary(c->m, IR_OP_ADD, a, b, loc);
}

static ir_expr *mul32(prov_ctx *c, ir_expr *a, int k, cw_loc loc) {
  int64_t x;
  if (k == 1) return a;
  if (is_const(a, &x)) return c32(c, (int64_t)(int32_t)(uint32_t)((uint64_t)x * (uint64_t)k), loc);
  return ir_binary(c->m, IR_OP_MUL, a, c32(c, k, loc), loc);
}

static ir_expr *copy_node(prov_ctx *c, const ir_expr *e) {
  ir_expr *n = CW_NEW(c->m->arena, ir_expr);
  *n = *e;
  return n;
}

static ir_var *param_off_of(prov_ctx *c, const ir_var *p) {
  for (int i = 0; i < c->npoffs; i++)
    if (c->poffs[i].param == p) return c->poffs[i].off;
  return NULL;
}

static bool is_null_const(const ir_expr *e) {
  while (e->kind == IR_E_CONVERT || e->kind == IR_E_BITCAST) e = e->a;
  return e->kind == IR_E_CONST;
}

/* ---------------- step 2: root inference ---------------- */

static ir_var *root_of(prov_ctx *c, const ir_expr *e);

static ir_var *base_root(prov_ctx *c, const ir_expr *lv) {
  switch (lv->kind) {
  case IR_E_VAR: case IR_E_ELEM: return lv->var;
  case IR_E_INDEX:
    if (lv->a->type->kind == IR_T_PTR) return root_of(c, lv->a);
    return base_root(c, lv->a);
  case IR_E_MEMBER: return base_root(c, lv->a);
  case IR_E_DEREF: return root_of(c, lv->a);
  default: return NULL;
  }
}

static _Noreturn void conflict(prov_ctx *c, cw_loc loc, const char *ptr, const ir_var *a,
                               const ir_var *b) {
  if (ptr)
    cw_error(c->m->diags, loc,
             "pointer '%s' may point into '%s' or '%s'; a pointer must always refer to the same "
             "buffer",
             ptr, a->src_name, b->src_name);
  cw_error(c->m->diags, loc,
           "pointer may point into '%s' or '%s'; a pointer must always refer to the same buffer",
           a->src_name, b->src_name);
}

static ir_var *root_of(prov_ctx *c, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR:
    if (is_ptr_param(e->var)) return e->var;
    if (is_ptr_local(e->var)) return e->var->root;
    return NULL;
  case IR_E_ADDR: return base_root(c, e->a);
  case IR_E_PTR_ADD: return root_of(c, e->a);
  case IR_E_SELECT: {
    ir_var *a = root_of(c, e->b), *b = root_of(c, e->c);
    if (a && b && a != b) conflict(c, e->loc, NULL, a, b);
    return a ? a : b;
  }
  case IR_E_CONVERT: case IR_E_BITCAST:
    return e->a->type->kind == IR_T_PTR ? root_of(c, e->a) : NULL;
  default: return NULL;
  }
}

/* Records that pointer variable v is given a value with root r. */
static bool note_root(prov_ctx *c, ir_var *v, ir_var *r, cw_loc loc) {
  if (!r) return false;
  if (is_ptr_param(v)) {
    if (r != v) conflict(c, loc, v->src_name, v, r);
    return false;
  }
  if (!v->root) {
    v->root = r;
    return true;
  }
  if (v->root != r) conflict(c, loc, v->src_name, v->root, r);
  return false;
}

static void add_ptr_local(prov_ctx *c, ir_var *v) {
  for (int i = 0; i < c->nptr; i++)
    if (c->ptr_locals[i] == v) return;
  if (c->nptr == c->capptr) {
    int n = c->capptr ? c->capptr * 2 : 16;
    ir_var **nv = CW_NEW_ARRAY(c->m->arena, ir_var *, n);
    if (c->nptr) memcpy(nv, c->ptr_locals, sizeof(*nv) * (size_t)c->nptr);
    c->ptr_locals = nv;
    c->capptr = n;
  }
  c->ptr_locals[c->nptr++] = v;
}

static void add_param_off(prov_ctx *c, ir_var *p) {
  if (param_off_of(c, p)) return;
  if (c->npoffs == c->cappoffs) {
    int n = c->cappoffs ? c->cappoffs * 2 : 4;
    param_off *np = CW_NEW_ARRAY(c->m->arena, param_off, n);
    if (c->npoffs) memcpy(np, c->poffs, sizeof(*np) * (size_t)c->npoffs);
    c->poffs = np;
    c->cappoffs = n;
  }
  ir_var *o = ir_var_new(c->m, IR_VAR_LOCAL, p->src_name, &ir_i32, p->loc);
  o->root = p;
  c->poffs[c->npoffs].param = p;
  c->poffs[c->npoffs].off = o;
  c->npoffs++;
}

/* One sweep; returns whether some root was newly learnt. Also collects
 * pointer locals, reassigned pointer params, and rejects pointers in memory. */
static bool infer_sweep(prov_ctx *c, ir_stmt *s) {
  bool ch = false;
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_DECL:
      if (s->var->type->kind == IR_T_PTR) {
        if (contains_ptr(s->var->type->elem)) cw_error(c->m->diags, s->loc, STORE_MSG);
        add_ptr_local(c, s->var);
        if (s->init) ch |= note_root(c, s->var, root_of(c, s->init), s->loc);
      } else if (contains_ptr(s->var->type)) {
        cw_error(c->m->diags, s->loc, STORE_MSG);
      }
      break;
    case IR_S_ASSIGN:
      if (s->lhs->kind == IR_E_VAR && s->lhs->var->type->kind == IR_T_PTR) {
        ir_var *v = s->lhs->var;
        if (is_ptr_param(v)) add_param_off(c, v);
        else if (is_ptr_local(v)) add_ptr_local(c, v);
        ch |= note_root(c, v, root_of(c, s->rhs), s->loc);
      } else if (s->lhs->type->kind == IR_T_PTR || contains_ptr(s->lhs->type)) {
        cw_error(c->m->diags, s->loc, STORE_MSG);
      }
      break;
    default: break;
    }
    ch |= infer_sweep(c, s->body);
    ch |= infer_sweep(c, s->then_s);
    ch |= infer_sweep(c, s->else_s);
    ch |= infer_sweep(c, s->cont);
    for (int i = 0; i < s->ncases; i++) ch |= infer_sweep(c, s->cases[i].body);
  }
  return ch;
}

/* ---------------- step 3: rewriting ---------------- */

static pval eval_ptr(prov_ctx *c, ir_expr *e);
static place eval_place(prov_ctx *c, ir_expr *e);
static ir_expr *rw_value(prov_ctx *c, ir_expr *e);

/* Converts pointer value pv to one pointing at `to` (array decay allowed;
 * anything else reinterprets memory, which a flat typed buffer cannot). */
static pval coerce(prov_ctx *c, pval pv, ir_type *to, const ir_type *from_pt, const ir_type *to_pt,
                   cw_loc loc) {
  if (!to || to->kind == IR_T_VOID) return pv; /* void* keeps what it points at */
  ir_type *t = pv.t;
  for (;;) {
    if (ir_type_eq(t, to)) {
      pv.t = to;
      return pv;
    }
    if (t->kind != IR_T_ARRAY) break;
    t = t->elem;
  }
  ir_type *u = unit_type(pv.root);
  /* extern __shared__ arrays alias: `float *f = (float *)smem;` over int words is a bitcast view */
  if (pv.root->kind == IR_VAR_DYN_SHARED && is_word(t) && is_word(u) && is_word(to)) {
    pv.t = to;
    return pv;
  }
  /* 128-bit access idiom: (float4 *)x over a float buffer, seen as its components */
  if (ir_type_eq(t, u) && vec_view_n(to, u) > 0) {
    pv.t = to;
    return pv;
  }
  cw_error(c->m->diags, loc, "reinterpreting '%s' as '%s' is not supported",
           ir_type_str(c->m, from_pt), ir_type_str(c->m, to_pt));
}

static ir_expr *var_i32(prov_ctx *c, ir_var *v, cw_loc loc) {
  ir_expr *e = ir_expr_new(c->m, IR_E_VAR, &ir_i32, loc);
  e->var = v;
  return e;
}

static pval eval_ptr(prov_ctx *c, ir_expr *e) {
  pval pv = {NULL, NULL, NULL};
  switch (e->kind) {
  case IR_E_VAR: {
    ir_var *v = e->var;
    if (is_ptr_param(v)) {
      ir_var *o = param_off_of(c, v);
      pv.root = v;
      pv.off = o ? var_i32(c, o, e->loc) : c32(c, 0, e->loc);
      pv.t = v->type->elem;
      return pv;
    }
    if (is_ptr_local(v)) {
      if (!v->root)
        cw_error(c->m->diags, e->loc,
                 "pointer '%s' never points into a buffer; " NULL_MSG, v->src_name);
      pv.root = v->root;
      pv.off = var_i32(c, v, e->loc);
      pv.t = v->type->elem;
      return pv;
    }
    cw_error(c->m->diags, e->loc, STORE_MSG);
  }
  case IR_E_ADDR: {
    place pl = eval_place(c, e->a);
    if (pl.e && !pl.direct) {
      bool member = false;
      for (ir_expr *x = pl.e; x; x = (x->kind == IR_E_MEMBER || x->kind == IR_E_INDEX) ? x->a : NULL)
        if (x->kind == IR_E_MEMBER) member = true;
      if (member)
        cw_error(c->m->diags, e->loc, "taking the address of a struct member is not supported");
      cw_error(c->m->diags, e->loc,
               "taking the address of an element inside '%s' is not supported",
               ir_type_str(c->m, pl.e->a ? pl.e->a->type : pl.t));
    }
    if (pl.e && pl.direct) {
      ir_var *v = pl.root;
      if (v->type->kind == IR_T_PTR) cw_error(c->m->diags, e->loc, STORE_MSG);
      if (v->kind == IR_VAR_PARAM)
        cw_error(c->m->diags, e->loc,
                 "taking the address of kernel parameter '%s' is not supported; copy it to a "
                 "local variable first",
                 v->src_name);
      pv.root = v;
      pv.off = c32(c, 0, e->loc);
      pv.t = v->type;
    } else {
      pv.root = pl.root;
      pv.off = pl.off;
      pv.t = pl.t;
    }
    return coerce(c, pv, e->type->elem, e->type, e->type, e->loc);
  }
  case IR_E_PTR_ADD: {
    pv = eval_ptr(c, e->a);
    int k = units_in(pv.t, unit_type(pv.root));
    if (k < 0)
      cw_error(c->m->diags, e->loc, "pointer arithmetic on '%s' inside '%s' is not supported",
               ir_type_str(c->m, e->type), pv.root->src_name);
    pv.off = add32(c, pv.off, mul32(c, to_i32(c, rw_value(c, e->b)), k, e->loc), e->loc);
    return pv;
  }
  case IR_E_SELECT: {
    ir_expr *cond = rw_value(c, e->a);
    pval a = eval_ptr(c, e->b), b = eval_ptr(c, e->c);
    if (a.root != b.root) conflict(c, e->loc, NULL, a.root, b.root);
    b = coerce(c, b, a.t, e->c->type, e->b->type, e->loc);
    ir_expr *s = copy_node(c, e);
    s->type = &ir_i32;
    s->a = cond;
    s->b = a.off;
    s->c = b.off;
    a.off = s;
    return a;
  }
  case IR_E_CONVERT: case IR_E_BITCAST:
    if (e->a->type->kind == IR_T_PTR)
      return coerce(c, eval_ptr(c, e->a), e->type->elem, e->a->type, e->type, e->loc);
    if (is_null_const(e->a)) null_error(c, e->loc);
    cw_error(c->m->diags, e->loc, "converting an integer to a pointer is not supported");
  case IR_E_CONST: null_error(c, e->loc);
  case IR_E_DEREF: case IR_E_INDEX: case IR_E_MEMBER: case IR_E_ELEM:
    cw_error(c->m->diags, e->loc, STORE_MSG);
  default:
    cw_error(c->m->diags, e->loc, "internal error: unexpected pointer expression");
  }
}

static place flat_place(ir_var *root, ir_expr *off, ir_type *t) {
  place p = {root, off, t, NULL, false};
  return p;
}

/* A flat place that is a vector view (float4 over floats). */
static bool is_view(place pl) {
  ir_type *u = unit_type(pl.root);
  return !pl.e && !ir_type_eq(pl.t, u) && vec_view_n(pl.t, u) > 0;
}

static bool is_lvalue_kind(const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR: case IR_E_INDEX: case IR_E_MEMBER: case IR_E_DEREF: case IR_E_ELEM: return true;
  default: return false;
  }
}

/* Component k of a struct place: of a view, the k-th unit; else MEMBER. */
static ir_expr *component(prov_ctx *c, place pl, int k, cw_loc loc);

/* The lvalue expression for a place. */
static ir_expr *materialize(prov_ctx *c, place pl, cw_loc loc) {
  if (pl.e) return pl.e;
  ir_type *u = unit_type(pl.root);
  if (!ir_type_eq(pl.t, u) && vec_view_n(pl.t, u) > 0)
    cw_error(c->m->diags, loc,
             "using '%s' reinterpreted from '%s' elements as a whole value here is not supported "
             "(copy it to or from a local variable, or access its members)",
             ir_type_str(c->m, pl.t), ir_type_str(c->m, u));
  if (!ir_type_eq(pl.t, u) && is_word(pl.t) && is_word(u)) {
    ir_expr *w = ir_expr_new(c->m, IR_E_ELEM, u, loc); /* retyped word: the caller bitcasts */
    w->var = pl.root;
    w->b = pl.off;
    return w;
  }
  if (!ir_type_eq(pl.t, u))
    cw_error(c->m->diags, loc, "using the array '%s' (part of '%s') as a whole is not supported",
             ir_type_str(c->m, pl.t), pl.root->src_name);
  ir_expr *e = ir_expr_new(c->m, IR_E_ELEM, u, loc);
  e->var = pl.root;
  /* scalar/struct roots have exactly one element */
  bool single = !is_ptr_param(pl.root) && pl.root->type->kind != IR_T_ARRAY;
  e->b = single ? c32(c, 0, loc) : pl.off;
  return e;
}

static place eval_place(prov_ctx *c, ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR: {
    ir_var *v = e->var;
    if (is_memory_var(v)) {
      if (v->type->kind == IR_T_PTR) cw_error(c->m->diags, e->loc, STORE_MSG);
      return flat_place(v, c32(c, 0, e->loc), v->type);
    }
    if (v->type->kind == IR_T_PTR)
      cw_error(c->m->diags, e->loc, "internal error: pointer variable '%s' used as memory",
               v->src_name);
    place p = {v, c32(c, 0, e->loc), v->type, ir_var_ref(c->m, v, e->loc), true};
    return p;
  }
  case IR_E_DEREF: {
    pval pv = eval_ptr(c, e->a);
    return flat_place(pv.root, pv.off, pv.t);
  }
  case IR_E_INDEX: {
    if (e->a->type->kind == IR_T_PTR) { /* p[i] kept as INDEX by a lowering: *(p + i) */
      pval pv = eval_ptr(c, e->a);
      int k = units_in(pv.t, unit_type(pv.root));
      if (k < 0) cw_error(c->m->diags, e->loc, "internal error: pointer index");
      return flat_place(pv.root,
                        add32(c, pv.off, mul32(c, to_i32(c, rw_value(c, e->b)), k, e->loc), e->loc),
                        pv.t);
    }
    place pl = eval_place(c, e->a);
    ir_expr *idx = rw_value(c, e->b);
    if (!pl.e && !ir_type_eq(pl.t, unit_type(pl.root)) && pl.t->kind == IR_T_ARRAY) {
      int k = units_in(pl.t->elem, unit_type(pl.root));
      if (k < 0) cw_error(c->m->diags, e->loc, "internal error: array index units");
      pl.off = add32(c, pl.off, mul32(c, to_i32(c, idx), k, e->loc), e->loc);
      pl.t = pl.t->elem;
      return pl;
    }
    /* inside an aggregate element (struct field array, array-typed buffer element) */
    ir_expr *n = copy_node(c, e);
    n->a = materialize(c, pl, e->loc);
    n->b = idx;
    place r = {pl.root, NULL, e->type, n, false};
    return r;
  }
  case IR_E_MEMBER: {
    place pl = eval_place(c, e->a);
    if (!pl.e && is_view(pl)) /* v.y of a float4 view: component 1 */
      return flat_place(pl.root, add32(c, pl.off, c32(c, e->field, e->loc), e->loc), e->type);
    ir_expr *n = copy_node(c, e);
    n->a = materialize(c, pl, e->loc);
    place r = {pl.root, NULL, e->type, n, false};
    return r;
  }
  case IR_E_ELEM: {
    ir_expr *n = copy_node(c, e);
    n->b = rw_value(c, e->b);
    place r = {e->var, NULL, e->type, n, false};
    return r;
  }
  default:
    cw_error(c->m->diags, e->loc, "internal error: expression is not an lvalue");
  }
}

static ir_expr *rw_value(prov_ctx *c, ir_expr *e) {
  if (!e) return NULL;
  switch (e->kind) {
  case IR_E_CONST:
    if (e->type->kind == IR_T_PTR) null_error(c, e->loc);
    return e;
  case IR_E_BUILTIN: return e;
  case IR_E_VAR: case IR_E_INDEX: case IR_E_MEMBER: case IR_E_DEREF: case IR_E_ELEM:
    if (e->type->kind == IR_T_PTR)
      cw_error(c->m->diags, e->loc, "using a pointer as a value here is not supported");
  {
    ir_expr *r = materialize(c, eval_place(c, e), e->loc);
    if (!ir_type_eq(r->type, e->type) && is_word(r->type) && is_word(e->type)) {
      ir_expr *b = ir_expr_new(c->m, IR_E_BITCAST, e->type, e->loc);
      b->a = r;
      return b;
    }
    return r;
  }
  case IR_E_UNARY: {
    ir_expr *n = copy_node(c, e);
    n->a = rw_value(c, e->a);
    return n;
  }
  case IR_E_BINARY: {
    ir_expr *n = copy_node(c, e);
    if (e->a->type->kind == IR_T_PTR || e->b->type->kind == IR_T_PTR) {
      if (is_null_const(e->a) || is_null_const(e->b)) null_error(c, e->loc);
      pval a = eval_ptr(c, e->a), b = eval_ptr(c, e->b);
      if (a.root != b.root)
        cw_error(c->m->diags, e->loc, "comparing pointers into '%s' and '%s' is not supported",
                 a.root->src_name, b.root->src_name);
      n->a = a.off;
      n->b = b.off;
      return n;
    }
    n->a = rw_value(c, e->a);
    n->b = rw_value(c, e->b);
    return n;
  }
  case IR_E_CONVERT: case IR_E_BITCAST: {
    if (e->type->kind == IR_T_PTR)
      cw_error(c->m->diags, e->loc, "using a pointer as a value here is not supported");
    if (e->a->type->kind == IR_T_PTR) {
      if (e->type->kind == IR_T_BOOL) null_error(c, e->loc); /* `if (p)` tests for null */
      cw_error(c->m->diags, e->loc, "converting a pointer to an integer is not supported");
    }
    ir_expr *n = copy_node(c, e);
    n->a = rw_value(c, e->a);
    return n;
  }
  case IR_E_SELECT: {
    if (e->type->kind == IR_T_PTR)
      cw_error(c->m->diags, e->loc, "using a pointer as a value here is not supported");
    ir_expr *n = copy_node(c, e);
    n->a = rw_value(c, e->a);
    n->b = rw_value(c, e->b);
    n->c = rw_value(c, e->c);
    return n;
  }
  case IR_E_INTRINSIC: {
    if (e->intrinsic == CW_IN_LDG && e->nargs == 1) { /* __ldg(p) is *p */
      pval pv = eval_ptr(c, e->args[0]);
      return materialize(c, flat_place(pv.root, pv.off, pv.t), e->loc);
    }
    ir_expr *n = copy_node(c, e);
    if (e->nargs) {
      n->args = CW_NEW_ARRAY(c->m->arena, ir_expr *, e->nargs);
      for (int i = 0; i < e->nargs; i++) n->args[i] = rw_value(c, e->args[i]);
    }
    return n;
  }
  case IR_E_PTR_DIFF: {
    pval a = eval_ptr(c, e->a), b = eval_ptr(c, e->b);
    if (a.root != b.root)
      cw_error(c->m->diags, e->loc, "subtracting pointers into '%s' and '%s' is not supported",
               a.root->src_name, b.root->src_name);
    ir_expr *d = ir_binary(c->m, IR_OP_SUB, a.off, b.off, e->loc);
    int k = units_in(a.t, unit_type(a.root));
    if (k > 1) d = ir_binary(c->m, IR_OP_DIV, d, c32(c, k, e->loc), e->loc);
    return ir_convert(c->m, e->type, d, e->loc);
  }
  case IR_E_ADDR: case IR_E_PTR_ADD:
    cw_error(c->m->diags, e->loc, "using a pointer as a value here is not supported");
  }
  return e;
}

static ir_expr *component(prov_ctx *c, place pl, int k, cw_loc loc) {
  if (is_view(pl))
    return materialize(c, flat_place(pl.root, add32(c, pl.off, c32(c, k, loc), loc),
                                     unit_type(pl.root)), loc);
  ir_expr *base = materialize(c, pl, loc);
  ir_expr *m = ir_expr_new(c->m, IR_E_MEMBER, base->type->st->fields[k].type, loc);
  m->a = base;
  m->field = k;
  return m;
}

/* `float4 v = p4[i];` / `p4[i] = v;` where a side is a vector view: one
 * assignment per component, s becoming the first (returns the last, so the
 * caller continues after them); NULL when no side is a view. */
static ir_stmt *split_view_copy(prov_ctx *c, ir_stmt *s, ir_expr *lhs, ir_expr *rhs) {
  if (lhs->type->kind != IR_T_STRUCT || !is_lvalue_kind(rhs)) return NULL;
  place pl = eval_place(c, lhs), pr = eval_place(c, rhs);
  if (!is_view(pl) && !is_view(pr)) return NULL;
  int n = lhs->type->st->nfields;
  ir_stmt *last = s, *after = s->next;
  for (int k = 0; k < n; k++) {
    ir_stmt *a = k == 0 && s->kind == IR_S_ASSIGN ? s : ir_stmt_new(c->m, IR_S_ASSIGN, s->loc);
    a->lhs = component(c, pl, k, s->loc);
    a->rhs = component(c, pr, k, s->loc);
    if (a != s) {
      last->next = a;
      last = a;
    }
  }
  last->next = after;
  return last;
}

static void rw_list(prov_ctx *c, ir_stmt *s) {
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_DECL:
      if (!is_ptr_local(s->var) && s->init) {
        ir_expr *init = s->init;
        ir_stmt *last = split_view_copy(c, s, ir_var_ref(c->m, s->var, s->loc), init);
        if (last) {
          s->init = NULL;
          s = last;
          continue;
        }
      }
      if (is_ptr_local(s->var)) {
        if (s->init) {
          pval pv = coerce(c, eval_ptr(c, s->init), s->var->type->elem, s->init->type,
                           s->var->type, s->loc);
          if (pv.root != s->var->root) conflict(c, s->loc, s->var->src_name, s->var->root, pv.root);
          s->init = pv.off;
        }
      } else {
        s->init = rw_value(c, s->init);
      }
      break;
    case IR_S_ASSIGN:
      if (s->lhs->kind == IR_E_VAR && s->lhs->var->type->kind == IR_T_PTR) {
        ir_var *v = s->lhs->var;
        pval pv = coerce(c, eval_ptr(c, s->rhs), v->type->elem, s->rhs->type, v->type, s->loc);
        ir_var *target = is_ptr_param(v) ? param_off_of(c, v) : v;
        ir_var *want = is_ptr_param(v) ? v : v->root;
        if (pv.root != want) conflict(c, s->loc, v->src_name, want, pv.root);
        s->lhs = var_i32(c, target, s->lhs->loc);
        s->rhs = pv.off;
      } else {
        ir_stmt *last = split_view_copy(c, s, s->lhs, s->rhs);
        if (last) {
          s = last;
          continue;
        }
        ir_type *want = s->lhs->type;
        s->lhs = materialize(c, eval_place(c, s->lhs), s->lhs->loc);
        s->rhs = rw_value(c, s->rhs);
        if (!ir_type_eq(s->lhs->type, want)) { /* store through a retyped word */
          ir_expr *b = ir_expr_new(c->m, IR_E_BITCAST, s->lhs->type, s->rhs->loc);
          b->a = s->rhs;
          s->rhs = b;
        }
      }
      break;
    case IR_S_IF: s->cond = rw_value(c, s->cond); break;
    case IR_S_SWITCH: case IR_S_RETURN: s->value = rw_value(c, s->value); break;
    case IR_S_ATOMIC: {
      ir_type *want = s->addr->type;
      s->addr = materialize(c, eval_place(c, s->addr), s->addr->loc);
      if (!ir_type_eq(s->addr->type, want))
        cw_error(c->m->diags, s->loc,
                 "atomic on '%s' through a pointer that retypes extern __shared__ '%s' (declared "
                 "'%s') is not supported",
                 ir_type_str(c->m, want), s->addr->var->src_name, ir_type_str(c->m, s->addr->type));
      s->value = rw_value(c, s->value);
      s->cmp = rw_value(c, s->cmp);
      break;
    }
    case IR_S_WARP:
      s->value = rw_value(c, s->value);
      s->cmp = rw_value(c, s->cmp);
      s->cond = rw_value(c, s->cond);
      for (int i = 0; i < s->nargs; i++) s->args[i] = rw_value(c, s->args[i]);
      break;
    case IR_S_CALL:
      cw_error(c->m->diags, s->loc, "internal error: call left after inlining");
    case IR_S_PRINTF: case IR_S_ASSERT:
      s->cond = rw_value(c, s->cond);
      for (int i = 0; i < s->nargs; i++) s->args[i] = rw_value(c, s->args[i]);
      break;
    default: break;
    }
    rw_list(c, s->body);
    rw_list(c, s->then_s);
    rw_list(c, s->else_s);
    rw_list(c, s->cont);
    for (int i = 0; i < s->ncases; i++) rw_list(c, s->cases[i].body);
  }
}

/* ---------------- step 4: read/write marks ---------------- */

static void mark_read(ir_expr *e) {
  if (!e) return;
  if (e->var) e->var->is_read = true;
  mark_read(e->a);
  mark_read(e->b);
  mark_read(e->c);
  for (int i = 0; i < e->nargs; i++) mark_read(e->args[i]);
}

static void mark_written(ir_expr *lv) {
  switch (lv->kind) {
  case IR_E_VAR: lv->var->is_written = true; break;
  case IR_E_ELEM: lv->var->is_written = true; mark_read(lv->b); break;
  case IR_E_MEMBER: mark_written(lv->a); break;
  case IR_E_INDEX: mark_written(lv->a); mark_read(lv->b); break;
  default: mark_read(lv); break;
  }
}

static void mark_list(ir_stmt *s) {
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_DECL:
      if (s->init) s->var->is_written = true;
      mark_read(s->init);
      break;
    case IR_S_ASSIGN: mark_written(s->lhs); mark_read(s->rhs); break;
    case IR_S_IF: mark_read(s->cond); break;
    case IR_S_SWITCH: case IR_S_RETURN: mark_read(s->value); break;
    case IR_S_ATOMIC:
      mark_written(s->addr);
      mark_read(s->addr);
      mark_read(s->value);
      mark_read(s->cmp);
      if (s->dst) s->dst->is_written = true;
      break;
    case IR_S_WARP:
      mark_read(s->value);
      mark_read(s->cmp);
      mark_read(s->cond);
      for (int i = 0; i < s->nargs; i++) mark_read(s->args[i]);
      if (s->dst) s->dst->is_written = true;
      break;
    case IR_S_PRINTF: case IR_S_ASSERT:
      mark_read(s->cond);
      for (int i = 0; i < s->nargs; i++) mark_read(s->args[i]);
      break;
    default: break;
    }
    mark_list(s->body);
    mark_list(s->then_s);
    mark_list(s->else_s);
    mark_list(s->cont);
    for (int i = 0; i < s->ncases; i++) mark_list(s->cases[i].body);
  }
}

/* ---------------- entry point ---------------- */

static void resolve_kernel(prov_ctx *c, ir_func *k) {
  c->kernel = k;
  c->nptr = 0;
  c->npoffs = 0;
  for (int i = 0; i < k->nparams; i++) {
    ir_var *p = k->params[i];
    if (p->type->kind == IR_T_PTR ? contains_ptr(p->type->elem) : contains_ptr(p->type))
      cw_error(c->m->diags, p->loc, STORE_MSG);
  }
  while (infer_sweep(c, k->body)) {}
  rw_list(c, k->body);
  /* offsets of reassigned pointer params start at 0 */
  for (int i = c->npoffs - 1; i >= 0; i--) {
    ir_stmt *d = ir_stmt_new(c->m, IR_S_DECL, k->loc);
    d->var = c->poffs[i].off;
    d->init = c32(c, 0, k->loc);
    d->next = k->body->body;
    k->body->body = d;
  }
  mark_list(k->body);
  for (int i = 0; i < c->nptr; i++) c->ptr_locals[i]->type = &ir_i32;
  c->changed = true;
}

bool ir_pass_provenance(ir_module *m) {
  prov_ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  for (int i = 0; i < m->nglobals; i++)
    if (contains_ptr(m->globals[i]->type)) cw_error(m->diags, m->globals[i]->loc, STORE_MSG);
  for (ir_func *f = m->funcs; f; f = f->next)
    if (f->body) resolve_kernel(&c, f);
  m->phase = IR_PHASE_RESOLVED;
  return c.changed;
}
