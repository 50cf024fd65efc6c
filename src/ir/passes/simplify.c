/* passes/simplify.c — ir_pass_simplify (RESOLVED -> RESOLVED).
 *
 * Folds what provenance and inlining leave behind so back-ends see the
 * narrowest honest types: integer constant arithmetic (through ir_binary /
 * ir_convert, which fold), and widen-then-narrow conversion chains such as
 * convert<i32>(convert<i64>(p - q)) from a pointer difference used as an
 * index — exact, since widening an integer and narrowing it back to its own
 * type returns the same value. Without this, such code would be reported as
 * 64-bit arithmetic on targets without 64-bit integers. */
#include "ir/ir.h"

typedef struct {
  ir_module *m;
  bool changed;
} simp_ctx;

static ir_expr *simp_expr(simp_ctx *c, ir_expr *e);

/* convert<T>(convert<W>(x: T)) with W an integer at least as wide as T -> x */
static ir_expr *simp_convert(simp_ctx *c, ir_expr *e) {
  ir_expr *in = e->a;
  if (in->kind == IR_E_CONVERT && ir_type_is_int(e->type) && ir_type_is_int(in->type) &&
      ir_type_eq(in->a->type, e->type) && in->type->size >= e->type->size) {
    c->changed = true;
    return in->a;
  }
  if (in->kind == IR_E_CONST) {
    ir_expr *f = ir_convert(c->m, e->type, in, e->loc);
    if (f->kind == IR_E_CONST) {
      c->changed = true;
      return f;
    }
  }
  return e;
}

static ir_expr *simp_expr(simp_ctx *c, ir_expr *e) {
  if (!e) return NULL;
  e->a = simp_expr(c, e->a);
  e->b = simp_expr(c, e->b);
  e->c = simp_expr(c, e->c);
  for (int i = 0; i < e->nargs; i++) e->args[i] = simp_expr(c, e->args[i]);
  switch (e->kind) {
  case IR_E_CONVERT: return simp_convert(c, e);
  case IR_E_BINARY:
    if (e->a->kind == IR_E_CONST && e->b->kind == IR_E_CONST) {
      ir_expr *f = ir_binary(c->m, e->op, e->a, e->b, e->loc);
      if (f->kind == IR_E_CONST && ir_type_eq(f->type, e->type)) {
        c->changed = true;
        return f;
      }
    }
    return e;
  default: return e;
  }
}

static void simp_stmt(simp_ctx *c, ir_stmt *s) {
  for (; s; s = s->next) {
    s->init = simp_expr(c, s->init);
    s->lhs = simp_expr(c, s->lhs);
    s->rhs = simp_expr(c, s->rhs);
    s->cond = simp_expr(c, s->cond);
    s->value = simp_expr(c, s->value);
    s->cmp = simp_expr(c, s->cmp);
    s->addr = simp_expr(c, s->addr);
    for (int i = 0; i < s->nargs; i++) s->args[i] = simp_expr(c, s->args[i]);
    simp_stmt(c, s->body);
    simp_stmt(c, s->then_s);
    simp_stmt(c, s->else_s);
    simp_stmt(c, s->cont);
    for (int i = 0; i < s->ncases; i++) simp_stmt(c, s->cases[i].body);
  }
}

bool ir_pass_simplify(ir_module *m) {
  simp_ctx c = {m, false};
  for (ir_func *f = m->funcs; f; f = f->next) simp_stmt(&c, f->body);
  return c.changed;
}
