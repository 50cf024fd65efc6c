/* Entry points of the WebAssembly back-end (src/back/wasm) for the npm
 * package: compile one kernel of CUDA source to a WebAssembly module, plus
 * the f64 math functions (musl's, as the interpreter uses) that the kernel
 * modules import. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#include "back/metadata.h"
#include "back/wasm/wasm.h"
#include "cudawasm.h"
#include "util/strbuf.h"

typedef struct compiled {
  int status;          /* 0 compiled, 1 refused (why), 2 transpile error (result diagnostics) */
  cw_wasm_kernel k;
  char *layout;        /* JSON: frame, levels, nswitch, vars, pslots */
  cw_transpile_result *result;
  int simd; /* the back-end's SIMD128 path (off: the scalar code only, for comparisons) */
} compiled;

static void json_str(cw_strbuf *b, const char *s) {
  cw_sb_putc(b, '"');
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\') cw_sb_putc(b, '\\');
    cw_sb_putc(b, *s);
  }
  cw_sb_putc(b, '"');
}

static void capture(void *user, ir_module *m, const cw_meta_module *mm, const char *code) {
  (void)mm;
  (void)code;
  compiled *c = user;
  ir_func *k = m->funcs;
  while (k && !k->is_kernel) k = k->next;
  if (!k || cw_emit_wasm_simd(m, k, &c->k, c->simd != 0) != 0) {
    c->status = 1;
    if (!k) strcpy(c->k.why, "no kernel");
    return;
  }
  c->status = 0;
  cw_strbuf b;
  cw_sb_init(&b);
  cw_sb_printf(&b, "{\"frame\": %d, \"levels\": %d, \"nswitch\": %d, \"simd_regions\": %d, \"vars\": [", c->k.frame,
               c->k.levels, c->k.nswitch, c->k.simd_regions);
  static const char *kinds[] = {"buffer", "shared", "dyn_shared", "global"};
  for (int i = 0; i < c->k.nvars; i++) {
    const cw_wasm_var *v = &c->k.vars[i];
    cw_sb_printf(&b, "%s{\"kind\": \"%s\", \"param\": %d, \"size\": %d, \"name\": ", i ? ", " : "", kinds[v->kind], v->param, v->size);
    json_str(&b, v->name ? v->name : "");
    cw_sb_putc(&b, '}');
  }
  cw_sb_puts(&b, "], \"pslots\": [");
  for (int i = 0; i < c->k.npslots; i++)
    cw_sb_printf(&b, "%s{\"param\": %d, \"offset\": %d, \"size\": %d}", i ? ", " : "", c->k.pslots[i].param,
                 c->k.pslots[i].offset, c->k.pslots[i].size);
  cw_sb_puts(&b, "]}");
  c->layout = cw_sb_take(&b);
}

EMSCRIPTEN_KEEPALIVE
compiled *cwj_wasm_compile(const char *src, int len, const char *filename, char *defines, const char *kernel,
                           int simd) {
  compiled *c = calloc(1, sizeof *c);
  if (!c) abort();
  c->simd = simd;
  c->status = 2;
  cw_transpile_options o = {0};
  o.target = CW_TARGET_C;
  o.filename = filename && *filename ? filename : NULL;
  o.kernels = &kernel;
  o.nkernels = 1;
  int nd = 0;
  const char *dv[64];
  for (char *p = defines; p && *p && nd < 64;) {
    dv[nd++] = p;
    char *nl = strchr(p, '\n');
    if (!nl) break;
    *nl = 0;
    p = nl + 1;
  }
  o.defines = dv;
  o.ndefines = nd;
  c->result = cw_transpile_capture(src, (size_t)len, &o, capture, c);
  return c;
}

EMSCRIPTEN_KEEPALIVE int cwj_wasm_status(const compiled *c) { return c->status; }
EMSCRIPTEN_KEEPALIVE const char *cwj_wasm_why(const compiled *c) { return c->k.why; }
EMSCRIPTEN_KEEPALIVE const uint8_t *cwj_wasm_bytes(const compiled *c) { return c->k.bytes; }
EMSCRIPTEN_KEEPALIVE int cwj_wasm_len(const compiled *c) { return (int)c->k.len; }
EMSCRIPTEN_KEEPALIVE const char *cwj_wasm_layout(const compiled *c) { return c->layout; }
EMSCRIPTEN_KEEPALIVE cw_transpile_result *cwj_wasm_result(const compiled *c) { return c->result; }
EMSCRIPTEN_KEEPALIVE void cwj_wasm_free(compiled *c) {
  cw_wasm_kernel_free(&c->k);
  free(c->layout);
  cw_transpile_result_free(c->result);
  free(c);
}

/* f64 math for the kernel modules' imports */
#define M1(name, expr) EMSCRIPTEN_KEEPALIVE double cwj_m_##name(double x) { return expr; }
#define M2(name, expr) EMSCRIPTEN_KEEPALIVE double cwj_m_##name(double x, double y) { return expr; }
M1(cbrt, cbrt(x)) M1(exp, exp(x)) M1(exp2, exp2(x)) M1(exp10, pow(10.0, x)) M1(expm1, expm1(x))
M1(log, log(x)) M1(log2, log2(x)) M1(log10, log10(x)) M1(log1p, log1p(x)) M1(sin, sin(x)) M1(cos, cos(x))
M1(tan, tan(x)) M1(asin, asin(x)) M1(acos, acos(x)) M1(atan, atan(x)) M1(sinh, sinh(x)) M1(cosh, cosh(x))
M1(tanh, tanh(x)) M1(asinh, asinh(x)) M1(acosh, acosh(x)) M1(atanh, atanh(x)) M1(erf, erf(x))
M1(erfc, erfc(x)) M1(round, round(x))
M2(pow, pow(x, y)) M2(atan2, atan2(x, y)) M2(fmod, fmod(x, y)) M2(remainder, remainder(x, y))
M2(hypot, hypot(x, y)) M2(fmin, fmin(x, y)) M2(fmax, fmax(x, y)) M2(fdim, fdim(x, y))
M2(ldexp, ldexp(x, (int)y))
EMSCRIPTEN_KEEPALIVE double cwj_m_fma(double x, double y, double z) { return fma(x, y, z); }
