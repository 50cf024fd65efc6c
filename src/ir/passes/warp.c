/* passes/warp.c — ir_pass_warp (RESOLVED -> RESOLVED, no IR_S_WARP left).
 *
 * Exact emulation of CUDA's warp operations with block-shared memory and
 * barriers, the same on every target and for any hardware subgroup size:
 * warps are the consecutive 32-thread groups of the block's linear thread
 * index (x fastest), lane = linear index % 32, and a partial last warp has
 * only its existing lanes. Each IR_S_WARP becomes
 *
 *   t = neutral; if (active) t = as_u32(value);   // value only where meant
 *   cw_warp_scratch[ltid] = t;  barrier;
 *   dst = f(scratch entries of this thread's warp);  barrier;  // scratch reusable
 *
 * (64-bit shuffles move the two halves in two rounds). One u32 scratch array
 * per kernel, sized by __launch_bounds__ or 1024 threads. Inactive lanes
 * store the operation's neutral value, so ballot/any/all/reduce see only the
 * active lanes named in the mask; shuffles follow PTX shfl.sync's lane rules
 * (segments of `width` lanes; up/down/xor leaving the segment return the
 * caller's own value); reading a lane that does not exist in the block also
 * returns the caller's own value (CUDA leaves it undefined).
 *
 * With m->subgroup_size 32 (WGSL on a device whose subgroups are these 32-lane
 * warps) the same lane rules are computed in registers and the data moves
 * with subgroup operations instead (lower_one_subgroup): no scratch, no
 * barriers but __syncwarp's.
 *
 * Every warp op must be reached by all threads of the block: predicate.c made
 * that so for ifs; the uniformity pass (run here first) tells what is left,
 * which is refused precisely (a thread-dependent loop, switch or return). */
#include <string.h>

#include "ir/ir.h"

typedef struct {
  ir_module *m;
  ir_func *f;
  ir_var *scratch;
  cw_loc loc;
} wctx;

static ir_expr *u32c(wctx *w, uint64_t v) { return ir_const_int(w->m, &ir_u32, v, w->loc); }
static ir_expr *bin(wctx *w, ir_op op, ir_expr *a, ir_expr *b) { return ir_binary(w->m, op, a, b, w->loc); }
static ir_expr *ref(wctx *w, ir_var *v) { return ir_var_ref(w->m, v, w->loc); }
static ir_expr *builtin(wctx *w, ir_builtin b, int dim) {
  ir_expr *e = ir_expr_new(w->m, IR_E_BUILTIN, &ir_u32, w->loc);
  e->builtin = b;
  e->dim = dim;
  return e;
}
static ir_expr *sel(wctx *w, ir_expr *c, ir_expr *x, ir_expr *y) {
  ir_expr *e = ir_expr_new(w->m, IR_E_SELECT, x->type, w->loc);
  e->a = c;
  e->b = x;
  e->c = y;
  return e;
}
/* linear thread index in the block, x fastest */
static ir_expr *ltid(wctx *w) {
  ir_expr *zy = bin(w, IR_OP_ADD, builtin(w, IR_BI_THREAD_IDX, 1),
                    bin(w, IR_OP_MUL, builtin(w, IR_BI_BLOCK_DIM, 1), builtin(w, IR_BI_THREAD_IDX, 2)));
  return bin(w, IR_OP_ADD, builtin(w, IR_BI_THREAD_IDX, 0), bin(w, IR_OP_MUL, builtin(w, IR_BI_BLOCK_DIM, 0), zy));
}
static ir_expr *nthreads(wctx *w) {
  return bin(w, IR_OP_MUL, bin(w, IR_OP_MUL, builtin(w, IR_BI_BLOCK_DIM, 0), builtin(w, IR_BI_BLOCK_DIM, 1)),
             builtin(w, IR_BI_BLOCK_DIM, 2));
}
static ir_expr *slot(wctx *w, ir_expr *idx_u32) {
  ir_expr *e = ir_expr_new(w->m, IR_E_ELEM, &ir_u32, w->loc);
  e->var = w->scratch;
  e->b = ir_convert(w->m, &ir_i32, idx_u32, w->loc);
  return e;
}
static ir_var *local(wctx *w, const char *name, ir_type *t) {
  ir_var *v = ir_var_new(w->m, IR_VAR_LOCAL, name, t, w->loc);
  v->is_read = v->is_written = true;
  return v;
}
static void decl(wctx *w, ir_stmt *blk, ir_var *v, ir_expr *init) {
  ir_stmt *s = ir_stmt_new(w->m, IR_S_DECL, w->loc);
  s->var = v;
  s->init = init;
  ir_block_append(blk, s);
}
static ir_stmt *assign(wctx *w, ir_expr *lhs, ir_expr *rhs) {
  ir_stmt *s = ir_stmt_new(w->m, IR_S_ASSIGN, w->loc);
  s->lhs = lhs;
  s->rhs = rhs;
  return s;
}
static void barrier(wctx *w, ir_stmt *blk) {
  ir_stmt *s = ir_stmt_new(w->m, IR_S_BARRIER, w->loc);
  s->intrinsic = CW_IN_SYNCTHREADS;
  s->in_uniform_cf = true;
  ir_block_append(blk, s);
}
static ir_stmt *if_then(wctx *w, ir_expr *c, ir_stmt *then_stmt) {
  ir_stmt *s = ir_stmt_new(w->m, IR_S_IF, w->loc);
  s->cond = c;
  s->then_s = ir_block_new(w->m, w->loc);
  ir_block_append(s->then_s, then_stmt);
  return s;
}

/* 32-bit value <-> its u32 bits */
static ir_expr *to_u32(wctx *w, ir_expr *e) {
  switch (e->type->kind) {
  case IR_T_U32: return e;
  case IR_T_BOOL: return ir_convert(w->m, &ir_u32, e, w->loc);
  default: {
    ir_expr *b = ir_expr_new(w->m, IR_E_BITCAST, &ir_u32, w->loc);
    b->a = e;
    return b;
  }
  }
}
static ir_expr *from_bits(wctx *w, ir_type *t, ir_expr *e) {
  if (ir_type_eq(t, e->type)) return e;
  ir_expr *b = ir_expr_new(w->m, IR_E_BITCAST, t, w->loc);
  b->a = e;
  return b;
}

/* t = neutral; if (active) t = bits; scratch[ltid] = t; barrier */
static void store(wctx *w, ir_stmt *blk, ir_expr *bits, ir_expr *active, uint32_t neutral) {
  ir_var *t = local(w, "cw_wv", &ir_u32);
  if (!active) {
    decl(w, blk, t, bits);
  } else {
    decl(w, blk, t, u32c(w, neutral));
    ir_block_append(blk, if_then(w, active, assign(w, ref(w, t), bits)));
  }
  ir_block_append(blk, assign(w, slot(w, ltid(w)), ref(w, t)));
  barrier(w, blk);
}

/* the lane a shuffle reads (PTX shfl.sync with c = ((32 - width) << 8) | clamp) */
static ir_expr *shfl_src_lane(wctx *w, ir_stmt *blk, ir_stmt *s, ir_var *lane) {
  ir_var *b = local(w, "cw_wb", &ir_u32), *seg = local(w, "cw_wseg", &ir_u32), *lo = local(w, "cw_wmin", &ir_u32);
  decl(w, blk, b, ir_convert(w->m, &ir_u32, s->cmp, w->loc));
  decl(w, blk, seg, bin(w, IR_OP_AND, bin(w, IR_OP_SUB, u32c(w, 32), ir_convert(w->m, &ir_u32, s->args[1], w->loc)),
                        u32c(w, 31)));
  decl(w, blk, lo, bin(w, IR_OP_AND, ref(w, lane), ref(w, seg)));
  /* last lane of the segment */
  ir_expr *hi = bin(w, IR_OP_OR, ref(w, lo), bin(w, IR_OP_AND, u32c(w, 31), ir_unary(w->m, IR_OP_BITNOT, ref(w, seg), w->loc)));
  switch (s->intrinsic) {
  case CW_IN_SHFL:
    return bin(w, IR_OP_OR, ref(w, lo),
               bin(w, IR_OP_AND, ref(w, b), bin(w, IR_OP_AND, ir_unary(w->m, IR_OP_BITNOT, ref(w, seg), w->loc), u32c(w, 31))));
  case CW_IN_SHFL_UP:
    return sel(w, bin(w, IR_OP_LE, ref(w, b), bin(w, IR_OP_SUB, ref(w, lane), ref(w, lo))),
               bin(w, IR_OP_SUB, ref(w, lane), ref(w, b)), ref(w, lane));
  case CW_IN_SHFL_DOWN:
    return sel(w, bin(w, IR_OP_LE, ref(w, b), bin(w, IR_OP_SUB, hi, ref(w, lane))),
               bin(w, IR_OP_ADD, ref(w, lane), ref(w, b)), ref(w, lane));
  default: { /* xor */
    ir_expr *j = bin(w, IR_OP_XOR, ref(w, lane), ref(w, b));
    return sel(w, bin(w, IR_OP_LE, j, hi), ir_expr_clone(w->m, j), ref(w, lane));
  }
  }
}

/* for (k = 0; k < 32; k++) if (lane k exists && (mask >> k) & 1) acc = op(acc, scratch[base + k]) */
static void fold_lanes(wctx *w, ir_stmt *blk, ir_var *acc, ir_var *base, ir_expr *mask, cw_intrinsic in) {
  ir_var *k = local(w, "cw_wk", &ir_u32);
  decl(w, blk, k, u32c(w, 0));
  ir_stmt *lp = ir_stmt_new(w->m, IR_S_LOOP, w->loc);
  lp->unroll = -1;
  lp->body = ir_block_new(w->m, w->loc);
  ir_stmt *brk = ir_block_new(w->m, w->loc);
  ir_block_append(brk, ir_stmt_new(w->m, IR_S_BREAK, w->loc));
  ir_stmt *exit_if = ir_stmt_new(w->m, IR_S_IF, w->loc);
  exit_if->cond = bin(w, IR_OP_GE, ref(w, k), u32c(w, 32));
  exit_if->then_s = brk;
  ir_block_append(lp->body, exit_if);
  ir_expr *at = bin(w, IR_OP_ADD, ref(w, base), ref(w, k));
  ir_expr *ok = bin(w, IR_OP_LT, at, nthreads(w));
  if (mask)
    ok = bin(w, IR_OP_LAND, ok,
             bin(w, IR_OP_NE, bin(w, IR_OP_AND, bin(w, IR_OP_SHR, mask, ref(w, k)), u32c(w, 1)), u32c(w, 0)));
  ir_expr *x = from_bits(w, acc->type, slot(w, ir_expr_clone(w->m, at)));
  ir_expr *nv;
  switch (in) {
  case CW_IN_REDUCE_ADD: nv = bin(w, IR_OP_ADD, ref(w, acc), x); break;
  case CW_IN_REDUCE_AND: nv = bin(w, IR_OP_AND, ref(w, acc), x); break;
  case CW_IN_REDUCE_XOR: nv = bin(w, IR_OP_XOR, ref(w, acc), x); break;
  case CW_IN_REDUCE_MIN: case CW_IN_REDUCE_MAX:
    nv = ir_expr_new(w->m, IR_E_INTRINSIC, acc->type, w->loc);
    nv->intrinsic = in == CW_IN_REDUCE_MIN ? CW_IN_MIN : CW_IN_MAX;
    nv->nargs = 2;
    nv->args = CW_NEW_ARRAY(w->m->arena, ir_expr *, 2);
    nv->args[0] = ref(w, acc);
    nv->args[1] = x;
    break;
  default: /* ballot-like: bit k <- bit 0 of the entry; REDUCE_OR too */
    if (in == CW_IN_REDUCE_OR) nv = bin(w, IR_OP_OR, ref(w, acc), x);
    else nv = bin(w, IR_OP_OR, ref(w, acc), bin(w, IR_OP_SHL, bin(w, IR_OP_AND, x, u32c(w, 1)), ref(w, k)));
  }
  ir_block_append(lp->body, if_then(w, ok, assign(w, ref(w, acc), nv)));
  lp->cont = ir_block_new(w->m, w->loc);
  ir_block_append(lp->cont, assign(w, ref(w, k), bin(w, IR_OP_ADD, ref(w, k), u32c(w, 1))));
  ir_block_append(blk, lp);
}

static void set_dst(wctx *w, ir_stmt *blk, ir_stmt *s, ir_expr *v) {
  if (s->dst) ir_block_append(blk, assign(w, ref(w, s->dst), ir_convert(w->m, s->dst->type, v, w->loc)));
}

/* The replacement of one warp op. */
static ir_stmt *lower_one(wctx *w, ir_stmt *s) {
  w->loc = s->loc;
  ir_stmt *blk = ir_block_new(w->m, s->loc);
  cw_intrinsic in = s->intrinsic;
  if (in == CW_IN_SYNCWARP) { /* warps never diverge here: a block barrier orders the same accesses */
    barrier(w, blk);
    return blk;
  }
  ir_var *lane = local(w, "cw_lane", &ir_u32), *base = local(w, "cw_wbase", &ir_u32);
  decl(w, blk, lane, bin(w, IR_OP_AND, ltid(w), u32c(w, 31)));
  decl(w, blk, base, bin(w, IR_OP_SUB, ltid(w), ref(w, lane)));
  ir_expr *active = s->cond;
  if (in >= CW_IN_SHFL && in <= CW_IN_SHFL_XOR) {
    ir_var *src = local(w, "cw_wsrc", &ir_u32);
    ir_expr *j = shfl_src_lane(w, blk, s, lane);
    ir_expr *at = bin(w, IR_OP_ADD, ref(w, base), j);
    decl(w, blk, src, sel(w, bin(w, IR_OP_LT, at, nthreads(w)), ir_expr_clone(w->m, at), ltid(w)));
    ir_type *t = s->value->type;
    if (!ir_type_is_64bit(t)) {
      store(w, blk, to_u32(w, s->value), active, 0);
      set_dst(w, blk, s, from_bits(w, t, slot(w, ref(w, src))));
      barrier(w, blk);
      return blk;
    }
    /* 64-bit: the low and the high word in two rounds */
    ir_var *v64 = local(w, "cw_wv64", &ir_u64), *lo = local(w, "cw_wlo", &ir_u32);
    ir_expr *bits = from_bits(w, &ir_u64, s->value);
    if (!active) {
      decl(w, blk, v64, bits);
    } else {
      decl(w, blk, v64, ir_const_int(w->m, &ir_u64, 0, w->loc));
      ir_block_append(blk, if_then(w, active, assign(w, ref(w, v64), bits)));
    }
    store(w, blk, ir_convert(w->m, &ir_u32, ref(w, v64), w->loc), NULL, 0);
    decl(w, blk, lo, slot(w, ref(w, src)));
    barrier(w, blk);
    store(w, blk, ir_convert(w->m, &ir_u32, bin(w, IR_OP_SHR, ref(w, v64), u32c(w, 32)), w->loc), NULL, 0);
    ir_expr *hi = ir_convert(w->m, &ir_u64, slot(w, ref(w, src)), w->loc);
    ir_expr *all = bin(w, IR_OP_OR, bin(w, IR_OP_SHL, hi, u32c(w, 32)), ir_convert(w->m, &ir_u64, ref(w, lo), w->loc));
    set_dst(w, blk, s, from_bits(w, t, all));
    barrier(w, blk);
    return blk;
  }
  ir_expr *mask = s->args[0];
  if (in == CW_IN_ACTIVEMASK || in == CW_IN_BALLOT || in == CW_IN_VOTE_ANY || in == CW_IN_VOTE_ALL) {
    ir_expr *bits;
    if (in == CW_IN_ACTIVEMASK) bits = u32c(w, 1);
    else if (in == CW_IN_VOTE_ALL) bits = to_u32(w, ir_unary(w->m, IR_OP_NOT, s->value, w->loc)); /* lanes that fail */
    else bits = to_u32(w, s->value);
    ir_var *m = local(w, "cw_wmask", &ir_u32), *acc = local(w, "cw_wacc", &ir_u32);
    decl(w, blk, m, mask);
    store(w, blk, bits, active, 0);
    decl(w, blk, acc, u32c(w, 0));
    fold_lanes(w, blk, acc, base, in == CW_IN_ACTIVEMASK ? NULL : ref(w, m), in);
    ir_expr *r = ref(w, acc);
    if (in == CW_IN_VOTE_ANY) r = ir_convert(w->m, &ir_i32, bin(w, IR_OP_NE, r, u32c(w, 0)), w->loc);
    if (in == CW_IN_VOTE_ALL) r = ir_convert(w->m, &ir_i32, bin(w, IR_OP_EQ, r, u32c(w, 0)), w->loc);
    set_dst(w, blk, s, r);
    barrier(w, blk);
    return blk;
  }
  /* __reduce_*_sync on int / unsigned */
  ir_type *t = s->value->type;
  bool sgn = t->kind == IR_T_I32;
  ir_type *acct = (in == CW_IN_REDUCE_MIN || in == CW_IN_REDUCE_MAX) ? t : &ir_u32;
  uint32_t neutral = 0;
  if (in == CW_IN_REDUCE_MIN) neutral = sgn ? 0x7fffffffu : 0xffffffffu;
  if (in == CW_IN_REDUCE_MAX) neutral = sgn ? 0x80000000u : 0;
  if (in == CW_IN_REDUCE_AND) neutral = 0xffffffffu;
  ir_var *m = local(w, "cw_wmask", &ir_u32), *acc = local(w, "cw_wacc", acct);
  decl(w, blk, m, mask);
  store(w, blk, to_u32(w, s->value), active, neutral);
  decl(w, blk, acc, from_bits(w, acct, u32c(w, neutral)));
  fold_lanes(w, blk, acc, base, ref(w, m), in);
  set_dst(w, blk, s, from_bits(w, t, ref(w, acc)));
  barrier(w, blk);
  return blk;
}

/* ---- native subgroups: one subgroup = one warp (m->subgroup_size 32) ---- */
static ir_expr *sg(wctx *w, cw_intrinsic in, ir_type *t, ir_expr *a, ir_expr *b) {
  ir_expr *e = ir_expr_new(w->m, IR_E_INTRINSIC, t, w->loc);
  e->intrinsic = in;
  e->nargs = b ? 2 : 1;
  e->args = CW_NEW_ARRAY(w->m->arena, ir_expr *, 2);
  e->args[0] = a;
  e->args[1] = b;
  return e;
}
static ir_expr *land(wctx *w, ir_expr *a, ir_expr *b) { return a ? bin(w, IR_OP_LAND, a, b) : b; }
static ir_expr *mask_bit(wctx *w, ir_var *mask, ir_var *lane) {
  return bin(w, IR_OP_NE, bin(w, IR_OP_AND, bin(w, IR_OP_SHR, ref(w, mask), ref(w, lane)), u32c(w, 1)),
             u32c(w, 0));
}

static ir_stmt *lower_one_subgroup(wctx *w, ir_stmt *s) {
  w->loc = s->loc;
  ir_stmt *blk = ir_block_new(w->m, s->loc);
  cw_intrinsic in = s->intrinsic;
  if (in == CW_IN_SYNCWARP) { /* orders the warp's shared-memory accesses: a block barrier does */
    barrier(w, blk);
    return blk;
  }
  ir_var *lane = local(w, "cw_lane", &ir_u32);
  decl(w, blk, lane, bin(w, IR_OP_AND, ltid(w), u32c(w, 31)));
  ir_expr *active = s->cond;
  if (in >= CW_IN_SHFL && in <= CW_IN_SHFL_XOR) {
    /* the source lane as in the emulation; one that does not exist (partial last warp): our own */
    ir_var *src = local(w, "cw_wsrc", &ir_u32);
    ir_expr *j = shfl_src_lane(w, blk, s, lane);
    ir_expr *at = bin(w, IR_OP_ADD, bin(w, IR_OP_SUB, ltid(w), ref(w, lane)), j);
    decl(w, blk, src, sel(w, bin(w, IR_OP_LT, at, nthreads(w)), ir_expr_clone(w->m, j), ref(w, lane)));
    ir_type *t = s->value->type;
    if (!ir_type_is_64bit(t)) {
      ir_var *v = local(w, "cw_wv", &ir_u32);
      decl(w, blk, v, active ? u32c(w, 0) : to_u32(w, s->value));
      if (active) ir_block_append(blk, if_then(w, active, assign(w, ref(w, v), to_u32(w, s->value))));
      set_dst(w, blk, s, from_bits(w, t, sg(w, CW_IN_SG_SHUFFLE, &ir_u32, ref(w, v), ref(w, src))));
      return blk;
    }
    ir_var *v64 = local(w, "cw_wv64", &ir_u64);
    ir_expr *bits = from_bits(w, &ir_u64, s->value);
    decl(w, blk, v64, active ? ir_const_int(w->m, &ir_u64, 0, w->loc) : bits);
    if (active) ir_block_append(blk, if_then(w, active, assign(w, ref(w, v64), bits)));
    ir_expr *lo = sg(w, CW_IN_SG_SHUFFLE, &ir_u32, ir_convert(w->m, &ir_u32, ref(w, v64), w->loc), ref(w, src));
    ir_expr *hi = sg(w, CW_IN_SG_SHUFFLE, &ir_u32,
                     ir_convert(w->m, &ir_u32, bin(w, IR_OP_SHR, ref(w, v64), u32c(w, 32)), w->loc), ref(w, src));
    ir_expr *all = bin(w, IR_OP_OR, bin(w, IR_OP_SHL, ir_convert(w->m, &ir_u64, hi, w->loc), u32c(w, 32)),
                       ir_convert(w->m, &ir_u64, lo, w->loc));
    set_dst(w, blk, s, from_bits(w, t, all));
    return blk;
  }
  ir_var *m = local(w, "cw_wmask", &ir_u32);
  decl(w, blk, m, s->args[0]);
  if (in == CW_IN_ACTIVEMASK || in == CW_IN_BALLOT || in == CW_IN_VOTE_ANY || in == CW_IN_VOTE_ALL) {
    ir_expr *p = in == CW_IN_ACTIVEMASK ? NULL
                 : in == CW_IN_VOTE_ALL ? ir_unary(w->m, IR_OP_NOT, s->value, w->loc) /* lanes that fail */
                                        : ir_convert(w->m, &ir_bool, s->value, w->loc);
    ir_expr *who = land(w, active, p ? p : ir_const_int(w->m, &ir_bool, 1, w->loc));
    ir_expr *r = sg(w, CW_IN_SG_BALLOT, &ir_u32, who, NULL);
    if (in != CW_IN_ACTIVEMASK) r = bin(w, IR_OP_AND, r, ref(w, m));
    if (in == CW_IN_VOTE_ANY) r = ir_convert(w->m, &ir_i32, bin(w, IR_OP_NE, r, u32c(w, 0)), w->loc);
    if (in == CW_IN_VOTE_ALL) r = ir_convert(w->m, &ir_i32, bin(w, IR_OP_EQ, r, u32c(w, 0)), w->loc);
    set_dst(w, blk, s, r);
    return blk;
  }
  /* __reduce_*_sync: lanes outside the mask or not taking part give the neutral value */
  ir_type *t = s->value->type;
  bool sgn = t->kind == IR_T_I32;
  uint32_t neutral = 0;
  cw_intrinsic op = CW_IN_SG_ADD;
  switch (in) {
  case CW_IN_REDUCE_MIN: op = CW_IN_SG_MIN; neutral = sgn ? 0x7fffffffu : 0xffffffffu; break;
  case CW_IN_REDUCE_MAX: op = CW_IN_SG_MAX; neutral = sgn ? 0x80000000u : 0; break;
  case CW_IN_REDUCE_AND: op = CW_IN_SG_AND; neutral = 0xffffffffu; break;
  case CW_IN_REDUCE_OR: op = CW_IN_SG_OR; break;
  case CW_IN_REDUCE_XOR: op = CW_IN_SG_XOR; break;
  default: break;
  }
  ir_var *v = local(w, "cw_wv", t);
  decl(w, blk, v, from_bits(w, t, u32c(w, neutral)));
  ir_block_append(blk, if_then(w, land(w, active, mask_bit(w, m, lane)), assign(w, ref(w, v), s->value)));
  set_dst(w, blk, s, sg(w, op, t, ref(w, v), NULL));
  return blk;
}

/* Why a warp op is not reached by every thread (for the message). */
static _Noreturn void refuse(wctx *w, const ir_stmt *s, int ctx) {
  const char *why = ctx == 1   ? "inside a loop whose trip count differs between threads"
                    : ctx == 2 ? "inside a switch on a value that differs between threads"
                               : "after a 'return' or 'break' taken by only some threads";
  cw_error(w->m->diags, s->loc, "warp intrinsic '%s' %s is not supported", cw_intrinsic_name(s->intrinsic), why);
}

/* ctx: 0 none, 1 inside a loop, 2 inside a switch (innermost) */
static bool lower_list(wctx *w, ir_stmt *blk, int ctx) {
  bool ch = false;
  ir_stmt **pp = &blk->body;
  for (ir_stmt *s = *pp; s; s = *pp) {
    if (s->kind == IR_S_WARP) {
      if (!s->in_uniform_cf) refuse(w, s, ctx);
      ir_stmt *r = w->m->subgroup_size == 32 ? lower_one_subgroup(w, s) : lower_one(w, s);
      r->next = s->next;
      *pp = r;
      s = r;
      ch = true;
    } else {
      if (s->kind == IR_S_BLOCK) ch |= lower_list(w, s, ctx);
      if (s->then_s) ch |= lower_list(w, s->then_s, ctx);
      if (s->else_s) ch |= lower_list(w, s->else_s, ctx);
      if (s->kind == IR_S_LOOP) {
        ch |= lower_list(w, s->body, 1);
        if (s->cont) ch |= lower_list(w, s->cont, 1);
      }
      for (int i = 0; i < s->ncases; i++) ch |= lower_list(w, s->cases[i].body, 2);
    }
    pp = &s->next;
  }
  return ch;
}

static bool has_warp(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_WARP) return true;
    if (has_warp(s->body) || has_warp(s->then_s) || has_warp(s->else_s) || has_warp(s->cont)) return true;
    for (int i = 0; i < s->ncases; i++)
      if (has_warp(s->cases[i].body)) return true;
  }
  return false;
}

bool ir_pass_warp(ir_module *m) {
  bool any = false;
  for (ir_func *f = m->funcs; f; f = f->next)
    any |= f->body && has_warp(f->body->body);
  if (!any) return false;
  ir_pass_uniformity(m); /* in_uniform_cf of every warp op */
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (!f->body || !has_warp(f->body->body)) continue;
    wctx w = {m, f, NULL, f->loc};
    if (m->subgroup_size != 32) {
      int n = f->launch_bounds[0] > 0 && f->launch_bounds[0] <= 1024 ? f->launch_bounds[0] : 1024;
      n = (n + 31) & ~31;
      w.scratch = ir_var_new(m, IR_VAR_SHARED, "cw_warp_scratch", ir_type_array(m, &ir_u32, n), f->loc);
      w.scratch->is_read = w.scratch->is_written = true;
      ir_module_add_global(m, w.scratch);
    }
    lower_list(&w, f->body, 0);
  }
  return true;
}
