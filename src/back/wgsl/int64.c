/* 64-bit integers on the WGSL target.
 *
 * WGSL has no 64-bit integers, so long long, int64_t, uint64_t, long and
 * size_t values (IR i64/u64) are vec2<u32>: x = low word, y = high word (the
 * little-endian host layout: 8 bytes, align 8 in storage, uniform and
 * workgroup memory alike, so buffers and uniform slots take the host bytes
 * as they are). Signed and unsigned share the representation; operations
 * that differ (division, right shift, comparisons, conversions) pick a
 * signed or unsigned helper.
 *
 * Each operation is a helper function emitted once per module, only when
 * used (bit in wg_ctx.helpers64). Semantics:
 *   + - * ~ & | ^ neg   modular, exact (mul: full 64x64 low product)
 *   / %                 exact (shift-subtract loop; a 32-bit fast path);
 *                       signed: C truncation; by zero (UB in C): x / 0 = x,
 *                       x % 0 = 0, like WGSL's 32-bit operators
 *   << >>               count taken modulo 64 (UB in C for counts >= 64;
 *                       this is what x86-64 and PTX's 64-bit shifts with a
 *                       masked count do); >> arithmetic on signed
 *   f32 -> 64           C truncation toward zero; out of range (UB in C)
 *                       saturates and NaN gives 0, like WGSL's i32(f32)
 *   64 -> f32           correctly rounded (to nearest, ties to even)
 * Helpers never depend on Tint const-evaluation, so constant operands
 * cannot turn into shader-creation errors. */
#include <string.h>

#include "back/wgsl/wgsl.h"

#define P(...) cw_arena_printf(c->m->arena, __VA_ARGS__)

typedef enum {
  H64_ADD, H64_SUB, H64_NEG, H64_MUL, H64_MULWIDE, H64_LTU, H64_LTS, H64_SHL, H64_SHRU, H64_SHRS,
  H64_UDIVMOD, H64_SDIVMOD, H64_FROM_I32, H64_TO_F32_U, H64_TO_F32_S, H64_FROM_F32_U,
  H64_FROM_F32_S, H64_CLZ, H64_POPC, H64_FFS, H64_BREV, H64_UMULHI, H64_MULHI, H64_COUNT
} h64;

#define B(x) (1ull << (x))
typedef struct {
  unsigned long long deps;
  const char *text;
} h64_def;

static const h64_def defs[H64_COUNT] = {
    [H64_ADD] = {0, "fn cw_add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {\n"
                    "  let lo = a.x + b.x;\n"
                    "  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));\n}\n"},
    [H64_SUB] = {0, "fn cw_sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {\n"
                    "  return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));\n}\n"},
    [H64_NEG] = {B(H64_SUB), "fn cw_neg64(a: vec2<u32>) -> vec2<u32> {\n"
                             "  return cw_sub64(vec2<u32>(0u, 0u), a);\n}\n"},
    [H64_MULWIDE] = {0, "// full 32x32 -> 64-bit product from 16-bit pieces\n"
                        "fn cw_mulwide(a: u32, b: u32) -> vec2<u32> {\n"
                        "  let a0 = a & 0xffffu;\n  let a1 = a >> 16u;\n"
                        "  let b0 = b & 0xffffu;\n  let b1 = b >> 16u;\n"
                        "  let p00 = a0 * b0;\n  let p01 = a0 * b1;\n"
                        "  let p10 = a1 * b0;\n  let p11 = a1 * b1;\n"
                        "  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);\n"
                        "  let hi = p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);\n"
                        "  return vec2<u32>(a * b, hi);\n}\n"},
    [H64_MUL] = {B(H64_MULWIDE), "fn cw_mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {\n"
                                 "  let p = cw_mulwide(a.x, b.x);\n"
                                 "  return vec2<u32>(p.x, p.y + a.x * b.y + a.y * b.x);\n}\n"},
    [H64_LTU] = {0, "fn cw_ltu64(a: vec2<u32>, b: vec2<u32>) -> bool {\n"
                    "  return a.y < b.y || (a.y == b.y && a.x < b.x);\n}\n"},
    [H64_LTS] = {0, "fn cw_lts64(a: vec2<u32>, b: vec2<u32>) -> bool {\n"
                    "  let ah = bitcast<i32>(a.y);\n  let bh = bitcast<i32>(b.y);\n"
                    "  return ah < bh || (ah == bh && a.x < b.x);\n}\n"},
    [H64_SHL] = {0, "// count modulo 64\n"
                    "fn cw_shl64(a: vec2<u32>, n: u32) -> vec2<u32> {\n"
                    "  let s = n & 63u;\n"
                    "  if (s == 0u) {\n    return a;\n  }\n"
                    "  if (s >= 32u) {\n    return vec2<u32>(0u, a.x << (s - 32u));\n  }\n"
                    "  return vec2<u32>(a.x << s, (a.y << s) | (a.x >> (32u - s)));\n}\n"},
    [H64_SHRU] = {0, "// logical, count modulo 64\n"
                     "fn cw_shru64(a: vec2<u32>, n: u32) -> vec2<u32> {\n"
                     "  let s = n & 63u;\n"
                     "  if (s == 0u) {\n    return a;\n  }\n"
                     "  if (s >= 32u) {\n    return vec2<u32>(a.y >> (s - 32u), 0u);\n  }\n"
                     "  return vec2<u32>((a.x >> s) | (a.y << (32u - s)), a.y >> s);\n}\n"},
    [H64_SHRS] = {0, "// arithmetic, count modulo 64\n"
                     "fn cw_shrs64(a: vec2<u32>, n: u32) -> vec2<u32> {\n"
                     "  let s = n & 63u;\n"
                     "  let h = bitcast<i32>(a.y);\n"
                     "  if (s == 0u) {\n    return a;\n  }\n"
                     "  if (s >= 32u) {\n"
                     "    return vec2<u32>(bitcast<u32>(h >> (s - 32u)), bitcast<u32>(h >> 31u));\n  }\n"
                     "  return vec2<u32>((a.x >> s) | (a.y << (32u - s)), bitcast<u32>(h >> s));\n}\n"},
    [H64_UDIVMOD] = {B(H64_LTU) | B(H64_SUB),
                     "// unsigned quotient (xy) and remainder (zw); restoring shift-subtract\n"
                     "fn cw_udivmod64(n: vec2<u32>, d: vec2<u32>) -> vec4<u32> {\n"
                     "  if (d.x == 0u && d.y == 0u) {\n    return vec4<u32>(n, 0u, 0u);\n  }\n"
                     "  if (n.y == 0u && d.y == 0u) {\n"
                     "    return vec4<u32>(n.x / d.x, 0u, n.x % d.x, 0u);\n  }\n"
                     "  var q = vec2<u32>(0u, 0u);\n"
                     "  var r = vec2<u32>(0u, 0u);\n"
                     "  for (var i = 63u; ; i = i - 1u) {\n"
                     "    let top = r.y >> 31u;\n"
                     "    let w = select(n.x, n.y, i >= 32u);\n"
                     "    let bit = (w >> (i & 31u)) & 1u;\n"
                     "    r = vec2<u32>((r.x << 1u) | bit, (r.y << 1u) | (r.x >> 31u));\n"
                     "    if (top != 0u || !cw_ltu64(r, d)) {\n"
                     "      r = cw_sub64(r, d);\n"
                     "      if (i >= 32u) {\n        q.y = q.y | (1u << (i - 32u));\n"
                     "      } else {\n        q.x = q.x | (1u << i);\n      }\n"
                     "    }\n"
                     "    if (i == 0u) {\n      break;\n    }\n"
                     "  }\n"
                     "  return vec4<u32>(q, r);\n}\n"},
    [H64_SDIVMOD] = {B(H64_UDIVMOD) | B(H64_NEG),
                     "// signed: C truncation (quotient toward zero, remainder has the dividend's sign)\n"
                     "fn cw_sdivmod64(a: vec2<u32>, b: vec2<u32>) -> vec4<u32> {\n"
                     "  let na = (a.y >> 31u) != 0u;\n  let nb = (b.y >> 31u) != 0u;\n"
                     "  let r = cw_udivmod64(select(a, cw_neg64(a), na), select(b, cw_neg64(b), nb));\n"
                     "  let q = select(r.xy, cw_neg64(r.xy), na != nb);\n"
                     "  let m = select(r.zw, cw_neg64(r.zw), na);\n"
                     "  return vec4<u32>(q, m);\n}\n"},
    [H64_FROM_I32] = {0, "fn cw_i64_from_i32(x: i32) -> vec2<u32> {\n"
                         "  return vec2<u32>(bitcast<u32>(x), select(0u, 0xffffffffu, x < 0i));\n}\n"},
    [H64_TO_F32_U] = {B(H64_SHRU) | B(H64_SHL) | B(H64_SUB) | B(H64_LTU),
                      "// correctly rounded (nearest, ties to even)\n"
                      "fn cw_u64_to_f32(v: vec2<u32>) -> f32 {\n"
                      "  if (v.y == 0u && v.x < 16777216u) {\n    return f32(v.x);\n  }\n"
                      "  let lz = select(countLeadingZeros(v.y), 32u + countLeadingZeros(v.x), v.y == 0u);\n"
                      "  let p = 63u - lz;\n"
                      "  let sh = p - 23u;\n"
                      "  let m = cw_shru64(v, sh).x;\n"
                      "  let rest = cw_sub64(v, cw_shl64(vec2<u32>(m, 0u), sh));\n"
                      "  let half = cw_shl64(vec2<u32>(1u, 0u), sh - 1u);\n"
                      "  var mm = m;\n"
                      "  if (cw_ltu64(half, rest) || (all(rest == half) && (m & 1u) == 1u)) {\n"
                      "    mm = mm + 1u;\n  }\n"
                      "  return bitcast<f32>(((p + 126u) << 23u) + mm);\n}\n"},
    [H64_TO_F32_S] = {B(H64_TO_F32_U) | B(H64_NEG),
                      "fn cw_i64_to_f32(v: vec2<u32>) -> f32 {\n"
                      "  if ((v.y >> 31u) != 0u) {\n    return -cw_u64_to_f32(cw_neg64(v));\n  }\n"
                      "  return cw_u64_to_f32(v);\n}\n"},
    [H64_FROM_F32_U] = {B(H64_SHL),
                        "// C truncation; NaN -> 0, out of range saturates (UB in C)\n"
                        "fn cw_u64_from_f32(f: f32) -> vec2<u32> {\n"
                        "  let bits = bitcast<u32>(f);\n"
                        "  if ((bits & 0x7fffffffu) > 0x7f800000u || (bits >> 31u) != 0u) {\n"
                        "    return vec2<u32>(0u, 0u);\n  }\n"
                        "  if (f >= 18446744073709551616.0f) {\n"
                        "    return vec2<u32>(0xffffffffu, 0xffffffffu);\n  }\n"
                        "  if (f < 4294967296.0f) {\n    return vec2<u32>(u32(f), 0u);\n  }\n"
                        "  let e = ((bits >> 23u) & 0xffu) - 127u;\n"
                        "  let m = (bits & 0x7fffffu) | 0x800000u;\n"
                        "  return cw_shl64(vec2<u32>(m, 0u), e - 23u);\n}\n"},
    [H64_FROM_F32_S] = {B(H64_FROM_F32_U) | B(H64_NEG),
                        "// C truncation; NaN -> 0, out of range saturates (UB in C)\n"
                        "fn cw_i64_from_f32(f: f32) -> vec2<u32> {\n"
                        "  let bits = bitcast<u32>(f);\n"
                        "  if ((bits & 0x7fffffffu) > 0x7f800000u) {\n    return vec2<u32>(0u, 0u);\n  }\n"
                        "  let a = abs(f);\n"
                        "  if (a >= 9223372036854775808.0f) {\n"
                        "    return select(vec2<u32>(0xffffffffu, 0x7fffffffu), vec2<u32>(0u, 0x80000000u), f < 0.0f);\n"
                        "  }\n"
                        "  let m = cw_u64_from_f32(a);\n"
                        "  return select(m, cw_neg64(m), f < 0.0f);\n}\n"},
    [H64_CLZ] = {0, "fn cw_clz64(a: vec2<u32>) -> u32 {\n"
                    "  return select(countLeadingZeros(a.y), 32u + countLeadingZeros(a.x), a.y == 0u);\n}\n"},
    [H64_POPC] = {0, "fn cw_popc64(a: vec2<u32>) -> u32 {\n"
                     "  return countOneBits(a.x) + countOneBits(a.y);\n}\n"},
    [H64_FFS] = {0, "// __ffsll: 1 + index of the lowest set bit, 0 for 0\n"
                    "fn cw_ffs64(a: vec2<u32>) -> u32 {\n"
                    "  if (a.x != 0u) {\n    return firstTrailingBit(a.x) + 1u;\n  }\n"
                    "  if (a.y != 0u) {\n    return firstTrailingBit(a.y) + 33u;\n  }\n"
                    "  return 0u;\n}\n"},
    [H64_BREV] = {0, "fn cw_brev64(a: vec2<u32>) -> vec2<u32> {\n"
                     "  return vec2<u32>(reverseBits(a.y), reverseBits(a.x));\n}\n"},
    [H64_UMULHI] = {B(H64_MULWIDE) | B(H64_ADD),
                    "// high 64 bits of the 128-bit product\n"
                    "fn cw_umulhi64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {\n"
                    "  let ll = cw_mulwide(a.x, b.x);\n  let lh = cw_mulwide(a.x, b.y);\n"
                    "  let hl = cw_mulwide(a.y, b.x);\n  let hh = cw_mulwide(a.y, b.y);\n"
                    "  let mid = cw_add64(cw_add64(vec2<u32>(ll.y, 0u), vec2<u32>(lh.x, 0u)), vec2<u32>(hl.x, 0u));\n"
                    "  return cw_add64(cw_add64(cw_add64(hh, vec2<u32>(lh.y, 0u)), vec2<u32>(hl.y, 0u)), vec2<u32>(mid.y, 0u));\n}\n"},
    [H64_MULHI] = {B(H64_UMULHI) | B(H64_SUB),
                   "fn cw_mulhi64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {\n"
                   "  var h = cw_umulhi64(a, b);\n"
                   "  if ((a.y >> 31u) != 0u) {\n    h = cw_sub64(h, b);\n  }\n"
                   "  if ((b.y >> 31u) != 0u) {\n    h = cw_sub64(h, a);\n  }\n"
                   "  return h;\n}\n"},
};

static const char *use(wg_ctx *c, h64 h, const char *text) {
  c->helpers64 |= B(h);
  return text;
}

bool wg64_is(const ir_type *t) { return t && (t->kind == IR_T_I64 || t->kind == IR_T_U64); }

const char *wg64_const(wg_ctx *c, uint64_t v) {
  return P("vec2<u32>(%uu, %uu)", (unsigned)(uint32_t)v, (unsigned)(uint32_t)(v >> 32));
}

/* A shift count (any integer type) as u32 text: 64-bit counts use the low word. */
const char *wg64_count(wg_ctx *c, const char *b, const ir_type *bt) {
  if (wg64_is(bt)) return P("%s.x", b);
  if (bt->kind == IR_T_U32 || bt->kind == IR_T_U8 || bt->kind == IR_T_U16) return b;
  return P("u32(%s)", b);
}

const char *wg64_binary(wg_ctx *c, ir_op op, const ir_type *t, const char *a, const char *b) {
  bool s = t->kind == IR_T_I64;
  switch (op) {
  case IR_OP_ADD: return use(c, H64_ADD, P("cw_add64(%s, %s)", a, b));
  case IR_OP_SUB: return use(c, H64_SUB, P("cw_sub64(%s, %s)", a, b));
  case IR_OP_MUL: return use(c, H64_MUL, P("cw_mul64(%s, %s)", a, b));
  case IR_OP_DIV:
    return s ? use(c, H64_SDIVMOD, P("cw_sdivmod64(%s, %s).xy", a, b))
             : use(c, H64_UDIVMOD, P("cw_udivmod64(%s, %s).xy", a, b));
  case IR_OP_REM:
    return s ? use(c, H64_SDIVMOD, P("cw_sdivmod64(%s, %s).zw", a, b))
             : use(c, H64_UDIVMOD, P("cw_udivmod64(%s, %s).zw", a, b));
  case IR_OP_SHL: return use(c, H64_SHL, P("cw_shl64(%s, %s)", a, b));
  case IR_OP_SHR:
    return s ? use(c, H64_SHRS, P("cw_shrs64(%s, %s)", a, b))
             : use(c, H64_SHRU, P("cw_shru64(%s, %s)", a, b));
  case IR_OP_AND: return P("(%s & %s)", a, b);
  case IR_OP_OR: return P("(%s | %s)", a, b);
  case IR_OP_XOR: return P("(%s ^ %s)", a, b);
  case IR_OP_EQ: return P("all(%s == %s)", a, b);
  case IR_OP_NE: return P("any(%s != %s)", a, b);
  default: break;
  }
  h64 lt = s ? H64_LTS : H64_LTU;
  const char *fn = s ? "cw_lts64" : "cw_ltu64";
  switch (op) {
  case IR_OP_LT: return use(c, lt, P("%s(%s, %s)", fn, a, b));
  case IR_OP_GT: return use(c, lt, P("%s(%s, %s)", fn, b, a));
  case IR_OP_LE: return use(c, lt, P("!%s(%s, %s)", fn, b, a));
  case IR_OP_GE: return use(c, lt, P("!%s(%s, %s)", fn, a, b));
  default:
    cw_error(c->m->diags, (cw_loc){0}, "internal error: 64-bit operator '%s' in the wgsl emitter",
             ir_op_str(op));
  }
}

const char *wg64_unary(wg_ctx *c, ir_op op, const char *a) {
  if (op == IR_OP_BITNOT) return P("(~%s)", a);
  return use(c, H64_NEG, P("cw_neg64(%s)", a));
}

/* C conversion where from or to is 64-bit (f64 never reaches here: it is
 * refused or demoted before the emitter). */
const char *wg64_convert(wg_ctx *c, const char *x, const ir_type *from, const ir_type *to) {
  if (wg64_is(from) && wg64_is(to)) return x; /* same bits */
  if (wg64_is(to)) {
    switch (from->kind) {
    case IR_T_BOOL: return P("vec2<u32>(select(0u, 1u, %s), 0u)", x);
    case IR_T_U8: case IR_T_U16: case IR_T_U32: return P("vec2<u32>(%s, 0u)", x);
    case IR_T_I8: case IR_T_I16: case IR_T_I32: return use(c, H64_FROM_I32, P("cw_i64_from_i32(%s)", x));
    case IR_T_F32:
      return to->kind == IR_T_I64 ? use(c, H64_FROM_F32_S, P("cw_i64_from_f32(%s)", x))
                                  : use(c, H64_FROM_F32_U, P("cw_u64_from_f32(%s)", x));
    default: break;
    }
  } else {
    switch (to->kind) {
    case IR_T_BOOL: return P("any(%s != vec2<u32>(0u, 0u))", x);
    case IR_T_F32:
      return from->kind == IR_T_I64 ? use(c, H64_TO_F32_S, P("cw_i64_to_f32(%s)", x))
                                    : use(c, H64_TO_F32_U, P("cw_u64_to_f32(%s)", x));
    case IR_T_I8: case IR_T_I16: case IR_T_I32: case IR_T_U8: case IR_T_U16: case IR_T_U32:
      /* modular: the low word, then as from a u32 */
      return wg_convert_text(c, P("%s.x", x), &ir_u32, to);
    default: break;
    }
  }
  cw_error(c->m->diags, (cw_loc){0}, "internal error: conversion from '%s' to '%s' in the wgsl emitter",
           ir_type_str(c->m, from), ir_type_str(c->m, to));
}

/* Intrinsics with a 64-bit operand or result; NULL when e is not one. */
const char *wg64_intrinsic(wg_ctx *c, const ir_expr *e, const char **a) {
  const ir_type *t0 = e->nargs ? e->args[0]->type : e->type;
  if (!wg64_is(t0) && !wg64_is(e->type)) return NULL;
  bool s = t0->kind == IR_T_I64;
  switch (e->intrinsic) {
  case CW_IN_POPC: case CW_IN_POPCLL:
    return wg_convert_text(c, use(c, H64_POPC, P("cw_popc64(%s)", a[0])), &ir_u32, e->type);
  case CW_IN_CLZ:
    return wg_convert_text(c, use(c, H64_CLZ, P("cw_clz64(%s)", a[0])), &ir_u32, e->type);
  case CW_IN_FFS:
    return wg_convert_text(c, use(c, H64_FFS, P("cw_ffs64(%s)", a[0])), &ir_u32, e->type);
  case CW_IN_BREV: return use(c, H64_BREV, P("cw_brev64(%s)", a[0]));
  case CW_IN_UMULHI: return use(c, H64_UMULHI, P("cw_umulhi64(%s, %s)", a[0], a[1]));
  case CW_IN_MULHI: return use(c, H64_MULHI, P("cw_mulhi64(%s, %s)", a[0], a[1]));
  case CW_IN_MIN: case CW_IN_MAX: {
    const char *lt = s ? use(c, H64_LTS, P("cw_lts64(%s, %s)", a[1], a[0]))
                       : use(c, H64_LTU, P("cw_ltu64(%s, %s)", a[1], a[0]));
    /* min: b < a ? b : a; max: b < a ? a : b */
    return e->intrinsic == CW_IN_MIN ? P("select(%s, %s, %s)", a[0], a[1], lt)
                                     : P("select(%s, %s, %s)", a[1], a[0], lt);
  }
  case CW_IN_ABS:
    if (!s) return a[0];
    c->helpers64 |= B(H64_NEG);
    return P("select(%s, cw_neg64(%s), (%s.y >> 31u) != 0u)", a[0], a[0], a[0]);
  default:
    cw_error(c->m->diags, e->loc, "%s on a 64-bit integer is not supported by the wgsl target yet",
             cw_intrinsic_name(e->intrinsic));
  }
}

void wg64_emit_helpers(wg_ctx *c, cw_strbuf *out) {
  unsigned long long used = c->helpers64, prev;
  do { /* close over dependencies */
    prev = used;
    for (int i = 0; i < H64_COUNT; i++)
      if (used & B(i)) used |= defs[i].deps;
  } while (used != prev);
  for (int i = 0; i < H64_COUNT; i++)
    if (used & B(i)) {
      cw_sb_puts(out, defs[i].text);
      cw_sb_putc(out, '\n');
    }
}

/* Every helper's text, in order (unit tests run them on edge values). */
void wg64_emit_all_helpers(wg_ctx *c, cw_strbuf *out) {
  c->helpers64 = B(H64_COUNT) - 1;
  wg64_emit_helpers(c, out);
}

/* ---------------- 64-bit atomics ----------------
 * WGSL has only 32-bit atomics: a 64-bit element touched atomically is
 * declared array<atomic<u32>, 2> (low word [0], high word [1]). What two
 * 32-bit atomics can do exactly when the old value is not used:
 *   add/sub  atomicAdd on the low word; the carry out of it (known from the
 *            old low word) plus the operand's high word is added to the high
 *            word. Every carry is accounted once, so once all threads are
 *            done the 64-bit value is exact (additions commute); a reader
 *            racing with the adds may see a torn value, as it may in CUDA
 *            without synchronisation.
 *   and/or/xor  word by word (bitwise: the words are independent).
 * Everything else needs a 64-bit read-modify-write that is atomic as a whole
 * (the old value, compare-and-swap, exchange, min/max, inc/dec): refused. */
void wg64_atomic(wg_ctx *c, const ir_stmt *s, const char *lv, const char *v) {
  cw_intrinsic in = s->intrinsic;
  bool addsub = in == CW_IN_ATOMIC_ADD || in == CW_IN_ATOMIC_SUB;
  bool bitwise = in == CW_IN_ATOMIC_AND || in == CW_IN_ATOMIC_OR || in == CW_IN_ATOMIC_XOR;
  if (s->dst || !(addsub || bitwise)) {
    cw_error(c->m->diags, s->loc,
             "%s on a 64-bit integer %sis not supported by the wgsl target (WGSL has only 32-bit "
             "atomics, and a 64-bit read-modify-write cannot be made atomic with them; only "
             "atomicAdd, atomicSub, atomicAnd, atomicOr and atomicXor whose result is unused are)",
             cw_intrinsic_name(in), s->dst && (addsub || bitwise) ? "whose result is used " : "");
  }
  wg_line(c, "{");
  c->indent++;
  if (in == CW_IN_ATOMIC_SUB) v = use(c, H64_NEG, P("cw_neg64(%s)", v));
  wg_line(c, "let cw_v = %s;", v);
  if (addsub) {
    wg_line(c, "let cw_lo = atomicAdd(&%s[0], cw_v.x);", lv);
    wg_line(c, "let cw_hi = cw_v.y + select(0u, 1u, cw_lo + cw_v.x < cw_lo);");
    wg_line(c, "if (cw_hi != 0u) {");
    wg_line(c, "  atomicAdd(&%s[1], cw_hi);", lv);
    wg_line(c, "}");
  } else {
    const char *fn = in == CW_IN_ATOMIC_AND ? "atomicAnd" : in == CW_IN_ATOMIC_OR ? "atomicOr" : "atomicXor";
    wg_line(c, "%s(&%s[0], cw_v.x);", fn, lv);
    wg_line(c, "%s(&%s[1], cw_v.y);", fn, lv);
  }
  c->indent--;
  wg_line(c, "}");
}
