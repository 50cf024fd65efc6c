/* back/c: analyses that make the generated thread loops cheaper without
 * changing what a kernel computes. They run before the two walks of
 * fission.c and only read the IR.
 *
 * Block scalars (kernels with __syncthreads() only). A scalar local whose
 * every assignment (its DECL, plain `v = e`) sits directly in a block-level
 * statement sequence (the kernel body, or the body/continuing/branches of a
 * block-level loop/if/switch; fission.c) and whose every right-hand side is
 * "block-uniform" (constants, blockIdx/blockDim/gridDim/warpSize, unwritten
 * scalar parameters, other block scalars) holds the same value in every
 * thread. Such an assignment is executed ONCE at block level instead of
 * once per thread (it is "hoisted": the region around it is split, which is
 * a legal schedule of threads that do not synchronise), and the variable is
 * one C scalar instead of a per-thread array. `s >>= 1` in the continuing
 * block of a block-level loop is the typical case: executing it per thread
 * on a shared scalar would shift it nthreads times; hoisted, it runs once.
 *
 * Rematerialisation. A local with exactly one assignment, its DECL, whose
 * initialiser only reads constants, builtins (threadIdx included), unwritten
 * scalar parameters and other such locals is a fixed function of the thread:
 * a region that uses it but does not contain its DECL recomputes it at the
 * top of the thread loop instead of reading a per-thread array.
 *
 * Lockstep loops (kernels with __syncthreads() only). A loop without
 * barriers or returns that sits in a block-level sequence and whose every
 * exit (break/continue and the conditions around them) is block-uniform runs
 * the same iterations in every thread; it is emitted as a block-level loop
 * with a thread loop per iteration (the schedule a GPU warp uses), so that
 * independent threads, not one thread's dependency chain, are innermost:
 * `for (k...) acc += As[ty][k] * Bs[k][tx]` becomes one pass over the threads
 * per k. Its counter then becomes a block scalar. Chosen as the greatest
 * fixed point: assume every candidate loop is lockstep, drop those whose
 * exits are not uniform under the resulting block scalars, repeat.
 *
 * Thread-range narrowing. A region that is one `if (C) {...}` without else,
 * where C (or a conjunct of C) is `threadIdx.x < U` or `threadIdx.x == U`
 * with U block-uniform, only runs the x range where C can hold; the `if`
 * stays, so the range only has to contain every thread for which C is true,
 * unless C is the comparison itself and the range is exactly where it holds:
 * then the `if` is dropped (the reduction's `if (tid < s)` costs a compare
 * and branch per thread otherwise). */
#include <string.h>

#include "back/c/c_emit.h"

#define P(...) (c->analyze ? (void)0 : cw_sb_printf(c->out, __VA_ARGS__))
#define S(s) (c->analyze ? (void)0 : cw_sb_puts(c->out, (s)))

enum { MODE_UNIFORM, MODE_REMAT };

static bool scalar_storage(const ir_type *t) {
  return t->kind != IR_T_ARRAY && t->kind != IR_T_STRUCT && t->kind != IR_T_VOID;
}

static bool is_plain_local(const ir_var *v) {
  return v->kind == IR_VAR_LOCAL && scalar_storage(cx_storage_type(v));
}

/* The variable a whole-variable lvalue names (VAR, or ELEM of a scalar local), else NULL. */
static ir_var *whole_var(const ir_expr *e) {
  if (!e) return NULL;
  if (e->kind == IR_E_VAR && e->var->kind == IR_VAR_LOCAL) return e->var;
  if (e->kind == IR_E_ELEM && is_plain_local(e->var)) return e->var;
  return NULL;
}

static ir_var *lvalue_root(const ir_expr *e) {
  while (e && (e->kind == IR_E_MEMBER || e->kind == IR_E_INDEX)) e = e->a;
  return e && (e->kind == IR_E_VAR || e->kind == IR_E_ELEM) ? e->var : NULL;
}

/* Can e be evaluated anywhere with the same result (MODE_REMAT: in the
 * same thread; MODE_UNIFORM: at block level, same in every thread)?
 * *budget bounds the size of rematerialised expressions. */
static bool expr_ok(cx *c, const ir_expr *e, int mode, int *budget) {
  if (!e) return true;
  if (--*budget < 0) return false;
  switch (e->kind) {
  case IR_E_CONST: return true;
  case IR_E_BUILTIN: return mode == MODE_REMAT || e->builtin != IR_BI_THREAD_IDX;
  case IR_E_VAR: case IR_E_ELEM: {
    ir_var *v = e->var;
    if (v->kind == IR_VAR_PARAM)
      return v->type->kind != IR_T_PTR && scalar_storage(v->type) && !c->vi[v->id].written_param;
    if (!is_plain_local(v)) return false; /* memory, arrays, structs */
    return mode == MODE_REMAT ? c->vi[v->id].remat_ok : c->vi[v->id].scalar;
  }
  case IR_E_UNARY: case IR_E_CONVERT: case IR_E_BITCAST: return expr_ok(c, e->a, mode, budget);
  case IR_E_BINARY: return expr_ok(c, e->a, mode, budget) && expr_ok(c, e->b, mode, budget);
  case IR_E_SELECT:
    return expr_ok(c, e->a, mode, budget) && expr_ok(c, e->b, mode, budget) &&
           expr_ok(c, e->c, mode, budget);
  case IR_E_INTRINSIC:
    for (int i = 0; i < e->nargs; i++)
      if (!expr_ok(c, e->args[i], mode, budget)) return false;
    return true;
  default: return false;
  }
}

bool cx_block_uniform(cx *c, const ir_expr *e) {
  int budget = 1 << 20;
  return expr_ok(c, e, MODE_UNIFORM, &budget);
}

/* ---- counting assignments ---- */

typedef struct {
  cx *c;
  const ir_stmt *excluded[64]; /* loops found not to be lockstep */
  int nexcluded;
  int *total;                 /* [next_id] assignments of any kind */
  int *hoistable;             /* [next_id] DECL/whole ASSIGN in block-level sequences */
  const ir_expr **rhs;        /* (var, rhs) of hoistable assignments */
  ir_var **rhs_var;
  int nrhs, caprhs;
} counts;

static void count_all(counts *k, const ir_stmt *s) {
  for (; s; s = s->next) {
    ir_var *v;
    switch (s->kind) {
    case IR_S_DECL:
      k->total[s->var->id]++;
      if (!k->c->vi[s->var->id].decl) k->c->vi[s->var->id].decl = s;
      break;
    case IR_S_ASSIGN:
      if ((v = lvalue_root(s->lhs))) k->total[v->id]++;
      break;
    case IR_S_ATOMIC:
      if (s->dst) k->total[s->dst->id] += 2; /* never single-assignment nor hoistable */
      if ((v = lvalue_root(s->addr))) k->total[v->id] += 2;
      break;
    case IR_S_BLOCK: count_all(k, s->body); break;
    case IR_S_IF: count_all(k, s->then_s); count_all(k, s->else_s); break;
    case IR_S_LOOP: count_all(k, s->body); count_all(k, s->cont); break;
    case IR_S_SWITCH:
      for (int i = 0; i < s->ncases; i++) count_all(k, s->cases[i].body);
      break;
    default: break;
    }
  }
}

static void add_rhs(counts *k, ir_var *v, const ir_expr *e) {
  if (k->nrhs == k->caprhs) {
    int cap = k->caprhs ? 2 * k->caprhs : 32;
    const ir_expr **r = CW_NEW_ARRAY(k->c->m->arena, const ir_expr *, cap);
    ir_var **rv = CW_NEW_ARRAY(k->c->m->arena, ir_var *, cap);
    if (k->nrhs) {
      memcpy(r, k->rhs, sizeof *r * (size_t)k->nrhs);
      memcpy(rv, k->rhs_var, sizeof *rv * (size_t)k->nrhs);
    }
    k->rhs = r;
    k->rhs_var = rv;
    k->caprhs = cap;
  }
  k->rhs[k->nrhs] = e;
  k->rhs_var[k->nrhs++] = v;
}

static bool is_excluded(counts *k, const ir_stmt *s);
static void add_lockstep(cx *c, const ir_stmt *s) {
  for (int i = 0; i < c->nlockstep; i++)
    if (c->lockstep[i] == s) return;
  if (c->nlockstep < (int)(sizeof c->lockstep / sizeof c->lockstep[0])) c->lockstep[c->nlockstep++] = s;
}

bool cx_is_lockstep_loop(cx *c, const ir_stmt *s) {
  if (!c->fission || s->kind != IR_S_LOOP) return false;
  for (int i = 0; i < c->nlockstep; i++)
    if (c->lockstep[i] == s) return true;
  return false;
}

/* Mirrors bl_seq/bl_stmt of fission.c: the statements directly in a block-level sequence. */
static void count_positions(counts *k, const ir_stmt *s, bool brk, bool cont) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_LOOP && !is_excluded(k, s) && !cx_has_sync(s) && !cx_has_return(s))
      add_lockstep(k->c, s); /* optimistic; checked by lockstep_ok */
    if (s->kind == IR_S_DECL) {
      k->hoistable[s->var->id]++;
      add_rhs(k, s->var, s->init);
      continue;
    }
    if (s->kind == IR_S_ASSIGN) {
      ir_var *v = whole_var(s->lhs);
      if (v) {
        k->hoistable[v->id]++;
        add_rhs(k, v, s->rhs);
      }
      continue;
    }
    if (!cx_stmt_block_level(k->c, s, brk, cont)) continue;
    switch (s->kind) {
    case IR_S_BLOCK: count_positions(k, s->body, brk, cont); break;
    case IR_S_IF:
      if (s->then_s) count_positions(k, s->then_s->kind == IR_S_BLOCK ? s->then_s->body : s->then_s, brk, cont);
      if (s->else_s) count_positions(k, s->else_s->kind == IR_S_BLOCK ? s->else_s->body : s->else_s, brk, cont);
      break;
    case IR_S_LOOP:
      if (s->body) count_positions(k, s->body->kind == IR_S_BLOCK ? s->body->body : s->body, true, true);
      if (s->cont) count_positions(k, s->cont->kind == IR_S_BLOCK ? s->cont->body : s->cont, true, true);
      break;
    case IR_S_SWITCH:
      for (int i = 0; i < s->ncases; i++) {
        const ir_stmt *b = s->cases[i].body;
        if (b) count_positions(k, b->kind == IR_S_BLOCK ? b->body : b, true, cont);
      }
      break;
    default: break;
    }
  }
}

static bool is_excluded(counts *k, const ir_stmt *s) {
  for (int i = 0; i < k->nexcluded; i++)
    if (k->excluded[i] == s) return true;
  return k->nexcluded >= (int)(sizeof k->excluded / sizeof k->excluded[0]);
}

/* Every condition that steers a break/continue out of the list (towards the
 * lockstep loop) is block-uniform. */
static bool exits_uniform(cx *c, const ir_stmt *s, bool brk, bool cont) {
  for (; s; s = s->next) {
    switch (s->kind) {
    case IR_S_BLOCK:
      if (!exits_uniform(c, s->body, brk, cont)) return false;
      break;
    case IR_S_IF:
      if (cx_escapes(s, brk, cont) && !cx_block_uniform(c, s->cond)) return false;
      if (s->then_s && !exits_uniform(c, s->then_s->body, brk, cont)) return false;
      if (s->else_s && !exits_uniform(c, s->else_s->body, brk, cont)) return false;
      break;
    case IR_S_SWITCH:
      if (cx_escapes(s, brk, cont) && !cx_block_uniform(c, s->value)) return false;
      for (int i = 0; i < s->ncases; i++)
        if (s->cases[i].body && !exits_uniform(c, s->cases[i].body->body, false, cont)) return false;
      break;
    default: break; /* nested loops keep their own break/continue */
    }
  }
  return true;
}

static bool lockstep_ok(cx *c, const ir_stmt *l) {
  return (!l->body || exits_uniform(c, l->body->body, true, true)) &&
         (!l->cont || exits_uniform(c, l->cont->body, true, true));
}

/* e is threadIdx.x (exactly, as an integer of >= 32 bits)? */
static bool is_tx_expr(cx *c, const ir_expr *e) {
  while (e->kind == IR_E_CONVERT && ir_type_is_int(e->type) && e->type->size >= 4 &&
         ir_type_is_int(e->a->type))
    e = e->a;
  if (e->kind == IR_E_BUILTIN) return e->builtin == IR_BI_THREAD_IDX && e->dim == 0;
  if ((e->kind == IR_E_VAR || e->kind == IR_E_ELEM) && is_plain_local(e->var))
    return c->vi[e->var->id].is_tx;
  return false;
}

void cx_opt_prepare(cx *c, ir_stmt *body) {
  ir_module *m = c->m;
  counts k = {.c = c};
  k.total = CW_NEW_ARRAY(m->arena, int, m->next_id + 1);
  k.hoistable = CW_NEW_ARRAY(m->arena, int, m->next_id + 1);
  count_all(&k, body);
  c->nlockstep = 0;

  /* block scalars and lockstep loops: only where there are regions to hoist between */
  for (bool again = c->fission; again;) {
    again = false;
    c->nlockstep = 0;
    k.nrhs = 0;
    memset(k.hoistable, 0, sizeof(int) * (size_t)(m->next_id + 1));
    count_positions(&k, body->kind == IR_S_BLOCK ? body->body : body, false, false);
    for (int i = 0; i < m->next_id; i++)
      c->vi[i].scalar = k.total[i] > 0 && k.total[i] == k.hoistable[i];
    for (int i = 0; i < k.nrhs; i++)
      if (!is_plain_local(k.rhs_var[i])) c->vi[k.rhs_var[i]->id].scalar = false;
    for (bool changed = true; changed;) {
      changed = false;
      for (int i = 0; i < k.nrhs; i++) {
        cx_varinfo *vi = &c->vi[k.rhs_var[i]->id];
        if (vi->scalar && !cx_block_uniform(c, k.rhs[i])) {
          vi->scalar = false;
          changed = true;
        }
      }
    }
    for (int i = 0; i < c->nlockstep; i++)
      if (!lockstep_ok(c, c->lockstep[i]) && k.nexcluded < (int)(sizeof k.excluded / sizeof k.excluded[0])) {
        k.excluded[k.nexcluded++] = c->lockstep[i];
        again = true;
      }
    if (again && k.nexcluded >= (int)(sizeof k.excluded / sizeof k.excluded[0])) {
      /* too many loops to track: none is lockstep */
      c->nlockstep = 0;
      k.nrhs = 0;
      memset(k.hoistable, 0, sizeof(int) * (size_t)(m->next_id + 1));
      for (int i = 0; i < m->next_id; i++) c->vi[i].scalar = false;
      again = false;
    }
  }

  /* rematerialisable: one assignment, its DECL, with a recomputable initialiser */
  for (int i = 0; i < m->next_id; i++) {
    cx_varinfo *vi = &c->vi[i];
    vi->remat_ok = !vi->scalar && vi->decl && k.total[i] == 1 && vi->decl->init &&
                   is_plain_local(vi->decl->var);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < m->next_id; i++) {
      cx_varinfo *vi = &c->vi[i];
      int budget = 24;
      if (vi->remat_ok && !expr_ok(c, vi->decl->init, MODE_REMAT, &budget)) {
        vi->remat_ok = false;
        changed = true;
      }
    }
  }
  /* threadIdx.x, possibly through other locals */
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < m->next_id; i++) {
      cx_varinfo *vi = &c->vi[i];
      if (vi->remat_ok && !vi->is_tx && is_tx_expr(c, vi->decl->init)) vi->is_tx = changed = true;
    }
  }
}

bool cx_is_hoisted(cx *c, const ir_stmt *s) {
  if (!c->fission) return false;
  if (s->kind == IR_S_DECL) return c->vi[s->var->id].scalar;
  if (s->kind == IR_S_ASSIGN) {
    ir_var *v = whole_var(s->lhs);
    return v && c->vi[v->id].scalar;
  }
  return false;
}

/* ---- thread-range narrowing ---- */

/* In cond, a conjunct `tx < U`, `U > tx`, `tx == U` or `U == tx` with U
 * block-uniform: returns U (*eq: the == form), else NULL. */
static const ir_expr *tx_bound(cx *c, const ir_expr *e, bool *eq) {
  if (e->kind != IR_E_BINARY) return NULL;
  if (e->op == IR_OP_LAND) {
    const ir_expr *u = tx_bound(c, e->a, eq);
    return u ? u : tx_bound(c, e->b, eq);
  }
  if (!ir_type_is_int(e->a->type)) return NULL;
  const ir_expr *t = NULL, *u = NULL;
  if (e->op == IR_OP_LT || e->op == IR_OP_EQ) t = e->a, u = e->b;
  if (e->op == IR_OP_GT || e->op == IR_OP_EQ) {
    if (!(t && is_tx_expr(c, t) && cx_block_uniform(c, u))) t = e->b, u = e->a;
  }
  if (!t || !is_tx_expr(c, t) || !cx_block_uniform(c, u)) return NULL;
  *eq = e->op == IR_OP_EQ;
  return u;
}

const ir_expr *cx_region_tx_bound(cx *c, const ir_stmt *first, int n, bool *eq, bool *exact) {
  *exact = false;
  if (n != 1 || first->kind != IR_S_IF) return NULL;
  if (first->else_s && !(first->else_s->kind == IR_S_BLOCK && !first->else_s->body)) return NULL;
  const ir_expr *u = tx_bound(c, first->cond, eq);
  /* The whole condition is the bound, so the range fission.c computes is
   * exactly the threads where it holds: `tx < U` -> [0, clamp(U)), and
   * `tx == U` -> [U, U+1) or empty -- except a signed U < 0 with ==, which
   * fission.c maps to [0, 1). The bound is a side-effect-free block-uniform
   * expression and tx < 1024, so the comparison type cannot change it. */
  *exact = u && first->cond->op != IR_OP_LAND && !(*eq && ir_type_is_signed(u->type));
  return u;
}

/* ---- rematerialisation at the top of a region ---- */

static void mark_deps(cx *c, const ir_expr *e, unsigned char *need) {
  if (!e) return;
  switch (e->kind) {
  case IR_E_VAR: case IR_E_ELEM:
    if (is_plain_local(e->var) && c->vi[e->var->id].remat_ok && !c->vi[e->var->id].spilled)
      need[e->var->id] = 1;
    return;
  case IR_E_UNARY: case IR_E_CONVERT: case IR_E_BITCAST: mark_deps(c, e->a, need); return;
  case IR_E_BINARY: mark_deps(c, e->a, need); mark_deps(c, e->b, need); return;
  case IR_E_SELECT:
    mark_deps(c, e->a, need);
    mark_deps(c, e->b, need);
    mark_deps(c, e->c, need);
    return;
  case IR_E_INTRINSIC:
    for (int i = 0; i < e->nargs; i++) mark_deps(c, e->args[i], need);
    return;
  default: return;
  }
}

void cx_remat_header(cx *c, int region) {
  if (c->analyze || region >= c->nruse) return;
  const unsigned char *use = c->ruse[region];
  unsigned char *need = CW_NEW_ARRAY(c->m->arena, unsigned char, c->m->next_id + 1);
  for (int i = c->ndecls - 1; i >= 0; i--) {
    ir_var *v = c->decls[i];
    cx_varinfo *vi = &c->vi[v->id];
    if (vi->remat && (use[v->id] & 1)) need[v->id] = 1;
    if (need[v->id] && vi->decl_region != region) mark_deps(c, vi->decl->init, need);
  }
  for (int i = 0; i < c->ndecls; i++) {
    ir_var *v = c->decls[i];
    cx_varinfo *vi = &c->vi[v->id];
    if (!need[v->id] || vi->decl_region == region) continue;
    cx_nl(c);
    P("const %s %s = ", cx_ctype(c, cx_storage_type(v)), v->name);
    cx_expr(c, vi->decl->init);
    P("; (void)%s; /* recomputed */", v->name);
  }
}
