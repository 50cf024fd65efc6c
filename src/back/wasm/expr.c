/* WebAssembly back-end: expressions and memory accesses (see wasm.h).
 * Values: bool and integers up to 32 bits are i32 kept sign- or
 * zero-extended from their width, 64-bit integers i64, f32, f64. Semantics
 * follow the C back-end: shifts mask the count, division by zero gives a (and
 * 0 for %), float -> int conversions saturate with NaN -> 0. */
#include <string.h>

#include "back/wasm/wasm_emit.h"


uint8_t wx_vt(wx *w, const ir_type *t) {
  switch (t->kind) {
  case IR_T_BOOL: case IR_T_I8: case IR_T_U8: case IR_T_I16: case IR_T_U16: case IR_T_I32: case IR_T_U32: return WT_I32;
  case IR_T_I64: case IR_T_U64: return WT_I64;
  case IR_T_F32: return WT_F32;
  case IR_T_F64: return WT_F64;
  default: wx_refuse(w, "a value of non-scalar type");
  }
}

static void memarg(wx *w) {
  wb_u32(&w->code, 0); /* alignment hint 1: any address */
  wb_u32(&w->code, 0);
}

void wx_load(wx *w, const ir_type *t) {
  static const uint8_t ops[] = {[IR_T_BOOL] = 0x2d, [IR_T_I8] = 0x2c, [IR_T_U8] = 0x2d, [IR_T_I16] = 0x2e,
                                [IR_T_U16] = 0x2f, [IR_T_I32] = 0x28, [IR_T_U32] = 0x28, [IR_T_I64] = 0x29,
                                [IR_T_U64] = 0x29, [IR_T_F32] = 0x2a, [IR_T_F64] = 0x2b};
  if (!ir_type_is_scalar(t)) wx_refuse(w, "a load of an aggregate");
  OP(w, ops[t->kind]);
  memarg(w);
}

void wx_store(wx *w, const ir_type *t) {
  static const uint8_t ops[] = {[IR_T_BOOL] = 0x3a, [IR_T_I8] = 0x3a, [IR_T_U8] = 0x3a, [IR_T_I16] = 0x3b,
                                [IR_T_U16] = 0x3b, [IR_T_I32] = 0x36, [IR_T_U32] = 0x36, [IR_T_I64] = 0x37,
                                [IR_T_U64] = 0x37, [IR_T_F32] = 0x38, [IR_T_F64] = 0x39};
  if (!ir_type_is_scalar(t)) wx_refuse(w, "a store of an aggregate");
  OP(w, ops[t->kind]);
  memarg(w);
}

/* Re-extends an i32 holding a value of a narrow type. */
void wx_normalize(wx *w, const ir_type *t) {
  switch (t->kind) {
  case IR_T_I8: OP(w, 0xc0); break;
  case IR_T_I16: OP(w, 0xc1); break;
  case IR_T_U8: op_i32(w, 0xff); OP(w, 0x71); break;
  case IR_T_U16: op_i32(w, 0xffff); OP(w, 0x71); break;
  case IR_T_BOOL: OP(w, 0x45); OP(w, 0x45); break; /* != 0 */
  default: break;
  }
}

/* ---------------- addresses ---------------- */

/* Pushes the base address of var and leaves its byte length in local `len`. */
static void var_base(wx *w, const ir_var *v, int len) {
  if (w->off[v->id] >= 0) {
    op_i32(w, v->type->size);
    op_set(w, len);
    op_get(w, WL_FA);
    op_i32(w, w->off[v->id]);
    OP(w, 0x6a);
    return;
  }
  int s = w->slot[v->id];
  if (s < 0) wx_refuse(w, "variable '%s' has no memory", v->src_name ? v->src_name : v->name);
  op_info(w, CW_WASM_INFO_HEADER + 8 * s + 4);
  op_set(w, len);
  op_info(w, CW_WASM_INFO_HEADER + 8 * s);
}

/* [base] -> [base + idx * size], checking idx < len / size (len in local `len`). */
static void index_into(wx *w, const ir_expr *ix, int size, int len, int var_slot, int line) {
  int b = wx_local(w, WT_I32), i = wx_local(w, WT_I64);
  op_set(w, b);
  wx_expr(w, ix);
  if (wx_vt(w, ix->type) == WT_I32) OP(w, ir_type_is_signed(ix->type) ? 0xac : 0xad);
  op_tee(w, i);
  /* (u64)i >= len / size: out of bounds (negative indices are huge unsigned) */
  op_get(w, len);
  op_i32(w, size > 0 ? size : 1);
  OP(w, 0x6e);                  /* i32.div_u */
  OP(w, 0xad);                  /* i64.extend_i32_u */
  OP(w, 0x5a);                  /* i64.ge_u */
  OP(w, 0x04); OP(w, WT_VOID);  /* if */
  op_i32(w, line);
  op_i32(w, var_slot);
  op_get(w, i);
  OP(w, 0x10); wb_u32(&w->code, CW_WI_OOB);
  OP(w, 0x00);                  /* unreachable: oob throws */
  OP(w, 0x0b);
  op_get(w, b);
  op_get(w, i);
  OP(w, 0xa7);                  /* i32.wrap_i64 */
  op_i32(w, size);
  OP(w, 0x6c);
  OP(w, 0x6a);
}

/* Address of an lvalue; leaves the bytes from it to the end of its variable in `len`. */
static void addr_len(wx *w, const ir_expr *e, int len) {
  switch (e->kind) {
  case IR_E_VAR: var_base(w, e->var, len); return;
  case IR_E_ELEM: {
    var_base(w, e->var, len);
    int s = w->slot[e->var->id];
    index_into(w, e->b, e->type->size, len, s >= 0 ? s : -1 - w->off[e->var->id], e->loc.line);
    return;
  }
  case IR_E_INDEX: {
    /* an array inside a variable: check against the array's own length */
    addr_len(w, e->a, len);
    op_i32(w, e->a->type->size);
    op_set(w, len);
    index_into(w, e->b, e->type->size, len, -1, e->loc.line);
    return;
  }
  case IR_E_MEMBER:
    addr_len(w, e->a, len);
    op_i32(w, e->a->type->st->fields[e->field].offset);
    OP(w, 0x6a);
    return;
  default: wx_refuse(w, "expression kind %d as an lvalue", (int)e->kind);
  }
}

void wx_addr(wx *w, const ir_expr *e) { addr_len(w, e, wx_local(w, WT_I32)); }

/* ---------------- conversions ---------------- */
static void clamp_i32(wx *w, int32_t lo, int32_t hi) {
  int x = wx_local(w, WT_I32);
  op_tee(w, x);
  op_i32(w, lo);
  op_get(w, x);
  op_i32(w, lo);
  OP(w, 0x4a); /* x > lo (signed) */
  OP(w, 0x1b); /* select(x, lo, x > lo) = max */
  op_tee(w, x);
  op_i32(w, hi);
  op_get(w, x);
  op_i32(w, hi);
  OP(w, 0x48); /* x < hi */
  OP(w, 0x1b); /* min */
}

void wx_convert(wx *w, const ir_type *to, const ir_type *from) {
  uint8_t tv = wx_vt(w, to), fv = wx_vt(w, from);
  bool fs = ir_type_is_signed(from);
  if (to->kind == IR_T_BOOL) {
    switch (fv) {
    case WT_I32: OP(w, 0x45); OP(w, 0x45); return;
    case WT_I64: OP(w, 0x50); OP(w, 0x45); return;
    case WT_F32: OP(w, 0x43); wb_raw(&w->code, "\0\0\0\0", 4); OP(w, 0x5c); return;
    default: OP(w, 0x44); wb_raw(&w->code, "\0\0\0\0\0\0\0\0", 8); OP(w, 0x62); return;
    }
  }
  if (ir_type_is_float(to) && ir_type_is_float(from)) {
    if (tv == WT_F32 && fv == WT_F64) OP(w, 0xb6);
    else if (tv == WT_F64 && fv == WT_F32) OP(w, 0xbb);
    return;
  }
  if (ir_type_is_float(to)) { /* int -> float */
    static const uint8_t f32ops[] = {0xb3, 0xb2, 0xb5, 0xb4}, f64ops[] = {0xb8, 0xb7, 0xba, 0xb9};
    int i = (fv == WT_I64 ? 2 : 0) + (fs ? 1 : 0);
    OP(w, tv == WT_F32 ? f32ops[i] : f64ops[i]);
    return;
  }
  if (ir_type_is_float(from)) { /* saturating, NaN -> 0 */
    bool f64 = fv == WT_F64, ts = ir_type_is_signed(to);
    OP(w, 0xfc);
    if (tv == WT_I64) wb_u32(&w->code, (f64 ? 6 : 4) + (ts ? 0 : 1));
    else wb_u32(&w->code, (f64 ? 2 : 0) + (ts ? 0 : 1));
    switch (to->kind) {
    case IR_T_I8: clamp_i32(w, -128, 127); break;
    case IR_T_U8: clamp_i32(w, 0, 255); break;
    case IR_T_I16: clamp_i32(w, -32768, 32767); break;
    case IR_T_U16: clamp_i32(w, 0, 65535); break;
    default: break;
    }
    return;
  }
  /* int -> int */
  if (tv == WT_I64 && fv == WT_I32) OP(w, fs ? 0xac : 0xad);
  else if (tv == WT_I32 && fv == WT_I64) OP(w, 0xa7);
  wx_normalize(w, to);
}

/* ---------------- operators ---------------- */
static void divrem(wx *w, const ir_expr *e, bool l64) {
  bool sg = ir_type_is_signed(e->type), div = e->op == IR_OP_DIV;
  uint8_t vt = l64 ? WT_I64 : WT_I32;
  int a = wx_local(w, vt), b = wx_local(w, vt);
  wx_expr(w, e->a);
  op_set(w, a);
  wx_expr(w, e->b);
  op_set(w, b);
  /* b == 0, or (signed, a == MIN, b == -1 at this width): a for /, 0 for % (as cw_div_*) */
  op_get(w, b);
  OP(w, l64 ? 0x50 : 0x45);
  if (sg && (l64 || e->type->kind == IR_T_I32)) {
    op_get(w, b);
    if (l64) { OP(w, 0x42); wb_s64(&w->code, -1); OP(w, 0x51); } else { op_i32(w, -1); OP(w, 0x46); }
    op_get(w, a);
    if (l64) { OP(w, 0x42); wb_s64(&w->code, INT64_MIN); OP(w, 0x51); } else { op_i32(w, INT32_MIN); OP(w, 0x46); }
    OP(w, 0x71);
    OP(w, 0x72);
  }
  OP(w, 0x04); OP(w, vt);
  if (div) op_get(w, a);
  else if (l64) { OP(w, 0x42); wb_s64(&w->code, 0); } else op_i32(w, 0);
  OP(w, 0x05);
  op_get(w, a);
  op_get(w, b);
  if (l64) OP(w, div ? (sg ? 0x7f : 0x80) : (sg ? 0x81 : 0x82));
  else OP(w, div ? (sg ? 0x6d : 0x6e) : (sg ? 0x6f : 0x70));
  OP(w, 0x0b);
  wx_normalize(w, e->type);
}

static void binary(wx *w, const ir_expr *e) {
  const ir_type *t = e->a->type;
  uint8_t vt = wx_vt(w, t);
  if (e->op == IR_OP_LAND || e->op == IR_OP_LOR) {
    wx_expr(w, e->a);
    OP(w, 0x04); OP(w, WT_I32);
    if (e->op == IR_OP_LAND) { wx_expr(w, e->b); OP(w, 0x05); op_i32(w, 0); }
    else { op_i32(w, 1); OP(w, 0x05); wx_expr(w, e->b); }
    OP(w, 0x0b);
    return;
  }
  if ((e->op == IR_OP_DIV || e->op == IR_OP_REM) && !ir_type_is_float(t)) { divrem(w, e, vt == WT_I64); return; }
  if (e->op == IR_OP_REM) { /* float %: fmod */
    wx_expr(w, e->a);
    if (vt == WT_F32) OP(w, 0xbb);
    wx_expr(w, e->b);
    if (vt == WT_F32) OP(w, 0xbb);
    OP(w, 0x10); wb_u32(&w->code, CW_WI_FMOD);
    if (vt == WT_F32) OP(w, 0xb6);
    return;
  }
  wx_expr(w, e->a);
  wx_expr(w, e->b);
  bool sg = ir_type_is_signed(t);
  if ((e->op == IR_OP_SHL || e->op == IR_OP_SHR)) {
    /* the count has any integer type: bring it to the operand's width */
    uint8_t cv = wx_vt(w, e->b->type);
    if (vt == WT_I64 && cv == WT_I32) OP(w, 0xad);
    else if (vt == WT_I32 && cv == WT_I64) OP(w, 0xa7);
  }
  /* opcode tables: i32, i64, f32, f64 */
  static const uint8_t add[] = {0x6a, 0x7c, 0x92, 0xa0}, sub[] = {0x6b, 0x7d, 0x93, 0xa1},
                       mul[] = {0x6c, 0x7e, 0x94, 0xa2}, fdiv[] = {0, 0, 0x95, 0xa3},
                       eq[] = {0x46, 0x51, 0x5b, 0x61}, ne[] = {0x47, 0x52, 0x5c, 0x62};
  int k = vt == WT_I32 ? 0 : vt == WT_I64 ? 1 : vt == WT_F32 ? 2 : 3;
  bool fl = k >= 2;
  switch (e->op) {
  case IR_OP_ADD: OP(w, add[k]); break;
  case IR_OP_SUB: OP(w, sub[k]); break;
  case IR_OP_MUL: OP(w, mul[k]); break;
  case IR_OP_DIV: OP(w, fdiv[k]); break;
  case IR_OP_SHL: OP(w, k ? 0x86 : 0x74); break;
  case IR_OP_SHR: OP(w, k ? (sg ? 0x87 : 0x88) : (sg ? 0x75 : 0x76)); break;
  case IR_OP_AND: OP(w, k ? 0x83 : 0x71); break;
  case IR_OP_OR: OP(w, k ? 0x84 : 0x72); break;
  case IR_OP_XOR: OP(w, k ? 0x85 : 0x73); break;
  case IR_OP_EQ: OP(w, eq[k]); return;
  case IR_OP_NE: OP(w, ne[k]); return;
  case IR_OP_LT: case IR_OP_LE: case IR_OP_GT: case IR_OP_GE: {
    int o = e->op == IR_OP_LT ? 0 : e->op == IR_OP_GT ? 1 : e->op == IR_OP_LE ? 2 : 3;
    static const uint8_t f32c[] = {0x5d, 0x5e, 0x5f, 0x60}, f64c[] = {0x63, 0x64, 0x65, 0x66};
    static const uint8_t i32s[] = {0x48, 0x4a, 0x4c, 0x4e}, i32u[] = {0x49, 0x4b, 0x4d, 0x4f};
    static const uint8_t i64s[] = {0x53, 0x55, 0x57, 0x59}, i64u[] = {0x54, 0x56, 0x58, 0x5a};
    OP(w, k == 2 ? f32c[o] : k == 3 ? f64c[o] : k == 1 ? (sg ? i64s[o] : i64u[o]) : (sg ? i32s[o] : i32u[o]));
    return;
  }
  default: wx_refuse(w, "operator %s", ir_op_str(e->op));
  }
  if (!fl) wx_normalize(w, e->type);
}

/* ---------------- intrinsics ---------------- */
static void call(wx *w, int imp) { OP(w, 0x10); wb_u32(&w->code, (uint32_t)imp); }

/* math through an f64 import: promote, call, demote */
static void math(wx *w, const ir_expr *e, int imp) {
  bool f32 = e->type->kind == IR_T_F32;
  for (int i = 0; i < e->nargs; i++) {
    wx_expr(w, e->args[i]);
    if (e->intrinsic == CW_IN_LDEXP && i == 1) OP(w, 0xb7); /* int exponent as f64 */
    else if (f32) OP(w, 0xbb);
  }
  call(w, imp);
  if (f32) OP(w, 0xb6);
}

static void intrinsic(wx *w, const ir_expr *e) {
  const ir_type *at = e->nargs ? e->args[0]->type : e->type;
  uint8_t vt = wx_vt(w, at);
  bool f32 = vt == WT_F32, l64 = vt == WT_I64;
  switch (e->intrinsic) {
#define M(in, imp) case CW_IN_##in: math(w, e, CW_WI_##imp); return;
  M(CBRT, CBRT) M(EXP, EXP) M(FAST_EXP, EXP) M(EXP2, EXP2) M(EXP10, EXP10) M(EXPM1, EXPM1)
  M(LOG, LOG) M(FAST_LOG, LOG) M(LOG2, LOG2) M(LOG10, LOG10) M(LOG1P, LOG1P) M(SIN, SIN) M(FAST_SIN, SIN)
  M(COS, COS) M(FAST_COS, COS) M(TAN, TAN) M(ASIN, ASIN) M(ACOS, ACOS) M(ATAN, ATAN) M(SINH, SINH)
  M(COSH, COSH) M(TANH, TANH) M(ASINH, ASINH) M(ACOSH, ACOSH) M(ATANH, ATANH) M(ERF, ERF) M(ERFC, ERFC)
  M(ROUND, ROUND) M(POW, POW) M(FAST_POW, POW) M(ATAN2, ATAN2) M(FMOD, FMOD) M(REMAINDER, REMAINDER)
  M(HYPOT, HYPOT) M(FMIN, FMIN) M(FMAX, FMAX) M(FDIM, FDIM) M(LDEXP, LDEXP) M(FMA, FMA) M(FMA_RN, FMA)
#undef M
  case CW_IN_SQRT: case CW_IN_SQRT_RN: wx_expr(w, e->args[0]); OP(w, f32 ? 0x91 : 0x9f); return;
  case CW_IN_RSQRT:
    if (f32) { OP(w, 0x43); float one = 1.0f; wb_raw(&w->code, &one, 4); }
    else { OP(w, 0x44); double one = 1.0; wb_raw(&w->code, &one, 8); }
    wx_expr(w, e->args[0]);
    OP(w, f32 ? 0x91 : 0x9f);
    OP(w, f32 ? 0x95 : 0xa3);
    return;
  case CW_IN_RCP_RN: case CW_IN_FAST_DIV: case CW_IN_ADD_RN: case CW_IN_MUL_RN:
    if (e->intrinsic == CW_IN_RCP_RN) {
      if (f32) { OP(w, 0x43); float one = 1.0f; wb_raw(&w->code, &one, 4); }
      else { OP(w, 0x44); double one = 1.0; wb_raw(&w->code, &one, 8); }
      wx_expr(w, e->args[0]);
    } else {
      wx_expr(w, e->args[0]);
      wx_expr(w, e->args[1]);
    }
    OP(w, e->intrinsic == CW_IN_ADD_RN ? (f32 ? 0x92 : 0xa0) : e->intrinsic == CW_IN_MUL_RN ? (f32 ? 0x94 : 0xa2) : (f32 ? 0x95 : 0xa3));
    return;
  case CW_IN_FABS: wx_expr(w, e->args[0]); OP(w, f32 ? 0x8b : 0x99); return;
  case CW_IN_FLOOR: wx_expr(w, e->args[0]); OP(w, f32 ? 0x8e : 0x9c); return;
  case CW_IN_CEIL: wx_expr(w, e->args[0]); OP(w, f32 ? 0x8d : 0x9b); return;
  case CW_IN_TRUNC: wx_expr(w, e->args[0]); OP(w, f32 ? 0x8f : 0x9d); return;
  case CW_IN_RINT: wx_expr(w, e->args[0]); OP(w, f32 ? 0x90 : 0x9e); return;
  case CW_IN_COPYSIGN: wx_expr(w, e->args[0]); wx_expr(w, e->args[1]); OP(w, f32 ? 0x98 : 0xa6); return;
  case CW_IN_ISNAN: case CW_IN_ISINF: case CW_IN_ISFINITE: case CW_IN_SIGNBIT: {
    int x = wx_local(w, vt);
    wx_expr(w, e->args[0]);
    op_set(w, x);
    if (e->intrinsic == CW_IN_ISNAN) { op_get(w, x); op_get(w, x); OP(w, f32 ? 0x5c : 0x62); }
    else if (e->intrinsic == CW_IN_SIGNBIT) {
      op_get(w, x);
      if (f32) { OP(w, 0xbc); op_i32(w, 31); OP(w, 0x76); }
      else { OP(w, 0xbd); OP(w, 0x42); wb_s64(&w->code, 63); OP(w, 0x88); OP(w, 0xa7); }
    } else {
      /* |x| == inf; finite: |x| < inf */
      op_get(w, x);
      OP(w, f32 ? 0x8b : 0x99);
      if (f32) { OP(w, 0x43); float inf = __builtin_inff(); wb_raw(&w->code, &inf, 4); }
      else { OP(w, 0x44); double inf = __builtin_inf(); wb_raw(&w->code, &inf, 8); }
      OP(w, e->intrinsic == CW_IN_ISINF ? (f32 ? 0x5b : 0x61) : (f32 ? 0x5d : 0x63));
    }
    wx_convert(w, e->type, &ir_i32);
    return;
  }
  case CW_IN_SATURATE: {
    /* NaN -> 0, then clamp to [0, 1] */
    int x = wx_local(w, vt);
    wx_expr(w, e->args[0]);
    op_set(w, x);
    if (f32) { OP(w, 0x43); float z = 0, o = 1; wb_raw(&w->code, &z, 4); OP(w, 0x43); wb_raw(&w->code, &o, 4); }
    else { OP(w, 0x44); double z = 0, o = 1; wb_raw(&w->code, &z, 8); OP(w, 0x44); wb_raw(&w->code, &o, 8); }
    op_get(w, x);
    OP(w, f32 ? 0x96 : 0xa4); /* min(1, x): NaN stays NaN */
    OP(w, f32 ? 0x97 : 0xa5); /* max(0, .) */
    /* NaN -> 0 */
    int y = wx_local(w, vt);
    op_tee(w, y);
    if (f32) { OP(w, 0x43); float z = 0; wb_raw(&w->code, &z, 4); } else { OP(w, 0x44); double z = 0; wb_raw(&w->code, &z, 8); }
    op_get(w, y);
    op_get(w, y);
    OP(w, f32 ? 0x5b : 0x61);
    OP(w, 0x1b);
    return;
  }
  case CW_IN_POPC: case CW_IN_POPCLL:
    wx_expr(w, e->args[0]);
    OP(w, l64 ? 0x7b : 0x69);
    if (l64) OP(w, 0xa7);
    wx_convert(w, e->type, &ir_u32);
    return;
  case CW_IN_CLZ:
    wx_expr(w, e->args[0]);
    OP(w, l64 ? 0x79 : 0x67);
    if (l64) OP(w, 0xa7);
    wx_convert(w, e->type, &ir_u32);
    return;
  case CW_IN_FFS: {
    int x = wx_local(w, vt);
    wx_expr(w, e->args[0]);
    op_tee(w, x);
    OP(w, l64 ? 0x7a : 0x68);
    if (l64) OP(w, 0xa7);
    op_i32(w, 1);
    OP(w, 0x6a);
    op_i32(w, 0);
    op_get(w, x);
    if (l64) OP(w, 0x50); else OP(w, 0x45);
    OP(w, 0x45);
    OP(w, 0x1b);
    wx_convert(w, e->type, &ir_u32);
    return;
  }
  case CW_IN_BREV:
    wx_expr(w, e->args[0]);
    call(w, l64 ? CW_WI_BREV64 : CW_WI_BREV32);
    return;
  case CW_IN_MUL24: case CW_IN_UMUL24: {
    bool sg = e->intrinsic == CW_IN_MUL24;
    for (int i = 0; i < 2; i++) {
      wx_expr(w, e->args[i]);
      if (sg) { op_i32(w, 8); OP(w, 0x74); op_i32(w, 8); OP(w, 0x75); }
      else { op_i32(w, 0xffffff); OP(w, 0x71); }
    }
    OP(w, 0x6c);
    wx_normalize(w, e->type);
    return;
  }
  case CW_IN_MULHI: case CW_IN_UMULHI: {
    bool sg = e->intrinsic == CW_IN_MULHI;
    if (l64) {
      wx_expr(w, e->args[0]);
      wx_expr(w, e->args[1]);
      op_i32(w, sg);
      call(w, CW_WI_MULHI64);
      return;
    }
    wx_expr(w, e->args[0]);
    OP(w, sg ? 0xac : 0xad);
    wx_expr(w, e->args[1]);
    OP(w, sg ? 0xac : 0xad);
    OP(w, 0x7e);
    OP(w, 0x42); wb_s64(&w->code, 32);
    OP(w, sg ? 0x87 : 0x88);
    OP(w, 0xa7);
    return;
  }
  case CW_IN_MIN: case CW_IN_MAX: {
    bool mn = e->intrinsic == CW_IN_MIN;
    if (ir_type_is_float(at)) { math(w, e, mn ? CW_WI_FMIN : CW_WI_FMAX); return; }
    int a = wx_local(w, vt), b = wx_local(w, vt);
    wx_expr(w, e->args[0]);
    op_tee(w, a);
    wx_expr(w, e->args[1]);
    op_tee(w, b);
    op_get(w, a);
    op_get(w, b);
    bool sg = ir_type_is_signed(at);
    /* select(a, b, a < b) for min */
    if (l64) OP(w, mn ? (sg ? 0x53 : 0x54) : (sg ? 0x55 : 0x56));
    else OP(w, mn ? (sg ? 0x48 : 0x49) : (sg ? 0x4a : 0x4b));
    OP(w, 0x1b);
    return;
  }
  case CW_IN_ABS: {
    if (ir_type_is_float(at)) { wx_expr(w, e->args[0]); OP(w, f32 ? 0x8b : 0x99); return; }
    int a = wx_local(w, vt);
    if (l64) { OP(w, 0x42); wb_s64(&w->code, 0); } else op_i32(w, 0);
    wx_expr(w, e->args[0]);
    op_tee(w, a);
    OP(w, l64 ? 0x7d : 0x6b); /* 0 - a */
    op_get(w, a);
    op_get(w, a);
    if (l64) { OP(w, 0x42); wb_s64(&w->code, 0); OP(w, 0x53); } else { op_i32(w, 0); OP(w, 0x48); }
    OP(w, 0x1b);              /* select(-a, a, a < 0) */
    wx_normalize(w, e->type);
    return;
  }
  case CW_IN_FLOAT_AS_INT: case CW_IN_INT_AS_FLOAT: case CW_IN_FLOAT_AS_UINT: case CW_IN_UINT_AS_FLOAT:
    wx_expr(w, e->args[0]);
    OP(w, ir_type_is_float(at) ? 0xbc : 0xbe);
    return;
  default: wx_refuse(w, "intrinsic %s", cw_intrinsic_name(e->intrinsic));
  }
}

void wx_expr(wx *w, const ir_expr *e) {
  switch (e->kind) {
  case IR_E_CONST:
    switch (wx_vt(w, e->type)) {
    case WT_I32: op_i32(w, (int32_t)(uint32_t)e->u.i); wx_normalize(w, e->type); return;
    case WT_I64: OP(w, 0x42); wb_s64(&w->code, (int64_t)e->u.i); return;
    case WT_F32: { float f = (float)e->u.f; OP(w, 0x43); wb_raw(&w->code, &f, 4); return; }
    default: OP(w, 0x44); wb_raw(&w->code, &e->u.f, 8); return;
    }
  case IR_E_VAR: case IR_E_ELEM: case IR_E_INDEX: case IR_E_MEMBER:
    wx_addr(w, e);
    wx_load(w, e->type);
    return;
  case IR_E_BUILTIN:
    switch (e->builtin) {
    case IR_BI_THREAD_IDX:
      /* t % bx, (t / bx) % by, t / (bx * by) */
      op_get(w, WL_T);
      if (e->dim >= 1) { op_info(w, 4); OP(w, 0x6e); }
      if (e->dim == 2) { op_info(w, 8); OP(w, 0x6e); }
      else { op_info(w, e->dim == 0 ? 4 : 8); OP(w, 0x70); }
      break;
    case IR_BI_BLOCK_DIM: op_info(w, 4 + 4 * e->dim); break;
    case IR_BI_GRID_DIM: op_info(w, 16 + 4 * e->dim); break;
    case IR_BI_BLOCK_IDX: op_info(w, 28 + 4 * e->dim); break;
    case IR_BI_WARP_SIZE: op_i32(w, 32); break;
    }
    wx_convert(w, e->type, &ir_u32);
    return;
  case IR_E_UNARY: {
    uint8_t vt = wx_vt(w, e->type);
    if (e->op == IR_OP_NOT) { wx_expr(w, e->a); OP(w, 0x45); return; }
    if (e->op == IR_OP_BITNOT) {
      wx_expr(w, e->a);
      if (vt == WT_I64) { OP(w, 0x42); wb_s64(&w->code, -1); OP(w, 0x85); }
      else { op_i32(w, -1); OP(w, 0x73); }
      wx_normalize(w, e->type);
      return;
    }
    if (vt == WT_F32 || vt == WT_F64) { wx_expr(w, e->a); OP(w, vt == WT_F32 ? 0x8c : 0x9a); return; }
    if (vt == WT_I64) OP(w, 0x42), wb_s64(&w->code, 0); else op_i32(w, 0);
    wx_expr(w, e->a);
    OP(w, vt == WT_I64 ? 0x7d : 0x6b);
    wx_normalize(w, e->type);
    return;
  }
  case IR_E_BINARY: binary(w, e); return;
  case IR_E_CONVERT: wx_expr(w, e->a); wx_convert(w, e->type, e->a->type); return;
  case IR_E_BITCAST: {
    wx_expr(w, e->a);
    uint8_t f = wx_vt(w, e->a->type), t = wx_vt(w, e->type);
    if (f == t) { wx_normalize(w, e->type); return; }
    OP(w, f == WT_F32 ? 0xbc : f == WT_F64 ? 0xbd : f == WT_I32 ? 0xbe : 0xbf);
    return;
  }
  case IR_E_SELECT: /* if/else, not select: only the chosen side may touch memory */
    wx_expr(w, e->a);
    OP(w, 0x04); OP(w, wx_vt(w, e->type));
    wx_expr(w, e->b);
    OP(w, 0x05);
    wx_expr(w, e->c);
    OP(w, 0x0b);
    return;
  case IR_E_INTRINSIC: intrinsic(w, e); return;
  default: wx_refuse(w, "expression kind %d", (int)e->kind);
  }
}
