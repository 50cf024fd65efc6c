/* Unit tests for the IR passes (inline, provenance, uniformity, atomics).
 * IR is built by hand with the ir.h constructors, each pass is run followed by
 * ir_validate, and the result is checked structurally, by expected
 * diagnostics, and (for inlining) by running a tiny interpreter on the IR
 * before and after the pass. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"

static int npass, nfail;
#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) npass++;                                                         \
    else {                                                                     \
      nfail++;                                                                 \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                              \
      printf(__VA_ARGS__);                                                     \
      printf("\n");                                                            \
    }                                                                          \
  } while (0)

/* ---------------- module scaffolding ---------------- */
static cw_arena A;
static cw_diags D;
static jmp_buf JB;
static ir_module *M;
static const cw_loc L0 = {0};

static void fresh(void) {
  cw_diags_free(&D);
  cw_arena_free(&A);
  cw_arena_init(&A);
  cw_diags_init(&D, &A);
  D.on_error = &JB;
  M = ir_module_new(&A, &D);
}

static const char *last_msg(void) { return D.count ? D.items[D.count - 1].message : ""; }

typedef bool (*pass_fn)(ir_module *);
/* Runs a pass then the validator; returns the error message or NULL. */
static const char *run(pass_fn p, const char *name) {
  int before = D.count;
  if (setjmp(JB)) return last_msg();
  p(M);
  if (!ir_validate(M, name)) return last_msg();
  return D.count > before ? last_msg() : NULL;
}

static ir_func *func(const char *name, bool kernel, ir_type *ret) {
  ir_func *f = CW_NEW(&A, ir_func);
  f->name = name;
  f->is_kernel = kernel;
  f->ret = ret;
  f->body = ir_block_new(M, L0);
  ir_func **pp = &M->funcs;
  while (*pp) pp = &(*pp)->next;
  *pp = f;
  return f;
}
static ir_var *param(ir_func *f, const char *name, ir_type *t) {
  ir_var *v = ir_var_new(M, IR_VAR_PARAM, name, t, L0);
  v->param_index = f->nparams;
  ir_var **np = CW_NEW_ARRAY(&A, ir_var *, f->nparams + 1);
  for (int i = 0; i < f->nparams; i++) np[i] = f->params[i];
  np[f->nparams++] = v;
  f->params = np;
  return v;
}
static ir_type *ptr(ir_type *t) { return ir_type_ptr(M, t, IR_AS_GLOBAL, false); }

static ir_expr *V(ir_var *v) { return ir_var_ref(M, v, L0); }
static ir_expr *I(int64_t x) { return ir_const_int(M, &ir_i32, (uint64_t)x, L0); }
static ir_expr *B(ir_op op, ir_expr *a, ir_expr *b) { return ir_binary(M, op, a, b, L0); }
static ir_expr *BI(ir_builtin b) {
  ir_expr *e = ir_expr_new(M, IR_E_BUILTIN, &ir_u32, L0);
  e->builtin = b;
  return e;
}
static ir_expr *tid(void) { return ir_convert(M, &ir_i32, BI(IR_BI_THREAD_IDX), L0); }
static ir_expr *deref(ir_expr *p) {
  ir_expr *e = ir_expr_new(M, IR_E_DEREF, p->type->elem, L0);
  e->a = p;
  return e;
}
static ir_expr *padd(ir_expr *p, ir_expr *i) {
  ir_expr *e = ir_expr_new(M, IR_E_PTR_ADD, p->type, L0);
  e->a = p;
  e->b = i;
  return e;
}
static ir_expr *idx(ir_expr *a, ir_expr *i) {
  ir_expr *e = ir_expr_new(M, IR_E_INDEX, a->type->elem, L0);
  e->a = a;
  e->b = i;
  return e;
}
static ir_expr *addr(ir_expr *lv, ir_addr_space as) {
  ir_expr *e = ir_expr_new(M, IR_E_ADDR, ir_type_ptr(M, lv->type, as, false), L0);
  e->a = lv;
  return e;
}

static ir_stmt *add(ir_stmt *blk, ir_stmt *s) {
  ir_block_append(blk, s);
  return s;
}
static ir_stmt *decl(ir_stmt *blk, ir_var *v, ir_expr *init) {
  ir_stmt *s = ir_stmt_new(M, IR_S_DECL, L0);
  s->var = v;
  s->init = init;
  return add(blk, s);
}
static ir_var *local(ir_stmt *blk, const char *n, ir_type *t, ir_expr *init) {
  ir_var *v = ir_var_new(M, IR_VAR_LOCAL, n, t, L0);
  decl(blk, v, init);
  return v;
}
static ir_stmt *assign(ir_stmt *blk, ir_expr *l, ir_expr *r) {
  ir_stmt *s = ir_stmt_new(M, IR_S_ASSIGN, L0);
  s->lhs = l;
  s->rhs = r;
  return add(blk, s);
}
static ir_stmt *if_(ir_stmt *blk, ir_expr *c) { /* returns the IF; then_s is a block */
  ir_stmt *s = ir_stmt_new(M, IR_S_IF, L0);
  s->cond = c;
  s->then_s = ir_block_new(M, L0);
  return add(blk, s);
}
static ir_stmt *loop_(ir_stmt *blk) {
  ir_stmt *s = ir_stmt_new(M, IR_S_LOOP, L0);
  s->body = ir_block_new(M, L0);
  s->cont = ir_block_new(M, L0);
  return add(blk, s);
}
static ir_stmt *simple(ir_stmt *blk, ir_stmt_kind k) { return add(blk, ir_stmt_new(M, k, L0)); }
static ir_stmt *ret(ir_stmt *blk, ir_expr *v) {
  ir_stmt *s = simple(blk, IR_S_RETURN);
  s->value = v;
  return s;
}
static ir_stmt *barrier(ir_stmt *blk) {
  ir_stmt *s = simple(blk, IR_S_BARRIER);
  s->intrinsic = CW_IN_SYNCTHREADS;
  return s;
}
static ir_stmt *call(ir_stmt *blk, ir_var *dst, ir_func *f, ir_expr *arg) {
  ir_stmt *s = simple(blk, IR_S_CALL);
  s->dst = dst;
  s->callee = f;
  s->args = CW_NEW_ARRAY(&A, ir_expr *, 1);
  s->args[0] = arg;
  s->nargs = arg ? 1 : 0;
  return s;
}
/* `if (!(c)) break;` at the top of a loop body: a while condition */
static void while_cond(ir_stmt *lp, ir_expr *c) {
  ir_stmt *s = if_(lp->body, ir_unary(M, IR_OP_NOT, c, L0));
  simple(s->then_s, IR_S_BREAK);
}
static ir_stmt *atomic(ir_stmt *blk, ir_var *dst, ir_expr *a, ir_expr *val) {
  ir_stmt *s = simple(blk, IR_S_ATOMIC);
  s->intrinsic = CW_IN_ATOMIC_ADD;
  s->dst = dst;
  s->addr = a;
  s->value = val;
  return s;
}

/* ---------------- tiny interpreter (i32 scalars, locals by id) ---------------- */
static int64_t vals[4096];
enum { X_NEXT, X_BREAK, X_CONT, X_RET };

static int64_t ev(const ir_expr *e) {
  switch (e->kind) {
  case IR_E_CONST: return (int64_t)e->u.i;
  case IR_E_VAR: return vals[e->var->id];
  case IR_E_CONVERT: return ev(e->a);
  case IR_E_UNARY: return e->op == IR_OP_NOT ? !ev(e->a) : -ev(e->a);
  case IR_E_BINARY: {
    int64_t a = ev(e->a), b = ev(e->b);
    switch (e->op) {
    case IR_OP_ADD: return a + b;
    case IR_OP_SUB: return a - b;
    case IR_OP_MUL: return a * b;
    case IR_OP_LT: return a < b;
    case IR_OP_EQ: return a == b;
    case IR_OP_GT: return a > b;
    default: return 0;
    }
  }
  default: return 0;
  }
}
static int ex_list(const ir_stmt *s);
static int ex(const ir_stmt *s) {
  switch (s->kind) {
  case IR_S_BLOCK: return ex_list(s->body);
  case IR_S_DECL: vals[s->var->id] = s->init ? ev(s->init) : 0; return X_NEXT;
  case IR_S_ASSIGN: vals[s->lhs->var->id] = ev(s->rhs); return X_NEXT;
  case IR_S_IF:
    if (ev(s->cond)) return ex(s->then_s);
    return s->else_s ? ex(s->else_s) : X_NEXT;
  case IR_S_LOOP:
    for (int guard = 0; guard < 10000; guard++) {
      int r = ex(s->body);
      if (r == X_BREAK) return X_NEXT;
      if (r == X_RET) return r;
      if (s->cont) ex(s->cont);
    }
    return X_NEXT;
  case IR_S_BREAK: return X_BREAK;
  case IR_S_CONTINUE: return X_CONT;
  case IR_S_RETURN: return X_RET;
  default: return X_NEXT;
  }
}
static int ex_list(const ir_stmt *s) {
  for (; s; s = s->next) {
    int r = ex(s);
    if (r != X_NEXT) return r;
  }
  return X_NEXT;
}

/* ---------------- walkers ---------------- */
static int count_kind(const ir_stmt *s, ir_stmt_kind k) {
  int n = 0;
  for (; s; s = s->next) {
    if (s->kind == k) n++;
    n += count_kind(s->body, k) + count_kind(s->then_s, k) + count_kind(s->else_s, k) +
         count_kind(s->cont, k);
  }
  return n;
}
static const ir_stmt *find_kind(const ir_stmt *s, ir_stmt_kind k) {
  for (; s; s = s->next) {
    if (s->kind == k) return s;
    const ir_stmt *r;
    if ((r = find_kind(s->body, k)) || (r = find_kind(s->then_s, k)) ||
        (r = find_kind(s->else_s, k)) || (r = find_kind(s->cont, k)))
      return r;
  }
  return NULL;
}
static int nfuncs(void) {
  int n = 0;
  for (ir_func *f = M->funcs; f; f = f->next) n++;
  return n;
}

/* ---------------- inline tests ---------------- */

/* int find(int n) { for (i = 0; i < 10; i++) if (i == n) return i * 2; return -1; }
 * kernel: r = find(arg); out = r */
static void test_inline_early_return(void) {
  fresh();
  ir_func *f = func("find", false, &ir_i32);
  ir_var *n = param(f, "n", &ir_i32);
  ir_var *i = local(f->body, "i", &ir_i32, I(0));
  ir_stmt *lp = loop_(f->body);
  while_cond(lp, B(IR_OP_LT, V(i), I(10)));
  ir_stmt *s = if_(lp->body, B(IR_OP_EQ, V(i), V(n)));
  ret(s->then_s, B(IR_OP_MUL, V(i), I(2)));
  assign(lp->cont, V(i), B(IR_OP_ADD, V(i), I(1)));
  ret(f->body, I(-1));

  ir_func *k = func("k", true, &ir_void);
  ir_var *a = param(k, "a", &ir_i32);
  ir_var *r = local(k->body, "r", &ir_i32, NULL);
  call(k->body, r, f, V(a));
  ir_var *out = local(k->body, "out", &ir_i32, NULL);
  assign(k->body, V(out), V(r));
  CHECK(ir_validate(M, "test setup"), "setup validates: %s", last_msg());

  const char *err = run(ir_pass_inline, "inline");
  CHECK(!err, "inline ok: %s", err ? err : "");
  CHECK(M->phase == IR_PHASE_INLINED, "phase INLINED");
  CHECK(nfuncs() == 1 && M->funcs == k, "device function removed, kernel kept");
  CHECK(count_kind(k->body, IR_S_CALL) == 0, "no calls left");
  CHECK(count_kind(k->body, IR_S_LOOP) == 2, "wrapper loop + inner loop (got %d)",
        count_kind(k->body, IR_S_LOOP));
  /* the flag: a bool local declared, and checked by `if (flag) break;` after the inner loop */
  const ir_stmt *d = NULL;
  for (const ir_stmt *x = find_kind(k->body, IR_S_DECL); x; x = x->next)
    if (x->kind == IR_S_DECL && x->var->type->kind == IR_T_BOOL) d = x;
  /* search the whole tree for a bool decl */
  bool flag_found = false, check_found = false;
  const ir_stmt *stack[64];
  int sp = 0;
  stack[sp++] = k->body;
  while (sp) {
    const ir_stmt *x = stack[--sp];
    for (; x; x = x->next) {
      if (x->kind == IR_S_DECL && x->var->type->kind == IR_T_BOOL && strstr(x->var->name, "returned"))
        flag_found = true;
      if (x->kind == IR_S_IF && x->cond->kind == IR_E_VAR && x->cond->var->type->kind == IR_T_BOOL &&
          x->then_s->body && x->then_s->body->kind == IR_S_BREAK)
        check_found = true;
      if (sp < 60) {
        if (x->body) stack[sp++] = x->body;
        if (x->then_s) stack[sp++] = x->then_s;
        if (x->else_s) stack[sp++] = x->else_s;
        if (x->cont) stack[sp++] = x->cont;
      }
    }
  }
  (void)d;
  CHECK(flag_found, "return flag `returned` declared");
  CHECK(check_found, "`if (returned) break;` inserted after the inner loop");
  /* semantics: find(3) = 6, find(42) = -1 */
  vals[a->id] = 3;
  ex_list(k->body->body);
  CHECK(vals[out->id] == 6, "inlined find(3) == 6 (got %lld)", (long long)vals[out->id]);
  vals[a->id] = 42;
  ex_list(k->body->body);
  CHECK(vals[out->id] == -1, "inlined find(42) == -1 (got %lld)", (long long)vals[out->id]);
}

/* int sq(int x) { return x * x; } called twice: no wrapper, fresh locals */
static void test_inline_simple(void) {
  fresh();
  ir_func *f = func("sq", false, &ir_i32);
  ir_var *x = param(f, "x", &ir_i32);
  ret(f->body, B(IR_OP_MUL, V(x), V(x)));
  ir_func *k = func("k", true, &ir_void);
  ir_var *a = param(k, "a", &ir_i32);
  ir_var *r1 = local(k->body, "r1", &ir_i32, NULL);
  ir_var *r2 = local(k->body, "r2", &ir_i32, NULL);
  call(k->body, r1, f, V(a));
  call(k->body, r2, f, B(IR_OP_ADD, V(a), I(1)));
  const char *err = run(ir_pass_inline, "inline");
  CHECK(!err, "inline sq ok: %s", err ? err : "");
  CHECK(count_kind(k->body, IR_S_LOOP) == 0, "single final return needs no wrapper loop");
  /* both inlined copies declare their own `x` */
  int nx = 0;
  ir_var *seen[2] = {0};
  for (const ir_stmt *s = k->body->body; s; s = s->next)
    if (s->kind == IR_S_BLOCK && s->body && s->body->kind == IR_S_DECL) seen[nx < 2 ? nx++ : 1] = s->body->var;
  CHECK(nx == 2 && seen[0] != seen[1] && seen[0] != x && strcmp(seen[0]->name, seen[1]->name) != 0,
        "fresh, uniquely named copies of the parameter");
  vals[a->id] = 5;
  ex_list(k->body->body);
  CHECK(vals[r1->id] == 25 && vals[r2->id] == 36, "sq(5)=25, sq(6)=36 (got %lld, %lld)",
        (long long)vals[r1->id], (long long)vals[r2->id]);
}

static void test_inline_recursion(void) {
  fresh();
  ir_func *f = func("f", false, &ir_void);
  call(f->body, NULL, f, NULL);
  ir_func *k = func("k", true, &ir_void);
  call(k->body, NULL, f, NULL);
  const char *err = run(ir_pass_inline, "inline");
  CHECK(err && strcmp(err, "recursive function 'f' is not supported (called from 'f'): WGSL has no recursion (no call stack); rewrite it as a loop") == 0,
        "direct recursion message: %s", err ? err : "(none)");

  fresh();
  ir_func *g = func("g", false, &ir_void);
  ir_func *h = func("h", false, &ir_void);
  call(g->body, NULL, h, NULL);
  call(h->body, NULL, g, NULL);
  k = func("k", true, &ir_void);
  call(k->body, NULL, g, NULL);
  err = run(ir_pass_inline, "inline");
  CHECK(err && strcmp(err, "recursive function 'g' is not supported (called from 'h'): WGSL has no recursion (no call stack); rewrite it as a loop") == 0,
        "mutual recursion message: %s", err ? err : "(none)");
}

/* ---------------- provenance tests ---------------- */

static void to_inlined(void) { M->phase = IR_PHASE_INLINED; }

/* float *p = x + 4; p[i] = 1;  (i = threadIdx.x) */
static void test_prov_offset(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *x = param(k, "x", ptr(&ir_f32));
  ir_var *i = local(k->body, "i", &ir_i32, tid());
  ir_var *p = local(k->body, "p", ptr(&ir_f32), padd(V(x), I(4)));
  assign(k->body, deref(padd(V(p), V(i))), ir_const_float(M, &ir_f32, 1.0, L0));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "provenance ok: %s", err ? err : "");
  CHECK(M->phase == IR_PHASE_RESOLVED, "phase RESOLVED");
  CHECK(p->type->kind == IR_T_I32 && p->root == x, "p is an i32 offset with root x");
  const ir_stmt *dp = k->body->body->next;
  CHECK(dp->kind == IR_S_DECL && dp->var == p && dp->init->kind == IR_E_CONST && dp->init->u.i == 4,
        "p initialised with offset 4");
  const ir_stmt *as = dp->next;
  ir_expr *l = as->lhs;
  CHECK(l->kind == IR_E_ELEM && l->var == x && l->b->kind == IR_E_BINARY && l->b->op == IR_OP_ADD &&
            l->b->a->kind == IR_E_VAR && l->b->a->var == p && l->b->b->var == i,
        "store is ELEM(x, p + i)");
  CHECK(x->is_written && !x->is_read, "x written, never read");
}

static void test_prov_two_roots(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *a = param(k, "a", ptr(&ir_f32));
  ir_var *b = param(k, "b", ptr(&ir_f32));
  ir_var *p = local(k->body, "p", ptr(&ir_f32), V(a));
  ir_stmt *s = if_(k->body, B(IR_OP_LT, tid(), I(3)));
  assign(s->then_s, V(p), V(b));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(err && strcmp(err, "pointer 'p' may point into 'a' or 'b'; a pointer must always refer to "
                           "the same buffer") == 0,
        "two roots rejected: %s", err ? err : "(none)");
}

/* __shared__ float tile[16][16]; tile[ty][tx] = in[tx]; out[tx] = tile[tx][ty] */
static void test_prov_2d_shared(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *in = param(k, "in", ptr(&ir_f32));
  ir_var *out = param(k, "out", ptr(&ir_f32));
  ir_var *tile = ir_var_new(M, IR_VAR_SHARED, "tile",
                            ir_type_array(M, ir_type_array(M, &ir_f32, 16), 16), L0);
  ir_module_add_global(M, tile);
  ir_var *tx = local(k->body, "tx", &ir_i32, tid());
  ir_var *ty = local(k->body, "ty", &ir_i32, I(2));
  assign(k->body, idx(idx(V(tile), V(ty)), V(tx)), deref(padd(V(in), V(tx))));
  assign(k->body, deref(padd(V(out), V(tx))), idx(idx(V(tile), V(tx)), V(ty)));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "2-D shared ok: %s", err ? err : "");
  ir_expr *l = k->body->body->next->next->lhs;
  CHECK(l->kind == IR_E_ELEM && l->var == tile && l->type->kind == IR_T_F32 && l->b->op == IR_OP_ADD &&
            l->b->a->op == IR_OP_MUL && l->b->a->a->var == ty && l->b->a->b->u.i == 16 &&
            l->b->b->var == tx,
        "tile[ty][tx] -> ELEM(tile, ty*16 + tx)");
  CHECK(in->is_read && !in->is_written && out->is_written && !out->is_read && tile->is_read &&
            tile->is_written,
        "read/write marks of in, out, tile");
}

static void test_prov_errors(void) {
  /* (int *)floatptr */
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *x = param(k, "x", ptr(&ir_f32));
  ir_expr *bc = ir_expr_new(M, IR_E_BITCAST, ptr(&ir_i32), L0);
  bc->a = V(x);
  assign(k->body, deref(bc), I(1));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(err && strcmp(err, "reinterpreting 'float *' as 'int *' is not supported") == 0,
        "reinterpret message: %s", err ? err : "(none)");

  /* &s.x */
  fresh();
  k = func("k", true, &ir_void);
  ir_struct *st = CW_NEW(&A, ir_struct);
  st->name = "S";
  st->nfields = 1;
  st->fields = CW_NEW_ARRAY(&A, ir_field, 1);
  st->fields[0].name = "x";
  st->fields[0].type = &ir_f32;
  st->size = st->align = 4;
  ir_module_add_struct(M, st);
  ir_type *stt = CW_NEW(&A, ir_type);
  stt->kind = IR_T_STRUCT;
  stt->st = st;
  stt->size = stt->align = 4;
  ir_var *s = local(k->body, "s", stt, NULL);
  ir_expr *mem = ir_expr_new(M, IR_E_MEMBER, &ir_f32, L0);
  mem->a = V(s);
  mem->field = 0;
  ir_var *p = local(k->body, "p", ir_type_ptr(M, &ir_f32, IR_AS_PRIVATE, false), addr(mem, IR_AS_PRIVATE));
  assign(k->body, deref(V(p)), ir_const_float(M, &ir_f32, 1, L0));
  to_inlined();
  err = run(ir_pass_provenance, "provenance");
  CHECK(err && strcmp(err, "taking the address of a struct member is not supported") == 0,
        "struct member address message: %s", err ? err : "(none)");

  /* null pointer */
  fresh();
  k = func("k", true, &ir_void);
  ir_expr *nul = ir_expr_new(M, IR_E_CONVERT, ptr(&ir_f32), L0);
  nul->a = I(0);
  p = local(k->body, "p", ptr(&ir_f32), nul);
  assign(k->body, deref(V(p)), ir_const_float(M, &ir_f32, 1, L0));
  to_inlined();
  err = run(ir_pass_provenance, "provenance");
  CHECK(err && strstr(err, "null pointers are not supported in device code"),
        "null pointer message: %s", err ? err : "(none)");

  /* pointer array */
  fresh();
  k = func("k", true, &ir_void);
  local(k->body, "ps", ir_type_array(M, ptr(&ir_f32), 2), NULL);
  to_inlined();
  err = run(ir_pass_provenance, "provenance");
  CHECK(err && strcmp(err, "storing a pointer in memory is not supported") == 0,
        "pointer array message: %s", err ? err : "(none)");
}

/* x += 8; x[1] = 2 (reassigned pointer param gets an offset local) and
 * a local array: int buf[4]; int *q = buf; q[2] = 5 */
static void test_prov_param_reassign(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *x = param(k, "x", ptr(&ir_i32));
  assign(k->body, V(x), padd(V(x), I(8)));
  assign(k->body, deref(padd(V(x), I(1))), I(2));
  ir_var *buf = local(k->body, "buf", ir_type_array(M, &ir_i32, 4), NULL);
  ir_expr *dec = addr(idx(V(buf), I(0)), IR_AS_PRIVATE);
  ir_var *q = local(k->body, "q", ir_type_ptr(M, &ir_i32, IR_AS_PRIVATE, false), dec);
  assign(k->body, deref(padd(V(q), I(2))), I(5));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "param reassign ok: %s", err ? err : "");
  const ir_stmt *d = k->body->body;
  CHECK(d->kind == IR_S_DECL && d->var->root == x && d->var->type->kind == IR_T_I32,
        "offset local for x declared first");
  const ir_stmt *st = d->next->next;
  CHECK(st->lhs->kind == IR_E_ELEM && st->lhs->var == x && st->lhs->b->op == IR_OP_ADD &&
            st->lhs->b->a->var == d->var && st->lhs->b->b->u.i == 1,
        "x[1] -> ELEM(x, x_off + 1)");
  CHECK(q->root == buf && q->type->kind == IR_T_I32, "q points into buf");
}

/* void set1(float *p) { *p = 1; } called as set1(x + 3): inline, then provenance */
static void test_inline_then_provenance(void) {
  fresh();
  ir_func *f = func("set1", false, &ir_void);
  ir_var *p = param(f, "p", ir_type_ptr(M, &ir_f32, IR_AS_UNKNOWN, false));
  assign(f->body, deref(V(p)), ir_const_float(M, &ir_f32, 1, L0));
  ir_func *k = func("k", true, &ir_void);
  ir_var *x = param(k, "x", ptr(&ir_f32));
  call(k->body, NULL, f, padd(V(x), I(3)));
  const char *err = run(ir_pass_inline, "inline");
  CHECK(!err, "inline pointer param ok: %s", err ? err : "");
  err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "provenance after inline ok: %s", err ? err : "");
  const ir_stmt *blk = k->body->body;
  const ir_stmt *d = blk->body, *st = d ? d->next : NULL;
  CHECK(d && d->kind == IR_S_DECL && d->var != p && d->var->root == x && d->init->u.i == 3 && st &&
            st->lhs->kind == IR_E_ELEM && st->lhs->var == x && st->lhs->b->var == d->var,
        "inlined *p = 1 -> p' = 3; ELEM(x, p') = 1");
}

/* ---------------- uniformity tests ---------------- */

static void test_uniformity(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *n = param(k, "n", &ir_i32);
  ir_var *data = param(k, "data", ptr(&ir_f32));
  ir_var *flag = ir_var_new(M, IR_VAR_SHARED, "s_flag", ir_type_array(M, &ir_i32, 1), L0);
  ir_module_add_global(M, flag);
  /* b1: if (threadIdx.x < 16) sync */
  ir_stmt *s1 = if_(k->body, B(IR_OP_LT, tid(), I(16)));
  ir_stmt *b1 = barrier(s1->then_s);
  /* b2: if (blockIdx.x == 0) sync */
  ir_stmt *s2 = if_(k->body, B(IR_OP_EQ, BI(IR_BI_BLOCK_IDX), ir_const_int(M, &ir_u32, 0, L0)));
  ir_stmt *b2 = barrier(s2->then_s);
  /* for (s = blockDim.x/2; s > 0; s >>= 1) { sync } */
  ir_var *sv = local(k->body, "s", &ir_i32,
                     B(IR_OP_DIV, ir_convert(M, &ir_i32, BI(IR_BI_BLOCK_DIM), L0), I(2)));
  ir_stmt *lp = loop_(k->body);
  while_cond(lp, B(IR_OP_GT, V(sv), I(0)));
  ir_stmt *b3 = barrier(lp->body);
  assign(lp->cont, V(sv), B(IR_OP_SHR, V(sv), I(1)));
  /* grid-stride loop: for (i = tid; i < n; i += blockDim) { sync(b4) } then sync(b5) */
  ir_var *i = local(k->body, "i", &ir_i32, tid());
  ir_stmt *lp2 = loop_(k->body);
  while_cond(lp2, B(IR_OP_LT, V(i), V(n)));
  ir_stmt *b4 = barrier(lp2->body);
  assign(lp2->cont, V(i), B(IR_OP_ADD, V(i), I(64)));
  ir_stmt *b5 = barrier(k->body);
  /* if (s_flag[0]) { sync } */
  ir_expr *rd = idx(V(flag), I(0));
  ir_stmt *s6 = if_(k->body, B(IR_OP_NE, rd, I(0)));
  ir_stmt *b6 = barrier(s6->then_s);
  /* if (data[0] > 0) { sync }: a global read stays non-uniform */
  ir_stmt *s7 = if_(k->body, B(IR_OP_GT, deref(V(data)), ir_const_float(M, &ir_f32, 0, L0)));
  ir_stmt *b7 = barrier(s7->then_s);
  /* if (tid >= n) return; sync */
  ir_stmt *s8 = if_(k->body, B(IR_OP_GE, tid(), V(n)));
  ret(s8->then_s, NULL);
  ir_stmt *b8 = barrier(k->body);

  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "provenance before uniformity ok: %s", err ? err : "");
  err = run(ir_pass_uniformity, "uniformity");
  CHECK(!err, "uniformity ok: %s", err ? err : "");
  CHECK(!b1->in_uniform_cf, "barrier under threadIdx.x < 16 is non-uniform");
  CHECK(b2->in_uniform_cf, "barrier under blockIdx.x == 0 is uniform");
  CHECK(b3->in_uniform_cf && sv->is_uniform, "barrier in blockDim.x/2 halving loop is uniform");
  CHECK(!i->is_uniform && !b4->in_uniform_cf, "barrier in grid-stride loop is non-uniform");
  CHECK(b5->in_uniform_cf, "barrier after a loop with only breaks is uniform");
  ir_expr *c6 = s6->cond->a;
  CHECK(b6->in_uniform_cf && c6->kind == IR_E_ELEM && c6->needs_uniform_load,
        "shared flag steering a barrier: uniform load");
  CHECK(!b7->in_uniform_cf && !s7->cond->a->needs_uniform_load, "global read condition non-uniform");
  CHECK(!b8->in_uniform_cf, "barrier after a non-uniform return is non-uniform");
  CHECK(n->is_uniform, "scalar kernel param is uniform");
}

/* ---------------- atomics tests ---------------- */

static void test_atomics(void) {
  fresh();
  ir_func *k = func("k", true, &ir_void);
  ir_var *fsum = param(k, "fsum", ptr(&ir_f32));
  ir_var *cnt = ir_var_new(M, IR_VAR_SHARED, "cnt", ir_type_array(M, &ir_i32, 4), L0);
  ir_module_add_global(M, cnt);
  ir_var *plain = param(k, "plain", ptr(&ir_f32));
  ir_var *old = local(k->body, "old", &ir_i32, NULL);
  atomic(k->body, NULL, deref(V(fsum)), ir_const_float(M, &ir_f32, 1, L0));
  atomic(k->body, old, idx(V(cnt), I(1)), I(1));
  assign(k->body, deref(V(plain)), ir_const_float(M, &ir_f32, 0, L0));
  to_inlined();
  const char *err = run(ir_pass_provenance, "provenance");
  CHECK(!err, "provenance ok: %s", err ? err : "");
  err = run(ir_pass_atomics, "atomics");
  CHECK(!err, "atomics ok: %s", err ? err : "");
  CHECK(fsum->is_atomic && fsum->float_atomic, "float buffer: is_atomic + float_atomic");
  CHECK(cnt->is_atomic && !cnt->float_atomic, "int shared: is_atomic, not float");
  CHECK(!plain->is_atomic, "untouched buffer not atomic");

  fresh();
  k = func("k", true, &ir_void);
  ir_var *x = local(k->body, "x", &ir_i32, I(0));
  atomic(k->body, NULL, deref(addr(V(x), IR_AS_PRIVATE)), I(1));
  to_inlined();
  err = run(ir_pass_provenance, "provenance");
  if (!err) err = run(ir_pass_atomics, "atomics");
  CHECK(err && strcmp(err, "atomic operations on 'x' (a local variable) are not supported") == 0,
        "local atomic message: %s", err ? err : "(none)");

  fresh();
  k = func("k", true, &ir_void);
  ir_var *big = param(k, "big", ptr(&ir_u64));
  atomic(k->body, NULL, deref(V(big)), ir_const_int(M, &ir_u64, 1, L0));
  to_inlined();
  err = run(ir_pass_provenance, "provenance");
  if (!err) err = run(ir_pass_atomics, "atomics");
  /* accepted here (native on the C target); the WGSL emitter decides what two
   * 32-bit atomics can do (back/wgsl/int64.c) */
  CHECK(!err && big->is_atomic, "64-bit atomic: %s", err ? err : "(not marked atomic)");
}

int main(void) {
  cw_arena_init(&A);
  test_inline_early_return();
  test_inline_simple();
  test_inline_recursion();
  test_prov_offset();
  test_prov_two_roots();
  test_prov_2d_shared();
  test_prov_errors();
  test_prov_param_reassign();
  test_inline_then_provenance();
  test_uniformity();
  test_atomics();
  cw_diags_free(&D);
  cw_arena_free(&A);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
