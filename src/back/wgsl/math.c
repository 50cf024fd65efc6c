/* CUDA math and integer intrinsics in WGSL, with C semantics for f32.
 *
 * Direct mappings where WGSL's built-in means the same; otherwise a helper
 * function (emitted once, only when used). Deliberate choices:
 *   round      C rounds half away from zero; WGSL round() is half-to-even
 *              (that is rint), so round is a helper.
 *   fmin/fmax  C returns the other operand when one is NaN; WGSL min/max
 *              leave NaN unspecified. NaN tests use the bit pattern because
 *              WGSL implementations may assume x == x.
 *   fmod       WGSL f32 `%` is x - y * trunc(x / y) (not exact for huge
 *              quotients, unlike C's fmod).
 *   pow        WGSL pow is undefined for x < 0; the helper handles negative
 *              bases with integer exponents, pow(x, 0) = 1 and pow(1, y) = 1.
 *   erf/erfc   Abramowitz-Stegun 7.1.26 (absolute error <= 1.5e-7), with a
 *              series for small |x| so erf keeps its relative precision.
 *   __mulhi    32x32 -> high 32 bits from 16-bit pieces (WGSL has no 64-bit). */
#include <string.h>

#include "back/wgsl/wgsl.h"

#define P(...) cw_arena_printf(c->m->arena, __VA_ARGS__)

static const char *use(wg_ctx *c, wg_helper h, const char *call) {
  c->helpers |= 1u << h;
  return call;
}

static const char *to_type(wg_ctx *c, const char *x, const ir_type *from, const ir_type *to) {
  return wg_convert_text(c, x, from, to);
}

/* bool-valued classification into the intrinsic's result type */
static const char *classify(wg_ctx *c, const ir_expr *e, const char *cond) {
  return to_type(c, cond, &ir_bool, e->type);
}

const char *wg_intrinsic(wg_ctx *c, const ir_expr *e, const char **a) {
  const ir_type *t0 = e->nargs ? e->args[0]->type : e->type;
  bool f = t0->kind == IR_T_F32;
  const char *r64 = wg64_intrinsic(c, e, a);
  if (r64) return r64;
  const char *rh = wg_half_intrinsic(c, e, a);
  if (rh) return rh;
  switch (e->intrinsic) {
  /* passes/warp.c with m->subgroup_size 32: one 32-lane subgroup per warp */
  case CW_IN_SG_SHUFFLE: return P("subgroupShuffle(%s, %s)", a[0], a[1]);
  case CW_IN_SG_BALLOT: return P("subgroupBallot(%s).x", a[0]);
  case CW_IN_SG_ADD: return P("subgroupAdd(%s)", a[0]);
  case CW_IN_SG_MIN: return P("subgroupMin(%s)", a[0]);
  case CW_IN_SG_MAX: return P("subgroupMax(%s)", a[0]);
  case CW_IN_SG_AND: return P("subgroupAnd(%s)", a[0]);
  case CW_IN_SG_OR: return P("subgroupOr(%s)", a[0]);
  case CW_IN_SG_XOR: return P("subgroupXor(%s)", a[0]);
  case CW_IN_SQRT: case CW_IN_SQRT_RN: return P("sqrt(%s)", a[0]);
  case CW_IN_RSQRT: return P("inverseSqrt(%s)", a[0]);
  case CW_IN_CBRT: return use(c, WG_H_CBRT, P("cw_cbrt(%s)", a[0]));
  case CW_IN_EXP: case CW_IN_FAST_EXP: return P("exp(%s)", a[0]);
  case CW_IN_EXP2: return P("exp2(%s)", a[0]);
  case CW_IN_EXP10: return P("exp2(%s * 3.32192809f)", a[0]);
  case CW_IN_EXPM1: return use(c, WG_H_EXPM1, P("cw_expm1(%s)", a[0]));
  case CW_IN_LOG: case CW_IN_FAST_LOG: return P("log(%s)", a[0]);
  case CW_IN_LOG2: return P("log2(%s)", a[0]);
  case CW_IN_LOG10: return P("(log2(%s) * 0.301029996f)", a[0]);
  case CW_IN_LOG1P: return use(c, WG_H_LOG1P, P("cw_log1p(%s)", a[0]));
  case CW_IN_POW: return use(c, WG_H_POW, P("cw_pow(%s, %s)", a[0], a[1]));
  case CW_IN_FAST_POW: return P("pow(%s, %s)", a[0], a[1]); /* __powf: exp2(y*log2(x)) too */
  /* sinf/cosf/tanf: own reduction and polynomials. WGSL only bounds the
   * built-ins' absolute error by 2^-11 (on [-pi, pi]); SwiftShader's measured
   * 1.9e-4 there, far from CUDA's 2 ulp. The fast intrinsics keep the built-ins
   * (CUDA's own __sinf is an approximation too). */
  case CW_IN_SIN: return use(c, WG_H_SINCOS, P("cw_sincos(%s).x", a[0]));
  case CW_IN_COS: return use(c, WG_H_SINCOS, P("cw_sincos(%s).y", a[0]));
  case CW_IN_TAN: return use(c, WG_H_SINCOS, P("cw_tan(%s)", a[0]));
  case CW_IN_FAST_SIN: return P("sin(%s)", a[0]);
  case CW_IN_FAST_COS: return P("cos(%s)", a[0]);
  case CW_IN_ASIN: return use(c, WG_H_ASIN, P("cw_asin(%s)", a[0]));
  case CW_IN_ACOS: return use(c, WG_H_ACOS, P("cw_acos(%s)", a[0]));
  case CW_IN_ATAN: return P("atan(%s)", a[0]);
  case CW_IN_ATAN2: return P("atan2(%s, %s)", a[0], a[1]);
  case CW_IN_SINH: return P("sinh(%s)", a[0]);
  case CW_IN_COSH: return P("cosh(%s)", a[0]);
  case CW_IN_TANH: return P("tanh(%s)", a[0]);
  case CW_IN_ASINH: return P("asinh(%s)", a[0]);
  case CW_IN_ACOSH: return P("acosh(%s)", a[0]);
  case CW_IN_ATANH: return P("atanh(%s)", a[0]);
  case CW_IN_FABS: case CW_IN_ABS: return P("abs(%s)", a[0]);
  case CW_IN_FMIN: return use(c, WG_H_FMIN, P("cw_fmin(%s, %s)", a[0], a[1]));
  case CW_IN_FMAX: return use(c, WG_H_FMAX, P("cw_fmax(%s, %s)", a[0], a[1]));
  case CW_IN_MIN:
    return f ? use(c, WG_H_FMIN, P("cw_fmin(%s, %s)", a[0], a[1])) : P("min(%s, %s)", a[0], a[1]);
  case CW_IN_MAX:
    return f ? use(c, WG_H_FMAX, P("cw_fmax(%s, %s)", a[0], a[1])) : P("max(%s, %s)", a[0], a[1]);
  case CW_IN_FDIM: return P("select(%s - %s, 0.0f, %s <= %s)", a[0], a[1], a[0], a[1]);
  case CW_IN_FLOOR: return P("floor(%s)", a[0]);
  case CW_IN_CEIL: return P("ceil(%s)", a[0]);
  case CW_IN_TRUNC: return P("trunc(%s)", a[0]);
  case CW_IN_ROUND: return use(c, WG_H_ROUND, P("cw_round(%s)", a[0]));
  case CW_IN_RINT: return P("round(%s)", a[0]); /* both half-to-even */
  case CW_IN_FMOD: return P("(%s %% %s)", a[0], a[1]);
  case CW_IN_REMAINDER: return P("(%s - %s * round(%s / %s))", a[0], a[1], a[0], a[1]);
  case CW_IN_FMA: case CW_IN_FMA_RN: return P("fma(%s, %s, %s)", a[0], a[1], a[2]);
  case CW_IN_HYPOT: return use(c, WG_H_HYPOT, P("cw_hypot(%s, %s)", a[0], a[1]));
  case CW_IN_ERF: return use(c, WG_H_ERF, P("cw_erf(%s)", a[0]));
  case CW_IN_ERFC: return use(c, WG_H_ERFC, P("cw_erfc(%s)", a[0]));
  case CW_IN_COPYSIGN:
    return P("bitcast<f32>((bitcast<u32>(%s) & 0x7fffffffu) | (bitcast<u32>(%s) & 0x80000000u))",
             a[0], a[1]);
  case CW_IN_LDEXP:
    return P("ldexp(%s, %s)", a[0], to_type(c, a[1], e->args[1]->type, &ir_i32));
  case CW_IN_ISNAN:
    return classify(c, e, use(c, WG_H_ISNAN, P("cw_isnan(%s)", a[0])));
  case CW_IN_ISINF:
    return classify(c, e, P("((bitcast<u32>(%s) & 0x7fffffffu) == 0x7f800000u)", a[0]));
  case CW_IN_ISFINITE:
    return classify(c, e, P("((bitcast<u32>(%s) & 0x7fffffffu) < 0x7f800000u)", a[0]));
  case CW_IN_SIGNBIT:
    return classify(c, e, P("((bitcast<u32>(%s) >> 31u) != 0u)", a[0]));
  case CW_IN_FAST_DIV: return P("(%s / %s)", a[0], a[1]);
  case CW_IN_SATURATE: return use(c, WG_H_SATURATE, P("cw_saturate(%s)", a[0]));
  case CW_IN_RCP_RN: return P("(1.0f / %s)", a[0]);
  case CW_IN_ADD_RN: return P("(%s + %s)", a[0], a[1]);
  case CW_IN_MUL_RN: return P("(%s * %s)", a[0], a[1]);
  case CW_IN_POPC:
    return to_type(c, P("countOneBits(%s)", a[0]), t0, e->type);
  case CW_IN_CLZ:
    return to_type(c, P("countLeadingZeros(%s)", a[0]), t0, e->type);
  case CW_IN_FFS: /* firstTrailingBit(0) is all ones, so + 1 gives 0 as __ffs(0) */
    return to_type(c, P("(firstTrailingBit(%s) + %s)", a[0],
                        t0->kind == IR_T_U32 ? "1u" : "1i"), t0, e->type);
  case CW_IN_BREV: return to_type(c, P("reverseBits(%s)", a[0]), t0, e->type);
  case CW_IN_MUL24: /* low 24 bits of each operand, sign-extended */
    return P("(((%s << 8u) >> 8u) * ((%s << 8u) >> 8u))", a[0], a[1]);
  case CW_IN_UMUL24: return P("((%s & 0xffffffu) * (%s & 0xffffffu))", a[0], a[1]);
  case CW_IN_MULHI: return use(c, WG_H_MULHI, P("cw_mulhi(%s, %s)", a[0], a[1]));
  case CW_IN_UMULHI: return use(c, WG_H_UMULHI, P("cw_umulhi(%s, %s)", a[0], a[1]));
  case CW_IN_FLOAT_AS_INT: return P("bitcast<i32>(%s)", a[0]);
  case CW_IN_FLOAT_AS_UINT: return P("bitcast<u32>(%s)", a[0]);
  case CW_IN_INT_AS_FLOAT: case CW_IN_UINT_AS_FLOAT: return P("bitcast<f32>(%s)", a[0]);
  default:
    cw_error(c->m->diags, e->loc, "%s is not supported by the wgsl target yet",
             cw_intrinsic_name(e->intrinsic));
  }
}

/* ---------------- helper functions ---------------- */
typedef struct {
  unsigned deps; /* helpers this one calls */
  const char *text;
} helper_def;

#define H(x) (1u << (x))
static const helper_def helpers[WG_H_COUNT] = {
    [WG_H_F32_BITS] = {0, "fn cw_f32_bits(b: u32) -> f32 {\n  return bitcast<f32>(b);\n}\n"},
    [WG_H_DYN_I32] = {0, "fn cw_dyn_i32(x: i32) -> i32 {\n  return x;\n}\n"},
    [WG_H_DYN_U32] = {0, "fn cw_dyn_u32(x: u32) -> u32 {\n  return x;\n}\n"},
    [WG_H_DYN_F32] = {0, "fn cw_dyn_f32(x: f32) -> f32 {\n  return x;\n}\n"},
    [WG_H_ISNAN] = {0, "fn cw_isnan(x: f32) -> bool {\n"
                       "  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;\n}\n"},
    [WG_H_FMIN] = {H(WG_H_ISNAN), "fn cw_fmin(a: f32, b: f32) -> f32 {\n"
                                  "  if (cw_isnan(a)) {\n    return b;\n  }\n"
                                  "  if (cw_isnan(b)) {\n    return a;\n  }\n"
                                  "  return min(a, b);\n}\n"},
    [WG_H_FMAX] = {H(WG_H_ISNAN), "fn cw_fmax(a: f32, b: f32) -> f32 {\n"
                                  "  if (cw_isnan(a)) {\n    return b;\n  }\n"
                                  "  if (cw_isnan(b)) {\n    return a;\n  }\n"
                                  "  return max(a, b);\n}\n"},
    [WG_H_ROUND] = {0, "// C round: halfway cases away from zero\n"
                       "fn cw_round(x: f32) -> f32 {\n"
                       "  let t = trunc(x);\n"
                       "  if (abs(x - t) >= 0.5f) {\n    return t + sign(x);\n  }\n"
                       "  return t;\n}\n"},
    [WG_H_HYPOT] = {H(WG_H_F32_BITS), "// scaled so that x * x cannot overflow\n"
                                      "fn cw_hypot(x: f32, y: f32) -> f32 {\n"
                                      "  let a = abs(x);\n  let b = abs(y);\n"
                                      "  let inf = cw_f32_bits(0x7f800000u);\n"
                                      "  if (a == inf || b == inf) {\n    return inf;\n  }\n"
                                      "  let m = max(a, b);\n"
                                      "  if (m == 0.0f) {\n    return 0.0f;\n  }\n"
                                      "  let r = min(a, b) / m;\n"
                                      "  return m * sqrt(1.0f + r * r);\n}\n"},
    [WG_H_CBRT] = {0, "// sign * |x|^(1/3), refined by one Newton step\n"
                      "fn cw_cbrt(x: f32) -> f32 {\n"
                      "  let a = abs(x);\n"
                      "  if (a == 0.0f || a > 3.0e38f) {\n    return x;\n  }\n"
                      "  var y = pow(a, 1.0f / 3.0f);\n"
                      "  y = y - (y * y * y - a) / (3.0f * y * y);\n"
                      "  return select(y, -y, x < 0.0f);\n}\n"},
    [WG_H_EXPM1] = {0, "// exp(x) - 1 without cancellation near 0\n"
                       "fn cw_expm1(x: f32) -> f32 {\n"
                       "  if (abs(x) < 1.0e-5f) {\n    return x + 0.5f * x * x;\n  }\n"
                       "  let u = exp(x);\n"
                       "  if (u == 1.0f) {\n    return x;\n  }\n"
                       "  let um1 = u - 1.0f;\n"
                       "  if (um1 == -1.0f) {\n    return -1.0f;\n  }\n"
                       "  if (abs(x) > 1.0f) {\n    return um1;\n  }\n"
                       "  return um1 * x / log(u);\n}\n"},
    [WG_H_LOG1P] = {0, "// log(1 + x) without cancellation near 0\n"
                       "fn cw_log1p(x: f32) -> f32 {\n"
                       "  let u = 1.0f + x;\n"
                       "  if (u == 1.0f) {\n    return x;\n  }\n"
                       "  if (abs(x) > 1.0f) {\n    return log(u);\n  }\n"
                       "  return log(u) * x / (u - 1.0f);\n}\n"},
    /* asin/acos through atan2: the built-ins measured 1.1e-4 relative error
     * near |x| = 0.9 on lavapipe (WGSL leaves their accuracy to the platform) */
    [WG_H_ASIN] = {0, "// asin via atan2: accurate near |x| = 1, NaN outside [-1, 1]\n"
                      "fn cw_asin(x: f32) -> f32 {\n"
                      "  return atan2(x, sqrt((1.0f - x) * (1.0f + x)));\n}\n"},
    [WG_H_ACOS] = {0, "// acos via atan2: accurate near |x| = 1, NaN outside [-1, 1]\n"
                      "fn cw_acos(x: f32) -> f32 {\n"
                      "  return atan2(sqrt((1.0f - x) * (1.0f + x)), x);\n}\n"},
    [WG_H_ERF] = {0, "// Abramowitz-Stegun 7.1.26 (abs error <= 1.5e-7); series near 0\n"
                     "fn cw_erf(x: f32) -> f32 {\n"
                     "  let a = abs(x);\n"
                     "  if (a < 1.0e-3f) {\n    return x * (1.12837917f - 0.37612639f * x * x);\n  }\n"
                     "  let t = 1.0f / (1.0f + 0.3275911f * a);\n"
                     "  let p = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + "
                     "t * (-1.453152027f + t * 1.061405429f))));\n"
                     "  let r = 1.0f - p * exp(-a * a);\n"
                     "  return select(r, -r, x < 0.0f);\n}\n"},
    [WG_H_ERFC] = {0, "// Abramowitz-Stegun 7.1.26 for erfc(|x|); erfc(-x) = 2 - erfc(x)\n"
                      "fn cw_erfc(x: f32) -> f32 {\n"
                      "  let a = abs(x);\n"
                      "  let t = 1.0f / (1.0f + 0.3275911f * a);\n"
                      "  let p = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + "
                      "t * (-1.453152027f + t * 1.061405429f))));\n"
                      "  let r = p * exp(-a * a);\n"
                      "  return select(r, 2.0f - r, x < 0.0f);\n}\n"},
    [WG_H_POW] = {H(WG_H_F32_BITS),
                  "// C powf: WGSL pow is undefined for x < 0 and x == 0\n"
                  "fn cw_pow(x: f32, y: f32) -> f32 {\n"
                  "  if (y == 0.0f || x == 1.0f) {\n    return 1.0f;\n  }\n"
                  "  let a = abs(x);\n"
                  "  let odd = abs(y) < 16777216.0f && trunc(y) == y && (i32(y) & 1i) != 0i;\n"
                  "  var r: f32;\n"
                  "  if (a == 0.0f) {\n"
                  "    r = select(0.0f, cw_f32_bits(0x7f800000u), y < 0.0f);\n"
                  "  } else {\n"
                  "    r = pow(a, y);\n"
                  "  }\n"
                  "  if ((bitcast<u32>(x) >> 31u) != 0u) {\n"
                  "    if (trunc(y) != y && a != 0.0f) {\n"
                  "      return cw_f32_bits(0x7fc00000u);\n"
                  "    }\n"
                  "    if (odd) {\n      r = -r;\n    }\n"
                  "  }\n"
                  "  return r;\n}\n"},
    [WG_H_SATURATE] = {H(WG_H_ISNAN), "// __saturatef: NaN -> 0\n"
                                      "fn cw_saturate(x: f32) -> f32 {\n"
                                      "  if (cw_isnan(x)) {\n    return 0.0f;\n  }\n"
                                      "  return clamp(x, 0.0f, 1.0f);\n}\n"},
    /* Cephes sinf/cosf: Cody-Waite reduction by pi/4 in three parts (exact for
     * |x| < 8192), then minimax polynomials on [-pi/4, pi/4]: about 1 ulp.
     * Beyond 8192, inf and NaN: the built-ins. */
    [WG_H_SINCOS] = {0, "// (sin x, cos x) to about 1 ulp for |x| < 8192 (Cephes reduction and polynomials)\n"
                        "fn cw_sincos(x: f32) -> vec2<f32> {\n"
                        "  let ax = abs(x);\n"
                        "  if (!(ax < 8192.0f)) {\n    return vec2<f32>(sin(x), cos(x));\n  }\n"
                        "  var j = u32(ax * 1.27323954473516f);\n"
                        "  j = j + (j & 1u);\n"
                        "  let y = f32(j);\n"
                        "  let z = ((ax - y * 0.78515625f) - y * 2.4187564849853515625e-4f) - "
                        "y * 3.77489497744594108e-8f;\n"
                        "  let zz = z * z;\n"
                        "  let s = ((-1.9515295891e-4f * zz + 8.3321608736e-3f) * zz - 1.6666654611e-1f) * zz * z + z;\n"
                        "  let c = ((2.443315711809948e-5f * zz - 1.388731625493765e-3f) * zz + "
                        "4.166664568298827e-2f) * zz * zz - 0.5f * zz + 1.0f;\n"
                        "  let q = j & 7u;\n"
                        "  var sn = select(s, c, (q & 2u) != 0u);\n"
                        "  var cs = select(c, s, (q & 2u) != 0u);\n"
                        "  if (q >= 4u) {\n    sn = -sn;\n  }\n"
                        "  if (q == 2u || q == 4u) {\n    cs = -cs;\n  }\n"
                        "  if ((bitcast<u32>(x) >> 31u) != 0u) {\n    sn = -sn;\n  }\n"
                        "  return vec2<f32>(sn, cs);\n}\n\n"
                        "fn cw_tan(x: f32) -> f32 {\n"
                        "  let sc = cw_sincos(x);\n"
                        "  return sc.x / sc.y;\n}\n"},
    [WG_H_UMULHI] = {0, "// high 32 bits of a 32x32-bit product, from 16-bit pieces\n"
                        "fn cw_umulhi(a: u32, b: u32) -> u32 {\n"
                        "  let a0 = a & 0xffffu;\n  let a1 = a >> 16u;\n"
                        "  let b0 = b & 0xffffu;\n  let b1 = b >> 16u;\n"
                        "  let p00 = a0 * b0;\n  let p01 = a0 * b1;\n"
                        "  let p10 = a1 * b0;\n  let p11 = a1 * b1;\n"
                        "  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);\n"
                        "  return p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);\n}\n"},
    [WG_H_MULHI] = {H(WG_H_UMULHI), "// signed high product: unsigned one minus the sign corrections\n"
                                    "fn cw_mulhi(a: i32, b: i32) -> i32 {\n"
                                    "  var h = cw_umulhi(bitcast<u32>(a), bitcast<u32>(b));\n"
                                    "  if (a < 0i) {\n    h = h - bitcast<u32>(b);\n  }\n"
                                    "  if (b < 0i) {\n    h = h - bitcast<u32>(a);\n  }\n"
                                    "  return bitcast<i32>(h);\n}\n"},
};

void wg_emit_helpers(wg_ctx *c, cw_strbuf *out) {
  unsigned used = c->helpers, prev;
  do { /* close over dependencies */
    prev = used;
    for (int i = 0; i < WG_H_COUNT; i++)
      if (used & H(i)) used |= helpers[i].deps;
  } while (used != prev);
  for (int i = 0; i < WG_H_COUNT; i++)
    if (used & H(i)) {
      cw_sb_puts(out, helpers[i].text);
      cw_sb_putc(out, '\n');
    }
}
