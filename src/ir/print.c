/* ir_print: a readable, stable text form of the IR (--emit-ir, snapshot tests).
 *
 *   struct P { x: f32 @0, y: f32 @4 }  // size 8 align 4
 *   shared tile: array<f32, 256>
 *   kernel saxpy(n: i32, a: f32, x: ptr<global, f32>, y: ptr<global, f32>) {
 *     decl i: i32 = convert<i32>((blockIdx.x * blockDim.x) + threadIdx.x)
 *     if (i < n) {
 *       *(y + i) = (a * *(x + i)) + *(y + i)
 *     }
 *   }
 *
 * Binary operands that are themselves binary/select are parenthesised, so the
 * text is unambiguous without precedence rules. Numbers carry a type suffix
 * except i32 and f32 ("f" suffix) so the type of every constant is visible. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"

static const char *as_str(ir_addr_space as) {
  switch (as) {
  case IR_AS_PRIVATE: return "private";
  case IR_AS_GLOBAL: return "global";
  case IR_AS_SHARED: return "shared";
  case IR_AS_CONSTANT: return "constant";
  case IR_AS_UNKNOWN: return "unknown";
  }
  return "?";
}

static void print_type(cw_strbuf *o, const ir_type *t) {
  if (!t) {
    cw_sb_puts(o, "?");
    return;
  }
  switch (t->kind) {
  case IR_T_VOID: cw_sb_puts(o, "void"); break;
  case IR_T_BOOL: cw_sb_puts(o, "bool"); break;
  case IR_T_I8: cw_sb_puts(o, "i8"); break;
  case IR_T_U8: cw_sb_puts(o, "u8"); break;
  case IR_T_I16: cw_sb_puts(o, "i16"); break;
  case IR_T_U16: cw_sb_puts(o, "u16"); break;
  case IR_T_I32: cw_sb_puts(o, "i32"); break;
  case IR_T_U32: cw_sb_puts(o, "u32"); break;
  case IR_T_I64: cw_sb_puts(o, "i64"); break;
  case IR_T_U64: cw_sb_puts(o, "u64"); break;
  case IR_T_F32: cw_sb_puts(o, "f32"); break;
  case IR_T_F64: cw_sb_puts(o, "f64"); break;
  case IR_T_PTR:
    cw_sb_printf(o, "ptr<%s, %s", as_str(t->as), t->pointee_const ? "const " : "");
    print_type(o, t->elem);
    cw_sb_puts(o, ">");
    break;
  case IR_T_ARRAY:
    cw_sb_puts(o, "array<");
    print_type(o, t->elem);
    if (t->len >= 0) cw_sb_printf(o, ", %d", t->len);
    cw_sb_puts(o, ">");
    break;
  case IR_T_STRUCT: cw_sb_printf(o, "%s", t->st ? t->st->name : "?"); break;
  }
}

static bool needs_parens(const ir_expr *e) {
  return e->kind == IR_E_BINARY || e->kind == IR_E_SELECT || e->kind == IR_E_UNARY;
}

static void print_expr(cw_strbuf *o, const ir_expr *e);

/* Base of .field / [i]: prefix operators bind looser than postfix ones. */
static void print_base(cw_strbuf *o, const ir_expr *e) {
  if (e && (needs_parens(e) || e->kind == IR_E_DEREF || e->kind == IR_E_ADDR)) {
    cw_sb_putc(o, '(');
    print_expr(o, e);
    cw_sb_putc(o, ')');
  } else {
    print_expr(o, e);
  }
}

static void print_operand(cw_strbuf *o, const ir_expr *e) {
  if (e && needs_parens(e)) {
    cw_sb_putc(o, '(');
    print_expr(o, e);
    cw_sb_putc(o, ')');
  } else {
    print_expr(o, e);
  }
}

static void print_const(cw_strbuf *o, const ir_expr *e) {
  switch (e->type->kind) {
  case IR_T_BOOL: cw_sb_puts(o, e->u.i ? "true" : "false"); break;
  case IR_T_I32: cw_sb_printf(o, "%" PRId64, (int64_t)e->u.i); break;
  case IR_T_U32: cw_sb_printf(o, "%" PRIu64 "u", e->u.i); break;
  case IR_T_I64: cw_sb_printf(o, "%" PRId64 "l", (int64_t)e->u.i); break;
  case IR_T_U64: cw_sb_printf(o, "%" PRIu64 "ul", e->u.i); break;
  case IR_T_I8: case IR_T_I16:
    cw_sb_puts(o, "(");
    print_type(o, e->type);
    cw_sb_printf(o, ")%" PRId64, (int64_t)e->u.i);
    break;
  case IR_T_U8: case IR_T_U16:
    cw_sb_puts(o, "(");
    print_type(o, e->type);
    cw_sb_printf(o, ")%" PRIu64, e->u.i);
    break;
  case IR_T_F32: case IR_T_F64: {
    /* always with a '.' or exponent, so 1.0f does not read as an integer */
    char buf[64];
    snprintf(buf, sizeof buf, e->type->kind == IR_T_F32 ? "%.9g" : "%.17g", e->u.f);
    bool has_dot = strpbrk(buf, ".eEn") != NULL; /* n: nan/inf */
    cw_sb_printf(o, "%s%s%s", buf, has_dot ? "" : ".0", e->type->kind == IR_T_F32 ? "f" : "");
    break;
  }
  default: cw_sb_puts(o, "?const"); break;
  }
}

static void print_expr(cw_strbuf *o, const ir_expr *e) {
  if (!e) {
    cw_sb_puts(o, "<null>");
    return;
  }
  if (e->needs_uniform_load) cw_sb_puts(o, "uniform_load(");
  switch (e->kind) {
  case IR_E_CONST: print_const(o, e); break;
  case IR_E_VAR: cw_sb_puts(o, e->var ? e->var->name : "<null var>"); break;
  case IR_E_BUILTIN:
    if (e->builtin == IR_BI_WARP_SIZE) cw_sb_puts(o, "warpSize");
    else cw_sb_printf(o, "%s.%c", ir_builtin_str(e->builtin), "xyz"[e->dim >= 0 && e->dim < 3 ? e->dim : 0]);
    break;
  case IR_E_UNARY:
    cw_sb_puts(o, ir_op_str(e->op));
    print_operand(o, e->a);
    break;
  case IR_E_BINARY:
    print_operand(o, e->a);
    cw_sb_printf(o, " %s ", ir_op_str(e->op));
    print_operand(o, e->b);
    break;
  case IR_E_CONVERT:
  case IR_E_BITCAST:
    cw_sb_puts(o, e->kind == IR_E_CONVERT ? "convert<" : "bitcast<");
    print_type(o, e->type);
    cw_sb_puts(o, ">(");
    print_expr(o, e->a);
    cw_sb_puts(o, ")");
    break;
  case IR_E_SELECT:
    print_operand(o, e->a);
    cw_sb_puts(o, " ? ");
    print_operand(o, e->b);
    cw_sb_puts(o, " : ");
    print_operand(o, e->c);
    break;
  case IR_E_INTRINSIC:
    cw_sb_printf(o, "%s(", cw_intrinsic_name(e->intrinsic));
    for (int i = 0; i < e->nargs; i++) {
      if (i) cw_sb_puts(o, ", ");
      print_expr(o, e->args[i]);
    }
    cw_sb_puts(o, ")");
    break;
  case IR_E_INDEX:
    print_base(o, e->a);
    cw_sb_puts(o, "[");
    print_expr(o, e->b);
    cw_sb_puts(o, "]");
    break;
  case IR_E_MEMBER: {
    print_base(o, e->a);
    const ir_type *t = e->a ? e->a->type : NULL;
    if (t && t->kind == IR_T_STRUCT && t->st && e->field >= 0 && e->field < t->st->nfields)
      cw_sb_printf(o, ".%s", t->st->fields[e->field].name);
    else
      cw_sb_printf(o, ".#%d", e->field);
    break;
  }
  case IR_E_ELEM:
    cw_sb_printf(o, "%s[@ ", e->var ? e->var->name : "<null var>");
    print_expr(o, e->b);
    cw_sb_puts(o, "]");
    break;
  case IR_E_DEREF:
    cw_sb_puts(o, "*");
    print_operand(o, e->a);
    break;
  case IR_E_ADDR:
    cw_sb_puts(o, "&");
    print_operand(o, e->a);
    break;
  case IR_E_PTR_ADD:
  case IR_E_PTR_DIFF:
    cw_sb_puts(o, "(");
    print_operand(o, e->a);
    cw_sb_puts(o, e->kind == IR_E_PTR_ADD ? " + " : " - ");
    print_operand(o, e->b);
    cw_sb_puts(o, ")");
    break;
  }
  if (e->needs_uniform_load) cw_sb_puts(o, ")");
}

static void print_var_notes(cw_strbuf *o, const ir_var *v, bool rw) {
  bool any = false;
#define NOTE(cond, ...)                               \
  do {                                                \
    if (cond) {                                       \
      cw_sb_puts(o, any ? ", " : " [");               \
      cw_sb_printf(o, __VA_ARGS__);                   \
      any = true;                                     \
    }                                                 \
  } while (0)
  NOTE(v->root, "root=%s", v->root ? v->root->name : "");
  NOTE(v->is_atomic, "atomic");
  NOTE(v->float_atomic, "float_atomic");
  NOTE(v->is_uniform, "uniform");
  NOTE(rw && v->is_read, "read");
  NOTE(rw && v->is_written, "written");
#undef NOTE
  if (any) cw_sb_puts(o, "]");
}

static void print_block(cw_strbuf *o, const ir_stmt *b, int lvl);

static void print_stmt(cw_strbuf *o, const ir_stmt *s, int lvl) {
  cw_sb_indent(o, lvl);
  switch (s->kind) {
  case IR_S_BLOCK:
    cw_sb_puts(o, "{\n");
    for (const ir_stmt *c = s->body; c; c = c->next) print_stmt(o, c, lvl + 1);
    cw_sb_indent(o, lvl);
    cw_sb_puts(o, "}\n");
    return;
  case IR_S_DECL:
    cw_sb_printf(o, "decl %s: ", s->var ? s->var->name : "<null var>");
    if (s->var) print_type(o, s->var->type);
    if (s->var) print_var_notes(o, s->var, false);
    if (s->init) {
      cw_sb_puts(o, " = ");
      print_expr(o, s->init);
    }
    break;
  case IR_S_ASSIGN:
    print_expr(o, s->lhs);
    cw_sb_puts(o, " = ");
    print_expr(o, s->rhs);
    break;
  case IR_S_IF:
    cw_sb_puts(o, "if (");
    print_expr(o, s->cond);
    cw_sb_puts(o, ") ");
    print_block(o, s->then_s, lvl);
    if (s->else_s) {
      cw_sb_puts(o, " else ");
      print_block(o, s->else_s, lvl);
    }
    break;
  case IR_S_LOOP:
    cw_sb_puts(o, "loop ");
    if (s->unroll == 0) cw_sb_puts(o, "[unroll] ");
    else if (s->unroll > 0) cw_sb_printf(o, "[unroll %d] ", s->unroll);
    print_block(o, s->body, lvl);
    if (s->cont) {
      cw_sb_puts(o, " continuing ");
      print_block(o, s->cont, lvl);
    }
    break;
  case IR_S_BREAK: cw_sb_puts(o, "break"); break;
  case IR_S_CONTINUE: cw_sb_puts(o, "continue"); break;
  case IR_S_RETURN:
    cw_sb_puts(o, "return");
    if (s->value) {
      cw_sb_puts(o, " ");
      print_expr(o, s->value);
    }
    break;
  case IR_S_SWITCH: {
    cw_sb_puts(o, "switch (");
    print_expr(o, s->value);
    cw_sb_puts(o, ") {\n");
    bool uns = s->value && s->value->type && !ir_type_is_signed(s->value->type);
    for (int i = 0; i < s->ncases; i++) {
      const ir_case *c = &s->cases[i];
      cw_sb_indent(o, lvl + 1);
      if (c->nvalues) {
        cw_sb_puts(o, "case ");
        for (int k = 0; k < c->nvalues; k++) {
          if (k) cw_sb_puts(o, ", ");
          if (uns) cw_sb_printf(o, "%" PRIu64 "u", (uint64_t)c->values[k]);
          else cw_sb_printf(o, "%" PRId64, c->values[k]);
        }
        if (c->is_default) cw_sb_puts(o, ", default");
      } else {
        cw_sb_puts(o, "default");
      }
      cw_sb_puts(o, ": ");
      if (c->body) print_block(o, c->body, lvl + 1);
      else cw_sb_puts(o, "{}");
      if (c->falls_through) cw_sb_puts(o, " fallthrough");
      cw_sb_puts(o, "\n");
    }
    cw_sb_indent(o, lvl);
    cw_sb_puts(o, "}");
    break;
  }
  case IR_S_BARRIER:
    cw_sb_printf(o, "barrier %s", cw_intrinsic_name(s->intrinsic));
    if (!s->in_uniform_cf) cw_sb_puts(o, " [nonuniform]");
    break;
  case IR_S_ATOMIC:
    if (s->dst) cw_sb_printf(o, "%s = ", s->dst->name);
    cw_sb_printf(o, "%s(", cw_intrinsic_name(s->intrinsic));
    print_expr(o, s->addr);
    if (s->cmp) {
      cw_sb_puts(o, ", cmp: ");
      print_expr(o, s->cmp);
    }
    cw_sb_puts(o, ", ");
    print_expr(o, s->value);
    cw_sb_puts(o, ")");
    break;
  case IR_S_WARP:
    if (s->dst) cw_sb_printf(o, "%s = ", s->dst->name);
    cw_sb_printf(o, "warp %s(mask: ", cw_intrinsic_name(s->intrinsic));
    print_expr(o, s->args[0]);
    if (s->value) {
      cw_sb_puts(o, ", ");
      print_expr(o, s->value);
    }
    if (s->cmp) {
      cw_sb_puts(o, ", ");
      print_expr(o, s->cmp);
    }
    cw_sb_puts(o, ", width: ");
    print_expr(o, s->args[1]);
    cw_sb_puts(o, ")");
    if (s->cond) {
      cw_sb_puts(o, " active: ");
      print_expr(o, s->cond);
    }
    break;
  case IR_S_CALL:
    cw_sb_puts(o, "call ");
    if (s->dst) cw_sb_printf(o, "%s = ", s->dst->name);
    cw_sb_printf(o, "%s(", s->callee ? s->callee->name : "<null>");
    for (int i = 0; i < s->nargs; i++) {
      if (i) cw_sb_puts(o, ", ");
      print_expr(o, s->args[i]);
    }
    cw_sb_puts(o, ")");
    break;
  case IR_S_PRINTF: case IR_S_ASSERT:
    cw_sb_printf(o, "%s #%d(", s->kind == IR_S_PRINTF ? "printf" : "assert", s->str_id);
    if (s->cond) print_expr(o, s->cond);
    for (int i = 0; i < s->nargs; i++) {
      if (i) cw_sb_puts(o, ", ");
      print_expr(o, s->args[i]);
    }
    cw_sb_puts(o, ")");
    break;
  }
  cw_sb_puts(o, "\n");
}

/* Prints "{ ... }" starting at the current column, closing at lvl. */
static void print_block(cw_strbuf *o, const ir_stmt *b, int lvl) {
  cw_sb_puts(o, "{\n");
  if (b) {
    const ir_stmt *c = b->kind == IR_S_BLOCK ? b->body : b;
    for (; c; c = c->next) {
      print_stmt(o, c, lvl + 1);
      if (b->kind != IR_S_BLOCK) break;
    }
  }
  cw_sb_indent(o, lvl);
  cw_sb_puts(o, "}");
}

static const char *gkind(ir_var_kind k) {
  switch (k) {
  case IR_VAR_LOCAL: return "local";
  case IR_VAR_PARAM: return "param";
  case IR_VAR_SHARED: return "shared";
  case IR_VAR_DYN_SHARED: return "dyn_shared";
  case IR_VAR_CONSTANT: return "constant";
  case IR_VAR_DEVICE: return "device";
  }
  return "?";
}

void ir_print(const ir_module *m, cw_strbuf *o) {
  for (int i = 0; i < m->nstructs; i++) {
    const ir_struct *st = m->structs[i];
    cw_sb_printf(o, "%s %s {", st->is_union ? "union" : "struct", st->name);
    for (int k = 0; k < st->nfields; k++) {
      cw_sb_printf(o, "%s %s: ", k ? "," : "", st->fields[k].name);
      print_type(o, st->fields[k].type);
      cw_sb_printf(o, " @%d", st->fields[k].offset);
    }
    cw_sb_printf(o, " }  // size %d align %d\n", st->size, st->align);
  }
  for (int i = 0; i < m->nglobals; i++) {
    const ir_var *v = m->globals[i];
    cw_sb_printf(o, "%s %s: ", gkind(v->kind), v->name);
    print_type(o, v->type);
    print_var_notes(o, v, true);
    if (v->init) {
      cw_sb_puts(o, " = bytes[");
      int n = v->type->size;
      for (int k = 0; k < n && k < 64; k++) cw_sb_printf(o, "%s%02x", k ? " " : "", v->init[k]);
      if (n > 64) cw_sb_printf(o, " ... (%d bytes)", n);
      cw_sb_puts(o, "]");
    }
    cw_sb_puts(o, "\n");
  }
  for (const ir_func *f = m->funcs; f; f = f->next) {
    cw_sb_printf(o, "%s %s(", f->is_kernel ? "kernel" : "func", f->name);
    for (int i = 0; i < f->nparams; i++) {
      const ir_var *p = f->params[i];
      cw_sb_printf(o, "%s%s: ", i ? ", " : "", p->name);
      print_type(o, p->type);
      print_var_notes(o, p, true);
    }
    cw_sb_puts(o, ")");
    if (!f->is_kernel && f->ret && f->ret->kind != IR_T_VOID) {
      cw_sb_puts(o, " -> ");
      print_type(o, f->ret);
    }
    if (f->launch_bounds[0])
      cw_sb_printf(o, " launch_bounds(%d, %d)", f->launch_bounds[0], f->launch_bounds[1]);
    if (f->forceinline) cw_sb_puts(o, " forceinline");
    if (f->noinline) cw_sb_puts(o, " noinline");
    cw_sb_puts(o, " ");
    print_block(o, f->body, 0);
    cw_sb_puts(o, "\n");
  }
}
