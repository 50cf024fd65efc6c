/* C++ templates: declarations (the scheme is told at the top of
 * parse_template.c).
 *
 * `template<...> DECL` reads the parameter list and records DECL's tokens;
 * `template<>` (an explicit specialisation) and `template NAME<...>` (an
 * explicit instantiation) instantiate at once; a declared name qualified by
 * its class or namespace is the definition of a member declared before
 * (out_of_class); `template` inside a class body declares a member function
 * or constructor template. */
#include <string.h>

#include "front/parse.h"
#include "front/tmpl_internal.h"

static bool is_open(cw_token *t) { return p_eq(t, "(") || p_eq(t, "[") || p_eq(t, "{"); }
static bool is_close(cw_token *t) { return p_eq(t, ")") || p_eq(t, "]") || p_eq(t, "}"); }

/* Number of tokens of the declaration starting at t: through its ';' or
 * through the '}' closing its body (and a ';' after a struct body). */
static int decl_length(Parser *P, cw_token *t, cw_loc at) {
  int n = 0, depth = 0;
  for (;; t = t->next, n++) {
    if (t->kind == CW_TK_EOF) cw_error(P->d, at, "unexpected end of file in template declaration");
    if (is_open(t)) depth++;
    else if (is_close(t)) {
      if (--depth < 0) cw_error(P->d, t->loc, "extraneous closing '%s' in template declaration", p_tokstr(P, t));
      if (depth == 0 && p_eq(t, "}")) {
        if (p_eq(t->next, ";")) return n + 2;
        return n + 1;
      }
    } else if (depth == 0 && p_eq(t, ";")) {
      return n + 1;
    }
  }
}

/* The declaration of n tokens at t has a body (is a definition). */
static bool defines(cw_token *t, int n) {
  for (int i = 0; i < n; i++, t = t->next)
    if (p_eq(t, "{")) return true;
  return false;
}

/* ---------------- declarations ---------------- */

static void parse_params(Parser *P, P_template *T) {
  T_param buf[TMPL_MAX_PARAMS];
  int n = 0;
  if (!p_consume(P, ">")) {
    for (;;) {
      cw_token *t = P->tok;
      if (n >= TMPL_MAX_PARAMS) cw_error(P->d, t->loc, "too many template parameters (at most %d)", TMPL_MAX_PARAMS);
      T_param *pp = &buf[n++];
      memset(pp, 0, sizeof *pp);
      pp->loc = t->loc;
      if (p_eq(t, "template"))
        cw_error(P->d, t->loc, "template template parameters are not supported");
      if (p_eq(t, "class") || p_eq(t, "typename")) {
        p_next(P);
        if (p_eq(P->tok, "..."))
          cw_error(P->d, P->tok->loc, "variadic templates are not supported");
        pp->is_type = true;
        if (p_is_ident(P->tok)) {
          pp->name = p_tokstr(P, P->tok);
          pp->loc = P->tok->loc;
          p_next(P);
        }
      } else {
        P_declspec attr;
        cw_type *base = p_declspec(P, &attr);
        cw_token *name = NULL;
        if (p_eq(P->tok, "...")) cw_error(P->d, P->tok->loc, "variadic templates are not supported");
        cw_type *ty = p_declarator(P, base, &name);
        if (!cw_ty_is_integer(ty))
          cw_error(P->d, t->loc, "non-type template parameter of type '%s' is not supported (use an integer, "
                   "bool or enum type)", cw_ty_str(P->a, ty));
        pp->vty = ty;
        if (name) {
          pp->name = p_tokstr(P, name);
          pp->loc = name->loc;
        }
      }
      for (int i = 0; i < n - 1; i++)
        if (pp->name && buf[i].name && !strcmp(buf[i].name, pp->name))
          cw_error(P->d, pp->loc, "redeclaration of template parameter '%s'", pp->name);
      if (p_consume(P, "=")) {
        /* default: recorded as tokens, parsed when needed (may use earlier parameters) */
        pp->def = P->tok;
        int depth = 0, angle = 0;
        while (P->tok->kind != CW_TK_EOF) {
          cw_token *d = P->tok;
          if (depth == 0 && angle == 0 && (p_eq(d, ",") || p_eq(d, ">") || p_eq(d, ">>"))) break;
          if (p_eq(d, "(") || p_eq(d, "[")) depth++;
          else if (p_eq(d, ")") || p_eq(d, "]")) depth--;
          else if (depth == 0 && p_eq(d, "<")) angle++;
          else if (depth == 0 && p_eq(d, ">")) angle--;
          else if (depth == 0 && p_eq(d, ">>")) angle -= 2;
          else if (p_eq(d, ";") || p_eq(d, "{")) break;
          pp->ndef++;
          p_next(P);
        }
        if (!pp->ndef) cw_error(P->d, P->tok->loc, "expected a default template argument after '='");
      }
      if (p_consume(P, ",")) continue;
      p_expect(P, ">", "to close the template parameter list");
      break;
    }
  }
  T->nparams = n;
  T->params = CW_NEW_ARRAY(P->a, T_param, n ? n : 1);
  memcpy(T->params, buf, sizeof *buf * (size_t)n);
}

static bool is_attr_word(cw_token *t) {
  return p_eq(t, "__launch_bounds__") || p_eq(t, "__attribute__") || p_eq(t, "__align__") ||
         p_eq(t, "alignas") || p_eq(t, "__declspec") || p_eq(t, "_Alignas");
}

/* Kind and name of the declaration [body, body+n): struct/class/union
 * templates name the tag; function templates the identifier before the '('
 * of the parameter list (index stored in *name_idx). */
static cw_token *decl_name(Parser *P, cw_token *body, int n, bool *is_struct, bool *is_kernel, int *name_idx) {
  *is_struct = false;
  *is_kernel = false;
  cw_token *t = body;
  int i = 0;
  while (i < n && (p_eq(t, "__device__") || p_eq(t, "__host__") || p_eq(t, "__align__") ||
                   p_eq(t, "alignas") || p_eq(t, "__attribute__"))) {
    if (p_eq(t->next, "(")) { /* skip attribute arguments */
      int depth = 0;
      do {
        if (p_eq(t, "(")) depth++;
        else if (p_eq(t, ")")) depth--;
        t = t->next;
        i++;
      } while (i < n && depth > 0);
      continue;
    }
    t = t->next;
    i++;
  }
  if (p_eq(t, "struct") || p_eq(t, "class") || p_eq(t, "union")) {
    cw_token *u = t->next;
    while (is_attr_word(u)) {
      u = u->next;
      if (p_eq(u, "(")) {
        int depth = 0;
        do {
          if (p_eq(u, "(")) depth++;
          else if (p_eq(u, ")")) depth--;
          u = u->next;
        } while (depth > 0 && u->kind != CW_TK_EOF);
      }
    }
    if (p_is_ident(u) && !(p_eq(u->next, "*") || p_is_ident(u->next))) {
      *is_struct = true;
      return u;
    }
  }
  int depth = 0;
  t = body;
  for (i = 0; i < n; i++, t = t->next) {
    if (p_eq(t, "__global__")) *is_kernel = true;
    if (p_eq(t, "(") || p_eq(t, "[")) depth++;
    else if (p_eq(t, ")") || p_eq(t, "]")) depth--;
    else if (p_eq(t, "{") || p_eq(t, ";") || p_eq(t, "=")) break;
    else if (depth == 0 && p_is_ident(t) && !is_attr_word(t) && p_eq(t->next, "(")) {
      *name_idx = i;
      return t;
    } else if (depth == 0 && p_eq(t, "operator")) {
      cw_error(P->d, t->loc, "operator templates are not supported yet");
    }
  }
  return NULL;
}

static void explicit_instantiation(Parser *P, cw_token *kw) {
  /* template [__global__ ...] NAME<ARGS>(...);  |  template struct NAME<ARGS>; */
  cw_token *t = P->tok;
  P_template *T = NULL;
  int depth = 0;
  for (; t->kind != CW_TK_EOF && !(depth == 0 && p_eq(t, ";")); t = t->next) {
    if (p_eq(t, "(")) depth++;
    else if (p_eq(t, ")")) depth--;
    else if (depth == 0 && !T && p_eq(t->next, "<") && (T = t_named_template(P, t))) break;
    else if (p_eq(t, "{")) break;
  }
  if (!T) cw_error(P->d, kw->loc, "explicit instantiation must name a template followed by its arguments");
  P->tok = t->next;
  T_arg args[TMPL_MAX_PARAMS];
  int miss = t_args_with_defaults(P, T, args);
  if (miss >= 0)
    cw_error(P->d, t->loc, "explicit instantiation of '%s' needs template parameter '%s' (give every argument "
             "that has no default)", T->name, T->params[miss].name ? T->params[miss].name : "<unnamed>");
  t_instantiate(P, T, args, t->loc);
  /* the rest (the parameter list of a function) is the declaration's signature */
  depth = 0;
  while (P->tok->kind != CW_TK_EOF && !(depth == 0 && p_eq(P->tok, ";"))) {
    if (is_open(P->tok)) depth++;
    else if (is_close(P->tok)) depth--;
    p_next(P);
  }
  p_expect(P, ";", "after explicit instantiation");
}

static void explicit_specialisation(Parser *P, cw_token *kw) {
  cw_token *start = P->tok;
  int n = decl_length(P, start, kw->loc);
  /* find NAME '<' where NAME is a template, at depth 0 */
  /* the declared name: after struct/class/union, or (a function) followed
   * by its parameter list; `Bounds<float> bounds<float>()` is the second */
  cw_token *t = start, *name = NULL, *prev = NULL;
  int idx = 0;
  for (; idx < n; idx++, prev = t, t = t->next) {
    if (p_eq(t, "(") || p_eq(t, "{") || p_eq(t, ";")) break;
    if (p_eq(t->next, "<") && t_named_template(P, t)) {
      cw_token *end = t_skip_angles(t->next);
      if ((prev && (p_eq(prev, "struct") || p_eq(prev, "class") || p_eq(prev, "union"))) ||
          (end && p_eq(end, "("))) {
        name = t;
        break;
      }
    }
  }
  if (!name) cw_error(P->d, kw->loc, "explicit specialization ('template<>') must name a template with its arguments, "
                      "e.g. 'template<> struct Traits<float> {...}'");
  P_template *T = t_named_template(P, name);
  P->tok = name->next;
  T_arg args[TMPL_MAX_PARAMS];
  int miss = t_args_with_defaults(P, T, args);
  if (miss >= 0)
    cw_error(P->d, name->loc, "explicit specialization of '%s' must give template parameter '%s'", T->name,
             T->params[miss].name ? T->params[miss].name : "<unnamed>");
  cw_token *after = P->tok; /* first token after the argument list */
  T_inst *old = t_find_inst(T, args);
  if (old && old->explicit_spec)
    cw_error(P->d, name->loc, "redefinition of explicit specialization '%s'", old->display);
  if (old)
    cw_error(P->d, name->loc, "explicit specialization of '%s' after its instantiation", old->display);
  T_inst *I = t_new_inst(P, T, args);
  I->explicit_spec = true;
  /* the tokens with NAME<ARGS> replaced by the instance's identifier */
  int before = idx;
  cw_token *toks = t_copy_tokens(P, start, before + 1);
  cw_token *last = toks;
  while (last->next->kind != CW_TK_EOF) last = last->next;
  last->text = I->ident;
  last->len = (int)strlen(I->ident);
  int rest = 0;
  cw_token *end = start;
  for (int i = 0; i < n; i++) end = end->next; /* first token after the declaration */
  for (cw_token *u = after; u != end && u->kind != CW_TK_EOF; u = u->next) rest++;
  last->next = t_copy_tokens(P, after, rest);
  T_job j = {t_instance_decl, T, I, toks, name->loc, true, T_DROP, NULL, NULL, NULL};
  t_in_instance(P, &j);
  P->tok = end;
}

/* The definition names the parameters `defn` (as many as T has): its body
 * is parsed with those names bound too. */
static void set_alias(Parser *P, P_template *T, T_param *defn) {
  T->alias = CW_NEW_ARRAY(P->a, const char *, (size_t)T->nparams + 1);
  for (int i = 0; i < T->nparams; i++) T->alias[i] = defn[i].name;
}

/* Index in the declaration [body, ...) of the first token of the qualifier
 * before the declared name (at name_idx): `S::`, `A::S<T>::`, `::A::`; -1
 * when the name is not qualified. */
static int qualifier_start(Parser *P, cw_token *body, int name_idx) {
  (void)P;
  for (int i = 0; i < name_idx; i++, body = body->next) {
    cw_token *t = body;
    int j = i;
    if (p_eq(t, "::")) t = t->next, j++;
    bool any = false;
    while (j < name_idx && p_is_ident(t)) {
      cw_token *nx = t->next;
      int k = j + 1;
      if (p_eq(nx, "<")) { /* S<...>:: */
        cw_token *e = t_skip_angles(nx);
        if (!e) break;
        for (cw_token *x = nx; x != e; x = x->next) k++;
        nx = e;
      }
      if (!p_eq(nx, "::")) break;
      any = true;
      t = nx->next;
      j = k + 1;
    }
    if (any && j == name_idx) return i;
  }
  return -1;
}

/* Copies the declaration [body, body + n) without its tokens [from, to). */
static cw_token *copy_without(Parser *P, cw_token *body, int n, int from, int to) {
  cw_token head = {0}, *cur = &head, *t = body;
  for (int i = 0; i < n && t->kind != CW_TK_EOF; i++, t = t->next) {
    if (i >= from && i < to) continue;
    cur = cur->next = CW_NEW(P->a, cw_token);
    *cur = *t;
  }
  cur->next = t_eof_like(P, t);
  return head.next;
}

/* Two definitions of a member function with the same tokens from the name
 * to the body (parameter lists and qualifiers): one is a redefinition. */
static bool same_signature(Parser *P, T_outdef *a, T_outdef *b) {
  cw_token *x = a->body, *y = b->body;
  for (int i = 0; i < a->name_idx; i++) x = x->next;
  for (int i = 0; i < b->name_idx; i++) y = y->next;
  for (; x->kind != CW_TK_EOF && y->kind != CW_TK_EOF; x = x->next, y = y->next) {
    if (strcmp(p_tokstr(P, x), p_tokstr(P, y))) return false;
    if (p_eq(x, "{")) return true;
  }
  return false;
}

/* `template <...> [template <...>] DECL` whose declared name is qualified
 * (tokens [qual, name_idx) of body): the definition of a member template
 * declared in its class (`template <class U> U S::f(U)`, `template <class T>
 * template <class U> U S<T>::f(U)`), of a class template's member function
 * (`template <class T> T S<T>::get() const`), or of a namespace's function
 * template (`template <class T> T A::f(T)`). T holds the innermost parameter
 * list, outer the class template's (or NULL). */
static void out_of_class(Parser *P, P_template *outer, P_template *T, cw_token *body, int n, int qual, bool has_body) {
  cw_token *q = body, *name = body;
  for (int i = 0; i < qual; i++) q = q->next;
  for (int i = 0; i < T->name_idx; i++) name = name->next;
  const char *nm = p_tokstr(P, name);
  if (!has_body)
    cw_error(P->d, name->loc, "a declaration of '%s' outside its class or namespace must be its definition", nm);
  /* the scope named by the qualifier: namespaces, then a class or a class template instance pattern */
  P_scope *sc = NULL;
  cw_token *t = q;
  if (p_eq(t, "::")) {
    sc = P->file_scope;
    t = t->next;
  }
  for (;;) {
    cw_token *nx = t->next;
    const char *cn = p_tokstr(P, t);
    bool last = p_eq(nx, "<") ? t_skip_angles(nx)->next == name : nx->next == name;
    if (p_eq(nx, "<")) {
      P_template *S = t_template_of(sc ? p_find_in_scope(P, sc, cn) : p_find_var(P, cn));
      if (!S || !S->is_struct) cw_error(P->d, t->loc, "'%s' is not a class template", cn);
      if (!last)
        cw_error(P->d, t->loc, "members of classes nested in class template '%s' cannot be defined outside it", cn);
      /* S<T, N>: exactly the class template's parameters, as this definition names them */
      T_param *cp = outer ? outer->params : T->params;
      int ncp = outer ? outer->nparams : T->nparams;
      cw_token *a = nx->next, *end = t_skip_angles(nx);
      int k = 0;
      bool ok = true;
      for (; a != end && ok; k++) {
        cw_token *close = a->next;
        ok = k < ncp && p_is_ident(a) && cp[k].name && !strcmp(p_tokstr(P, a), cp[k].name) &&
             (p_eq(close, ",") || close->next == end || p_eq(close, ">") || p_eq(close, ">>"));
        a = p_eq(close, ",") ? close->next : end;
      }
      if (!ok || k != ncp || ncp != S->nparams)
        cw_error(P->d, nx->loc, "the template arguments of '%s' in an out-of-class member definition must be its "
                 "template parameters, in order (a partial specialization's members are not supported)", cn);
      if (!strcmp(nm, S->name))
        cw_error(P->d, name->loc, "out-of-line constructor definitions are not supported; define the constructor "
                 "inside the class");
      T_outdef *d = CW_NEW(P->a, T_outdef);
      d->name = nm;
      d->is_tmpl = outer != NULL;
      d->outer = cp;
      d->nouter = ncp;
      d->loc = name->loc;
      d->scope = P->scope;
      d->ns = P->cur_ns;
      if (outer) {
        d->inner = T->params;
        d->ninner = T->nparams;
        d->body = copy_without(P, body, n, qual, T->name_idx);
        d->nbody = n - (T->name_idx - qual);
        d->name_idx = qual;
      } else {
        d->body = t_copy_tokens(P, body, n);
        d->nbody = n;
        d->name_idx = T->name_idx;
      }
      for (T_outdef *o = S->outdefs; o; o = o->next)
        if (o->is_tmpl == d->is_tmpl && !strcmp(o->name, nm) && (d->is_tmpl || same_signature(P, o, d)))
          cw_error(P->d, name->loc, "redefinition of %s '%s::%s' (previous at %s)",
                   d->is_tmpl ? "member template" : "member function", S->name, nm, t_where(P, o->loc));
      d->next = S->outdefs;
      S->outdefs = d;
      return;
    }
    P_scope *ns = p_scope_named(P, sc, t);
    if (!ns) {
      if (t_template_of(sc ? p_find_in_scope(P, sc, cn) : p_find_var(P, cn)))
        cw_error(P->d, t->loc, "use of class template '%s' requires template arguments (e.g. '%s<T>')", cn, cn);
      cw_error(P->d, t->loc, "'%s' is not a namespace or class", cn);
    }
    if (!last) {
      sc = ns;
      t = nx->next;
      continue;
    }
    if (outer)
      cw_error(P->d, t->loc, "'%s' is not a class template: a definition of its member template has one template "
               "parameter list", cn);
    if (!ns->cls) {
      /* a namespace's function template, defined outside the namespace */
      P_template *old = t_template_of(p_find_in_scope(P, ns, nm));
      if (!old || old->is_struct)
        cw_error(P->d, name->loc, "out-of-line definition of '%s' does not match any template declared in '%s'", nm, cn);
      if (old->nbody) cw_error(P->d, name->loc, "redefinition of template '%s'", nm);
      if (old->nparams != T->nparams)
        cw_error(P->d, name->loc, "redeclaration of template '%s' with a different parameter list (previous at %s)",
                 nm, t_where(P, old->loc));
      old->body = copy_without(P, body, n, qual, T->name_idx);
      old->nbody = n - (T->name_idx - qual);
      old->name_idx = qual;
      old->is_kernel |= T->is_kernel;
      set_alias(P, old, T->params);
      return;
    }
    /* a member template of an ordinary class, declared in the class */
    cw_type *cls = ns->cls;
    P_template *M = p_tmpl_member(P, cls, nm);
    P_class *c = p_class_of(cls);
    if (c && c->inj && !strcmp(nm, c->inj))
      cw_error(P->d, name->loc, "out-of-line constructor definitions are not supported; define the constructor "
               "inside the class");
    if (!M)
      cw_error(P->d, name->loc, "'%s' is not a member template of '%s'", nm, cls->name ? cls->name : cn);
    if (M->nbody)
      cw_error(P->d, name->loc, "redefinition of member template '%s::%s' (previous at %s)", cls->name ? cls->name : cn,
               nm, t_where(P, M->loc));
    if (M->nparams != T->nparams)
      cw_error(P->d, name->loc, "out-of-class definition of member template '%s::%s' has %d template parameters; its "
               "declaration has %d (declared at %s)", cls->name ? cls->name : cn, nm, T->nparams, M->nparams,
               t_where(P, M->loc));
    M->body = copy_without(P, body, n, qual, T->name_idx);
    M->nbody = n - (T->name_idx - qual);
    M->name_idx = qual;
    set_alias(P, M, T->params);
    return;
  }
}

void p_template_decl(Parser *P) {
  cw_token *kw = P->tok;
  struct P_tmpl_state *st = t_state(P);
  p_next(P);
  if (!p_eq(P->tok, "<")) {
    explicit_instantiation(P, kw);
    return;
  }
  p_next(P);
  if (p_consume(P, ">")) {
    explicit_specialisation(P, kw);
    return;
  }
  if (P->fn) cw_error(P->d, kw->loc, "templates must be declared at file scope");
  P_template *T = CW_NEW(P->a, P_template);
  T->loc = kw->loc;
  parse_params(P, T);
  P_template *outer = NULL;
  if (p_eq(P->tok, "template")) {
    /* template <...> template <...> DECL: a class template's member template, defined outside the class */
    cw_token *kw2 = P->tok;
    p_next(P);
    if (!p_eq(P->tok, "<")) cw_error(P->d, P->tok->loc, "expected '<' after 'template'");
    p_next(P);
    if (p_eq(P->tok, ">"))
      cw_error(P->d, kw2->loc, "explicit specialization of a member template is not supported; use an overload");
    outer = T;
    T = CW_NEW(P->a, P_template);
    T->loc = kw2->loc;
    parse_params(P, T);
    if (p_eq(P->tok, "template")) cw_error(P->d, P->tok->loc, "nested template declarations are not supported");
  }
  cw_token *body = P->tok;
  int n = decl_length(P, body, kw->loc);
  bool has_body = defines(body, n);
  cw_token *name = decl_name(P, body, n, &T->is_struct, &T->is_kernel, &T->name_idx);
  if (!name) cw_error(P->d, body->loc, "expected a function or struct declaration after the template parameter list");
  int qual = T->is_struct ? -1 : qualifier_start(P, body, T->name_idx);
  if (outer && qual < 0)
    cw_error(P->d, name->loc, "a declaration with two template parameter lists must define a member of a class "
             "template ('S<T>::%s')", p_tokstr(P, name));
  if (qual >= 0) {
    out_of_class(P, outer, T, body, n, qual, has_body);
    for (int i = 0; i < n; i++) p_next(P);
    return;
  }
  if (p_eq(name->next, "<"))
    cw_error(P->d, name->next->loc, "partial specialization of '%s' is not supported", p_tokstr(P, name));
  /* a function template may default a parameter before a deduced one
   * (`template <int N = 0, typename P> f(const P &)`); a class template may not */
  for (int i = 1; T->is_struct && i < T->nparams; i++)
    if (T->params[i - 1].def && !T->params[i].def)
      cw_error(P->d, T->params[i].loc, "template parameter '%s' is missing a default argument (the one before it has one)",
               T->params[i].name ? T->params[i].name : "<unnamed>");
  T->name = p_tokstr(P, name);
  T->loc = name->loc;
  T->body = body;
  T->nbody = has_body ? n : 0;
  for (int i = 0; i < n; i++) p_next(P);
  T->scope = P->scope;
  T->ns = P->cur_ns;
  P_entry *here = p_find_var_here(P, T->name);
  P_template *old = here ? here->tmpl : NULL;
  if (old) {
    if (old->is_struct != T->is_struct || old->nparams != T->nparams)
      cw_error(P->d, name->loc, "redeclaration of template '%s' with a different kind or parameter list (previous at %s)",
               T->name, t_where(P, old->loc));
    if (old->nbody && T->nbody) cw_error(P->d, name->loc, "redefinition of template '%s'", T->name);
    if (T->nbody) {
      old->body = T->body;
      old->nbody = T->nbody;
      old->name_idx = T->name_idx;
      old->loc = T->loc;
      old->is_kernel |= T->is_kernel;
      set_alias(P, old, T->params);
    }
    for (int i = 0; i < T->nparams; i++) /* defaults may come with either declaration */
      if (T->params[i].def && !old->params[i].def) old->params[i] = T->params[i];
    return;
  }
  P_entry *e = here; /* a name of an enclosing scope is hidden, not redefined */
  if (e && (e->var || e->type_def || e->is_const_val) && !(e->var && e->var->is_builtin))
    cw_error(P->d, name->loc, "redefinition of '%s' as a template", T->name);
  p_push_var(P, T->name)->tmpl = T;
  T->next = st->list;
  st->list = T;
}

/* `template <...>` inside a class body: a member function template, kept as
 * tokens like a free one and instantiated per argument list with the class
 * (p_tmpl_member, member_decl), or a constructor template (a candidate of
 * every construction, p_tmpl_ctor_candidates). One declared without a body
 * is defined after the class (out_of_class). */
void p_member_template(Parser *P, cw_type *ty) {
  cw_token *kw = P->tok;
  struct P_tmpl_state *st = t_state(P);
  p_next(P);
  if (!p_eq(P->tok, "<")) cw_error(P->d, kw->loc, "explicit instantiation is not allowed inside a class");
  p_next(P);
  if (p_eq(P->tok, ">"))
    cw_error(P->d, kw->loc, "explicit specialization of a member template ('template<>' in a class) is not supported; "
             "use an overload");
  if (P->fn) cw_error(P->d, kw->loc, "a local class cannot have member templates");
  P_template *T = CW_NEW(P->a, P_template);
  T->loc = kw->loc;
  parse_params(P, T);
  if (p_eq(P->tok, "template"))
    cw_error(P->d, P->tok->loc, "nested template declarations are not supported");
  cw_token *body = P->tok;
  int n = decl_length(P, body, kw->loc);
  bool has_body = defines(body, n);
  cw_token *name = decl_name(P, body, n, &T->is_struct, &T->is_kernel, &T->name_idx);
  if (T->is_struct)
    cw_error(P->d, name->loc, "member class templates are not supported; declare '%s' as a class template outside "
             "the class", p_tokstr(P, name));
  if (!name) cw_error(P->d, body->loc, "expected a member function declaration after the template parameter list");
  T->name = p_tokstr(P, name);
  const char *cname = ty->name ? ty->name : "<anonymous>";
  P_class *cls = p_class_of(ty);
  const char *inj = cls && cls->inj ? cls->inj : ty->name; /* "Pair" in the instance Pair<float> */
  T->is_ctor = inj && !strcmp(T->name, inj);
  if (!has_body && T->is_ctor)
    cw_error(P->d, name->loc, "constructor templates must be defined inside the class (out-of-line constructor "
             "definitions are not supported)");
  /* declared only: defined after the class (p_template_decl, adopt_outdef) */
  for (cw_token *t = body; t != name; t = t->next) {
    T->decl_static |= p_eq(t, "static");
    T->decl_device |= p_eq(t, "__device__");
    T->decl_host |= p_eq(t, "__host__");
    T->decl_inline |= p_eq(t, "inline") || p_eq(t, "__forceinline__");
  }
  if (st->inj_ty == ty) { /* a member of a class template's instance */
    T->owner = st->inj_tmpl;
    T->owner_args = st->inj_args;
  }
  T->loc = name->loc;
  T->body = body;
  T->nbody = has_body ? n : 0;
  T->cls = ty;
  T->qual = cw_arena_printf(P->a, "%s::", cname);
  T->scope = P->scope;
  T->ns = P->cur_ns;
  for (int i = 0; i < n; i++) p_next(P);
  if (T->is_ctor) {
    /* constructor templates: candidates of every construction of the class */
    P_tmpl_ref *r = CW_NEW(P->a, P_tmpl_ref);
    r->t = T;
    P_tmpl_ref **tail = &cls->ctor_tmpls;
    while (*tail) tail = &(*tail)->next;
    *tail = r;
    return;
  }
  P_entry *e = p_find_var_here(P, T->name);
  if (e && e->tmpl)
    cw_error(P->d, name->loc, "'%s' is already a member function template of '%s' (overloaded member templates "
             "are not supported; give them different names)", T->name, cname);
  if (e && !(e->var && e->var->storage == CW_STORE_FUNC))
    cw_error(P->d, name->loc, "redefinition of '%s' in '%s'", T->name, cname);
  if (!e) e = p_push_var(P, T->name);
  e->tmpl = T; /* next to the non-template overloads of the name, if any */
}
