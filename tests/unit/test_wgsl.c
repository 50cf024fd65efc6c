/* Unit tests of back/metadata.c and back/wgsl: RESOLVED-phase IR built by
 * hand (as the passes would leave it), then the emitted WGSL text, the
 * metadata JSON and the target errors are checked.
 *
 * With CW_WGSL_DUMP=<dir> every generated module is also written to
 * <dir>/<name>.wgsl so it can be validated by a real WGSL compiler
 * (tests/tools/wgsl-check). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/metadata.h"
#include "ir/ir.h"

static int npass, nfail;
#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    if (cond) npass++;                                                    \
    else {                                                                \
      nfail++;                                                            \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                         \
      printf(__VA_ARGS__);                                                \
      printf("\n");                                                       \
    }                                                                     \
  } while (0)

static cw_arena A;
static cw_diags D;
static jmp_buf JB;
static cw_loc L0;

static ir_module *new_mod(void) {
  cw_arena_init(&A);
  cw_diags_init(&D, &A);
  D.target = "wgsl";
  D.on_error = &JB;
  ir_module *m = ir_module_new(&A, &D);
  m->phase = IR_PHASE_RESOLVED;
  return m;
}
static void free_mod(void) {
  cw_diags_free(&D);
  cw_arena_free(&A);
}

static ir_func *kernel(ir_module *m, const char *name, ir_var **params, int n) {
  ir_func *f = CW_NEW(m->arena, ir_func);
  f->name = name;
  f->is_kernel = true;
  f->ret = &ir_void;
  f->params = CW_NEW_ARRAY(m->arena, ir_var *, n ? n : 1);
  for (int i = 0; i < n; i++) {
    f->params[i] = params[i];
    params[i]->param_index = i;
  }
  f->nparams = n;
  f->body = ir_block_new(m, L0);
  ir_func **pp = &m->funcs;
  while (*pp) pp = &(*pp)->next;
  *pp = f;
  return f;
}

static ir_var *param(ir_module *m, const char *name, ir_type *t) {
  return ir_var_new(m, IR_VAR_PARAM, name, t, L0);
}
static ir_var *buf(ir_module *m, const char *name, ir_type *elem, bool written) {
  ir_var *v = param(m, name, ir_type_ptr(m, elem, IR_AS_GLOBAL, !written));
  v->is_written = written;
  v->is_read = true;
  return v;
}
static ir_expr *elem(ir_module *m, ir_var *v, ir_expr *idx) {
  ir_type *t = v->type->kind == IR_T_PTR ? v->type->elem : ir_type_leaf(v->type);
  ir_expr *e = ir_expr_new(m, IR_E_ELEM, t, L0);
  e->var = v;
  e->b = idx;
  return e;
}
static ir_expr *ref(ir_module *m, ir_var *v) { return elem(m, v, ir_const_int(m, &ir_i32, 0, L0)); }
static ir_expr *ci(ir_module *m, int v) { return ir_const_int(m, &ir_i32, (uint64_t)(int64_t)v, L0); }
static ir_expr *cu(ir_module *m, unsigned v) { return ir_const_int(m, &ir_u32, v, L0); }
static ir_expr *cf(ir_module *m, double v) { return ir_const_float(m, &ir_f32, v, L0); }
static ir_expr *bin(ir_module *m, ir_op op, ir_expr *a, ir_expr *b) { return ir_binary(m, op, a, b, L0); }
static ir_expr *bi(ir_module *m, ir_builtin b, int dim) {
  ir_expr *e = ir_expr_new(m, IR_E_BUILTIN, &ir_u32, L0);
  e->builtin = b;
  e->dim = dim;
  return e;
}
static ir_stmt *add(ir_stmt *blk, ir_stmt *s) {
  ir_block_append(blk, s);
  return s;
}
static ir_stmt *decl(ir_module *m, ir_stmt *blk, ir_var *v, ir_expr *init) {
  ir_stmt *s = ir_stmt_new(m, IR_S_DECL, L0);
  s->var = v;
  s->init = init;
  return add(blk, s);
}
static ir_stmt *assign(ir_module *m, ir_stmt *blk, ir_expr *lhs, ir_expr *rhs) {
  ir_stmt *s = ir_stmt_new(m, IR_S_ASSIGN, L0);
  s->lhs = lhs;
  s->rhs = rhs;
  return add(blk, s);
}
static ir_stmt *if_(ir_module *m, ir_stmt *blk, ir_expr *cond) {
  ir_stmt *s = ir_stmt_new(m, IR_S_IF, L0);
  s->cond = cond;
  s->then_s = ir_block_new(m, L0);
  return add(blk, s);
}
static ir_stmt *simple(ir_module *m, ir_stmt *blk, ir_stmt_kind k) {
  return add(blk, ir_stmt_new(m, k, L0));
}
static ir_stmt *barrier(ir_module *m, ir_stmt *blk, bool uniform) {
  ir_stmt *s = simple(m, blk, IR_S_BARRIER);
  s->intrinsic = CW_IN_SYNCTHREADS;
  s->in_uniform_cf = uniform;
  return s;
}
static ir_stmt *atomic(ir_module *m, ir_stmt *blk, cw_intrinsic in, ir_var *dst, ir_expr *addr,
                       ir_expr *val, ir_expr *cmp) {
  ir_stmt *s = ir_stmt_new(m, IR_S_ATOMIC, L0);
  s->intrinsic = in;
  s->dst = dst;
  s->addr = addr;
  s->value = val;
  s->cmp = cmp;
  return add(blk, s);
}
static ir_expr *intr(ir_module *m, cw_intrinsic in, ir_type *t, ir_expr *a, ir_expr *b) {
  ir_expr *e = ir_expr_new(m, IR_E_INTRINSIC, t, L0);
  e->intrinsic = in;
  e->nargs = b ? 2 : 1;
  e->args = CW_NEW_ARRAY(m->arena, ir_expr *, 2);
  e->args[0] = a;
  e->args[1] = b;
  return e;
}
/* blockIdx.x * blockDim.x + threadIdx.x as int */
static ir_expr *gid(ir_module *m) {
  return ir_convert(m, &ir_i32,
                    bin(m, IR_OP_ADD, bin(m, IR_OP_MUL, bi(m, IR_BI_BLOCK_IDX, 0), bi(m, IR_BI_BLOCK_DIM, 0)),
                        bi(m, IR_BI_THREAD_IDX, 0)),
                    L0);
}

/* For messages: emit() returns NULL on a diagnostic. */
static const char *orNull(const char *s) { return s ? s : "(null)"; }

/* Emits WGSL and JSON; returns NULL and sets *err on a diagnostic. */
static char *json_out;
static char *emit(ir_module *m, const char *name, const char **err) {
  static cw_strbuf out, js;
  cw_sb_init(&out);
  cw_sb_init(&js);
  *err = NULL;
  free(json_out);
  json_out = NULL;
  if (setjmp(JB)) {
    cw_sb_free(&out);
    cw_sb_free(&js);
    *err = D.count ? D.items[D.count - 1].message : "?";
    return NULL;
  }
  cw_meta_module *mm = cw_meta_build(m);
  cw_meta_to_json(mm, "wgsl", &js);
  json_out = cw_sb_take(&js);
  cw_emit_wgsl(m, mm, &out);
  char *r = cw_sb_take(&out);
  const char *dir = getenv("CW_WGSL_DUMP");
  if (dir) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s.wgsl", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
      fputs(r, f);
      fclose(f);
    }
  }
  return r;
}

static bool has(const char *s, const char *sub) { return s && strstr(s, sub) != NULL; }

/* ---------------- kernels ---------------- */
static void test_saxpy(void) {
  ir_module *m = new_mod();
  ir_var *n = param(m, "n", &ir_i32), *a = param(m, "a", &ir_f32);
  ir_var *x = buf(m, "x", &ir_f32, false), *y = buf(m, "y", &ir_f32, true);
  ir_var *ps[] = {n, a, x, y};
  ir_func *f = kernel(m, "saxpy", ps, 4);
  ir_var *i = ir_var_new(m, IR_VAR_LOCAL, "i", &ir_i32, L0);
  decl(m, f->body, i, gid(m));
  ir_stmt *s = if_(m, f->body, bin(m, IR_OP_LT, ref(m, i), ref(m, n)));
  assign(m, s->then_s, elem(m, y, ref(m, i)),
         bin(m, IR_OP_ADD, bin(m, IR_OP_MUL, ref(m, a), elem(m, x, ref(m, i))), elem(m, y, ref(m, i))));
  const char *err;
  char *w = emit(m, "saxpy", &err);
  CHECK(w, "saxpy emitted: %s", err ? err : "");
  CHECK(has(w, "@group(0) @binding(1) var<storage, read> x: array<f32>;"), "x binding\n%s", orNull(w));
  CHECK(has(w, "@group(0) @binding(2) var<storage, read_write> y: array<f32>;"), "y binding");
  CHECK(has(w, "@group(0) @binding(0) var<uniform> cw_u: CwUniforms;"), "uniform");
  CHECK(has(w, "  p0: i32,\n  p1: f32,\n"), "uniform fields");
  CHECK(has(w, "override cw_block_x: u32 = 1;") && !has(w, "cw_dyn_shared_len"), "overrides");
  CHECK(has(w, "@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)\nfn saxpy("),
        "entry point");
  CHECK(has(w, "let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;") &&
            has(w, "if (cw_linear >= cw_u.grid_x * cw_u.grid_y * cw_u.grid_z) {"),
        "grid folding");
  CHECK(has(w, "var i: i32 = i32(((cw_bid.x * cw_bdim.x) + cw_lid.x));"), "gid\n%s", orNull(w));
  CHECK(has(w, "y[i] = (a * x[i]) + y[i];"), "saxpy body");
  CHECK(has(w, "var n: i32 = cw_u.p0;"), "scalar param copy");
  CHECK(has(json_out, "\"dispatch\": \"linear\""), "json dispatch");
  CHECK(has(json_out, "{\"name\": \"x\", \"index\": 2, \"kind\": \"buffer\", \"type\": \"const float *\", "
                      "\"elem_type\": \"f32\", \"elem_size\": 4, \"size\": 8, \"binding\": 1, "
                      "\"uniform_offset\": -1, \"read_only\": true"),
        "json x\n%s", json_out);
  CHECK(has(json_out, "\"binding\": 2, \"uniform_offset\": -1, \"read_only\": false"), "json y");
  CHECK(has(json_out, "\"uniform\": {\"binding\": 0, \"size\": 32,"), "uniform size");
  CHECK(has(json_out, "{\"name\": \"p1\", \"offset\": 20, \"type\": \"f32\""), "a offset");
  free(w);
  free_mod();
}

static void test_reduce(void) {
  ir_module *m = new_mod();
  ir_var *in = buf(m, "in", &ir_f32, false), *out = buf(m, "out", &ir_f32, true);
  ir_var *n = param(m, "n", &ir_i32);
  ir_var *ps[] = {in, out, n};
  ir_func *f = kernel(m, "reduce", ps, 3);
  ir_var *sdata = ir_var_new(m, IR_VAR_SHARED, "sdata", ir_type_array(m, &ir_f32, 256), L0);
  sdata->is_written = true;
  ir_module_add_global(m, sdata);
  ir_var *tid = ir_var_new(m, IR_VAR_LOCAL, "tid", &ir_u32, L0);
  decl(m, f->body, tid, bi(m, IR_BI_THREAD_IDX, 0));
  ir_var *i = ir_var_new(m, IR_VAR_LOCAL, "i", &ir_i32, L0);
  decl(m, f->body, i, gid(m));
  ir_expr *sel = ir_expr_new(m, IR_E_SELECT, &ir_f32, L0);
  sel->a = bin(m, IR_OP_LT, ref(m, i), ref(m, n));
  sel->b = elem(m, in, ref(m, i));
  sel->c = cf(m, 0.0);
  assign(m, f->body, elem(m, sdata, ref(m, tid)), sel);
  barrier(m, f->body, true);
  ir_var *s = ir_var_new(m, IR_VAR_LOCAL, "s", &ir_u32, L0);
  decl(m, f->body, s, bin(m, IR_OP_DIV, bi(m, IR_BI_BLOCK_DIM, 0), cu(m, 2)));
  ir_stmt *loop = simple(m, f->body, IR_S_LOOP);
  loop->body = ir_block_new(m, L0);
  loop->cont = ir_block_new(m, L0);
  ir_stmt *ex = if_(m, loop->body, ir_unary(m, IR_OP_NOT, bin(m, IR_OP_GT, ref(m, s), cu(m, 0)), L0));
  simple(m, ex->then_s, IR_S_BREAK);
  ir_stmt *c = if_(m, loop->body, bin(m, IR_OP_LT, ref(m, tid), ref(m, s)));
  assign(m, c->then_s, elem(m, sdata, ref(m, tid)),
         bin(m, IR_OP_ADD, elem(m, sdata, ref(m, tid)), elem(m, sdata, bin(m, IR_OP_ADD, ref(m, tid), ref(m, s)))));
  barrier(m, loop->body, true);
  assign(m, loop->cont, ref(m, s), bin(m, IR_OP_SHR, ref(m, s), ci(m, 1)));
  ir_stmt *l = if_(m, f->body, bin(m, IR_OP_EQ, ref(m, tid), cu(m, 0)));
  assign(m, l->then_s, elem(m, out, bi(m, IR_BI_BLOCK_IDX, 0)), elem(m, sdata, cu(m, 0)));
  const char *err;
  char *w = emit(m, "reduce", &err);
  CHECK(w, "reduce emitted: %s", err ? err : "");
  CHECK(has(w, "var<workgroup> sdata: array<f32, 256>;"), "workgroup array\n%s", orNull(w));
  CHECK(has(w, "storageBarrier();\n  workgroupBarrier();"), "barrier");
  CHECK(has(w, "sdata[tid] = select(0.0f, in[i], i < n);"), "select");
  CHECK(has(w, "  loop {\n    if (!(s > 0u)) {\n      break;\n    }"), "loop\n%s", orNull(w));
  CHECK(has(w, "    continuing {\n      s = s >> 1u;\n    }\n"), "continuing shift count");
  CHECK(has(json_out, "\"static_shared_bytes\": 1024"), "static shared bytes");
  free(w);
  free_mod();
}

static void test_atomics(void) {
  ir_module *m = new_mod();
  ir_var *data = buf(m, "data", &ir_i32, false), *bins = buf(m, "bins", &ir_u32, true);
  ir_var *sum = buf(m, "sum", &ir_f32, true), *cnt = buf(m, "cnt", &ir_i32, true);
  bins->is_atomic = sum->is_atomic = cnt->is_atomic = true;
  sum->float_atomic = true;
  ir_var *ps[] = {data, bins, sum, cnt};
  ir_func *f = kernel(m, "hist", ps, 4);
  ir_var *lc = ir_var_new(m, IR_VAR_SHARED, "lc", &ir_u32, L0);
  lc->is_atomic = lc->is_written = true;
  ir_module_add_global(m, lc);
  ir_var *i = ir_var_new(m, IR_VAR_LOCAL, "i", &ir_i32, L0);
  decl(m, f->body, i, gid(m));
  ir_var *old = ir_var_new(m, IR_VAR_LOCAL, "old", &ir_i32, L0);
  decl(m, f->body, old, NULL);
  ir_var *fo = ir_var_new(m, IR_VAR_LOCAL, "fo", &ir_f32, L0);
  decl(m, f->body, fo, NULL);
  ir_expr *bidx = ir_convert(m, &ir_u32, bin(m, IR_OP_AND, elem(m, data, ref(m, i)), ci(m, 15)), L0);
  atomic(m, f->body, CW_IN_ATOMIC_ADD, NULL, elem(m, bins, bidx), cu(m, 1), NULL);
  atomic(m, f->body, CW_IN_ATOMIC_ADD, fo, elem(m, sum, ci(m, 0)),
         ir_convert(m, &ir_f32, elem(m, data, ref(m, i)), L0), NULL);
  atomic(m, f->body, CW_IN_ATOMIC_CAS, old, elem(m, cnt, ci(m, 0)), ci(m, 1), ci(m, 0));
  atomic(m, f->body, CW_IN_ATOMIC_INC, NULL, elem(m, bins, cu(m, 16)), cu(m, 100), NULL);
  atomic(m, f->body, CW_IN_ATOMIC_ADD, NULL, ref(m, lc), cu(m, 1), NULL);
  assign(m, f->body, elem(m, sum, ci(m, 1)), bin(m, IR_OP_ADD, elem(m, sum, ci(m, 1)), ref(m, fo)));
  const char *err;
  char *w = emit(m, "atomics", &err);
  CHECK(w, "atomics emitted: %s", err ? err : "");
  CHECK(has(w, "var<storage, read_write> bins: array<atomic<u32>>;") &&
            has(w, "var<storage, read_write> sum: array<atomic<u32>>;") &&
            has(w, "var<storage, read_write> cnt: array<atomic<i32>>;"),
        "atomic buffers\n%s", orNull(w));
  CHECK(has(w, "atomicAdd(&bins[u32((data[i] & 15i))], 1u);"), "int atomicAdd\n%s", orNull(w));
  CHECK(has(w, "atomicCompareExchangeWeak(&sum[0i], cw_old, bitcast<u32>(bitcast<f32>(cw_old) + cw_val));") &&
            has(w, "fo = bitcast<f32>(cw_old);"),
        "float atomicAdd");
  CHECK(has(w, "if (cw_r.exchanged || cw_r.old_value != cw_cmp) {\n        old = cw_r.old_value;"),
        "CAS loop");
  CHECK(has(w, "let cw_new = select(cw_old + 1u, 0u, cw_old >= cw_val);"), "atomicInc");
  CHECK(has(w, "var<workgroup> lc: atomic<u32>;") && has(w, "atomicAdd(&lc, 1u);"), "shared atomic");
  CHECK(has(w, "atomicStore(&sum[1i], bitcast<u32>(bitcast<f32>(atomicLoad(&sum[1i])) + fo));"),
        "atomic load/store of float buffer");
  CHECK(has(json_out, "\"name\": \"sum\", \"index\": 2, \"kind\": \"buffer\"") &&
            has(json_out, "\"binding\": 3, \"uniform_offset\": -1, \"read_only\": false, \"atomic\": true"),
        "json atomic");
  free(w);
  free_mod();
}

static void test_control(void) {
  ir_module *m = new_mod();
  ir_var *o = buf(m, "o", &ir_i32, true);
  ir_var *k = param(m, "k", &ir_i32);
  ir_var *ps[] = {o, k};
  ir_func *f = kernel(m, "ctl", ps, 2);
  ir_var *v = ir_var_new(m, IR_VAR_LOCAL, "v", &ir_i32, L0);
  decl(m, f->body, v, NULL);
  ir_stmt *sw = simple(m, f->body, IR_S_SWITCH);
  sw->value = ref(m, k);
  sw->ncases = 3;
  sw->cases = CW_NEW_ARRAY(m->arena, ir_case, 3);
  for (int j = 0; j < 3; j++) sw->cases[j].body = ir_block_new(m, L0);
  sw->cases[0].values = CW_NEW_ARRAY(m->arena, int64_t, 1);
  sw->cases[0].nvalues = 1;
  sw->cases[0].values[0] = 0;
  sw->cases[0].falls_through = true;
  assign(m, sw->cases[0].body, ref(m, v), bin(m, IR_OP_ADD, ref(m, v), ci(m, 1)));
  sw->cases[1].values = CW_NEW_ARRAY(m->arena, int64_t, 1);
  sw->cases[1].nvalues = 1;
  sw->cases[1].values[0] = 1;
  assign(m, sw->cases[1].body, ref(m, v), bin(m, IR_OP_ADD, ref(m, v), ci(m, 2)));
  simple(m, sw->cases[1].body, IR_S_BREAK);
  sw->cases[2].values = CW_NEW_ARRAY(m->arena, int64_t, 2);
  sw->cases[2].nvalues = 2;
  sw->cases[2].values[0] = 2;
  sw->cases[2].values[1] = -2147483647 - 1;
  assign(m, sw->cases[2].body, ref(m, v), ci(m, 7));
  simple(m, sw->cases[2].body, IR_S_BREAK);
  /* do { j++; if (j == 3) continue; acc += j; } while (j < 10); */
  ir_var *j = ir_var_new(m, IR_VAR_LOCAL, "j", &ir_i32, L0);
  decl(m, f->body, j, ci(m, 0));
  ir_stmt *lp = simple(m, f->body, IR_S_LOOP);
  lp->body = ir_block_new(m, L0);
  lp->cont = ir_block_new(m, L0);
  assign(m, lp->body, ref(m, j), bin(m, IR_OP_ADD, ref(m, j), ci(m, 1)));
  ir_stmt *c3 = if_(m, lp->body, bin(m, IR_OP_EQ, ref(m, j), ci(m, 3)));
  simple(m, c3->then_s, IR_S_CONTINUE);
  assign(m, lp->body, ref(m, v), bin(m, IR_OP_ADD, ref(m, v), ref(m, j)));
  ir_stmt *bx = if_(m, lp->cont, ir_unary(m, IR_OP_NOT, bin(m, IR_OP_LT, ref(m, j), ci(m, 10)), L0));
  simple(m, bx->then_s, IR_S_BREAK);
  /* constants that Tint's const-evaluation would reject */
  assign(m, f->body, elem(m, o, ci(m, 0)), bin(m, IR_OP_SHL, ci(m, 1), ci(m, 31)));
  assign(m, f->body, elem(m, o, ci(m, 1)),
         ir_convert(m, &ir_i32, bin(m, IR_OP_SUB, cu(m, 0), cu(m, 1)), L0));
  assign(m, f->body, elem(m, o, ci(m, 2)), bin(m, IR_OP_DIV, ref(m, v), ci(m, 0)));
  assign(m, f->body, elem(m, o, ci(m, 3)),
         intr(m, CW_IN_FLOAT_AS_INT, &ir_i32, bin(m, IR_OP_DIV, cf(m, 1.0), cf(m, 0.0)), NULL));
  assign(m, f->body, elem(m, o, ci(m, 4)),
         ir_convert(m, &ir_i32, intr(m, CW_IN_SQRT, &ir_f32, cf(m, -1.0), NULL), L0));
  /* narrow types: (signed char)(v + 200) */
  assign(m, f->body, elem(m, o, ci(m, 5)),
         ir_convert(m, &ir_i32, ir_convert(m, &ir_i8, bin(m, IR_OP_ADD, ref(m, v), ci(m, 200)), L0), L0));
  assign(m, f->body, elem(m, o, ci(m, 6)),
         ir_convert(m, &ir_i32, intr(m, CW_IN_ERF, &ir_f32, ir_convert(m, &ir_f32, ref(m, v), L0), NULL), L0));
  assign(m, f->body, elem(m, o, ci(m, 7)), intr(m, CW_IN_MULHI, &ir_i32, ref(m, v), ref(m, k)));
  const char *err;
  char *w = emit(m, "control", &err);
  CHECK(w, "control emitted: %s", err ? err : "");
  CHECK(has(w, "switch (k) {\n    case 0i: {\n      v = v + 1i;\n      {\n        v = v + 2i;\n"
               "        break;\n      }\n    }\n    case 1i: {"),
        "fallthrough\n%s", orNull(w));
  CHECK(has(w, "case 2i, i32(-2147483647 - 1): {") && has(w, "    default: {\n    }\n  }"),
        "case labels and default");
  CHECK(has(w, "if (j == 3i) {\n      continue;\n    }") && has(w, "break if !(j < 10i);"),
        "do-while with continue");
  CHECK(has(w, "o[0i] = i32(-2147483647 - 1);") && has(w, "o[1i] = -1i;"), "folded constants\n%s", orNull(w));
  CHECK(has(w, "o[2i] = v / cw_dyn_i32(0i);") && has(w, "fn cw_dyn_i32(x: i32) -> i32"),
        "division by constant zero");
  CHECK(has(w, "o[3i] = 2139095040i;"), "inf folded");
  CHECK(has(w, "sqrt(cw_dyn_f32(-1.0f))"), "const builtin arg hidden");
  CHECK(has(w, "o[5i] = ((i32((v + 200i)) << 24u) >> 24u);") ||
            has(w, "o[5i] = (((v + 200i) << 24u) >> 24u);"),
        "i8 normalisation");
  CHECK(has(w, "fn cw_erf(x: f32) -> f32") && has(w, "fn cw_umulhi(") && has(w, "fn cw_mulhi("),
        "polyfills");
  free(w);
  free_mod();
}

static ir_struct *mk_struct(ir_module *m, const char *name, const char **names, ir_type **types, int n) {
  ir_struct *st = CW_NEW(m->arena, ir_struct);
  st->name = name;
  st->nfields = n;
  st->fields = CW_NEW_ARRAY(m->arena, ir_field, n);
  int off = 0, al = 1;
  for (int i = 0; i < n; i++) {
    off = (off + types[i]->align - 1) / types[i]->align * types[i]->align;
    st->fields[i] = (ir_field){names[i], types[i], off};
    off += types[i]->size;
    if (types[i]->align > al) al = types[i]->align;
  }
  st->size = (off + al - 1) / al * al;
  st->align = al;
  ir_module_add_struct(m, st);
  return st;
}
static ir_type *stype(ir_module *m, ir_struct *st) {
  ir_type *t = CW_NEW(m->arena, ir_type);
  t->kind = IR_T_STRUCT;
  t->st = st;
  t->size = st->size;
  t->align = st->align;
  return t;
}

static void test_structs(void) {
  ir_module *m = new_mod();
  const char *pn[] = {"x", "y", "z", "id"};
  ir_type *pt[] = {&ir_f32, &ir_f32, &ir_f32, &ir_i32};
  ir_type *part = stype(m, mk_struct(m, "Particle", pn, pt, 4));
  const char *qn[] = {"scale", "off"};
  ir_type *qt[] = {&ir_f32, ir_type_array(m, &ir_i32, 2)};
  ir_type *prm = stype(m, mk_struct(m, "Params", qn, qt, 2));
  ir_var *p = buf(m, "p", part, true);
  ir_var *q = param(m, "q", prm);
  ir_var *ps[] = {p, q};
  ir_func *f = kernel(m, "move", ps, 2);
  ir_expr *px = ir_expr_new(m, IR_E_MEMBER, &ir_f32, L0);
  px->a = elem(m, p, ci(m, 0));
  px->field = 0;
  ir_expr *qs = ir_expr_new(m, IR_E_MEMBER, &ir_f32, L0);
  qs->a = ref(m, q);
  qs->field = 0;
  assign(m, f->body, px, qs);
  const char *err;
  char *w = emit(m, "structs", &err);
  CHECK(w, "structs emitted: %s", err ? err : "");
  CHECK(has(w, "struct Particle {\n  x: f32,\n  y: f32,\n  z: f32,\n  id: i32,\n}"), "struct decl\n%s", orNull(w));
  CHECK(has(w, "var<storage, read_write> p: array<Particle>;"), "struct buffer");
  CHECK(has(w, "var q: Params = Params(cw_u.p1_scale, array<i32, 2>(cw_u.p1_off_0, cw_u.p1_off_1));"),
        "struct param rebuilt");
  CHECK(has(w, "p[0i].x = q.scale;"), "member store");
  CHECK(has(w, "fn cw_kernel_move(") && has(json_out, "\"entry_point\": \"cw_kernel_move\""),
        "kernel named like a WGSL keyword");
  CHECK(has(json_out, "{\"name\": \"p1_off_1\", \"offset\": 24, \"type\": \"i32\", \"size\": 4, "
                      "\"param\": 1, \"host_offset\": 8}"),
        "flattened struct param\n%s", json_out);
  free(w);
  free_mod();

  /* a char member in a buffer struct */
  m = new_mod();
  const char *cn[] = {"c", "v"};
  ir_type *ct[] = {&ir_i8, &ir_f32};
  ir_var *b = buf(m, "b", stype(m, mk_struct(m, "Rec", cn, ct, 2)), false);
  ir_var *ps2[] = {b};
  kernel(m, "k", ps2, 1);
  w = emit(m, "char_struct", &err); /* packed into 32-bit words (packed.c) */
  CHECK(w && has(w, "b: array<u32>;") && has(w, "fn cw_pk_ld_b(off: u32, mask: u32) -> u32"),
        "char member: %s", err ? err : w ? w : "(none)");
  free(w);
  free_mod();
}

static void test_errors(void) {
  const char *err;
  /* f64 constant */
  ir_module *m = new_mod();
  ir_var *o = buf(m, "o", &ir_f32, true);
  ir_var *ps[] = {o};
  ir_func *f = kernel(m, "k", ps, 1);
  assign(m, f->body, elem(m, o, ci(m, 0)),
         ir_convert(m, &ir_f32, ir_expr_new(m, IR_E_CONVERT, &ir_f64, L0), L0));
  f->body->body->rhs->a->a = cf(m, 1.0);
  CHECK(!emit(m, "f64", &err) && has(err, "double-precision arithmetic is not supported by the wgsl target; use float"),
        "f64: %s", err ? err : "(none)");
  free_mod();
  /* i64 parameter */
  m = new_mod();
  ir_var *nn = param(m, "n", &ir_i64);
  ir_var *ps2[] = {nn};
  kernel(m, "k", ps2, 1);
  char *w64 = emit(m, "i64", &err); /* a vec2<u32> uniform slot (back/wgsl/int64.c) */
  CHECK(w64 && has(w64, "p0: vec2<u32>,"), "i64 param: %s", err ? err : w64);
  free(w64);
  free_mod();
  /* barrier in divergent control flow */
  m = new_mod();
  f = kernel(m, "k", NULL, 0);
  ir_stmt *s = if_(m, f->body, bin(m, IR_OP_LT, bi(m, IR_BI_THREAD_IDX, 0), cu(m, 4)));
  barrier(m, s->then_s, false);
  CHECK(!emit(m, "divergent", &err) && has(err, "__syncthreads() in divergent control flow is not supported by the wgsl target"),
        "barrier: %s", err ? err : "(none)");
  free_mod();
  /* char buffer */
  m = new_mod();
  ir_var *cb = buf(m, "c", &ir_u8, true);
  ir_var *ps3[] = {cb};
  kernel(m, "k", ps3, 1);
  const char *w8 = emit(m, "u8", &err); /* packed words; no partial store: no atomics */
  CHECK(w8 && has(w8, "c: array<u32>;") && !has(w8, "atomic"), "u8 buffer: %s",
        err ? err : w8 ? w8 : "(none)");
  free((char *)w8);
  free_mod();
}

static void test_two_kernels(void) {
  ir_module *m = new_mod();
  ir_var *p = buf(m, "p", &ir_f32, true), *n = param(m, "n", &ir_i32), *q = buf(m, "q", &ir_i32, true);
  ir_var *cst = ir_var_new(m, IR_VAR_CONSTANT, "tab", ir_type_array(m, &ir_f32, 4), L0);
  static const uint8_t init[16] = {0, 0, 0x80, 0x3f};
  cst->init = init;
  ir_module_add_global(m, cst);
  ir_var *ps1[] = {p}, *ps2[] = {n, q};
  ir_func *f1 = kernel(m, "first", ps1, 1), *f2 = kernel(m, "second", ps2, 2);
  assign(m, f1->body, elem(m, p, bi(m, IR_BI_THREAD_IDX, 0)), elem(m, cst, ci(m, 2)));
  assign(m, f2->body, elem(m, q, ci(m, 0)), bin(m, IR_OP_MUL, ref(m, n), ci(m, 3)));
  const char *err;
  char *w = emit(m, "two_kernels", &err);
  CHECK(w, "two kernels emitted: %s", err ? err : "");
  CHECK(has(w, "@group(0) @binding(0) var<uniform> cw_u_first: CwUniforms_first;") &&
            has(w, "@group(0) @binding(0) var<uniform> cw_u_second: CwUniforms_second;"),
        "per-kernel uniforms\n%s", orNull(w));
  CHECK(has(w, "@group(0) @binding(2) var<storage, read> tab: array<f32, 4>;") &&
            has(w, "p[cw_lid.x] = tab[2i];"),
        "constant global binding after params");
  CHECK(has(json_out, "\"init\": \"0000803f000000000000000000000000\"") &&
            has(json_out, "\"globals\": [{\"name\": \"tab\", \"binding\": 2}]"),
        "json globals\n%s", json_out);
  free(w);
  free_mod();
}

/* every float intrinsic once, so the polyfills are compiled by wgsl-check */
static void test_math(void) {
  ir_module *m = new_mod();
  ir_var *o = buf(m, "o", &ir_f32, true), *oi = buf(m, "oi", &ir_i32, true);
  ir_var *ps[] = {o, oi};
  ir_func *f = kernel(m, "math", ps, 2);
  int slot = 0, islot = 0;
  for (int in = 0; in <= CW_IN_UINT_AS_FLOAT; in++) {
    if (in == CW_IN_POPCLL) continue;
    int na = cw_intrinsic_nargs((cw_intrinsic)in);
    bool intop = in >= CW_IN_POPC && in <= CW_IN_ABS;
    bool cls = in >= CW_IN_ISNAN && in <= CW_IN_SIGNBIT;
    ir_type *at = intop || in == CW_IN_INT_AS_FLOAT ? &ir_i32 : in == CW_IN_UINT_AS_FLOAT ? &ir_u32 : &ir_f32;
    if (in == CW_IN_UMUL24 || in == CW_IN_UMULHI || in == CW_IN_BREV) at = &ir_u32;
    ir_type *rt = cls || intop || in == CW_IN_FLOAT_AS_INT ? &ir_i32 : in == CW_IN_FLOAT_AS_UINT ? &ir_u32 : &ir_f32;
    if (in == CW_IN_UMUL24 || in == CW_IN_UMULHI || in == CW_IN_BREV) rt = &ir_u32;
    ir_expr *e = ir_expr_new(m, IR_E_INTRINSIC, rt, L0);
    e->intrinsic = (cw_intrinsic)in;
    e->nargs = na;
    e->args = CW_NEW_ARRAY(m->arena, ir_expr *, na);
    for (int a = 0; a < na; a++) {
      ir_type *t = in == CW_IN_LDEXP && a == 1 ? &ir_i32 : at;
      e->args[a] = at->kind == IR_T_F32 ? elem(m, o, ci(m, slot + a)) : ir_convert(m, t, elem(m, oi, ci(m, islot + a)), L0);
      if (in == CW_IN_LDEXP && a == 1) e->args[a] = elem(m, oi, ci(m, a));
    }
    if (rt->kind == IR_T_F32) assign(m, f->body, elem(m, o, ci(m, slot++)), e);
    else assign(m, f->body, elem(m, oi, ci(m, islot++)), ir_convert(m, &ir_i32, e, L0));
  }
  const char *err;
  char *w = emit(m, "math", &err);
  CHECK(w, "math emitted: %s", err ? err : "");
  CHECK(has(w, "fn cw_pow(") && has(w, "fn cw_round(") && has(w, "fn cw_hypot(") &&
            has(w, "fn cw_f32_bits(") && has(w, "inverseSqrt(o[") && has(w, "countOneBits(oi["),
        "math mapping\n%s", orNull(w));
  free(w);
  free_mod();
}

int main(void) {
  test_math();
  test_two_kernels();
  test_saxpy();
  test_reduce();
  test_atomics();
  test_control();
  test_structs();
  test_errors();
  free(json_out);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
