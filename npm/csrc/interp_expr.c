/* The IR interpreter's values, memory accesses (bounds-checked) and
 * expressions (see interp.h; statements and launches: interp.c). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "interp.h"

void die(vm *v, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = loc.file ? snprintf(v->err, sizeof v->err, "%s:%d: ", loc.file->name, loc.line) : 0;
  vsnprintf(v->err + n, sizeof v->err - (size_t)n, fmt, ap);
  va_end(ap);
  longjmp(v->fail, 1);
}

/* ---------------- values ---------------- */
val norm(const ir_type *t, val x) {
  switch (t->kind) {
  case IR_T_BOOL: x.i = x.i != 0; break;
  case IR_T_I8: x.i = (uint64_t)(int64_t)(int8_t)x.i; break;
  case IR_T_U8: x.i &= 0xffu; break;
  case IR_T_I16: x.i = (uint64_t)(int64_t)(int16_t)x.i; break;
  case IR_T_U16: x.i &= 0xffffu; break;
  case IR_T_I32: x.i = (uint64_t)(int64_t)(int32_t)x.i; break;
  case IR_T_U32: x.i &= 0xffffffffu; break;
  case IR_T_F32: x.f = (double)(float)x.f; break;
  default: break;
  }
  return x;
}

val load(const ir_type *t, const uint8_t *p) {
  val x = {0};
  switch (t->kind) {
  case IR_T_F32: { float f; memcpy(&f, p, 4); x.f = f; return x; }
  case IR_T_F64: memcpy(&x.f, p, 8); return x;
  case IR_T_BOOL: case IR_T_I8: case IR_T_U8: x.i = p[0]; break;
  case IR_T_I16: case IR_T_U16: { uint16_t h; memcpy(&h, p, 2); x.i = h; break; }
  case IR_T_I32: case IR_T_U32: { uint32_t w; memcpy(&w, p, 4); x.i = w; break; }
  default: memcpy(&x.i, p, 8); break;
  }
  return norm(t, x);
}

void store(const ir_type *t, uint8_t *p, val x) {
  switch (t->kind) {
  case IR_T_F32: { float f = (float)x.f; memcpy(p, &f, 4); return; }
  case IR_T_F64: memcpy(p, &x.f, 8); return;
  case IR_T_BOOL: case IR_T_I8: case IR_T_U8: p[0] = (uint8_t)x.i; return;
  case IR_T_I16: case IR_T_U16: { uint16_t h = (uint16_t)x.i; memcpy(p, &h, 2); return; }
  case IR_T_I32: case IR_T_U32: { uint32_t w = (uint32_t)x.i; memcpy(p, &w, 4); return; }
  default: memcpy(p, &x.i, 8); return;
  }
}

static int bits(const ir_type *t) { return t->size * 8; }

/* ---------------- memory ---------------- */
uint8_t *var_mem(vm *v, const ir_var *var, size_t *avail, cw_loc loc) {
  if (v->off[var->id] >= 0) {
    *avail = v->len[var->id];
    return v->frames + (size_t)v->t * (size_t)v->frame + (size_t)v->off[var->id];
  }
  if (!v->base[var->id]) die(v, loc, "interpreter: variable '%s' has no memory", var->src_name ? var->src_name : var->name);
  *avail = v->len[var->id];
  return v->base[var->id];
}


/* Address of an lvalue with `avail` bytes from it to the end of its memory. */
uint8_t *lval(vm *v, const ir_expr *e, size_t *avail) {
  switch (e->kind) {
  case IR_E_VAR: return var_mem(v, e->var, avail, e->loc);
  case IR_E_ELEM: case IR_E_INDEX: {
    size_t room;
    uint8_t *p = e->kind == IR_E_ELEM ? var_mem(v, e->var, &room, e->loc) : lval(v, e->a, &room);
    val ix = eval(v, e->b);
    int64_t i = ir_type_is_signed(e->b->type) ? (int64_t)ix.i : (int64_t)(ix.i & (e->b->type->size == 8 ? ~0ull : 0xffffffffull));
    size_t sz = (size_t)e->type->size;
    if (i < 0 || (uint64_t)i >= room / (sz ? sz : 1))
      die(v, e->loc, "out-of-bounds access: element %lld of '%s' (%zu elements) in kernel %s, thread %d of block (%u,%u,%u)",
          (long long)i, e->kind == IR_E_ELEM ? (e->var->src_name ? e->var->src_name : e->var->name) : "array",
          room / (sz ? sz : 1), v->kernel, v->t, v->bidx[0], v->bidx[1], v->bidx[2]);
    *avail = room - (size_t)i * sz;
    return p + (size_t)i * sz;
  }
  case IR_E_MEMBER: {
    size_t room;
    uint8_t *p = lval(v, e->a, &room);
    int off = e->a->type->st->fields[e->field].offset;
    *avail = room - (size_t)off;
    return p + off;
  }
  default: die(v, e->loc, "interpreter: expression kind %d is not an lvalue", (int)e->kind);
  }
  return NULL;
}

/* ---------------- expressions ---------------- */
static double fround(const ir_type *t, double x) { return t->kind == IR_T_F32 ? (double)(float)x : x; }

static uint64_t f2i(const ir_type *to, double x) {
  switch (to->kind) {
  case IR_T_I8: return (uint64_t)(int64_t)(x != x ? 0 : x <= -128.0 ? -128 : x >= 127.0 ? 127 : (int8_t)x);
  case IR_T_U8: return !(x > 0.0) ? 0 : x >= 255.0 ? 255 : (uint8_t)x;
  case IR_T_I16: return (uint64_t)(int64_t)(x != x ? 0 : x <= -32768.0 ? -32768 : x >= 32767.0 ? 32767 : (int16_t)x);
  case IR_T_U16: return !(x > 0.0) ? 0 : x >= 65535.0 ? 65535 : (uint16_t)x;
  case IR_T_I32: return (uint64_t)(int64_t)(x != x ? 0 : x <= -2147483648.0 ? INT32_MIN : x >= 2147483647.0 ? INT32_MAX : (int32_t)x);
  case IR_T_U32: return !(x > 0.0) ? 0 : x >= 4294967295.0 ? UINT32_MAX : (uint32_t)x;
  case IR_T_I64: return (uint64_t)(x != x ? 0 : x <= -9223372036854775808.0 ? INT64_MIN : x >= 9223372036854775808.0 ? INT64_MAX : (int64_t)x);
  default: return !(x > 0.0) ? 0 : x >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)x;
  }
}

val convert(const ir_type *to, const ir_type *from, val x) {
  val r = {0};
  bool ff = ir_type_is_float(from), tf = ir_type_is_float(to);
  if (to->kind == IR_T_BOOL) r.i = ff ? x.f != 0.0 : x.i != 0;
  else if (tf && ff) r.f = x.f;
  else if (tf) r.f = ir_type_is_signed(from) ? (double)(int64_t)x.i : (double)x.i;
  else if (ff) r.i = f2i(to, x.f);
  else r.i = x.i;
  if (tf && !ff && to->kind == IR_T_F32) /* int -> float rounds once, as C does */
    r.f = ir_type_is_signed(from) ? (double)(float)(int64_t)x.i : (double)(float)x.i;
  return norm(to, r);
}

static val bitcast(const ir_type *to, const ir_type *from, val x) {
  uint8_t b[8] = {0};
  store(from, b, x);
  return load(to, b);
}

static val binary(vm *v, const ir_expr *e) {
  const ir_type *t = e->a->type;
  if (e->op == IR_OP_LAND || e->op == IR_OP_LOR) {
    val a = eval(v, e->a);
    if ((e->op == IR_OP_LAND) != (a.i != 0)) return a;
    val b = eval(v, e->b);
    b.i = b.i != 0;
    return b;
  }
  val a = eval(v, e->a), b = eval(v, e->b), r = {0};
  if (ir_type_is_float(t)) {
    switch (e->op) {
    case IR_OP_ADD: r.f = a.f + b.f; break;
    case IR_OP_SUB: r.f = a.f - b.f; break;
    case IR_OP_MUL: r.f = a.f * b.f; break;
    case IR_OP_DIV: r.f = a.f / b.f; break;
    case IR_OP_REM: r.f = t->kind == IR_T_F32 ? fmodf((float)a.f, (float)b.f) : fmod(a.f, b.f); break;
    case IR_OP_EQ: r.i = a.f == b.f; return r;
    case IR_OP_NE: r.i = a.f != b.f; return r;
    case IR_OP_LT: r.i = a.f < b.f; return r;
    case IR_OP_LE: r.i = a.f <= b.f; return r;
    case IR_OP_GT: r.i = a.f > b.f; return r;
    case IR_OP_GE: r.i = a.f >= b.f; return r;
    default: die(v, e->loc, "interpreter: float operator %s", ir_op_str(e->op));
    }
    return norm(e->type, r);
  }
  bool sg = ir_type_is_signed(t);
  int64_t sa = (int64_t)a.i, sb = (int64_t)b.i;
  switch (e->op) {
  case IR_OP_ADD: r.i = a.i + b.i; break;
  case IR_OP_SUB: r.i = a.i - b.i; break;
  case IR_OP_MUL: r.i = a.i * b.i; break;
  case IR_OP_DIV: case IR_OP_REM: {
    bool div = e->op == IR_OP_DIV;
    int64_t mn = bits(t) >= 64 ? INT64_MIN : bits(t) == 32 ? INT32_MIN : INT64_MIN; /* < 32 bits: promoted, never overflows */
    if (b.i == 0) r.i = div ? a.i : 0; /* as the C back-end's cw_div_* */
    else if (sg && sb == -1 && sa == mn) r.i = div ? a.i : 0;
    else if (sg) r.i = (uint64_t)(div ? sa / sb : sa % sb);
    else r.i = div ? a.i / b.i : a.i % b.i;
    break;
  }
  case IR_OP_SHL: case IR_OP_SHR: {
    unsigned n = (unsigned)(b.i & (bits(t) > 32 ? 63u : 31u));
    if (e->op == IR_OP_SHL) r.i = a.i << n;
    else r.i = sg ? (uint64_t)(sa >> n) : a.i >> n;
    break;
  }
  case IR_OP_AND: r.i = a.i & b.i; break;
  case IR_OP_OR: r.i = a.i | b.i; break;
  case IR_OP_XOR: r.i = a.i ^ b.i; break;
  case IR_OP_EQ: r.i = a.i == b.i; return r;
  case IR_OP_NE: r.i = a.i != b.i; return r;
  case IR_OP_LT: r.i = sg ? sa < sb : a.i < b.i; return r;
  case IR_OP_LE: r.i = sg ? sa <= sb : a.i <= b.i; return r;
  case IR_OP_GT: r.i = sg ? sa > sb : a.i > b.i; return r;
  case IR_OP_GE: r.i = sg ? sa >= sb : a.i >= b.i; return r;
  default: die(v, e->loc, "interpreter: operator %s", ir_op_str(e->op));
  }
  return norm(e->type, r);
}

#define F1(fn) (f32 ? (double)fn##f((float)x) : fn(x))
#define F2(fn) (f32 ? (double)fn##f((float)x, (float)y) : fn(x, y))

static val intrinsic(vm *v, const ir_expr *e) {
  val a[3] = {{0}};
  for (int i = 0; i < e->nargs && i < 3; i++) a[i] = eval(v, e->args[i]);
  const ir_type *at = e->nargs ? e->args[0]->type : e->type;
  bool f32 = at->kind == IR_T_F32;
  double x = a[0].f, y = a[1].f;
  val r = {0};
  switch (e->intrinsic) {
  case CW_IN_SQRT: case CW_IN_SQRT_RN: r.f = F1(sqrt); break;
  case CW_IN_RSQRT: r.f = f32 ? (double)(1.0f / sqrtf((float)x)) : 1.0 / sqrt(x); break;
  case CW_IN_CBRT: r.f = F1(cbrt); break;
  case CW_IN_EXP: case CW_IN_FAST_EXP: r.f = F1(exp); break;
  case CW_IN_EXP2: r.f = F1(exp2); break;
  case CW_IN_EXP10: r.f = f32 ? (double)powf(10.0f, (float)x) : pow(10.0, x); break;
  case CW_IN_EXPM1: r.f = F1(expm1); break;
  case CW_IN_LOG: case CW_IN_FAST_LOG: r.f = F1(log); break;
  case CW_IN_LOG2: r.f = F1(log2); break;
  case CW_IN_LOG10: r.f = F1(log10); break;
  case CW_IN_LOG1P: r.f = F1(log1p); break;
  case CW_IN_POW: case CW_IN_FAST_POW: r.f = F2(pow); break;
  case CW_IN_SIN: case CW_IN_FAST_SIN: r.f = F1(sin); break;
  case CW_IN_COS: case CW_IN_FAST_COS: r.f = F1(cos); break;
  case CW_IN_TAN: r.f = F1(tan); break;
  case CW_IN_ASIN: r.f = F1(asin); break;
  case CW_IN_ACOS: r.f = F1(acos); break;
  case CW_IN_ATAN: r.f = F1(atan); break;
  case CW_IN_ATAN2: r.f = F2(atan2); break;
  case CW_IN_SINH: r.f = F1(sinh); break;
  case CW_IN_COSH: r.f = F1(cosh); break;
  case CW_IN_TANH: r.f = F1(tanh); break;
  case CW_IN_ASINH: r.f = F1(asinh); break;
  case CW_IN_ACOSH: r.f = F1(acosh); break;
  case CW_IN_ATANH: r.f = F1(atanh); break;
  case CW_IN_FABS: r.f = F1(fabs); break;
  case CW_IN_FMIN: r.f = F2(fmin); break;
  case CW_IN_FMAX: r.f = F2(fmax); break;
  case CW_IN_FDIM: r.f = F2(fdim); break;
  case CW_IN_FLOOR: r.f = F1(floor); break;
  case CW_IN_CEIL: r.f = F1(ceil); break;
  case CW_IN_ROUND: r.f = F1(round); break;
  case CW_IN_RINT: r.f = F1(rint); break;
  case CW_IN_TRUNC: r.f = F1(trunc); break;
  case CW_IN_FMOD: r.f = F2(fmod); break;
  case CW_IN_REMAINDER: r.f = F2(remainder); break;
  case CW_IN_FMA: case CW_IN_FMA_RN: r.f = f32 ? (double)fmaf((float)x, (float)y, (float)a[2].f) : fma(x, y, a[2].f); break;
  case CW_IN_HYPOT: r.f = F2(hypot); break;
  case CW_IN_ERF: r.f = F1(erf); break;
  case CW_IN_ERFC: r.f = F1(erfc); break;
  case CW_IN_COPYSIGN: r.f = F2(copysign); break;
  case CW_IN_LDEXP: r.f = f32 ? (double)ldexpf((float)x, (int)(int64_t)a[1].i) : ldexp(x, (int)(int64_t)a[1].i); break;
  case CW_IN_ISNAN: r.i = isnan(x); break;
  case CW_IN_ISINF: r.i = isinf(x); break;
  case CW_IN_ISFINITE: r.i = isfinite(x); break;
  case CW_IN_SIGNBIT: r.i = signbit(x) != 0; break;
  case CW_IN_FAST_DIV: r.f = f32 ? (double)((float)x / (float)y) : x / y; break;
  case CW_IN_ADD_RN: r.f = x + y; break;
  case CW_IN_MUL_RN: r.f = x * y; break;
  case CW_IN_SATURATE: r.f = x != x ? 0.0 : x < 0.0 ? 0.0 : x > 1.0 ? 1.0 : x; break;
  case CW_IN_RCP_RN: r.f = 1.0 / x; break;
  case CW_IN_POPC: case CW_IN_POPCLL: r.i = (uint64_t)__builtin_popcountll(at->size == 8 ? a[0].i : a[0].i & 0xffffffffu); break;
  case CW_IN_CLZ: r.i = at->size == 8 ? (a[0].i ? (uint64_t)__builtin_clzll(a[0].i) : 64)
                                      : ((a[0].i & 0xffffffffu) ? (uint64_t)__builtin_clz((uint32_t)a[0].i) : 32); break;
  case CW_IN_FFS: {
    uint64_t w = at->size == 8 ? a[0].i : a[0].i & 0xffffffffu;
    r.i = w ? (uint64_t)__builtin_ctzll(w) + 1 : 0;
    break;
  }
  case CW_IN_BREV: {
    int n = at->size == 8 ? 64 : 32;
    for (int i = 0; i < n; i++) r.i |= ((a[0].i >> i) & 1u) << (n - 1 - i);
    break;
  }
  case CW_IN_MUL24: r.i = (uint64_t)((int64_t)((int32_t)((uint32_t)a[0].i << 8) >> 8) * (int64_t)((int32_t)((uint32_t)a[1].i << 8) >> 8)); break;
  case CW_IN_UMUL24: r.i = (a[0].i & 0xffffffu) * (a[1].i & 0xffffffu); break;
  case CW_IN_MULHI: case CW_IN_UMULHI: {
    bool sg = e->intrinsic == CW_IN_MULHI;
    if (at->size == 8) {
      unsigned __int128 p = sg ? (unsigned __int128)((__int128)(int64_t)a[0].i * (__int128)(int64_t)a[1].i)
                               : (unsigned __int128)a[0].i * a[1].i;
      r.i = (uint64_t)(p >> 64);
    } else {
      r.i = sg ? (uint64_t)(((int64_t)(int32_t)a[0].i * (int64_t)(int32_t)a[1].i) >> 32)
               : ((a[0].i & 0xffffffffu) * (a[1].i & 0xffffffffu)) >> 32;
    }
    break;
  }
  case CW_IN_MIN: case CW_IN_MAX: {
    bool mn = e->intrinsic == CW_IN_MIN;
    if (ir_type_is_float(at)) r.f = mn ? F2(fmin) : F2(fmax);
    else if (ir_type_is_signed(at)) r.i = (mn ? (int64_t)a[0].i < (int64_t)a[1].i : (int64_t)a[0].i > (int64_t)a[1].i) ? a[0].i : a[1].i;
    else r.i = (mn ? a[0].i < a[1].i : a[0].i > a[1].i) ? a[0].i : a[1].i;
    break;
  }
  case CW_IN_ABS:
    if (ir_type_is_float(at)) r.f = fabs(x);
    else r.i = (int64_t)a[0].i < 0 ? 0 - a[0].i : a[0].i;
    break;
  case CW_IN_FLOAT_AS_INT: case CW_IN_INT_AS_FLOAT: case CW_IN_FLOAT_AS_UINT: case CW_IN_UINT_AS_FLOAT:
    return bitcast(e->type, at, a[0]);
  default: die(v, e->loc, "interpreter: intrinsic %s is not supported yet", cw_intrinsic_name(e->intrinsic));
  }
  if (ir_type_is_float(e->type)) r.f = fround(e->type, r.f);
  return norm(e->type, r);
}

val eval(vm *v, const ir_expr *e) {
  val r = {0};
  switch (e->kind) {
  case IR_E_CONST:
    if (ir_type_is_float(e->type)) r.f = e->u.f;
    else r.i = e->u.i;
    return norm(e->type, r);
  case IR_E_VAR: case IR_E_ELEM: case IR_E_INDEX: case IR_E_MEMBER: {
    if (!ir_type_is_scalar(e->type)) die(v, e->loc, "interpreter: aggregate value used as a scalar");
    size_t room;
    uint8_t *p = lval(v, e, &room);
    if (room < (size_t)e->type->size) die(v, e->loc, "out-of-bounds read in kernel %s", v->kernel);
    return load(e->type, p);
  }
  case IR_E_BUILTIN: {
    uint32_t t = (uint32_t)v->t, d = (uint32_t)e->dim;
    switch (e->builtin) {
    case IR_BI_THREAD_IDX:
      r.i = d == 0 ? t % v->block[0] : d == 1 ? (t / v->block[0]) % v->block[1] : t / (v->block[0] * v->block[1]);
      break;
    case IR_BI_BLOCK_IDX: r.i = v->bidx[d]; break;
    case IR_BI_BLOCK_DIM: r.i = v->block[d]; break;
    case IR_BI_GRID_DIM: r.i = v->grid[d]; break;
    case IR_BI_WARP_SIZE: r.i = 32; break;
    }
    return norm(e->type, r);
  }
  case IR_E_UNARY: {
    val a = eval(v, e->a);
    if (e->op == IR_OP_NOT) r.i = !a.i;
    else if (e->op == IR_OP_BITNOT) r.i = ~a.i;
    else if (ir_type_is_float(e->type)) r.f = -a.f;
    else r.i = 0 - a.i;
    return norm(e->type, r);
  }
  case IR_E_BINARY: return binary(v, e);
  case IR_E_CONVERT: return convert(e->type, e->a->type, eval(v, e->a));
  case IR_E_BITCAST: return bitcast(e->type, e->a->type, eval(v, e->a));
  case IR_E_SELECT: return eval(v, e->a).i ? eval(v, e->b) : eval(v, e->c);
  case IR_E_INTRINSIC: return intrinsic(v, e);
  default: die(v, e->loc, "interpreter: expression kind %d after the passes", (int)e->kind);
  }
  return r;
}

