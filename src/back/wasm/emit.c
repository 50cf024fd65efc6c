/* WebAssembly back-end: binary encoding, frame layout, variable table and the
 * module around the kernel's function (see wasm.h; statements: stmt.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/wasm/wasm_emit.h"

/* ---------------- encoding ---------------- */
void wb_byte(wbuf *b, uint8_t x) { wb_raw(b, &x, 1); }
void wb_raw(wbuf *b, const void *p, size_t n) {
  if (b->n + n > b->cap) {
    size_t c = b->cap ? b->cap * 2 : 256;
    while (c < b->n + n) c *= 2;
    uint8_t *q = realloc(b->p, c);
    if (!q) abort();
    b->p = q;
    b->cap = c;
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}
void wb_u32(wbuf *b, uint32_t x) {
  do {
    uint8_t c = x & 0x7f;
    x >>= 7;
    wb_byte(b, (uint8_t)(c | (x ? 0x80 : 0)));
  } while (x);
}
void wb_s64(wbuf *b, int64_t x) {
  for (;;) {
    uint8_t c = (uint8_t)(x & 0x7f);
    x >>= 7; /* arithmetic on the compilers this project supports */
    bool done = (x == 0 && !(c & 0x40)) || (x == -1 && (c & 0x40));
    wb_byte(b, (uint8_t)(c | (done ? 0 : 0x80)));
    if (done) return;
  }
}
void wb_s32(wbuf *b, int32_t x) { wb_s64(b, x); }
static void wb_name(wbuf *b, const char *s) {
  wb_u32(b, (uint32_t)strlen(s));
  wb_raw(b, s, strlen(s));
}

void wx_refuse(wx *w, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->out->why, sizeof w->out->why, fmt, ap);
  va_end(ap);
  longjmp(w->refuse, 1);
}

int wx_local(wx *w, uint8_t type) {
  if (w->nlocals == w->caplocals) {
    w->caplocals = w->caplocals ? w->caplocals * 2 : 32;
    w->ltypes = realloc(w->ltypes, (size_t)w->caplocals);
    if (!w->ltypes) abort();
  }
  w->ltypes[w->nlocals] = type;
  return WL_FIXED + w->nlocals++;
}

void op_i32(wx *w, int32_t v) { OP(w, 0x41); wb_s32(&w->code, v); }
void op_get(wx *w, int l) { OP(w, 0x20); wb_u32(&w->code, (uint32_t)l); }
void op_set(wx *w, int l) { OP(w, 0x21); wb_u32(&w->code, (uint32_t)l); }
void op_tee(wx *w, int l) { OP(w, 0x22); wb_u32(&w->code, (uint32_t)l); }
void op_info(wx *w, int off) {
  op_get(w, WL_INFO);
  OP(w, 0x28);
  wb_u32(&w->code, 2);
  wb_u32(&w->code, (uint32_t)off);
}

/* ---------------- frame and variable table ---------------- */
static void frame_slot(wx *w, const ir_var *v) {
  if (!v || w->off[v->id] >= 0 || w->slot[v->id] >= 0) return;
  if (v->kind != IR_VAR_LOCAL && !(v->kind == IR_VAR_PARAM && v->type->kind != IR_T_PTR)) return;
  cw_wasm_kernel *o = w->out;
  int al = v->type->align > 0 ? v->type->align : 1;
  o->frame = (o->frame + al - 1) / al * al;
  w->off[v->id] = o->frame;
  o->frame += v->type->size > 0 ? v->type->size : 1;
}

static void walk_expr(wx *w, const ir_expr *e) {
  if (!e) return;
  frame_slot(w, e->var);
  walk_expr(w, e->a);
  walk_expr(w, e->b);
  walk_expr(w, e->c);
  for (int i = 0; i < e->nargs; i++) walk_expr(w, e->args[i]);
}

static void walk(wx *w, const ir_stmt *s) {
  for (; s; s = s->next) {
    frame_slot(w, s->var);
    frame_slot(w, s->dst);
    walk_expr(w, s->init);
    walk_expr(w, s->lhs);
    walk_expr(w, s->rhs);
    walk_expr(w, s->cond);
    walk_expr(w, s->value);
    walk_expr(w, s->cmp);
    walk_expr(w, s->addr);
    for (int i = 0; i < s->nargs; i++) walk_expr(w, s->args[i]);
    walk(w, s->body);
    walk(w, s->then_s);
    walk(w, s->else_s);
    walk(w, s->cont);
    for (int c = 0; c < s->ncases; c++) walk(w, s->cases[c].body);
  }
}

static void add_var(wx *w, const ir_var *v, cw_wasm_var d) {
  cw_wasm_kernel *o = w->out;
  o->vars = realloc(o->vars, sizeof *o->vars * (size_t)(o->nvars + 1));
  if (!o->vars) abort();
  w->slot[v->id] = o->nvars;
  o->vars[o->nvars++] = d;
}

/* ---------------- the module ---------------- */
static void section(wbuf *mod, uint8_t id, wbuf *body) {
  wb_byte(mod, id);
  wb_u32(mod, (uint32_t)body->n);
  wb_raw(mod, body->p, body->n);
  body->n = 0;
}

static void functype(wbuf *b, const uint8_t *params, int np, const uint8_t *res, int nr) {
  wb_byte(b, 0x60);
  wb_u32(b, (uint32_t)np);
  wb_raw(b, params, (size_t)np);
  wb_u32(b, (uint32_t)nr);
  wb_raw(b, res, (size_t)nr);
}

enum { T_BLOCK, T_OOB, T_II, T_IL, T_D1, T_D2, T_D3, T_MULHI, T_I1, T_L1, T_COUNT };

static int import_type(int imp) {
  switch (imp) {
  case CW_WI_OOB: return T_OOB;
  case CW_WI_FAIL: case CW_WI_PF_EMIT: return T_II;
  case CW_WI_PF_ARG: return T_IL;
  case CW_WI_POW: case CW_WI_ATAN2: case CW_WI_FMOD: case CW_WI_REMAINDER: case CW_WI_HYPOT:
  case CW_WI_FMIN: case CW_WI_FMAX: case CW_WI_FDIM: case CW_WI_LDEXP: return T_D2;
  case CW_WI_FMA: return T_D3;
  case CW_WI_MULHI64: return T_MULHI;
  case CW_WI_BREV32: return T_I1;
  case CW_WI_BREV64: return T_L1;
  default: return T_D1;
  }
}

static void assemble(wx *w) {
  static const char *names[] = {
#define X(id, name) name,
      CW_WASM_IMPORTS(X)
#undef X
  };
  wbuf mod = {0}, b = {0};
  wb_raw(&mod, "\0asm\1\0\0\0", 8);
  /* types */
  static const uint8_t i[] = {WT_I32}, oob[] = {WT_I32, WT_I32, WT_I64}, ii[] = {WT_I32, WT_I32},
                       il[] = {WT_I32, WT_I64}, d[] = {WT_F64, WT_F64, WT_F64},
                       mh[] = {WT_I64, WT_I64, WT_I32}, l[] = {WT_I64};
  wb_u32(&b, T_COUNT);
  functype(&b, i, 1, NULL, 0);
  functype(&b, oob, 3, NULL, 0);
  functype(&b, ii, 2, NULL, 0);
  functype(&b, il, 2, NULL, 0);
  functype(&b, d, 1, d, 1);
  functype(&b, d, 2, d, 1);
  functype(&b, d, 3, d, 1);
  functype(&b, mh, 3, l, 1);
  functype(&b, i, 1, i, 1);
  functype(&b, l, 1, l, 1);
  section(&mod, 1, &b);
  /* imports: the memory, then the functions of CW_WASM_IMPORTS */
  wb_u32(&b, CW_WI_COUNT + 1);
  wb_name(&b, "env");
  wb_name(&b, "memory");
  wb_byte(&b, 0x02);
  wb_byte(&b, 0x00);
  wb_u32(&b, 1);
  for (int k = 0; k < CW_WI_COUNT; k++) {
    wb_name(&b, "cw");
    wb_name(&b, names[k]);
    wb_byte(&b, 0x00);
    wb_u32(&b, (uint32_t)import_type(k));
  }
  section(&mod, 2, &b);
  /* one function: block(info) */
  wb_u32(&b, 1);
  wb_u32(&b, T_BLOCK);
  section(&mod, 3, &b);
  wb_u32(&b, 1);
  wb_name(&b, "block");
  wb_byte(&b, 0x00);
  wb_u32(&b, CW_WI_COUNT);
  section(&mod, 7, &b);
  /* code: locals (t, fa, n as i32, then the extra ones one entry each) */
  wbuf f = {0};
  wb_u32(&f, (uint32_t)(1 + w->nlocals));
  wb_u32(&f, 3);
  wb_byte(&f, WT_I32);
  for (int k = 0; k < w->nlocals; k++) {
    wb_u32(&f, 1);
    wb_byte(&f, w->ltypes[k]);
  }
  wb_raw(&f, w->code.p, w->code.n);
  wb_u32(&b, 1);
  wb_u32(&b, (uint32_t)f.n);
  wb_raw(&b, f.p, f.n);
  section(&mod, 10, &b);
  free(f.p);
  free(b.p);
  w->out->bytes = mod.p;
  w->out->len = mod.n;
}

int cw_emit_wasm(ir_module *m, ir_func *k, cw_wasm_kernel *out) { return cw_emit_wasm_simd(m, k, out, true); }

int cw_emit_wasm_simd(ir_module *m, ir_func *k, cw_wasm_kernel *out, bool simd) {
  memset(out, 0, sizeof *out);
  wx w = {.m = m, .k = k, .out = out, .simd = simd};
  int nid = m->next_id + 1;
  w.off = malloc(sizeof *w.off * (size_t)nid);
  w.slot = malloc(sizeof *w.slot * (size_t)nid);
  if (!w.off || !w.slot) abort();
  for (int i = 0; i < nid; i++) w.off[i] = w.slot[i] = -1;
  int rc = 0;
  if (setjmp(w.refuse)) {
    rc = -1;
    goto done;
  }
  for (int i = 0; i < k->nparams; i++) {
    ir_var *p = k->params[i];
    if (p->type->kind == IR_T_PTR) {
      add_var(&w, p, (cw_wasm_var){.kind = CW_WV_PARAM_BUFFER, .param = i});
    } else {
      frame_slot(&w, p);
      out->pslots = realloc(out->pslots, sizeof *out->pslots * (size_t)(out->npslots + 1));
      if (!out->pslots) abort();
      out->pslots[out->npslots++] = (cw_wasm_param_slot){i, w.off[p->id], p->type->size};
    }
  }
  for (int i = 0; i < m->nglobals; i++) {
    ir_var *g = m->globals[i];
    cw_wasm_var d = {.param = -1, .name = g->name, .size = g->type->size};
    d.kind = g->kind == IR_VAR_SHARED ? CW_WV_SHARED : g->kind == IR_VAR_DYN_SHARED ? CW_WV_DYN_SHARED : CW_WV_GLOBAL;
    add_var(&w, g, d);
  }
  walk(&w, k->body);
  wx_kernel_body(&w, k->body);
  OP(&w, 0x0b); /* end of function */
  out->levels = w.maxlevel;
  assemble(&w);
done:
  free(w.off);
  free(w.slot);
  free(w.ltypes);
  free(w.code.p);
  return rc;
}

void cw_wasm_kernel_free(cw_wasm_kernel *k) {
  free(k->bytes);
  free(k->vars);
  free(k->pslots);
  memset(k, 0, sizeof *k);
}
