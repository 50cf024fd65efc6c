/* ir_lower: typed AST -> kernel IR (phase IR_PHASE_LOWERED).
 *
 * Expressions are lowered by lx() into pure IR expressions; every side effect
 * (assignment, ++/--, calls, atomics, barriers) becomes a statement appended
 * to the current output block *before* the expression that uses its value
 * (the "pending statements" of the brief are simply the current block).
 * Where C evaluates a side effect only conditionally (&&, ||, ?:), the other
 * operand is lowered into a scratch block first; if that produced statements
 * the construct becomes an if/else with a temporary.
 *
 * Nested C blocks are flattened into their parent IR block: every variable
 * name is unique in the module, and IR_S_DECL marks the point of declaration
 * (with a zero value when it has no initialiser), so scoping needs no block.
 */
#include <string.h>

#include "front/ast.h"
#include "ir/ir.h"
#include "ir/ir_names.h"

/* ---------------- context ---------------- */
typedef struct { const void *key; void *val; } pmap_slot;
typedef struct { pmap_slot *slots; int n, used; } pmap;

typedef struct {
  ir_stmt *block;
  ir_stmt *tail;
} out_blk;

typedef struct {
  ir_module *m;
  cw_arena *a;
  cw_diags *d;
  pmap vars;      /* cw_obj* -> ir_var* */
  pmap structs;   /* struct identity -> ir_struct* */
  ir_func *fn;
  cw_obj *fobj;
  out_blk *cur;
  ir_struct *dim3;
} L;

static unsigned phash(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B1u;
  return (unsigned)(x ^ (x >> 15));
}
static void *pmap_get(pmap *mp, const void *k) {
  if (!mp->n) return NULL;
  unsigned i = phash(k) & (unsigned)(mp->n - 1);
  while (mp->slots[i].key) {
    if (mp->slots[i].key == k) return mp->slots[i].val;
    i = (i + 1) & (unsigned)(mp->n - 1);
  }
  return NULL;
}
static void pmap_put(L *l, pmap *mp, const void *k, void *v) {
  if ((mp->used + 1) * 2 > mp->n) {
    pmap_slot *old = mp->slots;
    int on = mp->n;
    mp->n = on ? on * 2 : 64;
    mp->slots = CW_NEW_ARRAY(l->a, pmap_slot, mp->n);
    mp->used = 0;
    for (int i = 0; i < on; i++)
      if (old[i].key) pmap_put(l, mp, old[i].key, old[i].val);
  }
  unsigned i = phash(k) & (unsigned)(mp->n - 1);
  while (mp->slots[i].key && mp->slots[i].key != k) i = (i + 1) & (unsigned)(mp->n - 1);
  if (!mp->slots[i].key) mp->used++;
  mp->slots[i].key = k;
  mp->slots[i].val = v;
}

static void emit(L *l, ir_stmt *s) {
  if (!s) return;
  if (l->cur->tail) l->cur->tail->next = s;
  else l->cur->block->body = s;
  l->cur->tail = s;
  while (l->cur->tail->next) l->cur->tail = l->cur->tail->next;
}

static out_blk new_out(L *l, cw_loc loc) {
  out_blk o = {ir_block_new(l->m, loc), NULL};
  return o;
}

/* ---------------- types ---------------- */
static ir_type *lower_type(L *l, cw_type *t, ir_addr_space as, cw_loc loc);

static const char *field_name(L *l, const char *name, int idx) {
  if (!name) return cw_arena_printf(l->a, "anon_%d", idx);
  if (ir_name_is_reserved(name) || strncmp(name, "__", 2) == 0 || strncmp(name, "cw_", 3) == 0 ||
      (name[0] == '_' && (name[1] == 0 || (name[1] >= '0' && name[1] <= '9'))))
    return cw_arena_printf(l->a, "f_%s", name);
  return name;
}

static ir_struct *lower_struct(L *l, cw_type *t, cw_loc loc) {
  const void *key = t->members ? (const void *)t->members : (const void *)t;
  ir_struct *st = pmap_get(&l->structs, key);
  if (st) return st;
  st = CW_NEW(l->a, ir_struct);
  st->id = l->m->next_id++;
  st->is_union = t->kind == TY_UNION;
  st->size = t->size;
  st->align = t->align;
  if (t->name && strncmp(t->name, "cw_", 3) != 0) {
    st->name = ir_unique_name(l->m, t->name, st->id);
  } else {
    st->name = cw_arena_printf(l->a, "cw_struct_%d", st->id);
    ir_reserve_name(l->m, st->name);
  }
  pmap_put(l, &l->structs, key, st); /* before fields: self-referential pointers */
  int n = 0;
  for (cw_member *mb = t->members; mb; mb = mb->next) n++;
  st->fields = CW_NEW_ARRAY(l->a, ir_field, n ? n : 1);
  st->nfields = n;
  int i = 0;
  for (cw_member *mb = t->members; mb; mb = mb->next, i++) {
    st->fields[i].type = lower_type(l, mb->ty, IR_AS_UNKNOWN, mb->loc);
    st->fields[i].offset = mb->offset;
    const char *fn = field_name(l, mb->name, i);
    for (int k = 0; k < i; k++)
      if (strcmp(st->fields[k].name, fn) == 0) fn = cw_arena_printf(l->a, "%s_%d", fn, i);
    st->fields[i].name = fn;
  }
  ir_module_add_struct(l->m, st);
  return st;
}

static ir_type *struct_type(L *l, ir_struct *st) {
  ir_type *t = CW_NEW(l->a, ir_type);
  t->kind = IR_T_STRUCT;
  t->st = st;
  t->size = st->size;
  t->align = st->align;
  return t;
}

/* `as` is the address space given to a top-level pointer; nested pointers
 * (pointer to pointer, pointer fields) are IR_AS_UNKNOWN. */
static ir_type *lower_type(L *l, cw_type *t, ir_addr_space as, cw_loc loc) {
  while (t->origin && t->origin != t) t = t->origin;
  switch (t->kind) {
  case TY_VOID: return &ir_void;
  case TY_BOOL: return &ir_bool;
  case TY_CHAR: case TY_SCHAR: return &ir_i8;
  case TY_UCHAR: return &ir_u8;
  case TY_SHORT: return &ir_i16;
  case TY_USHORT: return &ir_u16;
  case TY_INT: case TY_ENUM: return &ir_i32;
  case TY_UINT: return &ir_u32;
  case TY_LONG: case TY_LLONG: return &ir_i64;
  case TY_ULONG: case TY_ULLONG: return &ir_u64;
  case TY_FLOAT: return &ir_f32;
  case TY_DOUBLE: return &ir_f64;
  case TY_PTR:
    return ir_type_ptr(l->m, lower_type(l, t->base, IR_AS_UNKNOWN, loc), as,
                       t->base && t->base->is_const);
  case TY_ARRAY:
    return ir_type_array(l->m, lower_type(l, t->base, IR_AS_UNKNOWN, loc), t->array_len);
  case TY_STRUCT: case TY_UNION: return struct_type(l, lower_struct(l, t, loc));
  case TY_DIM3:
    if (!l->dim3) {
      ir_struct *st = CW_NEW(l->a, ir_struct);
      st->id = l->m->next_id++;
      st->name = "cw_dim3";
      ir_reserve_name(l->m, st->name);
      st->nfields = 3;
      st->fields = CW_NEW_ARRAY(l->a, ir_field, 3);
      for (int i = 0; i < 3; i++) {
        st->fields[i].name = i == 0 ? "x" : i == 1 ? "y" : "z";
        st->fields[i].type = &ir_u32;
        st->fields[i].offset = 4 * i;
      }
      st->size = 12;
      st->align = 4;
      ir_module_add_struct(l->m, st);
      l->dim3 = st;
    }
    return struct_type(l, l->dim3);
  case TY_FUNC: cw_error(l->d, loc, "function pointers are not supported in device code");
  }
  cw_error(l->d, loc, "internal error: unknown type in lowering");
}

static ir_type *ty(L *l, cw_node *n) { return lower_type(l, n->ty, IR_AS_UNKNOWN, n->loc); }

/* ---------------- variables ---------------- */
static ir_var *new_temp(L *l, ir_type *t, ir_expr *init, cw_loc loc) {
  ir_var *v = ir_var_new(l->m, IR_VAR_LOCAL, "tmp", t, loc);
  ir_stmt *s = ir_stmt_new(l->m, IR_S_DECL, loc);
  s->var = v;
  s->init = init;
  emit(l, s);
  return v;
}

/* Maps an AST variable to its IR variable, creating locals/hoisted shared on
 * first sight. `as_hint` is the address space of a pointer local (from its
 * initialiser). */
static ir_var *get_var(L *l, cw_obj *o, ir_addr_space as_hint) {
  ir_var *v = pmap_get(&l->vars, o);
  if (v) return v;
  switch (o->storage) {
  case CW_STORE_LOCAL:
    v = ir_var_new(l->m, IR_VAR_LOCAL, o->name, lower_type(l, o->ty, as_hint, o->loc), o->loc);
    break;
  case CW_STORE_SHARED: case CW_STORE_EXTERN_SHARED: {
    /* function-scope __shared__: hoisted to a module global */
    const char *want = l->fn ? cw_arena_printf(l->a, "%s_%s", l->fn->name, o->name) : o->name;
    v = ir_var_new_named(l->m, o->storage == CW_STORE_SHARED ? IR_VAR_SHARED : IR_VAR_DYN_SHARED,
                         want, o->name, lower_type(l, o->ty, IR_AS_UNKNOWN, o->loc), o->loc);
    if (o->storage == CW_STORE_EXTERN_SHARED && v->type->kind != IR_T_ARRAY)
      cw_error(l->d, o->loc, "extern __shared__ variable '%s' must be an unsized array", o->name);
    ir_module_add_global(l->m, v);
    break;
  }
  case CW_STORE_STATIC_LOCAL:
    cw_error(l->d, o->loc, "static local variables are not supported in device code");
  default:
    cw_error(l->d, o->loc, "'%s' is not available in device code", o->name);
  }
  pmap_put(l, &l->vars, o, v);
  return v;
}

/* ---------------- expressions ---------------- */
static ir_expr *lx(L *l, cw_node *n);
static ir_expr *lv(L *l, cw_node *n);
static void lower_effect(L *l, cw_node *n);
static ir_expr *lcond(L *l, cw_node *n);

static ir_addr_space space_of_lvalue(const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR:
    switch (e->var->kind) {
    case IR_VAR_SHARED: case IR_VAR_DYN_SHARED: return IR_AS_SHARED;
    case IR_VAR_CONSTANT: return IR_AS_CONSTANT;
    case IR_VAR_DEVICE: return IR_AS_GLOBAL;
    default: return IR_AS_PRIVATE;
    }
  case IR_E_INDEX: case IR_E_MEMBER: return space_of_lvalue(e->a);
  case IR_E_DEREF: return e->a->type->kind == IR_T_PTR ? e->a->type->as : IR_AS_UNKNOWN;
  default: return IR_AS_UNKNOWN;
  }
}

static ir_expr *mk_addr(L *l, ir_expr *lval, bool pconst, cw_loc loc) {
  if (lval->kind == IR_E_DEREF) return lval->a;
  ir_expr *e = ir_expr_new(l->m, IR_E_ADDR,
                           ir_type_ptr(l->m, lval->type, space_of_lvalue(lval), pconst), loc);
  e->a = lval;
  return e;
}

static ir_expr *mk_deref(L *l, ir_expr *p, cw_loc loc) {
  if (p->type->kind != IR_T_PTR) cw_error(l->d, loc, "internal error: dereference of a non-pointer");
  if (p->kind == IR_E_ADDR) return p->a;
  ir_expr *e = ir_expr_new(l->m, IR_E_DEREF, p->type->elem, loc);
  e->a = p;
  return e;
}

static ir_expr *mk_index(L *l, ir_expr *arr, ir_expr *idx, cw_loc loc) {
  if (arr->type->kind != IR_T_ARRAY) cw_error(l->d, loc, "internal error: index of a non-array");
  ir_expr *e = ir_expr_new(l->m, IR_E_INDEX, arr->type->elem, loc);
  e->a = arr;
  e->b = idx;
  return e;
}

static ir_expr *mk_ptr_add(L *l, ir_expr *p, ir_expr *i, cw_loc loc) {
  ir_expr *e = ir_expr_new(l->m, IR_E_PTR_ADD, p->type, loc);
  e->a = p;
  e->b = i;
  return e;
}

static bool trivial(const ir_expr *e) {
  return e->kind == IR_E_CONST || e->kind == IR_E_VAR || e->kind == IR_E_BUILTIN;
}

/* Saves a non-trivial value to a temporary so it can be used twice. */
static ir_expr *stable_val(L *l, ir_expr *e) {
  if (trivial(e)) return e;
  if (e->kind == IR_E_PTR_ADD) {
    ir_expr *c = mk_ptr_add(l, stable_val(l, e->a), stable_val(l, e->b), e->loc);
    return c;
  }
  return ir_var_ref(l->m, new_temp(l, e->type, e, e->loc), e->loc);
}

/* An lvalue whose sub-expressions are trivial, so it can be read and written
 * (compound assignment, ++) with the address computed once. */
static ir_expr *stable_lv(L *l, ir_expr *e) {
  ir_expr *c;
  switch (e->kind) {
  case IR_E_INDEX:
    c = mk_index(l, stable_lv(l, e->a), stable_val(l, e->b), e->loc);
    return c;
  case IR_E_MEMBER:
    c = ir_expr_clone(l->m, e);
    c->a = stable_lv(l, e->a);
    return c;
  case IR_E_DEREF:
    c = ir_expr_new(l->m, IR_E_DEREF, e->type, e->loc);
    c->a = stable_val(l, e->a);
    return c;
  default: return e;
  }
}

static ir_op binop(L *l, cw_node_kind k, ir_type *t, cw_loc loc) {
  switch (k) {
  case ND_ADD: return IR_OP_ADD;
  case ND_SUB: return IR_OP_SUB;
  case ND_MUL: return IR_OP_MUL;
  case ND_DIV: return IR_OP_DIV;
  case ND_MOD: return IR_OP_REM;
  case ND_SHL: return IR_OP_SHL;
  case ND_SHR: return IR_OP_SHR;
  case ND_BITAND: return IR_OP_AND;
  case ND_BITOR: return IR_OP_OR;
  case ND_BITXOR: return IR_OP_XOR;
  case ND_EQ: return IR_OP_EQ;
  case ND_NE: return IR_OP_NE;
  case ND_LT: return IR_OP_LT;
  case ND_LE: return IR_OP_LE;
  case ND_GT: return IR_OP_GT;
  case ND_GE: return IR_OP_GE;
  default: cw_error(l->d, loc, "internal error: unexpected operator in lowering");
  }
}

static bool is_cmp_node(cw_node_kind k) { return k >= ND_EQ && k <= ND_GE; }

/* op applied in type t (operands converted; shift counts left alone). */
static ir_expr *arith(L *l, ir_op op, ir_type *t, ir_expr *a, ir_expr *b, cw_loc loc) {
  if (ir_type_is_float(t) && (op == IR_OP_REM || op == IR_OP_SHL || op == IR_OP_SHR ||
                              op == IR_OP_AND || op == IR_OP_OR || op == IR_OP_XOR))
    cw_error(l->d, loc, "invalid operands to '%s' (have float)", ir_op_str(op));
  a = ir_convert(l->m, t, a, loc);
  if (op != IR_OP_SHL && op != IR_OP_SHR) b = ir_convert(l->m, t, b, loc);
  return ir_binary(l->m, op, a, b, loc);
}

/* Logical negation; integer comparisons are inverted for readability (not
 * float ones: NaN makes !(a < b) differ from a >= b). */
static ir_expr *lnot(L *l, ir_expr *c, cw_loc loc) {
  if (c->kind == IR_E_BINARY && ir_type_is_int(c->a->type)) {
    ir_op inv = (ir_op)-1;
    switch (c->op) {
    case IR_OP_EQ: inv = IR_OP_NE; break;
    case IR_OP_NE: inv = IR_OP_EQ; break;
    case IR_OP_LT: inv = IR_OP_GE; break;
    case IR_OP_LE: inv = IR_OP_GT; break;
    case IR_OP_GT: inv = IR_OP_LE; break;
    case IR_OP_GE: inv = IR_OP_LT; break;
    default: break;
    }
    if ((int)inv >= 0) return ir_binary(l->m, inv, c->a, c->b, loc);
  }
  if (c->kind == IR_E_UNARY && c->op == IR_OP_NOT) return c->a;
  return ir_unary(l->m, IR_OP_NOT, c, loc);
}

/* Lowers n into a scratch block; returns the value and the block (body NULL
 * when nothing was emitted). */
static ir_expr *lx_scratch(L *l, cw_node *n, out_blk *o, bool cond) {
  out_blk *save = l->cur;
  *o = new_out(l, n->loc);
  l->cur = o;
  ir_expr *e = cond ? lcond(l, n) : lx(l, n);
  l->cur = save;
  return e;
}

static ir_stmt *mk_assign(L *l, ir_expr *lhs, ir_expr *rhs, cw_loc loc) {
  ir_stmt *s = ir_stmt_new(l->m, IR_S_ASSIGN, loc);
  s->lhs = lhs;
  s->rhs = rhs;
  return s;
}

static ir_stmt *mk_if(L *l, ir_expr *c, ir_stmt *then_b, ir_stmt *else_b, cw_loc loc) {
  ir_stmt *s = ir_stmt_new(l->m, IR_S_IF, loc);
  s->cond = c;
  s->then_s = then_b;
  s->else_s = else_b;
  return s;
}

/* && and ||: value is bool. */
static ir_expr *lower_logic(L *l, cw_node *n) {
  bool is_and = n->kind == ND_LOGAND;
  ir_expr *a = lcond(l, n->lhs);
  out_blk rb;
  ir_expr *b = lx_scratch(l, n->rhs, &rb, true);
  if (!rb.block->body)
    return ir_binary(l->m, is_and ? IR_OP_LAND : IR_OP_LOR, a, b, n->loc);
  /* t = a; if (t) { rhs stmts; t = b }   (|| : if (!t)) */
  ir_var *t = new_temp(l, &ir_bool, a, n->loc);
  ir_block_append(rb.block, mk_assign(l, ir_var_ref(l->m, t, n->loc), b, n->loc));
  ir_expr *c = ir_var_ref(l->m, t, n->loc);
  emit(l, mk_if(l, is_and ? c : ir_unary(l->m, IR_OP_NOT, c, n->loc), rb.block, NULL, n->loc));
  return ir_var_ref(l->m, t, n->loc);
}

/* Condition: a bool expression (comparisons and logic stay bool). */
static ir_expr *lcond(L *l, cw_node *n) {
  if (is_cmp_node(n->kind)) {
    ir_expr *a = lx(l, n->lhs), *b = lx(l, n->rhs);
    if (a->type->kind != IR_T_PTR && !ir_type_eq(a->type, b->type)) b = ir_convert(l->m, a->type, b, n->loc);
    return ir_binary(l->m, binop(l, n->kind, a->type, n->loc), a, b, n->loc);
  }
  if (n->kind == ND_LOGAND || n->kind == ND_LOGOR) return lower_logic(l, n);
  if (n->kind == ND_NOT) return lnot(l, lcond(l, n->lhs), n->loc);
  ir_expr *e = lx(l, n);
  if (!e) cw_error(l->d, n->loc, "a void value cannot be used as a condition");
  return ir_to_bool(l->m, e, n->loc);
}

static ir_expr *lower_cast(L *l, cw_node *n) {
  ir_expr *a = lx(l, n->lhs);
  cw_type *to = n->ty;
  while (to->origin && to->origin != to) to = to->origin;
  if (to->kind == TY_VOID) return a;
  if (!a) cw_error(l->d, n->loc, "a void value cannot be converted");
  if (to->kind == TY_PTR) {
    if (a->type->kind != IR_T_PTR) {
      if (a->kind == IR_E_CONST && a->u.i == 0)
        cw_error(l->d, n->loc, "null pointers are not supported in device code");
      cw_error(l->d, n->loc, "converting an integer to a pointer is not supported in device code");
    }
    ir_type *t = lower_type(l, to, a->type->as, n->loc);
    if (ir_type_eq(t->elem, a->type->elem)) return a; /* only qualifiers change */
    /* reinterpreting pointer (e.g. (unsigned int *)&f): provenance decides */
    ir_expr *e = ir_expr_new(l->m, IR_E_BITCAST, t, n->loc);
    e->a = a;
    return e;
  }
  ir_type *t = ty(l, n);
  if (a->type->kind == IR_T_PTR) {
    if (t->kind == IR_T_BOOL) return ir_to_bool(l->m, a, n->loc);
    cw_error(l->d, n->loc, "converting a pointer to an integer is not supported in device code");
  }
  if (t->kind == IR_T_BOOL) return ir_to_bool(l->m, a, n->loc);
  if (!ir_type_is_scalar(t)) {
    if (ir_type_eq(t, a->type)) return a;
    cw_error(l->d, n->loc, "unsupported conversion to '%s'", ir_type_str(l->m, t));
  }
  return ir_convert(l->m, t, a, n->loc);
}

/* Assignment (plain and compound). Returns the new value when want. */
static ir_expr *lower_assign(L *l, cw_node *n, bool want) {
  if (n->op == ND_NONE) {
    ir_expr *lhs = lv(l, n->lhs);
    ir_expr *rhs = lx(l, n->rhs);
    if (!rhs) cw_error(l->d, n->loc, "a void value cannot be assigned");
    if (lhs->type->kind != IR_T_PTR && ir_type_is_scalar(lhs->type))
      rhs = ir_convert(l->m, lhs->type, rhs, n->loc);
    if (want && !trivial(rhs) && lhs->kind != IR_E_VAR)
      rhs = ir_var_ref(l->m, new_temp(l, rhs->type, rhs, n->loc), n->loc);
    emit(l, mk_assign(l, lhs, rhs, n->loc));
    if (!want) return NULL;
    return rhs->kind == IR_E_CONST || lhs->kind != IR_E_VAR ? rhs : ir_expr_clone(l->m, lhs);
  }
  ir_expr *lhs = stable_lv(l, lv(l, n->lhs));
  ir_expr *rhs = lx(l, n->rhs);
  ir_expr *nv;
  if (n->op == ND_PTR_ADD || n->op == ND_PTR_SUB) {
    if (n->op == ND_PTR_SUB) rhs = ir_unary(l->m, IR_OP_NEG, rhs, n->loc);
    nv = mk_ptr_add(l, ir_expr_clone(l->m, lhs), rhs, n->loc);
  } else {
    ir_type *ct = n->comp_ty ? lower_type(l, n->comp_ty, IR_AS_UNKNOWN, n->loc) : lhs->type;
    nv = arith(l, binop(l, n->op, ct, n->loc), ct, ir_expr_clone(l->m, lhs), rhs, n->loc);
    nv = ir_convert(l->m, lhs->type, nv, n->loc);
  }
  emit(l, mk_assign(l, lhs, nv, n->loc));
  return want ? ir_expr_clone(l->m, lhs) : NULL;
}

static ir_expr *lower_incdec(L *l, cw_node *n, bool want) {
  bool inc = n->kind == ND_PRE_INC || n->kind == ND_POST_INC;
  bool post = n->kind == ND_POST_INC || n->kind == ND_POST_DEC;
  ir_expr *lhs = stable_lv(l, lv(l, n->lhs));
  ir_type *t = lhs->type;
  ir_expr *old = NULL;
  if (post && want) old = ir_var_ref(l->m, new_temp(l, t, ir_expr_clone(l->m, lhs), n->loc), n->loc);
  ir_expr *cur = old ? old : ir_expr_clone(l->m, lhs);
  ir_expr *nv;
  if (t->kind == IR_T_PTR) {
    nv = mk_ptr_add(l, cur, ir_const_int(l->m, &ir_i32, inc ? 1 : (uint64_t)-1, n->loc), n->loc);
  } else if (ir_type_is_float(t)) {
    nv = ir_binary(l->m, inc ? IR_OP_ADD : IR_OP_SUB, cur, ir_const_float(l->m, t, 1.0, n->loc), n->loc);
  } else if (ir_type_is_int(t)) {
    /* C promotes narrow types to int before adding */
    ir_type *ct = t->size < 4 ? &ir_i32 : t;
    nv = ir_binary(l->m, inc ? IR_OP_ADD : IR_OP_SUB, ir_convert(l->m, ct, cur, n->loc),
                   ir_const_int(l->m, ct, 1, n->loc), n->loc);
    nv = ir_convert(l->m, t, nv, n->loc);
  } else {
    cw_error(l->d, n->loc, "invalid operand to %s", inc ? "++" : "--");
  }
  emit(l, mk_assign(l, lhs, nv, n->loc));
  if (!want) return NULL;
  return old ? old : ir_expr_clone(l->m, lhs);
}

static ir_func *find_func(L *l, cw_obj *f, cw_loc loc) {
  for (ir_func *fn = l->m->funcs; fn; fn = fn->next)
    if (strcmp(fn->name, f->name) == 0) {
      if (fn->is_kernel)
        cw_error(l->d, loc, "launching kernel '%s' from device code is not supported", f->name);
      return fn;
    }
  if (!(f->fn_flags & (CW_FN_DEVICE | CW_FN_GLOBAL)))
    cw_error(l->d, loc, "cannot call host function '%s' from device code; mark it __device__",
             f->name);
  cw_error(l->d, loc, "device function '%s' is declared but never defined",
           f->display_name ? f->display_name : f->src_name ? f->src_name : f->name);
}

static ir_expr *lower_call(L *l, cw_node *n, bool want) {
  ir_func *fn = find_func(l, n->func, n->loc);
  ir_stmt *s = ir_stmt_new(l->m, IR_S_CALL, n->loc);
  s->callee = fn;
  s->nargs = 0;
  for (cw_node *a = n->args; a; a = a->next) s->nargs++;
  s->args = CW_NEW_ARRAY(l->a, ir_expr *, s->nargs ? s->nargs : 1);
  int i = 0;
  for (cw_node *a = n->args; a; a = a->next, i++) {
    ir_expr *e = lx(l, a);
    if (!e) cw_error(l->d, a->loc, "a void value cannot be passed as an argument");
    /* later arguments' statements must not change an earlier argument */
    if (a->next && !trivial(e) && e->kind != IR_E_PTR_ADD && e->kind != IR_E_ADDR)
      e = ir_var_ref(l->m, new_temp(l, e->type, e, a->loc), a->loc);
    s->args[i] = e;
  }
  if (i != fn->nparams) cw_error(l->d, n->loc, "wrong number of arguments to '%s'", fn->name);
  if (want && fn->ret->kind != IR_T_VOID) s->dst = new_temp(l, fn->ret, NULL, n->loc);
  emit(l, s);
  return s->dst ? ir_var_ref(l->m, s->dst, n->loc) : NULL;
}

/* A warp intrinsic becomes an IR_S_WARP statement whose result lives in a
 * fresh local (front/builtins.c passed every argument, defaults included). */
static ir_expr *lower_warp(L *l, cw_node *n, bool want) {
  ir_expr *args[4] = {0};
  int na = 0;
  cw_intrinsic in = n->intrinsic;
  for (cw_node *a = n->args; a && na < 4; a = a->next) {
    ir_expr *e = lx(l, a);
    if (!e) cw_error(l->d, a->loc, "a void value cannot be passed as an argument");
    /* later arguments' statements must not change an earlier argument */
    if (a->next && !trivial(e)) e = ir_var_ref(l->m, new_temp(l, e->type, e, a->loc), a->loc);
    args[na++] = e;
  }
  bool shfl = in == CW_IN_SHFL || in == CW_IN_SHFL_UP || in == CW_IN_SHFL_DOWN || in == CW_IN_SHFL_XOR;
  int want_args = in == CW_IN_ACTIVEMASK ? 0 : in == CW_IN_SYNCWARP ? 1 : shfl ? 4 : 2;
  if (na != want_args)
    cw_error(l->d, n->loc, "wrong number of arguments to '%s'", cw_intrinsic_name(in));
  ir_stmt *s = ir_stmt_new(l->m, IR_S_WARP, n->loc);
  s->intrinsic = in;
  s->nargs = 2;
  s->args = CW_NEW_ARRAY(l->a, ir_expr *, 2);
  s->args[0] = na ? ir_convert(l->m, &ir_u32, args[0], n->loc) : ir_const_int(l->m, &ir_u32, 0xffffffffu, n->loc);
  s->args[1] = shfl ? ir_convert(l->m, &ir_i32, args[3], n->loc) : ir_const_int(l->m, &ir_i32, 32, n->loc);
  ir_type *rt = ty(l, n);
  if (shfl) {
    s->value = ir_convert(l->m, rt, args[1], n->loc);
    s->cmp = args[2];
    if (s->cmp->type->kind != IR_T_U32) s->cmp = ir_convert(l->m, &ir_i32, s->cmp, n->loc);
  } else if (in == CW_IN_BALLOT || in == CW_IN_VOTE_ANY || in == CW_IN_VOTE_ALL) {
    s->value = ir_to_bool(l->m, args[1], n->loc);
  } else if (in != CW_IN_ACTIVEMASK && in != CW_IN_SYNCWARP) {
    s->value = ir_convert(l->m, rt, args[1], n->loc);
  }
  if (in != CW_IN_SYNCWARP) s->dst = new_temp(l, rt, NULL, n->loc);
  emit(l, s);
  return want && s->dst ? ir_var_ref(l->m, s->dst, n->loc) : NULL;
}

static ir_expr *lower_intrinsic(L *l, cw_node *n, bool want) {
  ir_expr *args[3] = {0};
  int na = 0;
  cw_intrinsic in = n->intrinsic;
  if (cw_intrinsic_is_warp(in)) return lower_warp(l, n, want);
  if (in == CW_IN_SYNCTHREADS || in == CW_IN_THREADFENCE || in == CW_IN_THREADFENCE_BLOCK) {
    ir_stmt *s = ir_stmt_new(l->m, IR_S_BARRIER, n->loc);
    s->intrinsic = in;
    s->in_uniform_cf = true;
    emit(l, s);
    return NULL;
  }
  for (cw_node *a = n->args; a && na < 3; a = a->next) {
    args[na] = lx(l, a);
    if (!args[na]) cw_error(l->d, a->loc, "a void value cannot be passed as an argument");
    na++;
  }
  if (na != cw_intrinsic_nargs(in))
    cw_error(l->d, n->loc, "wrong number of arguments to '%s'", cw_intrinsic_name(in));
  if (in == CW_IN_LDG) return mk_deref(l, args[0], n->loc);
  if (in == CW_IN_SINCOS) {
    ir_expr *x = stable_val(l, args[0]);
    ir_expr *s = ir_expr_new(l->m, IR_E_INTRINSIC, x->type, n->loc);
    s->intrinsic = CW_IN_SIN;
    s->nargs = 1;
    s->args = CW_NEW_ARRAY(l->a, ir_expr *, 1);
    s->args[0] = x;
    ir_expr *c = ir_expr_clone(l->m, s);
    c->intrinsic = CW_IN_COS;
    emit(l, mk_assign(l, mk_deref(l, args[1], n->loc), s, n->loc));
    emit(l, mk_assign(l, mk_deref(l, args[2], n->loc), c, n->loc));
    return NULL;
  }
  if (cw_intrinsic_is_atomic(in)) {
    ir_stmt *s = ir_stmt_new(l->m, IR_S_ATOMIC, n->loc);
    s->intrinsic = in;
    s->addr = mk_deref(l, args[0], n->loc);
    if (in == CW_IN_ATOMIC_CAS) {
      s->cmp = ir_convert(l->m, s->addr->type, args[1], n->loc);
      s->value = ir_convert(l->m, s->addr->type, args[2], n->loc);
    } else {
      s->value = ir_convert(l->m, s->addr->type, args[1], n->loc);
    }
    if (want) s->dst = new_temp(l, s->addr->type, NULL, n->loc);
    emit(l, s);
    return s->dst ? ir_var_ref(l->m, s->dst, n->loc) : NULL;
  }
  ir_expr *e = ir_expr_new(l->m, IR_E_INTRINSIC, ty(l, n), n->loc);
  e->intrinsic = in;
  e->nargs = na;
  e->args = CW_NEW_ARRAY(l->a, ir_expr *, na ? na : 1);
  for (int i = 0; i < na; i++) e->args[i] = args[i];
  return e;
}

/* c ? x : y in value context. */
/* printf / assert / __trap (front/printf.c): arguments are evaluated in
 * order into stable values; printf's value is its argument count (what
 * CUDA's printf returns). */
static ir_expr *lower_device_io(L *l, cw_node *n) {
  ir_stmt *s = ir_stmt_new(l->m, n->kind == ND_PRINTF ? IR_S_PRINTF : IR_S_ASSERT, n->loc);
  s->str_id = ir_module_add_string(l->m, n->str);
  if (n->kind == ND_ASSERT) {
    if (n->lhs) s->cond = lcond(l, n->lhs);
    emit(l, s);
    return NULL;
  }
  s->nargs = n->nargs;
  s->args = CW_NEW_ARRAY(l->a, ir_expr *, n->nargs ? n->nargs : 1);
  int i = 0;
  for (cw_node *a = n->args; a; a = a->next, i++) {
    ir_expr *e = lx(l, a);
    if (!e) cw_error(l->d, a->loc, "a void value cannot be passed as an argument");
    if (a->next && !trivial(e)) e = ir_var_ref(l->m, new_temp(l, e->type, e, a->loc), a->loc);
    s->args[i] = e;
  }
  emit(l, s);
  return ir_const_int(l->m, &ir_i32, (uint64_t)n->nargs, n->loc);
}

static ir_expr *lower_cond_expr(L *l, cw_node *n, bool want) {
  ir_expr *c = lcond(l, n->cond);
  out_blk tb, eb;
  ir_expr *x = lx_scratch(l, n->then, &tb, false);
  ir_expr *y = lx_scratch(l, n->els, &eb, false);
  bool is_void = n->ty->kind == TY_VOID || !x || !y;
  ir_type *t = is_void ? &ir_void : (x->type->kind == IR_T_PTR ? x->type : ty(l, n));
  if (!is_void && t->kind != IR_T_PTR && ir_type_is_scalar(t)) {
    x = ir_convert(l->m, t, x, n->loc);
    y = ir_convert(l->m, t, y, n->loc);
  }
  if (!is_void && !tb.block->body && !eb.block->body && want && ir_type_is_scalar(t)) {
    ir_expr *e = ir_expr_new(l->m, IR_E_SELECT, t, n->loc);
    e->a = c;
    e->b = x;
    e->c = y;
    return e;
  }
  ir_var *tmp = NULL;
  if (!is_void && want) {
    tmp = new_temp(l, t, NULL, n->loc);
    ir_block_append(tb.block, mk_assign(l, ir_var_ref(l->m, tmp, n->loc), x, n->loc));
    ir_block_append(eb.block, mk_assign(l, ir_var_ref(l->m, tmp, n->loc), y, n->loc));
  }
  emit(l, mk_if(l, c, tb.block, eb.block->body ? eb.block : NULL, n->loc));
  return tmp ? ir_var_ref(l->m, tmp, n->loc) : NULL;
}

/* Value of an expression (NULL for void). */
static ir_expr *lx(L *l, cw_node *n) {
  cw_loc loc = n->loc;
  switch (n->kind) {
  case ND_NUM: {
    ir_type *t = ty(l, n);
    if (ir_type_is_float(t)) return ir_const_float(l->m, t, n->fval, loc);
    if (t->kind == IR_T_PTR) /* nullptr, NULL */
      cw_error(l->d, loc, "null pointers are not supported in device code");
    if (!ir_type_is_int(t) && t->kind != IR_T_BOOL)
      cw_error(l->d, loc, "internal error: constant of type '%s'", ir_type_str(l->m, t));
    return ir_const_int(l->m, t, (uint64_t)n->ival, loc);
  }
  case ND_VAR: {
    ir_var *v = get_var(l, n->var, IR_AS_UNKNOWN);
    return ir_var_ref(l->m, v, loc);
  }
  case ND_ADD: case ND_SUB: case ND_MUL: case ND_DIV: case ND_MOD: case ND_SHL: case ND_SHR:
  case ND_BITAND: case ND_BITOR: case ND_BITXOR: {
    ir_type *t = ty(l, n);
    ir_expr *a = lx(l, n->lhs), *b = lx(l, n->rhs);
    return arith(l, binop(l, n->kind, t, loc), t, a, b, loc);
  }
  case ND_EQ: case ND_NE: case ND_LT: case ND_LE: case ND_GT: case ND_GE:
  case ND_LOGAND: case ND_LOGOR: case ND_NOT:
    return ir_convert(l->m, ty(l, n), lcond(l, n), loc);
  case ND_NEG: case ND_BITNOT: {
    ir_type *t = ty(l, n);
    ir_expr *a = ir_convert(l->m, t, lx(l, n->lhs), loc);
    if (n->kind == ND_BITNOT && !ir_type_is_int(t)) cw_error(l->d, loc, "invalid operand to '~'");
    return ir_unary(l->m, n->kind == ND_NEG ? IR_OP_NEG : IR_OP_BITNOT, a, loc);
  }
  case ND_PTR_ADD: case ND_PTR_SUB: {
    ir_expr *p = lx(l, n->lhs), *i = lx(l, n->rhs);
    if (n->kind == ND_PTR_SUB) i = ir_unary(l->m, IR_OP_NEG, i, loc);
    return mk_ptr_add(l, p, i, loc);
  }
  case ND_PTR_DIFF: {
    ir_expr *e = ir_expr_new(l->m, IR_E_PTR_DIFF, &ir_i64, loc);
    e->a = lx(l, n->lhs);
    e->b = lx(l, n->rhs);
    return ir_convert(l->m, ty(l, n), e, loc);
  }
  case ND_ASSIGN: return lower_assign(l, n, true);
  case ND_PRE_INC: case ND_PRE_DEC: case ND_POST_INC: case ND_POST_DEC:
    return lower_incdec(l, n, true);
  case ND_COND: return lower_cond_expr(l, n, true);
  case ND_COMMA:
    lower_effect(l, n->lhs);
    return lx(l, n->rhs);
  case ND_MEMBER: case ND_INDEX: case ND_DEREF: return lv(l, n);
  case ND_DECAY: {
    ir_expr *a = lv(l, n->lhs);
    return mk_addr(l, mk_index(l, a, ir_const_int(l->m, &ir_i32, 0, loc), loc), false, loc);
  }
  case ND_ADDR: {
    ir_expr *a = lv(l, n->lhs);
    cw_type *pt = n->ty;
    while (pt->origin && pt->origin != pt) pt = pt->origin;
    return mk_addr(l, a, pt->kind == TY_PTR && pt->base && pt->base->is_const, loc);
  }
  case ND_CAST: return lower_cast(l, n);
  case ND_FUNCALL: return lower_call(l, n, true);
  case ND_INTRINSIC: return lower_intrinsic(l, n, true);
  case ND_PRINTF: case ND_ASSERT: return lower_device_io(l, n);
  case ND_BUILTIN: {
    if (n->ty->kind == TY_DIM3)
      cw_error(l->d, loc, "using a whole dim3 built-in as a value is not supported; use .x/.y/.z");
    bool ws = n->builtin == CW_BI_WARP_SIZE;
    ir_expr *e = ir_expr_new(l->m, IR_E_BUILTIN, ws ? &ir_i32 : &ir_u32, loc);
    e->builtin = (ir_builtin)n->builtin;
    e->dim = n->dim;
    return ir_convert(l->m, ty(l, n), e, loc);
  }
  case ND_MEMZERO: lower_effect(l, n); return NULL;
  default: cw_error(l->d, loc, "internal error: unexpected expression node %d in lowering", (int)n->kind);
  }
}

/* An lvalue. */
static ir_expr *lv(L *l, cw_node *n) {
  cw_loc loc = n->loc;
  switch (n->kind) {
  case ND_VAR: return lx(l, n);
  case ND_DEREF: {
    ir_expr *p = lx(l, n->lhs);
    if (!p || p->type->kind != IR_T_PTR) cw_error(l->d, loc, "internal error: dereference of a non-pointer");
    return mk_deref(l, p, loc);
  }
  case ND_INDEX: {
    ir_expr *a = lv(l, n->lhs);
    ir_expr *i = lx(l, n->rhs);
    return mk_index(l, a, i, loc);
  }
  case ND_MEMBER: {
    ir_expr *a = lv(l, n->lhs);
    if (a->type->kind != IR_T_STRUCT) cw_error(l->d, loc, "internal error: member of a non-struct");
    ir_expr *e = ir_expr_new(l->m, IR_E_MEMBER, NULL, loc);
    e->a = a;
    e->field = n->member->idx;
    if (e->field < 0 || e->field >= a->type->st->nfields)
      cw_error(l->d, loc, "internal error: bad member index");
    e->type = a->type->st->fields[e->field].type;
    return e;
  }
  case ND_COMMA:
    lower_effect(l, n->lhs);
    return lv(l, n->rhs);
  default: {
    /* rvalue used where an lvalue is needed (e.g. f().x): materialise */
    ir_expr *e = lx(l, n);
    if (!e) cw_error(l->d, loc, "a void value cannot be used here");
    if (ir_expr_is_lvalue(e)) return e;
    return ir_var_ref(l->m, new_temp(l, e->type, e, loc), loc);
  }
  }
}

/* Zeroes every leaf of lvalue e (ND_MEMZERO not directly after its decl). */
static void zero_lvalue(L *l, ir_expr *e, cw_loc loc) {
  ir_type *t = e->type;
  if (ir_type_is_int(t) || t->kind == IR_T_BOOL) {
    emit(l, mk_assign(l, e, ir_const_int(l->m, t, 0, loc), loc));
  } else if (ir_type_is_float(t)) {
    emit(l, mk_assign(l, e, ir_const_float(l->m, t, 0.0, loc), loc));
  } else if (t->kind == IR_T_ARRAY) {
    /* for (k = 0; k < len; k++) e[k] = 0 */
    ir_var *k = new_temp(l, &ir_i32, ir_const_int(l->m, &ir_i32, 0, loc), loc);
    ir_stmt *lp = ir_stmt_new(l->m, IR_S_LOOP, loc);
    out_blk body = new_out(l, loc), *save = l->cur;
    l->cur = &body;
    ir_stmt *brk = ir_block_new(l->m, loc);
    ir_block_append(brk, ir_stmt_new(l->m, IR_S_BREAK, loc));
    emit(l, mk_if(l, ir_binary(l->m, IR_OP_GE, ir_var_ref(l->m, k, loc),
                               ir_const_int(l->m, &ir_i32, (uint64_t)t->len, loc), loc),
                  brk, NULL, loc));
    zero_lvalue(l, mk_index(l, ir_expr_clone(l->m, e), ir_var_ref(l->m, k, loc), loc), loc);
    l->cur = save;
    lp->body = body.block;
    lp->cont = ir_block_new(l->m, loc);
    ir_block_append(lp->cont, mk_assign(l, ir_var_ref(l->m, k, loc),
                                        ir_binary(l->m, IR_OP_ADD, ir_var_ref(l->m, k, loc),
                                                  ir_const_int(l->m, &ir_i32, 1, loc), loc),
                                        loc));
    emit(l, lp);
  } else if (t->kind == IR_T_STRUCT) {
    int n = t->st->is_union && t->st->nfields ? 1 : t->st->nfields;
    for (int i = 0; i < n; i++) {
      ir_expr *mb = ir_expr_new(l->m, IR_E_MEMBER, t->st->fields[i].type, loc);
      mb->a = ir_expr_clone(l->m, e);
      mb->field = i;
      zero_lvalue(l, mb, loc);
    }
  } else {
    cw_error(l->d, loc, "cannot zero-initialise a value of type '%s'", ir_type_str(l->m, t));
  }
}

/* Expression evaluated for its effects only. */
static void lower_effect(L *l, cw_node *n) {
  switch (n->kind) {
  case ND_ASSIGN: lower_assign(l, n, false); return;
  case ND_PRE_INC: case ND_PRE_DEC: case ND_POST_INC: case ND_POST_DEC:
    lower_incdec(l, n, false);
    return;
  case ND_FUNCALL: lower_call(l, n, false); return;
  case ND_INTRINSIC: lower_intrinsic(l, n, false); return;
  case ND_PRINTF: case ND_ASSERT: lower_device_io(l, n); return;
  case ND_COMMA:
    lower_effect(l, n->lhs);
    lower_effect(l, n->rhs);
    return;
  case ND_CAST:
    if (n->ty->kind == TY_VOID) {
      lower_effect(l, n->lhs);
      return;
    }
    break;
  case ND_COND: lower_cond_expr(l, n, false); return;
  case ND_LOGAND: case ND_LOGOR: {
    /* a && f();  ->  if (a) { f(); } */
    ir_expr *c = lcond(l, n->lhs);
    out_blk b = new_out(l, n->loc), *save = l->cur;
    l->cur = &b;
    lower_effect(l, n->rhs);
    l->cur = save;
    if (b.block->body)
      emit(l, mk_if(l, n->kind == ND_LOGAND ? c : lnot(l, c, n->loc), b.block, NULL, n->loc));
    return;
  }
  case ND_MEMZERO: {
    ir_var *v = get_var(l, n->var, IR_AS_UNKNOWN);
    zero_lvalue(l, ir_var_ref(l->m, v, n->loc), n->loc);
    return;
  }
  default: break;
  }
  lx(l, n); /* pure: only the side effects of sub-expressions matter */
}

/* ---------------- statements ---------------- */
static void lower_stmt(L *l, cw_node *n);

static void lower_list(L *l, cw_node *first);

static ir_stmt *lower_to_block(L *l, cw_node *n, cw_loc loc) {
  out_blk b = new_out(l, loc), *save = l->cur;
  l->cur = &b;
  if (n) lower_stmt(l, n);
  l->cur = save;
  return b.block;
}

static ir_stmt *break_block(L *l, cw_loc loc) {
  ir_stmt *b = ir_block_new(l->m, loc);
  ir_block_append(b, ir_stmt_new(l->m, IR_S_BREAK, loc));
  return b;
}

static bool terminates(const ir_stmt *s) {
  if (!s) return false;
  switch (s->kind) {
  case IR_S_BREAK: case IR_S_CONTINUE: case IR_S_RETURN: return true;
  case IR_S_BLOCK: {
    const ir_stmt *last = s->body;
    while (last && last->next) last = last->next;
    return terminates(last);
  }
  case IR_S_IF: return s->else_s && terminates(s->then_s) && terminates(s->else_s);
  default: return false;
  }
}

static void lower_loop(L *l, cw_node *n) {
  ir_stmt *lp = ir_stmt_new(l->m, IR_S_LOOP, n->loc);
  lp->unroll = n->unroll;
  out_blk body = new_out(l, n->loc), cont = new_out(l, n->loc), *save = l->cur;
  if (n->kind == ND_FOR) {
    if (n->init) lower_stmt(l, n->init); /* in the enclosing block */
    l->cur = &body;
    if (n->cond) {
      ir_expr *c = lcond(l, n->cond);
      emit(l, mk_if(l, lnot(l, c, n->cond->loc), break_block(l, n->cond->loc), NULL, n->cond->loc));
    }
    if (n->then) lower_stmt(l, n->then);
    if (n->inc) {
      l->cur = &cont;
      lower_effect(l, n->inc);
    }
  } else { /* ND_DO: the condition is the last thing of `continuing` (break if) */
    l->cur = &body;
    if (n->then) lower_stmt(l, n->then);
    l->cur = &cont;
    ir_expr *c = lcond(l, n->cond);
    emit(l, mk_if(l, lnot(l, c, n->cond->loc), break_block(l, n->cond->loc), NULL, n->cond->loc));
  }
  l->cur = save;
  lp->body = body.block;
  lp->cont = cont.block->body ? cont.block : NULL;
  emit(l, lp);
}

static void lower_switch(L *l, cw_node *n) {
  ir_expr *v = lx(l, n->cond);
  if (!v || !ir_type_is_int(v->type)) {
    if (v && v->type->kind == IR_T_BOOL) v = ir_convert(l->m, &ir_i32, v, n->loc);
    else cw_error(l->d, n->loc, "switch on a non-integer value");
  }
  if (ir_type_is_64bit(v->type)) cw_error(l->d, n->loc, "switch on a 64-bit value is not supported");
  if (v->type->kind != IR_T_U32) v = ir_convert(l->m, &ir_i32, v, n->loc);
  bool uns = v->type->kind == IR_T_U32;
  ir_stmt *s = ir_stmt_new(l->m, IR_S_SWITCH, n->loc);
  s->value = v;
  int cap = 1;
  for (cw_node *c = n->case_next; c; c = c->case_next) cap++;
  s->cases = CW_NEW_ARRAY(l->a, ir_case, cap);
  cw_node *first = n->then && n->then->kind == ND_BLOCK ? n->then->body : n->then;
  out_blk cb = {0}, *save = l->cur;
  ir_case *cur = NULL;
  int vcap = 0; /* capacity of cur->values; grown on demand (one array of every
                   label per case made a 10000-case switch take gigabytes) */
  for (cw_node *st = first; st; st = st->next) {
    if (st->kind == ND_CASE) {
      if (!cur || cb.block->body) {
        if (cur && s->ncases >= cap) cw_error(l->d, st->loc, "internal error: too many cases");
        cur = &s->cases[s->ncases++];
        cb = new_out(l, st->loc);
        cur->body = cb.block;
        cur->values = NULL;
        vcap = 0;
      }
      if (st->is_default) {
        cur->is_default = true;
        continue;
      }
      if (cur->nvalues == vcap) {
        vcap = vcap ? vcap * 2 : 4;
        int64_t *nv = CW_NEW_ARRAY(l->a, int64_t, vcap);
        if (cur->nvalues) memcpy(nv, cur->values, sizeof(*nv) * (size_t)cur->nvalues);
        cur->values = nv;
      }
      cur->values[cur->nvalues++] = uns ? (int64_t)(uint32_t)st->case_val
                                        : (int64_t)(int32_t)st->case_val;
      continue;
    }
    if (!cur) continue; /* unreachable code before the first label */
    l->cur = &cb;
    lower_stmt(l, st);
    l->cur = save;
  }
  for (int i = 0; i < s->ncases; i++) {
    ir_case *c = &s->cases[i];
    ir_stmt *last = c->body->body, *prev = NULL;
    while (last && last->next) {
      prev = last;
      last = last->next;
    }
    if (last && last->kind == IR_S_BREAK) { /* the case's own break: back-ends emit theirs */
      if (prev) prev->next = NULL;
      else c->body->body = NULL;
      c->falls_through = false;
    } else {
      c->falls_through = i + 1 < s->ncases && !terminates(c->body);
    }
  }
  emit(l, s);
}

static bool is_var_assign(cw_node *st, cw_obj *var) {
  return st && st->kind == ND_EXPR_STMT && st->lhs && st->lhs->kind == ND_ASSIGN &&
         st->lhs->op == ND_NONE && st->lhs->lhs->kind == ND_VAR && st->lhs->lhs->var == var;
}
static bool is_memzero(cw_node *st, cw_obj *var) {
  if (st && st->kind == ND_EXPR_STMT) st = st->lhs;
  return st && st->kind == ND_MEMZERO && st->var == var;
}

static void lower_list(L *l, cw_node *st) {
  for (; st; st = st->next) {
    if (st->kind == ND_DECL && st->var && st->var->storage == CW_STORE_LOCAL) {
      cw_obj *o = st->var;
      ir_expr *init = NULL;
      if (is_var_assign(st->next, o)) { /* `T x = e;`: one DECL with init */
        out_blk *at = l->cur;
        ir_stmt *mark = at->tail;
        init = lx(l, st->next->lhs->rhs);
        st = st->next;
        ir_var *self = pmap_get(&l->vars, o);
        if (self) {
          /* `int j = j;`: the initialiser reads x itself (an indeterminate
           * value in C), so x is declared (as 0) before anything the
           * initialiser emitted, then assigned. */
          ir_stmt *d = ir_stmt_new(l->m, IR_S_DECL, o->loc);
          d->var = self;
          if (mark) {
            d->next = mark->next;
            mark->next = d;
          } else {
            d->next = at->block->body;
            at->block->body = d;
          }
          if (at->tail == mark) at->tail = d;
          if (ir_type_is_scalar(self->type)) init = ir_convert(l->m, self->type, init, st->loc);
          emit(l, mk_assign(l, ir_var_ref(l->m, self, st->loc), init, st->loc));
          continue;
        }
      } else if (is_memzero(st->next, o)) {
        st = st->next; /* DECL without init already zeroes */
      }
      ir_var *v = get_var(l, o, init && init->type->kind == IR_T_PTR ? init->type->as : IR_AS_UNKNOWN);
      if (init && ir_type_is_scalar(v->type)) init = ir_convert(l->m, v->type, init, st->loc);
      ir_stmt *s = ir_stmt_new(l->m, IR_S_DECL, o->loc);
      s->var = v;
      s->init = init;
      emit(l, s);
      continue;
    }
    lower_stmt(l, st);
  }
}

static void lower_stmt(L *l, cw_node *n) {
  switch (n->kind) {
  case ND_BLOCK: lower_list(l, n->body); return;
  case ND_EXPR_STMT: if (n->lhs) lower_effect(l, n->lhs); return;
  case ND_DECL:
    if (n->var) get_var(l, n->var, IR_AS_UNKNOWN); /* hoists __shared__ */
    if (n->var && n->var->storage == CW_STORE_LOCAL) lower_list(l, n); /* lone decl */
    return;
  case ND_IF: {
    ir_expr *c = lcond(l, n->cond);
    ir_stmt *t = lower_to_block(l, n->then, n->loc);
    ir_stmt *e = n->els ? lower_to_block(l, n->els, n->loc) : NULL;
    emit(l, mk_if(l, c, t, e && e->body ? e : NULL, n->loc));
    return;
  }
  case ND_FOR: case ND_DO: lower_loop(l, n); return;
  case ND_SWITCH: lower_switch(l, n); return;
  case ND_CASE: cw_error(l->d, n->loc, "case label nested inside another statement is not supported");
  case ND_BREAK: emit(l, ir_stmt_new(l->m, IR_S_BREAK, n->loc)); return;
  case ND_CONTINUE: emit(l, ir_stmt_new(l->m, IR_S_CONTINUE, n->loc)); return;
  case ND_RETURN: {
    ir_stmt *s = ir_stmt_new(l->m, IR_S_RETURN, n->loc);
    if (n->lhs) {
      ir_expr *v = lx(l, n->lhs);
      if (v && l->fn->ret->kind != IR_T_VOID) {
        if (ir_type_is_scalar(l->fn->ret)) v = ir_convert(l->m, l->fn->ret, v, n->loc);
        s->value = v;
      }
    }
    emit(l, s);
    return;
  }
  case ND_NULL_STMT: return;
  default: lower_effect(l, n); return;
  }
}

/* ---------------- module ---------------- */
static bool is_device_fn(cw_obj *o) {
  return o->storage == CW_STORE_FUNC && o->body && (o->fn_flags & (CW_FN_GLOBAL | CW_FN_DEVICE));
}

ir_module *ir_lower(cw_arena *a, cw_diags *d, struct cw_program *prog) {
  L lc = {0}, *l = &lc;
  l->m = ir_module_new(a, d);
  l->a = a;
  l->d = d;
  /* function names first, so no variable takes one */
  for (cw_obj *o = prog->globals; o; o = o->next)
    if (o->storage == CW_STORE_FUNC) ir_reserve_name(l->m, o->name);
  /* globals */
  for (cw_obj *o = prog->globals; o; o = o->next) {
    ir_var_kind k;
    switch (o->storage) {
    case CW_STORE_SHARED: k = IR_VAR_SHARED; break;
    case CW_STORE_EXTERN_SHARED: k = IR_VAR_DYN_SHARED; break;
    case CW_STORE_CONSTANT: k = IR_VAR_CONSTANT; break;
    case CW_STORE_DEVICE: k = IR_VAR_DEVICE; break;
    default: continue;
    }
    if (pmap_get(&l->vars, o)) continue;
    ir_var *v = ir_var_new(l->m, k, o->name, lower_type(l, o->ty, IR_AS_UNKNOWN, o->loc), o->loc);
    if (k == IR_VAR_DYN_SHARED && v->type->kind != IR_T_ARRAY)
      cw_error(d, o->loc, "extern __shared__ variable '%s' must be an unsized array", o->name);
    if (k == IR_VAR_CONSTANT || k == IR_VAR_DEVICE) v->init = o->init_data;
    ir_module_add_global(l->m, v);
    pmap_put(l, &l->vars, o, v);
  }
  /* signatures (so calls can refer to functions defined later) */
  ir_func **tail = &l->m->funcs;
  for (cw_obj *o = prog->globals; o; o = o->next) {
    if (!is_device_fn(o)) continue;
    ir_func *f = CW_NEW(a, ir_func);
    f->name = o->name;
    f->display_name = o->display_name;
    f->loc = o->loc;
    f->is_kernel = (o->fn_flags & CW_FN_GLOBAL) != 0;
    f->launch_bounds[0] = o->launch_bounds[0];
    f->launch_bounds[1] = o->launch_bounds[1];
    f->forceinline = (o->fn_flags & CW_FN_FORCEINLINE) != 0;
    f->noinline = (o->fn_flags & CW_FN_NOINLINE) != 0;
    cw_type *ft = o->ty;
    while (ft->origin && ft->origin != ft) ft = ft->origin;
    f->ret = ft->kind == TY_FUNC && ft->return_ty ? lower_type(l, ft->return_ty, IR_AS_UNKNOWN, o->loc)
                                                  : &ir_void;
    if (f->is_kernel && f->ret->kind != IR_T_VOID)
      cw_error(d, o->loc, "kernel '%s' must return void", o->name);
    int np = -1; /* from the function type when known (params may prefix locals) */
    if (ft->kind == TY_FUNC) {
      np = 0;
      for (cw_type *p = ft->params; p; p = p->next) np++;
    }
    int cnt = 0;
    for (cw_obj *p = o->params; p && (np < 0 || cnt < np); p = p->next) cnt++;
    f->nparams = cnt;
    f->params = CW_NEW_ARRAY(a, ir_var *, cnt ? cnt : 1);
    int i = 0;
    for (cw_obj *p = o->params; p && i < cnt; p = p->next, i++) {
      ir_addr_space as = f->is_kernel ? IR_AS_GLOBAL : IR_AS_UNKNOWN;
      ir_var *v = ir_var_new(l->m, IR_VAR_PARAM, p->name, lower_type(l, p->ty, as, p->loc), p->loc);
      v->param_index = i;
      f->params[i] = v;
      pmap_put(l, &l->vars, p, v);
    }
    f->body = ir_block_new(l->m, o->loc);
    *tail = f;
    tail = &f->next;
    pmap_put(l, &l->vars, o, f); /* function objects map to their ir_func */
  }
  /* bodies */
  for (cw_obj *o = prog->globals; o; o = o->next) {
    if (!is_device_fn(o)) continue;
    l->fn = pmap_get(&l->vars, o);
    l->fobj = o;
    out_blk b = {l->fn->body, NULL};
    l->cur = &b;
    lower_stmt(l, o->body);
    l->cur = NULL;
  }
  l->fn = NULL;
  return l->m;
}
