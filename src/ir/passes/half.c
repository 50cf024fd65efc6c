/* passes/half.c — ir_pass_half (LOWERED -> LOWERED), before inlining.
 *
 * Only when m->half_native (WGSL target on a device whose native f16 the
 * runtime found bit-exact, or `transpile --f16`): the bodies of the
 * arithmetic functions of the built-in <cuda_fp16.h> (__hadd __hsub __hmul
 * __hdiv and __hadd2 __hsub2 __hmul2; with half_native 2 also __hfma and
 * __hfma2, whose native f16 fma some devices round twice: lavapipe) become
 * one intrinsic on their 16-bit patterns (CW_IN_HADD & co.), which the WGSL
 * back-end computes in f16. Everything that calls them (the C++ operators, user code) follows
 * when the inliner copies the new bodies. Conversions, comparisons, __hneg and
 * __habs keep the header's exact integer code, and so does everything when
 * half_native is 0 (this pass then changes nothing, so the output of every
 * target is what it was).
 *
 * Functions are recognised by name and by coming from the built-in header
 * (a user's own __hadd is left alone). */
#include <string.h>

#include "ir/ir.h"

static const struct {
  const char *name;
  cw_intrinsic in;
} ops[] = {
    {"__hadd", CW_IN_HADD},   {"__hsub", CW_IN_HSUB},   {"__hmul", CW_IN_HMUL},
    {"__hdiv", CW_IN_HDIV},   {"__hfma", CW_IN_HFMA},   {"__hadd2", CW_IN_HADD2},
    {"__hsub2", CW_IN_HSUB2}, {"__hmul2", CW_IN_HMUL2}, {"__hfma2", CW_IN_HFMA2},
};

static bool from_header(const ir_func *f) {
  return f->loc.file && f->loc.file->name && strcmp(f->loc.file->name, "<built-in>/cuda_fp16.h") == 0;
}

/* struct __half { unsigned short __x; } */
static bool is_half(const ir_type *t) {
  return t->kind == IR_T_STRUCT && t->st->nfields == 1 && !t->st->is_union &&
         t->st->fields[0].type->kind == IR_T_U16;
}

/* struct __half2 { __half x, y; } */
static bool is_half2(const ir_type *t) {
  return t->kind == IR_T_STRUCT && t->st->nfields == 2 && !t->st->is_union && is_half(t->st->fields[0].type) &&
         is_half(t->st->fields[1].type);
}

static ir_expr *member(ir_module *m, ir_expr *a, int field, cw_loc loc) {
  ir_expr *e = ir_expr_new(m, IR_E_MEMBER, a->type->st->fields[field].type, loc);
  e->a = a;
  e->field = field;
  return e;
}

/* the bits of a __half lvalue (u16) */
static ir_expr *bits(ir_module *m, ir_expr *h, cw_loc loc) { return member(m, h, 0, loc); }

/* the two halves of a __half2 lvalue in a u32, x low */
static ir_expr *pack(ir_module *m, ir_var *v, cw_loc loc) {
  ir_expr *x = ir_convert(m, &ir_u32, bits(m, member(m, ir_var_ref(m, v, loc), 0, loc), loc), loc);
  ir_expr *y = ir_convert(m, &ir_u32, bits(m, member(m, ir_var_ref(m, v, loc), 1, loc), loc), loc);
  return ir_binary(m, IR_OP_OR, x, ir_binary(m, IR_OP_SHL, y, ir_const_int(m, &ir_u32, 16, loc), loc), loc);
}

static void assign(ir_module *m, ir_stmt *blk, ir_expr *lhs, ir_expr *rhs, cw_loc loc) {
  ir_stmt *s = ir_stmt_new(m, IR_S_ASSIGN, loc);
  s->lhs = lhs;
  s->rhs = rhs;
  ir_block_append(blk, s);
}

/* { decl r; r.<bits> = op(params' bits); return r; } in place of the body */
static void rewrite(ir_module *m, ir_func *f, cw_intrinsic in) {
  bool two = cw_intrinsic_is_half2(in);
  int n = cw_intrinsic_nargs(in);
  if (f->nparams != n || !(two ? is_half2(f->ret) : is_half(f->ret))) return;
  for (int i = 0; i < n; i++)
    if (!(two ? is_half2(f->params[i]->type) : is_half(f->params[i]->type))) return;
  cw_loc loc = f->loc;
  ir_expr *op = ir_expr_new(m, IR_E_INTRINSIC, two ? &ir_u32 : &ir_u16, loc);
  op->intrinsic = in;
  op->nargs = n;
  op->args = CW_NEW_ARRAY(m->arena, ir_expr *, n);
  for (int i = 0; i < n; i++)
    op->args[i] = two ? pack(m, f->params[i], loc) : bits(m, ir_var_ref(m, f->params[i], loc), loc);
  ir_stmt *blk = ir_block_new(m, loc);
  ir_var *r = ir_var_new(m, IR_VAR_LOCAL, "r", f->ret, loc);
  ir_stmt *d = ir_stmt_new(m, IR_S_DECL, loc);
  d->var = r;
  ir_block_append(blk, d);
  if (two) {
    ir_var *w = ir_var_new(m, IR_VAR_LOCAL, "w", &ir_u32, loc);
    ir_stmt *dw = ir_stmt_new(m, IR_S_DECL, loc);
    dw->var = w;
    dw->init = op;
    ir_block_append(blk, dw);
    ir_expr *lo = ir_convert(m, &ir_u16, ir_var_ref(m, w, loc), loc);
    ir_expr *hi = ir_convert(
        m, &ir_u16, ir_binary(m, IR_OP_SHR, ir_var_ref(m, w, loc), ir_const_int(m, &ir_u32, 16, loc), loc), loc);
    assign(m, blk, bits(m, member(m, ir_var_ref(m, r, loc), 0, loc), loc), lo, loc);
    assign(m, blk, bits(m, member(m, ir_var_ref(m, r, loc), 1, loc), loc), hi, loc);
  } else {
    assign(m, blk, bits(m, ir_var_ref(m, r, loc), loc), op, loc);
  }
  ir_stmt *ret = ir_stmt_new(m, IR_S_RETURN, loc);
  ret->value = ir_var_ref(m, r, loc);
  ir_block_append(blk, ret);
  f->body = blk;
}

bool ir_pass_half(ir_module *m) {
  if (!m->half_native) return false;
  bool changed = false;
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (f->is_kernel || !from_header(f)) continue;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
      if (strcmp(f->name, ops[i].name) == 0 &&
          (m->half_native >= 2 || (ops[i].in != CW_IN_HFMA && ops[i].in != CW_IN_HFMA2))) {
        ir_stmt *before = f->body;
        rewrite(m, f, ops[i].in);
        changed |= f->body != before;
      }
  }
  return changed;
}
