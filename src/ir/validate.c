/* ir_validate: checks the invariants of ir.h for m->phase. Reports the first
 * violation as "internal error: IR validation failed after PASS: ..." (soft,
 * so the driver can still print the IR) and returns false. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"

typedef struct {
  ir_module *m;
  const char *pass;
  bool failed;
  ir_func *fn;
  bool *is_global;   /* by var id */
  bool *declared;    /* by var id, per function */
  bool *is_param;    /* by var id, per function */
  int nids;
  int loops, switches;
  bool in_cont;
} V;

static void fail(V *v, cw_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(V *v, cw_loc loc, const char *fmt, ...) {
  if (v->failed) return;
  v->failed = true;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  cw_error_soft(v->m->diags, loc, "internal error: IR validation failed after %s: %s%s%s",
                v->pass ? v->pass : "?", buf, v->fn ? " in function " : "", v->fn ? v->fn->name : "");
}

/* Assignment compatibility: equal types; pointers may differ in address
 * space and qualifiers (the address space of locals/params is refined later). */
static bool compat(const ir_type *a, const ir_type *b) {
  if (ir_type_eq(a, b)) return true;
  if (a && b && a->kind == IR_T_PTR && b->kind == IR_T_PTR) return compat(a->elem, b->elem);
  if (a && b && a->kind == IR_T_ARRAY && b->kind == IR_T_ARRAY)
    return a->len == b->len && compat(a->elem, b->elem);
  return false;
}

static const char *tstr(V *v, const ir_type *t) { return ir_type_str(v->m, t); }

static void check_var_use(V *v, ir_var *var, cw_loc loc) {
  if (!var) {
    fail(v, loc, "variable reference without a variable");
    return;
  }
  if (var->id < 0 || var->id >= v->nids) {
    fail(v, loc, "variable '%s' has an unknown id", var->name);
    return;
  }
  if (v->is_global[var->id] || v->is_param[var->id] || v->declared[var->id]) return;
  fail(v, loc, "variable '%s' used before its declaration or outside its function", var->name);
}

static void check_expr(V *v, ir_expr *e);

static void check_lvalue(V *v, ir_expr *e) {
  check_expr(v, e);
  if (!v->failed && !ir_expr_is_lvalue(e)) fail(v, e->loc, "an lvalue is required");
}

static void check_expr(V *v, ir_expr *e) {
  if (v->failed) return;
  if (!e) {
    fail(v, (cw_loc){0}, "missing expression");
    return;
  }
  if (!e->type) {
    fail(v, e->loc, "expression without a type");
    return;
  }
  bool resolved = v->m->phase == IR_PHASE_RESOLVED;
  switch (e->kind) {
  case IR_E_CONST:
    if (!ir_type_is_scalar(e->type)) fail(v, e->loc, "constant of non-scalar type %s", tstr(v, e->type));
    break;
  case IR_E_VAR: check_var_use(v, e->var, e->loc); break;
  case IR_E_BUILTIN:
    if (e->type->kind != (e->builtin == IR_BI_WARP_SIZE ? IR_T_I32 : IR_T_U32))
      fail(v, e->loc, "built-in %s has type %s", ir_builtin_str(e->builtin), tstr(v, e->type));
    else if (e->dim < 0 || e->dim > 2) fail(v, e->loc, "built-in dimension %d", e->dim);
    break;
  case IR_E_UNARY:
    check_expr(v, e->a);
    if (v->failed) return;
    if (e->op == IR_OP_NOT) {
      if (e->type->kind != IR_T_BOOL || e->a->type->kind != IR_T_BOOL) fail(v, e->loc, "'!' needs bool");
    } else if (e->op == IR_OP_NEG || e->op == IR_OP_BITNOT) {
      if (!ir_type_eq(e->type, e->a->type) || !ir_type_is_scalar(e->type))
        fail(v, e->loc, "unary '%s' operand %s, result %s", ir_op_str(e->op), tstr(v, e->a->type),
             tstr(v, e->type));
      else if (e->op == IR_OP_BITNOT && !ir_type_is_int(e->type)) fail(v, e->loc, "'~' on a non-integer");
    } else {
      fail(v, e->loc, "binary operator '%s' in a unary node", ir_op_str(e->op));
    }
    break;
  case IR_E_BINARY: {
    check_expr(v, e->a);
    check_expr(v, e->b);
    if (v->failed) return;
    ir_type *a = e->a->type, *b = e->b->type;
    switch (e->op) {
    case IR_OP_ADD: case IR_OP_SUB: case IR_OP_MUL: case IR_OP_DIV: case IR_OP_REM:
    case IR_OP_AND: case IR_OP_OR: case IR_OP_XOR:
      if (!ir_type_is_int(e->type) && !ir_type_is_float(e->type))
        fail(v, e->loc, "'%s' on %s", ir_op_str(e->op), tstr(v, e->type));
      else if (!ir_type_eq(a, e->type) || !ir_type_eq(b, e->type))
        fail(v, e->loc, "operands of '%s' are %s and %s, result %s", ir_op_str(e->op), tstr(v, a),
             tstr(v, b), tstr(v, e->type));
      else if (ir_type_is_float(e->type) && e->op >= IR_OP_REM && e->op <= IR_OP_XOR && e->op != IR_OP_REM)
        fail(v, e->loc, "bitwise '%s' on float", ir_op_str(e->op));
      break;
    case IR_OP_SHL: case IR_OP_SHR:
      if (!ir_type_is_int(e->type) || !ir_type_eq(a, e->type) || !ir_type_is_int(b))
        fail(v, e->loc, "shift of %s by %s, result %s", tstr(v, a), tstr(v, b), tstr(v, e->type));
      break;
    case IR_OP_EQ: case IR_OP_NE: case IR_OP_LT: case IR_OP_LE: case IR_OP_GT: case IR_OP_GE:
      if (e->type->kind != IR_T_BOOL) fail(v, e->loc, "comparison with result %s", tstr(v, e->type));
      else if (!(ir_type_eq(a, b) && ir_type_is_scalar(a)) &&
               !(!resolved && a->kind == IR_T_PTR && compat(a, b)))
        fail(v, e->loc, "comparison '%s' of %s and %s", ir_op_str(e->op), tstr(v, a), tstr(v, b));
      break;
    case IR_OP_LAND: case IR_OP_LOR:
      if (e->type->kind != IR_T_BOOL || a->kind != IR_T_BOOL || b->kind != IR_T_BOOL)
        fail(v, e->loc, "'%s' needs bool operands", ir_op_str(e->op));
      break;
    default: fail(v, e->loc, "unary operator '%s' in a binary node", ir_op_str(e->op));
    }
    break;
  }
  case IR_E_CONVERT:
    check_expr(v, e->a);
    if (v->failed) return;
    if (!ir_type_is_scalar(e->type) ||
        !(ir_type_is_scalar(e->a->type) || (e->a->type->kind == IR_T_PTR && e->type->kind == IR_T_BOOL &&
                                             !resolved)))
      fail(v, e->loc, "conversion from %s to %s", tstr(v, e->a->type), tstr(v, e->type));
    break;
  case IR_E_BITCAST:
    check_expr(v, e->a);
    if (!v->failed && e->a->type->size != e->type->size)
      fail(v, e->loc, "bitcast from %s to %s changes the size", tstr(v, e->a->type), tstr(v, e->type));
    if (!v->failed && resolved && e->type->kind == IR_T_PTR) fail(v, e->loc, "pointer bitcast after provenance");
    break;
  case IR_E_SELECT:
    check_expr(v, e->a);
    check_expr(v, e->b);
    check_expr(v, e->c);
    if (v->failed) return;
    if (e->a->type->kind != IR_T_BOOL) fail(v, e->loc, "select condition is %s", tstr(v, e->a->type));
    else if (!compat(e->b->type, e->type) || !compat(e->c->type, e->type))
      fail(v, e->loc, "select of %s and %s as %s", tstr(v, e->b->type), tstr(v, e->c->type), tstr(v, e->type));
    break;
  case IR_E_INTRINSIC:
    if (e->intrinsic < 0 || e->intrinsic >= CW_IN_COUNT || cw_intrinsic_is_atomic(e->intrinsic) ||
        e->intrinsic == CW_IN_LDG || e->intrinsic == CW_IN_SINCOS || e->intrinsic >= CW_IN_SYNCTHREADS) {
      fail(v, e->loc, "'%s' is not a pure intrinsic", cw_intrinsic_name(e->intrinsic));
      return;
    }
    if (cw_intrinsic_is_subgroup(e->intrinsic) && v->m->subgroup_size != 32) {
      fail(v, e->loc, "'%s' in a module without native subgroups", cw_intrinsic_name(e->intrinsic));
      return;
    }
    if (cw_intrinsic_is_half(e->intrinsic) &&
        v->m->half_native < (e->intrinsic == CW_IN_HFMA || e->intrinsic == CW_IN_HFMA2 ? 2 : 1)) {
      fail(v, e->loc, "'%s' in a module without native f16", cw_intrinsic_name(e->intrinsic));
      return;
    }
    if (e->nargs != cw_intrinsic_nargs(e->intrinsic)) {
      fail(v, e->loc, "'%s' with %d arguments", cw_intrinsic_name(e->intrinsic), e->nargs);
      return;
    }
    for (int i = 0; i < e->nargs; i++) {
      check_expr(v, e->args[i]);
      if (!v->failed && !ir_type_is_scalar(e->args[i]->type))
        fail(v, e->loc, "argument %d of '%s' is %s", i + 1, cw_intrinsic_name(e->intrinsic),
             tstr(v, e->args[i]->type));
    }
    if (!v->failed && cw_intrinsic_is_half(e->intrinsic)) {
      /* 16-bit patterns, or two of them in a u32 */
      ir_type_kind want = cw_intrinsic_is_half2(e->intrinsic) ? IR_T_U32 : IR_T_U16;
      for (int i = 0; i < e->nargs && !v->failed; i++)
        if (e->args[i]->type->kind != want)
          fail(v, e->loc, "argument %d of '%s' is %s", i + 1, cw_intrinsic_name(e->intrinsic),
               tstr(v, e->args[i]->type));
      if (!v->failed && e->type->kind != want)
        fail(v, e->loc, "'%s' of type %s", cw_intrinsic_name(e->intrinsic), tstr(v, e->type));
    }
    break;
  case IR_E_INDEX:
    check_lvalue(v, e->a);
    check_expr(v, e->b);
    if (v->failed) return;
    if (e->a->type->kind != IR_T_ARRAY) fail(v, e->loc, "index into %s", tstr(v, e->a->type));
    else if (!ir_type_is_int(e->b->type)) fail(v, e->loc, "index of type %s", tstr(v, e->b->type));
    else if (!ir_type_eq(e->type, e->a->type->elem)) fail(v, e->loc, "index result type %s", tstr(v, e->type));
    break;
  case IR_E_MEMBER:
    check_lvalue(v, e->a);
    if (v->failed) return;
    if (e->a->type->kind != IR_T_STRUCT || e->field < 0 || e->field >= e->a->type->st->nfields)
      fail(v, e->loc, "member %d of %s", e->field, tstr(v, e->a->type));
    else if (!ir_type_eq(e->type, e->a->type->st->fields[e->field].type))
      fail(v, e->loc, "member result type %s", tstr(v, e->type));
    break;
  case IR_E_ELEM: {
    if (!resolved) {
      fail(v, e->loc, "element access before provenance");
      return;
    }
    check_var_use(v, e->var, e->loc);
    check_expr(v, e->b);
    if (v->failed) return;
    ir_type *t = e->var->type;
    if (e->var->kind == IR_VAR_PARAM && t->kind == IR_T_PTR) t = t->elem;
    else if (t->kind == IR_T_PTR) fail(v, e->loc, "element root '%s' is a pointer local", e->var->name);
    if (!ir_type_is_int(e->b->type)) fail(v, e->loc, "element index of type %s", tstr(v, e->b->type));
    else if (!v->failed && !ir_type_eq(e->type, ir_type_leaf(t)))
      fail(v, e->loc, "element of '%s' has type %s, expected %s", e->var->name, tstr(v, e->type),
           tstr(v, ir_type_leaf(t)));
    break;
  }
  case IR_E_DEREF: case IR_E_ADDR: case IR_E_PTR_ADD: case IR_E_PTR_DIFF:
    if (resolved) {
      fail(v, e->loc, "pointer operation after provenance");
      return;
    }
    if (e->kind == IR_E_ADDR) {
      check_lvalue(v, e->a);
      if (!v->failed && (e->type->kind != IR_T_PTR || !ir_type_eq(e->type->elem, e->a->type)))
        fail(v, e->loc, "address of %s has type %s", tstr(v, e->a->type), tstr(v, e->type));
      break;
    }
    check_expr(v, e->a);
    if (v->failed) return;
    if (e->a->type->kind != IR_T_PTR) {
      fail(v, e->loc, "pointer operation on %s", tstr(v, e->a->type));
      return;
    }
    if (e->kind == IR_E_DEREF) {
      if (!ir_type_eq(e->type, e->a->type->elem)) fail(v, e->loc, "dereference result type %s", tstr(v, e->type));
    } else if (e->kind == IR_E_PTR_ADD) {
      check_expr(v, e->b);
      if (!v->failed && (!ir_type_is_int(e->b->type) || !compat(e->type, e->a->type)))
        fail(v, e->loc, "pointer add of %s", tstr(v, e->b->type));
    } else {
      check_expr(v, e->b);
      if (!v->failed && (!compat(e->a->type, e->b->type) || e->type->kind != IR_T_I64))
        fail(v, e->loc, "pointer difference of %s and %s", tstr(v, e->a->type), tstr(v, e->b->type));
    }
    break;
  default: fail(v, e->loc, "unknown expression kind %d", (int)e->kind);
  }
}

static void check_block(V *v, ir_stmt *b, const char *what);

static bool is_break_if(const ir_stmt *s) {
  return s->kind == IR_S_IF && !s->else_s && s->then_s && s->then_s->body &&
         s->then_s->body->kind == IR_S_BREAK && !s->then_s->body->next;
}

static void check_stmt(V *v, ir_stmt *s) {
  if (v->failed) return;
  switch (s->kind) {
  case IR_S_BLOCK: check_block(v, s, "block"); break;
  case IR_S_DECL:
    if (!s->var || s->var->kind != IR_VAR_LOCAL) {
      fail(v, s->loc, "declaration of a non-local");
      return;
    }
    if (v->m->phase == IR_PHASE_RESOLVED && s->var->type->kind == IR_T_PTR) {
      fail(v, s->loc, "pointer local '%s' after provenance", s->var->name); /* offsets now */
      return;
    }
    if (s->init) {
      check_expr(v, s->init);
      if (!v->failed && !compat(s->var->type, s->init->type))
        fail(v, s->loc, "'%s' of type %s initialised with %s", s->var->name, tstr(v, s->var->type),
             tstr(v, s->init->type));
    }
    if (s->var->id < 0 || s->var->id >= v->nids) fail(v, s->loc, "variable with an unknown id");
    else if (v->declared[s->var->id]) fail(v, s->loc, "'%s' declared twice", s->var->name);
    else v->declared[s->var->id] = true;
    break;
  case IR_S_ASSIGN:
    check_lvalue(v, s->lhs);
    check_expr(v, s->rhs);
    if (!v->failed && !compat(s->lhs->type, s->rhs->type))
      fail(v, s->loc, "assignment of %s to %s", tstr(v, s->rhs->type), tstr(v, s->lhs->type));
    break;
  case IR_S_IF:
    check_expr(v, s->cond);
    if (!v->failed && s->cond->type->kind != IR_T_BOOL) fail(v, s->loc, "if condition is %s", tstr(v, s->cond->type));
    check_block(v, s->then_s, "then");
    if (s->else_s) check_block(v, s->else_s, "else");
    break;
  case IR_S_LOOP: {
    bool save_cont = v->in_cont;
    int save_sw = v->switches;
    v->switches = 0; /* a break inside the loop exits the loop */
    v->loops++;
    v->in_cont = false;
    check_block(v, s->body, "loop body");
    if (s->cont) {
      if (s->cont->kind != IR_S_BLOCK) fail(v, s->loc, "continuing is not a block");
      v->in_cont = true;
      for (ir_stmt *c = s->cont->body; c && !v->failed; c = c->next) {
        if (!c->next && is_break_if(c)) {
          check_expr(v, c->cond);
          if (!v->failed && c->cond->type->kind != IR_T_BOOL) fail(v, c->loc, "break-if condition is not bool");
        } else {
          check_stmt(v, c);
        }
      }
    }
    v->loops--;
    v->switches = save_sw;
    v->in_cont = save_cont;
    break;
  }
  case IR_S_BREAK:
    if (v->in_cont) fail(v, s->loc, "break inside a continuing block (only a final break-if)");
    else if (!v->loops && !v->switches) fail(v, s->loc, "break outside a loop or switch");
    break;
  case IR_S_CONTINUE:
    if (v->in_cont) fail(v, s->loc, "continue inside a continuing block");
    else if (!v->loops) fail(v, s->loc, "continue outside a loop");
    break;
  case IR_S_RETURN:
    if (v->in_cont) {
      fail(v, s->loc, "return inside a continuing block");
      break;
    }
    if (s->value) {
      check_expr(v, s->value);
      if (!v->failed && (v->fn->is_kernel || !compat(v->fn->ret, s->value->type)))
        fail(v, s->loc, "return of %s from a function returning %s", tstr(v, s->value->type),
             tstr(v, v->fn->ret));
    } else if (v->fn->ret && v->fn->ret->kind != IR_T_VOID && v->m->phase == IR_PHASE_LOWERED) {
      fail(v, s->loc, "return without a value from a function returning %s", tstr(v, v->fn->ret));
    }
    break;
  case IR_S_SWITCH:
    check_expr(v, s->value);
    if (v->failed) return;
    if (s->value->type->kind != IR_T_I32 && s->value->type->kind != IR_T_U32)
      fail(v, s->loc, "switch selector is %s", tstr(v, s->value->type));
    v->switches++;
    for (int i = 0; i < s->ncases && !v->failed; i++) check_block(v, s->cases[i].body, "case");
    v->switches--;
    break;
  case IR_S_BARRIER:
    if (s->intrinsic != CW_IN_SYNCTHREADS && s->intrinsic != CW_IN_THREADFENCE &&
        s->intrinsic != CW_IN_THREADFENCE_BLOCK)
      fail(v, s->loc, "barrier '%s'", cw_intrinsic_name(s->intrinsic));
    break;
  case IR_S_ATOMIC:
    if (!cw_intrinsic_is_atomic(s->intrinsic)) {
      fail(v, s->loc, "'%s' is not an atomic", cw_intrinsic_name(s->intrinsic));
      return;
    }
    check_lvalue(v, s->addr);
    check_expr(v, s->value);
    if (v->failed) return;
    if (!ir_type_is_int(s->addr->type) && !ir_type_is_float(s->addr->type))
      fail(v, s->loc, "atomic on %s", tstr(v, s->addr->type));
    else if (!ir_type_eq(s->value->type, s->addr->type))
      fail(v, s->loc, "atomic operand %s on %s", tstr(v, s->value->type), tstr(v, s->addr->type));
    else if ((s->intrinsic == CW_IN_ATOMIC_CAS) != (s->cmp != NULL))
      fail(v, s->loc, "compare value %s for '%s'", s->cmp ? "present" : "missing", cw_intrinsic_name(s->intrinsic));
    else if (s->cmp) {
      check_expr(v, s->cmp);
      if (!v->failed && !ir_type_eq(s->cmp->type, s->addr->type)) fail(v, s->loc, "atomicCAS compare of %s", tstr(v, s->cmp->type));
    }
    if (!v->failed && s->dst) {
      check_var_use(v, s->dst, s->loc);
      if (!v->failed && (s->dst->kind != IR_VAR_LOCAL || !ir_type_eq(s->dst->type, s->addr->type)))
        fail(v, s->loc, "atomic result variable '%s'", s->dst->name);
    }
    break;
  case IR_S_WARP: {
    if (!cw_intrinsic_is_warp(s->intrinsic)) {
      fail(v, s->loc, "'%s' is not a warp operation", cw_intrinsic_name(s->intrinsic));
      return;
    }
    if (s->nargs != 2 || !s->args[0] || !s->args[1]) {
      fail(v, s->loc, "warp operation without mask and width");
      return;
    }
    check_expr(v, s->args[0]);
    check_expr(v, s->args[1]);
    if (s->value) check_expr(v, s->value);
    if (s->cmp) check_expr(v, s->cmp);
    if (s->cond) check_expr(v, s->cond);
    if (v->failed) return;
    bool has_val = s->intrinsic != CW_IN_ACTIVEMASK && s->intrinsic != CW_IN_SYNCWARP;
    bool has_lane = s->intrinsic >= CW_IN_SHFL && s->intrinsic <= CW_IN_SHFL_XOR;
    if (s->args[0]->type->kind != IR_T_U32 || s->args[1]->type->kind != IR_T_I32)
      fail(v, s->loc, "warp mask %s / width %s", tstr(v, s->args[0]->type), tstr(v, s->args[1]->type));
    else if (has_val != (s->value != NULL) || has_lane != (s->cmp != NULL))
      fail(v, s->loc, "operands of '%s'", cw_intrinsic_name(s->intrinsic));
    else if (s->cmp && s->cmp->type->kind != IR_T_I32 && s->cmp->type->kind != IR_T_U32)
      fail(v, s->loc, "warp lane operand %s", tstr(v, s->cmp->type));
    else if (s->cond && s->cond->type->kind != IR_T_BOOL)
      fail(v, s->loc, "warp active predicate %s", tstr(v, s->cond->type));
    else if (s->value && !ir_type_is_scalar(s->value->type))
      fail(v, s->loc, "warp operand %s", tstr(v, s->value->type));
    if (!v->failed && s->dst) {
      check_var_use(v, s->dst, s->loc);
      if (!v->failed && s->dst->kind != IR_VAR_LOCAL) fail(v, s->loc, "warp result variable '%s'", s->dst->name);
    }
    break;
  }
  case IR_S_CALL: {
    if (v->m->phase != IR_PHASE_LOWERED) {
      fail(v, s->loc, "call remains after inlining");
      return;
    }
    bool found = false;
    for (ir_func *f = v->m->funcs; f; f = f->next) found |= f == s->callee;
    if (!found || s->callee->is_kernel) {
      fail(v, s->loc, "call of a function that is not a device function of this module");
      return;
    }
    if (s->nargs != s->callee->nparams) {
      fail(v, s->loc, "call of '%s' with %d arguments", s->callee->name, s->nargs);
      return;
    }
    for (int i = 0; i < s->nargs && !v->failed; i++) {
      check_expr(v, s->args[i]);
      if (!v->failed && !compat(s->callee->params[i]->type, s->args[i]->type))
        fail(v, s->loc, "argument %d of '%s' is %s, expected %s", i + 1, s->callee->name,
             tstr(v, s->args[i]->type), tstr(v, s->callee->params[i]->type));
    }
    if (!v->failed && s->dst) {
      check_var_use(v, s->dst, s->loc);
      if (!v->failed && !compat(s->dst->type, s->callee->ret))
        fail(v, s->loc, "call result stored in '%s' of type %s", s->dst->name, tstr(v, s->dst->type));
    }
    break;
  }
  case IR_S_PRINTF: case IR_S_ASSERT:
    if (s->str_id < 0 || s->str_id >= v->m->nstrings) {
      fail(v, s->loc, "string id %d out of range", s->str_id);
      return;
    }
    if (s->cond) {
      check_expr(v, s->cond);
      if (!v->failed && s->cond->type->kind != IR_T_BOOL) fail(v, s->loc, "assert condition is %s", tstr(v, s->cond->type));
    }
    for (int i = 0; i < s->nargs && !v->failed; i++) {
      check_expr(v, s->args[i]);
      if (!v->failed && !ir_type_is_int(s->args[i]->type) && !ir_type_is_float(s->args[i]->type))
        fail(v, s->loc, "printf argument %d is %s", i + 1, tstr(v, s->args[i]->type));
    }
    break;
  default: fail(v, s->loc, "unknown statement kind %d", (int)s->kind);
  }
}

static void check_block(V *v, ir_stmt *b, const char *what) {
  if (v->failed) return;
  if (!b || b->kind != IR_S_BLOCK) {
    fail(v, b ? b->loc : (cw_loc){0}, "%s is not a block", what);
    return;
  }
  for (ir_stmt *s = b->body; s && !v->failed; s = s->next) check_stmt(v, s);
}

bool ir_validate(ir_module *m, const char *after_pass) {
  V vs = {0}, *v = &vs;
  v->m = m;
  v->pass = after_pass;
  v->nids = m->next_id;
  size_t n = (size_t)(v->nids > 0 ? v->nids : 1);
  v->is_global = CW_NEW_ARRAY(m->arena, bool, n);
  v->declared = CW_NEW_ARRAY(m->arena, bool, n);
  v->is_param = CW_NEW_ARRAY(m->arena, bool, n);
  for (int i = 0; i < m->nglobals && !v->failed; i++) {
    ir_var *g = m->globals[i];
    if (g->id < 0 || g->id >= v->nids) fail(v, g->loc, "global '%s' has an unknown id", g->name);
    else if (g->kind == IR_VAR_LOCAL || g->kind == IR_VAR_PARAM) fail(v, g->loc, "global '%s' is a %s", g->name, g->kind == IR_VAR_LOCAL ? "local" : "parameter");
    else if (g->kind == IR_VAR_DYN_SHARED && (g->type->kind != IR_T_ARRAY || g->type->len != -1))
      fail(v, g->loc, "dynamic shared '%s' is not an unsized array", g->name);
    else v->is_global[g->id] = true;
  }
  for (ir_func *f = m->funcs; f && !v->failed; f = f->next) {
    v->fn = f;
    if (m->phase != IR_PHASE_LOWERED && !f->is_kernel) {
      fail(v, f->loc, "device function remains after inlining");
      break;
    }
    memset(v->declared, 0, n);
    memset(v->is_param, 0, n);
    for (int i = 0; i < f->nparams && !v->failed; i++) {
      ir_var *p = f->params[i];
      if (p->id < 0 || p->id >= v->nids || p->kind != IR_VAR_PARAM || p->param_index != i)
        fail(v, p->loc, "bad parameter %d", i);
      else v->is_param[p->id] = true;
    }
    v->loops = v->switches = 0;
    v->in_cont = false;
    check_block(v, f->body, "function body");
  }
  return !v->failed;
}
