/* The CPU fallback's FIRST STEP: an interpreter of the kernel IR (src/ir/ir.h,
 * RESOLVED phase, after every pass of the C target), compiled into the same
 * WebAssembly module as the transpiler. The WebAssembly back-end
 * (src/back/wasm) now compiles kernels instead; the interpreter runs what that
 * back-end refuses and is a second implementation the tests compare. The JS
 * API names it `interpreter` (docs/npm.md).
 *
 * Execution model: the threads of a block run in lockstep, one statement at a
 * time for every active thread (a SIMT schedule). That is a legal CUDA
 * schedule, so __syncthreads needs no work: when a barrier statement is
 * reached every live thread has finished everything before it (the
 * uniformity pass has already refused barriers in divergent control flow).
 * Warp intrinsics were lowered by passes/warp.c to shared memory and
 * barriers, so they need no support here. Control flow is per-thread status
 * (running, break, continue, return) plus active masks.
 * Every memory access is bounds-checked against its buffer or variable. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#include "back/metadata.h"
#include "cudawasm.h"
#include "ir/ir.h"
#include "util/devfmt.h"
#include "util/strbuf.h"
#include "interp.h"

/* ---------------- statements (lockstep over the block's threads) ---------------- */
static uint8_t *mask_push(vm *v) {
  if (v->mtop == v->mcap) {
    v->mcap = v->mcap ? v->mcap * 2 : 16;
    v->masks = realloc(v->masks, (size_t)v->mcap * (size_t)v->nthreads);
    if (!v->masks) abort();
  }
  return v->masks + (size_t)v->mtop++ * (size_t)v->nthreads;
}
/* Masks live in a growable stack: re-derive pointers after nested pushes. */
#define MASK(v, level) ((v)->masks + (size_t)(level) * (size_t)(v)->nthreads)

static void assign(vm *v, const ir_expr *lhs, const ir_expr *rhs, const ir_type *t) {
  size_t room;
  uint8_t *p = lval(v, lhs, &room);
  if (room < (size_t)t->size) die(v, lhs->loc, "out-of-bounds write in kernel %s", v->kernel);
  if (!rhs) { memset(p, 0, (size_t)t->size); return; }
  if (ir_type_is_scalar(t)) { store(t, p, eval(v, rhs)); return; }
  size_t r2;
  uint8_t *q = lval(v, rhs, &r2);
  memmove(p, q, (size_t)t->size);
}

static void atomic(vm *v, const ir_stmt *s) {
  size_t room;
  const ir_type *t = s->addr->type;
  uint8_t *p = lval(v, s->addr, &room);
  if (room < (size_t)t->size) die(v, s->loc, "out-of-bounds atomic in kernel %s", v->kernel);
  val old = load(t, p), x = eval(v, s->value), n = old;
  bool fl = ir_type_is_float(t), sg = ir_type_is_signed(t);
  switch (s->intrinsic) {
  case CW_IN_ATOMIC_ADD: if (fl) n.f = old.f + x.f; else n.i = old.i + x.i; break;
  case CW_IN_ATOMIC_SUB: if (fl) n.f = old.f - x.f; else n.i = old.i - x.i; break;
  case CW_IN_ATOMIC_EXCH: n = x; break;
  case CW_IN_ATOMIC_MIN: case CW_IN_ATOMIC_MAX: {
    bool mn = s->intrinsic == CW_IN_ATOMIC_MIN;
    bool lt = fl ? x.f < old.f : sg ? (int64_t)x.i < (int64_t)old.i : x.i < old.i;
    bool gt = fl ? x.f > old.f : sg ? (int64_t)x.i > (int64_t)old.i : x.i > old.i;
    if (mn ? lt : gt) n = x;
    break;
  }
  case CW_IN_ATOMIC_INC: n.i = old.i >= x.i ? 0 : old.i + 1; break;
  case CW_IN_ATOMIC_DEC: n.i = (old.i == 0 || old.i > x.i) ? x.i : old.i - 1; break;
  case CW_IN_ATOMIC_CAS: {
    val c = x; /* value = compare? the IR keeps the compare in cmp */
    c = eval(v, s->cmp);
    n = (fl ? old.f == c.f : old.i == c.i) ? x : old;
    break;
  }
  case CW_IN_ATOMIC_AND: n.i = old.i & x.i; break;
  case CW_IN_ATOMIC_OR: n.i = old.i | x.i; break;
  case CW_IN_ATOMIC_XOR: n.i = old.i ^ x.i; break;
  default: die(v, s->loc, "interpreter: atomic %s", cw_intrinsic_name(s->intrinsic));
  }
  store(t, p, norm(t, n));
  if (s->dst) {
    size_t r2;
    uint8_t *d = var_mem(v, s->dst, &r2, s->loc);
    store(s->dst->type, d, convert(s->dst->type, t, old));
  }
}

static void exec_list(vm *v, const ir_stmt *s, int lv);

static bool any_live(vm *v, int lv) {
  const uint8_t *m = MASK(v, lv);
  for (int t = 0; t < v->nthreads; t++)
    if (m[t] && v->st[t] == RUN) return true;
  return false;
}

/* Runs statement s for the threads of mask level lv whose status is RUN. */
static void exec(vm *v, const ir_stmt *s, int lv) {
  int n = v->nthreads;
#define EACH for (v->t = 0; v->t < n; v->t++) if (MASK(v, lv)[v->t] && v->st[v->t] == RUN)
  switch (s->kind) {
  case IR_S_BLOCK: exec_list(v, s->body, lv); return;
  case IR_S_DECL: EACH assign(v, &(ir_expr){.kind = IR_E_VAR, .var = s->var, .type = s->var->type, .loc = s->loc}, s->init, s->var->type); return;
  case IR_S_ASSIGN: EACH assign(v, s->lhs, s->rhs, s->lhs->type); return;
  case IR_S_IF: {
    mask_push(v);
    mask_push(v);
    int a = v->mtop - 2, b = v->mtop - 1;
    EACH {
      bool c = eval(v, s->cond).i != 0;
      MASK(v, a)[v->t] = c;
      MASK(v, b)[v->t] = !c;
    }
    for (int t = 0; t < n; t++)
      if (!(MASK(v, lv)[t] && v->st[t] == RUN)) MASK(v, a)[t] = MASK(v, b)[t] = 0;
    if (s->then_s && any_live(v, a)) exec(v, s->then_s, a);
    if (s->else_s && any_live(v, b)) exec(v, s->else_s, b);
    v->mtop -= 2;
    return;
  }
  case IR_S_LOOP: {
    mask_push(v);
    int l = v->mtop - 1;
    for (int t = 0; t < n; t++) MASK(v, l)[t] = MASK(v, lv)[t] && v->st[t] == RUN;
    while (any_live(v, l)) {
      exec(v, s->body, l);
      for (int t = 0; t < n; t++)
        if (MASK(v, l)[t] && v->st[t] == CONT) v->st[t] = RUN;
      if (s->cont) exec(v, s->cont, l);
      for (int t = 0; t < n; t++)
        if (MASK(v, l)[t] && v->st[t] != RUN) {
          if (v->st[t] == BRK) v->st[t] = RUN;
          MASK(v, l)[t] = 0;
        }
    }
    v->mtop--;
    return;
  }
  case IR_S_BREAK: EACH v->st[v->t] = BRK; return;
  case IR_S_CONTINUE: EACH v->st[v->t] = CONT; return;
  case IR_S_RETURN: EACH v->st[v->t] = RET; return;
  case IR_S_SWITCH: {
    mask_push(v);
    int entry = v->mtop - 1; /* which case a thread enters at: index + 1, 0 none */
    int *at = calloc((size_t)n, sizeof *at);
    if (!at) abort();
    EACH {
      val x = eval(v, s->value);
      int64_t sel = ir_type_is_signed(s->value->type) ? (int64_t)x.i : (int64_t)(x.i & 0xffffffffu);
      int def = -1, hit = -1;
      for (int c = 0; c < s->ncases && hit < 0; c++) {
        if (s->cases[c].is_default) def = c;
        for (int k = 0; k < s->cases[c].nvalues; k++)
          if (s->cases[c].values[k] == sel) { hit = c; break; }
      }
      at[v->t] = (hit >= 0 ? hit : def) + 1;
    }
    for (int t = 0; t < n; t++) MASK(v, entry)[t] = 0;
    for (int c = 0; c < s->ncases; c++) {
      for (int t = 0; t < n; t++)
        if (at[t] == c + 1 && MASK(v, lv)[t]) MASK(v, entry)[t] = 1;
      if (any_live(v, entry)) exec(v, s->cases[c].body, entry);
      /* a body that cannot fall through ends the switch for the threads in it
       * (the IR drops the trailing break, as WGSL cases need none) */
      if (!s->cases[c].falls_through)
        for (int t = 0; t < n; t++)
          if (MASK(v, entry)[t] && v->st[t] == RUN) MASK(v, entry)[t] = 0;
    }
    for (int t = 0; t < n; t++)
      if (MASK(v, entry)[t] && v->st[t] == BRK) v->st[t] = RUN;
    free(at);
    v->mtop--;
    return;
  }
  case IR_S_BARRIER: return; /* lockstep: every live thread is here */
  case IR_S_ATOMIC: EACH atomic(v, s); return;
  case IR_S_PRINTF: EACH {
    uint64_t slots[32] = {0};
    for (int i = 0; i < s->nargs && i < 32; i++) {
      val x = eval(v, s->args[i]);
      if (ir_type_is_float(s->args[i]->type)) memcpy(&slots[i], &x.f, 8);
      else slots[i] = x.i; /* already sign- or zero-extended */
    }
    cw_fmt_format(&v->out, v->m->strings[s->str_id], slots, s->nargs);
  }
    return;
  case IR_S_ASSERT: EACH {
    if (s->cond && eval(v, s->cond).i) continue;
    uint32_t t = (uint32_t)v->t;
    die(v, (cw_loc){0}, "%s in kernel %s, block (%u,%u,%u), thread (%u,%u,%u)", v->m->strings[s->str_id], v->kernel,
        v->bidx[0], v->bidx[1], v->bidx[2], t % v->block[0], (t / v->block[0]) % v->block[1], t / (v->block[0] * v->block[1]));
  }
    return;
  default: die(v, s->loc, "interpreter: statement kind %d after the passes", (int)s->kind);
  }
#undef EACH
}

static void exec_list(vm *v, const ir_stmt *s, int lv) {
  for (; s; s = s->next) {
    if (!any_live(v, lv)) return;
    exec(v, s, lv);
  }
}

/* ---------------- frame layout ---------------- */
static void slot(vm *v, const ir_var *var) {
  if (!var || v->off[var->id] >= 0) return;
  if (var->kind != IR_VAR_LOCAL && !(var->kind == IR_VAR_PARAM && var->type->kind != IR_T_PTR)) return;
  int al = var->type->align > 0 ? var->type->align : 1, sz = var->type->size > 0 ? var->type->size : 1;
  v->frame = (v->frame + al - 1) / al * al;
  v->off[var->id] = v->frame;
  v->len[var->id] = (size_t)sz;
  v->frame += sz;
}

static void walk_expr(vm *v, const ir_expr *e) {
  if (!e) return;
  slot(v, e->var);
  walk_expr(v, e->a);
  walk_expr(v, e->b);
  walk_expr(v, e->c);
  for (int i = 0; i < e->nargs; i++) walk_expr(v, e->args[i]);
}

static void walk_stmt(vm *v, const ir_stmt *s) {
  for (; s; s = s->next) {
    slot(v, s->var);
    slot(v, s->dst);
    walk_expr(v, s->init);
    walk_expr(v, s->lhs);
    walk_expr(v, s->rhs);
    walk_expr(v, s->cond);
    walk_expr(v, s->value);
    walk_expr(v, s->cmp);
    walk_expr(v, s->addr);
    for (int i = 0; i < s->nargs; i++) walk_expr(v, s->args[i]);
    walk_stmt(v, s->body);
    walk_stmt(v, s->then_s);
    walk_stmt(v, s->else_s);
    walk_stmt(v, s->cont);
    for (int c = 0; c < s->ncases; c++) walk_stmt(v, s->cases[c].body);
  }
}

/* ---------------- one launch ---------------- */
typedef struct launch {
  const char *kernel;
  uint32_t grid[3], block[3], shared;
  int nargs;
  uint8_t **arg;          /* buffers: device memory; values: host bytes */
  uint32_t *arglen;
  int nglobals;
  const char **gname;     /* generated-code names (metadata ir_name) */
  uint8_t **gmem;
  uint32_t *glen;
  int status;             /* 0 ok, 1 launch error */
  char *err, *out;
} launch;

static void run_kernel(launch *L, ir_module *m) {
  vm v = {0};
  v.m = m;
  for (ir_func *f = m->funcs; f; f = f->next)
    if (f->is_kernel) { v.k = f; break; }
  v.kernel = L->kernel;
  memcpy(v.grid, L->grid, sizeof v.grid);
  memcpy(v.block, L->block, sizeof v.block);
  v.nthreads = (int)(L->block[0] * L->block[1] * L->block[2]);
  cw_sb_init(&v.out);
  int nid = m->next_id + 1;
  v.off = malloc(sizeof *v.off * (size_t)nid);
  v.base = calloc((size_t)nid, sizeof *v.base);
  v.len = calloc((size_t)nid, sizeof *v.len);
  uint8_t **shared = calloc((size_t)m->nglobals + 1, sizeof *shared);
  if (!v.off || !v.base || !v.len || !shared) abort();
  for (int i = 0; i < nid; i++) v.off[i] = -1;
  if (setjmp(v.fail)) goto done;
  if (!v.k) die(&v, (cw_loc){0}, "no kernel '%s'", L->kernel);
  if (v.nthreads <= 0 || v.nthreads > 1024) die(&v, (cw_loc){0}, "block of %d threads (1 to 1024)", v.nthreads);
  if (L->nargs != v.k->nparams) die(&v, (cw_loc){0}, "kernel '%s' takes %d arguments, got %d", L->kernel, v.k->nparams, L->nargs);
  for (int i = 0; i < v.k->nparams; i++) {
    ir_var *p = v.k->params[i];
    if (p->type->kind == IR_T_PTR) {
      v.base[p->id] = L->arg[i];
      v.len[p->id] = L->arg[i] ? L->arglen[i] : 0;
    } else {
      slot(&v, p);
      if (L->arglen[i] < (uint32_t)p->type->size) die(&v, (cw_loc){0}, "argument %d needs %d bytes", i, p->type->size);
    }
  }
  for (int i = 0; i < m->nglobals; i++) {
    ir_var *g = m->globals[i];
    if (g->kind == IR_VAR_SHARED || g->kind == IR_VAR_DYN_SHARED) {
      size_t sz = g->kind == IR_VAR_DYN_SHARED ? L->shared : (size_t)g->type->size;
      shared[i] = calloc(sz ? sz : 1, 1);
      if (!shared[i]) abort();
      v.base[g->id] = shared[i];
      v.len[g->id] = sz;
      continue;
    }
    for (int j = 0; j < L->nglobals; j++)
      if (strcmp(L->gname[j], g->name) == 0) {
        v.base[g->id] = L->gmem[j];
        v.len[g->id] = L->glen[j];
      }
  }
  walk_stmt(&v, v.k->body);
  v.frames = malloc((size_t)v.nthreads * (size_t)(v.frame ? v.frame : 1));
  v.st = malloc((size_t)v.nthreads);
  if (!v.frames || !v.st) abort();
  for (uint32_t bz = 0; bz < v.grid[2]; bz++)
    for (uint32_t by = 0; by < v.grid[1]; by++)
      for (uint32_t bx = 0; bx < v.grid[0]; bx++) {
        v.bidx[0] = bx, v.bidx[1] = by, v.bidx[2] = bz;
        memset(v.frames, 0, (size_t)v.nthreads * (size_t)v.frame);
        memset(v.st, RUN, (size_t)v.nthreads);
        for (int i = 0; i < m->nglobals; i++)
          if (shared[i]) memset(shared[i], 0, v.len[m->globals[i]->id]);
        for (int i = 0; i < v.k->nparams; i++) {
          ir_var *p = v.k->params[i];
          if (v.off[p->id] < 0) continue;
          for (int t = 0; t < v.nthreads; t++)
            memcpy(v.frames + (size_t)t * (size_t)v.frame + (size_t)v.off[p->id], L->arg[i], (size_t)p->type->size);
        }
        v.mtop = 0;
        uint8_t *all = mask_push(&v);
        memset(all, 1, (size_t)v.nthreads);
        exec(&v, v.k->body, 0);
      }
done:
  L->status = v.err[0] ? 1 : 0;
  L->err = strdup(v.err);
  L->out = cw_sb_take(&v.out);
  if (!L->out) L->out = strdup("");
  for (int i = 0; i < m->nglobals; i++) free(shared[i]);
  free(shared);
  free(v.off);
  free(v.base);
  free(v.len);
  free(v.frames);
  free(v.st);
  free(v.masks);
}

static void capture(void *user, ir_module *m, const cw_meta_module *mm, const char *code) {
  (void)mm;
  (void)code;
  run_kernel(user, m);
}

static char **split(char *s, int *n) {
  *n = 0;
  if (!s || !*s) return NULL;
  int c = 1;
  for (char *p = s; *p; p++) c += *p == '\n';
  char **v = calloc((size_t)c, sizeof *v);
  if (!v) abort();
  v[(*n)++] = s;
  for (char *p = s; *p; p++)
    if (*p == '\n') { *p = 0; v[(*n)++] = p + 1; }
  return v;
}

static char *last_err, *last_out;

/* Transpiles `src` for the C target (the IR the C back-end sees), keeps
 * `kernel`, and interprets one launch in the capture callback while the IR is
 * alive. Returns 0 ok, 1 launch error (cwj_interp_error), 2 transpile error
 * (diagnostics in the returned result, read with the cwj_* accessors). */
EMSCRIPTEN_KEEPALIVE
int cwj_interp_run(const char *src, int len, const char *filename, char *defines, const char *kernel,
                   const uint32_t *dims, uint32_t shared, int nargs, uint8_t **arg, uint32_t *arglen,
                   int nglobals, char *gnames, uint8_t **gmem, uint32_t *glen, cw_transpile_result **res) {
  launch L = {0};
  L.kernel = kernel;
  memcpy(L.grid, dims, 3 * sizeof *dims);
  memcpy(L.block, dims + 3, 3 * sizeof *dims);
  L.shared = shared;
  L.nargs = nargs;
  L.arg = arg;
  L.arglen = arglen;
  int ng = 0;
  L.gname = (const char **)split(gnames, &ng);
  L.nglobals = ng < nglobals ? ng : nglobals;
  L.gmem = gmem;
  L.glen = glen;
  L.status = -1;
  cw_transpile_options o = {0};
  o.target = CW_TARGET_C;
  o.filename = filename && *filename ? filename : NULL;
  o.kernels = &kernel;
  o.nkernels = 1;
  o.defines = (const char **)split(defines, &o.ndefines);
  cw_transpile_result *r = cw_transpile_capture(src, (size_t)len, &o, capture, &L);
  free(L.gname);
  free(o.defines);
  *res = r;
  free(last_err);
  free(last_out);
  last_err = L.err;
  last_out = L.out;
  if (L.status < 0) return 2;
  return L.status;
}

EMSCRIPTEN_KEEPALIVE const char *cwj_interp_error(void) { return last_err ? last_err : ""; }
EMSCRIPTEN_KEEPALIVE const char *cwj_interp_output(void) { return last_out ? last_out : ""; }
