/* passes/demote_f64.c — ir_pass_demote_f64 (RESOLVED -> RESOLVED).
 *
 * The explicit, lossy option `demote_double` (CLI --demote-double) of the
 * WGSL target, which has no f64: every double becomes float — variables,
 * buffer elements, scalar parameters, __constant__/__device__ globals (their
 * initial bytes are converted), expressions and constants (rounded to the
 * nearest float). The driver runs it only for the WGSL target when the
 * option is set; without it the WGSL back-end refuses double at each use.
 *
 * Every demoted variable (parameter, buffer, global, local) gets a warning
 * naming it, and every other source line with demoted arithmetic or
 * constants one warning ("double demoted to float: ... [target wgsl]"), so
 * the user sees every place whose precision changed. Demoted variables are marked
 * (ir_var.demoted_from) so the metadata can tell that a buffer parameter now
 * holds float elements and that a scalar parameter's host double is
 * converted to float by the runtime.
 *
 * Refused (the result could not be right): doubles inside structs (the
 * struct's layout would no longer match the host's) and bit
 * reinterpretations of a double (__double_as_longlong and the like). */
#include <math.h>
#include <string.h>

#include "ir/ir.h"

typedef struct {
  ir_module *m;
  bool changed;
  int *lines;     /* (source id, line) pairs already warned */
  int nlines, caplines;
} dem_ctx;

/* Rounds to float; beyond FLT_MAX + half an ulp gives infinity (the cast
 * itself would be undefined behaviour in C). */
static float to_f32(double d) {
  if (fabs(d) >= 0x1.ffffffp127) return d < 0 ? -HUGE_VALF : HUGE_VALF;
  return (float)d;
}

static bool has_f64(const ir_type *t) {
  if (!t) return false;
  switch (t->kind) {
  case IR_T_F64: return true;
  case IR_T_PTR: case IR_T_ARRAY: return has_f64(t->elem);
  case IR_T_STRUCT:
    for (int i = 0; i < t->st->nfields; i++)
      if (has_f64(t->st->fields[i].type)) return true;
    return false;
  default: return false;
  }
}

static ir_type *demote_type(dem_ctx *c, ir_type *t, cw_loc loc) {
  if (!has_f64(t)) return t;
  switch (t->kind) {
  case IR_T_F64: return &ir_f32;
  case IR_T_PTR: return ir_type_ptr(c->m, demote_type(c, t->elem, loc), t->as, t->pointee_const);
  case IR_T_ARRAY: return ir_type_array(c->m, demote_type(c, t->elem, loc), t->len);
  default:
    cw_error(c->m->diags, loc,
             "double member in %s cannot be demoted to float (its layout would no longer match "
             "the host's); use float in the struct",
             ir_type_str(c->m, t));
  }
}

/* A warning: always for a variable (each demoted parameter, buffer, global
 * and local is named), at most one per source line for expressions. */
static void warn(dem_ctx *c, cw_loc loc, const char *what, bool always) {
  int file = loc.file ? loc.file->id : -1;
  for (int i = 0; i < c->nlines; i++)
    if (c->lines[2 * i] == file && c->lines[2 * i + 1] == loc.line) {
      if (!always) return;
      goto emit;
    }
  if (c->nlines == c->caplines) {
    int cap = c->caplines ? c->caplines * 2 : 16;
    int *n = CW_NEW_ARRAY(c->m->arena, int, 2 * (size_t)cap);
    if (c->nlines) memcpy(n, c->lines, sizeof(int) * 2 * (size_t)c->nlines);
    c->lines = n;
    c->caplines = cap;
  }
  c->lines[2 * c->nlines] = file;
  c->lines[2 * c->nlines + 1] = loc.line;
  c->nlines++;
emit:
  cw_warning(c->m->diags, loc, "double demoted to float: %s [target wgsl]", what);
}

static void demote_var(dem_ctx *c, ir_var *v) {
  if (!has_f64(v->type) || v->demoted_from) return;
  const char *name = v->src_name ? v->src_name : v->name;
  ir_type *old = v->type;
  v->type = demote_type(c, old, v->loc);
  v->demoted_from = old;
  c->changed = true;
  if (v->init) { /* host-layout doubles -> floats */
    int n = ir_type_flat_len(old);
    uint8_t *f = CW_NEW_ARRAY(c->m->arena, uint8_t, (size_t)n * 4);
    for (int i = 0; i < n; i++) {
      double d;
      memcpy(&d, v->init + (size_t)i * 8, 8);
      float x = to_f32(d);
      memcpy(f + (size_t)i * 4, &x, 4);
    }
    v->init = f;
  }
  const char *what;
  if (v->kind == IR_VAR_PARAM && old->kind == IR_T_PTR)
    what = cw_arena_printf(c->m->arena,
                           "buffer '%s' holds float elements on this target (pass float data; the "
                           "metadata marks it \"demoted\")",
                           name);
  else if (v->kind == IR_VAR_PARAM)
    what = cw_arena_printf(c->m->arena, "parameter '%s' is converted to float when the kernel is launched", name);
  else if (v->kind == IR_VAR_CONSTANT || v->kind == IR_VAR_DEVICE)
    what = cw_arena_printf(c->m->arena, "global '%s' holds float elements on this target", name);
  else if (v->root) /* a former pointer: its buffer is the one named */
    return;
  else
    what = cw_arena_printf(c->m->arena, "variable '%s' is a float", name);
  warn(c, v->loc, what, true);
}

/* Pre-order: an operation's warning comes before its operands' (the line's
 * one warning then names the arithmetic, not a load inside it). */
static void demote_expr(dem_ctx *c, ir_expr *e) {
  if (!e) return;
  if (e->var) demote_var(c, e->var);
  if (e->kind == IR_E_BITCAST && (has_f64(e->type) || (e->a && has_f64(e->a->type))))
    cw_error(c->m->diags, e->loc,
             "reinterpreting the bits of a double cannot be demoted to float (the bits would "
             "differ)");
  if (e->kind == IR_E_INTRINSIC && e->nargs == 1 && has_f64(e->args[0]->type) &&
      (e->intrinsic == CW_IN_FLOAT_AS_INT || e->intrinsic == CW_IN_FLOAT_AS_UINT))
    cw_error(c->m->diags, e->loc,
             "%s on a double cannot be demoted to float (the bits would differ)",
             cw_intrinsic_name(e->intrinsic));
  if (has_f64(e->type)) {
    if (e->kind == IR_E_CONST) e->u.f = (double)to_f32(e->u.f);
    e->type = demote_type(c, e->type, e->loc);
    c->changed = true;
    bool mem = e->kind == IR_E_VAR || e->kind == IR_E_ELEM || e->kind == IR_E_INDEX || e->kind == IR_E_MEMBER;
    warn(c, e->loc,
         e->kind == IR_E_CONST ? "double constant rounded to float"
         : mem                 ? "double value read or written as float"
                               : "double arithmetic computed in float precision",
         false);
  }
  demote_expr(c, e->a);
  demote_expr(c, e->b);
  demote_expr(c, e->c);
  for (int i = 0; i < e->nargs; i++) demote_expr(c, e->args[i]);
}

static void demote_stmts(dem_ctx *c, ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->var) demote_var(c, s->var);
    if (s->dst) demote_var(c, s->dst);
    demote_expr(c, s->init);
    demote_expr(c, s->rhs); /* before lhs: `x = a * b` is reported as arithmetic */
    demote_expr(c, s->lhs);
    demote_expr(c, s->cond);
    demote_expr(c, s->value);
    demote_expr(c, s->cmp);
    demote_expr(c, s->addr);
    for (int i = 0; i < s->nargs; i++) demote_expr(c, s->args[i]);
    demote_stmts(c, s->body);
    demote_stmts(c, s->then_s);
    demote_stmts(c, s->else_s);
    demote_stmts(c, s->cont);
    for (int i = 0; i < s->ncases; i++) demote_stmts(c, s->cases[i].body);
  }
}

bool ir_pass_demote_f64(ir_module *m) {
  dem_ctx c = {.m = m};
  for (ir_func *f = m->funcs; f; f = f->next) {
    for (int i = 0; i < f->nparams; i++) demote_var(&c, f->params[i]);
    demote_stmts(&c, f->body);
  }
  /* globals no kernel reads keep their type: nothing to warn about */
  return c.changed;
}
