/* passes/inline.c — ir_pass_inline: LOWERED -> INLINED.
 *
 * Every IR_S_CALL is replaced by a copy of the callee's body (callees are
 * processed first, so the copied body is already call-free); afterwards all
 * non-kernel functions are dropped. Recursion is rejected because WGSL has
 * none and the call graph must be a DAG for bottom-up inlining.
 *
 * A call `dst = f(args)` becomes
 *     { p0' = arg0; ...; <body of f with locals renamed> }
 * and returns inside the body are rewritten:
 *   - no return, or a single return as the last top-level statement:
 *       the body is used as is (`return v` -> `dst = v`);
 *   - otherwise the body is wrapped in `loop { body; break; }`; a return
 *     outside any inner loop/switch becomes `dst = v; break;`, one inside
 *     becomes `dst = v; returned = true; break;` and every inner loop/switch
 *     that contains such a return is followed by `if (returned) { break; }`.
 */
#include <string.h>

#include "ir/ir.h"

/* Limits on a function after inlining. Every later pass and both back-ends
 * walk statements and expressions recursively, and a call chain where each
 * function calls the next twice doubles the code at every level, so both the
 * nesting and the size of the result are bounded, with an error naming the
 * call that crosses the line. */
#define INLINE_MAX_NEST 1024     /* statement nesting levels */
#define INLINE_MAX_NODES 1000000 /* statements + expression nodes */

typedef struct {
  ir_module *m;
  ir_func **funcs; /* all functions, with a DFS state each */
  int *state;      /* 0 unvisited, 1 on the stack, 2 done */
  int *nodes;      /* done functions: IR nodes after inlining */
  int *nest;       /* done functions: statement nesting after inlining */
  int cur_nodes;   /* function being inlined into: its size so far */
  int dfs_depth;   /* functions on the DFS stack */
  int nfuncs;
  ir_var **map;    /* callee var id -> fresh var, for the current call site */
  int capmap;
  int *touched;    /* ids set in map, to clear them after a call site */
  int ntouched, captouched;
  bool changed;
} inl_ctx;

static int func_index(inl_ctx *c, const ir_func *f) {
  for (int i = 0; i < c->nfuncs; i++)
    if (c->funcs[i] == f) return i;
  return -1;
}

/* ---------------- cloning with variable remapping ---------------- */

static ir_var *remap_var(inl_ctx *c, ir_var *v) {
  if (!v) return NULL;
  /* globals (shared, constant, device) are shared by every inlined copy */
  if (v->kind != IR_VAR_LOCAL && v->kind != IR_VAR_PARAM) return v;
  if (v->id >= c->capmap) {
    int n = c->capmap ? c->capmap : 64;
    while (n <= v->id) n *= 2;
    ir_var **nm = CW_NEW_ARRAY(c->m->arena, ir_var *, n);
    if (c->capmap) memcpy(nm, c->map, sizeof(*nm) * (size_t)c->capmap);
    c->map = nm;
    c->capmap = n;
  }
  if (!c->map[v->id]) {
    ir_var *nv = ir_var_new(c->m, IR_VAR_LOCAL, v->src_name, v->type, v->loc);
    c->map[v->id] = nv;
    if (c->ntouched == c->captouched) {
      int n = c->captouched ? c->captouched * 2 : 64;
      int *nt = CW_NEW_ARRAY(c->m->arena, int, n);
      if (c->ntouched) memcpy(nt, c->touched, sizeof(*nt) * (size_t)c->ntouched);
      c->touched = nt;
      c->captouched = n;
    }
    c->touched[c->ntouched++] = v->id;
  }
  return c->map[v->id];
}

static void clear_map(inl_ctx *c) {
  for (int i = 0; i < c->ntouched; i++) c->map[c->touched[i]] = NULL;
  c->ntouched = 0;
}

static ir_expr *clone_expr(inl_ctx *c, const ir_expr *e) {
  if (!e) return NULL;
  ir_expr *n = CW_NEW(c->m->arena, ir_expr);
  *n = *e;
  n->var = remap_var(c, e->var);
  n->a = clone_expr(c, e->a);
  n->b = clone_expr(c, e->b);
  n->c = clone_expr(c, e->c);
  if (e->nargs) {
    n->args = CW_NEW_ARRAY(c->m->arena, ir_expr *, e->nargs);
    for (int i = 0; i < e->nargs; i++) n->args[i] = clone_expr(c, e->args[i]);
  }
  return n;
}

static ir_stmt *clone_list(inl_ctx *c, const ir_stmt *s);

static ir_stmt *clone_stmt(inl_ctx *c, const ir_stmt *s) {
  if (!s) return NULL;
  ir_stmt *n = CW_NEW(c->m->arena, ir_stmt);
  *n = *s;
  n->next = NULL;
  n->body = clone_list(c, s->body);
  n->then_s = clone_stmt(c, s->then_s);
  n->else_s = clone_stmt(c, s->else_s);
  n->cont = clone_stmt(c, s->cont);
  n->var = remap_var(c, s->var);
  n->dst = remap_var(c, s->dst);
  n->init = clone_expr(c, s->init);
  n->lhs = clone_expr(c, s->lhs);
  n->rhs = clone_expr(c, s->rhs);
  n->cond = clone_expr(c, s->cond);
  n->value = clone_expr(c, s->value);
  n->cmp = clone_expr(c, s->cmp);
  n->addr = clone_expr(c, s->addr);
  if (s->nargs) {
    n->args = CW_NEW_ARRAY(c->m->arena, ir_expr *, s->nargs);
    for (int i = 0; i < s->nargs; i++) n->args[i] = clone_expr(c, s->args[i]);
  }
  if (s->ncases) {
    n->cases = CW_NEW_ARRAY(c->m->arena, ir_case, s->ncases);
    for (int i = 0; i < s->ncases; i++) {
      n->cases[i] = s->cases[i];
      n->cases[i].body = clone_stmt(c, s->cases[i].body);
    }
  }
  return n;
}

/* For a BLOCK the body is a list; for a LOOP `body` is a single block. The
 * `next` links make both a list, so cloning the list covers both. */
static ir_stmt *clone_list(inl_ctx *c, const ir_stmt *s) {
  ir_stmt *head = NULL, **tail = &head;
  for (; s; s = s->next) {
    *tail = clone_stmt(c, s);
    tail = &(*tail)->next;
  }
  return head;
}

/* ---------------- size of a function ---------------- */

static int expr_nodes(const ir_expr *e) {
  if (!e) return 0;
  int n = 1 + expr_nodes(e->a) + expr_nodes(e->b) + expr_nodes(e->c);
  for (int i = 0; i < e->nargs; i++) n += expr_nodes(e->args[i]);
  return n;
}

/* Counts the nodes of list s (at nesting depth `depth`) into *nodes and
 * raises *nest to the deepest statement nesting. */
static void list_shape(const ir_stmt *s, int depth, int *nodes, int *nest) {
  if (depth > *nest) *nest = depth;
  for (; s; s = s->next) {
    *nodes += 1 + expr_nodes(s->init) + expr_nodes(s->lhs) + expr_nodes(s->rhs) +
              expr_nodes(s->cond) + expr_nodes(s->value) + expr_nodes(s->cmp) + expr_nodes(s->addr);
    for (int i = 0; i < s->nargs; i++) *nodes += expr_nodes(s->args[i]);
    list_shape(s->body, depth + 1, nodes, nest);
    list_shape(s->then_s, depth + 1, nodes, nest);
    list_shape(s->else_s, depth + 1, nodes, nest);
    list_shape(s->cont, depth + 1, nodes, nest);
    for (int i = 0; i < s->ncases; i++) list_shape(s->cases[i].body, depth + 1, nodes, nest);
  }
}

/* ---------------- return analysis ---------------- */

static int count_returns(const ir_stmt *s) {
  int n = 0;
  for (; s; s = s->next) {
    if (s->kind == IR_S_RETURN) n++;
    n += count_returns(s->body) + count_returns(s->then_s) + count_returns(s->else_s) +
         count_returns(s->cont);
    for (int i = 0; i < s->ncases; i++) n += count_returns(s->cases[i].body);
  }
  return n;
}

typedef struct {
  inl_ctx *c;
  ir_var *dst;       /* NULL when the call's value is unused */
  ir_var *flag;      /* created on first need */
  ir_stmt *flag_decl;
} ret_ctx;

/* ir_convert, except that pointers pass unchanged (a parameter's address
 * space is refined by provenance; the validator accepts the difference). */
static ir_expr *conv_to(ir_module *m, ir_type *t, ir_expr *v, cw_loc loc) {
  if (t->kind == IR_T_PTR && v->type->kind == IR_T_PTR) return v;
  return ir_convert(m, t, v, loc);
}

static ir_stmt *mk_break(ir_module *m, cw_loc loc) { return ir_stmt_new(m, IR_S_BREAK, loc); }

static ir_stmt *mk_assign_dst(ret_ctx *r, ir_expr *v, cw_loc loc) {
  if (!r->dst || !v) return NULL;
  ir_stmt *a = ir_stmt_new(r->c->m, IR_S_ASSIGN, loc);
  a->lhs = ir_var_ref(r->c->m, r->dst, loc);
  a->rhs = conv_to(r->c->m, r->dst->type, v, loc);
  return a;
}

static ir_var *get_flag(ret_ctx *r, cw_loc loc) {
  if (!r->flag) {
    r->flag = ir_var_new(r->c->m, IR_VAR_LOCAL, "returned", &ir_bool, loc);
    r->flag_decl = ir_stmt_new(r->c->m, IR_S_DECL, loc);
    r->flag_decl->var = r->flag;
    r->flag_decl->init = ir_const_int(r->c->m, &ir_bool, 0, loc);
  }
  return r->flag;
}

/* Turns statement s (a RETURN) into a block in place, keeping s->next. */
static void rewrite_return(ret_ctx *r, ir_stmt *s, int depth) {
  ir_module *m = r->c->m;
  ir_stmt *blk_body = NULL, **tail = &blk_body;
  ir_stmt *a = mk_assign_dst(r, s->value, s->loc);
  if (a) { *tail = a; tail = &a->next; }
  if (depth > 0) {
    ir_stmt *set = ir_stmt_new(m, IR_S_ASSIGN, s->loc);
    set->lhs = ir_var_ref(m, get_flag(r, s->loc), s->loc);
    set->rhs = ir_const_int(m, &ir_bool, 1, s->loc);
    *tail = set;
    tail = &set->next;
  }
  *tail = mk_break(m, s->loc);
  s->kind = IR_S_BLOCK;
  s->value = NULL;
  s->body = blk_body;
}

static bool fix_list(ret_ctx *r, ir_stmt *s, int depth);

/* `if (returned) { break; }` inserted after s */
static void insert_flag_check(ret_ctx *r, ir_stmt *s) {
  ir_module *m = r->c->m;
  ir_stmt *chk = ir_stmt_new(m, IR_S_IF, s->loc);
  chk->cond = ir_var_ref(m, get_flag(r, s->loc), s->loc);
  chk->then_s = ir_block_new(m, s->loc);
  ir_block_append(chk->then_s, mk_break(m, s->loc));
  chk->next = s->next;
  s->next = chk;
}

/* Rewrites returns in list s; depth = inner loops/switches of the callee
 * around it. Returns whether a flagged return (depth > 0) occurs inside. */
static bool fix_list(ret_ctx *r, ir_stmt *s, int depth) {
  bool flagged = false;
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_RETURN:
      if (depth > 0) flagged = true;
      rewrite_return(r, s, depth);
      break;
    case IR_S_BLOCK: flagged |= fix_list(r, s->body, depth); break;
    case IR_S_IF:
      flagged |= fix_list(r, s->then_s, depth);
      flagged |= fix_list(r, s->else_s, depth);
      break;
    case IR_S_LOOP:
    case IR_S_SWITCH: {
      bool inner = false;
      if (s->kind == IR_S_LOOP) {
        inner |= fix_list(r, s->body, depth + 1);
        inner |= fix_list(r, s->cont, depth + 1);
      } else {
        for (int i = 0; i < s->ncases; i++) inner |= fix_list(r, s->cases[i].body, depth + 1);
      }
      if (inner) {
        insert_flag_check(r, s);
        s = s->next; /* skip the check we just inserted */
        if (depth > 0) flagged = true;
      }
      break;
    }
    default: break;
    }
  }
  return flagged;
}

/* ---------------- inlining one call ---------------- */

/* Replaces CALL statement s by the inlined body, in place (s->next kept). */
static void inline_call(inl_ctx *c, ir_stmt *s) {
  ir_module *m = c->m;
  ir_func *f = s->callee;
  cw_loc loc = s->loc;
  ir_stmt *out = NULL, **tail = &out;

  for (int i = 0; i < f->nparams; i++) {
    ir_var *nv = remap_var(c, f->params[i]);
    ir_stmt *d = ir_stmt_new(m, IR_S_DECL, loc);
    d->var = nv;
    d->init = i < s->nargs ? conv_to(m, nv->type, s->args[i], loc) : NULL;
    *tail = d;
    tail = &d->next;
  }

  ir_stmt *body = clone_list(c, f->body ? f->body->body : NULL);
  ret_ctx r = {c, s->dst, NULL, NULL};
  int nret = count_returns(body);
  ir_stmt *last = body;
  while (last && last->next) last = last->next;

  if (nret == 0 || (nret == 1 && last && last->kind == IR_S_RETURN)) {
    /* straight-line callee: no wrapper, keeps the output readable */
    if (nret == 1) {
      ir_stmt *a = mk_assign_dst(&r, last->value, last->loc);
      if (a) {
        *last = *a;
      } else {
        last->kind = IR_S_BLOCK;
        last->value = NULL;
        last->body = NULL;
      }
      last->next = NULL;
    }
    *tail = body;
  } else {
    fix_list(&r, body, 0);
    ir_stmt *loop = ir_stmt_new(m, IR_S_LOOP, loc);
    loop->body = ir_block_new(m, loc);
    loop->body->body = body;
    /* leave the wrapper after the last statement, unless that already left
     * (a second break would be unreachable code, which Tint warns about) */
    ir_stmt *end = body;
    for (;;) {
      while (end && end->next) end = end->next;
      if (!end || end->kind != IR_S_BLOCK || !end->body) break;
      end = end->body;
    }
    if (!end || (end->kind != IR_S_BREAK && end->kind != IR_S_RETURN))
      ir_block_append(loop->body, mk_break(m, loc));
    if (r.flag_decl) {
      *tail = r.flag_decl;
      tail = &r.flag_decl->next;
    }
    *tail = loop;
  }
  clear_map(c);

  s->kind = IR_S_BLOCK;
  s->body = out;
  s->callee = NULL;
  s->args = NULL;
  s->nargs = 0;
  s->dst = NULL;
  c->changed = true;
}

static void visit_func(inl_ctx *c, int fi);

static void too_deep(inl_ctx *c, const ir_stmt *call, const ir_func *caller) {
  cw_error(c->m->diags, call->loc,
           "inlining '%s' into '%s' nests statements too deeply (more than %d levels)",
           call->callee->name, caller->name, INLINE_MAX_NEST);
}

/* Inlines every call in list s, at statement nesting `depth` in caller
 * (after making sure callees are done). */
static void walk(inl_ctx *c, ir_func *caller, ir_stmt *s, int depth) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_CALL) {
      ir_func *f = s->callee;
      int ci = func_index(c, f);
      if (ci < 0)
        cw_error(c->m->diags, s->loc, "call to unknown function '%s'", f ? f->name : "?");
      if (f->is_kernel)
        cw_error(c->m->diags, s->loc,
                 "calling kernel '%s' from device code is not supported", f->name);
      if (c->state[ci] == 1)
        cw_error(c->m->diags, s->loc,
                 "recursive function '%s' is not supported (called from '%s'): WGSL has no recursion "
                 "(no call stack); rewrite it as a loop", f->name,
                 caller->name);
      if (!f->body)
        cw_error(c->m->diags, s->loc, "function '%s' is declared but never defined", f->name);
      if (c->state[ci] == 0) {
        /* each level of calls nests the callee one block deeper, so a chain
         * this long can only end in too_deep; stop before the DFS recursion
         * itself gets that deep */
        if (c->dfs_depth >= INLINE_MAX_NEST) too_deep(c, s, caller);
        int saved = c->cur_nodes;
        visit_func(c, ci);
        c->cur_nodes = saved;
      }
      /* the copy sits in a block (and maybe a loop with its body block) */
      if (depth + 3 + c->nest[ci] > INLINE_MAX_NEST) too_deep(c, s, caller);
      if (c->nodes[ci] > INLINE_MAX_NODES - c->cur_nodes)
        cw_error(c->m->diags, s->loc,
                 "inlining '%s' makes %s '%s' too large (more than %d IR nodes after inlining)",
                 f->name, caller->is_kernel ? "kernel" : "function", caller->name, INLINE_MAX_NODES);
      c->cur_nodes += c->nodes[ci];
      inline_call(c, s);
      continue; /* the inlined copy is call-free */
    }
    walk(c, caller, s->body, depth + 1);
    walk(c, caller, s->then_s, depth + 1);
    walk(c, caller, s->else_s, depth + 1);
    walk(c, caller, s->cont, depth + 1);
    for (int i = 0; i < s->ncases; i++) walk(c, caller, s->cases[i].body, depth + 1);
  }
}

static void visit_func(inl_ctx *c, int fi) {
  ir_func *f = c->funcs[fi];
  c->state[fi] = 1;
  c->dfs_depth++;
  int nodes = 0, nest = 0;
  list_shape(f->body, 0, &nodes, &nest);
  c->cur_nodes = nodes;
  if (f->body) walk(c, f, f->body, 0);
  nodes = nest = 0;
  list_shape(f->body, 0, &nodes, &nest);
  c->nodes[fi] = nodes;
  c->nest[fi] = nest;
  c->dfs_depth--;
  c->state[fi] = 2;
}

/* Entry point. Recursion -> error at the call; everything else succeeds. */
bool ir_pass_inline(ir_module *m) {
  inl_ctx c;
  memset(&c, 0, sizeof c);
  c.m = m;
  for (ir_func *f = m->funcs; f; f = f->next) c.nfuncs++;
  c.funcs = CW_NEW_ARRAY(m->arena, ir_func *, c.nfuncs ? c.nfuncs : 1);
  c.state = CW_NEW_ARRAY(m->arena, int, c.nfuncs ? c.nfuncs : 1);
  c.nodes = CW_NEW_ARRAY(m->arena, int, c.nfuncs ? c.nfuncs : 1);
  c.nest = CW_NEW_ARRAY(m->arena, int, c.nfuncs ? c.nfuncs : 1);
  int i = 0;
  for (ir_func *f = m->funcs; f; f = f->next) c.funcs[i++] = f;
  for (i = 0; i < c.nfuncs; i++)
    if (c.state[i] == 0) visit_func(&c, i);

  ir_func **pf = &m->funcs;
  while (*pf) {
    if (!(*pf)->is_kernel) {
      *pf = (*pf)->next;
      c.changed = true;
    } else {
      pf = &(*pf)->next;
    }
  }
  m->phase = IR_PHASE_INLINED;
  return c.changed;
}
