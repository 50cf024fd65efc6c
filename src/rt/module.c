/* Runtime core: modules (compile CUDA source for the context's backend),
 * their __constant__/__device__ globals (one allocation each, initial bytes
 * uploaded at load) and kernel parameter information. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/core.h"

static bool mod_ok(const cw_module *m) { return m && m->magic == CW_MOD_MAGIC && cw_rt_ctx_ok(m->ctx); }
static bool ker_ok(const cw_kernel *k) { return k && k->magic == CW_KER_MAGIC && mod_ok(k->mod); }

cw_status cw_module_load(cw_context *ctx, const char *source, size_t len, const cw_module_options *opts,
                         cw_module **out) {
  if (!cw_rt_ctx_ok(ctx)) return CW_ERROR_INVALID_VALUE;
  if (out) *out = NULL;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_module_load");
  if (!source && len) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_module_load: source is NULL");
  cw_module *mod = calloc(1, sizeof *mod);
  if (!mod) return cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
  mod->magic = CW_MOD_MAGIC;
  mod->ctx = ctx;
  mod->next = ctx->modules;
  if (ctx->modules) ctx->modules->prev = mod;
  ctx->modules = mod;

  cw_status st = CW_OK;
  int sg = ctx->ops->wgsl_subgroup_size ? ctx->ops->wgsl_subgroup_size(ctx->impl) : 0;
  int hn = ctx->ops->wgsl_half_native ? ctx->ops->wgsl_half_native(ctx->impl) : 0;
  mod->prog = cw_rt_program_build_ex(source ? source : "", len, opts, ctx->ops->target, ctx->check, sg, hn,
                                     &mod->diagnostics);
  if (!mod->prog) {
    /* the first error line says what is wrong; all of it is in the module */
    const char *d = mod->diagnostics ? mod->diagnostics : "";
    const char *e = strstr(d, "error: ");
    const char *start = e ? e : d;
    while (start > d && start[-1] != '\n') start--; /* include "file:line:col: " */
    const char *nl = strchr(start, '\n');
    int n = nl ? (int)(nl - start) : (int)strlen(start);
    st = cw_rt_fail(ctx, CW_ERROR_COMPILE, "cw_module_load: the source was rejected: %.*s", n, start);
    goto done;
  }
  char err[1024] = "";
  if ((st = ctx->ops->module_load(ctx->impl, mod->prog, &mod->impl, err, sizeof err)) != CW_OK) {
    st = cw_rt_fail(ctx, st, "cw_module_load: %s", err);
    if (st == CW_ERROR_COMPILE) {
      /* the backend's compiler rejected the generated code: its words join the diagnostics */
      size_t a = strlen(mod->diagnostics ? mod->diagnostics : ""), b = strlen(err);
      char *d = malloc(a + b + 2);
      if (d) {
        memcpy(d, mod->diagnostics ? mod->diagnostics : "", a);
        memcpy(d + a, err, b);
        d[a + b] = '\n';
        d[a + b + 1] = 0;
        free(mod->diagnostics);
        mod->diagnostics = d;
      }
      cw_rt_program_free(mod->prog); /* no kernel can be found in it */
      mod->prog = NULL;
    }
    goto done;
  }
  mod->kernels = calloc((size_t)mod->prog->nkernels + 1, sizeof *mod->kernels);
  mod->globals = calloc((size_t)mod->prog->nglobals + 1, sizeof *mod->globals);
  if (!mod->kernels || !mod->globals) {
    st = cw_rt_fail(ctx, CW_ERROR_OUT_OF_MEMORY, "out of host memory");
    goto done;
  }
  for (int i = 0; i < mod->prog->nkernels; i++)
    mod->kernels[i] = (cw_kernel){.magic = CW_KER_MAGIC, .mod = mod, .index = i};
  for (int i = 0; i < mod->prog->nglobals; i++) {
    const cw_rt_global *g = &mod->prog->globals[i];
    if (ctx->ops->module_global) { /* the module's own variable, initialised by its loader */
      void *h = NULL;
      if ((st = ctx->ops->module_global(ctx->impl, mod->impl, i, &h, err, sizeof err)) != CW_OK) {
        st = cw_rt_fail(ctx, st, "cw_module_load: global '%s': %s", g->name, err);
        goto done;
      }
      if ((st = cw_rt_alloc_adopt(ctx, (size_t)g->size, h, &mod->globals[i])) != CW_OK) {
        ctx->ops->free(ctx->impl, h);
        goto done;
      }
      continue;
    }
    if ((st = cw_rt_alloc_new(ctx, (size_t)g->size, &mod->globals[i])) != CW_OK) goto done;
    cw_rt_alloc *a = mod->globals[i];
    if (g->init) st = ctx->ops->write(ctx->impl, a->handle, 0, g->init, (size_t)g->size, err, sizeof err);
    else if (g->size) st = ctx->ops->fill(ctx->impl, a->handle, 0, 0, (size_t)g->size, err, sizeof err);
    if (st != CW_OK) {
      st = cw_rt_fail(ctx, st, "cw_module_load: initialising global '%s': %s", g->name, err);
      goto done;
    }
  }
done:
  if (st == CW_OK) {
    cw_rt_ok(ctx);
    if (out) *out = mod;
    else cw_module_unload(mod);
    return CW_OK;
  }
  if (st == CW_ERROR_COMPILE && out) {
    *out = mod; /* its diagnostics can be read; no kernel can be found in it */
  } else {
    char keep[sizeof ctx->err];
    memcpy(keep, ctx->err, sizeof keep);
    cw_module_unload(mod);
    memcpy(ctx->err, keep, sizeof keep);
  }
  return st;
}

void cw_module_unload(cw_module *mod) {
  if (!mod_ok(mod)) return;
  cw_context *ctx = mod->ctx;
  if (mod->impl || mod->globals) {
    char err[256];
    ctx->ops->synchronize(ctx->impl, err, sizeof err); /* launches may still use it */
  }
  if (mod->impl) ctx->ops->module_unload(ctx->impl, mod->impl);
  if (mod->globals)
    for (int i = 0; i < mod->prog->nglobals; i++) cw_rt_alloc_release(ctx, mod->globals[i]);
  if (mod->prev) mod->prev->next = mod->next;
  else ctx->modules = mod->next;
  if (mod->next) mod->next->prev = mod->prev;
  if (mod->kernels && mod->prog)
    for (int i = 0; i < mod->prog->nkernels; i++) mod->kernels[i].magic = 0;
  free(mod->kernels);
  free(mod->globals);
  free(mod->diagnostics);
  cw_rt_program_free(mod->prog);
  mod->magic = 0;
  free(mod);
}

const char *cw_module_diagnostics(const cw_module *mod) {
  if (!mod_ok(mod) || !mod->diagnostics) return "";
  return mod->diagnostics;
}

/* Template instances are found with or without spaces: "reduce<float,256>"
 * names "reduce<float, 256>". Identifiers have no spaces, so this is exact for them. */
static bool same_spelling(const char *a, const char *b) {
  for (;;) {
    while (*a == ' ') a++;
    while (*b == ' ') b++;
    if (*a != *b) return false;
    if (!*a) return true;
    a++;
    b++;
  }
}

cw_status cw_module_get_kernel(cw_module *mod, const char *name, cw_kernel **out) {
  if (!mod_ok(mod)) return CW_ERROR_INVALID_VALUE;
  cw_context *ctx = mod->ctx;
  if (out) *out = NULL;
  if (!name || !out) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "cw_module_get_kernel: name or out is NULL");
  if (!mod->prog)
    return cw_rt_fail(ctx, CW_ERROR_COMPILE, "cw_module_get_kernel: the module failed to compile");
  for (int i = 0; i < mod->prog->nkernels; i++)
    if (same_spelling(mod->prog->kernels[i].name, name)) {
      *out = &mod->kernels[i];
      cw_rt_ok(ctx);
      return CW_OK;
    }
  char list[512] = "";
  size_t n = 0;
  for (int i = 0; i < mod->prog->nkernels && n + 2 < sizeof list; i++)
    n += (size_t)snprintf(list + n, sizeof list - n, "%s'%s'", i ? ", " : "", mod->prog->kernels[i].name);
  return cw_rt_fail(ctx, CW_ERROR_NOT_FOUND, "no kernel named '%s' in the module (kernels: %s)", name,
                    mod->prog->nkernels ? list : "none");
}

static cw_status global_access(cw_module *mod, const char *fn, const char *name, size_t offset, size_t bytes,
                               const void *buf, cw_rt_alloc **a) {
  if (!mod_ok(mod)) return CW_ERROR_INVALID_VALUE;
  cw_context *ctx = mod->ctx;
  if (!name || (!buf && bytes)) return cw_rt_fail(ctx, CW_ERROR_INVALID_VALUE, "%s: name or buffer is NULL", fn);
  if (!mod->prog) return cw_rt_fail(ctx, CW_ERROR_COMPILE, "%s: the module failed to compile", fn);
  for (int i = 0; i < mod->prog->nglobals; i++) {
    const cw_rt_global *g = &mod->prog->globals[i];
    if (strcmp(g->name, name) != 0) continue;
    if (offset > (size_t)g->size || bytes > (size_t)g->size - offset)
      return cw_rt_fail(ctx, CW_ERROR_OUT_OF_RANGE,
                        "%s: %zu bytes at offset %zu exceed %s '%s' of %d bytes", fn, bytes, offset,
                        g->is_constant ? "__constant__" : "__device__", name, g->size);
    *a = mod->globals[i];
    return CW_OK;
  }
  return cw_rt_fail(ctx, CW_ERROR_NOT_FOUND, "%s: no __constant__ or __device__ variable named '%s' in the module",
                    fn, name);
}

cw_status cw_module_write_global(cw_module *mod, const char *name, size_t offset, const void *src, size_t bytes) {
  cw_rt_alloc *a = NULL;
  cw_status st = global_access(mod, "cw_module_write_global", name, offset, bytes, src, &a);
  if (st != CW_OK) return st;
  cw_context *ctx = mod->ctx;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_module_write_global");
  char err[512] = "";
  if (bytes && (st = ctx->ops->write(ctx->impl, a->handle, offset, src, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_module_write_global: %s", err);
  cw_rt_ok(ctx);
  return CW_OK;
}

cw_status cw_module_read_global(cw_module *mod, const char *name, size_t offset, void *dst, size_t bytes) {
  cw_rt_alloc *a = NULL;
  cw_status st = global_access(mod, "cw_module_read_global", name, offset, bytes, dst, &a);
  if (st != CW_OK) return st;
  cw_context *ctx = mod->ctx;
  if (ctx->lost) return cw_rt_lost_check(ctx, "cw_module_read_global");
  char err[512] = "";
  if (bytes && (st = ctx->ops->read(ctx->impl, a->handle, offset, dst, bytes, err, sizeof err)) != CW_OK)
    return cw_rt_fail(ctx, st, "cw_module_read_global: %s", err);
  if (ctx->io_pending && (st = cw_rt_io_collect(ctx, false)) != CW_OK) return st; /* device printf output */
  cw_rt_ok(ctx);
  return CW_OK;
}

int cw_kernel_param_count(const cw_kernel *k) {
  return ker_ok(k) ? k->mod->prog->kernels[k->index].nparams : -1;
}

cw_status cw_kernel_param(const cw_kernel *k, int index, cw_param_info *out) {
  if (!ker_ok(k)) return CW_ERROR_INVALID_VALUE;
  const cw_rt_kernel *rk = &k->mod->prog->kernels[k->index];
  if (!out || index < 0 || index >= rk->nparams)
    return cw_rt_fail(k->mod->ctx, CW_ERROR_INVALID_VALUE,
                      "cw_kernel_param: index %d is out of range (kernel '%s' has %d parameters)", index,
                      rk->name, rk->nparams);
  const cw_rt_param *p = &rk->params[index];
  out->name = p->name;
  out->type = p->type;
  out->kind = p->kind == CW_RT_BUFFER ? CW_PARAM_POINTER : CW_PARAM_VALUE;
  out->size = (size_t)p->size;
  out->demoted = p->demoted;
  return CW_OK;
}

const char *cw_kernel_name(const cw_kernel *k) { return ker_ok(k) ? k->mod->prog->kernels[k->index].name : NULL; }
