/* The transpiler driver: preprocess -> parse -> lower -> passes -> back-end.
 * Every phase reports errors through one cw_diags whose cw_error() longjmps
 * back here; the arena then frees every compiler object at once. */
#include <stdlib.h>
#include <string.h>

#include "back/metadata.h"
#include "cudawasm.h"
#include "front/ast.h"
#include "front/token.h"
#include "ir/ir.h"
#include "util/diag.h"
#include "util/strbuf.h"

const char *cw_version(void) { return CW_VERSION_STRING; }

static char *xstrdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (!p) abort();
  memcpy(p, s, n);
  return p;
}

/* Runs a pass, then checks the IR contract of the phase it leaves behind. */
static void run_pass(ir_module *m, bool (*pass)(ir_module *), const char *name) {
  pass(m);
  if (!ir_validate(m, name)) cw_check_errors(m->diags);
}

static void copy_diags(cw_transpile_result *r, const cw_diags *d) {
  r->ndiags = d->count;
  r->diags = calloc((size_t)(d->count ? d->count : 1), sizeof(cw_diagnostic));
  if (!r->diags) abort();
  for (int i = 0; i < d->count; i++) {
    const cw_diag *dg = &d->items[i];
    cw_diagnostic *o = &r->diags[i];
    o->severity = (cw_diag_severity)dg->severity;
    o->file = dg->loc.file ? xstrdup(dg->loc.file->name) : NULL;
    o->line = dg->loc.file ? dg->loc.line : 0;
    o->column = dg->loc.file ? dg->loc.col : 0;
    o->message = xstrdup(dg->message);
    o->rendered = cw_diag_render(dg);
  }
}

static bool has_internal_error(const cw_diags *d) {
  for (int i = 0; i < d->count; i++)
    if (d->items[i].severity == CW_SEV_ERROR && strncmp(d->items[i].message, "internal error", 14) == 0)
      return true;
  return false;
}

/* One compilation. Lives in memory (not registers) across the longjmp. */
typedef struct job {
  const char *source;
  size_t len;
  const cw_transpile_options *opts;
  const char *target;
  cw_arena arena;
  cw_diags d;
  jmp_buf on_error;
  ir_module *module;
  cw_strbuf code, json, ir_text;
  cw_meta_capture_fn capture;
  void *capture_user;
} job;

static void pipeline(job *j) {
  cw_diags *d = &j->d;
  const cw_transpile_options *opts = j->opts;
  if (!j->source && j->len) cw_error(d, (cw_loc){0}, "no source text given");
  if (j->len > (size_t)1 << 30) cw_error(d, (cw_loc){0}, "source text is larger than 1 GiB");
  if (opts->target != CW_TARGET_WGSL && opts->target != CW_TARGET_C)
    cw_error(d, (cw_loc){0}, "unknown target %d", (int)opts->target);
  if (opts->subgroup_size != 0 && opts->subgroup_size != 32)
    cw_error(d, (cw_loc){0}, "subgroup size %d is not supported: use 32 (native subgroups) or 0 (emulated warps)",
             opts->subgroup_size);
  if (opts->half_native < 0 || opts->half_native > 2)
    cw_error(d, (cw_loc){0}, "half_native %d is not supported: use 0 (exact f32 code), 1 (native f16 but fma) or 2 (native f16)",
             opts->half_native);
  const cw_source *src = cw_add_source(d, opts->filename ? opts->filename : "<input>",
                                       j->source ? j->source : "", (int)j->len);
  cw_pp_options pp = {
      .include_dirs = opts->include_dirs, .ninclude_dirs = opts->ninclude_dirs,
      .defines = opts->defines, .ndefines = opts->ndefines,
      .undefines = opts->undefines, .nundefines = opts->nundefines,
  };
  cw_token *toks = cw_preprocess(d, src, &pp);
  cw_check_errors(d);
  cw_program *prog = cw_parse(d, toks);
  cw_check_errors(d);
  ir_module *m = ir_lower(&j->arena, d, prog);
  j->module = m;
  if (!ir_validate(m, "lower")) cw_check_errors(d);
  ir_select_kernels(m, opts->nkernels ? opts->kernels : NULL, opts->nkernels);
  cw_check_errors(d);
  if (opts->target == CW_TARGET_WGSL) m->half_native = opts->half_native;
  run_pass(m, ir_pass_half, "half");
  run_pass(m, ir_pass_inline, "inline");
  run_pass(m, ir_pass_provenance, "provenance");
  run_pass(m, ir_pass_simplify, "simplify");
  if (opts->target == CW_TARGET_WGSL && opts->demote_double) run_pass(m, ir_pass_demote_f64, "demote_f64");
  run_pass(m, ir_pass_predicate, "predicate");
  if (opts->target == CW_TARGET_WGSL) m->subgroup_size = opts->subgroup_size;
  run_pass(m, ir_pass_warp, "warp");
  run_pass(m, ir_pass_uniformity, "uniformity");
  run_pass(m, ir_pass_atomics, "atomics");
  cw_check_errors(d);
  if (opts->emit_ir) ir_print(m, &j->ir_text);
  cw_meta_module *mm = cw_meta_build(m);
  cw_check_errors(d);
  d->target = j->target;
  if (opts->target == CW_TARGET_C)
    cw_emit_c_ex(m, mm, opts->bounds_check, &j->code);
  else
    cw_emit_wgsl(m, mm, &j->code);
  cw_check_errors(d);
  cw_meta_to_json(mm, j->target, &j->json);
  /* The runtime copies what it needs while the arena is still alive. */
  if (j->capture) j->capture(j->capture_user, m, mm, j->code.data ? j->code.data : "");
}

/* Returns true when the pipeline ran to the end without an error. */
static bool run_guarded(job *j) {
  if (setjmp(j->on_error) != 0) return false;
  pipeline(j);
  return true;
}

cw_transpile_result *cw_transpile(const char *source, size_t len, const cw_transpile_options *opts) {
  return cw_transpile_capture(source, len, opts, NULL, NULL);
}

cw_transpile_result *cw_transpile_capture(const char *source, size_t len, const cw_transpile_options *opts,
                                          cw_meta_capture_fn capture, void *user) {
  static const cw_transpile_options defaults;
  cw_transpile_result *r = calloc(1, sizeof *r);
  job *j = calloc(1, sizeof *j);
  if (!r || !j) abort();
  j->source = source;
  j->len = len;
  j->capture = capture;
  j->capture_user = user;
  j->opts = opts ? opts : &defaults;
  j->target = j->opts->target == CW_TARGET_C ? "c" : "wgsl";
  cw_arena_init(&j->arena);
  cw_diags_init(&j->d, &j->arena);
  j->d.on_error = &j->on_error;
  cw_sb_init(&j->code);
  cw_sb_init(&j->json);
  cw_sb_init(&j->ir_text);

  if (run_guarded(j)) {
    r->status = CW_TRANSPILE_OK;
    r->code = cw_sb_take(&j->code);
    r->metadata_json = cw_sb_take(&j->json);
  } else {
    r->status = has_internal_error(&j->d) ? CW_TRANSPILE_INTERNAL : CW_TRANSPILE_REJECTED;
    /* Show the IR as far as it got: it helps locate which pass refused. */
    if (j->opts->emit_ir && j->module && j->ir_text.len == 0) ir_print(j->module, &j->ir_text);
  }
  if (j->opts->emit_ir && j->ir_text.len) r->ir = cw_sb_take(&j->ir_text);
  copy_diags(r, &j->d);
  cw_sb_free(&j->code);
  cw_sb_free(&j->json);
  cw_sb_free(&j->ir_text);
  cw_diags_free(&j->d);
  cw_arena_free(&j->arena);
  free(j);
  return r;
}

void cw_transpile_result_free(cw_transpile_result *r) {
  if (!r) return;
  free(r->code);
  free(r->metadata_json);
  free(r->ir);
  for (int i = 0; i < r->ndiags; i++) {
    free((char *)r->diags[i].file);
    free((char *)r->diags[i].message);
    free((char *)r->diags[i].rendered);
  }
  free(r->diags);
  free(r);
}
