/* Half arithmetic in native f16 (CW_IN_HADD & co., made by passes/half.c
 * when m->half_native). Storage stays the 16-bit pattern: operands are
 * bitcast from u32 to vec2<f16> and results back, so buffers hold the same
 * bytes as with the exact f32 code. NaN results become 0x7fff on the bits
 * (WGSL may assume floats are never NaN, and CUDA's NaN is 0x7fff, which
 * the exact code also gives). Whether the device rounds these as CUDA does
 * is the runtime's question (half_probe.c runs this text, dispatched by
 * rt/webgpu/half.c and npm/src/webgpu.js). */
#include "back/wgsl/half.h"
#include "back/wgsl/wgsl.h"

const char cw_wgsl_half_helpers[] =
    "fn cw_hbits(r: vec2<f16>) -> u32 {\n"
    "  let w = bitcast<u32>(r);\n"
    "  let lo = select(w & 0xffffu, 0x7fffu, (w & 0x7fffu) > 0x7c00u);\n"
    "  let hi = select(w >> 16u, 0x7fffu, ((w >> 16u) & 0x7fffu) > 0x7c00u);\n"
    "  return lo | (hi << 16u);\n"
    "}\n"
    "fn cw_hval(x: u32) -> vec2<f16> { return bitcast<vec2<f16>>(x); }\n"
    "fn cw_hadd(a: u32, b: u32) -> u32 { return cw_hbits(vec2<f16>(cw_hval(a).x + cw_hval(b).x, 0.0h)); }\n"
    "fn cw_hsub(a: u32, b: u32) -> u32 { return cw_hbits(vec2<f16>(cw_hval(a).x - cw_hval(b).x, 0.0h)); }\n"
    "fn cw_hmul(a: u32, b: u32) -> u32 { return cw_hbits(vec2<f16>(cw_hval(a).x * cw_hval(b).x, 0.0h)); }\n"
    "fn cw_hdiv(a: u32, b: u32) -> u32 { return cw_hbits(vec2<f16>(cw_hval(a).x / cw_hval(b).x, 0.0h)); }\n"
    "fn cw_hfma(a: u32, b: u32, c: u32) -> u32 {\n"
    "  return cw_hbits(vec2<f16>(fma(cw_hval(a).x, cw_hval(b).x, cw_hval(c).x), 0.0h));\n"
    "}\n"
    "fn cw_hadd2(a: u32, b: u32) -> u32 { return cw_hbits(cw_hval(a) + cw_hval(b)); }\n"
    "fn cw_hsub2(a: u32, b: u32) -> u32 { return cw_hbits(cw_hval(a) - cw_hval(b)); }\n"
    "fn cw_hmul2(a: u32, b: u32) -> u32 { return cw_hbits(cw_hval(a) * cw_hval(b)); }\n"
    "fn cw_hfma2(a: u32, b: u32, c: u32) -> u32 { return cw_hbits(fma(cw_hval(a), cw_hval(b), cw_hval(c))); }\n";

const char *wg_half_intrinsic(wg_ctx *c, const ir_expr *e, const char **a) {
  static const char *const fn[] = {"cw_hadd", "cw_hsub", "cw_hmul", "cw_hdiv", "cw_hfma",
                                   "cw_hadd2", "cw_hsub2", "cw_hmul2", "cw_hfma2"};
  if (!cw_intrinsic_is_half(e->intrinsic)) return NULL;
  c->half_used = true;
  const char *f = fn[e->intrinsic - CW_IN_HADD];
  return e->nargs == 3 ? cw_arena_printf(c->m->arena, "%s(%s, %s, %s)", f, a[0], a[1], a[2])
                       : cw_arena_printf(c->m->arena, "%s(%s, %s)", f, a[0], a[1]);
}
