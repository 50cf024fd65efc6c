/* back/c: CUDA math/integer intrinsics as C11 (math.h, helpers), and the
 * prelude of helper functions every generated file starts with.
 *
 * Precision follows the operand type (sqrtf for f32, sqrt for f64). Fast
 * intrinsics (__expf, __sinf, ...) map to their precise versions: correct,
 * only slower. Helpers are `static inline`, so unused ones cost nothing. */
#include <string.h>

#include "back/c/c_emit.h"

/* the analysis walk (c->analyze) writes nothing */
#define P(...) (c->analyze ? (void)0 : cw_sb_printf(c->out, __VA_ARGS__))
#define S(s) (c->analyze ? (void)0 : cw_sb_puts(c->out, (s)))

/* Name of the libm function for op on f32 (with 'f') or f64. */
static void call(cx *c, const char *fn, bool f32, const ir_expr *e) {
  P("%s%s(", fn, f32 ? "f" : "");
  for (int i = 0; i < e->nargs; i++) {
    if (i) S(", ");
    cx_expr(c, e->args[i]);
  }
  S(")");
}

static void helper(cx *c, const char *fn, const ir_expr *e) {
  P("%s(", fn);
  for (int i = 0; i < e->nargs; i++) {
    if (i) S(", ");
    cx_expr(c, e->args[i]);
  }
  S(")");
}

static const char *tsfx(const ir_type *t) {
  switch (t->kind) {
  case IR_T_I8: case IR_T_I16: case IR_T_I32: return "i32";
  case IR_T_U8: case IR_T_U16: case IR_T_U32: return "u32";
  case IR_T_I64: return "i64";
  case IR_T_U64: return "u64";
  case IR_T_F32: return "f32";
  case IR_T_F64: return "f64";
  default: return "i32";
  }
}

void cx_intrinsic(cx *c, const ir_expr *e) {
  const ir_type *at = e->nargs ? e->args[0]->type : e->type;
  bool f32 = at->kind == IR_T_F32;
  bool is64 = at->size == 8;
  const char *rt = cx_ctype(c, e->type);
  switch (e->intrinsic) {
  case CW_IN_SQRT: case CW_IN_SQRT_RN: call(c, "sqrt", f32, e); return;
  case CW_IN_RSQRT:
    S(f32 ? "(1.0f / sqrtf(" : "(1.0 / sqrt(");
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_CBRT: call(c, "cbrt", f32, e); return;
  case CW_IN_EXP: case CW_IN_FAST_EXP: call(c, "exp", f32, e); return;
  case CW_IN_EXP2: call(c, "exp2", f32, e); return;
  case CW_IN_EXP10:
    S(f32 ? "powf(10.0f, " : "pow(10.0, ");
    cx_expr(c, e->args[0]);
    S(")");
    return;
  case CW_IN_EXPM1: call(c, "expm1", f32, e); return;
  case CW_IN_LOG: case CW_IN_FAST_LOG: call(c, "log", f32, e); return;
  case CW_IN_LOG2: call(c, "log2", f32, e); return;
  case CW_IN_LOG10: call(c, "log10", f32, e); return;
  case CW_IN_LOG1P: call(c, "log1p", f32, e); return;
  case CW_IN_POW: case CW_IN_FAST_POW: call(c, "pow", f32, e); return;
  case CW_IN_SIN: case CW_IN_FAST_SIN: call(c, "sin", f32, e); return;
  case CW_IN_COS: case CW_IN_FAST_COS: call(c, "cos", f32, e); return;
  case CW_IN_TAN: call(c, "tan", f32, e); return;
  case CW_IN_ASIN: call(c, "asin", f32, e); return;
  case CW_IN_ACOS: call(c, "acos", f32, e); return;
  case CW_IN_ATAN: call(c, "atan", f32, e); return;
  case CW_IN_ATAN2: call(c, "atan2", f32, e); return;
  case CW_IN_SINH: call(c, "sinh", f32, e); return;
  case CW_IN_COSH: call(c, "cosh", f32, e); return;
  case CW_IN_TANH: call(c, "tanh", f32, e); return;
  case CW_IN_ASINH: call(c, "asinh", f32, e); return;
  case CW_IN_ACOSH: call(c, "acosh", f32, e); return;
  case CW_IN_ATANH: call(c, "atanh", f32, e); return;
  case CW_IN_FABS: call(c, "fabs", f32, e); return;
  case CW_IN_FMIN: call(c, "fmin", f32, e); return;
  case CW_IN_FMAX: call(c, "fmax", f32, e); return;
  case CW_IN_FDIM: call(c, "fdim", f32, e); return;
  case CW_IN_FLOOR: call(c, "floor", f32, e); return;
  case CW_IN_CEIL: call(c, "ceil", f32, e); return;
  case CW_IN_ROUND: call(c, "round", f32, e); return;
  case CW_IN_RINT: call(c, "rint", f32, e); return;
  case CW_IN_TRUNC: call(c, "trunc", f32, e); return;
  case CW_IN_FMOD: call(c, "fmod", f32, e); return;
  case CW_IN_REMAINDER: call(c, "remainder", f32, e); return;
  case CW_IN_FMA: case CW_IN_FMA_RN: call(c, "fma", f32, e); return;
  case CW_IN_HYPOT: call(c, "hypot", f32, e); return;
  case CW_IN_ERF: call(c, "erf", f32, e); return;
  case CW_IN_ERFC: call(c, "erfc", f32, e); return;
  case CW_IN_COPYSIGN: call(c, "copysign", f32, e); return;
  case CW_IN_LDEXP:
    P("%s(", f32 ? "ldexpf" : "ldexp");
    cx_expr(c, e->args[0]);
    S(", (int)");
    cx_expr(c, e->args[1]);
    S(")");
    return;
  case CW_IN_ISNAN: case CW_IN_ISINF: case CW_IN_ISFINITE: case CW_IN_SIGNBIT: {
    const char *fn = e->intrinsic == CW_IN_ISNAN ? "isnan"
                     : e->intrinsic == CW_IN_ISINF ? "isinf"
                     : e->intrinsic == CW_IN_ISFINITE ? "isfinite" : "signbit";
    P("((%s)(%s(", rt, fn);
    cx_expr(c, e->args[0]);
    S(") != 0))");
    return;
  }
  case CW_IN_FAST_DIV:
    S("(");
    cx_expr(c, e->args[0]);
    S(" / ");
    cx_expr(c, e->args[1]);
    S(")");
    return;
  case CW_IN_ADD_RN: case CW_IN_MUL_RN:
    S("(");
    cx_expr(c, e->args[0]);
    S(e->intrinsic == CW_IN_ADD_RN ? " + " : " * ");
    cx_expr(c, e->args[1]);
    S(")");
    return;
  case CW_IN_SATURATE: helper(c, f32 ? "cw_saturate_f32" : "cw_saturate_f64", e); return;
  case CW_IN_RCP_RN:
    S(f32 ? "(1.0f / " : "(1.0 / ");
    cx_expr(c, e->args[0]);
    S(")");
    return;
  case CW_IN_POPC: case CW_IN_POPCLL:
    P("((%s)%s(", rt, is64 ? "__builtin_popcountll" : "__builtin_popcount");
    S(is64 ? "(unsigned long long)" : "(unsigned)");
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_CLZ:
    P("((%s)%s(", rt, is64 ? "cw_clz64" : "cw_clz32");
    S(is64 ? "(uint64_t)" : "(uint32_t)");
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_FFS:
    P("((%s)%s(", rt, is64 ? "cw_ffs64" : "cw_ffs32");
    S(is64 ? "(uint64_t)" : "(uint32_t)");
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_BREV:
    P("((%s)%s(", rt, is64 ? "cw_brev64" : "cw_brev32");
    S(is64 ? "(uint64_t)" : "(uint32_t)");
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_MUL24: case CW_IN_UMUL24: case CW_IN_MULHI: case CW_IN_UMULHI: {
    const char *fn = e->intrinsic == CW_IN_MUL24 ? "cw_mul24"
                     : e->intrinsic == CW_IN_UMUL24 ? "cw_umul24"
                     : e->intrinsic == CW_IN_MULHI ? (is64 ? "cw_mul64hi" : "cw_mulhi")
                     : (is64 ? "cw_umul64hi" : "cw_umulhi");
    bool sgn = e->intrinsic == CW_IN_MUL24 || e->intrinsic == CW_IN_MULHI;
    const char *ct = is64 ? (sgn ? "int64_t" : "uint64_t") : (sgn ? "int32_t" : "uint32_t");
    P("((%s)%s((%s)", rt, fn, ct);
    cx_expr(c, e->args[0]);
    P(", (%s)", ct);
    cx_expr(c, e->args[1]);
    S("))");
    return;
  }
  case CW_IN_MIN: case CW_IN_MAX: {
    const char *mm = e->intrinsic == CW_IN_MIN ? "min" : "max";
    if (ir_type_is_float(at)) {
      call(c, e->intrinsic == CW_IN_MIN ? "fmin" : "fmax", f32, e);
      return;
    }
    const char *wt = ir_type_is_signed(at) ? (is64 ? "int64_t" : "int32_t")
                                           : (is64 ? "uint64_t" : "uint32_t");
    P("((%s)cw_%s_%s((%s)", rt, mm, tsfx(at), wt);
    cx_expr(c, e->args[0]);
    P(", (%s)", wt);
    cx_expr(c, e->args[1]);
    S("))");
    return;
  }
  case CW_IN_ABS:
    if (ir_type_is_float(at)) {
      call(c, "fabs", f32, e);
    } else if (!ir_type_is_signed(at)) {
      cx_expr(c, e->args[0]);
    } else {
      P("((%s)cw_abs_%s((%s)", rt, is64 ? "i64" : "i32", is64 ? "int64_t" : "int32_t");
      cx_expr(c, e->args[0]);
      S("))");
    }
    return;
  case CW_IN_FLOAT_AS_INT: case CW_IN_FLOAT_AS_UINT:
    P("((%s)cw_f32_bits(", rt);
    cx_expr(c, e->args[0]);
    S("))");
    return;
  case CW_IN_INT_AS_FLOAT: case CW_IN_UINT_AS_FLOAT:
    S("cw_bits_f32((uint32_t)");
    cx_expr(c, e->args[0]);
    S(")");
    return;
  default:
    cw_error(c->m->diags, e->loc, "%s is not supported by the c target",
             cw_intrinsic_name(e->intrinsic));
  }
}

/* Helpers the generated code calls. Kept as one literal so that the output is
 * a single standalone translation unit. */
const char cx_prelude[] =
    "#define CW_INL static inline __attribute__((unused))\n"
    "/* integer division without C's undefined cases (same results as the wgsl target) */\n"
    "CW_INL int32_t cw_div_i32(int32_t a, int32_t b) { return (b == 0 || (a == INT32_MIN && b == -1)) ? a : a / b; }\n"
    "CW_INL int32_t cw_rem_i32(int32_t a, int32_t b) { return (b == 0 || (a == INT32_MIN && b == -1)) ? 0 : a % b; }\n"
    "CW_INL int64_t cw_div_i64(int64_t a, int64_t b) { return (b == 0 || (a == INT64_MIN && b == -1)) ? a : a / b; }\n"
    "CW_INL int64_t cw_rem_i64(int64_t a, int64_t b) { return (b == 0 || (a == INT64_MIN && b == -1)) ? 0 : a % b; }\n"
    "CW_INL uint32_t cw_div_u32(uint32_t a, uint32_t b) { return b == 0 ? a : a / b; }\n"
    "CW_INL uint32_t cw_rem_u32(uint32_t a, uint32_t b) { return b == 0 ? 0 : a % b; }\n"
    "CW_INL uint64_t cw_div_u64(uint64_t a, uint64_t b) { return b == 0 ? a : a / b; }\n"
    "CW_INL uint64_t cw_rem_u64(uint64_t a, uint64_t b) { return b == 0 ? 0 : a % b; }\n"
    "/* float -> int: saturating, NaN -> 0 (out-of-range conversion is undefined in C) */\n"
    "CW_INL int8_t cw_f2i8(double x) { return x != x ? 0 : x <= -128.0 ? INT8_MIN : x >= 127.0 ? INT8_MAX : (int8_t)x; }\n"
    "CW_INL uint8_t cw_f2u8(double x) { return !(x > 0.0) ? 0 : x >= 255.0 ? UINT8_MAX : (uint8_t)x; }\n"
    "CW_INL int16_t cw_f2i16(double x) { return x != x ? 0 : x <= -32768.0 ? INT16_MIN : x >= 32767.0 ? INT16_MAX : (int16_t)x; }\n"
    "CW_INL uint16_t cw_f2u16(double x) { return !(x > 0.0) ? 0 : x >= 65535.0 ? UINT16_MAX : (uint16_t)x; }\n"
    "CW_INL int32_t cw_f2i32(double x) { return x != x ? 0 : x <= -2147483648.0 ? INT32_MIN : x >= 2147483647.0 ? INT32_MAX : (int32_t)x; }\n"
    "CW_INL uint32_t cw_f2u32(double x) { return !(x > 0.0) ? 0 : x >= 4294967295.0 ? UINT32_MAX : (uint32_t)x; }\n"
    "CW_INL int64_t cw_f2i64(double x) { return x != x ? 0 : x <= -9223372036854775808.0 ? INT64_MIN : x >= 9223372036854775808.0 ? INT64_MAX : (int64_t)x; }\n"
    "CW_INL uint64_t cw_f2u64(double x) { return !(x > 0.0) ? 0 : x >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)x; }\n"
    "/* bit reinterpretation */\n"
    "CW_INL uint32_t cw_f32_bits(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }\n"
    "CW_INL float cw_bits_f32(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }\n"
    "CW_INL uint64_t cw_f64_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }\n"
    "CW_INL double cw_bits_f64(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }\n"
    "/* integer intrinsics */\n"
    "CW_INL uint32_t cw_clz32(uint32_t x) { return x == 0 ? 32u : (uint32_t)__builtin_clz(x); }\n"
    "CW_INL uint32_t cw_clz64(uint64_t x) { return x == 0 ? 64u : (uint32_t)__builtin_clzll(x); }\n"
    "CW_INL uint32_t cw_ffs32(uint32_t x) { return x == 0 ? 0u : (uint32_t)__builtin_ctz(x) + 1u; }\n"
    "CW_INL uint32_t cw_ffs64(uint64_t x) { return x == 0 ? 0u : (uint32_t)__builtin_ctzll(x) + 1u; }\n"
    "CW_INL uint32_t cw_brev32(uint32_t x) { uint32_t r = 0; for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1u); x >>= 1; } return r; }\n"
    "CW_INL uint64_t cw_brev64(uint64_t x) { uint64_t r = 0; for (int i = 0; i < 64; i++) { r = (r << 1) | (x & 1u); x >>= 1; } return r; }\n"
    "CW_INL int64_t cw_sext24(int32_t a) { int64_t x = (int64_t)((uint32_t)a & 0xffffffu); return (x & 0x800000) ? x - 0x1000000 : x; }\n"
    "CW_INL int32_t cw_mul24(int32_t a, int32_t b) { return (int32_t)(uint32_t)(uint64_t)(cw_sext24(a) * cw_sext24(b)); }\n"
    "CW_INL uint32_t cw_umul24(uint32_t a, uint32_t b) { return (uint32_t)((uint64_t)(a & 0xffffffu) * (uint64_t)(b & 0xffffffu)); }\n"
    "CW_INL int32_t cw_mulhi(int32_t a, int32_t b) { return (int32_t)(((int64_t)a * (int64_t)b) >> 32); }\n"
    "CW_INL uint32_t cw_umulhi(uint32_t a, uint32_t b) { return (uint32_t)(((uint64_t)a * (uint64_t)b) >> 32); }\n"
    /* compilers without __int128 (tcc, the runtime's embedded compiler): 32-bit halves */
    "#if defined(__SIZEOF_INT128__)\n"
    "CW_INL int64_t cw_mul64hi(int64_t a, int64_t b) { return (int64_t)(((__int128)a * (__int128)b) >> 64); }\n"
    "CW_INL uint64_t cw_umul64hi(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * (unsigned __int128)b) >> 64); }\n"
    "#else\n"
    "CW_INL uint64_t cw_umul64hi(uint64_t a, uint64_t b) { uint64_t al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;\n"
    "  uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;\n"
    "  uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);\n"
    "  return hh + (lh >> 32) + (hl >> 32) + (mid >> 32); }\n"
    "CW_INL int64_t cw_mul64hi(int64_t a, int64_t b) { uint64_t h = cw_umul64hi((uint64_t)a, (uint64_t)b);\n"
    "  if (a < 0) h -= (uint64_t)b; if (b < 0) h -= (uint64_t)a; return (int64_t)h; }\n"
    "#endif\n"
    "CW_INL int32_t cw_abs_i32(int32_t x) { return x < 0 ? (int32_t)(0u - (uint32_t)x) : x; }\n"
    "CW_INL int64_t cw_abs_i64(int64_t x) { return x < 0 ? (int64_t)(0u - (uint64_t)x) : x; }\n"
    "#define CW_MINMAX(S, T) CW_INL T cw_min_##S(T a, T b) { return a < b ? a : b; } CW_INL T cw_max_##S(T a, T b) { return a > b ? a : b; }\n"
    "CW_MINMAX(i32, int32_t) CW_MINMAX(u32, uint32_t) CW_MINMAX(i64, int64_t) CW_MINMAX(u64, uint64_t)\n"
    "CW_INL float cw_saturate_f32(float x) { return x > 0.0f ? (x < 1.0f ? x : 1.0f) : 0.0f; }\n"
    "CW_INL double cw_saturate_f64(double x) { return x > 0.0 ? (x < 1.0 ? x : 1.0) : 0.0; }\n"
    "/* atomics: plain T* into buffers viewed as _Atomic T* (same size and alignment\n"
    "   for 4/8-byte integers on the supported hosts); relaxed order like CUDA */\n"
    "#define CW_RLX memory_order_relaxed\n"
    "#define CW_ATOMIC_INT(S, T) \\\n"
    "CW_INL T cw_atomic_cas_##S(T *p, T cmp, T v) { T e = cmp; atomic_compare_exchange_strong_explicit((_Atomic T *)p, &e, v, CW_RLX, CW_RLX); return e; } \\\n"
    "CW_INL T cw_atomic_exch_##S(T *p, T v) { return atomic_exchange_explicit((_Atomic T *)p, v, CW_RLX); } \\\n"
    "CW_INL T cw_atomic_min_##S(T *p, T v) { _Atomic T *a = (_Atomic T *)p; T o = atomic_load_explicit(a, CW_RLX); \\\n"
    "  while (v < o && !atomic_compare_exchange_weak_explicit(a, &o, v, CW_RLX, CW_RLX)) { } return o; } \\\n"
    "CW_INL T cw_atomic_max_##S(T *p, T v) { _Atomic T *a = (_Atomic T *)p; T o = atomic_load_explicit(a, CW_RLX); \\\n"
    "  while (v > o && !atomic_compare_exchange_weak_explicit(a, &o, v, CW_RLX, CW_RLX)) { } return o; } \\\n"
    "CW_INL T cw_atomic_inc_##S(T *p, T lim) { _Atomic T *a = (_Atomic T *)p; T o = atomic_load_explicit(a, CW_RLX), n; \\\n"
    "  do { n = o >= lim ? (T)0 : (T)(o + 1); } while (!atomic_compare_exchange_weak_explicit(a, &o, n, CW_RLX, CW_RLX)); return o; } \\\n"
    "CW_INL T cw_atomic_dec_##S(T *p, T lim) { _Atomic T *a = (_Atomic T *)p; T o = atomic_load_explicit(a, CW_RLX), n; \\\n"
    "  do { n = (o == 0 || o > lim) ? lim : (T)(o - 1); } while (!atomic_compare_exchange_weak_explicit(a, &o, n, CW_RLX, CW_RLX)); return o; }\n"
    "CW_ATOMIC_INT(i32, int32_t) CW_ATOMIC_INT(u32, uint32_t) CW_ATOMIC_INT(i64, int64_t) CW_ATOMIC_INT(u64, uint64_t)\n"
    "/* float atomics: compare-exchange loops on the bits */\n"
    "CW_INL float cw_atomic_add_f32(float *p, float v) { _Atomic uint32_t *a = (_Atomic uint32_t *)(void *)p;\n"
    "  uint32_t o = atomic_load_explicit(a, CW_RLX);\n"
    "  for (;;) { float of = cw_bits_f32(o); if (atomic_compare_exchange_weak_explicit(a, &o, cw_f32_bits(of + v), CW_RLX, CW_RLX)) return of; } }\n"
    "CW_INL double cw_atomic_add_f64(double *p, double v) { _Atomic uint64_t *a = (_Atomic uint64_t *)(void *)p;\n"
    "  uint64_t o = atomic_load_explicit(a, CW_RLX);\n"
    "  for (;;) { double of = cw_bits_f64(o); if (atomic_compare_exchange_weak_explicit(a, &o, cw_f64_bits(of + v), CW_RLX, CW_RLX)) return of; } }\n"
    "CW_INL float cw_atomic_exch_f32(float *p, float v) { return cw_bits_f32(atomic_exchange_explicit((_Atomic uint32_t *)(void *)p, cw_f32_bits(v), CW_RLX)); }\n"
    "CW_INL double cw_atomic_exch_f64(double *p, double v) { return cw_bits_f64(atomic_exchange_explicit((_Atomic uint64_t *)(void *)p, cw_f64_bits(v), CW_RLX)); }\n"
    "CW_INL size_t cw_align16(size_t n) { return (n + 15u) & ~(size_t)15u; }\n";
