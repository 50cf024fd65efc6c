/* Unit tests for the IR core: construction, naming, printing, validation.
 * Modules are built by hand with the constructors of ir.h. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/ast.h"
#include "front/token.h"
#include "ir/ir.h"

static int passed, failed;
#define CHECK(cond)                                                         \
  do {                                                                      \
    if (cond) passed++;                                                     \
    else {                                                                  \
      failed++;                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                       \
  } while (0)
#define CHECK_STR(got, want)                                                          \
  do {                                                                                \
    const char *g_ = (got), *w_ = (want);                                             \
    if (g_ && strcmp(g_, w_) == 0) passed++;                                          \
    else {                                                                            \
      failed++;                                                                       \
      fprintf(stderr, "%s:%d: got\n%s\nwant\n%s\n", __FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
    }                                                                                 \
  } while (0)

static cw_arena arena;
static cw_diags diags;
static jmp_buf jb;
static cw_loc L0;

static ir_module *fresh(void) {
  cw_diags_free(&diags);
  cw_diags_init(&diags, &arena);
  diags.on_error = &jb;
  return ir_module_new(&arena, &diags);
}

static const char *last_msg(void) { return diags.count ? diags.items[diags.count - 1].message : ""; }

static ir_stmt *decl(ir_module *m, ir_var *v, ir_expr *init) {
  ir_stmt *s = ir_stmt_new(m, IR_S_DECL, L0);
  s->var = v;
  s->init = init;
  return s;
}
static ir_stmt *assign(ir_module *m, ir_expr *l, ir_expr *r) {
  ir_stmt *s = ir_stmt_new(m, IR_S_ASSIGN, L0);
  s->lhs = l;
  s->rhs = r;
  return s;
}
static ir_expr *bi(ir_module *m, ir_builtin b) {
  ir_expr *e = ir_expr_new(m, IR_E_BUILTIN, &ir_u32, L0);
  e->builtin = b;
  e->dim = 0;
  return e;
}
static ir_expr *deref(ir_module *m, ir_expr *p) {
  ir_expr *e = ir_expr_new(m, IR_E_DEREF, p->type->elem, L0);
  e->a = p;
  return e;
}
static ir_expr *padd(ir_module *m, ir_expr *p, ir_expr *i) {
  ir_expr *e = ir_expr_new(m, IR_E_PTR_ADD, p->type, L0);
  e->a = p;
  e->b = i;
  return e;
}
static ir_func *new_func(ir_module *m, const char *name, bool kernel, ir_var **params, int n) {
  ir_func *f = CW_NEW(&arena, ir_func);
  f->name = name;
  f->is_kernel = kernel;
  f->ret = &ir_void;
  f->params = params;
  f->nparams = n;
  for (int i = 0; i < n; i++) params[i]->param_index = i;
  f->body = ir_block_new(m, L0);
  ir_func **p = &m->funcs;
  while (*p) p = &(*p)->next;
  *p = f;
  return f;
}

/* kernel saxpy(n, a, x, y) { i = blockIdx.x*blockDim.x+threadIdx.x; if (i < n) y[i] = a*x[i]+y[i]; } */
static ir_module *build_saxpy(void) {
  ir_module *m = fresh();
  ir_var **ps = CW_NEW_ARRAY(&arena, ir_var *, 4);
  ps[0] = ir_var_new(m, IR_VAR_PARAM, "n", &ir_i32, L0);
  ps[1] = ir_var_new(m, IR_VAR_PARAM, "a", &ir_f32, L0);
  ps[2] = ir_var_new(m, IR_VAR_PARAM, "x", ir_type_ptr(m, &ir_f32, IR_AS_GLOBAL, true), L0);
  ps[3] = ir_var_new(m, IR_VAR_PARAM, "y", ir_type_ptr(m, &ir_f32, IR_AS_GLOBAL, false), L0);
  ir_func *f = new_func(m, "saxpy", true, ps, 4);
  ir_var *i = ir_var_new(m, IR_VAR_LOCAL, "i", &ir_i32, L0);
  ir_expr *idx = ir_binary(m, IR_OP_ADD,
                           ir_binary(m, IR_OP_MUL, bi(m, IR_BI_BLOCK_IDX), bi(m, IR_BI_BLOCK_DIM), L0),
                           bi(m, IR_BI_THREAD_IDX), L0);
  ir_block_append(f->body, decl(m, i, ir_convert(m, &ir_i32, idx, L0)));
  ir_stmt *iff = ir_stmt_new(m, IR_S_IF, L0);
  iff->cond = ir_binary(m, IR_OP_LT, ir_var_ref(m, i, L0), ir_var_ref(m, ps[0], L0), L0);
  iff->then_s = ir_block_new(m, L0);
  ir_expr *yi = deref(m, padd(m, ir_var_ref(m, ps[3], L0), ir_var_ref(m, i, L0)));
  ir_expr *xi = deref(m, padd(m, ir_var_ref(m, ps[2], L0), ir_var_ref(m, i, L0)));
  ir_expr *rhs = ir_binary(m, IR_OP_ADD, ir_binary(m, IR_OP_MUL, ir_var_ref(m, ps[1], L0), xi, L0),
                           ir_expr_clone(m, yi), L0);
  ir_block_append(iff->then_s, assign(m, yi, rhs));
  ir_block_append(f->body, iff);
  return m;
}

static char *print(ir_module *m) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  ir_print(m, &sb);
  char *s = cw_arena_strdup(&arena, sb.data ? sb.data : "");
  cw_sb_free(&sb);
  return s;
}

static void test_intrinsics(void) {
  CHECK_STR(cw_intrinsic_name(CW_IN_SQRT), "sqrt");
  CHECK_STR(cw_intrinsic_name(CW_IN_ATOMIC_CAS), "atomicCAS");
  CHECK(cw_intrinsic_nargs(CW_IN_FMA) == 3);
  CHECK(cw_intrinsic_nargs(CW_IN_SYNCTHREADS) == 0);
  CHECK_STR(ir_op_str(IR_OP_SHL), "<<");
  CHECK_STR(ir_builtin_str(IR_BI_GRID_DIM), "gridDim");
}

static void test_naming(void) {
  ir_module *m = fresh();
  ir_var *a = ir_var_new(m, IR_VAR_LOCAL, "x", &ir_i32, L0);
  ir_var *b = ir_var_new(m, IR_VAR_LOCAL, "x", &ir_i32, L0);
  CHECK_STR(a->name, "x");
  CHECK(strcmp(b->name, "x") != 0 && strncmp(b->name, "x_", 2) == 0);
  ir_var *k1 = ir_var_new(m, IR_VAR_LOCAL, "loop", &ir_i32, L0);
  CHECK(strcmp(k1->name, "loop") != 0);
  ir_var *k2 = ir_var_new(m, IR_VAR_LOCAL, "f32", &ir_i32, L0);
  CHECK(strcmp(k2->name, "f32") != 0);
  ir_var *k3 = ir_var_new(m, IR_VAR_LOCAL, "int", &ir_i32, L0);
  CHECK(strcmp(k3->name, "int") != 0);
  ir_var *k4 = ir_var_new(m, IR_VAR_LOCAL, "__tmp", &ir_i32, L0);
  CHECK_STR(k4->name, "v__tmp");
  ir_var *k5 = ir_var_new(m, IR_VAR_LOCAL, "cw_x", &ir_i32, L0);
  CHECK(strncmp(k5->name, "cw_", 3) != 0);
  ir_var *k6 = ir_var_new(m, IR_VAR_LOCAL, "_1", &ir_i32, L0);
  CHECK_STR(k6->name, "v_1");
  ir_var *k7 = ir_var_new(m, IR_VAR_LOCAL, "var", &ir_i32, L0);
  CHECK(strcmp(k7->name, "var") != 0);
  CHECK_STR(k7->src_name, "var");
  /* a generated name must not collide with a later user name */
  ir_var *k8 = ir_var_new(m, IR_VAR_LOCAL, b->name, &ir_i32, L0);
  CHECK(strcmp(k8->name, b->name) != 0);
  CHECK(a->id != b->id && b->id != k8->id);
  CHECK(a->param_index == -1);
}

static void test_types(void) {
  ir_module *m = fresh();
  ir_type *p1 = ir_type_ptr(m, &ir_f32, IR_AS_GLOBAL, false);
  ir_type *p2 = ir_type_ptr(m, &ir_f32, IR_AS_GLOBAL, true);
  ir_type *p3 = ir_type_ptr(m, &ir_f32, IR_AS_SHARED, false);
  CHECK(ir_type_eq(p1, p2));
  CHECK(!ir_type_eq(p1, p3));
  ir_type *arr = ir_type_array(m, ir_type_array(m, &ir_f32, 8), 4);
  CHECK(arr->size == 128);
  CHECK(ir_type_flat_len(arr) == 32);
  CHECK(ir_type_leaf(arr) == &ir_f32);
  CHECK_STR(ir_type_str(m, arr), "float[4][8]");
  CHECK_STR(ir_type_str(m, p2), "const float *");
  CHECK(ir_type_is_signed(&ir_i16) && !ir_type_is_signed(&ir_u32));
  CHECK(ir_type_is_64bit(&ir_f64) && !ir_type_is_64bit(&ir_f32));
  /* constant folding of conversions */
  ir_expr *c = ir_convert(m, &ir_u8, ir_const_int(m, &ir_i32, 300, L0), L0);
  CHECK(c->kind == IR_E_CONST && c->u.i == 44);
  ir_expr *c2 = ir_convert(m, &ir_i32, ir_const_float(m, &ir_f32, -2.75, L0), L0);
  CHECK(c2->kind == IR_E_CONST && (int64_t)c2->u.i == -2);
  ir_expr *c3 = ir_convert(m, &ir_i8, ir_const_int(m, &ir_i32, 200, L0), L0);
  CHECK(c3->kind == IR_E_CONST && (int64_t)c3->u.i == -56);
  /* float -> int folds saturate at the target's range, NaN -> 0, as the
   * back-ends do at run time (cw_f2u32(-1.0) == 0; it folded to 0xffffffff) */
  static const struct { ir_type *t; double f; int64_t want; } sat[] = {
      {&ir_u32, -1.0, 0},          {&ir_u32, 1e30, 4294967295LL}, {&ir_i32, 1e30, 2147483647LL},
      {&ir_i32, -1e30, -2147483648LL}, {&ir_i8, 300.0, 127},      {&ir_u8, -3.0, 0},
      {&ir_i16, -40000.5, -32768}, {&ir_u16, 70000.0, 65535},     {&ir_i64, 1e300, INT64_MAX},
      {&ir_i32, 2147483647.5, 2147483647LL}, {&ir_u32, 4294967295.5, 4294967295LL},
  };
  for (size_t i = 0; i < sizeof sat / sizeof sat[0]; i++) {
    ir_expr *s = ir_convert(m, sat[i].t, ir_const_float(m, &ir_f64, sat[i].f, L0), L0);
    int64_t got = ir_type_is_signed(sat[i].t) ? (int64_t)s->u.i : (int64_t)(s->u.i & (sat[i].t->size == 8 ? ~0ULL : (1ULL << (8 * sat[i].t->size)) - 1));
    CHECK(s->kind == IR_E_CONST && got == sat[i].want);
  }
  ir_expr *cn = ir_convert(m, &ir_i32, ir_const_float(m, &ir_f32, NAN, L0), L0);
  CHECK(cn->kind == IR_E_CONST && cn->u.i == 0);
  ir_var *v = ir_var_new(m, IR_VAR_LOCAL, "v", &ir_i32, L0);
  ir_expr *b = ir_to_bool(m, ir_var_ref(m, v, L0), L0);
  CHECK(b->type == &ir_bool && b->kind == IR_E_BINARY && b->op == IR_OP_NE);
  ir_expr *cmp = ir_binary(m, IR_OP_LT, ir_var_ref(m, v, L0), ir_const_int(m, &ir_i32, 3, L0), L0);
  CHECK(ir_to_bool(m, ir_convert(m, &ir_i32, cmp, L0), L0) == cmp);
}

static void test_print_saxpy(void) {
  ir_module *m = build_saxpy();
  CHECK_STR(print(m),
            "kernel saxpy(n: i32, a: f32, x: ptr<global, const f32>, y: ptr<global, f32>) {\n"
            "  decl i: i32 = convert<i32>((blockIdx.x * blockDim.x) + threadIdx.x)\n"
            "  if (i < n) {\n"
            "    *(y + i) = (a * *(x + i)) + *(y + i)\n"
            "  }\n"
            "}\n");
  CHECK(ir_validate(m, "test"));
  CHECK(diags.nerrors == 0);
}

static bool rejects(ir_module *m, const char *needle) {
  bool ok = ir_validate(m, "test-pass");
  if (ok) return false;
  if (!strstr(last_msg(), "IR validation failed after test-pass")) return false;
  if (!strstr(last_msg(), needle)) {
    fprintf(stderr, "message: %s\n", last_msg());
    return false;
  }
  return true;
}

static void test_validate_bad(void) {
  /* mismatched operand types */
  ir_module *m = build_saxpy();
  ir_stmt *iff = m->funcs->body->body->next;
  iff->then_s->body->rhs->b = ir_var_ref(m, m->funcs->params[0], L0); /* f32 + i32 */
  CHECK(rejects(m, "operands of '+'"));

  /* condition not bool */
  m = build_saxpy();
  iff = m->funcs->body->body->next;
  iff->cond = ir_var_ref(m, m->funcs->params[0], L0);
  CHECK(rejects(m, "if condition is int"));

  /* break outside loop */
  m = build_saxpy();
  ir_block_append(m->funcs->body, ir_stmt_new(m, IR_S_BREAK, L0));
  CHECK(rejects(m, "break outside"));

  /* break inside a loop is fine; inside continuing only as final break-if */
  m = build_saxpy();
  ir_stmt *lp = ir_stmt_new(m, IR_S_LOOP, L0);
  lp->body = ir_block_new(m, L0);
  lp->cont = ir_block_new(m, L0);
  ir_stmt *bi_ = ir_stmt_new(m, IR_S_IF, L0);
  bi_->cond = ir_const_int(m, &ir_bool, 1, L0);
  bi_->then_s = ir_block_new(m, L0);
  ir_block_append(bi_->then_s, ir_stmt_new(m, IR_S_BREAK, L0));
  ir_block_append(lp->cont, bi_);
  ir_block_append(m->funcs->body, lp);
  CHECK(ir_validate(m, "test"));
  ir_block_append(lp->cont, ir_stmt_new(m, IR_S_CONTINUE, L0));
  CHECK(rejects(m, "continuing"));

  /* call after inlining */
  m = build_saxpy();
  ir_func *dev = new_func(m, "helper", false, NULL, 0);
  ir_stmt *call = ir_stmt_new(m, IR_S_CALL, L0);
  call->callee = dev;
  ir_block_append(m->funcs->body, call);
  CHECK(ir_validate(m, "test"));
  m->phase = IR_PHASE_INLINED;
  CHECK(rejects(m, "inlining"));

  /* use before declaration; double declaration */
  m = fresh();
  ir_func *f = new_func(m, "k", true, NULL, 0);
  ir_var *t = ir_var_new(m, IR_VAR_LOCAL, "t", &ir_i32, L0);
  ir_block_append(f->body, assign(m, ir_var_ref(m, t, L0), ir_const_int(m, &ir_i32, 1, L0)));
  ir_block_append(f->body, decl(m, t, NULL));
  CHECK(rejects(m, "before its declaration"));
  f->body->body = f->body->body->next; /* drop the early use */
  ir_block_append(f->body, decl(m, t, NULL));
  CHECK(rejects(m, "declared twice"));

  /* pointer operations after provenance */
  m = build_saxpy();
  m->phase = IR_PHASE_RESOLVED;
  CHECK(rejects(m, "pointer operation after provenance"));

  /* shift by any integer type is fine; comparison result must be bool */
  m = fresh();
  f = new_func(m, "k2", true, NULL, 0);
  ir_var *u = ir_var_new(m, IR_VAR_LOCAL, "u", &ir_u32, L0);
  ir_block_append(f->body, decl(m, u, ir_binary(m, IR_OP_SHL, ir_const_int(m, &ir_u32, 1, L0),
                                               ir_const_int(m, &ir_i64, 3, L0), L0)));
  CHECK(ir_validate(m, "test"));
  ir_expr *bad = ir_binary(m, IR_OP_EQ, ir_var_ref(m, u, L0), ir_const_int(m, &ir_u32, 0, L0), L0);
  bad->type = &ir_i32;
  ir_block_append(f->body, assign(m, ir_var_ref(m, u, L0), bad));
  CHECK(rejects(m, "comparison with result"));
}

static void test_select(void) {
  ir_module *m = build_saxpy();
  new_func(m, "other", true, NULL, 0);
  new_func(m, "dev", false, NULL, 0);
  const char *names[] = {"other"};
  if (setjmp(jb) == 0) {
    ir_select_kernels(m, names, 1);
    CHECK(m->funcs && strcmp(m->funcs->name, "other") == 0 && m->funcs->next &&
          strcmp(m->funcs->next->name, "dev") == 0 && !m->funcs->next->next);
  } else {
    CHECK(!"unexpected error");
  }
  const char *bad[] = {"nope"};
  volatile bool threw = false;
  if (setjmp(jb) == 0) ir_select_kernels(m, bad, 1);
  else threw = true;
  CHECK(threw && strcmp(last_msg(), "no kernel named 'nope' in this file") == 0);
}

static void test_print_kinds(void) {
  ir_module *m = fresh();
  ir_var *sh = ir_var_new(m, IR_VAR_SHARED, "tile", ir_type_array(m, &ir_f32, 64), L0);
  ir_module_add_global(m, sh);
  ir_var **ps = CW_NEW_ARRAY(&arena, ir_var *, 1);
  ps[0] = ir_var_new(m, IR_VAR_PARAM, "out", ir_type_ptr(m, &ir_i32, IR_AS_GLOBAL, false), L0);
  ir_func *f = new_func(m, "k", true, ps, 1);
  ir_var *old = ir_var_new(m, IR_VAR_LOCAL, "old", &ir_i32, L0);
  ir_block_append(f->body, decl(m, old, NULL));
  ir_stmt *at = ir_stmt_new(m, IR_S_ATOMIC, L0);
  at->intrinsic = CW_IN_ATOMIC_ADD;
  at->addr = deref(m, ir_var_ref(m, ps[0], L0));
  at->value = ir_const_int(m, &ir_i32, 1, L0);
  at->dst = old;
  ir_block_append(f->body, at);
  ir_stmt *bar = ir_stmt_new(m, IR_S_BARRIER, L0);
  bar->intrinsic = CW_IN_SYNCTHREADS;
  bar->in_uniform_cf = true;
  ir_block_append(f->body, bar);
  ir_stmt *sw = ir_stmt_new(m, IR_S_SWITCH, L0);
  sw->value = ir_var_ref(m, old, L0);
  sw->ncases = 2;
  sw->cases = CW_NEW_ARRAY(&arena, ir_case, 2);
  sw->cases[0].values = CW_NEW_ARRAY(&arena, int64_t, 2);
  sw->cases[0].values[0] = 1;
  sw->cases[0].values[1] = 2;
  sw->cases[0].nvalues = 2;
  sw->cases[0].body = ir_block_new(m, L0);
  sw->cases[0].falls_through = true;
  sw->cases[1].is_default = true;
  sw->cases[1].body = ir_block_new(m, L0);
  ir_block_append(sw->cases[1].body, ir_stmt_new(m, IR_S_BREAK, L0));
  ir_block_append(f->body, sw);
  ir_expr *ix = ir_expr_new(m, IR_E_INDEX, &ir_f32, L0);
  ix->a = ir_var_ref(m, sh, L0);
  ix->b = ir_const_int(m, &ir_i32, 3, L0);
  ir_block_append(f->body, assign(m, ix, ir_const_float(m, &ir_f32, 0.5, L0)));
  CHECK(ir_validate(m, "test"));
  CHECK_STR(print(m),
            "shared tile: array<f32, 64>\n"
            "kernel k(out: ptr<global, i32>) {\n"
            "  decl old: i32\n"
            "  old = atomicAdd(*out, 1)\n"
            "  barrier __syncthreads\n"
            "  switch (old) {\n"
            "    case 1, 2: {\n"
            "    } fallthrough\n"
            "    default: {\n"
            "      break\n"
            "    }\n"
            "  }\n"
            "  tile[3] = 0.5f\n"
            "}\n");
}

/* End to end: preprocess + parse + lower, then print and validate. */
static char *lower_src(const char *src, bool *valid) {
  cw_diags_free(&diags);
  cw_diags_init(&diags, &arena);
  diags.on_error = &jb;
  *valid = false;
  if (setjmp(jb)) return NULL;
  const cw_source *s = cw_add_source(&diags, "t.cu", src, (int)strlen(src));
  cw_pp_options o = {0};
  cw_program *p = cw_parse(&diags, cw_preprocess(&diags, s, &o));
  ir_module *m = ir_lower(&arena, &diags, p);
  *valid = ir_validate(m, "lower");
  return print(m);
}

static void test_e2e(void) {
  bool ok;
  char *out = lower_src("__global__ void k(int *o, int n) {\n"
                        "  int s = 0;\n"
                        "  do { s += 2; } while (s < n);\n"
                        "  for (int i = 0; i < n; i++) { if (i == 1) continue; o[i] = s; }\n"
                        "}\n", &ok);
  CHECK(ok);
  CHECK_STR(out, "kernel k(o: ptr<global, i32>, n: i32) {\n"
                 "  decl s: i32 = 0\n"
                 "  loop {\n"
                 "    s = s + 2\n"
                 "  } continuing {\n"
                 "    if (s >= n) {\n"
                 "      break\n"
                 "    }\n"
                 "  }\n"
                 "  decl i: i32 = 0\n"
                 "  loop {\n"
                 "    if (i >= n) {\n"
                 "      break\n"
                 "    }\n"
                 "    if (i == 1) {\n"
                 "      continue\n"
                 "    }\n"
                 "    *(o + i) = s\n"
                 "  } continuing {\n"
                 "    i = i + 1\n"
                 "  }\n"
                 "}\n");
  out = lower_src("__global__ void k(int *o, int n) {\n"
                  "  int x = o[n]++;\n"
                  "  switch (n) { case 1: case 2: x = 1; break; case 3: x = 2; default: x = 3; }\n"
                  "  o[0] = n > 0 && o[x]-- > 0;\n"
                  "}\n", &ok);
  CHECK(ok);
  CHECK(out && strstr(out, "    case 1, 2: {\n      x = 1\n    }\n"));
  CHECK(out && strstr(out, "    case 3: {\n      x = 2\n    } fallthrough\n"));
  /* post-increment saves the old value; && with a side effect becomes an if */
  CHECK(out && strstr(out, "  decl tmp: i32 = *(o + n)\n  *(o + n) = tmp + 1\n  decl x: i32 = tmp\n"));
  CHECK(out && strstr(out, "  decl tmp_") && strstr(out, ": bool = n > 0\n"));
  out = lower_src("__global__ void k(float *o) { __shared__ float loop[8]; loop[0] = 1.0f; "
                  "o[0] = loop[0]; }\n", &ok);
  CHECK(ok && out && strstr(out, "shared k_loop: array<f32, 8>\n"));
  out = lower_src("__global__ void k(long *o) { switch (o[0]) { case 1: break; } }\n", &ok);
  CHECK(!out && strstr(last_msg(), "switch on a 64-bit value is not supported"));
}

int main(void) {
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  test_intrinsics();
  test_naming();
  test_types();
  test_print_saxpy();
  test_validate_bad();
  test_select();
  test_print_kinds();
  test_e2e();
  cw_diags_free(&diags);
  cw_arena_free(&arena);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
