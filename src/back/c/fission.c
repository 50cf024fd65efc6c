/* back/c: kernel statements as loops over the threads of a block, split at
 * __syncthreads() (loop fission, as PoCL / CuPBoP do).
 *
 * Model. A statement is "block-level" when it contains a __syncthreads()
 * (directly or nested), or when it contains a break/continue that leaves it
 * towards a block-level loop or switch. Block-level statements run ONCE per
 * block: their conditions are uniform (the uniformity pass sets
 * in_uniform_cf on every barrier; a barrier in divergent control flow is
 * rejected), so they are evaluated with the values of one live thread,
 * `cw_lead`. Every maximal run of other statements is a "region", emitted as
 *
 *   for (uint32_t cw_tid = 0; cw_tid < cw_nthreads; cw_tid++) { ... }
 *
 * Running the regions one after another gives the barrier semantics.
 *
 * Values across regions. A local (or a parameter the kernel assigns) used in
 * two or more regions, or by a block-level condition, is "spilled": it lives
 * in a per-thread array name[cw_tid] in scratch. This holds for uniform locals
 * too: a uniform `s >>= 1` in a region is executed by every thread, so each
 * thread needs its own copy (a shared scalar would be shifted nthreads times).
 * Everything else is a plain C local inside its region.
 *
 * return: without barriers, `goto` the end of the thread loop. With barriers,
 * the thread is marked in cw_done[] and skipped by later regions (CUDA:
 * exited threads no longer take part in barriers); cw_lead moves to the first
 * live thread, and the block ends when none is left.
 *
 * The walk runs twice with identical region numbering: first with
 * c->analyze set (uses are recorded, output discarded), then for real once
 * the spill decisions are made (emit.c). */
#include <string.h>

#include "back/c/c_emit.h"

/* the analysis walk (c->analyze) writes nothing */
#define P(...) (c->analyze ? (void)0 : cw_sb_printf(c->out, __VA_ARGS__))
#define S(s) (c->analyze ? (void)0 : cw_sb_puts(c->out, (s)))

void cx_nl(cx *c) {
  if (c->analyze) return;
  cw_sb_putc(c->out, '\n');
  cw_sb_indent(c->out, c->ind);
}

bool cx_has_sync(const ir_stmt *s) {
  if (!s) return false;
  switch (s->kind) {
  case IR_S_BARRIER: return s->intrinsic == CW_IN_SYNCTHREADS;
  case IR_S_BLOCK:
    for (const ir_stmt *t = s->body; t; t = t->next)
      if (cx_has_sync(t)) return true;
    return false;
  case IR_S_IF: return cx_has_sync(s->then_s) || cx_has_sync(s->else_s);
  case IR_S_LOOP: return cx_has_sync(s->body) || cx_has_sync(s->cont);
  case IR_S_SWITCH:
    for (int i = 0; i < s->ncases; i++)
      if (cx_has_sync(s->cases[i].body)) return true;
    return false;
  default: return false;
  }
}

/* Does s contain a break (brk) / continue (cont) that jumps out of s? */
static bool escapes(const ir_stmt *s, bool brk, bool cont) {
  if (!s || (!brk && !cont)) return false;
  switch (s->kind) {
  case IR_S_BREAK: return brk;
  case IR_S_CONTINUE: return cont;
  case IR_S_BLOCK:
    for (const ir_stmt *t = s->body; t; t = t->next)
      if (escapes(t, brk, cont)) return true;
    return false;
  case IR_S_IF: return escapes(s->then_s, brk, cont) || escapes(s->else_s, brk, cont);
  case IR_S_LOOP: return false; /* its own break/continue stay inside */
  case IR_S_SWITCH:
    for (int i = 0; i < s->ncases; i++)
      if (escapes(s->cases[i].body, false, cont)) return true;
    return false;
  default: return false;
  }
}

static bool has_return(const ir_stmt *s) {
  if (!s) return false;
  switch (s->kind) {
  case IR_S_RETURN: return true;
  case IR_S_BLOCK:
    for (const ir_stmt *t = s->body; t; t = t->next)
      if (has_return(t)) return true;
    return false;
  case IR_S_IF: return has_return(s->then_s) || has_return(s->else_s);
  case IR_S_LOOP: return has_return(s->body) || has_return(s->cont);
  case IR_S_SWITCH:
    for (int i = 0; i < s->ncases; i++)
      if (has_return(s->cases[i].body)) return true;
    return false;
  default: return false;
  }
}

/* Where a break / continue in the current block-level sequence would go:
 * true when the innermost breakable / loop is block-level. */
typedef struct { bool brk, cont; } bl_ctx;

static bool is_block_level(cx *c, const ir_stmt *s, bl_ctx bl) {
  if (!c->fission) return false;
  return cx_has_sync(s) || escapes(s, bl.brk, bl.cont) || cx_is_hoisted(c, s) ||
         cx_is_lockstep_loop(c, s);
}

bool cx_escapes(const ir_stmt *s, bool brk, bool cont) { return escapes(s, brk, cont); }
bool cx_has_return(const ir_stmt *s) { return has_return(s); }

bool cx_stmt_block_level(cx *c, const ir_stmt *s, bool brk, bool cont) {
  bl_ctx bl = {brk, cont};
  return is_block_level(c, s, bl);
}

/* ---------------- thread-level statements ---------------- */

static void th_stmt(cx *c, const ir_stmt *s);

static ir_var *lvalue_root_var(const ir_expr *e) {
  while (e && (e->kind == IR_E_MEMBER || e->kind == IR_E_INDEX)) e = e->a;
  return e && (e->kind == IR_E_VAR || e->kind == IR_E_ELEM) ? e->var : NULL;
}

static void th_seq(cx *c, const ir_stmt *first) {
  for (const ir_stmt *s = first; s; s = s->next) th_stmt(c, s);
}

static void th_block(cx *c, const ir_stmt *blk) {
  S("{");
  c->ind++;
  if (blk) th_seq(c, blk->kind == IR_S_BLOCK ? blk->body : blk);
  c->ind--;
  cx_nl(c);
  S("}");
}

static void decl(cx *c, const ir_stmt *s) {
  ir_var *v = s->var;
  const ir_type *st = cx_storage_type(v);
  const char *ct = cx_ctype(c, st);
  int n = cx_flat_len(st);
  cx_note_use(c, v);
  cx_note_write(c, v);
  if (c->analyze && !c->at_block) c->vi[v->id].decl_region = c->region;
  bool spilled = c->vi[v->id].spilled;
  /* the per-thread slot of a spilled scalar (a C local while promoted) */
  const char *slot = cx_promoted(c, v) ? cw_arena_printf(c->m->arena, "cw_v_%s", v->name)
                                       : cw_arena_printf(c->m->arena, "%s[cw_tid]", v->name);
  if (c->vi[v->id].scalar) {
    /* a block scalar: this DECL runs once, at block level (hoisted) */
    P("%s = ", v->name);
    if (s->init) cx_expr(c, s->init);
    else P("(%s)0", ct);
    S(";");
    return;
  }
  if (v->kind == IR_VAR_PARAM) {
    /* a parameter the kernel assigns: a per-thread copy of the argument */
    if (spilled) P("memcpy(&%s, ctx->args[%d], sizeof(%s));", slot, v->param_index, ct);
    else P("%s %s; memcpy(&%s, ctx->args[%d], sizeof %s); (void)%s;", ct, v->name, v->name,
           v->param_index, v->name, v->name);
    return;
  }
  if (st->kind == IR_T_ARRAY) {
    if (s->init)
      cw_error(c->m->diags, s->loc, "internal error: array initialiser in resolved ir (c back-end)");
    if (spilled)
      P("memset(&%s[(size_t)cw_tid * %du], 0, sizeof(%s) * %du);", v->name, n, ct, n);
    else
      P("%s %s[%d]; memset(%s, 0, sizeof %s); (void)%s;", ct, v->name, n, v->name, v->name, v->name);
    return;
  }
  if (!spilled) {
    if (st->kind == IR_T_STRUCT) {
      P("%s %s; memset(&%s, 0, sizeof %s); (void)%s;", ct, v->name, v->name, v->name, v->name);
      if (!s->init) return;
      cx_nl(c);
      P("%s = ", v->name);
    } else {
      P("%s %s = ", ct, v->name);
      if (!s->init) {
        P("(%s)0; (void)%s;", ct, v->name);
        return;
      }
    }
    cx_expr(c, s->init);
    P("; (void)%s;", v->name);
    return;
  }
  if (!s->init) {
    if (st->kind == IR_T_STRUCT) P("memset(&%s, 0, sizeof(%s));", slot, ct);
    else P("%s = (%s)0;", slot, ct);
    return;
  }
  P("%s = ", slot);
  cx_expr(c, s->init);
  S(";");
}

static void push_loop(cx *c, const ir_stmt *s, bool block_level) {
  if (c->nloops >= (int)(sizeof c->loops / sizeof c->loops[0]))
    cw_error(c->m->diags, s->loc, "loops nested too deeply for the c target");
  c->loops[c->nloops].label = s->cont && s->cont->body ? c->label_counter++ : -1;
  c->loops[c->nloops].block_level = block_level;
  c->nloops++;
}

static void emit_continue(cx *c, const ir_stmt *s) {
  if (c->nloops == 0) cw_error(c->m->diags, s->loc, "internal error: continue outside a loop");
  int l = c->loops[c->nloops - 1].label;
  if (l >= 0) P("goto cw_cont_%d;", l);
  else S("continue;");
}

static void case_labels(cx *c, const ir_stmt *s, const ir_case *k) {
  bool uns = s->value->type->kind == IR_T_U32 || s->value->type->kind == IR_T_U64;
  for (int j = 0; j < k->nvalues; j++) {
    cx_nl(c);
    if (uns) P("case %lluULL:", (unsigned long long)(uint64_t)k->values[j]);
    else if (k->values[j] < 0)
      P("case (-%lldLL - 1):", (long long)(-(k->values[j] + 1))); /* no literal for INT64_MIN */
    else P("case %lldLL:", (long long)k->values[j]);
  }
  if (k->is_default) {
    cx_nl(c);
    S("default:");
  }
}

static void th_stmt(cx *c, const ir_stmt *s) {
  if (s->kind == IR_S_BLOCK && !s->body) return;
  cx_nl(c);
  switch (s->kind) {
  case IR_S_BLOCK: th_block(c, s); return;
  case IR_S_DECL: decl(c, s); return;
  case IR_S_ASSIGN:
    cx_note_write(c, lvalue_root_var(s->lhs));
    c->access = 1; /* CW_OOB_WRITE (--check) */
    cx_lvalue(c, s->lhs);
    c->access = 0;
    S(" = ");
    cx_expr(c, s->rhs);
    S(";");
    return;
  case IR_S_IF:
    S("if (");
    cx_expr(c, s->cond);
    S(") ");
    th_block(c, s->then_s);
    if (s->else_s) {
      S(" else ");
      th_block(c, s->else_s);
    }
    return;
  case IR_S_LOOP: {
    push_loop(c, s, false);
    int l = c->loops[c->nloops - 1].label;
    S("for (;;) {");
    c->ind++;
    cx_nl(c);
    th_block(c, s->body);
    if (l >= 0) {
      cx_nl(c);
      P("cw_cont_%d: ;", l);
      cx_nl(c);
      th_block(c, s->cont);
    }
    c->ind--;
    cx_nl(c);
    S("}");
    c->nloops--;
    return;
  }
  case IR_S_BREAK: S("break;"); return;
  case IR_S_CONTINUE: emit_continue(c, s); return;
  case IR_S_RETURN:
    if (c->fission) P("{ cw_done[cw_tid] = 1; goto cw_r%d; }", c->region);
    else P("goto cw_r%d;", c->region);
    c->region_has_return = 1;
    return;
  case IR_S_SWITCH:
    S("switch (");
    cx_expr(c, s->value);
    S(") {");
    for (int i = 0; i < s->ncases; i++) {
      const ir_case *k = &s->cases[i];
      case_labels(c, s, k);
      c->ind++;
      cx_nl(c);
      th_block(c, k->body);
      cx_nl(c);
      /* the IR drops the `break` that ends a case: restore it */
      S(k->falls_through && i + 1 < s->ncases ? "CW_FALLTHROUGH;" : "break;");
      c->ind--;
    }
    cx_nl(c);
    S("}");
    return;
  case IR_S_BARRIER:
    if (s->intrinsic == CW_IN_SYNCTHREADS)
      cw_error(c->m->diags, s->loc, "internal error: __syncthreads() inside a thread loop");
    S("atomic_thread_fence(memory_order_seq_cst);");
    return;
  case IR_S_ATOMIC: cx_atomic(c, s); return;
  case IR_S_PRINTF: case IR_S_ASSERT: cx_device_io(c, s); return;
  default:
    cw_error(c->m->diags, s->loc, "internal error: statement not allowed in resolved ir (c back-end)");
  }
}

/* ---------------- regions and block-level statements ---------------- */

/* The x range [cw_xb, cw_xe) of a region that is one `if` on threadIdx.x
 * (opt.c); *exact: the range is exactly where the condition holds. */
static bool narrow(cx *c, const ir_stmt *first, int n, bool *exact) {
  bool eq = false;
  const ir_expr *u = cx_region_tx_bound(c, first, n, &eq, exact);
  if (!u) return false;
  bool sgn = ir_type_is_signed(u->type);
  cx_nl(c);
  P("const %s cw_u = (%s)", sgn ? "int64_t" : "uint64_t", sgn ? "int64_t" : "uint64_t");
  c->at_block = true;
  cx_expr(c, u);
  c->at_block = false;
  S(";");
  cx_nl(c);
  /* unless *exact, the `if` stays: the range only has to hold every thread where it can be true */
  if (sgn) S("const uint32_t cw_uc = cw_u <= 0 ? 0u : cw_u < (int64_t)cw_bdx ? (uint32_t)cw_u : cw_bdx;");
  else S("const uint32_t cw_uc = cw_u < (uint64_t)cw_bdx ? (uint32_t)cw_u : cw_bdx;");
  cx_nl(c);
  if (eq) S("const uint32_t cw_xb = cw_uc, cw_xe = cw_uc < cw_bdx ? cw_uc + 1u : cw_uc;");
  else S("const uint32_t cw_xb = 0, cw_xe = cw_uc;");
  return true;
}

/* The n statements from first on, as one loop over the threads: nested
 * z/y/x loops (no divisions; the x loop is a plain counted loop). */
static void region(cx *c, const ir_stmt *first, int n) {
  int id = c->nregions++;
  c->region = id;
  c->region_has_return = 0;
  if (c->analyze) {
    if (c->nruse == c->capruse) {
      int cap = c->capruse ? 2 * c->capruse : 16;
      unsigned char **r = CW_NEW_ARRAY(c->m->arena, unsigned char *, cap);
      if (c->nruse) memcpy(r, c->ruse, sizeof *r * (size_t)c->nruse);
      c->ruse = r;
      c->capruse = cap;
    }
    c->ruse[c->nruse++] = CW_NEW_ARRAY(c->m->arena, unsigned char, c->m->next_id + 1);
  }
  cx_nl(c);
  P("/* region %d */", id);
  cx_nl(c);
  S("{");
  c->ind++;
  bool exact = false;
  bool nar = narrow(c, first, n, &exact);
  cx_nl(c);
  S("for (uint32_t cw_tz = 0; cw_tz < cw_bdz; cw_tz++)");
  cx_nl(c);
  S("for (uint32_t cw_ty = 0; cw_ty < cw_bdy; cw_ty++)");
  cx_nl(c);
  S(nar ? "for (uint32_t cw_tx = cw_xb; cw_tx < cw_xe; cw_tx++) {"
        : "for (uint32_t cw_tx = 0; cw_tx < cw_bdx; cw_tx++) {");
  c->ind++;
  cx_nl(c);
  /* size_t: an index without a zero extension; cannot wrap (<= 1024 threads, rt/launch.c) */
  S("const size_t cw_tid = ((size_t)cw_tz * cw_bdy + cw_ty) * cw_bdx + cw_tx; (void)cw_tid;");
  if (c->fission && c->has_return) {
    cx_nl(c);
    S("if (cw_done[cw_tid]) continue;");
  }
  /* spilled scalars the region uses, as C locals (expr.c: cx_promoted) */
  if (!c->analyze && id < c->nruse)
    for (int i = 0; i < c->ndecls; i++) {
      ir_var *v = c->decls[i];
      if (!cx_promoted(c, v)) continue;
      cx_nl(c);
      P("%s cw_v_%s = %s[cw_tid];", cx_ctype(c, cx_storage_type(v)), v->name, v->name);
    }
  cx_remat_header(c, id);
  const ir_stmt *s = first;
  if (exact) {
    cx_nl(c);
    th_block(c, s->then_s); /* the condition holds in every thread of the range */
  } else {
    for (int i = 0; i < n; i++, s = s->next) th_stmt(c, s);
  }
  if (c->region_has_return) {
    cx_nl(c);
    P("cw_r%d: ;", id);
  }
  if (!c->analyze && id < c->nruse)
    for (int i = 0; i < c->ndecls; i++) {
      ir_var *v = c->decls[i];
      if (!cx_promoted(c, v) || !(c->ruse[id][v->id] & 2)) continue;
      cx_nl(c);
      P("%s[cw_tid] = cw_v_%s;", v->name, v->name);
    }
  c->ind--;
  cx_nl(c);
  S("}");
  c->ind--;
  cx_nl(c);
  S("}");
  if (c->fission && c->region_has_return) {
    /* CUDA: exited threads leave the block's barriers; the block ends with the last one */
    cx_nl(c);
    S("while (cw_lead < cw_nthreads && cw_done[cw_lead]) cw_lead++;");
    cx_nl(c);
    S("if (cw_lead == cw_nthreads) goto cw_exit;");
  }
  c->region = -1;
}

static void bl_seq(cx *c, const ir_stmt *first, bl_ctx bl);

static void bl_block(cx *c, const ir_stmt *blk, bl_ctx bl) {
  S("{");
  c->ind++;
  if (blk) bl_seq(c, blk->kind == IR_S_BLOCK ? blk->body : blk, bl);
  c->ind--;
  cx_nl(c);
  S("}");
}

static void block_cond(cx *c, const ir_expr *e) {
  c->at_block = true;
  cx_expr(c, e);
  c->at_block = false;
}

static void bl_stmt(cx *c, const ir_stmt *s, bl_ctx bl) {
  cx_nl(c);
  switch (s->kind) {
  case IR_S_BARRIER:
    if (!s->in_uniform_cf)
      cw_error(c->m->diags, s->loc,
               "__syncthreads() in divergent control flow is not supported by the c target");
    S("/* __syncthreads() */");
    return;
  case IR_S_BLOCK: bl_block(c, s, bl); return;
  case IR_S_IF:
    S("if (");
    block_cond(c, s->cond);
    S(") ");
    bl_block(c, s->then_s, bl);
    if (s->else_s) {
      S(" else ");
      bl_block(c, s->else_s, bl);
    }
    return;
  case IR_S_LOOP: {
    push_loop(c, s, true);
    int l = c->loops[c->nloops - 1].label;
    bl_ctx in = {true, true};
    S("for (;;) { /* block-level loop */");
    c->ind++;
    cx_nl(c);
    bl_block(c, s->body, in);
    if (l >= 0) {
      cx_nl(c);
      P("cw_cont_%d: ;", l);
      cx_nl(c);
      bl_block(c, s->cont, in);
    }
    c->ind--;
    cx_nl(c);
    S("}");
    c->nloops--;
    return;
  }
  case IR_S_SWITCH: {
    bl_ctx in = {true, bl.cont};
    S("switch (");
    block_cond(c, s->value);
    S(") { /* block-level switch */");
    for (int i = 0; i < s->ncases; i++) {
      const ir_case *k = &s->cases[i];
      case_labels(c, s, k);
      c->ind++;
      cx_nl(c);
      bl_block(c, k->body, in);
      cx_nl(c);
      /* the IR drops the `break` that ends a case: restore it */
      S(k->falls_through && i + 1 < s->ncases ? "CW_FALLTHROUGH;" : "break;");
      c->ind--;
    }
    cx_nl(c);
    S("}");
    return;
  }
  case IR_S_BREAK: S("break;"); return;
  case IR_S_CONTINUE: emit_continue(c, s); return;
  case IR_S_DECL: /* hoisted block-scalar assignments (opt.c) */
    c->at_block = true;
    decl(c, s);
    c->at_block = false;
    return;
  case IR_S_ASSIGN:
    c->at_block = true;
    cx_lvalue(c, s->lhs);
    S(" = ");
    cx_expr(c, s->rhs);
    S(";");
    c->at_block = false;
    return;
  default:
    cw_error(c->m->diags, s->loc, "internal error: unexpected block-level statement (c back-end)");
  }
}

static void bl_seq(cx *c, const ir_stmt *first, bl_ctx bl) {
  const ir_stmt *s = first;
  while (s) {
    if (!is_block_level(c, s, bl)) {
      const ir_stmt *start = s;
      int n = 0;
      while (s && !is_block_level(c, s, bl)) {
        s = s->next;
        n++;
      }
      region(c, start, n);
      continue;
    }
    bl_stmt(c, s, bl);
    s = s->next;
  }
}

void cx_kernel_body(cx *c, ir_stmt *body) {
  c->has_return = c->fission && has_return(body);
  bl_ctx top = {false, false};
  bl_seq(c, body->kind == IR_S_BLOCK ? body->body : body, top);
}
