/* Unit test of the C back-end (back/c): RESOLVED IR built by hand, emitted
 * as C, compiled with the system compiler into a shared object, loaded with
 * dlopen, run block by block on real data, and compared with references
 * computed here in plain C. Proves the loop fission at barriers (reductions
 * over several block sizes, early return with barriers), atomics, switch
 * fallthrough, continue in loops with a continuing block, and the integer
 * semantics without C undefined behaviour.
 *
 * Build (from the repository root):
 *   cc -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -Iinclude -Isrc
 *      tests/unit/test_c_backend.c src/back/c/(all .c files) src/ir/ir.c src/util/(all .c) -lm -ldl
 * CC (environment) picks the compiler for the generated code (default cc). */
#include <dlfcn.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "back/c/cw_cpu_abi.h"
#include "back/metadata.h"
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

/* ---------------- IR construction helpers ---------------- */
static ir_module *M;
static cw_loc L;

static ir_expr *ci(int64_t v) { return ir_const_int(M, &ir_i32, (uint64_t)v, L); }
static ir_expr *cu(uint64_t v) { return ir_const_int(M, &ir_u32, v, L); }
static ir_expr *cf(double v) { return ir_const_float(M, &ir_f32, v, L); }
static ir_expr *V(ir_var *v) { return ir_var_ref(M, v, L); }
static ir_expr *B(ir_op op, ir_expr *a, ir_expr *b) { return ir_binary(M, op, a, b, L); }
static ir_expr *CV(ir_type *t, ir_expr *a) { return ir_convert(M, t, a, L); }
static ir_expr *NOT(ir_expr *a) { return ir_unary(M, IR_OP_NOT, a, L); }
static ir_expr *EL(ir_var *root, ir_expr *idx) {
  ir_type *t = root->type;
  if (t->kind == IR_T_PTR) t = t->elem;
  while (t->kind == IR_T_ARRAY) t = t->elem;
  ir_expr *e = ir_expr_new(M, IR_E_ELEM, t, L);
  e->var = root;
  e->b = idx;
  return e;
}
static ir_expr *BI(ir_builtin b, int dim) {
  ir_expr *e = ir_expr_new(M, IR_E_BUILTIN, &ir_u32, L);
  e->builtin = b;
  e->dim = dim;
  return e;
}
static ir_expr *SEL(ir_expr *c, ir_expr *a, ir_expr *b) {
  ir_expr *e = ir_expr_new(M, IR_E_SELECT, a->type, L);
  e->a = c;
  e->b = a;
  e->c = b;
  return e;
}
/* blockIdx.x * blockDim.x + threadIdx.x as i32 */
static ir_expr *gid(void) {
  return CV(&ir_i32, B(IR_OP_ADD, B(IR_OP_MUL, BI(IR_BI_BLOCK_IDX, 0), BI(IR_BI_BLOCK_DIM, 0)),
                       BI(IR_BI_THREAD_IDX, 0)));
}

static ir_stmt *blk(ir_stmt *first, ...) {
  ir_stmt *b = ir_block_new(M, L);
  va_list ap;
  va_start(ap, first);
  for (ir_stmt *s = first; s; s = va_arg(ap, ir_stmt *)) ir_block_append(b, s);
  va_end(ap);
  return b;
}
static ir_stmt *assign(ir_expr *l, ir_expr *r) {
  ir_stmt *s = ir_stmt_new(M, IR_S_ASSIGN, L);
  s->lhs = l;
  s->rhs = r;
  return s;
}
static ir_stmt *decl(ir_var *v, ir_expr *init) {
  ir_stmt *s = ir_stmt_new(M, IR_S_DECL, L);
  s->var = v;
  s->init = init;
  return s;
}
static ir_stmt *sif(ir_expr *c, ir_stmt *t, ir_stmt *e) {
  ir_stmt *s = ir_stmt_new(M, IR_S_IF, L);
  s->cond = c;
  s->then_s = t;
  s->else_s = e;
  return s;
}
static ir_stmt *loop(ir_stmt *body, ir_stmt *cont) {
  ir_stmt *s = ir_stmt_new(M, IR_S_LOOP, L);
  s->body = body;
  s->cont = cont;
  return s;
}
static ir_stmt *simple(ir_stmt_kind k) { return ir_stmt_new(M, k, L); }
static ir_stmt *barrier(bool uniform) {
  ir_stmt *s = ir_stmt_new(M, IR_S_BARRIER, L);
  s->intrinsic = CW_IN_SYNCTHREADS;
  s->in_uniform_cf = uniform;
  return s;
}
static ir_stmt *atomic(cw_intrinsic in, ir_var *dst, ir_expr *addr, ir_expr *val, ir_expr *cmp) {
  ir_stmt *s = ir_stmt_new(M, IR_S_ATOMIC, L);
  s->intrinsic = in;
  s->dst = dst;
  s->addr = addr;
  s->value = val;
  s->cmp = cmp;
  return s;
}
static ir_var *local(const char *name, ir_type *t) { return ir_var_new(M, IR_VAR_LOCAL, name, t, L); }

static ir_var *kparams[16];
static int nkparams;
static ir_var *param(const char *name, ir_type *t) {
  ir_var *v = ir_var_new(M, IR_VAR_PARAM, name, t, L);
  v->param_index = nkparams;
  kparams[nkparams++] = v;
  return v;
}
static ir_type *gptr(ir_type *el) { return ir_type_ptr(M, el, IR_AS_GLOBAL, false); }

static ir_func *kernel(const char *name, ir_stmt *body) {
  ir_func *f = CW_NEW(M->arena, ir_func);
  f->name = name;
  f->is_kernel = true;
  f->ret = &ir_void;
  f->params = CW_NEW_ARRAY(M->arena, ir_var *, nkparams + 1);
  memcpy(f->params, kparams, sizeof(ir_var *) * (size_t)nkparams);
  f->nparams = nkparams;
  f->body = body;
  nkparams = 0;
  ir_func **pp = &M->funcs;
  while (*pp) pp = &(*pp)->next;
  *pp = f;
  return f;
}

/* ---------------- the kernels ---------------- */

/* saxpy(int n, float a, const float *x, float *y) */
static void build_saxpy(void) {
  ir_var *n = param("n", &ir_i32), *a = param("a", &ir_f32), *x = param("x", gptr(&ir_f32)),
         *y = param("y", gptr(&ir_f32));
  ir_var *i = local("i", &ir_i32);
  kernel("saxpy",
         blk(decl(i, gid()),
             sif(B(IR_OP_LT, V(i), V(n)),
                 blk(assign(EL(y, V(i)), B(IR_OP_ADD, B(IR_OP_MUL, V(a), EL(x, V(i))), EL(y, V(i)))),
                     NULL),
                 NULL),
             NULL));
}

/* Power-of-two tree reduction, barrier inside a uniform loop with a
 * continuing block:
 *   sdata[tid] = i < n ? in[i] : 0; __syncthreads();
 *   for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
 *     if (tid < s) sdata[tid] += sdata[tid + s]; __syncthreads(); }
 *   if (tid == 0) out[blockIdx.x] = sdata[0]; */
static void build_reduce_pow2(void) {
  ir_var *in = param("in", gptr(&ir_f32)), *out = param("out", gptr(&ir_f32)),
         *n = param("n", &ir_i32);
  ir_var *sdata = ir_var_new(M, IR_VAR_SHARED, "sdata", ir_type_array(M, &ir_f32, 256), L);
  ir_module_add_global(M, sdata);
  ir_var *tid = local("tid", &ir_u32), *i = local("i", &ir_i32), *s = local("s", &ir_u32);
  s->is_uniform = true;
  kernel("reduce_pow2",
         blk(decl(tid, BI(IR_BI_THREAD_IDX, 0)), decl(i, gid()),
             assign(EL(sdata, V(tid)), SEL(B(IR_OP_LT, V(i), V(n)), EL(in, V(i)), cf(0))),
             barrier(true),
             decl(s, B(IR_OP_DIV, BI(IR_BI_BLOCK_DIM, 0), cu(2))),
             loop(blk(sif(NOT(B(IR_OP_GT, V(s), cu(0))), blk(simple(IR_S_BREAK), NULL), NULL),
                      sif(B(IR_OP_LT, V(tid), V(s)),
                          blk(assign(EL(sdata, V(tid)),
                                     B(IR_OP_ADD, EL(sdata, V(tid)),
                                       EL(sdata, B(IR_OP_ADD, V(tid), V(s))))),
                              NULL),
                          NULL),
                      barrier(true), NULL),
                  blk(assign(V(s), B(IR_OP_SHR, V(s), cu(1))), NULL)),
             sif(B(IR_OP_EQ, V(tid), cu(0)),
                 blk(assign(EL(out, BI(IR_BI_BLOCK_IDX, 0)), EL(sdata, cu(0))), NULL), NULL),
             NULL));
}

/* Reduction for any block size: a local declared before a barrier and used
 * after it (half), a uniform while loop (break at the top):
 *   sdata[tid] = ...; __syncthreads(); unsigned active = blockDim.x;
 *   while (active > 1) { unsigned half = (active + 1) / 2;
 *     if (tid + half < active) sdata[tid] += sdata[tid + half];
 *     __syncthreads(); active = half; }
 *   if (tid == 0) out[blockIdx.x] = sdata[0]; */
static void build_reduce_any(void) {
  ir_var *in = param("in", gptr(&ir_f32)), *out = param("out", gptr(&ir_f32)),
         *n = param("n", &ir_i32);
  ir_var *sdata = ir_var_new(M, IR_VAR_SHARED, "sdata", ir_type_array(M, &ir_f32, 512), L);
  ir_module_add_global(M, sdata);
  ir_var *tid = local("tid", &ir_u32), *i = local("i", &ir_i32), *act = local("active", &ir_u32),
         *half = local("half", &ir_u32);
  kernel("reduce_any",
         blk(decl(tid, BI(IR_BI_THREAD_IDX, 0)), decl(i, gid()),
             assign(EL(sdata, V(tid)), SEL(B(IR_OP_LT, V(i), V(n)), EL(in, V(i)), cf(0))),
             barrier(true), decl(act, BI(IR_BI_BLOCK_DIM, 0)),
             loop(blk(sif(NOT(B(IR_OP_GT, V(act), cu(1))), blk(simple(IR_S_BREAK), NULL), NULL),
                      decl(half, B(IR_OP_DIV, B(IR_OP_ADD, V(act), cu(1)), cu(2))),
                      sif(B(IR_OP_LT, B(IR_OP_ADD, V(tid), V(half)), V(act)),
                          blk(assign(EL(sdata, V(tid)),
                                     B(IR_OP_ADD, EL(sdata, V(tid)),
                                       EL(sdata, B(IR_OP_ADD, V(tid), V(half))))),
                              NULL),
                          NULL),
                      barrier(true), assign(V(act), V(half)), NULL),
                  NULL),
             sif(B(IR_OP_EQ, V(tid), cu(0)),
                 blk(assign(EL(out, BI(IR_BI_BLOCK_IDX, 0)), EL(sdata, cu(0))), NULL), NULL),
             NULL));
}

/* Early return and a barrier:
 *   int i = gid; if (i >= n) return; buf[tid] = in[i] * 2; __syncthreads();
 *   out[i] = buf[tid] + (tid > 0 ? buf[tid - 1] : 0) + i; */
static void build_early_return(void) {
  ir_var *in = param("in", gptr(&ir_i32)), *out = param("out", gptr(&ir_i32)),
         *n = param("n", &ir_i32);
  ir_var *buf = ir_var_new(M, IR_VAR_SHARED, "buf", ir_type_array(M, &ir_i32, 128), L);
  ir_module_add_global(M, buf);
  ir_var *tid = local("tid", &ir_u32), *i = local("i", &ir_i32);
  kernel("early_return",
         blk(decl(tid, BI(IR_BI_THREAD_IDX, 0)), decl(i, gid()),
             sif(B(IR_OP_GE, V(i), V(n)), blk(simple(IR_S_RETURN), NULL), NULL),
             assign(EL(buf, V(tid)), B(IR_OP_MUL, EL(in, V(i)), ci(2))), barrier(true),
             assign(EL(out, V(i)),
                    B(IR_OP_ADD,
                      B(IR_OP_ADD, EL(buf, V(tid)),
                        SEL(B(IR_OP_GT, V(tid), cu(0)), EL(buf, B(IR_OP_SUB, V(tid), cu(1))), ci(0))),
                      V(i))),
             NULL));
}

/* Atomics: int histogram, float sum, max, min, inc with wrap, sub, exch,
 * and slots handed out by the old value of a counter. */
static void build_atomics(void) {
  ir_var *in = param("in", gptr(&ir_i32)), *hist = param("hist", gptr(&ir_i32)),
         *fsum = param("fsum", gptr(&ir_f32)), *misc = param("misc", gptr(&ir_i32)),
         *umisc = param("umisc", gptr(&ir_u32)), *slots = param("slots", gptr(&ir_i32)),
         *n = param("n", &ir_i32);
  ir_var *i = local("i", &ir_i32), *v = local("v", &ir_i32), *old = local("old", &ir_i32);
  kernel("atomics",
         blk(decl(i, gid()),
             sif(B(IR_OP_LT, V(i), V(n)),
                 blk(decl(v, EL(in, V(i))), decl(old, NULL),
                     atomic(CW_IN_ATOMIC_ADD, NULL, EL(hist, B(IR_OP_REM, V(v), ci(8))), ci(1), NULL),
                     atomic(CW_IN_ATOMIC_ADD, NULL, EL(fsum, ci(0)), CV(&ir_f32, V(v)), NULL),
                     atomic(CW_IN_ATOMIC_MAX, NULL, EL(misc, ci(0)), V(v), NULL),
                     atomic(CW_IN_ATOMIC_MIN, NULL, EL(misc, ci(1)), V(v), NULL),
                     atomic(CW_IN_ATOMIC_SUB, NULL, EL(misc, ci(2)), V(v), NULL),
                     atomic(CW_IN_ATOMIC_OR, NULL, EL(misc, ci(3)), B(IR_OP_SHL, ci(1), B(IR_OP_REM, V(v), ci(31))), NULL),
                     atomic(CW_IN_ATOMIC_INC, NULL, EL(umisc, ci(0)), cu(6), NULL),
                     atomic(CW_IN_ATOMIC_DEC, NULL, EL(umisc, ci(1)), cu(4), NULL),
                     atomic(CW_IN_ATOMIC_ADD, old, EL(misc, ci(4)), ci(1), NULL),
                     assign(EL(slots, V(old)), V(i)),
                     atomic(CW_IN_ATOMIC_CAS, NULL, EL(misc, ci(5)), B(IR_OP_ADD, V(i), ci(1)), V(i)),
                     NULL),
                 NULL),
             NULL));
}

/* switch (i % 5 - 2) { case -2: v += 1; (fallthrough) case -1: v += 10; break;
 *   case 0: case 1: v += 100; break; default: v += 1000; } out[i] = v; */
static void build_switch(void) {
  ir_var *out = param("out", gptr(&ir_i32)), *n = param("n", &ir_i32);
  ir_var *i = local("i", &ir_i32), *v = local("v", &ir_i32);
  ir_stmt *sw = ir_stmt_new(M, IR_S_SWITCH, L);
  sw->value = B(IR_OP_SUB, B(IR_OP_REM, V(i), ci(5)), ci(2));
  sw->ncases = 3 + 1;
  sw->cases = CW_NEW_ARRAY(M->arena, ir_case, 4);
  static int64_t c0[] = {-2}, c1[] = {-1}, c2[] = {0, 1};
  sw->cases[0] = (ir_case){c0, 1, false, blk(assign(V(v), B(IR_OP_ADD, V(v), ci(1))), NULL), true};
  sw->cases[1] = (ir_case){c1, 1, false,
                           blk(assign(V(v), B(IR_OP_ADD, V(v), ci(10))), simple(IR_S_BREAK), NULL), false};
  sw->cases[2] = (ir_case){c2, 2, false,
                           blk(assign(V(v), B(IR_OP_ADD, V(v), ci(100))), simple(IR_S_BREAK), NULL), false};
  sw->cases[3] = (ir_case){NULL, 0, true, blk(assign(V(v), B(IR_OP_ADD, V(v), ci(1000))), NULL), false};
  kernel("sw",
         blk(decl(i, gid()),
             sif(B(IR_OP_LT, V(i), V(n)), blk(decl(v, NULL), sw, assign(EL(out, V(i)), V(v)), NULL), NULL),
             NULL));
}

/* int sum = 0; for (int j = 0; j < i; j++) { if (j % 3 == 0) continue; sum += j; } out[i] = sum;
 * n is a parameter the kernel assigns (n = n - 0 * i): a per-thread copy. */
static void build_continue(void) {
  ir_var *out = param("out", gptr(&ir_i32)), *n = param("n", &ir_i32);
  ir_var *i = local("i", &ir_i32), *sum = local("sum", &ir_i32), *j = local("j", &ir_i32);
  kernel("cont",
         blk(decl(i, gid()), assign(V(n), B(IR_OP_SUB, V(n), B(IR_OP_MUL, ci(0), V(i)))),
             sif(B(IR_OP_LT, V(i), V(n)),
                 blk(decl(sum, ci(0)), decl(j, ci(0)),
                     loop(blk(sif(NOT(B(IR_OP_LT, V(j), V(i))), blk(simple(IR_S_BREAK), NULL), NULL),
                              sif(B(IR_OP_EQ, B(IR_OP_REM, V(j), ci(3)), ci(0)),
                                  blk(simple(IR_S_CONTINUE), NULL), NULL),
                              assign(V(sum), B(IR_OP_ADD, V(sum), V(j))), NULL),
                          blk(assign(V(j), B(IR_OP_ADD, V(j), ci(1))), NULL)),
                     assign(EL(out, V(i)), V(sum)), NULL),
                 NULL),
             NULL));
}

/* Integer corner cases that are undefined in C (must wrap/guard), and
 * float->int saturation: out[k] for k = 0..9 computed by thread 0. */
static void build_intsem(void) {
  ir_var *out = param("out", gptr(&ir_i32)), *zero = param("zero", &ir_i32),
         *fin = param("fin", gptr(&ir_f32));
  ir_expr *mn = ci(INT32_MIN), *mx = ci(INT32_MAX);
  kernel("intsem",
         blk(sif(B(IR_OP_EQ, BI(IR_BI_THREAD_IDX, 0), cu(0)),
                 blk(assign(EL(out, ci(0)), B(IR_OP_ADD, mx, ci(1))),
                     assign(EL(out, ci(1)), B(IR_OP_DIV, ci(7), V(zero))),
                     assign(EL(out, ci(2)), B(IR_OP_DIV, mn, ci(-1))),
                     assign(EL(out, ci(3)), B(IR_OP_REM, ci(7), V(zero))),
                     assign(EL(out, ci(4)), B(IR_OP_SHL, ci(3), ci(33))),
                     assign(EL(out, ci(5)), B(IR_OP_MUL, mx, ci(2))),
                     assign(EL(out, ci(6)), ir_unary(M, IR_OP_NEG, ci(INT32_MIN), L)),
                     assign(EL(out, ci(7)), CV(&ir_i32, EL(fin, ci(0)))),
                     assign(EL(out, ci(8)), CV(&ir_i32, EL(fin, ci(1)))),
                     assign(EL(out, ci(9)), CV(&ir_i32, EL(fin, ci(2)))), NULL),
                 NULL),
             NULL));
}

/* Thread index mapping in a 3-D block: out[linear] = x + 100 y + 10000 z + 1000000 blockIdx.x */
static void build_ids(void) {
  ir_var *out = param("out", gptr(&ir_u32));
  ir_expr *bdx = BI(IR_BI_BLOCK_DIM, 0), *bdy = BI(IR_BI_BLOCK_DIM, 1), *bdz = BI(IR_BI_BLOCK_DIM, 2);
  ir_expr *tx = BI(IR_BI_THREAD_IDX, 0), *ty = BI(IR_BI_THREAD_IDX, 1), *tz = BI(IR_BI_THREAD_IDX, 2);
  ir_expr *lin = B(IR_OP_ADD, B(IR_OP_MUL, BI(IR_BI_BLOCK_IDX, 0), B(IR_OP_MUL, bdx, B(IR_OP_MUL, bdy, bdz))),
                   B(IR_OP_ADD, tx, B(IR_OP_MUL, bdx, B(IR_OP_ADD, ty, B(IR_OP_MUL, BI(IR_BI_BLOCK_DIM, 1), tz)))));
  ir_expr *val = B(IR_OP_ADD,
                   B(IR_OP_ADD, BI(IR_BI_THREAD_IDX, 0), B(IR_OP_MUL, cu(100), BI(IR_BI_THREAD_IDX, 1))),
                   B(IR_OP_ADD, B(IR_OP_MUL, cu(10000), BI(IR_BI_THREAD_IDX, 2)),
                     B(IR_OP_MUL, cu(1000000), BI(IR_BI_BLOCK_IDX, 0))));
  kernel("ids", blk(assign(EL(out, lin), val), NULL));
}

/* A barrier in a uniform block-level if; a per-thread local array used
 * across the barrier:  if (n > 0) { float t[3]; t[k] = x[gid] * k;
 *   __syncthreads(); x[gid] = t[0] + t[1] + t[2]; }  (3x) */
static void build_bl_if(void) {
  ir_var *x = param("x", gptr(&ir_f32)), *n = param("n", &ir_i32);
  ir_var *t = local("t", ir_type_array(M, &ir_f32, 3)), *g = local("g", &ir_i32);
  kernel("bl_if",
         blk(decl(g, gid()),
             sif(B(IR_OP_GT, V(n), ci(0)),
                 blk(decl(t, NULL), assign(EL(t, ci(0)), B(IR_OP_MUL, EL(x, V(g)), cf(0))),
                     assign(EL(t, ci(1)), B(IR_OP_MUL, EL(x, V(g)), cf(1))),
                     assign(EL(t, ci(2)), B(IR_OP_MUL, EL(x, V(g)), cf(2))), barrier(true),
                     assign(EL(x, V(g)), B(IR_OP_ADD, B(IR_OP_ADD, EL(t, ci(0)), EL(t, ci(1))), EL(t, ci(2)))),
                     NULL),
                 NULL),
             NULL));
}

/* Structs: struct P { float a; int b; double d; } by value and through a pointer:
 *   out[i].a = p.a * (float)i; out[i].b = p.b + i; out[i].d = p.d; */
static ir_type *build_struct(void) {
  ir_struct *st = CW_NEW(M->arena, ir_struct);
  st->name = "P";
  st->nfields = 3;
  st->fields = CW_NEW_ARRAY(M->arena, ir_field, 3);
  st->fields[0] = (ir_field){"a", &ir_f32, 0};
  st->fields[1] = (ir_field){"b", &ir_i32, 4};
  st->fields[2] = (ir_field){"d", &ir_f64, 8};
  st->size = 16;
  st->align = 8;
  ir_module_add_struct(M, st);
  ir_type *t = CW_NEW(M->arena, ir_type);
  t->kind = IR_T_STRUCT;
  t->st = st;
  t->size = 16;
  t->align = 8;
  ir_var *p = param("p", t), *out = param("out", gptr(t));
  ir_var *i = local("i", &ir_i32);
  ir_expr *pa = ir_expr_new(M, IR_E_MEMBER, &ir_f32, L), *pb = ir_expr_new(M, IR_E_MEMBER, &ir_i32, L),
          *pd = ir_expr_new(M, IR_E_MEMBER, &ir_f64, L), *oa = ir_expr_new(M, IR_E_MEMBER, &ir_f32, L),
          *ob = ir_expr_new(M, IR_E_MEMBER, &ir_i32, L), *od = ir_expr_new(M, IR_E_MEMBER, &ir_f64, L);
  pa->a = V(p), pa->field = 0;
  pb->a = V(p), pb->field = 1;
  pd->a = V(p), pd->field = 2;
  oa->a = EL(out, V(i)), oa->field = 0;
  ob->a = EL(out, V(i)), ob->field = 1;
  od->a = EL(out, V(i)), od->field = 2;
  kernel("structs", blk(decl(i, gid()), assign(oa, B(IR_OP_MUL, pa, CV(&ir_f32, V(i)))),
                        assign(ob, B(IR_OP_ADD, pb, V(i))), assign(od, pd), NULL));
  return t;
}

/* ---------------- running ---------------- */
static void *so;

static void launch(const char *k, unsigned grid, cw_dim3 block, void **args) {
  char name[128];
  snprintf(name, sizeof name, "%s__block", k);
  cw_block_fn fn = (cw_block_fn)(uintptr_t)dlsym(so, name);
  snprintf(name, sizeof name, "%s__scratch_bytes", k);
  cw_scratch_bytes_fn sb = (cw_scratch_bytes_fn)(uintptr_t)dlsym(so, name);
  if (!fn || !sb) {
    CHECK(0, "symbols of kernel %s missing", k);
    return;
  }
  size_t bytes = sb(block);
  void *scratch = aligned_alloc(16, (bytes + 16) & ~(size_t)15);
  memset(scratch, 0xAB, bytes); /* generated code must not rely on zeroed scratch */
  for (unsigned b = 0; b < grid; b++) {
    cw_block_ctx ctx = {{grid, 1, 1}, block, {b, 0, 0}, args, NULL, NULL, 0, scratch, NULL};
    fn(&ctx);
  }
  free(scratch);
}

static float frand(unsigned *s) {
  *s = *s * 1103515245u + 12345u;
  return (float)((*s >> 16) % 201) - 100.0f; /* exact small integers: sums are exact */
}

static void test_saxpy(void) {
  enum { N = 1000 };
  float x[N], y[N], ref[N];
  unsigned seed = 1;
  for (int i = 0; i < N; i++) {
    x[i] = frand(&seed) * 0.5f;
    y[i] = frand(&seed);
    ref[i] = 2.5f * x[i] + y[i];
  }
  int n = N - 3; /* the last three stay untouched */
  for (int i = n; i < N; i++) ref[i] = y[i];
  float a = 2.5f, *xp = x, *yp = y;
  void *args[] = {&n, &a, &xp, &yp};
  launch("saxpy", (N + 127) / 128, (cw_dim3){128, 1, 1}, args);
  int bad = 0;
  for (int i = 0; i < N; i++) bad += y[i] != ref[i];
  CHECK(bad == 0, "saxpy: %d mismatches", bad);
}

static void test_reduce(const char *k, unsigned bs, int n) {
  float in[4096], out[1100];
  unsigned seed = bs * 7 + (unsigned)n;
  for (int i = 0; i < n; i++) in[i] = frand(&seed);
  unsigned grid = ((unsigned)n + bs - 1) / bs;
  for (unsigned b = 0; b < grid; b++) out[b] = NAN;
  float *ip = in, *op = out;
  void *args[] = {&ip, &op, &n};
  launch(k, grid, (cw_dim3){bs, 1, 1}, args);
  int bad = 0;
  for (unsigned b = 0; b < grid; b++) {
    float r = 0;
    for (unsigned t = 0; t < bs; t++)
      if (b * bs + t < (unsigned)n) r += in[b * bs + t];
    if (!(out[b] == r)) bad++;
  }
  CHECK(bad == 0, "%s block %u n %d: %d of %u blocks wrong", k, bs, n, bad, grid);
}

static void test_early_return(unsigned bs, int n, unsigned grid) {
  int in[1024], out[1024];
  for (int i = 0; i < 1024; i++) {
    in[i] = i * 3 - 50;
    out[i] = -7;
  }
  int *ip = in, *op = out;
  void *args[] = {&ip, &op, &n};
  launch("early_return", grid, (cw_dim3){bs, 1, 1}, args);
  int bad = 0;
  for (int i = 0; i < (int)(grid * bs); i++) {
    int t = i % (int)bs;
    int want = i < n ? in[i] * 2 + (t > 0 ? in[i - 1] * 2 : 0) + i : -7;
    bad += out[i] != want;
  }
  CHECK(bad == 0, "early_return block %u n %d: %d wrong", bs, n, bad);
}

static void test_atomics(void) {
  enum { N = 777 };
  int in[N], hist[8] = {0}, misc[6] = {INT32_MIN, INT32_MAX, 1000, 0, 0, 0}, slots[N];
  unsigned umisc[2] = {0, 0};
  float fsum = 0;
  int href[8] = {0}, mx = INT32_MIN, mn = INT32_MAX, sub = 1000, orv = 0;
  float fref = 0;
  for (int i = 0; i < N; i++) {
    in[i] = (i * 37) % 101;
    slots[i] = -1;
    href[in[i] % 8]++;
    fref += (float)in[i];
    if (in[i] > mx) mx = in[i];
    if (in[i] < mn) mn = in[i];
    sub -= in[i];
    orv |= 1 << (in[i] % 31);
  }
  unsigned inc = 0, dec = 0;
  for (int i = 0; i < N; i++) {
    inc = inc >= 6 ? 0 : inc + 1;
    dec = (dec == 0 || dec > 4) ? 4 : dec - 1;
  }
  int n = N;
  int *ip = in, *hp = hist, *mp = misc, *sp = slots;
  float *fp = &fsum;
  unsigned *up = umisc;
  void *args[] = {&ip, &hp, &fp, &mp, &up, &sp, &n};
  launch("atomics", (N + 63) / 64, (cw_dim3){64, 1, 1}, args);
  CHECK(memcmp(hist, href, sizeof hist) == 0, "atomicAdd histogram");
  CHECK(fsum == fref, "float atomicAdd %g != %g", fsum, fref);
  CHECK(misc[0] == mx && misc[1] == mn, "atomicMax/Min %d %d", misc[0], misc[1]);
  CHECK(misc[2] == sub, "atomicSub %d != %d", misc[2], sub);
  CHECK(misc[3] == orv, "atomicOr %x != %x", misc[3], orv);
  CHECK(umisc[0] == inc && umisc[1] == dec, "atomicInc/Dec %u %u (want %u %u)", umisc[0], umisc[1], inc, dec);
  CHECK(misc[4] == N, "counter %d", misc[4]);
  int seen[N] = {0}, bad = 0;
  for (int i = 0; i < N; i++)
    if (slots[i] < 0 || slots[i] >= N || seen[slots[i]]++) bad++;
  CHECK(bad == 0, "slots from atomicAdd's old value are not a permutation (%d bad)", bad);
  /* atomicCAS chain: misc[5] goes 0 -> 1 -> ... only when compare matches (i == current) */
  CHECK(misc[5] == N, "atomicCAS chain ended at %d", misc[5]);
}

static void test_switch_continue(void) {
  enum { N = 300 };
  int out[N], n = N - 5;
  for (int i = 0; i < N; i++) out[i] = -1;
  int *op = out;
  void *args[] = {&op, &n};
  launch("sw", (N + 31) / 32, (cw_dim3){32, 1, 1}, args);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    int v = 0, sel = i % 5 - 2;
    switch (sel) {
    case -2: v += 1; /* fall through */
    case -1: v += 10; break;
    case 0: case 1: v += 100; break;
    default: v += 1000;
    }
    bad += out[i] != (i < n ? v : -1);
  }
  CHECK(bad == 0, "switch with fallthrough: %d wrong", bad);

  for (int i = 0; i < N; i++) out[i] = -1;
  launch("cont", (N + 15) / 16, (cw_dim3){16, 1, 1}, args);
  bad = 0;
  for (int i = 0; i < N; i++) {
    int sum = 0;
    for (int j = 0; j < i; j++) {
      if (j % 3 == 0) continue;
      sum += j;
    }
    bad += out[i] != (i < n ? sum : -1);
  }
  CHECK(bad == 0, "loop with continue: %d wrong", bad);
}

static void test_intsem(void) {
  int out[10];
  float fin[3] = {NAN, 3e9f, -3e9f};
  int zero = 0, *op = out;
  float *fp = fin;
  void *args[] = {&op, &zero, &fp};
  launch("intsem", 1, (cw_dim3){4, 1, 1}, args);
  CHECK(out[0] == INT32_MIN, "INT_MAX + 1 wraps: %d", out[0]);
  CHECK(out[1] == 7 && out[3] == 0, "x / 0 == x, x %% 0 == 0: %d %d", out[1], out[3]);
  CHECK(out[2] == INT32_MIN, "INT_MIN / -1: %d", out[2]);
  CHECK(out[4] == 6, "shift count masked: %d", out[4]);
  CHECK(out[5] == -2 && out[6] == INT32_MIN, "mul/neg wrap: %d %d", out[5], out[6]);
  CHECK(out[7] == 0 && out[8] == INT32_MAX && out[9] == INT32_MIN, "f2i saturates: %d %d %d",
        out[7], out[8], out[9]);
}

static void test_ids(void) {
  unsigned out[2 * 60];
  memset(out, 0xff, sizeof out);
  unsigned *op = out;
  void *args[] = {&op};
  launch("ids", 2, (cw_dim3){5, 4, 3}, args);
  int bad = 0;
  for (unsigned b = 0; b < 2; b++)
    for (unsigned z = 0; z < 3; z++)
      for (unsigned y = 0; y < 4; y++)
        for (unsigned x = 0; x < 5; x++)
          bad += out[b * 60 + x + 5 * (y + 4 * z)] != x + 100 * y + 10000 * z + 1000000 * b;
  CHECK(bad == 0, "threadIdx x/y/z mapping: %d wrong", bad);
}

static void test_bl_if(void) {
  float x[64];
  for (int i = 0; i < 64; i++) x[i] = (float)i;
  int n = 1;
  float *xp = x;
  void *args[] = {&xp, &n};
  launch("bl_if", 4, (cw_dim3){16, 1, 1}, args);
  int bad = 0;
  for (int i = 0; i < 64; i++) bad += x[i] != 3.0f * (float)i;
  CHECK(bad == 0, "barrier in a uniform if, local array across it: %d wrong", bad);
}

/* A barrier in divergent control flow is rejected with a located error. */
static void test_divergent_barrier(cw_diags *d) {
  cw_arena a;
  cw_arena_init(&a);
  ir_module *saved = M;
  M = ir_module_new(&a, d);
  M->phase = IR_PHASE_RESOLVED;
  ir_var *o = param("o", gptr(&ir_i32));
  kernel("bad", blk(sif(B(IR_OP_LT, BI(IR_BI_THREAD_IDX, 0), cu(4)), blk(barrier(false), NULL), NULL),
                    assign(EL(o, ci(0)), ci(1)), NULL));
  jmp_buf jb;
  d->on_error = &jb;
  int before = d->nerrors;
  cw_strbuf sb;
  cw_sb_init(&sb);
  if (!setjmp(jb)) {
    cw_emit_c(M, NULL, &sb);
    CHECK(0, "divergent barrier accepted");
  } else {
    CHECK(d->nerrors == before + 1 &&
              strstr(d->items[d->count - 1].message,
                     "__syncthreads() in divergent control flow is not supported by the c target"),
          "wrong diagnostic for a divergent barrier");
  }
  d->on_error = NULL;
  cw_sb_free(&sb);
  cw_arena_free(&a);
  M = saved;
}

int main(void) {
  cw_arena arena;
  cw_arena_init(&arena);
  cw_diags diags;
  cw_diags_init(&diags, &arena);
  M = ir_module_new(&arena, &diags);
  M->phase = IR_PHASE_RESOLVED;
  build_saxpy();
  build_reduce_pow2();
  build_reduce_any();
  build_early_return();
  build_atomics();
  build_switch();
  build_continue();
  build_intsem();
  build_ids();
  build_bl_if();
  build_struct();

  cw_strbuf out;
  cw_sb_init(&out);
  jmp_buf jb;
  diags.on_error = &jb;
  if (setjmp(jb)) {
    printf("FAIL: cw_emit_c reported: %s\n", diags.count ? diags.items[diags.count - 1].message : "?");
    return 1;
  }
  cw_emit_c(M, NULL, &out);
  diags.on_error = NULL;

  char dir[] = "/tmp/cw_test_c_XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char cpath[256], sopath[256], cmd[1024];
  snprintf(cpath, sizeof cpath, "%s/k.c", dir);
  snprintf(sopath, sizeof sopath, "%s/k.so", dir);
  FILE *f = fopen(cpath, "w");
  fputs(out.data, f);
  fclose(f);
  const char *cc = getenv("CC") ? getenv("CC") : "cc";
  const char *extra = getenv("CW_TEST_CFLAGS") ? getenv("CW_TEST_CFLAGS") : "";
  snprintf(cmd, sizeof cmd, "%s -std=c11 -Wall -Wextra -Werror -O2 -shared -fPIC %s -o %s %s", cc,
           extra, sopath, cpath);
  int rc = system(cmd);
  CHECK(rc == 0, "generated C does not compile: %s (kept in %s)", cmd, cpath);
  if (rc != 0) {
    cw_sb_free(&out);
    printf("%d passed, %d failed\n", npass, nfail);
    return 1;
  }
  so = dlopen(sopath, RTLD_NOW | RTLD_LOCAL);
  CHECK(so != NULL, "dlopen: %s", dlerror());
  if (!so) return 1;

  test_saxpy();
  static const unsigned p2[] = {1, 2, 64, 256};
  for (int i = 0; i < 4; i++) {
    test_reduce("reduce_pow2", p2[i], 1000);
    test_reduce("reduce_pow2", p2[i], (int)p2[i] * 3); /* exact multiple: no guard used */
  }
  static const unsigned any[] = {1, 3, 7, 100, 255, 512};
  for (int i = 0; i < 6; i++) test_reduce("reduce_any", any[i], 1001);
  test_early_return(32, 70, 4);  /* last block: all threads return at once */
  test_early_return(7, 20, 4);
  test_early_return(1, 5, 8);
  test_atomics();
  test_switch_continue();
  test_intsem();
  test_ids();
  test_bl_if();
  {
    struct P { float a; int b; double d; } p = {1.5f, -10, 0.25}, outp[40];
    memset(outp, 0, sizeof outp);
    struct P *op = outp;
    void *args[] = {&p, &op};
    launch("structs", 5, (cw_dim3){8, 1, 1}, args);
    int bad = 0;
    for (int i = 0; i < 40; i++)
      bad += outp[i].a != 1.5f * (float)i || outp[i].b != i - 10 || outp[i].d != 0.25;
    CHECK(bad == 0, "struct by value and struct buffer: %d wrong", bad);
  }
  test_divergent_barrier(&diags);

  /* the scratch size accounts for static shared memory (reduce_any keeps no
   * per-thread spills: tid is recomputed, act/half are block scalars) */
  cw_scratch_bytes_fn sb = (cw_scratch_bytes_fn)(uintptr_t)dlsym(so, "reduce_any__scratch_bytes");
  CHECK(sb && sb((cw_dim3){100, 1, 1}) >= 512 * 4, "reduce_any scratch too small");
  cw_scratch_bytes_fn sb2 = (cw_scratch_bytes_fn)(uintptr_t)dlsym(so, "saxpy__scratch_bytes");
  CHECK(sb2 && sb2((cw_dim3){1024, 1, 1}) == 0, "saxpy needs no scratch");

  dlclose(so);
  if (nfail == 0 && !getenv("CW_TEST_KEEP")) {
    unlink(sopath);
    unlink(cpath);
    rmdir(dir);
  }
  cw_sb_free(&out);
  cw_diags_free(&diags);
  cw_arena_free(&arena);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
