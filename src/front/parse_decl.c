/* Declarations: specifiers, declarators, struct/union/enum, local variables. */
#include <string.h>

#include "front/parse.h"

void p_push_tag(Parser *P, const char *name, cw_type *ty);
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
    if (p_eq(t, "public") || p_eq(t, "private") || p_eq(t, "protected"))
      cw_error(P->d, t->loc, "access specifiers are not supported yet");
    if (p_eq(t, "template")) cw_error(P->d, t->loc, "templates are not supported yet");
    if (p_eq(t, ";")) { p_next(P); continue; }
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    if (attr.is_static) cw_error(P->d, attr.loc, "static data members are not supported yet");
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
    while (!p_consume(P, ";")) {
      if (!first) p_expect(P, ",", "after member declarator");
      first = false;
      cw_token *name = NULL;
      cw_token *dt = P->tok;
      cw_type *mty = p_declarator(P, base, &name);
      if (p_eq(P->tok, ":")) cw_error(P->d, P->tok->loc, "bit-fields are not supported");
      if (mty->kind == TY_FUNC) cw_error(P->d, dt->loc, "member functions are not supported yet");
      if (!name) cw_error(P->d, dt->loc, "expected member name");
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
    }
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
  if (p_eq(P->tok, ":")) cw_error(P->d, P->tok->loc, "inheritance is not supported yet");
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
  struct_members(P, t);
  p_leave(P);
  p_struct_layout(P, t, kind == TY_UNION);
  if (explicit_align > t->align) {
    t->align = explicit_align;
    t->size = align_to(t->size, explicit_align);
  }
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
    else if (p_eq(t, "auto")) cw_error(P->d, t->loc, "'auto' type deduction is not supported yet");
    else if (p_eq(t, "decltype")) cw_error(P->d, t->loc, "decltype is not supported yet");
    else if (p_eq(t, "class")) cw_error(P->d, t->loc, "classes are not supported yet");
    else if (p_eq(t, "virtual") || p_eq(t, "explicit") || p_eq(t, "friend"))
      cw_error(P->d, t->loc, "classes are not supported yet");
    else if (p_eq(t, "texture") || p_eq(t, "surface"))
      p_unknown_type(P, t); /* the precise texture/surface reference message */
    else if (p_eq(t, "struct") || p_eq(t, "union") || p_eq(t, "enum")) {
      if (counter) cw_error(P->d, t->loc, "cannot combine with previous type specifier");
      ty = p_eq(t, "enum") ? enum_specifier(P)
                           : struct_union_decl(P, p_eq(t, "struct") ? TY_STRUCT : TY_UNION);
      counter += K_OTHER;
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

/* param-list = "(" ("void" | param ("," param)* ("," "...")?)? ")" */
static cw_type *func_params(Parser *P, cw_type *ret) {
  cw_type *fn = p_func_type(P, ret);
  cw_type head = {0}, *cur = &head;
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
    if (p_eq(P->tok, "=")) {
      if (!P->host_params) cw_error(P->d, P->tok->loc, "default arguments are not supported yet");
      int depth = 0;
      while (P->tok->kind != CW_TK_EOF && !(depth == 0 && (p_eq(P->tok, ",") || p_eq(P->tok, ")")))) {
        if (p_eq(P->tok, "(")) depth++;
        if (p_eq(P->tok, ")")) depth--;
        p_next(P);
      }
    }
    cw_type *c = p_copy_type(P, ty);
    c->name = name ? p_tokstr(P, name) : NULL;
    c->loc = name ? name->loc : pt->loc;
    cur = cur->next = c;
  }
done:
  fn->params = head.next;
  /* trailing qualifiers of member functions do not apply here */
  return fn;
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
      if (!p_eq(t, "*") && !P->host_params) cw_error(P->d, t->loc, "references are not supported yet");
      p_next(P);
      ty = cw_ty_pointer_to(P->a, ty);
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
  if (p_eq(P->tok, "::")) cw_error(P->d, P->tok->loc, "qualified names ('::') are not supported yet");
  if (p_eq(P->tok, "(") && !(p_is_typename(P, P->tok->next) || p_eq(P->tok->next, ")") ||
                             p_eq(P->tok->next, "void") || p_eq(P->tok->next, "const"))) {
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
    if (p_eq(P->tok, "::")) cw_error(P->d, P->tok->loc, "qualified names ('::') are not supported yet");
  } else if (p_eq(P->tok, "operator")) {
    cw_error(P->d, P->tok->loc, "operator overloading is not supported yet");
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
    cw_type *ty = p_declarator(P, base, &name);
    if (!name) cw_error(P->d, dt->loc, "expected identifier in declaration");
    const char *n = p_tokstr(P, name);
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
    } else if (p_eq(P->tok, "(")) {
      cw_error(P->d, P->tok->loc, "constructor-style initialization is not supported yet; use '='");
    }
    if (v->ty->size < 0)
      cw_error(P->d, name->loc, "variable '%s' has incomplete type '%s'", n, cw_ty_str(P->a, v->ty));
    (void)is_aggregate;
  }
  return head.next;
}
