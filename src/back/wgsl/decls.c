/* The WGSL module: target checks, structs, the uniform block, bindings,
 * workgroup memory, override constants, helpers and one entry point per
 * kernel. Bindings and the uniform layout come from back/metadata.c.
 *
 * Module layout (deterministic, in this order):
 *   structs (dependency order), per kernel `struct CwUniforms` + `var<uniform> cw_u`
 *   (suffixed _<kernel> when the module has several kernels: every kernel has
 *   its own layout at binding 0), storage buffers, workgroup variables,
 *   overrides, helper functions, entry points.
 *
 * Entry point prologue: the grid is dispatched linearised (see metadata.c);
 *   cw_linear = wid.x + wid.y * nwg.x; past grid_x*grid_y*grid_z: return
 *   (uniform: all values are workgroup-uniform, so later barriers stay valid);
 *   blockIdx = (l % gx, (l / gx) % gy, l / (gx * gy)); blockDim is copied
 *   into a `let` so that arithmetic on it is not an override-expression
 *   (Tint would reject e.g. `blockDim.x - 2u` overflowing at pipeline
 *   creation). Scalar parameters are copied from the uniform block into
 *   `var`s (CUDA parameters are assignable).
 *
 * Fences: WGSL has no memory fence apart from the barriers (its atomics are
 * relaxed), so __threadfence and __threadfence_block are rejected rather
 * than dropped. */
#include <setjmp.h>
#include <string.h>

#include "back/wgsl/half.h"
#include "back/wgsl/wgsl.h"
#include "ir/ir_names.h"

#define P(...) cw_arena_printf(c->m->arena, __VA_ARGS__)

static const char *MSG_F64 =
    "double-precision arithmetic is not supported by the wgsl target; use float (for example "
    "2.0f instead of 2.0)";

/* ---------------- target checks (in source order, so the first use is reported) ------------ */
static void check_type(wg_ctx *c, const ir_type *t, cw_loc loc) {
  if (!t) return;
  switch (t->kind) {
  case IR_T_F64: cw_error(c->m->diags, loc, "%s", MSG_F64);
  case IR_T_ARRAY: check_type(c, t->elem, loc); break;
  case IR_T_STRUCT:
    if (t->st->is_union)
      cw_error(c->m->diags, loc, "unions are not supported by the wgsl target");
    for (int i = 0; i < t->st->nfields; i++) check_type(c, t->st->fields[i].type, loc);
    break;
  default: break;
  }
}

/* A struct in a storage buffer: WGSL's layout (layout.c, with @align) must
 * equal the host's, so only 4-byte scalar leaves. */
static void check_host_shareable(wg_ctx *c, const ir_type *t, cw_loc loc) {
  if (t->kind == IR_T_ARRAY) {
    check_host_shareable(c, t->elem, loc);
    return;
  }
  if (t->kind != IR_T_STRUCT) return;
  for (int i = 0; i < t->st->nfields; i++) {
    const ir_field *f = &t->st->fields[i];
    const ir_type *leaf = ir_type_leaf(f->type);
    if (leaf->kind == IR_T_STRUCT) {
      check_host_shareable(c, leaf, loc);
    } else if (leaf->kind != IR_T_I32 && leaf->kind != IR_T_U32 && leaf->kind != IR_T_F32 &&
               leaf->kind != IR_T_I64 && leaf->kind != IR_T_U64) {
      cw_error(c->m->diags, loc,
               "'%s' member '%s' in buffer struct is not supported by the wgsl target yet",
               ir_type_str(c->m, leaf), f->name);
    }
    if (f->offset != wg_field_offset(t->st, i))
      cw_error(c->m->diags, loc,
               "member '%s' of struct %s has a layout the wgsl target cannot reproduce",
               f->name, t->st->name);
  }
  if (wg_layout_size(t) != t->size)
    cw_error(c->m->diags, loc, "struct %s has a layout the wgsl target cannot reproduce",
             t->st->name);
}

static void check_buffer_elem(wg_ctx *c, const ir_var *v) {
  const ir_type *e = v->type->kind == IR_T_PTR ? v->type->elem : ir_type_leaf(v->type);
  if (e->kind == IR_T_F64) cw_error(c->m->diags, v->loc, "%s", MSG_F64);
  if (wg_var_packed(v)) { /* 8/16-bit leaves: 32-bit words, packed.c */
    wg_packed_check(c, v);
    return;
  }
  if (e->kind == IR_T_STRUCT || e->kind == IR_T_ARRAY) {
    check_type(c, e, v->loc);
    check_host_shareable(c, e, v->loc);
    return;
  }
  if (e->kind != IR_T_I32 && e->kind != IR_T_U32 && e->kind != IR_T_F32 && !wg64_is(e))
    cw_error(c->m->diags, v->loc,
             "buffer '%s' of '%s' elements is not supported by the wgsl target yet (int, "
             "unsigned int, float and structs of them are)",
             v->src_name ? v->src_name : v->name, ir_type_str(c->m, e));
}

static void check_expr(wg_ctx *c, const ir_expr *e) {
  if (!e) return;
  check_expr(c, e->a);
  check_expr(c, e->b);
  check_expr(c, e->c);
  for (int i = 0; i < e->nargs; i++) check_expr(c, e->args[i]);
  check_type(c, e->type, e->loc);
}

static void check_stmts(wg_ctx *c, const ir_stmt *s, int *ndyn, ir_var **dyn) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_DECL && !s->var->root) check_type(c, s->var->type, s->var->loc);
    check_expr(c, s->init);
    check_expr(c, s->lhs);
    check_expr(c, s->rhs);
    check_expr(c, s->cond);
    check_expr(c, s->value);
    check_expr(c, s->cmp);
    check_expr(c, s->addr);
    for (int i = 0; i < s->nargs; i++) check_expr(c, s->args[i]);
    if (s->kind == IR_S_BARRIER) {
      if (s->intrinsic != CW_IN_SYNCTHREADS)
        cw_error(c->m->diags, s->loc,
                 "%s() is not supported by the wgsl target (WGSL has no device-scope fence: its "
                 "atomics are relaxed and storageBarrier() orders memory only within a workgroup, "
                 "so another block could see the atomic before the writes made before the fence, "
                 "e.g. in the last-block-done pattern; see docs/target-wgsl.md)",
                 cw_intrinsic_name(s->intrinsic));
      if (!s->in_uniform_cf)
        cw_error(c->m->diags, s->loc,
                 "__syncthreads() in divergent control flow is not supported by the wgsl "
                 "target (every thread of the block must reach it; its enclosing condition "
                 "depends on threadIdx or on memory)");
    }
    check_stmts(c, s->body, ndyn, dyn);
    check_stmts(c, s->then_s, ndyn, dyn);
    check_stmts(c, s->else_s, ndyn, dyn);
    check_stmts(c, s->cont, ndyn, dyn);
    for (int i = 0; i < s->ncases; i++) check_stmts(c, s->cases[i].body, ndyn, dyn);
  }
}

static void check_kernel(wg_ctx *c, const cw_meta_kernel *k) {
  ir_func *f = k->func;
  for (int i = 0; i < f->nparams; i++) {
    ir_var *v = f->params[i];
    if (v->type->kind == IR_T_PTR) {
      check_buffer_elem(c, v);
    } else {
      check_type(c, v->type, v->loc);
    }
  }
  int ndyn = 0;
  check_stmts(c, f->body, &ndyn, NULL);
}

/* ---------------- module ---------------- */
static void emit_struct(wg_ctx *c, cw_strbuf *out, const ir_struct *st) {
  cw_sb_printf(out, "struct %s {\n", st->name);
  for (int i = 0; i < st->nfields; i++)
  {
    int al = wg_field_align(st->fields[i].type);
    cw_sb_printf(out, "  %s%s: %s,\n", al ? cw_arena_printf(c->m->arena, "@align(%d) ", al) : "",
                 st->fields[i].name, wg_type(c, st->fields[i].type));
  }
  cw_sb_puts(out, "}\n\n");
}

static const char *atomic_elem(wg_ctx *c, const ir_type *leaf, cw_loc loc) {
  if (leaf->kind == IR_T_I32) return "atomic<i32>";
  if (leaf->kind == IR_T_U32 || leaf->kind == IR_T_F32) return "atomic<u32>"; /* f32: bits */
  if (wg64_is(leaf)) return "array<atomic<u32>, 2>"; /* low, high word (int64.c) */
  cw_error(c->m->diags, loc, "atomics on '%s' are not supported by the wgsl target",
           ir_type_str(c->m, leaf));
}

static const char *storage_elem(wg_ctx *c, const ir_var *v, const ir_type *leaf) {
  return v->is_atomic ? atomic_elem(c, leaf, v->loc) : wg_type(c, leaf);
}

static void var_used_by(const ir_stmt *s, const ir_var *v, bool *found);
static bool expr_uses(const ir_expr *e, const ir_var *v) {
  if (!e) return false;
  if (e->var == v || (e->var && e->var->root == v)) return true;
  if (expr_uses(e->a, v) || expr_uses(e->b, v) || expr_uses(e->c, v)) return true;
  for (int i = 0; i < e->nargs; i++)
    if (expr_uses(e->args[i], v)) return true;
  return false;
}
static void var_used_by(const ir_stmt *s, const ir_var *v, bool *found) {
  for (; s && !*found; s = s->next) {
    if ((s->var && s->var->root == v) || expr_uses(s->init, v) || expr_uses(s->lhs, v) ||
        expr_uses(s->rhs, v) || expr_uses(s->cond, v) || expr_uses(s->value, v) ||
        expr_uses(s->cmp, v) || expr_uses(s->addr, v)) {
      *found = true;
      return;
    }
    for (int i = 0; i < s->nargs; i++)
      if (expr_uses(s->args[i], v)) {
        *found = true;
        return;
      }
    var_used_by(s->body, v, found);
    var_used_by(s->then_s, v, found);
    var_used_by(s->else_s, v, found);
    var_used_by(s->cont, v, found);
    for (int i = 0; i < s->ncases; i++) var_used_by(s->cases[i].body, v, found);
  }
}

static bool uses_builtin(const ir_expr *e, ir_builtin b) {
  if (!e) return false;
  if (e->kind == IR_E_BUILTIN && e->builtin == b) return true;
  if (uses_builtin(e->a, b) || uses_builtin(e->b, b) || uses_builtin(e->c, b)) return true;
  for (int i = 0; i < e->nargs; i++)
    if (uses_builtin(e->args[i], b)) return true;
  return false;
}
static bool stmts_use_builtin(const ir_stmt *s, ir_builtin b) {
  for (; s; s = s->next) {
    if (uses_builtin(s->init, b) || uses_builtin(s->lhs, b) || uses_builtin(s->rhs, b) ||
        uses_builtin(s->cond, b) || uses_builtin(s->value, b) || uses_builtin(s->cmp, b) ||
        uses_builtin(s->addr, b))
      return true;
    for (int i = 0; i < s->nargs; i++)
      if (uses_builtin(s->args[i], b)) return true;
    if (stmts_use_builtin(s->body, b) || stmts_use_builtin(s->then_s, b) ||
        stmts_use_builtin(s->else_s, b) || stmts_use_builtin(s->cont, b))
      return true;
    for (int i = 0; i < s->ncases; i++)
      if (stmts_use_builtin(s->cases[i].body, b)) return true;
  }
  return false;
}

/* Value of a parameter (or a part of a struct parameter) from its uniform
 * slot(s); *fi walks the kernel's uniform fields in order. */
/* Text built in the arena (nothing to free if an error longjmps), growing
 * geometrically: a struct parameter has thousands of leaves at most, and
 * re-printing the whole prefix per leaf was quadratic. */
typedef struct {
  char *p;
  size_t n, cap;
} arena_text;

static void at_puts(wg_ctx *c, arena_text *b, const char *s) {
  size_t k = strlen(s);
  if (b->n + k + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->n + k + 1) cap *= 2;
    char *np = CW_NEW_ARRAY(c->m->arena, char, cap);
    if (b->n) memcpy(np, b->p, b->n);
    b->p = np;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, k + 1);
  b->n += k;
}

/* The WGSL value of a by-value kernel parameter of type t, rebuilt from its
 * uniform slots (*fi is the next slot). */
static void param_value_into(wg_ctx *c, arena_text *b, const ir_type *t, int *fi) {
  if (t->kind == IR_T_STRUCT || t->kind == IR_T_ARRAY) {
    at_puts(c, b, t->kind == IR_T_STRUCT ? t->st->name : wg_type(c, t));
    at_puts(c, b, "(");
    int n = t->kind == IR_T_STRUCT ? t->st->nfields : t->len;
    for (int i = 0; i < n; i++) {
      if (i) at_puts(c, b, ", ");
      param_value_into(c, b, t->kind == IR_T_STRUCT ? t->st->fields[i].type : t->elem, fi);
    }
    at_puts(c, b, ")");
    return;
  }
  const char *slot = P("%s.%s", c->uvar, c->k->uniform_fields[(*fi)++].name);
  switch (t->kind) { /* the runtime copies the host bytes into a zeroed slot */
  case IR_T_BOOL: slot = P("(%s != 0u)", slot); break;
  case IR_T_I8: slot = P("((%s << 24u) >> 24u)", slot); break;
  case IR_T_I16: slot = P("((%s << 16u) >> 16u)", slot); break;
  default: break;
  }
  at_puts(c, b, slot);
}

static const char *param_value(wg_ctx *c, const ir_type *t, int *fi) {
  arena_text b = {0};
  param_value_into(c, &b, t, fi);
  return b.p;
}

static const char *uniform_slot_type(const char *t) {
  if (!strcmp(t, "i8") || !strcmp(t, "i16")) return "i32";
  if (!strcmp(t, "f32") || !strcmp(t, "i32")) return t;
  if (!strcmp(t, "i64") || !strcmp(t, "u64")) return "vec2<u32>"; /* 8-aligned, host bytes */
  return "u32"; /* u32, u8, u16, bool */
}

static void emit_entry(wg_ctx *c, cw_strbuf *out, const cw_meta_kernel *k) {
  ir_func *f = k->func;
  cw_strbuf *body = c->body;
  cw_sb_free(body);
  c->out = body;
  c->indent = 1;
  wg_line(c, "let cw_linear = cw_wid.x + cw_wid.y * cw_nwg.x;");
  wg_line(c, "if (cw_linear >= %s.grid_x * %s.grid_y * %s.grid_z) {", c->uvar, c->uvar, c->uvar);
  wg_line(c, "  return;");
  wg_line(c, "}");
  if (stmts_use_builtin(f->body, IR_BI_BLOCK_IDX) || k->uses_io)
    wg_line(c, "let cw_bid = vec3<u32>(cw_linear %% %s.grid_x, (cw_linear / %s.grid_x) %% %s.grid_y, "
               "cw_linear / (%s.grid_x * %s.grid_y));",
            c->uvar, c->uvar, c->uvar, c->uvar, c->uvar);
  if (stmts_use_builtin(f->body, IR_BI_BLOCK_DIM))
    wg_line(c, "let cw_bdim = vec3<u32>(cw_block_x, cw_block_y, cw_block_z);");
  int fi = 0;
  for (int i = 0; i < f->nparams; i++) {
    ir_var *v = f->params[i];
    if (v->type->kind == IR_T_PTR) continue;
    const char *val = param_value(c, v->type, &fi);
    bool used = false;
    var_used_by(f->body, v, &used);
    if (used) wg_line(c, "var %s: %s = %s;", v->name, wg_var_type(c, v), val);
  }
  wg_stmts(c, f->body->kind == IR_S_BLOCK ? f->body->body : f->body);
  cw_sb_printf(out,
               "@compute @workgroup_size(cw_block_x, cw_block_y, cw_block_z)\n"
               "fn %s(@builtin(local_invocation_id) cw_lid: vec3<u32>, "
               "@builtin(workgroup_id) cw_wid: vec3<u32>, "
               "@builtin(num_workgroups) cw_nwg: vec3<u32>) {\n%s}\n",
               cw_wgsl_entry_renamed(k->name) ? P("cw_kernel_%s", k->name) : k->name, body->data ? body->data : "");
  cw_sb_free(body);
}

/* A kernel named like a WGSL keyword (`move`, `filter`) cannot be an entry
 * point name as is; the metadata JSON carries the name used ("entry_point"). */
bool cw_wgsl_entry_renamed(const char *kernel) {
  return ir_name_is_reserved(kernel) || strncmp(kernel, "cw_", 3) == 0;
}

static void emit_module(wg_ctx *c, cw_strbuf *declp, cw_strbuf *fnsp, bool multi);

void cw_emit_wgsl(ir_module *m, const cw_meta_module *mm, cw_strbuf *out) {
  wg_ctx ctx = {.m = m, .mm = mm};
  wg_ctx *c = &ctx;
  bool multi = mm->nkernels > 1;

  /* checks first, kernel by kernel in source order */
  for (int i = 0; i < mm->nkernels; i++) {
    c->k = &mm->kernels[i];
    check_kernel(c, c->k);
    int ndyn = 0;
    for (int g = 0; g < m->nglobals; g++) {
      ir_var *v = m->globals[g];
      bool used = false;
      var_used_by(c->k->func->body, v, &used);
      if (!used) continue;
      if (v->kind == IR_VAR_CONSTANT || v->kind == IR_VAR_DEVICE) check_buffer_elem(c, v);
      else if (wg_var_packed(v)) wg_packed_check(c, v);
      else check_type(c, v->type, v->loc);
      if (v->kind == IR_VAR_DYN_SHARED && ++ndyn > 1)
        cw_error(m->diags, v->loc,
                 "a kernel using two extern __shared__ arrays is not supported by the wgsl "
                 "target yet (they alias in CUDA); use one and offsets into it");
    }
  }
  c->k = NULL;
  wg_packed_analyze(c);

  /* the text buffers are malloc'd: free them if an error longjmps out */
  cw_strbuf *bufs = CW_NEW_ARRAY(m->arena, cw_strbuf, 3);
  cw_strbuf *decl_p = &bufs[0], *fns_p = &bufs[1];
  c->body = &bufs[2];
  jmp_buf jb;
  jmp_buf *saved = m->diags->on_error;
  if (saved) {
    if (setjmp(jb)) {
      for (int i = 0; i < 3; i++) cw_sb_free(&bufs[i]);
      m->diags->on_error = saved;
      longjmp(*saved, 1);
    }
    m->diags->on_error = &jb;
  }
  emit_module(c, decl_p, fns_p, multi);
  if (c->half_used) cw_sb_puts(out, m->subgroup_size == 32 ? "enable f16;\n" : "enable f16;\n\n"); /* half.c */
  if (m->subgroup_size == 32) {
    /* warps are subgroups (passes/warp.c). Every warp op is reached by the
     * whole workgroup (passes/predicate.c, refused otherwise), which Tint's
     * analysis cannot always prove: its subgroup check is switched off. */
    cw_sb_puts(out, "enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n\n");
  }
  cw_sb_puts(out, decl_p->data ? decl_p->data : "");
  wg_emit_helpers(c, out);
  wg64_emit_helpers(c, out);
  if (c->half_used) {
    cw_sb_puts(out, cw_wgsl_half_helpers);
    cw_sb_putc(out, '\n');
  }
  cw_sb_puts(out, fns_p->data ? fns_p->data : "");
  for (int i = 0; i < 3; i++) cw_sb_free(&bufs[i]);
  m->diags->on_error = saved;
}

static void emit_module(wg_ctx *c, cw_strbuf *declp, cw_strbuf *fnsp, bool multi) {
  ir_module *m = c->m;
  const cw_meta_module *mm = c->mm;
#define decl (*declp)
#define fns (*fnsp)

  for (int i = 0; i < m->nstructs; i++) {
    const ir_struct *st = m->structs[i];
    if (st->is_union) continue; /* rejected above if used */
    bool bad = false;
    for (int j = 0; j < st->nfields; j++) {
      const ir_type *leaf = ir_type_leaf(st->fields[j].type);
      bad |= leaf->kind == IR_T_F64 || (leaf->kind == IR_T_STRUCT && leaf->st->is_union);
    }
    if (!bad) emit_struct(c, &decl, st);
  }

  for (int i = 0; i < mm->nkernels; i++) {
    const cw_meta_kernel *k = &mm->kernels[i];
    const char *sname = multi ? P("CwUniforms_%s", k->name) : "CwUniforms";
    const char *vname = multi ? P("cw_u_%s", k->name) : "cw_u";
    cw_sb_printf(&decl, "struct %s {\n  grid_x: u32,\n  grid_y: u32,\n  grid_z: u32,\n"
                        "  cw_reserved: u32,\n", sname);
    for (int j = 0; j < k->nuniform_fields; j++)
      cw_sb_printf(&decl, "  %s: %s,\n", k->uniform_fields[j].name,
                   uniform_slot_type(k->uniform_fields[j].type));
    cw_sb_printf(&decl, "}\n@group(0) @binding(0) var<uniform> %s: %s;\n\n", vname, sname);
  }

  bool any_buf = false;
  for (int i = 0; i < mm->nkernels; i++) {
    ir_func *f = mm->kernels[i].func;
    for (int j = 0; j < f->nparams; j++) {
      ir_var *v = f->params[j];
      if (v->type->kind != IR_T_PTR) continue;
      if (wg_var_packed(v)) {
        cw_sb_printf(&decl, "@group(0) @binding(%d) var<storage, %s> %s: array<%s>;\n",
                     mm->kernels[i].params[j].binding, v->is_written ? "read_write" : "read",
                     v->name, wg_packed_elem(c, v));
        wg_packed_helpers(c, &decl, v);
        any_buf = true;
        continue;
      }
      cw_sb_printf(&decl, "@group(0) @binding(%d) var<storage, %s> %s: array<%s>;\n",
                   mm->kernels[i].params[j].binding, v->is_written ? "read_write" : "read",
                   v->name, storage_elem(c, v, v->type->elem));
      any_buf = true;
    }
  }
  for (int g = 0, mg = 0; g < m->nglobals; g++) {
    ir_var *v = m->globals[g];
    if (v->kind != IR_VAR_CONSTANT && v->kind != IR_VAR_DEVICE) continue;
    const cw_meta_global *meta = &mm->globals[mg++];
    bool used = false;
    for (int i = 0; i < mm->nkernels && !used; i++) var_used_by(mm->kernels[i].func->body, v, &used);
    if (!used) continue;
    if (wg_var_packed(v)) {
      cw_sb_printf(&decl, "@group(0) @binding(%d) var<storage, %s> %s: array<%s, %d>;\n",
                   meta->binding, v->is_written ? "read_write" : "read", v->name,
                   wg_packed_elem(c, v), wg_packed_words(v));
      wg_packed_helpers(c, &decl, v);
      any_buf = true;
      continue;
    }
    cw_sb_printf(&decl, "@group(0) @binding(%d) var<storage, %s> %s: array<%s, %d>;\n",
                 meta->binding, v->is_written ? "read_write" : "read", v->name,
                 storage_elem(c, v, ir_type_leaf(v->type)), ir_type_flat_len(v->type));
    any_buf = true;
  }
  if (mm->io_binding >= 0) {
    /* device printf/assert records (back/wgsl/printf.c) */
    cw_sb_printf(&decl, "@group(0) @binding(%d) var<storage, read_write> cw_io: array<atomic<u32>>;\n",
                 mm->io_binding);
    any_buf = true;
  }
  if (any_buf) cw_sb_putc(&decl, '\n');

  bool any_wg = false, dyn = false;
  for (int g = 0; g < m->nglobals; g++) {
    ir_var *v = m->globals[g];
    if (v->kind != IR_VAR_SHARED && v->kind != IR_VAR_DYN_SHARED) continue;
    bool used = false;
    for (int i = 0; i < mm->nkernels && !used; i++) var_used_by(mm->kernels[i].func->body, v, &used);
    if (!used) continue;
    if (wg_var_packed(v)) {
      cw_sb_printf(&decl, "var<workgroup> %s: array<%s, %d>;\n", v->name, wg_packed_elem(c, v),
                   wg_packed_words(v));
      wg_packed_helpers(c, &decl, v);
      any_wg = true;
      continue;
    }
    ir_type *leaf = ir_type_leaf(v->type);
    const char *el = v->is_atomic ? atomic_elem(c, leaf, v->loc) : wg_type(c, leaf);
    if (v->kind == IR_VAR_DYN_SHARED) {
      cw_sb_printf(&decl, "var<workgroup> %s: array<%s, cw_dyn_shared_len>;\n", v->name, el);
      dyn = true;
    } else if (v->type->kind == IR_T_ARRAY) {
      cw_sb_printf(&decl, "var<workgroup> %s: array<%s, %d>;\n", v->name, el,
                   ir_type_flat_len(v->type));
    } else {
      cw_sb_printf(&decl, "var<workgroup> %s: %s;\n", v->name, el);
    }
    any_wg = true;
  }
  if (any_wg) cw_sb_putc(&decl, '\n');

  cw_sb_puts(&decl, "override cw_block_x: u32 = 1;\noverride cw_block_y: u32 = 1;\n"
                    "override cw_block_z: u32 = 1;\n");
  if (dyn) cw_sb_puts(&decl, "override cw_dyn_shared_len: u32 = 1;\n");
  cw_sb_putc(&decl, '\n');

  for (int i = 0; i < mm->nkernels; i++) {
    const cw_meta_kernel *k = &mm->kernels[i];
    c->k = k;
    c->uvar = multi ? P("cw_u_%s", k->name) : "cw_u";
    c->writes_storage = false;
    for (int j = 0; j < k->nparams; j++)
      if (k->params[j].kind == CW_META_BUFFER && !k->params[j].read_only) c->writes_storage = true;
    for (int j = 0; j < k->nglobals; j++)
      if (!mm->globals[k->globals[j]].read_only) c->writes_storage = true;
    if (i) cw_sb_putc(&fns, '\n');
    emit_entry(c, &fns, k);
  }
#undef decl
#undef fns
}
