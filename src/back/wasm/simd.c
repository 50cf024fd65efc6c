/* WebAssembly back-end: SIMD128 for simple barrier-free regions.
 *
 * A barrier-free run (stmt.c: it runs per thread) may also run four threads
 * at once, one per i32x4/f32x4 lane, when it has this shape:
 *   - declarations of i32/u32/f32 locals, stores to elements of pointer
 *     parameters, `if`/`else` around them; nothing else (no loops, calls,
 *     atomics, printf, return...);
 *   - expressions: lane-uniform scalar parts (constants, unwritten scalar
 *     parameters, blockIdx/blockDim/gridDim, threadIdx.y/z, and arithmetic on
 *     them, emitted once by expr.c and splatted), threadIdx.x, the region's
 *     locals, + - * & | ^ and comparisons on i32/u32, + - * / and comparisons
 *     on f32 (the same IEEE operations as the scalar path, lane by lane),
 *     int<->int and int->f32 conversions, && || ! on conditions, and loads of
 *     pointer parameters' elements;
 *   - every element index is "stride 1": lane k's index is lane 0's plus k
 *     (threadIdx.x plus lane-uniform terms), computed without loads, so the
 *     four elements are consecutive and one v128 load/store moves them;
 *   - conditions are computed without loads.
 * Then everything that could make the four threads behave unlike one v128
 * operation is known before the region's first side effect, and checked at
 * run time for each group (stmt.c runs the group through the scalar code
 * instead when a check fails, which then reports errors exactly as before):
 *   - the group is threads t..t+3 with t % 4 == 0 and blockDim.x % 4 == 0 (so
 *     they share threadIdx.y/z and have consecutive threadIdx.x), all active
 *     and running (mask bytes 1, status bytes RUN);
 *   - every condition is the same in the four lanes (all true or all false);
 *   - every element access of the region (taken or not) is in bounds for all
 *     four lanes (a group near a guarded end of a buffer goes scalar).
 * Running the four threads statement by statement instead of one after the
 * other keeps each thread's own order; only threads racing on the same
 * memory without a barrier could tell, and both orders are legal CUDA
 * schedules (as the lockstep/per-thread choice of stmt.c). Declared locals
 * are also written to the four threads' frames, for code after the region. */
#include <stdlib.h>

#include "back/wasm/wasm_emit.h"

#define WT_V128 0x7b
#define MAX_LOCALS 64

typedef struct vlocal {
  const ir_var *var;
  int local;  /* v128 WebAssembly local */
  int shape;  /* 0 lane-uniform, 1 stride 1, 2 any */
  bool loads; /* its value depends on a load */
} vlocal;

struct wx_simd {
  wx *w;
  vlocal v[MAX_LOCALS];
  int nv;
  const ir_stmt *first, *end;
  int ok, tmp; /* i32 and v128 scratch locals */
};

static void simd(wx *w, uint32_t op) {
  OP(w, 0xfd);
  wb_u32(&w->code, op);
}
static void memarg0(wx *w) {
  wb_u32(&w->code, 0);
  wb_u32(&w->code, 0);
}

static bool int32(const ir_type *t) { return t->kind == IR_T_I32 || t->kind == IR_T_U32; }
static bool vtype(const ir_type *t) { return int32(t) || t->kind == IR_T_F32; }

static vlocal *find(wx_simd *c, const ir_var *v) {
  for (int i = 0; i < c->nv; i++)
    if (c->v[i].var == v) return &c->v[i];
  return NULL;
}

/* A region local read: IR_E_VAR, or IR_E_ELEM of a scalar local at 0. */
static vlocal *local_read(wx_simd *c, const ir_expr *e) {
  if (e->kind == IR_E_VAR) return find(c, e->var);
  if (e->kind == IR_E_ELEM && e->b && e->b->kind == IR_E_CONST && e->b->u.i == 0 && ir_type_is_scalar(e->var->type))
    return find(c, e->var);
  return NULL;
}

/* An unwritten scalar parameter: the same value in every thread's frame. */
static bool uniform_param(wx_simd *c, const ir_var *v) {
  return v->kind == IR_VAR_PARAM && !v->is_written && ir_type_is_scalar(v->type) && c->w->off[v->id] >= 0;
}

/* e can be emitted by expr.c at thread t and has the same value in the
 * group's four lanes; it neither loads from buffers nor traps. */
static bool scal(wx_simd *c, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_CONST: return ir_type_is_scalar(e->type);
  case IR_E_VAR: return uniform_param(c, e->var);
  case IR_E_ELEM:
    return e->b && e->b->kind == IR_E_CONST && e->b->u.i == 0 && uniform_param(c, e->var);
  case IR_E_BUILTIN: return !(e->builtin == IR_BI_THREAD_IDX && e->dim == 0);
  case IR_E_UNARY: case IR_E_CONVERT: return scal(c, e->a);
  case IR_E_BINARY: return scal(c, e->a) && scal(c, e->b);
  case IR_E_SELECT: return scal(c, e->a) && scal(c, e->b) && scal(c, e->c);
  default: return false;
  }
}

static bool splattable(const ir_type *t) { return vtype(t) || t->kind == IR_T_BOOL; }

/* A pointer parameter's element access whose index is load-free stride 1. */
static int shape(wx_simd *c, const ir_expr *e, bool *loads);
static bool vector_access(wx_simd *c, const ir_expr *e) {
  if (e->kind != IR_E_ELEM || e->var->kind != IR_VAR_PARAM || c->w->slot[e->var->id] < 0) return false;
  if (!vtype(e->type) || !e->b || !int32(e->b->type)) return false;
  bool l = false;
  return shape(c, e->b, &l) == 1 && !l;
}

/* -1: not vectorizable; 0: lane-uniform; 1: i32/u32 with lane k = lane 0 + k; 2: any.
 * *loads: the value depends on a load. */
static int shape(wx_simd *c, const ir_expr *e, bool *loads) {
  if (!splattable(e->type)) return -1;
  if (scal(c, e)) return 0;
  vlocal *l = local_read(c, e);
  if (l) {
    *loads |= l->loads;
    return l->shape;
  }
  switch (e->kind) {
  case IR_E_BUILTIN: return e->builtin == IR_BI_THREAD_IDX && e->dim == 0 ? 1 : -1;
  case IR_E_ELEM:
    if (!vector_access(c, e)) return -1;
    *loads = true;
    return 2;
  case IR_E_UNARY: {
    int a = shape(c, e->a, loads);
    if (a < 0) return -1;
    if (e->op == IR_OP_NOT) return e->type->kind == IR_T_BOOL ? 2 : -1;
    if (e->op == IR_OP_BITNOT) return int32(e->type) ? 2 : -1;
    if (e->op == IR_OP_NEG) return vtype(e->type) && e->type->kind == e->a->type->kind ? 2 : -1;
    return -1;
  }
  case IR_E_BINARY: {
    int a = shape(c, e->a, loads), b = shape(c, e->b, loads);
    if (a < 0 || b < 0) return -1;
    const ir_type *t = e->a->type;
    if (t->kind != e->b->type->kind) return -1;
    switch (e->op) {
    case IR_OP_LAND: case IR_OP_LOR: return t->kind == IR_T_BOOL ? 2 : -1;
    case IR_OP_EQ: case IR_OP_NE: case IR_OP_LT: case IR_OP_LE: case IR_OP_GT: case IR_OP_GE:
      return vtype(t) && e->type->kind == IR_T_BOOL ? 2 : -1;
    case IR_OP_ADD: case IR_OP_SUB: case IR_OP_MUL:
      if (!vtype(t) || e->type->kind != t->kind) return -1;
      if (int32(t) && e->op == IR_OP_ADD && a + b == 1) return 1;
      if (int32(t) && e->op == IR_OP_SUB && a == 1 && b == 0) return 1;
      return a == 0 && b == 0 ? 0 : 2;
    case IR_OP_DIV: return t->kind == IR_T_F32 && e->type->kind == IR_T_F32 ? 2 : -1;
    case IR_OP_AND: case IR_OP_OR: case IR_OP_XOR: return int32(t) && e->type->kind == t->kind ? 2 : -1;
    default: return -1;
    }
  }
  case IR_E_CONVERT: {
    int a = shape(c, e->a, loads);
    if (a < 0) return -1;
    if (int32(e->type) && int32(e->a->type)) return a; /* same bits */
    if (e->type->kind == IR_T_F32 && int32(e->a->type)) return 2;
    return -1;
  }
  default: return -1;
  }
}

static bool stmts_ok(wx_simd *c, const ir_stmt *s, const ir_stmt *end);

static bool stmt_ok(wx_simd *c, const ir_stmt *s) {
  bool l = false;
  switch (s->kind) {
  case IR_S_BLOCK: return stmts_ok(c, s->body, NULL);
  case IR_S_DECL: {
    const ir_var *v = s->var;
    if (v->kind != IR_VAR_LOCAL || c->w->off[v->id] < 0 || !vtype(v->type) || find(c, v) || c->nv == MAX_LOCALS)
      return false;
    int sh = 0;
    if (s->init) {
      if (s->init->type->kind != v->type->kind) return false;
      sh = shape(c, s->init, &l);
      if (sh < 0) return false;
    }
    c->v[c->nv++] = (vlocal){.var = v, .local = wx_local(c->w, WT_V128), .shape = sh, .loads = l};
    return true;
  }
  case IR_S_ASSIGN:
    return vector_access(c, s->lhs) && s->rhs && s->rhs->type->kind == s->lhs->type->kind &&
           shape(c, s->rhs, &l) >= 0;
  case IR_S_IF:
    if (s->cond->type->kind != IR_T_BOOL || shape(c, s->cond, &l) < 0 || l) return false;
    return (!s->then_s || stmt_ok(c, s->then_s)) && (!s->else_s || stmt_ok(c, s->else_s));
  default: return false;
  }
}

static bool stmts_ok(wx_simd *c, const ir_stmt *s, const ir_stmt *end) {
  for (; s != end; s = s->next)
    if (!stmt_ok(c, s)) return false;
  return true;
}

wx_simd *wx_simd_prepare(wx *w, const ir_stmt *first, const ir_stmt *end) {
  wx_simd *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->w = w;
  c->first = first;
  c->end = end;
  bool any_store = false;
  for (const ir_stmt *s = first; s != end; s = s->next) any_store |= s->kind != IR_S_DECL;
  if (!any_store || !stmts_ok(c, first, end)) {
    free(c);
    return NULL;
  }
  c->ok = wx_local(w, WT_I32);
  c->tmp = wx_local(w, WT_V128);
  return c;
}

void wx_simd_free(wx_simd *c) { free(c); }

/* ---------------- emission ---------------- */
static void vexpr(wx_simd *c, const ir_expr *e);

/* [] -> [i32 address of lane 0's element] (bounds are checked beforehand) */
static void access_addr(wx_simd *c, const ir_expr *e) {
  wx *w = c->w;
  op_info(w, CW_WASM_INFO_HEADER + 8 * w->slot[e->var->id]);
  vexpr(c, e->b);
  simd(w, 0x1b); OP(w, 0); /* i32x4.extract_lane 0 */
  op_i32(w, e->type->size);
  OP(w, 0x6c);
  OP(w, 0x6a);
}

static void vexpr(wx_simd *c, const ir_expr *e) {
  wx *w = c->w;
  if (scal(c, e)) {
    if (e->type->kind == IR_T_BOOL) { /* 0/1 -> lane mask 0/-1 */
      op_i32(w, 0);
      wx_expr(w, e);
      OP(w, 0x6b);
    } else wx_expr(w, e);
    simd(w, e->type->kind == IR_T_F32 ? 0x13 : 0x11); /* f32x4/i32x4.splat */
    return;
  }
  vlocal *l = local_read(c, e);
  if (l) { op_get(w, l->local); return; }
  switch (e->kind) {
  case IR_E_BUILTIN: { /* threadIdx.x: lane 0's, plus 0, 1, 2, 3 */
    wx_expr(w, e);
    simd(w, 0x11);
    static const int32_t lanes[4] = {0, 1, 2, 3};
    simd(w, 0x0c);
    wb_raw(&w->code, lanes, 16); /* little-endian hosts only, as the rest of the encoder */
    simd(w, 0xae);
    return;
  }
  case IR_E_ELEM:
    access_addr(c, e);
    simd(w, 0x00); memarg0(w); /* v128.load */
    return;
  case IR_E_UNARY:
    vexpr(c, e->a);
    if (e->op == IR_OP_NEG) simd(w, e->type->kind == IR_T_F32 ? 0xe1 : 0xa1);
    else simd(w, 0x4d); /* v128.not: ~x, and !x on 0/-1 masks */
    return;
  case IR_E_BINARY: {
    vexpr(c, e->a);
    vexpr(c, e->b);
    const ir_type *t = e->a->type;
    bool f = t->kind == IR_T_F32, sg = t->kind == IR_T_I32;
    switch (e->op) {
    case IR_OP_LAND: simd(w, 0x4e); return; /* both sides pure and load-free: no short circuit needed */
    case IR_OP_LOR: simd(w, 0x50); return;
    case IR_OP_AND: simd(w, 0x4e); return;
    case IR_OP_OR: simd(w, 0x50); return;
    case IR_OP_XOR: simd(w, 0x51); return;
    case IR_OP_ADD: simd(w, f ? 0xe4 : 0xae); return;
    case IR_OP_SUB: simd(w, f ? 0xe5 : 0xb1); return;
    case IR_OP_MUL: simd(w, f ? 0xe6 : 0xb5); return;
    case IR_OP_DIV: simd(w, 0xe7); return;
    case IR_OP_EQ: simd(w, f ? 0x41 : 0x37); return;
    case IR_OP_NE: simd(w, f ? 0x42 : 0x38); return;
    case IR_OP_LT: simd(w, f ? 0x43 : sg ? 0x39 : 0x3a); return;
    case IR_OP_GT: simd(w, f ? 0x44 : sg ? 0x3b : 0x3c); return;
    case IR_OP_LE: simd(w, f ? 0x45 : sg ? 0x3d : 0x3e); return;
    case IR_OP_GE: simd(w, f ? 0x46 : sg ? 0x3f : 0x40); return;
    default: wx_refuse(w, "simd: operator %d", (int)e->op); /* excluded by shape() */
    }
    return;
  }
  case IR_E_CONVERT:
    vexpr(c, e->a);
    if (e->type->kind == IR_T_F32) simd(w, e->a->type->kind == IR_T_I32 ? 0xfa : 0xfb);
    return;
  default: wx_refuse(w, "simd: expression kind %d", (int)e->kind); /* excluded by shape() */
  }
}

/* ok &= this access is in bounds for the four lanes: 0 <= i0 and i0 + 4 <= len / size */
static void check_access(wx_simd *c, const ir_expr *e) {
  wx *w = c->w;
  int i = wx_local(w, WT_I64), s = w->slot[e->var->id];
  vexpr(c, e->b);
  simd(w, 0x1b); OP(w, 0);
  OP(w, e->b->type->kind == IR_T_I32 ? 0xac : 0xad);
  op_tee(w, i);
  OP(w, 0x42); wb_s64(&w->code, 0);
  OP(w, 0x59);                              /* i64.ge_s */
  op_get(w, i);
  OP(w, 0x42); wb_s64(&w->code, 4);
  OP(w, 0x7c);                              /* i0 + 4 */
  op_info(w, CW_WASM_INFO_HEADER + 8 * s + 4);
  op_i32(w, e->type->size);
  OP(w, 0x6e);                              /* len / size */
  OP(w, 0xad);
  OP(w, 0x57);                              /* i64.le_s */
  OP(w, 0x71);
  op_get(w, c->ok);
  OP(w, 0x71);
  op_set(w, c->ok);
}

static void check_expr(wx_simd *c, const ir_expr *e) {
  if (!e || scal(c, e) || local_read(c, e)) return;
  if (e->kind == IR_E_ELEM) {
    check_expr(c, e->b);
    check_access(c, e);
    return;
  }
  check_expr(c, e->a);
  check_expr(c, e->b);
}

/* Phase 1, before any side effect: the load-free locals, every condition
 * (ok &= same in all lanes) and every access (ok &= in bounds), on all paths. */
static void check_stmts(wx_simd *c, const ir_stmt *s, const ir_stmt *end) {
  wx *w = c->w;
  for (; s != end; s = s->next) switch (s->kind) {
    case IR_S_BLOCK: check_stmts(c, s->body, NULL); break;
    case IR_S_DECL: {
      vlocal *l = find(c, s->var);
      check_expr(c, s->init);
      if (!l->loads) {
        if (s->init) vexpr(c, s->init);
        else { static const uint8_t z[16]; simd(w, 0x0c); wb_raw(&w->code, z, 16); }
        op_set(w, l->local);
      }
      break;
    }
    case IR_S_ASSIGN:
      check_access(c, s->lhs);
      check_expr(c, s->lhs->b);
      check_expr(c, s->rhs);
      break;
    case IR_S_IF:
      vexpr(c, s->cond);
      op_tee(w, c->tmp);
      simd(w, 0xa3);                        /* i32x4.all_true */
      op_get(w, c->tmp);
      simd(w, 0x53);                        /* v128.any_true */
      OP(w, 0x45);
      OP(w, 0x72);
      op_get(w, c->ok);
      OP(w, 0x71);
      op_set(w, c->ok);
      if (s->then_s) check_stmts(c, s->then_s, s->then_s->next);
      if (s->else_s) check_stmts(c, s->else_s, s->else_s->next);
      break;
    default: break; /* excluded by stmt_ok */
    }
}

/* Phase 2: the statements on four lanes. */
static void exec_stmts(wx_simd *c, const ir_stmt *s, const ir_stmt *end) {
  wx *w = c->w;
  for (; s != end; s = s->next) switch (s->kind) {
    case IR_S_BLOCK: exec_stmts(c, s->body, NULL); break;
    case IR_S_DECL: {
      vlocal *l = find(c, s->var);
      if (s->init) vexpr(c, s->init);
      else { static const uint8_t z[16]; simd(w, 0x0c); wb_raw(&w->code, z, 16); }
      op_set(w, l->local);
      /* the four threads' frames, for whatever reads it after the region */
      bool f = s->var->type->kind == IR_T_F32;
      for (int k = 0; k < 4; k++) {
        op_get(w, WL_FA);
        if (k) { op_info(w, 60); op_i32(w, k); OP(w, 0x6c); OP(w, 0x6a); }
        op_i32(w, w->off[s->var->id]);
        OP(w, 0x6a);
        op_get(w, l->local);
        simd(w, f ? 0x1f : 0x1b); OP(w, k);
        OP(w, f ? 0x38 : 0x36); memarg0(w);
      }
      break;
    }
    case IR_S_ASSIGN:
      access_addr(c, s->lhs);
      vexpr(c, s->rhs);
      simd(w, 0x0b); memarg0(w); /* v128.store */
      break;
    case IR_S_IF:
      vexpr(c, s->cond);
      simd(w, 0xa3); /* uniform: checked in phase 1 */
      OP(w, 0x04); OP(w, WT_VOID);
      if (s->then_s) exec_stmts(c, s->then_s, s->then_s->next);
      if (s->else_s) { OP(w, 0x05); exec_stmts(c, s->else_s, s->else_s->next); }
      OP(w, 0x0b);
      break;
    default: break;
    }
}

/* The vector attempt for the group at thread t, inside a block whose end
 * (label 0 here) runs the group on the scalar path, inside the group loop
 * (label 1 here). */
void wx_simd_group(wx_simd *c, int level) {
  wx *w = c->w;
  /* t % 4 == 0, t + 4 <= n, blockDim.x % 4 == 0 */
  op_get(w, WL_T); op_i32(w, 3); OP(w, 0x71); OP(w, 0x0d); wb_u32(&w->code, 0);
  op_get(w, WL_T); op_i32(w, 4); OP(w, 0x6a); op_get(w, WL_N); OP(w, 0x4b); OP(w, 0x0d); wb_u32(&w->code, 0);
  op_info(w, 4); op_i32(w, 3); OP(w, 0x71); OP(w, 0x0d); wb_u32(&w->code, 0);
  /* the four status bytes RUN (0), the four mask bytes 1 */
  op_info(w, 44); op_get(w, WL_T); OP(w, 0x6a); OP(w, 0x28); memarg0(w); OP(w, 0x0d); wb_u32(&w->code, 0);
  op_info(w, 48); op_i32(w, level); op_get(w, WL_N); OP(w, 0x6c); OP(w, 0x6a); op_get(w, WL_T); OP(w, 0x6a);
  OP(w, 0x28); memarg0(w); op_i32(w, 0x01010101); OP(w, 0x47); OP(w, 0x0d); wb_u32(&w->code, 0);
  /* thread t's frame: uniform parameters are read there */
  op_info(w, 40); op_get(w, WL_T); op_info(w, 60); OP(w, 0x6c); OP(w, 0x6a); op_set(w, WL_FA);
  op_i32(w, 1); op_set(w, c->ok);
  check_stmts(c, c->first, c->end);
  op_get(w, c->ok); OP(w, 0x45); OP(w, 0x0d); wb_u32(&w->code, 0);
  exec_stmts(c, c->first, c->end);
  op_get(w, WL_T); op_i32(w, 4); OP(w, 0x6a); op_set(w, WL_T);
  OP(w, 0x0c); wb_u32(&w->code, 1);
}
