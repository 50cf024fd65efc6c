/* passes/atomics.c — ir_pass_atomics (annotates RESOLVED IR).
 *
 * WGSL has atomics only on atomic<i32|u32> variables, so a buffer touched by
 * any atomic must be declared atomic as a whole: for every IR_S_ATOMIC the
 * root variable of its address gets is_atomic (and float_atomic for f32
 * elements, which WGSL emulates with a compare-exchange loop on the bits).
 * Atomics must therefore hit a whole element of a root in device or shared
 * memory: not a local, not a struct field, not __constant__, not 64-bit.
 */
#include "ir/ir.h"

typedef struct {
  ir_module *m;
  bool changed;
} atom_ctx;

static const char *var_kind_words(const ir_var *v) {
  switch (v->kind) {
  case IR_VAR_LOCAL: return "a local variable";
  case IR_VAR_PARAM: return "a parameter";
  case IR_VAR_CONSTANT: return "a __constant__ variable";
  default: return "this variable";
  }
}

static void check_atomic(atom_ctx *c, ir_stmt *s) {
  ir_expr *a = s->addr;
  cw_loc loc = s->loc;
  const char *fn = cw_intrinsic_name(s->intrinsic);
  if (a->kind == IR_E_MEMBER || a->kind == IR_E_INDEX) {
    ir_expr *b = a;
    while (b->kind == IR_E_MEMBER || b->kind == IR_E_INDEX) b = b->a;
    if (a->kind == IR_E_MEMBER)
      cw_error(c->m->diags, loc, "%s on struct field '%s' of '%s' is not supported", fn,
               a->a->type->st->fields[a->field].name, b->var ? b->var->src_name : "?");
    cw_error(c->m->diags, loc, "%s on an element of an aggregate in '%s' is not supported", fn,
             b->var ? b->var->src_name : "?");
  }
  if (a->kind != IR_E_ELEM && a->kind != IR_E_VAR)
    cw_error(c->m->diags, loc, "internal error: atomic address is not resolved");
  ir_var *v = a->var;
  bool memory = (v->kind == IR_VAR_PARAM && v->type->kind == IR_T_PTR) ||
                v->kind == IR_VAR_SHARED || v->kind == IR_VAR_DYN_SHARED ||
                v->kind == IR_VAR_DEVICE;
  if (!memory)
    cw_error(c->m->diags, loc, "atomic operations on '%s' (%s) are not supported", v->src_name,
             var_kind_words(v));
  if (a->kind == IR_E_VAR && v->type->kind == IR_T_PTR)
    cw_error(c->m->diags, loc, "internal error: atomic on a pointer parameter itself");
  ir_type *t = a->type;
  if (t->kind == IR_T_STRUCT)
    cw_error(c->m->diags, loc, "%s on a struct ('%s') is not supported", fn,
             ir_type_str(c->m, t));
  /* 64-bit (long long, double): native on the C target; the WGSL emitter
   * refuses what two 32-bit atomics cannot do exactly (back/wgsl/int64.c) */
  if (!(ir_type_is_int(t) || ir_type_is_float(t)) || (t->size != 4 && t->size != 8))
    cw_error(c->m->diags, loc, "%s on '%s' is not supported", fn, ir_type_str(c->m, t));
  if (!v->is_atomic) c->changed = true;
  v->is_atomic = true;
  v->is_written = true;
  v->is_read = true;
  if (t->kind == IR_T_F32) v->float_atomic = true;
}

static void walk(atom_ctx *c, ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_ATOMIC) check_atomic(c, s);
    walk(c, s->body);
    walk(c, s->then_s);
    walk(c, s->else_s);
    walk(c, s->cont);
    for (int i = 0; i < s->ncases; i++) walk(c, s->cases[i].body);
  }
}

bool ir_pass_atomics(ir_module *m) {
  atom_ctx c = {m, false};
  for (ir_func *f = m->funcs; f; f = f->next) walk(&c, f->body);
  return c.changed;
}
