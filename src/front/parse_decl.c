/* Declarations: specifiers, declarators, struct/union/enum, local variables. */
#include <string.h>

#include "front/parse.h"

void p_push_tag(Parser *P, const char *name, cw_type *ty);
void p_class_fill(Parser *P, cw_type *ty);
cw_type *p_find_tag_here(Parser *P, const char *name);
cw_type *p_find_tag(Parser *P, const char *name);

/* Skips a balanced parenthesised group starting at '('. */
static void skip_parens(Parser *P) {
  cw_token *start = P->tok;
  int depth = 0;
  for (;;) {
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, start->loc, "expected ')' to match this '('");
    if (p_eq(P->tok, "(")) depth++;
    else if (p_eq(P->tok, ")") && --depth == 0) {
      p_next(P);
      return;
    }
    p_next(P);
  }
}

static int align_to(int n, int a) { return (n + a - 1) / a * a; }

/* Host (LP64) layout of a struct or union whose members are set. */
void p_struct_layout(Parser *P, cw_type *ty, bool is_union) {
  long off = 0, size = 0;
  int align = 1;
  for (cw_member *m = ty->members; m; m = m->next) {
    int msize = m->ty->size < 0 ? 0 : m->ty->size;
    if (m->ty->align > align) align = m->ty->align;
    if (is_union) {
      m->offset = 0;
      if (msize > size) size = msize;
    } else {
      off = (off + m->ty->align - 1) / m->ty->align * m->ty->align;
      m->offset = (int)off;
      off += msize;
      size = off;
    }
    if (size > 0x3fffffff) cw_error(P->d, m->loc, "struct is too large");
  }
  if (size == 0) size = 1; /* C++: an empty struct has size 1 */
  ty->size = align_to((int)size, align);
  ty->align = align;
  int depth = 0;
  for (cw_member *m = ty->members; m; m = m->next) {
    int d = p_type_depth(P, m->ty);
    if (d > depth) depth = d;
  }
  if (depth + 1 > CW_MAX_DEPTH) cw_error(P->d, ty->loc, "type nested too deeply");
  p_set_struct_depth(P, ty, depth + 1);
}

static cw_member *find_member_shallow(cw_type *ty, const char *name) {
  for (cw_member *m = ty->members; m; m = m->next)
    if (m->name && !strcmp(m->name, name)) return m;
  return NULL;
}

/* struct-members = (declspec declarator ("," declarator)* ";")* "}" */
static void struct_members(Parser *P, cw_type *ty) {
  cw_member head = {0}, *cur = &head;
  int idx = 0;
  while (!p_consume(P, "}")) {
    cw_token *t = P->tok;
    if (t->kind == CW_TK_EOF) cw_error(P->d, t->loc, "expected '}' at end of struct");
    if (p_eq(t, "template")) { /* TEMPLATES: member function template */
      p_member_template(P, ty);
      continue;
    }
    if (p_eq(t, ";")) { p_next(P); continue; }
    if (p_class_member(P, ty)) continue;
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    if (attr.is_typedef) cw_error(P->d, attr.loc, "typedefs inside structs are not supported yet");
    if ((base->kind == TY_STRUCT || base->kind == TY_UNION) && p_eq(P->tok, ";")) {
      /* anonymous struct/union member */
      p_next(P);
      cw_member *m = CW_NEW(P->a, cw_member);
      m->ty = base;
      m->loc = t->loc;
      m->idx = idx++;
      cur = cur->next = m;
      continue;
    }
    bool first = true;
    bool first_decl = true;
    while (!p_consume(P, ";")) {
      if (!first) p_expect(P, ",", "after member declarator");
      first = false;
      cw_token *name = NULL;
      cw_token *dt = P->tok;
      cw_type *mty = p_declarator(P, base, &name);
      if (p_eq(P->tok, ":")) cw_error(P->d, P->tok->loc, "bit-fields are not supported");
      if (mty->kind == TY_FUNC) {
        if (!name) cw_error(P->d, dt->loc, "expected member function name");
        if (!first_decl) cw_error(P->d, dt->loc, "declare member functions one per declaration");
        p_class_method(P, ty, &attr, mty, name);
        goto next_member;
      }
      if (!name) cw_error(P->d, dt->loc, "expected member name");
      if (attr.is_static) {
        /* static constexpr/const data member: a named constant of the class */
        const char *sn = p_tokstr(P, name);
        if (!(mty->is_const || attr.is_constexpr) || !cw_ty_is_arith(mty))
          cw_error(P->d, name->loc, "static data member '%s' must be a const or constexpr arithmetic constant "
                   "(other static data members are not supported)", sn);
        if (!p_consume(P, "=") && !p_eq(P->tok, "{"))
          cw_error(P->d, name->loc, "static constant member '%s' needs an initializer in the class", sn);
        bool br = p_consume(P, "{");
        cw_token *vt = P->tok;
        cw_node *v = p_convert_assign(P, p_rval(P, p_assign(P)), cw_ty_unqual(mty), vt->loc, "initializing");
        if (br) p_expect(P, "}", "after initializer");
        P_val val;
        if (!p_try_eval(P, v, &val)) cw_error(P->d, vt->loc, "initializer of static member '%s' is not a constant expression", sn);
        if (p_find_var_here(P, sn)) cw_error(P->d, name->loc, "duplicate member '%s'", sn);
        P_entry *e = p_push_var(P, sn);
        e->is_const_val = true;
        e->const_ty = cw_ty_unqual(mty);
        e->ival = val.i;
        e->fval = val.f;
        continue;
      }
      if (mty->kind == TY_PTR && mty->is_ref)
        cw_error(P->d, name->loc, "reference members are not supported ('%s')", p_tokstr(P, name));
      if (p_eq(P->tok, "=")) cw_error(P->d, P->tok->loc, "default member initializers are not supported yet");
      const char *n = p_tokstr(P, name);
      if (find_member_shallow(&(cw_type){.members = head.next}, n))
        cw_error(P->d, name->loc, "duplicate member '%s'", n);
      bool last = p_eq(P->tok, ";") && p_eq(P->tok->next, "}");
      if (mty->size < 0 && !(mty->kind == TY_ARRAY && mty->array_len < 0 && last))
        cw_error(P->d, name->loc, "field '%s' has incomplete type '%s'", n, cw_ty_str(P->a, mty));
      if (mty->kind == TY_ARRAY && mty->array_len < 0) {
        ty->is_flexible = true;
        mty = cw_ty_array_of(P->a, mty->base, 0);
      }
      cw_member *m = CW_NEW(P->a, cw_member);
      m->name = n;
      m->ty = mty;
      m->loc = name->loc;
      m->idx = idx++;
      cur = cur->next = m;
      first_decl = false;
    }
    continue;
  next_member:;
  }
  ty->members = head.next;
}

/* struct-union-decl = ident? ("{" struct-members)? */
static cw_type *struct_union_decl(Parser *P, cw_type_kind kind) {
  cw_token *kw = P->tok;
  p_next(P);
  int explicit_align = 0; /* struct __align__(16) S / alignas(16) */
  while (p_eq(P->tok, "__attribute__") || p_eq(P->tok, "__align__") || p_eq(P->tok, "alignas")) {
    bool is_alignas = !p_eq(P->tok, "__attribute__");
    cw_token *at = P->tok;
    p_next(P);
    if (is_alignas && p_consume(P, "(")) {
      int64_t v = p_const_expr(P);
      if (v <= 0 || v > 4096 || (v & (v - 1)))
        cw_error(P->d, at->loc, "requested alignment %lld is not a positive power of 2 up to 4096",
                 (long long)v);
      if (v > explicit_align) explicit_align = (int)v;
      p_expect(P, ")", "after alignment");
    } else if (p_eq(P->tok, "(")) {
      skip_parens(P);
    }
  }
  cw_token *tag = NULL;
  if (p_is_ident(P->tok)) {
    tag = P->tok;
    p_next(P);
  }
  if (!tag && !p_eq(P->tok, "{"))
    cw_error(P->d, P->tok->loc, "expected identifier or '{' after '%s'", p_tokstr(P, kw));
  if (p_eq(P->tok, ":")) {
    for (cw_token *x = P->tok; x->kind != CW_TK_EOF && !p_eq(x, "{"); x = x->next)
      if (p_eq(x, "virtual")) cw_error(P->d, x->loc, "virtual base classes are not supported");
    cw_error(P->d, P->tok->loc, "class inheritance is not supported; use a member of the base type instead");
  }
  const char *name = tag ? p_tokstr(P, tag) : NULL;
  if (tag && !p_eq(P->tok, "{")) {
    cw_type *t = p_find_tag(P, name);
    if (t) {
      if (t->kind != kind) cw_error(P->d, tag->loc, "use of '%s' with tag type that does not match previous declaration", name);
      return t;
    }
    t = p_struct_type(P, kind);
    t->name = name;
    t->loc = tag->loc;
    p_push_tag(P, name, t);
    return t;
  }
  p_next(P); /* '{' */
  cw_type *t = NULL;
  if (tag) {
    t = p_find_tag_here(P, name);
    if (t && (t->kind != kind || t->size >= 0)) cw_error(P->d, tag->loc, "redefinition of '%s'", name);
  }
  if (!t) {
    t = p_struct_type(P, kind);
    t->name = name;
    t->loc = tag ? tag->loc : kw->loc;
    if (tag) p_push_tag(P, name, t);
  }
  p_enter(P, kw, "struct definitions");
  p_class_begin(P, t);
  struct_members(P, t);
  p_leave(P);
  P_class *cls = t->fe_class;
  if (!t->members && (p_has_ctors(cls) || cls->convs || cls->pending || cls->scope->nvars)) p_class_fill(P, t);
  p_struct_layout(P, t, kind == TY_UNION);
  if (explicit_align > t->align) {
    t->align = explicit_align;
    t->size = align_to(t->size, explicit_align);
  }
  p_class_end(P, t);
  return t;
}

/* enum-specifier = ident? ("{" enum-list? "}")?
 * enum-list      = ident ("=" const-expr)? ("," ident ("=" const-expr)?)* ","? */
static cw_type *enum_specifier(Parser *P) {
  p_next(P);
  if (p_eq(P->tok, "class") || p_eq(P->tok, "struct"))
    cw_error(P->d, P->tok->loc, "scoped enums (enum class) are not supported yet");
  cw_token *tag = NULL;
  if (p_is_ident(P->tok)) {
    tag = P->tok;
    p_next(P);
  }
  if (p_consume(P, ":")) {
    P_declspec a;
    cw_type *u = p_declspec(P, &a);
    if (!cw_ty_is_integer(u)) cw_error(P->d, P->tok->loc, "enum underlying type must be an integer type");
  }
  const char *name = tag ? p_tokstr(P, tag) : NULL;
  if (tag && !p_eq(P->tok, "{")) {
    cw_type *t = p_find_tag(P, name);
    if (t) {
      if (t->kind != TY_ENUM) cw_error(P->d, tag->loc, "'%s' is not an enum", name);
      return t;
    }
    t = p_enum_type(P);
    t->name = name;
    p_push_tag(P, name, t);
    return t;
  }
  p_expect(P, "{", "in enum declaration");
  cw_type *t = p_enum_type(P);
  t->name = name;
  if (tag) {
    cw_type *o = p_find_tag_here(P, name);
    if (o) cw_error(P->d, tag->loc, "redefinition of '%s'", name);
    p_push_tag(P, name, t);
  }
  int64_t val = 0;
  bool first = true;
  while (!p_consume(P, "}")) {
    if (!first) {
      p_expect(P, ",", "in enumerator list");
      if (p_consume(P, "}")) break;
    }
    first = false;
    if (!p_is_ident(P->tok)) cw_error(P->d, P->tok->loc, "expected identifier in enumerator list");
    cw_token *id = P->tok;
    p_next(P);
    if (p_consume(P, "=")) val = p_const_expr(P);
    const char *n = p_tokstr(P, id);
    if (p_find_var_here(P, n)) cw_error(P->d, id->loc, "redefinition of enumerator '%s'", n);
    P_entry *e = p_push_var(P, n);
    e->is_const_val = true;
    e->const_ty = cw_ty_int;
    e->ival = (int64_t)(int32_t)val;
    val = (int64_t)((uint64_t)val + 1);
  }
  return t;
}

enum {
  K_VOID = 1 << 0, K_BOOL = 1 << 2, K_CHAR = 1 << 4, K_SHORT = 1 << 6, K_INT = 1 << 8,
  K_LONG = 1 << 10, K_FLOAT = 1 << 12, K_DOUBLE = 1 << 14, K_OTHER = 1 << 16,
  K_SIGNED = 1 << 17, K_UNSIGNED = 1 << 18,
};

/* declspec = (storage-class | cuda-qualifier | type-qualifier | type-specifier)+ */
cw_type *p_declspec(Parser *P, P_declspec *attr) {
  memset(attr, 0, sizeof *attr);
  attr->loc = P->tok->loc;
  cw_type *ty = cw_ty_int;
  int counter = 0;
  bool c = false, v = false, r = false;
  cw_token *start = P->tok;
  for (;;) {
    cw_token *t = P->tok;
    if (p_eq(t, "typedef")) attr->is_typedef = true;
    else if (p_eq(t, "static")) attr->is_static = true;
    else if (p_eq(t, "extern")) attr->is_extern = true;
    else if (p_eq(t, "inline") || p_eq(t, "__inline__") || p_eq(t, "__inline")) attr->is_inline = true;
    else if (p_eq(t, "constexpr")) { attr->is_constexpr = true; c = true; }
    else if (p_eq(t, "register")) { }
    else if (p_eq(t, "__global__")) attr->global = true;
    else if (p_eq(t, "__device__")) attr->device = true;
    else if (p_eq(t, "__host__")) attr->host = true;
    else if (p_eq(t, "__constant__")) attr->constant = true;
    else if (p_eq(t, "__shared__")) attr->shared = true;
    else if (p_eq(t, "__managed__")) { attr->managed = true; attr->loc = t->loc; }
    else if (p_eq(t, "__forceinline__")) attr->forceinline = true;
    else if (p_eq(t, "__noinline__")) attr->noinline = true;
    else if (p_eq(t, "const")) c = true;
    else if (p_eq(t, "volatile")) v = true;
    else if (p_eq(t, "restrict") || p_eq(t, "__restrict__") || p_eq(t, "__restrict")) r = true;
    else if (p_eq(t, "__launch_bounds__")) {
      p_next(P);
      p_expect(P, "(", "after '__launch_bounds__'");
      int64_t a0 = p_const_expr(P), a1 = 0;
      if (p_consume(P, ",")) a1 = p_const_expr(P);
      if (p_consume(P, ",")) (void)p_const_expr(P); /* maxBlocksPerCluster */
      p_expect(P, ")", "after __launch_bounds__ arguments");
      if (a0 <= 0 || a0 > 65536 || a1 < 0 || a1 > 65536)
        cw_error(P->d, t->loc, "invalid __launch_bounds__ value");
      attr->launch_bounds[0] = (int)a0;
      attr->launch_bounds[1] = (int)a1;
      continue;
    } else if (p_eq(t, "__attribute__") || p_eq(t, "__align__") || p_eq(t, "alignas") ||
               p_eq(t, "_Alignas") || p_eq(t, "__declspec")) {
      p_next(P);
      if (p_eq(P->tok, "(")) skip_parens(P);
      continue;
    } else if (p_eq(t, "template")) cw_error(P->d, t->loc, "templates are not supported yet");
    else if (p_eq(t, "typename")) { /* TEMPLATES: a disambiguator only */ }
    else if (counter == 0 && p_tmpl_is_type_template(P, t)) { /* TEMPLATES: Vec<float> */
      ty = p_tmpl_type_id(P);
      counter += K_OTHER;
      continue;
    }
    else if (p_eq(t, "auto")) {
      if (counter) cw_error(P->d, t->loc, "cannot combine 'auto' with a type specifier");
      ty = p_ty_auto();
      counter += K_OTHER;
    }
    else if (p_eq(t, "decltype")) cw_error(P->d, t->loc, "decltype is not supported yet");
    else if (p_eq(t, "virtual")) cw_error(P->d, t->loc, "virtual functions are not supported in device code");
    else if (p_eq(t, "friend")) cw_error(P->d, t->loc, "friend declarations are not supported");
    else if (p_eq(t, "explicit") || p_eq(t, "mutable")) { }
    else if (p_eq(t, "class")) {
      if (counter) cw_error(P->d, t->loc, "cannot combine with previous type specifier");
      ty = struct_union_decl(P, TY_STRUCT);
      counter += K_OTHER;
      continue;
    }
    else if (p_eq(t, "texture") || p_eq(t, "surface"))
      p_unknown_type(P, t); /* the precise texture/surface reference message */
    else if (p_eq(t, "struct") || p_eq(t, "union") || p_eq(t, "enum")) {
      if (counter) cw_error(P->d, t->loc, "cannot combine with previous type specifier");
      ty = p_eq(t, "enum") ? enum_specifier(P)
                           : struct_union_decl(P, p_eq(t, "struct") ? TY_STRUCT : TY_UNION);
      counter += K_OTHER;
      continue;
    } else if (counter == 0 && (p_eq(t, "::") || (p_is_ident(t) && p_eq(t->next, "::")))) {
      cw_token *end;
      cw_type *q = p_qualified_type(P, t, &end);
      cw_token *last;
      struct P_template *T = q ? NULL : p_tmpl_qualified(P, t, &last);
      if (p_tmpl_is_struct(T) && p_eq(last->next, "<")) { /* TEMPLATES: ns::S<...> */
        P->tok = last;
        ty = p_tmpl_type_of(P, T);
        counter += K_OTHER;
        continue;
      }
      if (!q) {
        if (p_is_ident(t) && p_is_ident(t->next->next) && t->len == t->next->next->len &&
            !memcmp(t->text, t->next->next->text, (size_t)t->len) && p_eq(t->next->next->next, "("))
          cw_error(P->d, t->loc, "out-of-line constructor definitions are not supported; define the constructor inside the class");
        break;
      }
      ty = q;
      counter += K_OTHER;
      P->tok = end;
      if (p_eq(end, "<")) cw_error(P->d, end->loc, "templates are not supported yet");
      continue;
    } else if (counter == 0 && p_is_typename(P, t)) {
      const char *n = p_tokstr(P, t);
      P_entry *e = p_find_var(P, n);
      ty = e && e->type_def ? e->type_def : p_find_tag(P, n);
      counter += K_OTHER;
      if (p_eq(t->next, "<")) cw_error(P->d, t->next->loc, "templates are not supported yet");
    } else {
      int k = p_eq(t, "void") ? K_VOID
              : (p_eq(t, "bool") || p_eq(t, "_Bool")) ? K_BOOL
              : p_eq(t, "char") ? K_CHAR : p_eq(t, "short") ? K_SHORT
              : p_eq(t, "int") ? K_INT : p_eq(t, "long") ? K_LONG
              : p_eq(t, "float") ? K_FLOAT : p_eq(t, "double") ? K_DOUBLE
              : p_eq(t, "signed") ? K_SIGNED : p_eq(t, "unsigned") ? K_UNSIGNED : 0;
      if (!k) break;
      counter += k;
      switch (counter) {
      case K_VOID: ty = cw_ty_void; break;
      case K_BOOL: ty = cw_ty_bool; break;
      case K_CHAR: ty = cw_ty_char; break;
      case K_SIGNED + K_CHAR: ty = cw_ty_schar; break;
      case K_UNSIGNED + K_CHAR: ty = cw_ty_uchar; break;
      case K_SHORT: case K_SHORT + K_INT: case K_SIGNED + K_SHORT:
      case K_SIGNED + K_SHORT + K_INT: ty = cw_ty_short; break;
      case K_UNSIGNED + K_SHORT: case K_UNSIGNED + K_SHORT + K_INT: ty = cw_ty_ushort; break;
      case K_INT: case K_SIGNED: case K_SIGNED + K_INT: ty = cw_ty_int; break;
      case K_UNSIGNED: case K_UNSIGNED + K_INT: ty = cw_ty_uint; break;
      case K_LONG: case K_LONG + K_INT: case K_SIGNED + K_LONG:
      case K_SIGNED + K_LONG + K_INT: ty = cw_ty_long; break;
      case K_LONG + K_LONG: case K_LONG + K_LONG + K_INT: case K_SIGNED + K_LONG + K_LONG:
      case K_SIGNED + K_LONG + K_LONG + K_INT: ty = cw_ty_llong; break;
      case K_UNSIGNED + K_LONG: case K_UNSIGNED + K_LONG + K_INT: ty = cw_ty_ulong; break;
      case K_UNSIGNED + K_LONG + K_LONG: case K_UNSIGNED + K_LONG + K_LONG + K_INT:
        ty = cw_ty_ullong; break;
      case K_FLOAT: ty = cw_ty_float; break;
      case K_DOUBLE: case K_LONG + K_DOUBLE: ty = cw_ty_double; break;
      default: cw_error(P->d, t->loc, "invalid combination of type specifiers");
      }
    }
    p_next(P);
  }
  if (counter == 0) {
    if (p_is_ident(P->tok)) p_unknown_type(P, P->tok);
    if (P->tok == start) cw_error(P->d, P->tok->loc, "expected a type");
    if (!(p_eq(P->tok, "(") && 0))
      cw_error(P->d, P->tok->loc, "a type specifier is required for all declarations");
  }
  return p_qualify(P, ty, c, v, r);
}

static cw_type *type_suffix(Parser *P, cw_type *ty);

static bool p_type_keyword(cw_token *t) {
  static const char *kw[] = {"bool", "_Bool", "char", "short", "int", "long", "signed", "unsigned",
                             "float", "double", "struct", "union", "enum", "volatile", "auto",
                             "__restrict__", "class", NULL};
  for (int i = 0; kw[i]; i++)
    if (p_eq(t, kw[i])) return true;
  return false;
}

/* Default argument tokens of the last parameter list parsed (p_fn_defaults
 * attaches them to the function declared with that type). */
#define defaults_fty (P->defaults_fty)
#define defaults_tok (P->defaults_tok)
#define defaults_n (P->defaults_n)

/* param-list = "(" ("void" | param ("," param)* ("," "...")?)? ")" */
static cw_type *func_params(Parser *P, cw_type *ret) {
  cw_type *fn = p_func_type(P, ret);
  cw_type head = {0}, *cur = &head;
  cw_token *defs[256];
  int nparams = 0;
  bool any_default = false;
  if (p_eq(P->tok, "void") && p_eq(P->tok->next, ")")) {
    p_next(P);
    p_next(P);
    goto done;
  }
  bool first = true;
  while (!p_consume(P, ")")) {
    if (!first) p_expect(P, ",", "between parameters");
    first = false;
    if (p_consume(P, "...")) {
      fn->is_variadic = true;
      p_expect(P, ")", "after '...'");
      break;
    }
    cw_token *pt = P->tok;
    if (pt->kind == CW_TK_EOF) cw_error(P->d, pt->loc, "expected ')'");
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    cw_token *name = NULL;
    cw_type *ty = p_declarator(P, base, &name);
    if (ty->kind == TY_VOID) cw_error(P->d, pt->loc, "parameter cannot have type 'void'");
    if (ty->kind == TY_ARRAY) ty = p_qualify(P, cw_ty_pointer_to(P->a, ty->base), false, false, false);
    else if (ty->kind == TY_FUNC) cw_error(P->d, pt->loc, "function pointers are not supported: WGSL has no indirect calls; call the function by name (a switch can choose)");
    cw_token *def = NULL;
    if (p_eq(P->tok, "=")) {
      p_next(P);
      def = P->tok;
      any_default = true;
      int depth = 0;
      while (P->tok->kind != CW_TK_EOF && !(depth == 0 && (p_eq(P->tok, ",") || p_eq(P->tok, ")")))) {
        if (p_eq(P->tok, "(") || p_eq(P->tok, "[") || p_eq(P->tok, "{")) depth++;
        if (p_eq(P->tok, ")") || p_eq(P->tok, "]") || p_eq(P->tok, "}")) depth--;
        p_next(P);
      }
    } else if (any_default && !P->host_params) {
      cw_error(P->d, pt->loc, "missing default argument on parameter %d", nparams + 1);
    }
    if (nparams >= 256) cw_error(P->d, pt->loc, "too many parameters");
    defs[nparams++] = def;
    cw_type *c = p_copy_type(P, ty);
    c->name = name ? p_tokstr(P, name) : NULL;
    c->loc = name ? name->loc : pt->loc;
    cur = cur->next = c;
  }
done:
  fn->params = head.next;
  /* trailing qualifiers of member functions */
  P->fn_const = false;
  for (;;) {
    if (p_eq(P->tok, "const")) P->fn_const = true;
    else if (!(p_eq(P->tok, "noexcept") || p_eq(P->tok, "override") || p_eq(P->tok, "final") ||
               p_eq(P->tok, "__restrict__")))
      break;
    p_next(P);
  }
  defaults_fty = any_default ? fn : NULL;
  defaults_n = nparams;
  if (any_default) {
    defaults_tok = CW_NEW_ARRAY(P->a, cw_token *, (size_t)(nparams ? nparams : 1));
    for (int i = 0; i < nparams; i++) defaults_tok[i] = defs[i];
  }
  return fn;
}

cw_type *p_func_params(Parser *P, cw_type *ret);
cw_type *p_func_params(Parser *P, cw_type *ret) { return func_params(P, ret); }

/* Records the default arguments of fn's declaration with type ty (the type
 * the last parameter list built). */
void p_fn_defaults(Parser *P, cw_obj *fn, cw_type *ty);
void p_fn_defaults(Parser *P, cw_obj *fn, cw_type *ty) {
  if (defaults_fty != ty || !ty) return;
  P_fninfo *fi = fn->fe_info;
  if (!fi) fn->fe_info = fi = CW_NEW(P->a, P_fninfo);
  if (fi->defaults) cw_error(P->d, fn->loc, "redefinition of default arguments of '%s'", fn->src_name ? fn->src_name : fn->name);
  fi->defaults = CW_NEW_ARRAY(P->a, cw_token *, (size_t)(defaults_n ? defaults_n : 1));
  for (int i = 0; i < defaults_n; i++) fi->defaults[i] = defaults_tok[i];
  fi->ndecl = defaults_n;
  fi->def_scope = P->scope;
  defaults_fty = NULL;
}

/* type-suffix = "(" param-list | "[" const-expr? "]" type-suffix | ε */
static cw_type *type_suffix(Parser *P, cw_type *ty) {
  cw_token *t = P->tok;
  if (p_consume(P, "(")) {
    if (ty->kind == TY_ARRAY) cw_error(P->d, t->loc, "function cannot return an array type");
    if (ty->kind == TY_FUNC) cw_error(P->d, t->loc, "function cannot return a function type");
    return func_params(P, ty);
  }
  if (p_consume(P, "[")) {
    int64_t len = -1;
    if (!p_eq(P->tok, "]")) {
      cw_token *lt = P->tok;
      len = p_const_expr(P);
      if (len < 0) cw_error(P->d, lt->loc, "array size is negative");
    }
    p_expect(P, "]", "after array size");
    p_enter(P, t, "declarator");
    ty = type_suffix(P, ty);
    p_leave(P);
    if (ty->kind == TY_FUNC) cw_error(P->d, t->loc, "arrays of functions are not allowed");
    if (ty->size < 0) cw_error(P->d, t->loc, "array has incomplete element type '%s'", cw_ty_str(P->a, ty));
    if (ty->size > 0 && len > 0x7fffffff / ty->size) cw_error(P->d, t->loc, "array is too large");
    return cw_ty_array_of(P->a, ty, (int)len);
  }
  return ty;
}

/* declarator = ("*" | "&") qualifiers)* ("(" declarator ")" | ident)? type-suffix */
cw_type *p_declarator(Parser *P, cw_type *ty, cw_token **name) {
  *name = NULL;
  p_enter(P, P->tok, "declarator");
  for (;;) {
    cw_token *t = P->tok;
    if (p_eq(t, "*") || p_eq(t, "&") || p_eq(t, "&&")) {
      if (p_eq(t, "&&") && !P->host_params)
        cw_error(P->d, t->loc, "rvalue references ('&&') are not supported; use a value or 'const T&'");
      if (ty->kind == TY_PTR && ty->is_ref)
        cw_error(P->d, t->loc, "%s to a reference is not allowed", p_eq(t, "*") ? "pointer" : "reference");
      if (cw_ty_unqual(ty)->kind == TY_VOID && !p_is_auto(ty) && !p_eq(t, "*"))
        cw_error(P->d, t->loc, "cannot form a reference to 'void'");
      p_next(P);
      ty = p_eq(t, "*") ? cw_ty_pointer_to(P->a, ty) : p_ref_to(P, ty);
      bool c = false, v = false, r = false;
      for (;;) {
        if (p_eq(P->tok, "const")) c = true;
        else if (p_eq(P->tok, "volatile")) v = true;
        else if (p_eq(P->tok, "restrict") || p_eq(P->tok, "__restrict__") || p_eq(P->tok, "__restrict")) r = true;
        else break;
        p_next(P);
      }
      ty = p_qualify(P, ty, c, v, r);
      continue;
    }
    if (p_eq(t, "__attribute__")) { p_next(P); if (p_eq(P->tok, "(")) skip_parens(P); continue; }
    break;
  }
  if (p_eq(P->tok, "::") || (p_is_ident(P->tok) && p_eq(P->tok->next, "::")) || p_tmpl_qualifier(P, NULL, P->tok)) {
    /* qualified declarator: A::f, S::len, S::operator+, S<int>::get (out-of-line definitions) */
    P_scope *sc = NULL;
    if (p_consume(P, "::")) sc = P->file_scope;
    int guard = 0;
    struct P_template *S = NULL;
    while (((p_is_ident(P->tok) && p_eq(P->tok->next, "::")) || (S = p_tmpl_qualifier(P, sc, P->tok))) &&
           guard++ < 256) {
      if (!p_eq(P->tok->next, "::")) { /* S<T>:: a class template's instance */
        P_class *c = p_class_of(p_tmpl_type_of(P, S));
        if (!c) cw_error(P->d, P->tok->loc, "expected a class before '::'");
        sc = c->scope;
        p_expect(P, "::", NULL);
        continue;
      }
      P_scope *n = p_scope_named(P, sc, P->tok);
      if (!n) cw_error(P->d, P->tok->loc, "'%s' is not a namespace or class", p_tokstr(P, P->tok));
      sc = n;
      p_next(P);
      p_next(P);
    }
    if (p_eq(P->tok, "~")) cw_error(P->d, P->tok->loc, "destructors with a body are not supported in device code");
    if (p_eq(P->tok, "operator")) *name = p_operator_name(P);
    else if (p_is_ident(P->tok)) {
      *name = P->tok;
      p_next(P);
    } else cw_error(P->d, P->tok->loc, "expected a name after '::'");
    P->decl_scope = sc;
    ty = type_suffix(P, ty);
    p_leave(P);
    if (ty->kind != TY_FUNC) cw_error(P->d, (*name)->loc, "qualified variable definitions are not supported");
    return ty;
  }
  if (p_eq(P->tok, "(") && !(p_is_typename(P, P->tok->next) || p_eq(P->tok->next, ")") ||
                             p_eq(P->tok->next, "void") || p_eq(P->tok->next, "const") ||
                             p_type_keyword(P->tok->next))) {
    /* nested declarator: parse the suffix first, then the inside with it.
     * The inside is skipped by matching parentheses, not parsed twice:
     * parsing it once to skip and once for real doubled the work per level
     * (`int x((((...))))` 40 deep never finished; found by the fuzzer). */
    cw_token *start = P->tok, *close = start->next;
    for (int depth = 1;; close = close->next) {
      if (close->kind == CW_TK_EOF) cw_error(P->d, start->loc, "expected ')' in declarator");
      if (p_eq(close, "(")) depth++;
      else if (p_eq(close, ")") && --depth == 0) break;
    }
    P->tok = close->next;
    ty = type_suffix(P, ty);
    cw_token *end = P->tok;
    P->tok = start->next;
    ty = p_declarator(P, ty, name);
    if (P->tok != close) cw_error(P->d, P->tok->loc, "expected ')' in declarator");
    P->tok = end;
    p_leave(P);
    return ty;
  }
  if (p_is_ident(P->tok)) {
    *name = P->tok;
    p_next(P);
    if (P->local_decl && p_eq(P->tok, "(") && !(p_eq(P->tok->next, ")") && 0)) {
      /* `T v(args);` in a function: a constructor call, not a function declaration */
      P->ctor_paren = true;
      p_leave(P);
      return ty;
    }
  } else if (p_eq(P->tok, "operator")) {
    *name = p_operator_name(P);
  }
  ty = type_suffix(P, ty);
  p_leave(P);
  /* `int ****...p` or a chain of typedefs builds types no recursion bounded */
  p_check_type_depth(P, ty, *name ? (*name)->loc : P->tok->loc);
  return ty;
}

cw_type *p_abstract_declarator(Parser *P, cw_type *ty) {
  cw_token *name = NULL;
  cw_token *t = P->tok;
  ty = p_declarator(P, ty, &name);
  if (name) cw_error(P->d, name->loc, "unexpected identifier '%s' in type name", p_tokstr(P, name));
  (void)t;
  return ty;
}

cw_type *p_typename(Parser *P) {
  P_declspec attr;
  cw_type *ty = p_declspec(P, &attr);
  return p_abstract_declarator(P, ty);
}

static cw_node *init_stmt(Parser *P, cw_obj *v, cw_node *value, cw_loc loc) {
  cw_node *s = p_new_node(P, ND_EXPR_STMT, loc);
  s->lhs = p_assign_raw(P, p_new_var(P, v, loc), value);
  return s;
}

/* The value of an initialiser after '=' or in '(...)' / '{...}' holding
 * one expression. */
static cw_node *one_init(Parser *P, bool paren) {
  if (paren || p_eq(P->tok, "{")) {
    bool br = p_eq(P->tok, "{");
    p_next(P);
    cw_node *e = p_assign(P);
    p_expect(P, br ? "}" : ")", "after initializer");
    return e;
  }
  return p_assign(P);
}

/* C++ locals: `auto`, references, constructors (`T v(a)`, `T v{a}`, `T v;`
 * with a default constructor, `T v = a` through a converting constructor).
 * Returns the ND_DECL and its initialisation, or NULL for the C path. */
static cw_node *cxx_local(Parser *P, cw_type *ty, cw_token *name, P_declspec *attr, bool ctor_paren) {
  const char *n = p_tokstr(P, name);
  cw_loc loc = name->loc;
  if (attr->is_extern) return NULL;
  bool is_ref = ty->kind == TY_PTR && ty->is_ref;
  cw_type *T = p_deref_type(ty);
  bool has_init = ctor_paren || p_eq(P->tok, "=") || p_eq(P->tok, "{");
  P_class *cls = p_class_of(T);
  if (!is_ref && !p_is_auto(T) && !(ty->kind == TY_PTR && p_is_auto(ty->base)) && !ctor_paren && !p_has_ctors(cls))
    return NULL;
  cw_node *value = NULL;
  if (p_is_auto(T) || (ty->kind == TY_PTR && p_is_auto(ty->base))) {
    if (!has_init) cw_error(P->d, loc, "declaration of variable '%s' with deduced type 'auto' requires an initializer", n);
    p_consume(P, "=");
    cw_node *e = one_init(P, ctor_paren);
    if (is_ref) {
      cw_type *d = p_qualify(P, e->ty, T->is_const, T->is_volatile, false);
      ty = p_ref_to(P, d);
      value = p_bind_ref(P, e, ty, loc, "initializing");
    } else {
      e = p_rval(P, e);
      if (cw_ty_unqual(e->ty)->kind == TY_VOID) cw_error(P->d, loc, "variable '%s' cannot have type 'void'", n);
      cw_type *d = cw_ty_unqual(e->ty);
      if (ty->kind == TY_PTR) {
        if (d->kind != TY_PTR) cw_error(P->d, loc, "'auto *' deduced from a value of type '%s' that is not a pointer", cw_ty_str(P->a, e->ty));
        d = p_qualify(P, d, ty->is_const, false, ty->is_restrict);
      } else {
        d = p_qualify(P, d, T->is_const, T->is_volatile, false);
      }
      ty = d;
      value = p_copy(P, p_convert_assign(P, e, ty, loc, "initializing"), loc);
    }
  } else if (is_ref) {
    if (!has_init) cw_error(P->d, loc, "declaration of reference variable '%s' requires an initializer", n);
    p_consume(P, "=");
    cw_node *e = one_init(P, ctor_paren);
    value = p_bind_ref(P, e, ty, loc, "initializing");
  } else if (ctor_paren) {
    value = p_construct(P, ty, loc, false);
  } else if (p_eq(P->tok, "{")) {
    value = p_construct(P, ty, loc, true);
  } else if (p_consume(P, "=")) {
    if (p_eq(P->tok, "{")) {
      value = p_construct_list(P, ty, loc); /* T v = {a, b}: copy-list-initialisation */
    } else {
      cw_node *e = p_rval(P, p_assign(P));
      cw_node *u = p_is_class(e->ty) && cw_ty_unqual(e->ty) != cw_ty_unqual(ty) ? p_user_convert(P, e, ty, false) : NULL;
      if (cw_ty_unqual(e->ty) == cw_ty_unqual(ty)) value = p_copy(P, e, loc);
      else value = u ? u : p_ctor_call(P, cw_ty_unqual(ty), &e, 1, loc, P_INIT_COPY);
    }
  } else {
    value = p_ctor_call(P, cw_ty_unqual(ty), NULL, 0, loc, P_INIT_DIRECT);
  }
  cw_obj *v = p_new_local(P, n, ty, loc, CW_STORE_LOCAL);
  cw_node *d = p_new_node(P, ND_DECL, loc);
  d->var = v;
  d->next = init_stmt(P, v, value, loc);
  if (v->ty->size < 0)
    cw_error(P->d, loc, "variable '%s' has incomplete type '%s'", n, cw_ty_str(P->a, v->ty));
  if (cw_ty_is_arith(ty) && ty->is_const) {
    P_val val;
    if (p_try_eval(P, value, &val)) {
      P_constvar *cv = CW_NEW(P->a, P_constvar);
      cv->var = v;
      cv->ival = val.i;
      cv->fval = val.f;
      cv->next = P->constvars;
      P->constvars = cv;
    }
  }
  return d;
}

static bool is_aggregate(cw_type *t) {
  return t->kind == TY_ARRAY || t->kind == TY_STRUCT || t->kind == TY_UNION;
}

/* local-declaration = declspec (declarator ("=" initializer)? ("," ...)*)? ";"
 * Returns the statements (ND_DECL + initialisation) linked through next. */
cw_node *p_local_declaration(Parser *P, cw_type *base, P_declspec *attr) {
  cw_node head = {0}, *cur = &head;
  if (attr->is_static) cw_error(P->d, attr->loc, "static local variables are not supported");
  if (attr->managed) cw_error(P->d, attr->loc, "managed memory (__managed__) is not supported: WebGPU has no memory shared with the host; "
             "use a __device__ variable and cudaMemcpyToSymbol/cudaMemcpyFromSymbol");
  if (attr->constant) cw_error(P->d, attr->loc, "__constant__ variables must be declared at file scope");
  if (attr->global) cw_error(P->d, attr->loc, "'__global__' is not allowed on a local declaration");
  bool first = true;
  while (!p_consume(P, ";")) {
    if (!first && !p_consume(P, ","))
      cw_error(P->d, P->tok->loc, "expected ';' after declaration");
    first = false;
    cw_token *name = NULL, *dt = P->tok;
    P->local_decl = !attr->is_typedef && !attr->shared;
    P->ctor_paren = false;
    cw_type *ty = p_declarator(P, base, &name);
    P->local_decl = false;
    bool ctor_paren = P->ctor_paren;
    P->ctor_paren = false;
    if (!name) cw_error(P->d, dt->loc, "expected identifier in declaration");
    const char *n = p_tokstr(P, name);
    if (!attr->is_typedef && !attr->shared && ty->kind != TY_FUNC &&
        (ctor_paren || p_is_auto(p_deref_type(ty)) || (ty->kind == TY_PTR && p_is_auto(ty->base)) ||
         (ty->kind == TY_PTR && ty->is_ref) || p_is_class(ty))) {
      cw_node *c = cxx_local(P, ty, name, attr, ctor_paren);
      if (c) {
        cur->next = c;
        while (cur->next) cur = cur->next;
        continue;
      }
    }
    if (attr->is_typedef) {
      if (p_find_var_here(P, n)) cw_error(P->d, name->loc, "redefinition of '%s'", n);
      p_push_var(P, n)->type_def = ty;
      continue;
    }
    if (ty->kind == TY_FUNC) cw_error(P->d, name->loc, "local function declarations are not supported");
    if (ty->kind == TY_VOID) cw_error(P->d, name->loc, "variable has incomplete type 'void'");
    if (attr->shared) {
      cw_storage st = attr->is_extern ? CW_STORE_EXTERN_SHARED : CW_STORE_SHARED;
      if (st == CW_STORE_EXTERN_SHARED && (ty->kind != TY_ARRAY || ty->array_len >= 0))
        cw_error(P->d, name->loc, "extern __shared__ variable '%s' must be an unsized array", n);
      if (st == CW_STORE_SHARED && ty->size < 0)
        cw_error(P->d, name->loc, "__shared__ variable '%s' has incomplete type '%s'", n, cw_ty_str(P->a, ty));
      if (p_eq(P->tok, "="))
        cw_error(P->d, P->tok->loc, "initialization is not supported for __shared__ variables");
      p_check_shared_class(P, ty, n, name->loc);
      cw_obj *v = p_new_local(P, n, ty, name->loc, st);
      cw_node *d = p_new_node(P, ND_DECL, name->loc);
      d->var = v;
      cur = cur->next = d;
      continue;
    }
    if (attr->is_extern) cw_error(P->d, name->loc, "extern local variables are not supported");
    cw_obj *v = p_new_local(P, n, ty, name->loc, CW_STORE_LOCAL);
    cw_node *d = p_new_node(P, ND_DECL, name->loc);
    d->var = v;
    cur = cur->next = d;
    if (p_consume(P, "=") || p_eq(P->tok, "{")) {
      cw_node *init = p_local_init(P, v);
      cur->next = init;
      while (cur->next) cur = cur->next;
      if (cw_ty_is_arith(ty) && ty->is_const && init && init->kind == ND_EXPR_STMT &&
          init->lhs->kind == ND_ASSIGN) {
        P_val val;
        if (p_try_eval(P, init->lhs->rhs, &val)) {
          P_constvar *cv = CW_NEW(P->a, P_constvar);
          cv->var = v;
          cv->ival = val.i;
          cv->fval = val.f;
          cv->next = P->constvars;
          P->constvars = cv;
        }
      }
    } else {
      cw_node *c = p_construct_elements(P, v, name->loc);
      if (c) cur = cur->next = c;
    }
    if (v->ty->size < 0)
      cw_error(P->d, name->loc, "variable '%s' has incomplete type '%s'", n, cw_ty_str(P->a, v->ty));
    (void)is_aggregate;
  }
  return head.next;
}
