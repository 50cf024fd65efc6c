/* WebAssembly back-end: statements (see wasm.h for the model). Statements
 * holding a barrier run in lockstep: each one a loop over the block's active
 * threads, with per-thread status bytes and per-level masks; maximal runs of
 * barrier-free statements run per thread with native control flow. */
#include <string.h>

#include "back/wasm/wasm_emit.h"

/* ---------------- thread loops ---------------- */
/* Pushes the address of mask byte `level` of thread WL_T. */
static void mask_addr(wx *w, int level) {
  op_info(w, 48);
  op_i32(w, level);
  op_get(w, WL_N);
  OP(w, 0x6c);
  OP(w, 0x6a);
  op_get(w, WL_T);
  OP(w, 0x6a);
}
static void status_addr(wx *w) {
  op_info(w, 44);
  op_get(w, WL_T);
  OP(w, 0x6a);
}
static void load8(wx *w) { OP(w, 0x2d); wb_u32(&w->code, 0); wb_u32(&w->code, 0); }
static void store8(wx *w) { OP(w, 0x3a); wb_u32(&w->code, 0); wb_u32(&w->code, 0); }

/* for t in 0..n { if (mask[level][t] [&& status[t] == RUN]) { ... } }: open / close.
 * loop_open_to: from the current t to local `bound` (the SIMD path's scalar groups). */
static void loop_open_to(wx *w, int level, bool live_only, int bound);
static void loop_open(wx *w, int level, bool live_only) {
  op_i32(w, 0);
  op_set(w, WL_T);
  loop_open_to(w, level, live_only, WL_N);
}
static void loop_open_to(wx *w, int level, bool live_only, int bound) {
  OP(w, 0x02); OP(w, WT_VOID);
  OP(w, 0x03); OP(w, WT_VOID);
  op_get(w, WL_T);
  op_get(w, bound);
  OP(w, 0x4f);                       /* t >= n */
  OP(w, 0x0d); wb_u32(&w->code, 1);  /* br_if out */
  mask_addr(w, level);
  load8(w);
  if (live_only) {
    status_addr(w);
    load8(w);
    OP(w, 0x45);
    OP(w, 0x71);
  }
  OP(w, 0x04); OP(w, WT_VOID);
  /* the thread's frame */
  op_info(w, 40);
  op_get(w, WL_T);
  op_info(w, 60);                    /* frame bytes, stored by the runtime at info+60 */
  OP(w, 0x6c);
  OP(w, 0x6a);
  op_set(w, WL_FA);
}
static void loop_close(wx *w) {
  OP(w, 0x0b);                       /* end if */
  op_get(w, WL_T);
  op_i32(w, 1);
  OP(w, 0x6a);
  op_set(w, WL_T);
  OP(w, 0x0c); wb_u32(&w->code, 0);  /* br loop */
  OP(w, 0x0b);
  OP(w, 0x0b);
}

static void set_status(wx *w, int v) {
  status_addr(w);
  op_i32(w, v);
  store8(w);
}

/* Pushes whether some thread of `level` is live (a loop, result in a local). */
static void any_live(wx *w, int level) {
  int r = wx_local(w, WT_I32);
  op_i32(w, 0);
  op_set(w, r);
  loop_open(w, level, true);
  op_i32(w, 1);
  op_set(w, r);
  loop_close(w);
  op_get(w, r);
}

/* ---------------- statements ---------------- */
static void stmt(wx *w, const ir_stmt *s, int lv, int free);

static void list(wx *w, const ir_stmt *s, int lv, int free);

static void use_level(wx *w, int l) {
  if (l + 1 > w->maxlevel) w->maxlevel = l + 1;
}

static void assign(wx *w, const ir_expr *lhs, const ir_expr *rhs, const ir_type *t) {
  if (!ir_type_is_scalar(t)) {
    /* aggregate copy: byte by byte through memory.copy would need bulk memory; use a loop of i32 loads */
    int d = wx_local(w, WT_I32), s2 = wx_local(w, WT_I32);
    wx_addr(w, lhs);
    op_set(w, d);
    if (rhs) {
      wx_addr(w, rhs);
      op_set(w, s2);
    }
    for (int i = 0; i < t->size; i++) {
      op_get(w, d);
      if (rhs) { op_get(w, s2); OP(w, 0x2d); wb_u32(&w->code, 0); wb_u32(&w->code, (uint32_t)i); }
      else op_i32(w, 0);
      OP(w, 0x3a); wb_u32(&w->code, 0); wb_u32(&w->code, (uint32_t)i);
    }
    return;
  }
  wx_addr(w, lhs);
  if (rhs) wx_expr(w, rhs);
  else {
    uint8_t vt = wx_vt(w, t);
    if (vt == WT_I32) op_i32(w, 0);
    else if (vt == WT_I64) { OP(w, 0x42); wb_s64(&w->code, 0); }
    else if (vt == WT_F32) { OP(w, 0x43); wb_raw(&w->code, "\0\0\0\0", 4); }
    else { OP(w, 0x44); wb_raw(&w->code, "\0\0\0\0\0\0\0\0", 8); }
  }
  wx_store(w, t);
}

static void atomic(wx *w, const ir_stmt *s) {
  const ir_type *t = s->addr->type;
  uint8_t vt = wx_vt(w, t);
  bool fl = ir_type_is_float(t), sg = ir_type_is_signed(t), l64 = vt == WT_I64;
  int a = wx_local(w, WT_I32), old = wx_local(w, vt), x = wx_local(w, vt);
  wx_addr(w, s->addr);
  op_tee(w, a);
  wx_load(w, t);
  op_set(w, old);
  wx_expr(w, s->value);
  op_set(w, x);
  op_get(w, a); /* address for the store */
  switch (s->intrinsic) {
  case CW_IN_ATOMIC_ADD: case CW_IN_ATOMIC_SUB: {
    op_get(w, old);
    op_get(w, x);
    bool add = s->intrinsic == CW_IN_ATOMIC_ADD;
    if (vt == WT_F32) OP(w, add ? 0x92 : 0x93);
    else if (vt == WT_F64) OP(w, add ? 0xa0 : 0xa1);
    else if (l64) OP(w, add ? 0x7c : 0x7d);
    else OP(w, add ? 0x6a : 0x6b);
    break;
  }
  case CW_IN_ATOMIC_EXCH: op_get(w, x); break;
  case CW_IN_ATOMIC_MIN: case CW_IN_ATOMIC_MAX: {
    bool mn = s->intrinsic == CW_IN_ATOMIC_MIN;
    op_get(w, x);
    op_get(w, old);
    op_get(w, x);
    op_get(w, old);
    if (fl) OP(w, vt == WT_F32 ? (mn ? 0x5d : 0x5e) : (mn ? 0x63 : 0x64));
    else if (l64) OP(w, mn ? (sg ? 0x53 : 0x54) : (sg ? 0x55 : 0x56));
    else OP(w, mn ? (sg ? 0x48 : 0x49) : (sg ? 0x4a : 0x4b));
    OP(w, 0x1b);
    break;
  }
  case CW_IN_ATOMIC_INC: case CW_IN_ATOMIC_DEC: {
    if (l64 || fl) wx_refuse(w, "64-bit or float atomicInc/Dec");
    bool inc = s->intrinsic == CW_IN_ATOMIC_INC;
    if (inc) { /* old >= x ? 0 : old + 1 */
      op_i32(w, 0);
      op_get(w, old); op_i32(w, 1); OP(w, 0x6a);
      op_get(w, old); op_get(w, x); OP(w, 0x4f);
      OP(w, 0x1b);
    } else { /* old == 0 || old > x ? x : old - 1 */
      op_get(w, x);
      op_get(w, old); op_i32(w, 1); OP(w, 0x6b);
      op_get(w, old); OP(w, 0x45); op_get(w, old); op_get(w, x); OP(w, 0x4b); OP(w, 0x72);
      OP(w, 0x1b);
    }
    break;
  }
  case CW_IN_ATOMIC_CAS: { /* old == cmp ? x : old */
    op_get(w, x);
    op_get(w, old);
    op_get(w, old);
    wx_expr(w, s->cmp);
    OP(w, vt == WT_F32 ? 0x5b : vt == WT_F64 ? 0x61 : l64 ? 0x51 : 0x46);
    OP(w, 0x1b);
    break;
  }
  case CW_IN_ATOMIC_AND: case CW_IN_ATOMIC_OR: case CW_IN_ATOMIC_XOR: {
    op_get(w, old);
    op_get(w, x);
    int k = s->intrinsic == CW_IN_ATOMIC_AND ? 0 : s->intrinsic == CW_IN_ATOMIC_OR ? 1 : 2;
    OP(w, (l64 ? 0x83 : 0x71) + k);
    break;
  }
  default: wx_refuse(w, "atomic %s", cw_intrinsic_name(s->intrinsic));
  }
  if (!fl) wx_normalize(w, t);
  wx_store(w, t);
  if (s->dst) {
    wx_addr(w, &(ir_expr){.kind = IR_E_VAR, .var = s->dst, .type = s->dst->type, .loc = s->loc});
    op_get(w, old);
    wx_convert(w, s->dst->type, t);
    wx_store(w, s->dst->type);
  }
}

static void printf_stmt(wx *w, const ir_stmt *s) {
  for (int i = 0; i < s->nargs; i++) {
    const ir_expr *a = s->args[i];
    op_i32(w, i);
    wx_expr(w, a);
    switch (wx_vt(w, a->type)) {
    case WT_F32: OP(w, 0xbb); OP(w, 0xbd); break;
    case WT_F64: OP(w, 0xbd); break;
    case WT_I32: OP(w, ir_type_is_signed(a->type) ? 0xac : 0xad); break;
    default: break;
    }
    OP(w, 0x10); wb_u32(&w->code, CW_WI_PF_ARG);
  }
  op_i32(w, s->str_id);
  op_i32(w, s->nargs);
  OP(w, 0x10); wb_u32(&w->code, CW_WI_PF_EMIT);
}

/* ---------------- barrier-free regions ----------------
 * A run of statements without a barrier runs per thread (one thread loop
 * around ordinary WebAssembly control flow): running each thread through the
 * run before the next is as legal a CUDA schedule as lockstep, and much
 * faster. break/continue/return that leave the run set the thread's status
 * and branch to the end of its iteration. Label depths count the constructs
 * opened inside the region (0: the thread loop's `if`, the region exit). */
static bool has_barrier(const ir_stmt *s);

/* s itself (not the statements after it) holds a barrier */
static bool one_has_barrier(const ir_stmt *s) {
  if (s->kind == IR_S_BARRIER) return true;
  if (has_barrier(s->body) || has_barrier(s->then_s) || has_barrier(s->else_s) || has_barrier(s->cont)) return true;
  for (int c = 0; c < s->ncases; c++)
    if (has_barrier(s->cases[c].body)) return true;
  return false;
}

/* some statement of the list from s holds a barrier */
static bool has_barrier(const ir_stmt *s) {
  for (; s; s = s->next)
    if (one_has_barrier(s)) return true;
  return false;
}

typedef struct nctx {
  int depth;      /* open constructs in the region */
  int brk, cont;  /* label depth of the innermost native break / continue target, -1: outside the region */
} nctx;

static void open_block(wx *w, nctx *c, uint8_t op) {
  OP(w, op);
  OP(w, WT_VOID);
  c->depth++;
}
static void close_block(wx *w, nctx *c) {
  OP(w, 0x0b);
  c->depth--;
}
static void br(wx *w, const nctx *c, int label) {
  OP(w, 0x0c);
  wb_u32(&w->code, (uint32_t)(c->depth - label));
}

static void nat(wx *w, const ir_stmt *s, nctx *c);

static void nat_list(wx *w, const ir_stmt *s, nctx *c) {
  for (; s; s = s->next) nat(w, s, c);
}

static void nat(wx *w, const ir_stmt *s, nctx *c) {
  switch (s->kind) {
  case IR_S_BLOCK: nat_list(w, s->body, c); return;
  case IR_S_DECL:
    assign(w, &(ir_expr){.kind = IR_E_VAR, .var = s->var, .type = s->var->type, .loc = s->loc}, s->init, s->var->type);
    return;
  case IR_S_ASSIGN: assign(w, s->lhs, s->rhs, s->lhs->type); return;
  case IR_S_ATOMIC: atomic(w, s); return;
  case IR_S_PRINTF: printf_stmt(w, s); return;
  case IR_S_ASSERT:
    if (s->cond) { wx_expr(w, s->cond); OP(w, 0x45); open_block(w, c, 0x04); }
    op_i32(w, s->str_id);
    op_get(w, WL_T);
    OP(w, 0x10); wb_u32(&w->code, CW_WI_FAIL);
    if (s->cond) close_block(w, c);
    return;
  case IR_S_IF:
    wx_expr(w, s->cond);
    open_block(w, c, 0x04);
    if (s->then_s) nat(w, s->then_s, c);
    if (s->else_s) { OP(w, 0x05); nat(w, s->else_s, c); }
    close_block(w, c);
    return;
  case IR_S_LOOP: {
    nctx saved = *c;
    open_block(w, c, 0x02);
    int brk = c->depth;
    open_block(w, c, 0x03);
    int top = c->depth;
    open_block(w, c, 0x02);
    c->brk = brk;
    c->cont = c->depth;
    nat(w, s->body, c);
    close_block(w, c);
    c->cont = -1; /* nothing in cont continues (ir.h) */
    if (s->cont) nat(w, s->cont, c);
    br(w, c, top);
    close_block(w, c);
    close_block(w, c);
    c->brk = saved.brk;
    c->cont = saved.cont;
    return;
  }
  case IR_S_SWITCH: {
    int x = wx_local(w, WT_I64), r = wx_local(w, WT_I32), in = wx_local(w, WT_I32);
    int def = -1;
    for (int k = 0; k < s->ncases; k++)
      if (s->cases[k].is_default) def = k;
    wx_expr(w, s->value);
    if (wx_vt(w, s->value->type) == WT_I32) OP(w, ir_type_is_signed(s->value->type) ? 0xac : 0xad);
    op_set(w, x);
    op_i32(w, def + 1);
    op_set(w, r);
    for (int k = s->ncases - 1; k >= 0; k--)
      for (int v = 0; v < s->cases[k].nvalues; v++) {
        op_get(w, x);
        OP(w, 0x42);
        wb_s64(&w->code, ir_type_is_signed(s->value->type) ? s->cases[k].values[v] : (int64_t)(uint32_t)s->cases[k].values[v]);
        OP(w, 0x51);
        OP(w, 0x04); OP(w, WT_VOID); op_i32(w, k + 1); op_set(w, r); OP(w, 0x0b);
      }
    op_i32(w, 0);
    op_set(w, in);
    int saved_brk = c->brk;
    open_block(w, c, 0x02);
    c->brk = c->depth;
    for (int k = 0; k < s->ncases; k++) {
      /* entered here, or fell through from the case before */
      op_get(w, in);
      op_get(w, r);
      op_i32(w, k + 1);
      OP(w, 0x46);
      OP(w, 0x72);
      op_tee(w, in);
      open_block(w, c, 0x04);
      nat(w, s->cases[k].body, c);
      if (!s->cases[k].falls_through) br(w, c, c->brk);
      close_block(w, c);
    }
    close_block(w, c);
    c->brk = saved_brk;
    return;
  }
  case IR_S_BREAK:
    if (c->brk >= 0) { br(w, c, c->brk); return; }
    set_status(w, WS_BRK);
    br(w, c, 0);
    return;
  case IR_S_CONTINUE:
    if (c->cont >= 0) { br(w, c, c->cont); return; }
    set_status(w, WS_CONT);
    br(w, c, 0);
    return;
  case IR_S_RETURN:
    set_status(w, WS_RET);
    br(w, c, 0);
    return;
  default: wx_refuse(w, "statement kind %d in a barrier-free region", (int)s->kind);
  }
}

/* The statements [s, end) of a barrier-free run, for thread WL_T. */
static void region(wx *w, const ir_stmt *s, const ir_stmt *end) {
  nctx c = {.depth = 0, .brk = -1, .cont = -1};
  for (; s != end; s = s->next) {
    ir_stmt one = *s;
    one.next = NULL;
    nat(w, &one, &c);
  }
}

static void list(wx *w, const ir_stmt *s, int lv, int free) {
  while (s) {
    if (one_has_barrier(s)) {
      stmt(w, s, lv, free); /* lockstep; a BLOCK lists its body, forming regions inside */
      s = s->next;
      continue;
    }
    /* the maximal barrier-free run from s */
    const ir_stmt *end = s;
    while (end && !one_has_barrier(end)) end = end->next;
    wx_simd *v = w->simd ? wx_simd_prepare(w, s, end) : NULL;
    if (!v) {
      loop_open(w, lv, true);
      region(w, s, end);
      loop_close(w);
      s = end;
      continue;
    }
    /* groups of four threads: the vector path where its run-time checks
     * hold (simd.c), else the scalar run for those four threads */
    int lim = wx_local(w, WT_I32);
    op_i32(w, 0);
    op_set(w, WL_T);
    OP(w, 0x02); OP(w, WT_VOID);
    OP(w, 0x03); OP(w, WT_VOID);
    op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
    OP(w, 0x02); OP(w, WT_VOID);
    wx_simd_group(v, lv);
    OP(w, 0x0b);
    /* lim = min(t + 4, n) */
    op_get(w, WL_T); op_i32(w, 4); OP(w, 0x6a); op_tee(w, lim);
    op_get(w, WL_N);
    op_get(w, lim); op_get(w, WL_N); OP(w, 0x49); /* lim < n (unsigned) */
    OP(w, 0x1b);
    op_set(w, lim);
    loop_open_to(w, lv, true, lim);
    region(w, s, end);
    loop_close(w);
    OP(w, 0x0c); wb_u32(&w->code, 0);
    OP(w, 0x0b); OP(w, 0x0b);
    wx_simd_free(v);
    w->out->simd_regions++;
    s = end;
  }
}

static void stmt(wx *w, const ir_stmt *s, int lv, int free) {
  switch (s->kind) {
  case IR_S_BLOCK: list(w, s->body, lv, free); return;
  case IR_S_DECL:
    loop_open(w, lv, true);
    assign(w, &(ir_expr){.kind = IR_E_VAR, .var = s->var, .type = s->var->type, .loc = s->loc}, s->init, s->var->type);
    loop_close(w);
    return;
  case IR_S_ASSIGN:
    loop_open(w, lv, true);
    assign(w, s->lhs, s->rhs, s->lhs->type);
    loop_close(w);
    return;
  case IR_S_IF: {
    int a = free, b = free + 1;
    use_level(w, b);
    /* masks a (cond) and b (!cond) for the live threads of lv; others 0 */
    loop_open(w, lv, false);
    int c = wx_local(w, WT_I32);
    status_addr(w); load8(w); OP(w, 0x45);      /* live */
    OP(w, 0x04); OP(w, WT_I32);
    wx_expr(w, s->cond);
    OP(w, 0x05);
    op_i32(w, 2);                                /* neither */
    OP(w, 0x0b);
    op_set(w, c);
    mask_addr(w, a); op_get(w, c); op_i32(w, 1); OP(w, 0x46); store8(w);
    mask_addr(w, b); op_get(w, c); OP(w, 0x45); store8(w);
    loop_close(w);
    /* threads not in lv: clear (the loop above only visits mask[lv] threads) */
    op_i32(w, 0); op_set(w, WL_T);
    OP(w, 0x02); OP(w, WT_VOID); OP(w, 0x03); OP(w, WT_VOID);
    op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
    mask_addr(w, lv); load8(w); OP(w, 0x45);
    OP(w, 0x04); OP(w, WT_VOID);
    mask_addr(w, a); op_i32(w, 0); store8(w);
    mask_addr(w, b); op_i32(w, 0); store8(w);
    OP(w, 0x0b);
    op_get(w, WL_T); op_i32(w, 1); OP(w, 0x6a); op_set(w, WL_T);
    OP(w, 0x0c); wb_u32(&w->code, 0);
    OP(w, 0x0b); OP(w, 0x0b);
    if (s->then_s) stmt(w, s->then_s, a, free + 2);
    if (s->else_s) stmt(w, s->else_s, b, free + 2);
    return;
  }
  case IR_S_LOOP: {
    int l = free;
    use_level(w, l);
    /* mask l = live threads of lv */
    op_i32(w, 0); op_set(w, WL_T);
    OP(w, 0x02); OP(w, WT_VOID); OP(w, 0x03); OP(w, WT_VOID);
    op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
    mask_addr(w, l);
    mask_addr(w, lv); load8(w);
    status_addr(w); load8(w); OP(w, 0x45);
    OP(w, 0x71);
    store8(w);
    op_get(w, WL_T); op_i32(w, 1); OP(w, 0x6a); op_set(w, WL_T);
    OP(w, 0x0c); wb_u32(&w->code, 0);
    OP(w, 0x0b); OP(w, 0x0b);
    /* block $out loop $top: while any live */
    OP(w, 0x02); OP(w, WT_VOID);
    OP(w, 0x03); OP(w, WT_VOID);
    any_live(w, l);
    OP(w, 0x45);
    OP(w, 0x0d); wb_u32(&w->code, 1);
    stmt(w, s->body, l, free + 1);
    /* continue -> run */
    loop_open(w, l, false);
    status_addr(w); load8(w); op_i32(w, WS_CONT); OP(w, 0x46);
    OP(w, 0x04); OP(w, WT_VOID); set_status(w, WS_RUN); OP(w, 0x0b);
    loop_close(w);
    if (s->cont) stmt(w, s->cont, l, free + 1);
    /* leave the loop: break -> run and out; return -> out */
    loop_open(w, l, false);
    status_addr(w); load8(w);
    OP(w, 0x04); OP(w, WT_VOID);
    status_addr(w); load8(w); op_i32(w, WS_BRK); OP(w, 0x46);
    OP(w, 0x04); OP(w, WT_VOID); set_status(w, WS_RUN); OP(w, 0x0b);
    mask_addr(w, l); op_i32(w, 0); store8(w);
    OP(w, 0x0b);
    loop_close(w);
    OP(w, 0x0c); wb_u32(&w->code, 0);
    OP(w, 0x0b);
    OP(w, 0x0b);
    return;
  }
  case IR_S_BREAK: case IR_S_CONTINUE: case IR_S_RETURN:
    loop_open(w, lv, true);
    set_status(w, s->kind == IR_S_BREAK ? WS_BRK : s->kind == IR_S_CONTINUE ? WS_CONT : WS_RET);
    loop_close(w);
    return;
  case IR_S_SWITCH: {
    int entry = free;
    use_level(w, entry);
    int sw = w->out->nswitch++;
    /* scratch word of this switch for thread t: case index + 1 (0: none) */
#define SCRATCH() do { op_info(w, 52); op_i32(w, sw); op_get(w, WL_N); OP(w, 0x6c); op_get(w, WL_T); OP(w, 0x6a); \
                       op_i32(w, 4); OP(w, 0x6c); OP(w, 0x6a); } while (0)
    int def = -1;
    for (int c = 0; c < s->ncases; c++)
      if (s->cases[c].is_default) def = c;
    /* clear entry mask and scratch for all threads */
    op_i32(w, 0); op_set(w, WL_T);
    OP(w, 0x02); OP(w, WT_VOID); OP(w, 0x03); OP(w, WT_VOID);
    op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
    mask_addr(w, entry); op_i32(w, 0); store8(w);
    SCRATCH(); op_i32(w, 0); OP(w, 0x36); wb_u32(&w->code, 2); wb_u32(&w->code, 0);
    op_get(w, WL_T); op_i32(w, 1); OP(w, 0x6a); op_set(w, WL_T);
    OP(w, 0x0c); wb_u32(&w->code, 0);
    OP(w, 0x0b); OP(w, 0x0b);
    /* selector -> case */
    loop_open(w, lv, true);
    int x = wx_local(w, WT_I64), r = wx_local(w, WT_I32);
    wx_expr(w, s->value);
    if (wx_vt(w, s->value->type) == WT_I32) OP(w, ir_type_is_signed(s->value->type) ? 0xac : 0xad);
    op_set(w, x);
    op_i32(w, def + 1);
    op_set(w, r);
    for (int c = s->ncases - 1; c >= 0; c--) /* first matching case wins: test in reverse */
      for (int v = 0; v < s->cases[c].nvalues; v++) {
        op_get(w, x);
        OP(w, 0x42);
        wb_s64(&w->code, ir_type_is_signed(s->value->type) ? s->cases[c].values[v]
                                                           : (int64_t)(uint32_t)s->cases[c].values[v]);
        OP(w, 0x51);
        OP(w, 0x04); OP(w, WT_VOID); op_i32(w, c + 1); op_set(w, r); OP(w, 0x0b);
      }
    SCRATCH(); op_get(w, r); OP(w, 0x36); wb_u32(&w->code, 2); wb_u32(&w->code, 0);
    loop_close(w);
    for (int c = 0; c < s->ncases; c++) {
      /* threads entering at case c join the entry mask */
      op_i32(w, 0); op_set(w, WL_T);
      OP(w, 0x02); OP(w, WT_VOID); OP(w, 0x03); OP(w, WT_VOID);
      op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
      SCRATCH(); OP(w, 0x28); wb_u32(&w->code, 2); wb_u32(&w->code, 0); op_i32(w, c + 1); OP(w, 0x46);
      OP(w, 0x04); OP(w, WT_VOID); mask_addr(w, entry); op_i32(w, 1); store8(w); OP(w, 0x0b);
      op_get(w, WL_T); op_i32(w, 1); OP(w, 0x6a); op_set(w, WL_T);
      OP(w, 0x0c); wb_u32(&w->code, 0);
      OP(w, 0x0b); OP(w, 0x0b);
      stmt(w, s->cases[c].body, entry, free + 1);
      if (!s->cases[c].falls_through) { /* the IR drops the trailing break: done with the switch */
        loop_open(w, entry, true);
        mask_addr(w, entry); op_i32(w, 0); store8(w);
        loop_close(w);
      }
    }
    /* break leaves the switch */
    loop_open(w, entry, false);
    status_addr(w); load8(w); op_i32(w, WS_BRK); OP(w, 0x46);
    OP(w, 0x04); OP(w, WT_VOID); set_status(w, WS_RUN); OP(w, 0x0b);
    loop_close(w);
#undef SCRATCH
    return;
  }
  case IR_S_BARRIER: return; /* lockstep: every live thread is here */
  case IR_S_ATOMIC:
    loop_open(w, lv, true);
    atomic(w, s);
    loop_close(w);
    return;
  case IR_S_PRINTF:
    loop_open(w, lv, true);
    printf_stmt(w, s);
    loop_close(w);
    return;
  case IR_S_ASSERT:
    loop_open(w, lv, true);
    if (s->cond) { wx_expr(w, s->cond); OP(w, 0x45); OP(w, 0x04); OP(w, WT_VOID); }
    op_i32(w, s->str_id);
    op_get(w, WL_T);
    OP(w, 0x10); wb_u32(&w->code, CW_WI_FAIL);
    if (s->cond) OP(w, 0x0b);
    loop_close(w);
    return;
  default: wx_refuse(w, "statement kind %d", (int)s->kind);
  }
}


/* The function body: n, level 0 = every thread, then the kernel's statements. */
void wx_kernel_body(wx *w, const ir_stmt *body) {
  op_info(w, 0);
  op_set(w, WL_N);
  use_level(w, 0);
  op_i32(w, 0); op_set(w, WL_T);
  OP(w, 0x02); OP(w, WT_VOID); OP(w, 0x03); OP(w, WT_VOID);
  op_get(w, WL_T); op_get(w, WL_N); OP(w, 0x4f); OP(w, 0x0d); wb_u32(&w->code, 1);
  mask_addr(w, 0); op_i32(w, 1); store8(w);
  op_get(w, WL_T); op_i32(w, 1); OP(w, 0x6a); op_set(w, WL_T);
  OP(w, 0x0c); wb_u32(&w->code, 0);
  OP(w, 0x0b); OP(w, 0x0b);
  stmt(w, body, 0, 1);
}
