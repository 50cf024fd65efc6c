/* The WebAssembly CPU fallback, FIRST STEP: an interpreter of the kernel IR
 * (src/ir/ir.h, RESOLVED phase, after every pass of the C target), compiled
 * into the same WebAssembly module as the transpiler. Not yet the preferred
 * design (a back-end emitting a WebAssembly module from the IR); docs/npm.md
 * says so and the JS API names it `interpreter`.
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

enum { RUN = 0, BRK = 1, CONT = 2, RET = 3 };

typedef union { uint64_t i; double f; } val;

typedef struct vm {
  ir_module *m;
  ir_func *k;
  const char *kernel;
  uint32_t grid[3], block[3], bidx[3];
  uint32_t shared_bytes;
  int nthreads;
  /* by var id */
  int *off;          /* LOCAL / scalar PARAM: offset in the thread frame, else -1 */
  uint8_t **base;    /* buffers, shared and globals: their memory */
  size_t *len;       /* bytes of that memory (frame slots: the var's size) */
  int frame;         /* bytes per thread frame */
  uint8_t *frames;   /* nthreads * frame */
  uint8_t *st;       /* per-thread status */
  uint8_t *masks;    /* mask stack, nthreads bytes a level */
  int mtop, mcap;
  int t;             /* the thread being evaluated */
  /* arguments */
  int nargs;
  uint8_t **arg;
  uint32_t *arglen;
  jmp_buf fail;
  char err[512];
  cw_strbuf out;     /* device printf text */
} vm;

static void die(vm *v, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = loc.file ? snprintf(v->err, sizeof v->err, "%s:%d: ", loc.file->name, loc.line) : 0;
  vsnprintf(v->err + n, sizeof v->err - (size_t)n, fmt, ap);
  va_end(ap);
  longjmp(v->fail, 1);
}

/* ---------------- values ---------------- */
static val norm(const ir_type *t, val x) {
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

static val load(const ir_type *t, const uint8_t *p) {
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

static void store(const ir_type *t, uint8_t *p, val x) {
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
static uint8_t *var_mem(vm *v, const ir_var *var, size_t *avail, cw_loc loc) {
  if (v->off[var->id] >= 0) {
    *avail = v->len[var->id];
    return v->frames + (size_t)v->t * (size_t)v->frame + (size_t)v->off[var->id];
  }
  if (!v->base[var->id]) die(v, loc, "interpreter: variable '%s' has no memory", var->src_name ? var->src_name : var->name);
  *avail = v->len[var->id];
  return v->base[var->id];
}

static val eval(vm *v, const ir_expr *e);

/* Address of an lvalue with `avail` bytes from it to the end of its memory. */
static uint8_t *lval(vm *v, const ir_expr *e, size_t *avail) {
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

static val convert(const ir_type *to, const ir_type *from, val x) {
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

static val eval(vm *v, const ir_expr *e) {
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
