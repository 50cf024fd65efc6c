/* Launch metadata (see back/metadata.h for the binding and uniform
 * conventions). Built from the RESOLVED IR; shared by the WGSL and C
 * back-ends and the runtime, so nothing here is target specific: 64-bit
 * scalars are laid out (8-byte size and alignment) and only the WGSL
 * back-end rejects them.
 *
 * Global bindings: every __constant__/__device__ global of the module gets one
 * binding number for the whole module (a WGSL module-scope variable has one
 * binding), counted from 1 + the largest number of pointer parameters of any
 * kernel, in module order. So in each kernel they come after its pointer
 * parameters, possibly with a gap when kernels differ in pointer count.
 *
 * Grid: WebGPU allows at most 65535 workgroups per dimension, so the WGSL
 * runtime dispatches the linearised block count total = gx*gy*gz as
 * (min(total, 65535), ceil(total / 65535), 1) and writes gx, gy, gz into the
 * uniform header; the kernel recomputes blockIdx from the linear workgroup
 * index and returns early past total. The JSON says "dispatch": "linear". */
#include "back/metadata.h"
#include "back/wgsl/wgsl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cw_meta_type_name(ir_module *m, const ir_type *t) {
  (void)m;
  if (!t) return "void";
  switch (t->kind) {
  case IR_T_VOID: return "void";
  case IR_T_PTR: return "ptr";
  case IR_T_ARRAY: return cw_meta_type_name(m, ir_type_leaf((ir_type *)t));
  case IR_T_STRUCT: return t->st->name;
  default: return ir_scalar_name(t->kind);
  }
}

/* nvcc's limit on a kernel's static __shared__ memory (ptxas: "uses too much
 * shared data"); also keeps the byte count far from int overflow. */
#define CW_META_MAX_STATIC_SHARED (48 * 1024)
/* CUDA 12.1+ on Volta and later (nvcc: "formal parameter space overflowed") */
#define CW_META_MAX_PARAM_BYTES 32764

/* ---------------- walking a kernel for the variables it uses ---------------- */
typedef struct {
  ir_var **vars;
  int n, cap;
  unsigned char *seen; /* by ir_var id: membership in O(1) for kernels with many variables */
  int nseen;
} var_set;

static void vs_add(var_set *s, ir_var *v) {
  if (!v) return;
  if (v->id >= 0 && v->id < s->nseen) {
    if (s->seen[v->id]) return;
    s->seen[v->id] = 1;
  } else {
    for (int i = 0; i < s->n; i++)
      if (s->vars[i] == v) return;
  }
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 16;
    ir_var **nv = realloc(s->vars, sizeof(*nv) * (size_t)s->cap);
    if (!nv) abort();
    s->vars = nv;
  }
  s->vars[s->n++] = v;
  if (v->root) vs_add(s, v->root);
}

static bool vs_has(const var_set *s, const ir_var *v) {
  if (v->id >= 0 && v->id < s->nseen) return s->seen[v->id];
  for (int i = 0; i < s->n; i++)
    if (s->vars[i] == v) return true;
  return false;
}

static void walk_expr(var_set *s, const ir_expr *e) {
  if (!e) return;
  if (e->var) vs_add(s, e->var);
  walk_expr(s, e->a);
  walk_expr(s, e->b);
  walk_expr(s, e->c);
  for (int i = 0; i < e->nargs; i++) walk_expr(s, e->args[i]);
}

static void walk_stmt(var_set *s, const ir_stmt *st) {
  for (; st; st = st->next) {
    if (st->var) vs_add(s, st->var);
    if (st->dst) vs_add(s, st->dst);
    walk_expr(s, st->init);
    walk_expr(s, st->lhs);
    walk_expr(s, st->rhs);
    walk_expr(s, st->cond);
    walk_expr(s, st->value);
    walk_expr(s, st->cmp);
    walk_expr(s, st->addr);
    for (int i = 0; i < st->nargs; i++) walk_expr(s, st->args[i]);
    walk_stmt(s, st->body);
    walk_stmt(s, st->then_s);
    walk_stmt(s, st->else_s);
    walk_stmt(s, st->cont);
    for (int i = 0; i < st->ncases; i++) walk_stmt(s, st->cases[i].body);
  }
}

/* ---------------- building ---------------- */
typedef struct {
  cw_meta_uniform_field *f;
  int n, cap;
  int offset; /* next free uniform byte */
} field_list;

static void add_field(ir_module *m, field_list *fl, const char *name, const ir_type *t,
                      int param_index, int host_offset) {
  int size = ir_type_is_64bit(t) ? 8 : 4;
  fl->offset = (fl->offset + size - 1) / size * size;
  if (fl->n == fl->cap) {
    int cap = fl->cap ? fl->cap * 2 : 8;
    cw_meta_uniform_field *nf = CW_NEW_ARRAY(m->arena, cw_meta_uniform_field, cap);
    if (fl->n) memcpy(nf, fl->f, sizeof(*nf) * (size_t)fl->n);
    fl->f = nf;
    fl->cap = cap;
  }
  cw_meta_uniform_field *u = &fl->f[fl->n++];
  u->name = name;
  u->offset = fl->offset;
  u->type = cw_meta_type_name(m, t);
  u->param_index = param_index;
  u->host_offset = host_offset;
  u->demoted = false;
  fl->offset += size;
}

/* A struct passed by value: one uniform field per scalar leaf, named
 * <prefix>_<field> (nested structs recursively, arrays by element). */
static void flatten(ir_module *m, field_list *fl, const char *prefix, const ir_type *t,
                    int param_index, int host_offset) {
  if (t->kind == IR_T_STRUCT) {
    for (int i = 0; i < t->st->nfields; i++) {
      const ir_field *f = &t->st->fields[i];
      flatten(m, fl, cw_arena_printf(m->arena, "%s_%s", prefix, f->name), f->type, param_index,
              host_offset + f->offset);
    }
  } else if (t->kind == IR_T_ARRAY) {
    for (int i = 0; i < t->len; i++)
      flatten(m, fl, cw_arena_printf(m->arena, "%s_%d", prefix, i), t->elem, param_index,
              host_offset + i * t->elem->size);
  } else {
    add_field(m, fl, prefix, t, param_index, host_offset);
  }
}

cw_meta_module *cw_meta_build(ir_module *m) {
  cw_meta_module *mm = CW_NEW(m->arena, cw_meta_module);
  int nk = 0, max_ptr = 0;
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (!f->is_kernel) continue;
    nk++;
    int np = 0;
    for (int i = 0; i < f->nparams; i++)
      if (f->params[i]->type->kind == IR_T_PTR) np++;
    if (np > max_ptr) max_ptr = np;
  }

  /* module globals: __constant__ and __device__ */
  int ng = 0;
  for (int i = 0; i < m->nglobals; i++)
    if (m->globals[i]->kind == IR_VAR_CONSTANT || m->globals[i]->kind == IR_VAR_DEVICE) ng++;
  mm->globals = CW_NEW_ARRAY(m->arena, cw_meta_global, ng ? ng : 1);
  for (int i = 0; i < m->nglobals; i++) {
    ir_var *v = m->globals[i];
    if (v->kind != IR_VAR_CONSTANT && v->kind != IR_VAR_DEVICE) continue;
    cw_meta_global *g = &mm->globals[mm->nglobals];
    ir_type *leaf = ir_type_leaf(v->type);
    g->name = v->src_name ? v->src_name : v->name;
    g->ir_name = v->name;
    g->is_constant = v->kind == IR_VAR_CONSTANT;
    g->elem_type = cw_meta_type_name(m, leaf);
    g->elem_size = leaf->size;
    g->size = v->type->size;
    g->binding = 1 + max_ptr + mm->nglobals;
    g->read_only = !v->is_written;
    g->atomic = v->is_atomic;
    g->init = v->init;
    mm->nglobals++;
  }

  mm->kernels = CW_NEW_ARRAY(m->arena, cw_meta_kernel, nk ? nk : 1);
  for (ir_func *f = m->funcs; f; f = f->next) {
    if (!f->is_kernel) continue;
    cw_meta_kernel *k = &mm->kernels[mm->nkernels++];
    /* CUDA's limit on a kernel's parameters; by-value structs become one
     * uniform slot per scalar leaf, so this also bounds that expansion.
     * (Checked before `used` holds malloc'd memory: cw_error longjmps.) */
    long long param_bytes = 0;
    for (int i = 0; i < f->nparams; i++) param_bytes += f->params[i]->type->size;
    if (param_bytes > CW_META_MAX_PARAM_BYTES)
      cw_error(m->diags, f->loc,
               "kernel '%s' has %lld bytes of parameters; CUDA allows at most %d", f->name,
               param_bytes, CW_META_MAX_PARAM_BYTES);
    var_set used = {0};
    long long shared_bytes = 0;
    used.nseen = m->next_id;
    used.seen = calloc((size_t)(m->next_id > 0 ? m->next_id : 1), 1);
    if (!used.seen) abort();
    walk_stmt(&used, f->body);
    k->name = f->name;
    k->display_name = f->display_name;
    k->func = f;
    k->launch_bounds[0] = f->launch_bounds[0];
    k->launch_bounds[1] = f->launch_bounds[1];
    k->nparams = f->nparams;
    k->params = CW_NEW_ARRAY(m->arena, cw_meta_param, f->nparams ? f->nparams : 1);
    field_list fl = {.offset = CW_META_UNIFORM_HEADER};
    int binding = 1;
    for (int i = 0; i < f->nparams; i++) {
      ir_var *v = f->params[i];
      cw_meta_param *p = &k->params[i];
      p->name = v->src_name ? v->src_name : v->name;
      p->index = i;
      p->c_type = ir_type_str(m, v->demoted_from ? v->demoted_from : v->type);
      p->size = v->demoted_from ? v->demoted_from->size : v->type->size;
      p->demoted = v->demoted_from != NULL;
      p->binding = -1;
      p->uniform_offset = -1;
      p->used = vs_has(&used, v);
      if (v->type->kind == IR_T_PTR) {
        p->kind = CW_META_BUFFER;
        p->elem_type = cw_meta_type_name(m, v->type->elem);
        p->elem_size = v->type->elem->size;
        p->binding = binding++;
        p->read_only = !v->is_written;
        p->atomic = v->is_atomic;
      } else if (v->type->kind == IR_T_STRUCT || v->type->kind == IR_T_ARRAY) {
        p->kind = CW_META_STRUCT;
        p->elem_type = cw_meta_type_name(m, v->type);
        int first = fl.n;
        flatten(m, &fl, cw_arena_printf(m->arena, "p%d", i), v->type, i, 0);
        p->uniform_offset = fl.n > first ? fl.f[first].offset : fl.offset;
      } else {
        p->kind = CW_META_SCALAR;
        p->elem_type = cw_meta_type_name(m, v->type);
        add_field(m, &fl, cw_arena_printf(m->arena, "p%d", i), v->type, i, 0);
        p->uniform_offset = fl.f[fl.n - 1].offset;
        fl.f[fl.n - 1].demoted = p->demoted;
      }
    }
    k->uniform_fields = fl.f;
    k->nuniform_fields = fl.n;
    k->uniform_size = (fl.offset + 15) / 16 * 16;

    k->globals = CW_NEW_ARRAY(m->arena, int, mm->nglobals ? mm->nglobals : 1);
    for (int g = 0; g < mm->nglobals; g++) {
      for (int j = 0; j < used.n; j++)
        if (strcmp(used.vars[j]->name, mm->globals[g].ir_name) == 0 &&
            (used.vars[j]->kind == IR_VAR_CONSTANT || used.vars[j]->kind == IR_VAR_DEVICE)) {
          k->globals[k->nglobals++] = g;
          break;
        }
    }
    for (int j = 0; j < used.n; j++) {
      ir_var *v = used.vars[j];
      if (v->kind == IR_VAR_SHARED) shared_bytes += v->type->size;
      if (v->kind == IR_VAR_DYN_SHARED && !k->dyn_shared_elem_type) {
        ir_type *leaf = ir_type_leaf(v->type);
        k->dyn_shared_elem_type = cw_meta_type_name(m, leaf);
        k->dyn_shared_elem_size = leaf->size;
      }
    }
    free(used.vars);
    free(used.seen);
    /* each array is under 2 GiB, but several together can overflow an int */
    if (shared_bytes > CW_META_MAX_STATIC_SHARED)
      cw_error(m->diags, f->loc,
               "kernel '%s' uses %lld bytes of static __shared__ memory; at most %d (48 KiB) are "
               "supported, as in CUDA", f->name, shared_bytes, CW_META_MAX_STATIC_SHARED);
    k->static_shared_bytes = (int)shared_bytes;
    k->uses_io = cw_meta_stmts_use_io(f->body);
  }
  cw_meta_set_io(m, mm);
  return mm;
}

/* ---------------- JSON ----------------
 * {
 *   "target": "wgsl" | "c",
 *   "dispatch": "linear",            (wgsl: see the comment at the top of this file)
 *   "kernels": [{
 *     "name", "entry_point" (wgsl: the entry point's name; "cw_kernel_<name>" when name is a
 *     WGSL keyword), "params": [{name, index, kind: "buffer"|"scalar"|"struct", type (C spelling),
 *        elem_type, elem_size, size, binding (-1), uniform_offset (-1), read_only, atomic, used}],
 *     "globals": [{name, binding}]   (module globals this kernel binds),
 *     "uniform": {binding: 0, size, fields: [{name, offset, type, size, param, host_offset}]},
 *     "overrides": {block: ["cw_block_x","cw_block_y","cw_block_z"], dyn_shared_len: name|null},
 *     "dyn_shared": {elem_type, elem_size} | null,
 *     "static_shared_bytes", "launch_bounds": [max_threads, min_blocks] | null,
 *     "workgroup_size_limit": max_threads | null }],
 *   "globals": [{name, ir_name, space: "constant"|"device", elem_type, elem_size, size, binding,
 *     read_only, atomic, init: "hex bytes" | null}]
 * }
 * A uniform field's "size" is the number of host bytes the runtime copies
 * from the argument (at host_offset) into the zeroed 4-byte (8 for 64-bit)
 * slot: 1 for char/bool, 2 for short. */
static void json_str(cw_strbuf *out, const char *s) {
  cw_sb_putc(out, '"');
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') cw_sb_printf(out, "\\%c", c);
    else if (c < 0x20) cw_sb_printf(out, "\\u%04x", c);
    else cw_sb_putc(out, (char)c);
  }
  cw_sb_putc(out, '"');
}

static const char *b(bool v) { return v ? "true" : "false"; }

static int type_name_size(const char *t) {
  if (!strcmp(t, "bool") || !strcmp(t, "i8") || !strcmp(t, "u8")) return 1;
  if (!strcmp(t, "i16") || !strcmp(t, "u16")) return 2;
  if (!strcmp(t, "i64") || !strcmp(t, "u64") || !strcmp(t, "f64")) return 8;
  return 4;
}

void cw_meta_to_json(const cw_meta_module *mm, const char *target, cw_strbuf *out) {
  static const char *kinds[] = {"buffer", "scalar", "struct"};
  cw_sb_puts(out, "{\n  \"target\": ");
  json_str(out, target);
  cw_sb_puts(out, ",\n");
  if (!strcmp(target, "wgsl")) cw_sb_puts(out, "  \"dispatch\": \"linear\",\n");
  cw_sb_puts(out, "  \"kernels\": [");
  for (int ki = 0; ki < mm->nkernels; ki++) {
    const cw_meta_kernel *k = &mm->kernels[ki];
    cw_sb_puts(out, ki ? ",\n    {\n" : "\n    {\n");
    cw_sb_puts(out, "      \"name\": ");
    json_str(out, k->display_name ? k->display_name : k->name);
    if (k->display_name) { /* template instance: the identifier in the generated code */
      cw_sb_puts(out, ",\n      \"symbol\": ");
      json_str(out, k->name);
    }
    if (!strcmp(target, "wgsl")) {
      /* the WGSL entry point (differs from name when that is a WGSL keyword) */
      cw_sb_printf(out, ",\n      \"entry_point\": \"%s%s\"",
                   cw_wgsl_entry_renamed(k->name) ? "cw_kernel_" : "", k->name);
    }
    cw_sb_puts(out, ",\n      \"params\": [");
    for (int i = 0; i < k->nparams; i++) {
      const cw_meta_param *p = &k->params[i];
      cw_sb_puts(out, i ? ",\n        {" : "\n        {");
      cw_sb_puts(out, "\"name\": ");
      json_str(out, p->name);
      cw_sb_printf(out, ", \"index\": %d, \"kind\": \"%s\", \"type\": ", p->index, kinds[p->kind]);
      json_str(out, p->c_type);
      cw_sb_puts(out, ", \"elem_type\": ");
      json_str(out, p->elem_type);
      cw_sb_printf(out,
                   ", \"elem_size\": %d, \"size\": %d, \"binding\": %d, \"uniform_offset\": %d, "
                   "\"read_only\": %s, \"atomic\": %s, \"used\": %s%s}",
                   p->elem_size, p->size, p->binding, p->uniform_offset, b(p->read_only),
                   b(p->atomic), b(p->used),
                   p->demoted ? ", \"demoted\": true" : ""); /* only with demote_double */
    }
    cw_sb_puts(out, k->nparams ? "\n      ],\n" : "],\n");
    cw_sb_puts(out, "      \"globals\": [");
    for (int i = 0; i < k->nglobals; i++) {
      const cw_meta_global *g = &mm->globals[k->globals[i]];
      cw_sb_puts(out, i ? ", {\"name\": " : "{\"name\": ");
      json_str(out, g->ir_name);
      cw_sb_printf(out, ", \"binding\": %d}", g->binding);
    }
    cw_sb_printf(out, "],\n      \"uniform\": {\"binding\": 0, \"size\": %d, \"fields\": [",
                 k->uniform_size);
    for (int i = 0; i < k->nuniform_fields; i++) {
      const cw_meta_uniform_field *u = &k->uniform_fields[i];
      cw_sb_puts(out, i ? ",\n        {\"name\": " : "\n        {\"name\": ");
      json_str(out, u->name);
      cw_sb_printf(out, ", \"offset\": %d, \"type\": ", u->offset);
      json_str(out, u->type);
      cw_sb_printf(out, ", \"size\": %d, \"param\": %d, \"host_offset\": %d%s}",
                   u->demoted ? 8 : type_name_size(u->type), u->param_index, u->host_offset,
                   u->demoted ? ", \"demoted\": true" : "");
    }
    cw_sb_puts(out, k->nuniform_fields ? "\n      ]},\n" : "]},\n");
    cw_sb_printf(out,
                 "      \"overrides\": {\"block\": [\"cw_block_x\", \"cw_block_y\", "
                 "\"cw_block_z\"], \"dyn_shared_len\": %s},\n",
                 k->dyn_shared_elem_type ? "\"cw_dyn_shared_len\"" : "null");
    if (k->dyn_shared_elem_type) {
      cw_sb_puts(out, "      \"dyn_shared\": {\"elem_type\": ");
      json_str(out, k->dyn_shared_elem_type);
      cw_sb_printf(out, ", \"elem_size\": %d},\n", k->dyn_shared_elem_size);
    } else {
      cw_sb_puts(out, "      \"dyn_shared\": null,\n");
    }
    cw_sb_printf(out, "      \"static_shared_bytes\": %d,\n", k->static_shared_bytes);
    if (k->launch_bounds[0])
      cw_sb_printf(out, "      \"launch_bounds\": [%d, %d],\n      \"workgroup_size_limit\": %d\n",
                   k->launch_bounds[0], k->launch_bounds[1], k->launch_bounds[0]);
    else
      cw_sb_puts(out, "      \"launch_bounds\": null,\n      \"workgroup_size_limit\": null\n");
    if (k->uses_io) cw_sb_puts(out, "      ,\"device_io\": true\n");
    cw_sb_puts(out, "    }");
  }
  cw_sb_puts(out, mm->nkernels ? "\n  ],\n" : "],\n");
  cw_meta_io_json(mm, out);
  cw_sb_puts(out, "  \"globals\": [");
  for (int i = 0; i < mm->nglobals; i++) {
    const cw_meta_global *g = &mm->globals[i];
    cw_sb_puts(out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
    json_str(out, g->name);
    cw_sb_puts(out, ", \"ir_name\": ");
    json_str(out, g->ir_name);
    cw_sb_printf(out, ", \"space\": \"%s\", \"elem_type\": ", g->is_constant ? "constant" : "device");
    json_str(out, g->elem_type);
    cw_sb_printf(out,
                 ", \"elem_size\": %d, \"size\": %d, \"binding\": %d, \"read_only\": %s, "
                 "\"atomic\": %s, \"init\": ",
                 g->elem_size, g->size, g->binding, b(g->read_only), b(g->atomic));
    if (g->init) {
      cw_sb_putc(out, '"');
      /* up to 64 MiB of data: hex by table, in chunks (printf per byte took seconds) */
      static const char hex[] = "0123456789abcdef";
      char chunk[512];
      int c = 0;
      for (int j = 0; j < g->size; j++) {
        chunk[c++] = hex[g->init[j] >> 4];
        chunk[c++] = hex[g->init[j] & 15];
        if (c == (int)sizeof chunk) {
          cw_sb_putn(out, chunk, (size_t)c);
          c = 0;
        }
      }
      cw_sb_putn(out, chunk, (size_t)c);
      cw_sb_puts(out, "\"}");
    } else {
      cw_sb_puts(out, "null}");
    }
  }
  cw_sb_puts(out, mm->nglobals ? "\n  ]\n}\n" : "]\n}\n");
}
