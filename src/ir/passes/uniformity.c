/* passes/uniformity.c — ir_pass_uniformity (annotates RESOLVED IR).
 *
 * Mirrors WGSL's uniformity analysis (as Tint implements it) closely enough
 * that a barrier we call uniform passes Tint:
 *   - values: uniform when computed from constants, blockIdx/blockDim/
 *     gridDim/warpSize, kernel scalar params and uniform locals; threadIdx,
 *     every memory read (ELEM) and atomic results are non-uniform;
 *   - a local is uniform when every assignment to it is uniform and happens
 *     in uniform control flow (flow-insensitive; iterated to a fixed point);
 *   - control flow (Tint's rules): inside if/switch it is uniform when the
 *     condition is; after an if/switch it is restored unless a branch can
 *     break/continue/return out of it (then it is uniform only if every
 *     branch ended uniform); a loop body is uniform when the loop was entered
 *     uniformly and the end of its body is uniform (so a non-uniform
 *     break/continue taints the whole body); after a loop control flow is
 *     restored unless the loop contains a return.
 * A scalar read of a __shared__ variable at a uniform index that steers a
 * barrier (if around a barrier, or an exit of a loop containing one) is taken
 * as uniform and marked needs_uniform_load (WGSL: workgroupUniformLoad,
 * which must itself be in uniform control flow, so only there).
 * Results: stmt->in_uniform_cf on barriers and warp operations, var->is_uniform on locals and
 * params, expr->needs_uniform_load. Nothing is rejected here.
 */
#include <string.h>

#include "ir/ir.h"

enum { B_BREAK = 1, B_CONT = 2, B_RET = 4 };

typedef struct {
  ir_module *m;
  bool final;          /* last sweep: write the statement/expression marks */
  bool changed;        /* some local became non-uniform in this sweep */
  bool kernel_barrier; /* the kernel has a barrier somewhere */
  int barrier_loops;   /* enclosing loops that contain a barrier */
} uni_ctx;

/* Behaviours by which control can leave s other than falling through. */
static int escapes_list(const ir_stmt *s);
static int escapes(const ir_stmt *s) {
  switch (s->kind) {
  case IR_S_BREAK: return B_BREAK;
  case IR_S_CONTINUE: return B_CONT;
  case IR_S_RETURN: return B_RET;
  case IR_S_BLOCK: return escapes_list(s->body);
  case IR_S_IF:
    return (s->then_s ? escapes(s->then_s) : 0) | (s->else_s ? escapes(s->else_s) : 0);
  case IR_S_LOOP: /* break/continue stay inside */
    return ((s->body ? escapes(s->body) : 0) | (s->cont ? escapes(s->cont) : 0)) & B_RET;
  case IR_S_SWITCH: {
    int b = 0;
    for (int i = 0; i < s->ncases; i++)
      if (s->cases[i].body) b |= escapes(s->cases[i].body);
    return b & (B_RET | B_CONT);
  }
  default: return 0;
  }
}
static int escapes_list(const ir_stmt *s) {
  int b = 0;
  for (; s; s = s->next) b |= escapes(s);
  return b;
}

static bool has_barrier(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_BARRIER || s->kind == IR_S_WARP) return true; /* warp.c: barriers */
    if (has_barrier(s->body) || has_barrier(s->then_s) || has_barrier(s->else_s) ||
        has_barrier(s->cont))
      return true;
    for (int i = 0; i < s->ncases; i++)
      if (has_barrier(s->cases[i].body)) return true;
  }
  return false;
}

static bool is_workgroup_var(const ir_var *v) {
  return v->kind == IR_VAR_SHARED || v->kind == IR_VAR_DYN_SHARED;
}

/* mark: 0 leave needs_uniform_load alone, 1 set it on the shared loads that
 * were taken as uniform (and clear it elsewhere), 2 clear it everywhere. */
static bool uni_expr(const ir_expr *ce, bool allow_shared, int mark) {
  ir_expr *e = (ir_expr *)ce;
  if (!e) return true;
  switch (e->kind) {
  case IR_E_CONST: return true;
  case IR_E_BUILTIN: return e->builtin != IR_BI_THREAD_IDX;
  case IR_E_VAR:
    /* scalar parameters start uniform but CUDA lets a kernel assign them:
     * then they follow the same rule as locals */
    if (e->var->kind == IR_VAR_PARAM) return e->var->type->kind != IR_T_PTR && e->var->is_uniform;
    if (e->var->kind == IR_VAR_LOCAL) return e->var->is_uniform;
    return false;
  case IR_E_ELEM: {
    bool idx = uni_expr(e->b, allow_shared, mark);
    bool ok = allow_shared && idx && is_workgroup_var(e->var) && ir_type_is_scalar(e->type);
    if (mark == 1) e->needs_uniform_load = ok;
    if (mark == 2) e->needs_uniform_load = false;
    return ok;
  }
  case IR_E_INTRINSIC: {
    bool u = true;
    for (int i = 0; i < e->nargs; i++) u &= uni_expr(e->args[i], allow_shared, mark);
    return u;
  }
  case IR_E_UNARY: case IR_E_BINARY: case IR_E_CONVERT: case IR_E_BITCAST: case IR_E_SELECT:
  case IR_E_INDEX: case IR_E_MEMBER: {
    /* evaluate every operand so marks are written everywhere */
    bool a = uni_expr(e->a, allow_shared, mark);
    bool b = uni_expr(e->b, allow_shared, mark);
    bool c = uni_expr(e->c, allow_shared, mark);
    return a && b && c;
  }
  default: return false;
  }
}

/* Uniformity of a condition evaluated with control flow cf; `steers` says
 * whether it decides whether some thread reaches a barrier. */
static bool cond_uniform(uni_ctx *c, ir_expr *e, bool cf, bool steers) {
  bool allow = steers && cf;
  bool u = uni_expr(e, allow, 0);
  if (c->final) uni_expr(e, allow, u && allow ? 1 : 2);
  return u;
}

static void set_nonuniform(uni_ctx *c, ir_var *v) {
  if (v && (v->kind == IR_VAR_LOCAL || v->kind == IR_VAR_PARAM) && v->is_uniform) {
    v->is_uniform = false;
    c->changed = true;
  }
}

/* The local variable an lvalue writes (NULL for memory), and whether its
 * index expressions are uniform. */
static ir_var *lvalue_local(const ir_expr *lv, bool *idx_uniform) {
  switch (lv->kind) {
  case IR_E_VAR:
    return lv->var->kind == IR_VAR_LOCAL || (lv->var->kind == IR_VAR_PARAM && lv->var->type->kind != IR_T_PTR)
               ? lv->var
               : NULL;
  case IR_E_MEMBER: return lvalue_local(lv->a, idx_uniform);
  case IR_E_INDEX:
    if (!uni_expr(lv->b, false, 0)) *idx_uniform = false;
    return lvalue_local(lv->a, idx_uniform);
  default: return NULL;
  }
}

static bool proc_list(uni_ctx *c, ir_stmt *s, bool cf);

static bool proc_stmt(uni_ctx *c, ir_stmt *s, bool cf) {
  switch (s->kind) {
  case IR_S_BLOCK: return proc_list(c, s->body, cf);
  case IR_S_DECL:
    if (!cf || (s->init && !uni_expr(s->init, false, 0))) set_nonuniform(c, s->var);
    if (c->final && s->init) uni_expr(s->init, false, 2);
    return cf;
  case IR_S_ASSIGN: {
    bool idx = true;
    ir_var *v = lvalue_local(s->lhs, &idx);
    if (v && (!cf || !idx || !uni_expr(s->rhs, false, 0))) set_nonuniform(c, v);
    if (c->final) {
      uni_expr(s->rhs, false, 2);
      uni_expr(s->lhs, false, 2);
    }
    return cf;
  }
  case IR_S_ATOMIC:
    set_nonuniform(c, s->dst);
    if (c->final) {
      uni_expr(s->addr, false, 2);
      uni_expr(s->value, false, 2);
      uni_expr(s->cmp, false, 2);
    }
    return cf;
  case IR_S_BARRIER:
    if (c->final) s->in_uniform_cf = cf;
    return cf;
  case IR_S_WARP: /* same across a warp at best, never across the block */
    set_nonuniform(c, s->dst);
    if (c->final) {
      s->in_uniform_cf = cf;
      uni_expr(s->value, false, 2);
      uni_expr(s->cmp, false, 2);
      uni_expr(s->cond, false, 2);
      for (int i = 0; i < s->nargs; i++) uni_expr(s->args[i], false, 2);
    }
    return cf;
  case IR_S_IF: {
    int esc = escapes(s);
    bool steers = has_barrier(s->then_s) || has_barrier(s->else_s) ||
                  (esc && c->barrier_loops > 0) || ((esc & B_RET) && c->kernel_barrier);
    bool v = cf && cond_uniform(c, s->cond, cf, steers);
    bool cf1 = s->then_s ? proc_stmt(c, s->then_s, v) : v;
    bool cf2 = s->else_s ? proc_stmt(c, s->else_s, v) : v;
    return esc ? (cf1 && cf2) : cf;
  }
  case IR_S_SWITCH: {
    int esc = escapes(s);
    bool steers = has_barrier(s) || ((esc & B_RET) && c->kernel_barrier) ||
                  ((esc & B_CONT) && c->barrier_loops > 0);
    bool v = cf && cond_uniform(c, s->value, cf, steers);
    bool all = v;
    for (int i = 0; i < s->ncases; i++)
      if (s->cases[i].body) all &= proc_stmt(c, s->cases[i].body, v);
    return esc ? all : cf;
  }
  case IR_S_LOOP: {
    bool bar = has_barrier(s->body) || has_barrier(s->cont);
    if (bar) c->barrier_loops++;
    bool start = cf, end;
    for (;;) {
      end = s->body ? proc_stmt(c, s->body, start) : start;
      if (s->cont) end = proc_stmt(c, s->cont, end);
      if (start && !end) { /* divergence flows back to the loop head */
        start = false;
        continue;
      }
      break;
    }
    if (bar) c->barrier_loops--;
    return (escapes(s) & B_RET) ? (start && end) : cf;
  }
  case IR_S_RETURN:
    if (c->final && s->value) uni_expr(s->value, false, 2);
    return cf;
  case IR_S_PRINTF: case IR_S_ASSERT:
    if (c->final) {
      if (s->cond) uni_expr(s->cond, false, 2);
      for (int i = 0; i < s->nargs; i++) uni_expr(s->args[i], false, 2);
    }
    return cf;
  default: return cf;
  }
}

static bool proc_list(uni_ctx *c, ir_stmt *s, bool cf) {
  for (; s; s = s->next) cf = proc_stmt(c, s, cf);
  return cf;
}

static void init_locals(ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_DECL && s->var) s->var->is_uniform = true;
    if ((s->kind == IR_S_ATOMIC || s->kind == IR_S_WARP) && s->dst) s->dst->is_uniform = false;
    init_locals(s->body);
    init_locals(s->then_s);
    init_locals(s->else_s);
    init_locals(s->cont);
    for (int i = 0; i < s->ncases; i++) init_locals(s->cases[i].body);
  }
}

bool ir_pass_uniformity(ir_module *m) {
  bool any = false;
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (!f->body) continue;
    uni_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.kernel_barrier = has_barrier(f->body);
    for (int i = 0; i < f->nparams; i++)
      f->params[i]->is_uniform = f->params[i]->type->kind != IR_T_PTR;
    init_locals(f->body);
    do {
      c.changed = false;
      proc_stmt(&c, f->body, true);
    } while (c.changed);
    c.final = true;
    proc_stmt(&c, f->body, true);
    any = true;
  }
  return any;
}
