/* passes/predicate.c — ir_pass_predicate (RESOLVED -> RESOLVED).
 *
 * Warp operations must be reached by every thread of the block, because
 * passes/warp.c turns each one into block barriers around a shared scratch
 * array. An `if` that contains a warp operation is therefore predicated:
 *
 *   if (c) { S1; W; S2 } else { E }
 *   ->  p = c; if (p) { S1 }; W(active: p); if (p) { S2 }; if (!p) { E }
 *
 * recursively (a nested if gets q = false; if (p) q = c'; and its branches the
 * predicates q and p && !q). Locals declared in a predicated run are declared
 * before it (without initialiser) and assigned inside, so later runs still see
 * them. A __syncthreads() inside such a region is hoisted like a warp op.
 * A loop that contains a warp op is run by every thread with its body
 * predicated; its control (top-level `if (c) break/continue` of its body and
 * its continuing block) then runs unpredicated, which is only exact when that
 * control reads nothing assigned under a predicate (a local assigned once by
 * a safe expression, such as the loop counter's initialiser, is assigned
 * unpredicated instead). Anything else is refused precisely.
 *
 * Before that, in a kernel's top-level statement list, an early exit
 * `if (c) { ...; return; } REST` where REST contains a warp op becomes
 * `if (c) { ... } else { REST }`: threads that returned are inactive lanes,
 * as in CUDA.
 *
 * Ifs without warp operations are left untouched. */
#include <string.h>

#include "ir/ir.h"

typedef struct {
  ir_module *m;
  bool changed;
  /* the current region (outermost predicated if) */
  ir_var **ctrl;  /* variables read by unpredicated loop control */
  int nctrl, capctrl;
  const ir_stmt **unpred; /* DECL/ASSIGN run unpredicated (safe loop-control setup) */
  int nunpred, capunpred;
} pr_ctx;

static bool has_warp(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_WARP) return true;
    if (has_warp(s->body) || has_warp(s->then_s) || has_warp(s->else_s) || has_warp(s->cont)) return true;
    for (int i = 0; i < s->ncases; i++)
      if (has_warp(s->cases[i].body)) return true;
  }
  return false;
}
static bool stmt_has_warp(const ir_stmt *s) {
  if (!s) return false;
  const ir_stmt *n = s->next;
  ((ir_stmt *)s)->next = NULL;
  bool r = has_warp(s);
  ((ir_stmt *)s)->next = (ir_stmt *)n;
  return r;
}

/* The first warp op in s (for messages). */
static const ir_stmt *first_warp(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_WARP) return s;
    const ir_stmt *k[4] = {s->body, s->then_s, s->else_s, s->cont};
    for (int i = 0; i < 4; i++) {
      const ir_stmt *w = first_warp(k[i]);
      if (w) return w;
    }
    for (int i = 0; i < s->ncases; i++) {
      const ir_stmt *w = first_warp(s->cases[i].body);
      if (w) return w;
    }
  }
  return NULL;
}

/* Does s contain a break / continue / return leaving s? */
static bool escapes(const ir_stmt *s, bool brk, bool cont) {
  if (!s) return false;
  switch (s->kind) {
  case IR_S_BREAK: return brk;
  case IR_S_CONTINUE: return cont;
  case IR_S_RETURN: return true;
  case IR_S_BLOCK:
    for (const ir_stmt *t = s->body; t; t = t->next)
      if (escapes(t, brk, cont)) return true;
    return false;
  case IR_S_IF: return escapes(s->then_s, brk, cont) || escapes(s->else_s, brk, cont);
  case IR_S_LOOP: return escapes(s->body, false, false) || escapes(s->cont, false, false);
  case IR_S_SWITCH:
    for (int i = 0; i < s->ncases; i++)
      if (escapes(s->cases[i].body, false, cont)) return true;
    return false;
  default: return false;
  }
}

static bool has_return(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_RETURN) return true;
    if (has_return(s->body) || has_return(s->then_s) || has_return(s->else_s) || has_return(s->cont))
      return true;
    for (int i = 0; i < s->ncases; i++)
      if (has_return(s->cases[i].body)) return true;
  }
  return false;
}

/* `if (c) break;` / `if (c) continue;` */
static bool is_break_if(const ir_stmt *s) {
  if (s->kind != IR_S_IF || s->else_s || !s->then_s || s->then_s->kind != IR_S_BLOCK) return false;
  const ir_stmt *b = s->then_s->body;
  return b && !b->next && (b->kind == IR_S_BREAK || b->kind == IR_S_CONTINUE);
}

static ir_stmt *block_of(ir_module *m, ir_stmt *first, cw_loc loc) {
  ir_stmt *b = ir_block_new(m, loc);
  b->body = first;
  return b;
}

/* ---------------- region analysis ---------------- */

static bool in_ctrl(const pr_ctx *c, const ir_var *v) {
  for (int i = 0; i < c->nctrl; i++)
    if (c->ctrl[i] == v) return true;
  return false;
}
static bool add_ctrl(pr_ctx *c, ir_var *v) {
  if (!v || in_ctrl(c, v) || (v->kind != IR_VAR_LOCAL && v->kind != IR_VAR_PARAM)) return false;
  if (c->nctrl == c->capctrl) {
    int n = c->capctrl ? c->capctrl * 2 : 16;
    ir_var **a = CW_NEW_ARRAY(c->m->arena, ir_var *, n);
    if (c->nctrl) memcpy(a, c->ctrl, sizeof *a * (size_t)c->nctrl);
    c->ctrl = a;
    c->capctrl = n;
  }
  c->ctrl[c->nctrl++] = v;
  return true;
}
static bool is_unpred(const pr_ctx *c, const ir_stmt *s) {
  for (int i = 0; i < c->nunpred; i++)
    if (c->unpred[i] == s) return true;
  return false;
}
static void add_unpred(pr_ctx *c, const ir_stmt *s) {
  if (c->nunpred == c->capunpred) {
    int n = c->capunpred ? c->capunpred * 2 : 16;
    const ir_stmt **a = CW_NEW_ARRAY(c->m->arena, const ir_stmt *, n);
    if (c->nunpred) memcpy(a, c->unpred, sizeof *a * (size_t)c->nunpred);
    c->unpred = a;
    c->capunpred = n;
  }
  c->unpred[c->nunpred++] = s;
}

static bool add_reads(pr_ctx *c, const ir_expr *e) {
  if (!e) return false;
  bool ch = false;
  if (e->kind == IR_E_VAR) ch |= add_ctrl(c, e->var);
  if (e->kind == IR_E_ELEM && e->var->kind == IR_VAR_LOCAL) ch |= add_ctrl(c, e->var);
  ch |= add_reads(c, e->a);
  ch |= add_reads(c, e->b);
  ch |= add_reads(c, e->c);
  for (int i = 0; i < e->nargs; i++) ch |= add_reads(c, e->args[i]);
  return ch;
}
static void add_stmt_reads(pr_ctx *c, const ir_stmt *s) {
  for (; s; s = s->next) {
    add_reads(c, s->init);
    add_reads(c, s->rhs);
    add_reads(c, s->cond);
    add_reads(c, s->value);
    if (s->lhs) add_reads(c, s->lhs->b);
    add_stmt_reads(c, s->body);
    add_stmt_reads(c, s->then_s);
    add_stmt_reads(c, s->else_s);
  }
}

/* Safe to evaluate in a thread for which it was not meant: no memory read,
 * no division by something that may be zero. */
static bool safe_expr(const ir_expr *e) {
  if (!e) return true;
  if (e->kind == IR_E_ELEM && e->var->kind != IR_VAR_LOCAL) return false;
  if (e->kind == IR_E_BINARY && (e->op == IR_OP_DIV || e->op == IR_OP_REM) &&
      (e->b->kind != IR_E_CONST || (ir_type_is_int(e->b->type) && e->b->u.i == 0)))
    return false;
  if (e->kind == IR_E_ELEM) return false; /* a private array at an index we cannot bound */
  return safe_expr(e->a) && safe_expr(e->b) && safe_expr(e->c) &&
         (e->nargs < 1 || safe_expr(e->args[0])) && (e->nargs < 2 || safe_expr(e->args[1])) &&
         (e->nargs < 3 || safe_expr(e->args[2]));
}
static bool safe_stmts(const ir_stmt *s) {
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_ASSIGN:
      if (s->lhs->kind != IR_E_VAR || !safe_expr(s->rhs)) return false;
      break;
    case IR_S_DECL:
      if (!safe_expr(s->init)) return false;
      break;
    case IR_S_IF:
      if (!is_break_if(s) || !safe_expr(s->cond)) return false;
      break;
    case IR_S_BLOCK:
      if (!safe_stmts(s->body)) return false;
      break;
    default: return false;
    }
  }
  return true;
}

static const ir_var *assigned_var(const ir_stmt *s) {
  if (s->kind == IR_S_DECL) return s->var;
  if (s->kind == IR_S_ASSIGN) {
    const ir_expr *l = s->lhs;
    while (l->kind == IR_E_MEMBER || l->kind == IR_E_INDEX) l = l->a;
    if (l->kind == IR_E_VAR || (l->kind == IR_E_ELEM && l->var->kind == IR_VAR_LOCAL)) return l->var;
    return NULL;
  }
  if (s->kind == IR_S_ATOMIC || s->kind == IR_S_WARP) return s->dst;
  return NULL;
}

/* Walks the predicated lists of a region the way pred_list will:
 * collects loop control (mode 0) and marks the safe setup of control
 * variables as unpredicated (mode 1; returns whether it marked something). */
static bool scan_list(pr_ctx *c, ir_stmt *s, int mode) {
  bool ch = false;
  for (; s; s = s->next) {
    bool w = stmt_has_warp(s);
    if (w && (s->kind == IR_S_IF || s->kind == IR_S_BLOCK)) {
      ch |= scan_list(c, s->kind == IR_S_BLOCK ? s->body : s->then_s->body, mode);
      if (s->kind == IR_S_IF && s->else_s) ch |= scan_list(c, s->else_s->body, mode);
    } else if (w && s->kind == IR_S_LOOP) {
      if (mode == 0) {
        for (ir_stmt *t = s->body->body; t; t = t->next)
          if (is_break_if(t)) add_reads(c, t->cond);
        if (s->cont) {
          add_stmt_reads(c, s->cont->body);
          for (ir_stmt *t = s->cont->body; t; t = t->next)
            if (assigned_var(t)) add_ctrl(c, (ir_var *)assigned_var(t));
        }
      }
      ch |= scan_list(c, s->body->body, mode);
    } else if (mode == 1 && s->kind == IR_S_BLOCK) {
      ch |= scan_list(c, s->body, mode); /* an inlined call: `decl r; { r = 32u; }` sets up a loop bound */
    } else if (mode == 1 && (s->kind == IR_S_DECL || (s->kind == IR_S_ASSIGN && s->lhs->kind == IR_E_VAR)) &&
               in_ctrl(c, assigned_var(s)) && !is_unpred(c, s) &&
               safe_expr(s->kind == IR_S_DECL ? s->init : s->rhs)) {
      add_unpred(c, s);
      add_reads(c, s->kind == IR_S_DECL ? s->init : s->rhs);
      ch = true;
    }
  }
  return ch;
}

/* Counts, per control variable, its assignments in the region outside
 * continuing blocks; a control variable assigned under a predicate (or more
 * than once) makes the trip count thread-dependent. Returns the offender. */
static const ir_var *bad_ctrl(pr_ctx *c, const ir_stmt *s, int *counts) {
  for (; s; s = s->next) {
    const ir_var *v = assigned_var(s);
    if (v && in_ctrl(c, v) && !(s->kind == IR_S_DECL && !s->init)) { /* a bare declaration assigns nothing */
      int i = 0;
      while (c->ctrl[i] != v) i++;
      if (!is_unpred(c, s) || ++counts[i] > 1) return v;
    }
    const ir_stmt *k[3] = {s->body, s->then_s, s->else_s};
    for (int j = 0; j < 3; j++) {
      const ir_var *b = bad_ctrl(c, k[j], counts);
      if (b) return b;
    }
    for (int j = 0; j < s->ncases; j++) {
      const ir_var *b = bad_ctrl(c, s->cases[j].body, counts);
      if (b) return b;
    }
  }
  return NULL;
}

/* ---------------- transformation ---------------- */

static ir_expr *bref(pr_ctx *c, ir_var *v, cw_loc loc) { return ir_var_ref(c->m, v, loc); }

typedef struct {
  ir_stmt *out;  /* block receiving the result */
  ir_stmt *run;  /* pending predicated run (block) or NULL */
  ir_expr *pred;
  cw_loc loc;
} emitter;

static void flush(pr_ctx *c, emitter *e) {
  if (!e->run) return;
  ir_stmt *i = ir_stmt_new(c->m, IR_S_IF, e->run->loc);
  i->cond = ir_expr_clone(c->m, e->pred);
  i->then_s = e->run;
  ir_block_append(e->out, i);
  e->run = NULL;
}
static void to_run(pr_ctx *c, emitter *e, ir_stmt *s) {
  if (!e->run) e->run = ir_block_new(c->m, s->loc);
  s->next = NULL;
  ir_block_append(e->run, s);
}
static void to_out(pr_ctx *c, emitter *e, ir_stmt *s) {
  flush(c, e);
  s->next = NULL;
  ir_block_append(e->out, s);
}

static _Noreturn void refuse(pr_ctx *c, const ir_stmt *w, const char *what) {
  cw_error(c->m->diags, w->loc, "warp intrinsic '%s' %s is not supported", cw_intrinsic_name(w->intrinsic), what);
}

static void pred_list(pr_ctx *c, ir_stmt *s, ir_expr *pred, ir_stmt *out, const ir_stmt *loop_w,
                      const ir_stmt *region_w);

/* Does block s hold (in nested blocks too) a statement marked unpredicated? */
static bool holds_unpred(const pr_ctx *c, const ir_stmt *s) {
  for (const ir_stmt *t = s->body; t; t = t->next)
    if (is_unpred(c, t) || (t->kind == IR_S_BLOCK && holds_unpred(c, t))) return true;
  return false;
}

/* A loop containing a warp op, run by every thread; body under pred. */
static ir_stmt *pred_loop(pr_ctx *c, ir_stmt *lp, ir_expr *pred) {
  const ir_stmt *w = first_warp(lp->body->body);
  if (!w) w = first_warp(lp->cont);
  if (lp->cont && (has_warp(lp->cont->body) || !safe_stmts(lp->cont->body)))
    refuse(c, w, "inside a loop whose trip count differs between threads");
  ir_stmt *body = ir_block_new(c->m, lp->body->loc);
  pred_list(c, lp->body->body, pred, body, w, w);
  lp->body = body;
  return lp;
}

/* Predicates list s (statements of one block) under pred into block out.
 * loop_w: the warp op of the innermost predicated loop whose body this list
 * is at the top of (break-ifs allowed), or NULL. */
static void pred_list(pr_ctx *c, ir_stmt *s, ir_expr *pred, ir_stmt *out, const ir_stmt *loop_w,
                      const ir_stmt *region_w) {
  emitter e = {out, NULL, pred, out->loc};
  while (s) {
    ir_stmt *next = s->next;
    bool w = stmt_has_warp(s);
    if (s->kind == IR_S_WARP) {
      s->cond = s->cond ? ir_binary(c->m, IR_OP_LAND, ir_expr_clone(c->m, pred), s->cond, s->loc)
                        : ir_expr_clone(c->m, pred);
      to_out(c, &e, s);
    } else if (s->kind == IR_S_BARRIER && s->intrinsic == CW_IN_SYNCTHREADS) {
      to_out(c, &e, s); /* every thread reaches it now (as a uniform condition would) */
    } else if (w && s->kind == IR_S_BLOCK) {
      flush(c, &e);
      pred_list(c, s->body, pred, out, loop_w, region_w);
    } else if (s->kind == IR_S_BLOCK && holds_unpred(c, s)) {
      flush(c, &e); /* opened so that its loop-bound setup runs unpredicated */
      pred_list(c, s->body, pred, out, NULL, region_w);
    } else if (w && s->kind == IR_S_IF) {
      flush(c, &e);
      ir_var *q = ir_var_new(c->m, IR_VAR_LOCAL, "cw_pred", &ir_bool, s->loc);
      q->is_written = q->is_read = true;
      ir_stmt *d = ir_stmt_new(c->m, IR_S_DECL, s->loc);
      d->var = q;
      d->init = ir_const_int(c->m, &ir_bool, 0, s->loc);
      to_out(c, &e, d);
      ir_stmt *a = ir_stmt_new(c->m, IR_S_ASSIGN, s->loc);
      a->lhs = bref(c, q, s->loc);
      a->rhs = s->cond;
      to_run(c, &e, a);
      flush(c, &e);
      const ir_stmt *inner = first_warp(s->then_s);
      if (!inner) inner = first_warp(s->else_s);
      pred_list(c, s->then_s->body, bref(c, q, s->loc), out, NULL, inner);
      if (s->else_s)
        pred_list(c, s->else_s->body,
                  ir_binary(c->m, IR_OP_LAND, ir_expr_clone(c->m, pred),
                            ir_unary(c->m, IR_OP_NOT, bref(c, q, s->loc), s->loc), s->loc),
                  out, NULL, inner);
    } else if (w && s->kind == IR_S_LOOP) {
      to_out(c, &e, pred_loop(c, s, pred));
    } else if (w) {
      refuse(c, first_warp(s), s->kind == IR_S_SWITCH ? "inside a switch in a branch" : "here");
    } else if (loop_w && is_break_if(s)) {
      if (!safe_expr(s->cond)) refuse(c, loop_w, "inside a loop whose trip count differs between threads");
      to_out(c, &e, s); /* loop control: every thread (bad_ctrl checked what it reads) */
    } else if (escapes(s, true, true)) {
      const char *kw = has_return(s) ? "'return'" : "'break' or 'continue'";
      cw_error(c->m->diags, s->loc, "%s in a branch that also contains warp intrinsic '%s' is not supported", kw,
               cw_intrinsic_name(region_w->intrinsic));
    } else if (is_unpred(c, s)) {
      if (s->kind == IR_S_DECL) to_out(c, &e, s);
      else to_out(c, &e, s);
    } else if (s->kind == IR_S_DECL) {
      /* declared before the run, assigned inside it: later runs see it */
      ir_stmt *d = ir_stmt_new(c->m, IR_S_DECL, s->loc);
      d->var = s->var;
      d->next = NULL;
      ir_block_append(out, d); /* the pending run cannot use it yet */
      if (s->init) {
        ir_stmt *a = ir_stmt_new(c->m, IR_S_ASSIGN, s->loc);
        a->lhs = bref(c, s->var, s->loc);
        a->rhs = s->init;
        to_run(c, &e, a);
      }
    } else {
      to_run(c, &e, s);
    }
    s = next;
  }
  flush(c, &e);
}

/* Predicates the outermost if s (which contains a warp op). */
static ir_stmt *pred_region(pr_ctx *c, ir_stmt *s) {
  const ir_stmt *w = first_warp(s->then_s);
  if (!w) w = first_warp(s->else_s);
  c->nctrl = 0;
  c->nunpred = 0;
  ir_stmt *lists[2] = {s->then_s, s->else_s};
  for (int i = 0; i < 2; i++)
    if (lists[i]) scan_list(c, lists[i]->body, 0);
  for (bool ch = true; ch;) {
    ch = false;
    for (int i = 0; i < 2; i++)
      if (lists[i]) ch |= scan_list(c, lists[i]->body, 1);
  }
  if (c->nctrl) {
    int *counts = CW_NEW_ARRAY(c->m->arena, int, c->nctrl);
    for (int i = 0; i < 2; i++)
      if (lists[i] && bad_ctrl(c, lists[i]->body, counts))
        refuse(c, w, "inside a loop whose trip count differs between threads");
  }
  ir_stmt *out = ir_block_new(c->m, s->loc);
  ir_var *p = ir_var_new(c->m, IR_VAR_LOCAL, "cw_pred", &ir_bool, s->loc);
  p->is_written = p->is_read = true;
  ir_stmt *d = ir_stmt_new(c->m, IR_S_DECL, s->loc);
  d->var = p;
  d->init = s->cond;
  ir_block_append(out, d);
  pred_list(c, s->then_s->body, bref(c, p, s->loc), out, NULL, w);
  if (s->else_s)
    pred_list(c, s->else_s->body, ir_unary(c->m, IR_OP_NOT, bref(c, p, s->loc), s->loc), out, NULL, w);
  c->changed = true;
  return out;
}

/* `if (c) { ...; return; } REST` at a kernel's top level with a warp op in
 * REST -> `if (c) { ... } else { REST }`. */
static void early_returns(pr_ctx *c, ir_stmt *blk) {
  for (ir_stmt *s = blk->body; s; s = s->next) {
    if (s->kind != IR_S_IF || s->else_s || !s->next || !has_warp(s->next)) continue;
    ir_stmt *last = s->then_s->body, *prev = NULL;
    if (!last) continue;
    while (last->next) prev = last, last = last->next;
    if (last->kind != IR_S_RETURN) continue;
    if (prev) prev->next = NULL;
    else s->then_s->body = NULL;
    if (has_return(s->then_s->body) || escapes(s->then_s, true, true)) {
      if (prev) prev->next = last; /* leave it as it was */
      else s->then_s->body = last;
      continue;
    }
    s->else_s = block_of(c->m, s->next, s->loc);
    s->next = NULL;
    c->changed = true;
    early_returns(c, s->else_s);
    return;
  }
}

static void walk(pr_ctx *c, ir_stmt *blk) {
  ir_stmt **pp = &blk->body;
  for (ir_stmt *s = *pp; s; s = *pp) {
    if (s->kind == IR_S_IF && stmt_has_warp(s)) {
      ir_stmt *r = pred_region(c, s);
      r->next = s->next;
      *pp = r;
      s = r;
    } else {
      if (s->kind == IR_S_BLOCK) walk(c, s);
      if (s->kind == IR_S_IF) {
        if (s->then_s) walk(c, s->then_s);
        if (s->else_s) walk(c, s->else_s);
      }
      if (s->kind == IR_S_LOOP) {
        walk(c, s->body);
        if (s->cont) walk(c, s->cont);
      }
      for (int i = 0; i < s->ncases; i++) walk(c, s->cases[i].body);
    }
    pp = &s->next;
  }
}

bool ir_pass_predicate(ir_module *m) {
  pr_ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (!f->body || !has_warp(f->body->body)) continue;
    early_returns(&c, f->body);
    walk(&c, f->body);
  }
  return c.changed;
}
