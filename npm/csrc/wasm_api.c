/* The transpiler's entry points for the WebAssembly build (npm package).
 * JavaScript passes strings as UTF-8 pointers and lists as one string with
 * items separated by '\n'; the result stays opaque and is read field by field
 * through accessors, so no struct layout is shared with JavaScript. */
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#include "cudawasm.h"

/* Splits "a\nb\nc" in place into a NULL-free array; an empty string is no item. */
static const char **split_lines(char *s, int *n) {
  *n = 0;
  if (!s || !*s) return NULL;
  int count = 1;
  for (char *p = s; *p; p++) count += *p == '\n';
  const char **v = calloc((size_t)count, sizeof *v);
  if (!v) abort();
  v[(*n)++] = s;
  for (char *p = s; *p; p++)
    if (*p == '\n') {
      *p = '\0';
      v[(*n)++] = p + 1;
    }
  return v;
}

/* flags: bit 0 emit_ir, bit 1 demote_double, bit 2 subgroups (32-wide), bit 3 bounds_check,
 * bits 4-5 half_native (0, 1, 2; 3 reaches cw_transpile, which refuses it).
 * The list arguments are modified (split in place); JavaScript frees them after. */
EMSCRIPTEN_KEEPALIVE
cw_transpile_result *cwj_transpile(const char *src, int len, int target, const char *filename, char *kernels,
                                   char *defines, char *undefines, char *include_dirs, int flags) {
  cw_transpile_options o = {0};
  o.target = target == 1 ? CW_TARGET_C : CW_TARGET_WGSL;
  o.filename = filename && *filename ? filename : NULL;
  o.kernels = split_lines(kernels, &o.nkernels);
  o.defines = split_lines(defines, &o.ndefines);
  o.undefines = split_lines(undefines, &o.nundefines);
  o.include_dirs = split_lines(include_dirs, &o.ninclude_dirs);
  o.emit_ir = flags & 1;
  o.demote_double = (flags >> 1) & 1;
  o.subgroup_size = (flags >> 2) & 1 ? 32 : 0;
  o.bounds_check = (flags >> 3) & 1;
  o.half_native = (flags >> 4) & 3;
  cw_transpile_result *r = cw_transpile(src, (size_t)len, &o);
  free(o.kernels);
  free(o.defines);
  free(o.undefines);
  free(o.include_dirs);
  return r;
}

EMSCRIPTEN_KEEPALIVE int cwj_status(const cw_transpile_result *r) { return (int)r->status; }
EMSCRIPTEN_KEEPALIVE const char *cwj_code(const cw_transpile_result *r) { return r->code; }
EMSCRIPTEN_KEEPALIVE const char *cwj_metadata(const cw_transpile_result *r) { return r->metadata_json; }
EMSCRIPTEN_KEEPALIVE const char *cwj_ir(const cw_transpile_result *r) { return r->ir; }
EMSCRIPTEN_KEEPALIVE int cwj_ndiags(const cw_transpile_result *r) { return r->ndiags; }
EMSCRIPTEN_KEEPALIVE int cwj_diag_severity(const cw_transpile_result *r, int i) { return (int)r->diags[i].severity; }
EMSCRIPTEN_KEEPALIVE const char *cwj_diag_file(const cw_transpile_result *r, int i) { return r->diags[i].file; }
EMSCRIPTEN_KEEPALIVE int cwj_diag_line(const cw_transpile_result *r, int i) { return r->diags[i].line; }
EMSCRIPTEN_KEEPALIVE int cwj_diag_column(const cw_transpile_result *r, int i) { return r->diags[i].column; }
EMSCRIPTEN_KEEPALIVE const char *cwj_diag_message(const cw_transpile_result *r, int i) { return r->diags[i].message; }
EMSCRIPTEN_KEEPALIVE const char *cwj_diag_rendered(const cw_transpile_result *r, int i) { return r->diags[i].rendered; }
EMSCRIPTEN_KEEPALIVE void cwj_free(cw_transpile_result *r) { cw_transpile_result_free(r); }
EMSCRIPTEN_KEEPALIVE const char *cwj_version(void) { return cw_version(); }

/* ---------------- device printf records of the WebGPU path ----------------
 * The JS WebGPU runtime reads the cw_io buffer (docs/metadata.md) and formats
 * each record here with the native formatter (cw_fmt_decode_words, as the C
 * runtime does). Returns NULL when the words are not what `fmt` writes. */
#include "util/devfmt.h"
#include "util/strbuf.h"

EMSCRIPTEN_KEEPALIVE
const char *cwj_format_record(const char *fmt, const uint32_t *w, int n) {
  static char *last;
  free(last);
  last = NULL;
  uint64_t slots[CW_DEVFMT_MAX_ARGS];
  int na = n < 0 ? -1 : cw_fmt_decode_words(fmt, w, (uint32_t)n, slots);
  if (na < 0) return NULL;
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_fmt_format(&sb, fmt, slots, na);
  last = cw_sb_take(&sb);
  return last ? last : "";
}

/* Formats one device printf of the WebAssembly back-end: slots as the C
 * back-end passes them (integers extended to 64 bits, floats as double bits). */
EMSCRIPTEN_KEEPALIVE
const char *cwj_format_slots(const char *fmt, const uint64_t *slots, int n) {
  static char *last;
  free(last);
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_fmt_format(&sb, fmt, slots, n);
  last = cw_sb_take(&sb);
  return last ? last : "";
}

/* ---------------- the native f16 probe (src/back/wgsl/half_probe.c) ----------------
 * The JS WebGPU runtime dispatches the same probe as the native runtime: its
 * WGSL (entry point `probe`, override `n` = cwj_half_probe_n(), workgroups of
 * cwj_half_probe_workgroup()), one storage buffer of cwj_half_probe_words()
 * u32 words filled by cwj_half_probe_input, and the same check of the
 * buffer read back. */
#include "back/wgsl/half_probe.h"

EMSCRIPTEN_KEEPALIVE int cwj_half_probe_n(void) { return CW_HALF_PROBE_N; }
EMSCRIPTEN_KEEPALIVE int cwj_half_probe_workgroup(void) { return CW_HALF_PROBE_WORKGROUP; }
EMSCRIPTEN_KEEPALIVE int cwj_half_probe_words(void) { return CW_HALF_PROBE_WORDS; }

/* The probe's WGSL, allocated: JavaScript frees it. NULL when out of memory. */
EMSCRIPTEN_KEEPALIVE char *cwj_half_probe_wgsl(void) { return cw_half_probe_wgsl(); }

/* Fills io (cwj_half_probe_words() words, allocated by JavaScript). */
EMSCRIPTEN_KEEPALIVE void cwj_half_probe_input(uint32_t *io) { cw_half_probe_input(io); }

/* The level (0, 1, 2) for io as read back; the reason is then cwj_half_probe_why(). */
static char half_why[512];
EMSCRIPTEN_KEEPALIVE int cwj_half_probe_check(const uint32_t *io) {
  return cw_half_probe_check(io, half_why, sizeof half_why);
}
EMSCRIPTEN_KEEPALIVE const char *cwj_half_probe_why(void) { return half_why; }
