/* Runtime core: a module's compiled form. cw_rt_program_build runs the
 * transpiler with cw_transpile_capture and deep-copies, while the
 * compilation's arena is alive, what the runtime keeps: the code and the
 * launch metadata (kernels, parameters, uniform layout, globals with their
 * initial bytes). In --check mode (target c) the code is re-emitted with
 * bounds checks (cw_emit_c_ex) from the same IR. */
#include <stdlib.h>
#include <string.h>

#include "back/metadata.h"
#include "back/wgsl/wgsl.h"
#include "ir/ir.h"
#include "rt/runtime.h"
#include "util/diag.h"
#include "util/strbuf.h"

static char *dup_s(const char *s) {
  if (!s) s = "";
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (!d) abort();
  memcpy(d, s, n);
  return d;
}

static void *dup_mem(const void *p, size_t n) {
  void *d = malloc(n ? n : 1);
  if (!d) abort();
  if (n) memcpy(d, p, n);
  return d;
}

/* Host bytes a uniform slot takes from the argument (as the metadata JSON says). */
static int ufield_size(const char *t) {
  if (!strcmp(t, "bool") || !strcmp(t, "i8") || !strcmp(t, "u8")) return 1;
  if (!strcmp(t, "i16") || !strcmp(t, "u16")) return 2;
  if (!strcmp(t, "i64") || !strcmp(t, "u64") || !strcmp(t, "f64")) return 8;
  return 4;
}


typedef struct capture_state {
  cw_target target;
  int check;
  cw_rt_program *prog;
} capture_state;

static void capture(void *user, ir_module *m, const cw_meta_module *mm, const char *code) {
  capture_state *cs = user;
  char *checked = NULL;
  if (cs->check && cs->target == CW_TARGET_C) {
    /* same IR, emitted again with bounds checks (before anything is allocated
     * here: an error longjmps to the driver as usual) */
    cw_strbuf sb;
    cw_sb_init(&sb);
    cw_emit_c_ex(m, mm, 1, &sb);
    checked = cw_sb_take(&sb);
  }
  cw_rt_program *p = calloc(1, sizeof *p);
  if (!p) abort();
  p->target = cs->target;
  p->code = checked ? checked : dup_s(code);
  p->nglobals = mm->nglobals;
  p->globals = calloc((size_t)mm->nglobals + 1, sizeof *p->globals);
  if (!p->globals) abort();
  for (int i = 0; i < mm->nglobals; i++) {
    const cw_meta_global *g = &mm->globals[i];
    cw_rt_global *r = &p->globals[i];
    r->name = dup_s(g->name);
    r->ir_name = dup_s(g->ir_name);
    r->size = g->size;
    r->binding = g->binding;
    r->is_constant = g->is_constant;
    r->init = g->init ? dup_mem(g->init, (size_t)g->size) : NULL;
  }
  p->nkernels = mm->nkernels;
  p->kernels = calloc((size_t)mm->nkernels + 1, sizeof *p->kernels);
  if (!p->kernels) abort();
  for (int i = 0; i < mm->nkernels; i++) {
    const cw_meta_kernel *k = &mm->kernels[i];
    cw_rt_kernel *r = &p->kernels[i];
    r->name = dup_s(k->display_name ? k->display_name : k->name); /* template instance: C++ spelling */
    if (cs->target == CW_TARGET_WGSL && cw_wgsl_entry_renamed(k->name)) {
      size_t n = strlen(k->name) + sizeof "cw_kernel_";
      r->entry_point = malloc(n);
      if (!r->entry_point) abort();
      memcpy(r->entry_point, "cw_kernel_", sizeof "cw_kernel_" - 1);
      memcpy(r->entry_point + sizeof "cw_kernel_" - 1, k->name, strlen(k->name) + 1);
    } else {
      r->entry_point = dup_s(k->name);
    }
    r->nparams = k->nparams;
    r->params = calloc((size_t)k->nparams + 1, sizeof *r->params);
    if (!r->params) abort();
    for (int j = 0; j < k->nparams; j++) {
      const cw_meta_param *mp = &k->params[j];
      cw_rt_param *rp = &r->params[j];
      rp->name = dup_s(mp->name);
      rp->type = dup_s(mp->c_type);
      rp->kind = mp->kind == CW_META_BUFFER ? CW_RT_BUFFER
                 : mp->kind == CW_META_STRUCT ? CW_RT_STRUCT
                                              : CW_RT_SCALAR;
      rp->size = mp->size;
      rp->elem_size = mp->elem_size;
      rp->binding = mp->binding;
      rp->read_only = mp->read_only;
      rp->unused = !mp->used;
      rp->atomic = mp->atomic;
      rp->demoted = mp->demoted;
    }
    r->nglobals = k->nglobals;
    r->globals = dup_mem(k->globals, sizeof(int) * (size_t)k->nglobals);
    r->nufields = k->nuniform_fields;
    r->ufields = calloc((size_t)k->nuniform_fields + 1, sizeof *r->ufields);
    if (!r->ufields) abort();
    for (int j = 0; j < k->nuniform_fields; j++) {
      const cw_meta_uniform_field *u = &k->uniform_fields[j];
      r->ufields[j] = (cw_rt_ufield){.offset = u->offset, .size = u->demoted ? 8 : ufield_size(u->type),
                                     .param = u->param_index, .host_offset = u->host_offset,
                                     .from_f64 = u->demoted};
    }
    r->uniform_size = k->uniform_size;
    r->dyn_shared_elem_size = k->dyn_shared_elem_type ? k->dyn_shared_elem_size : 0;
    r->static_shared_bytes = k->static_shared_bytes;
    r->max_threads = k->launch_bounds[0];
    r->uses_io = k->uses_io;
  }
  p->io_binding = mm->io_binding;
  p->nstrings = mm->nstrings;
  p->strings = calloc((size_t)mm->nstrings + 1, sizeof *p->strings);
  if (!p->strings) abort();
  for (int i = 0; i < mm->nstrings; i++) p->strings[i] = dup_s(mm->strings[i]);
  const cw_diags *d = m->diags;
  p->nhost_spans = d->nhost_spans;
  p->host_spans = dup_mem(d->host_spans, sizeof(int) * 2 * (size_t)d->nhost_spans);
  cs->prog = p;
}

static char **dup_list(const char **v, int n) {
  char **d = calloc((size_t)n + 1, sizeof *d);
  if (!d) abort();
  for (int i = 0; i < n; i++) d[i] = dup_s(v[i]);
  return d;
}

/* The original source and its options, for backends that compile it themselves. */
static void keep_source(cw_rt_program *p, const char *src, size_t len, const cw_module_options *mo) {
  p->source = malloc(len + 1);
  if (!p->source) abort();
  if (len) memcpy(p->source, src, len);
  p->source[len] = 0;
  p->source_len = len;
  p->filename = dup_s(mo->filename ? mo->filename : "<input>");
  p->ndefines = mo->defines ? mo->ndefines : 0;
  p->defines = dup_list(mo->defines, p->ndefines);
  p->ninclude_dirs = mo->include_dirs ? mo->ninclude_dirs : 0;
  p->include_dirs = dup_list(mo->include_dirs, p->ninclude_dirs);
}

cw_rt_program *cw_rt_program_build(const char *src, size_t len, const cw_module_options *mo,
                                   cw_target target, int check, char **diagnostics) {
  return cw_rt_program_build_ex(src, len, mo, target, check, 0, 0, diagnostics);
}

cw_rt_program *cw_rt_program_build_ex(const char *src, size_t len, const cw_module_options *mo,
                                      cw_target target, int check, int subgroup_size, int half_native,
                                      char **diagnostics) {
  static const cw_module_options no_opts;
  if (!mo) mo = &no_opts;
  cw_transpile_options o = {
      .target = target,
      .filename = mo->filename,
      .defines = mo->defines,
      .ndefines = mo->ndefines,
      .include_dirs = mo->include_dirs,
      .ninclude_dirs = mo->ninclude_dirs,
      .bounds_check = check && target == CW_TARGET_C,
      .demote_double = mo->demote_double,
      .subgroup_size = target == CW_TARGET_WGSL ? subgroup_size : 0,
      .half_native = target == CW_TARGET_WGSL ? half_native : 0,
  };
  capture_state cs = {.target = target, .check = check};
  cw_transpile_result *r = cw_transpile_capture(src, len, &o, capture, &cs);
  cw_strbuf sb;
  cw_sb_init(&sb);
  for (int i = 0; i < r->ndiags; i++) {
    const cw_diagnostic *d = &r->diags[i];
    if (d->rendered) cw_sb_puts(&sb, d->rendered);
    else cw_sb_printf(&sb, "%s\n", d->message ? d->message : "");
  }
  char *text = cw_sb_take(&sb);
  if (diagnostics) *diagnostics = text ? text : dup_s("");
  else free(text);
  if (r->status != CW_TRANSPILE_OK && cs.prog) {
    /* the capture ran but a later step failed */
    cw_rt_program_free(cs.prog);
    cs.prog = NULL;
  }
  if (cs.prog) keep_source(cs.prog, src, len, mo);
  cw_transpile_result_free(r);
  return cs.prog;
}

void cw_rt_program_free(cw_rt_program *p) {
  if (!p) return;
  for (int i = 0; i < p->nkernels; i++) {
    cw_rt_kernel *k = &p->kernels[i];
    for (int j = 0; j < k->nparams; j++) {
      free(k->params[j].name);
      free(k->params[j].type);
    }
    free(k->params);
    free(k->name);
    free(k->entry_point);
    free(k->globals);
    free(k->ufields);
  }
  free(p->kernels);
  for (int i = 0; i < p->nglobals; i++) {
    free(p->globals[i].name);
    free(p->globals[i].ir_name);
    free(p->globals[i].init);
  }
  free(p->globals);
  for (int i = 0; i < p->nstrings; i++) free(p->strings[i]);
  free(p->strings);
  free(p->code);
  free(p->source);
  free(p->filename);
  for (int i = 0; i < p->ndefines; i++) free(p->defines[i]);
  for (int i = 0; i < p->ninclude_dirs; i++) free(p->include_dirs[i]);
  free(p->defines);
  free(p->include_dirs);
  free(p->host_spans);
  free(p);
}
