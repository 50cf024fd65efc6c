/* C++ templates: capture and re-parse.
 *
 * `template<...> DECL` parses the parameter list and records the token range
 * of DECL (a function or a struct/class/union) without parsing it. A use
 * (`Vec<float>`, `reduce<float, 256><<<...>>>`, `maxOf(a, b)`) instantiates the
 * template by re-parsing a copy of those tokens at file level in a fresh scope
 * where each type parameter is a typedef of its argument and each non-type
 * parameter a compile-time constant. Instantiations are cached per (template,
 * arguments), so each is parsed once; each gets a unique identifier for the
 * generated code (function: its cw_obj name; struct: sanitised by lowering)
 * and a display name in C++ spelling ("reduce<float, 256>") for users.
 *
 * Explicit specialisations (`template<> struct Traits<float> {...}`) are
 * parsed once with the template-id replaced by the identifier, and take the
 * place of the instantiation for their arguments. Host code is skipped by the
 * parser, so launches in it (`k<float, 64><<<g, b>>>`) are found by a scan of
 * all tokens at the end of the file (p_tmpl_finish).
 *
 * Member function templates and constructor templates are instantiated with
 * the class scope visible; an instance is declared when its arguments deduce
 * and its body parsed only when overload resolution chooses it. Members
 * declared in a class and defined after it (`template <class T> template
 * <class U> U S<T>::f(U)`, `template <class U> U S::f(U)`, a class template's
 * member function `template <class T> T S<T>::get()`) keep their definition's
 * tokens and parameter names (out_of_class).
 *
 * This file: the templates' state, lookup, tokens, arguments and the uses the
 * rest of the parser calls (template-ids, calls, constructor candidates, and
 * launches in host code at the end of the file). parse_template_inst.c makes
 * the instances and deduces arguments; parse_template_decl.c reads the
 * declarations; tmpl_internal.h is what the three share. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "front/parse.h"
#include "front/tmpl_internal.h"

struct P_tmpl_state *t_state(Parser *P) {
  if (!P->tmpl) {
    P->tmpl = CW_NEW(P->a, struct P_tmpl_state);
    P_scope *s = P->scope;
    while (s->up) s = s->up;
    P->tmpl->root = s;
  }
  return P->tmpl;
}

const char *t_where(Parser *P, cw_loc loc) {
  if (!loc.file) return "?";
  return cw_arena_printf(P->a, "%s:%d", loc.file->name, loc.line);
}

/* ---------------- lookup ---------------- */

/* Templates are entries of the scope that declares them (a namespace's
 * templates are found like its functions: qualified, through using, or from
 * inside it); an ordinary declaration of the same name hides them. */
P_template *t_template_of(P_entry *e) {
  if (!e || !e->tmpl || e->var || e->is_const_val) return NULL;
  if (e->type_def && !e->injected) return NULL;
  return e->tmpl;
}

P_template *t_find_template(Parser *P, const char *name) {
  if (!P->tmpl) return NULL;
  return t_template_of(p_find_var(P, name));
}

/* The template a token names, unless an ordinary declaration hides it. */
P_template *t_named_template(Parser *P, cw_token *t) {
  if (!P->tmpl || !p_is_ident(t)) return NULL;
  return t_find_template(P, p_tokstr(P, t));
}

P_template *p_tmpl_qualified(Parser *P, cw_token *t, cw_token **last) {
  if (!P->tmpl) return NULL;
  P_scope *sc = NULL;
  if (p_eq(t, "::")) {
    sc = P->file_scope;
    t = t->next;
  }
  while (p_is_ident(t) && p_eq(t->next, "::")) {
    sc = p_scope_named(P, sc, t);
    if (!sc) return NULL;
    t = t->next->next;
    if (p_eq(t, "template")) t = t->next; /* S::template make<T>() */
  }
  if (!sc || !p_is_ident(t)) return NULL;
  P_template *T = t_template_of(p_find_in_scope(P, sc, p_tokstr(P, t)));
  if (T) *last = t;
  return T;
}

bool p_tmpl_is_struct(const P_template *T) { return T && T->is_struct; }

P_template *p_tmpl_qualifier(Parser *P, P_scope *sc, cw_token *t) {
  if (!P->tmpl || !p_is_ident(t) || !p_eq(t->next, "<")) return NULL;
  P_template *S = t_template_of(sc ? p_find_in_scope(P, sc, p_tokstr(P, t)) : p_find_var(P, p_tokstr(P, t)));
  if (!S || !S->is_struct) return NULL;
  cw_token *e = t_skip_angles(t->next);
  return e && p_eq(e, "::") ? S : NULL;
}

const char *p_tmpl_injected_name(Parser *P, cw_type *ty) {
  return P->tmpl && ty && P->tmpl->inj_ty == ty ? P->tmpl->inj_name : NULL;
}

bool p_tmpl_is_type_template(Parser *P, cw_token *t) {
  P_template *T = t_named_template(P, t);
  return T && T->is_struct && p_eq(t->next, "<");
}

bool p_tmpl_stops_at(Parser *P, cw_token *t) {
  return P->tmpl && P->tmpl->no_gt > 0 && (p_eq(t, ">") || p_eq(t, ">>"));
}

/* ---------------- tokens ---------------- */

/* An EOF token in like's place, to end a copied list: a re-parse stops there,
 * and a message about the end of the declaration points at like. */
cw_token *t_eof_like(Parser *P, cw_token *like) {
  cw_token *eof = CW_NEW(P->a, cw_token);
  *eof = *like;
  eof->kind = CW_TK_EOF;
  eof->text = "";
  eof->len = 0;
  eof->next = NULL;
  return eof;
}

/* Copies n tokens from `from` into a fresh list ending in an EOF token (so a
 * re-parse stops at the end of the declaration). */
cw_token *t_copy_tokens(Parser *P, cw_token *from, int n) {
  cw_token head = {0}, *cur = &head;
  cw_token *last = from;
  for (int i = 0; i < n && from->kind != CW_TK_EOF; i++, from = from->next) {
    cw_token *c = CW_NEW(P->a, cw_token);
    *c = *from;
    cur = cur->next = c;
    last = from;
  }
  cur->next = t_eof_like(P, last);
  return head.next;
}

/* Skips from '<' to after its matching '>' by counting (no parsing); returns
 * the token after it, or NULL when unbalanced before a ';', '{' or EOF. */
cw_token *t_skip_angles(cw_token *t) {
  int angle = 0, paren = 0;
  for (; t->kind != CW_TK_EOF; t = t->next) {
    if (p_eq(t, "(") || p_eq(t, "[")) paren++;
    else if (p_eq(t, ")") || p_eq(t, "]")) { if (--paren < 0) return NULL; }
    else if (paren == 0 && p_eq(t, "<")) angle++;
    else if (paren == 0 && p_eq(t, ">")) { if (--angle == 0) return t->next; }
    else if (paren == 0 && p_eq(t, ">>")) {
      angle -= 2;
      if (angle <= 0) return angle == 0 ? t->next : NULL;
    } else if (p_eq(t, ";") || p_eq(t, "{") || p_eq(t, "}")) return NULL;
  }
  return NULL;
}

/* ---------------- arguments ---------------- */

bool t_same_type(cw_type *a, cw_type *b) {
  for (;;) {
    if (a == b) return true;
    if (!a || !b) return false;
    if (a->is_const != b->is_const || a->is_volatile != b->is_volatile) return false;
    cw_type *ua = cw_ty_unqual(a), *ub = cw_ty_unqual(b);
    if (ua == ub) return true;
    if (ua->kind != ub->kind) return false;
    if (ua->kind == TY_PTR) { a = ua->base; b = ub->base; continue; }
    if (ua->kind == TY_ARRAY) {
      if (ua->array_len != ub->array_len) return false;
      a = ua->base; b = ub->base; continue;
    }
    return ua->kind <= TY_DOUBLE; /* scalars are singletons; distinct structs differ */
  }
}

bool t_same_args(P_template *T, const T_arg *a, const T_arg *b) {
  for (int i = 0; i < T->nparams; i++) {
    if (T->params[i].is_type ? !t_same_type(a[i].ty, b[i].ty) : a[i].ival != b[i].ival) return false;
  }
  return true;
}

const char *t_type_display(Parser *P, cw_type *t) {
  cw_type *u = cw_ty_unqual(t);
  if ((u->kind == TY_STRUCT || u->kind == TY_UNION) && u->name && strchr(u->name, '<'))
    return cw_arena_printf(P->a, "%s%s", t->is_const ? "const " : "", u->name); /* Vec<float> */
  /* C++ spelling: no elaborated "struct " / "union " / "enum " */
  const char *c = cw_ty_str(P->a, t);
  char *o = cw_arena_alloc(P->a, strlen(c) + 1), *q = o;
  static const char *kw[] = {"struct ", "union ", "enum "};
  while (*c) {
    bool skipped = false;
    for (int k = 0; k < 3 && !skipped; k++)
      if (!strncmp(c, kw[k], strlen(kw[k]))) {
        c += strlen(kw[k]);
        skipped = true;
      }
    if (!skipped) *q++ = *c++;
  }
  *q = 0;
  return o;
}

const char *t_value_display(Parser *P, T_param *pp, int64_t v) {
  cw_type *t = cw_ty_unqual(pp->vty);
  if (t->kind == TY_BOOL) return v ? "true" : "false";
  if (t->is_unsigned) return cw_arena_printf(P->a, "%llu", (unsigned long long)v);
  return cw_arena_printf(P->a, "%lld", (long long)v);
}

/* "Cls::" of a member template, from the class's name now (an explicit
 * specialisation is named "Tile<0>" only once it is parsed) */
const char *t_qual_of(Parser *P, P_template *T) {
  return T->cls && T->cls->name ? cw_arena_printf(P->a, "%s::", T->cls->name) : T->qual;
}

const char *t_display_name(Parser *P, P_template *T, T_arg *args) {
  const char *s = cw_arena_printf(P->a, "%s%s<", T->qual ? t_qual_of(P, T) : "", T->name);
  for (int i = 0; i < T->nparams; i++) {
    const char *a = T->params[i].is_type ? t_type_display(P, args[i].ty)
                                         : t_value_display(P, &T->params[i], args[i].ival);
    s = cw_arena_printf(P->a, "%s%s%s", s, i ? ", " : "", a);
  }
  size_t n = strlen(s);
  return cw_arena_printf(P->a, "%s%s>", s, n && s[n - 1] == '>' ? " " : "");
}

/* A valid identifier in C and WGSL: "reduce_float_256", made unique. */
const char *t_mangle(Parser *P, const char *display) {
  size_t n = strlen(display);
  char *buf = cw_arena_alloc(P->a, 2 * n + 16);
  size_t k = 0;
  bool sep = false;
  for (size_t i = 0; i < n; i++) {
    char c = display[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      if (sep && k && buf[k - 1] != '_') buf[k++] = '_';
      sep = false;
      buf[k++] = c;
    } else if (c == '*') {
      if (k && buf[k - 1] != '_') buf[k++] = '_';
      buf[k++] = 'p';
      sep = true;
    } else if (c == '-') {
      if (k && buf[k - 1] != '_') buf[k++] = '_';
      buf[k++] = 'm';
    } else {
      sep = true;
    }
  }
  while (k && buf[k - 1] == '_') k--;
  buf[k] = 0;
  const char *name = buf;
  struct P_tmpl_state *st = t_state(P);
  for (int i = 2;; i++) {
    P_scope *saved = P->scope;
    P->scope = st->root;
    bool clash = p_find_var_here(P, name) != NULL;
    P->scope = saved;
    for (P_template *T = st->list; T && !clash; T = T->next) {
      if (!strcmp(T->name, name)) clash = true;
      for (T_inst *I = T->insts; I && !clash; I = I->next)
        if (!strcmp(I->ident, name)) clash = true;
    }
    if (!clash) return name;
    name = cw_arena_printf(P->a, "%s_%d", buf, i);
  }
}

static bool starts_type(Parser *P, cw_token *t) {
  static const char *kw[] = {"void", "bool", "_Bool", "char", "short", "int", "long", "signed",
                             "unsigned", "float", "double", "struct", "union", "enum", "const",
                             "volatile", "typename", NULL};
  for (int i = 0; kw[i]; i++)
    if (p_eq(t, kw[i])) return true;
  return p_is_typename(P, t) || p_tmpl_is_type_template(P, t);
}

int64_t t_convert_value(cw_type *to, P_val v) {
  cw_type *t = cw_ty_unqual(to);
  int64_t i = v.i;
  if (t->kind == TY_BOOL) return i != 0;
  switch (t->size) {
  case 1: return t->is_unsigned ? (int64_t)(uint8_t)i : (int64_t)(int8_t)i;
  case 2: return t->is_unsigned ? (int64_t)(uint16_t)i : (int64_t)(int16_t)i;
  case 4: return t->is_unsigned ? (int64_t)(uint32_t)i : (int64_t)(int32_t)i;
  default: return i;
  }
}

void t_parse_one_arg(Parser *P, P_template *T, int i, T_arg *out) {
  T_param *pp = &T->params[i];
  cw_token *at = P->tok;
  const char *pname = pp->name ? pp->name : "<unnamed>";
  if (pp->is_type) {
    if (!starts_type(P, at))
      cw_error(P->d, at->loc, "template argument for type parameter '%s' of '%s' must be a type "
               "(template declared at %s)", pname, T->name, t_where(P, T->loc));
    out->is_type = true;
    out->ty = p_typename(P);
    if (out->ty->kind == TY_FUNC)
      cw_error(P->d, at->loc, "function types are not supported as template arguments");
    return;
  }
  if (starts_type(P, at) && !p_eq(at->next, "("))
    cw_error(P->d, at->loc, "template argument for non-type parameter '%s' of '%s' must be a constant "
             "expression, not a type (template declared at %s)", pname, T->name, t_where(P, T->loc));
  struct P_tmpl_state *st = t_state(P);
  st->no_gt++;
  cw_node *e = p_conditional(P);
  st->no_gt--;
  P_val v;
  if (!cw_ty_is_integer(e->ty) || !p_try_eval(P, e, &v) || v.is_float)
    cw_error(P->d, at->loc, "template argument for non-type parameter '%s' of '%s' is not an integer "
             "constant expression", pname, T->name);
  out->is_type = false;
  out->ival = t_convert_value(pp->vty, v);
}

/* Consumes the '>' closing an argument list; a '>>' is split in two (A<B<int>>). */
static void close_angle(Parser *P, P_template *T) {
  if (p_consume(P, ">")) return;
  if (p_eq(P->tok, ">>")) {
    cw_token *gt = CW_NEW(P->a, cw_token);
    *gt = *P->tok;
    gt->text = P->tok->text + 1;
    gt->len = 1;
    gt->loc.col++;
    gt->loc.offset++;
    P->tok = gt;
    return;
  }
  cw_error(P->d, P->tok->loc, "expected '>' to close the template argument list of '%s'", T->name);
}

/* Parses "<" args ">" (P->tok at '<'); sets have[i] for the arguments given. */
static void parse_args(Parser *P, P_template *T, T_arg *args, bool *have) {
  cw_token *lt = P->tok;
  p_next(P);
  int n = 0;
  if (!p_eq(P->tok, ">") && !p_eq(P->tok, ">>")) {
    for (;;) {
      if (n >= T->nparams)
        cw_error(P->d, P->tok->loc, "too many template arguments for '%s' (expected %s%d; template declared at %s)",
                 T->name, T->nparams && T->params[T->nparams - 1].def ? "at most " : "", T->nparams,
                 t_where(P, T->loc));
      if (P->tok->kind == CW_TK_EOF) cw_error(P->d, lt->loc, "unterminated template argument list");
      t_parse_one_arg(P, T, n, &args[n]);
      have[n++] = true;
      if (!p_consume(P, ",")) break;
    }
  }
  close_angle(P, T);
}

/* Parses "<" args ">" (P->tok at '<') into args (cleared first) and fills
 * the defaults of the parameters not given. Returns the first parameter left
 * with neither, or -1. */
int t_args_with_defaults(Parser *P, P_template *T, T_arg *args) {
  bool have[TMPL_MAX_PARAMS] = {0};
  memset(args, 0, sizeof *args * TMPL_MAX_PARAMS);
  parse_args(P, T, args, have);
  return t_fill_defaults(P, T, args, have);
}

/* ---------------- uses ---------------- */

cw_type *p_tmpl_type_id(Parser *P) { return p_tmpl_type_of(P, t_named_template(P, P->tok)); }

cw_type *p_tmpl_type_of(Parser *P, P_template *T) {
  cw_token *t = P->tok;
  if (!T || !T->is_struct) cw_error(P->d, t->loc, "expected a class template name");
  p_next(P);
  T_arg args[TMPL_MAX_PARAMS];
  int miss = t_args_with_defaults(P, T, args);
  if (miss >= 0)
    cw_error(P->d, t->loc, "too few template arguments for '%s' (expected %d; template declared at %s)", T->name,
             T->nparams, t_where(P, T->loc));
  return t_instantiate(P, T, args, t->loc)->ty;
}

cw_obj *p_tmpl_call_target(Parser *P) {
  P_template *T = t_named_template(P, P->tok);
  return T ? p_tmpl_call_of(P, T) : NULL;
}

/* Explicit arguments, deduction and defaults of a call of function template
 * T (P->tok at its name; left at the call's '('). */
static void call_args_of(Parser *P, P_template *T, T_arg *args) {
  cw_token *t = P->tok;
  if (T->is_struct)
    cw_error(P->d, t->loc, "use of class template '%s' requires template arguments%s", T->name,
             p_eq(t->next, "(") || p_eq(t->next, "{") || p_is_ident(t->next)
                 ? cw_arena_printf(P->a, ": class template argument deduction (C++17) is not supported; write "
                                   "them, e.g. '%s<float>'", T->name)
                 : "");
  if (!p_eq(t->next, "<") && !p_eq(t->next, "("))
    cw_error(P->d, t->loc, "function template '%s' can only be called (function pointers are not supported)", T->name);
  p_next(P);
  bool have[TMPL_MAX_PARAMS] = {0}, expl[TMPL_MAX_PARAMS] = {0};
  memset(args, 0, sizeof *args * TMPL_MAX_PARAMS);
  if (p_eq(P->tok, "<")) {
    parse_args(P, T, args, have);
    memcpy(expl, have, sizeof have);
  }
  if (p_eq(P->tok, "<<<") || (p_eq(P->tok, "<<") && p_eq(P->tok->next, "<")))
    cw_error(P->d, P->tok->loc, "dynamic parallelism (kernel launch from device code) is not supported");
  if (!p_eq(P->tok, "(")) cw_error(P->d, P->tok->loc, "expected '(' after '%s<...>'", T->name);
  bool all = true;
  for (int i = 0; i < T->nparams; i++) all = all && have[i];
  t_member_defined(P, T, t->loc);
  if (!all) t_deduce(P, T, args, have, expl, t->loc);
  for (int i = 0; i < T->nparams; i++)
    if (!have[i] && !T->params[i].def)
      cw_error(P->d, t->loc, "cannot deduce template parameter '%s' of '%s%s' (template declared at %s); "
               "give it explicitly: %s<...>(...)", T->params[i].name ? T->params[i].name : "<unnamed>",
               T->qual ? t_qual_of(P, T) : "", T->name, t_where(P, T->loc), T->name);
  t_fill_defaults(P, T, args, have);
}

cw_obj *p_tmpl_call_of(Parser *P, P_template *T) {
  cw_loc use = P->tok->loc;
  T_arg args[TMPL_MAX_PARAMS];
  call_args_of(P, T, args);
  return t_instantiate(P, T, args, use)->fn;
}

/* Runs fn(P, ctx) with its errors quiet (a deduction or an argument list
 * that may fail, as SFINAE would have it): false, nothing reported and the
 * parser as it was, when it reported an error; else fn's result, the parser
 * as fn left it. */
static bool quietly(Parser *P, bool (*fn)(Parser *P, void *ctx), void *ctx) {
  int count = P->d->count, nerrors = P->d->nerrors;
  jmp_buf jb, *outer = P->d->on_error;
  T_save sv;
  sv.saved = *P; /* a failure may leave the parser mid-expression */
  P->d->on_error = &jb;
  if (setjmp(jb)) {
    P->d->on_error = outer;
    P->d->count = count;
    P->d->nerrors = nerrors;
    t_leave_file_level(P, &sv);
    return false;
  }
  bool ok = fn(P, ctx);
  P->d->on_error = outer;
  return ok;
}

typedef struct {
  P_template *T;
  T_arg *args;
  cw_type **atys; /* deduce_ctor: the constructor's argument types */
  int nargs;
  cw_loc loc;
  cw_token *lt;   /* host_args: the '<' */
} T_try;

static bool try_call_args(Parser *P, void *ctx) {
  T_try *t = ctx;
  call_args_of(P, t->T, t->args);
  return true;
}

/* As p_tmpl_call_of, but a deduction failure (no explicit arguments given)
 * is no error: NULL, P->tok back at the name, nothing reported. Only the
 * deduction is quiet; errors in the instance's body are reported. */
cw_obj *p_tmpl_try_call_of(Parser *P, P_template *T) {
  cw_token *name = P->tok;
  T_arg args[TMPL_MAX_PARAMS];
  T_try t = {T, args, NULL, 0, name->loc, NULL};
  if (!quietly(P, try_call_args, &t)) {
    P->tok = name;
    return NULL;
  }
  return t_instantiate(P, T, args, name->loc)->fn;
}

static bool deduce_ctor(Parser *P, void *ctx) {
  T_try *t = ctx;
  bool have[TMPL_MAX_PARAMS] = {0}, expl[TMPL_MAX_PARAMS] = {0};
  memset(t->args, 0, sizeof *t->args * TMPL_MAX_PARAMS);
  t_deduce_types(P, t->T, t->atys, t->nargs, t->args, have, expl, t->loc);
  for (int i = 0; i < t->T->nparams; i++)
    if (!have[i] && !t->T->params[i].def) return false;
  return t_fill_defaults(P, t->T, t->args, have) < 0;
}

P_fnlist *p_tmpl_ctor_candidates(Parser *P, cw_type *cls, cw_node **argv, int nargs, cw_loc loc) {
  P_class *c = p_class_of(cls);
  if (!c || !c->ctor_tmpls) return NULL;
  P_fnlist head = {0}, *cur = &head;
  cw_type *atys[256];
  for (int i = 0; i < nargs && i < 256; i++) atys[i] = p_rval(P, argv[i])->ty;
  for (P_tmpl_ref *r = c->ctor_tmpls; r; r = r->next) {
    T_arg args[TMPL_MAX_PARAMS];
    T_try t = {r->t, args, atys, nargs, loc, NULL};
    if (!quietly(P, deduce_ctor, &t)) continue; /* a template that does not deduce is no candidate */
    cw_obj *f = t_instantiate(P, r->t, args, loc)->fn;
    /* never a copy constructor: an instance whose first parameter is the
     * class itself (by value) is not a candidate ([class.copy.ctor]) */
    cw_type *p0 = f->ty->params;
    P_fninfo *fi = f->fe_info;
    bool rest_defaulted = true;
    int k = 1;
    for (cw_type *q = p0 ? p0->next : NULL; q; q = q->next, k++)
      rest_defaulted = rest_defaulted && fi->defaults && k < fi->ndecl && fi->defaults[k];
    if (p0 && cw_ty_unqual(p0) == cw_ty_unqual(cls) && rest_defaulted) continue;
    cur = cur->next = CW_NEW(P->a, P_fnlist);
    cur->fn = f;
  }
  return head.next;
}

/* The member function template `name` of class cls, or NULL. */
P_template *p_tmpl_member(Parser *P, cw_type *cls, const char *name) {
  P_class *c = p_class_of(cls);
  if (!c || !P->tmpl) return NULL;
  for (P_entry *e = c->scope->vars; e; e = e->next)
    if (!strcmp(e->name, name)) return e->tmpl;
  return NULL;
}

/* ---------------- end of file: launches in host code ---------------- */

/* Parses the arguments at lt ('<') at file level; false (nothing reported)
 * when they do not parse, e.g. they name host locals. */
static bool host_args(Parser *P, void *ctx) {
  T_try *t = ctx;
  P->tok = t->lt;
  return t_args_with_defaults(P, t->T, t->args) < 0;
}

static bool try_host_args(Parser *P, P_template *T, cw_token *lt, T_arg *args) {
  T_try t = {T, args, NULL, 0, lt->loc, lt};
  T_save sv;
  sv.saved = *P;
  bool ok = quietly(P, host_args, &t);
  t_leave_file_level(P, &sv);
  return ok;
}

void p_tmpl_finish(Parser *P, cw_token *all) {
  if (!P->tmpl) return;
  /* member functions of class template instances defined outside the class
   * after their first use */
  for (P_template *S = P->tmpl->list; S; S = S->next)
    for (T_outdef *d = S->outdefs; d; d = d->next)
      for (T_inst *I = d->is_tmpl ? NULL : S->insts; I; I = I->next)
        for (P_fnlist *l = I->ty ? p_class_methods(P, I->ty, d->name) : NULL; l; l = l->next)
          if (!l->fn->body) p_tmpl_outdef_body(P, l->fn, d->loc);
  for (cw_token *t = all; t && t->kind != CW_TK_EOF; t = t->next) {
    if (!p_is_ident(t) || !p_eq(t->next, "<")) continue;
    P_template *T = t_find_template(P, p_tokstr(P, t));
    if (!T || !T->is_kernel || !T->nbody) continue;
    if (!t_skip_angles(t->next)) continue;
    T_arg args[TMPL_MAX_PARAMS];
    if (try_host_args(P, T, t->next, args)) t_instantiate(P, T, args, t->loc);
  }
}
