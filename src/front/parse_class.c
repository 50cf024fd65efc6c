/* C++ classes and lambdas, desugared to C structs and functions.
 *
 *  - A member function is a function whose first parameter is `this`, a
 *    reference to the class (to const for a const member function); a call
 *    obj.f(a) is f(obj, a) with obj bound like a reference argument.
 *  - A constructor is a function returning the class by value: it declares
 *    the object, runs the member initialisers and the body with `this`
 *    pointing at the object, and returns it. `T v(a)`, `T v{a}`,
 *    `T v = T(a)` and the temporary `T(a)` are all calls to it.
 *  - In-class bodies are parsed when the class is complete (members declared
 *    later are visible), with the class scope between the enclosing scope
 *    and the parameters, so members are found by their plain names.
 *  - A lambda is an unnamed class holding copies of its captures with a
 *    const operator(); the lambda expression builds a temporary of it.
 *  - Copies (copy constructors, operator=, elision) are parse_copy.c's.
 * Refused: virtual functions, inheritance, destructors with a body,
 * capture by reference. */
#include <string.h>

#include "front/parse.h"

cw_type *p_func_params(Parser *P, cw_type *ret); /* parse_decl.c, after '(' */
void p_fn_defaults(Parser *P, cw_obj *fn, cw_type *ty);

static void skip_balanced(Parser *P, const char *open, const char *close) {
  cw_token *start = P->tok;
  int depth = 0;
  for (;;) {
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, start->loc, "expected '%s' to match this '%s'", close, open);
    if (p_eq(P->tok, open)) depth++;
    else if (p_eq(P->tok, close) && --depth == 0) {
      p_next(P);
      return;
    }
    p_next(P);
  }
}

const char *p_class_name(Parser *P, cw_type *ty) {
  return ty->name ? ty->name : cw_ty_str(P->a, ty);
}

void p_class_begin(Parser *P, cw_type *ty) {
  P_class *c = CW_NEW(P->a, P_class);
  c->ty = ty;
  c->scope = CW_NEW(P->a, P_scope);
  c->scope->cls = ty;
  c->scope->up = P->scope;
  c->inj = p_tmpl_injected_name(P, ty);
  if (!c->inj) c->inj = ty->name;
  ty->fe_class = c;
  P->scope = c->scope;
}

static P_entry *class_entry(P_class *c, const char *name) {
  for (P_entry *e = c->scope->vars; e; e = e->next)
    if (!strcmp(e->name, name)) return e;
  return NULL;
}

P_fnlist *p_single(Parser *P, cw_obj *f) {
  P_fnlist *l = CW_NEW(P->a, P_fnlist);
  l->fn = f;
  return l;
}

static P_fnlist *entry_fns(Parser *P, P_entry *e) {
  if (!e || !e->var || e->var->storage != CW_STORE_FUNC) return NULL;
  return e->fns ? e->fns : p_single(P, e->var);
}

P_fnlist *p_class_methods(Parser *P, cw_type *cls, const char *name) {
  P_class *c = p_class_of(cls);
  return c ? entry_fns(P, class_entry(c, name)) : NULL;
}

/* Declares member function `name` (NULL: a constructor) of class ty with
 * declared type fty, then its body: `{...}` (kept for p_class_end), a
 * constructor's `: inits {...}`, `;`, or `= default;` / `= delete;`. */
static void declare_method(Parser *P, cw_type *ty, P_declspec *attr, cw_type *fty, const char *name,
                           cw_loc loc, bool is_conv) {
  P_class *c = ty->fe_class;
  bool is_ctor = name == NULL;
  bool is_static = attr->is_static;
  bool is_const = P->fn_const;
  int flags = 0;
  if (attr->device) flags |= CW_FN_DEVICE;
  if (attr->host || (!attr->device && !attr->global)) flags |= CW_FN_HOST;
  if (attr->is_constexpr) flags |= CW_FN_DEVICE | CW_FN_HOST;
  if (attr->forceinline) flags |= CW_FN_FORCEINLINE | CW_FN_INLINE;
  if (attr->noinline) flags |= CW_FN_NOINLINE;
  if (attr->global) cw_error(P->d, loc, "a __global__ function cannot be a member function");
  if (is_static && is_const) cw_error(P->d, loc, "a static member function cannot be 'const'");
  if (is_static && name && !strcmp(name, "operator="))
    cw_error(P->d, loc, "'operator=' must be a non-static member function");
  const char *cname = ty->name ? ty->name : "<anonymous>";
  const char *shown = is_ctor ? (c->inj ? c->inj : cname) : name;
  cw_type *real;
  if (is_ctor) {
    real = p_func_type(P, cw_ty_unqual(ty));
    real->params = fty->params;
  } else if (is_static) {
    real = fty;
  } else {
    real = p_func_type(P, fty->return_ty);
    cw_type *th = p_ref_to(P, p_qualify(P, ty, is_const, false, false));
    th->name = "this";
    th->loc = loc;
    th->next = fty->params;
    real->params = th;
    real->is_variadic = fty->is_variadic;
  }
  P_fninfo *fi = CW_NEW(P->a, P_fninfo);
  fi->is_method = !is_static && !is_ctor;
  fi->is_static = is_static;
  fi->is_const = is_const;
  fi->is_ctor = is_ctor;
  fi->is_conv = is_conv;
  fi->is_constexpr = attr->is_constexpr;
  fi->is_explicit = attr->is_explicit && is_ctor;
  fi->cls = ty;
  fi->decl_ty = fty;

  /* = default / = delete */
  cw_token *dflt_body = NULL;
  if (p_eq(P->tok, "=") && (p_eq(P->tok->next, "default") || p_eq(P->tok->next, "delete"))) {
    bool dflt_ctor = is_ctor && !fty->params && p_eq(P->tok->next, "default");
    bool del = p_eq(P->tok->next, "delete");
    p_next(P);
    p_next(P);
    cw_token *semi = P->tok;
    p_expect(P, ";", "after '= default' or '= delete'");
    /* a defaulted copy constructor or assignment is the implicit one (p_copy);
     * a deleted one makes copies an error; other deleted functions are just
     * not declared. A defaulted default constructor must exist for `T v;` when
     * the class has other constructors: it gets the body `{}` */
    if (del && p_deleted_copy(fty, cw_ty_unqual(ty))) {
      if (is_ctor) c->copy_deleted = true;
      else if (!strcmp(name, "operator=")) c->assign_deleted = true;
    }
    if (!dflt_ctor) return;
    flags |= CW_FN_DEVICE | CW_FN_HOST; /* defaulted functions are __host__ __device__ in CUDA */
    cw_token *open = CW_NEW(P->a, cw_token), *close = CW_NEW(P->a, cw_token);
    *open = *semi;
    open->text = "{";
    open->next = close;
    *close = *semi;
    close->text = "}";
    close->next = semi;
    dflt_body = open;
  }

  /* a redeclaration? (only overloads are new) */
  cw_obj *fn = CW_NEW(P->a, cw_obj);
  const char *src = cw_arena_printf(P->a, "%s::%s", cname, shown);
  fn->name = p_unique_name(P, p_ident_for(P, src));
  fn->src_name = src;
  fn->ty = real;
  fn->loc = loc;
  fn->storage = CW_STORE_FUNC;
  fn->fn_flags = flags;
  fn->id = P->next_id++;
  fn->fe_info = fi;
  p_fn_defaults(P, fn, fty);
  if (is_ctor) {
    P_fnlist *l = p_single(P, fn);
    l->next = c->ctors;
    c->ctors = l;
  } else {
    P_entry *e = class_entry(c, name);
    if (e && e->tmpl && !e->var) {
      e->var = fn; /* the first non-template overload next to a member template */
    } else if (e && !(e->var && e->var->storage == CW_STORE_FUNC)) {
      cw_error(P->d, loc, "redefinition of '%s' in '%s'", name, cname);
    } else if (e) {
      if (!e->fns) e->fns = p_single(P, e->var);
      P_fnlist **t = &e->fns;
      while (*t) t = &(*t)->next;
      *t = p_single(P, fn);
    } else {
      p_push_var(P, name)->var = fn;
    }
    if (is_conv) {
      P_fnlist *l = p_single(P, fn);
      l->next = c->convs;
      c->convs = l;
    }
  }
  p_add_global(P, fn);
  if (dflt_body) {
    fi->body_tok = dflt_body;
    fi->dflt = true;
    P_fnlist *l = p_single(P, fn);
    l->next = c->pending;
    c->pending = l;
    return;
  }
  if (is_ctor && p_eq(P->tok, ":")) {
    /* skip the initialisers: `m(...)` or `m{...}`, up to the body's '{' */
    fi->init_tok = P->tok;
    cw_token *prev = P->tok;
    p_next(P);
    for (;;) {
      cw_token *x = P->tok;
      if (x->kind == CW_TK_EOF || p_eq(x, ";")) cw_error(P->d, x->loc, "expected '{' after member initializers");
      if (p_eq(x, "(")) skip_balanced(P, "(", ")");
      else if (p_eq(x, "{") && p_is_ident(prev)) skip_balanced(P, "{", "}");
      else if (p_eq(x, "{")) break;
      else p_next(P);
      prev = x;
    }
  }
  if (p_eq(P->tok, "{")) {
    fi->body_tok = fi->init_tok ? fi->init_tok : P->tok;
    skip_balanced(P, "{", "}");
    P_fnlist *l = p_single(P, fn);
    l->next = c->pending;
    c->pending = l;
    return;
  }
  if (is_ctor) cw_error(P->d, loc, "constructors must be defined inside the class");
  p_expect(P, ";", "after member function declaration");
}

void p_class_method(Parser *P, cw_type *ty, P_declspec *attr, cw_type *fty, cw_token *name) {
  if (attr->is_typedef) cw_error(P->d, name->loc, "function typedefs are not supported");
  declare_method(P, ty, attr, fty, p_tokstr(P, name), name->loc, false);
}

static bool is_qualifier(cw_token *t) {
  return p_eq(t, "__device__") || p_eq(t, "__host__") || p_eq(t, "inline") || p_eq(t, "__inline__") ||
         p_eq(t, "__forceinline__") || p_eq(t, "explicit") || p_eq(t, "constexpr") ||
         p_eq(t, "__noinline__") || p_eq(t, "static");
}

/* Member forms that are not `declspec declarator`: access labels, friend,
 * virtual, destructors, constructors, conversion operators, typedef/using.
 * Returns true when it consumed one. */
bool p_class_member(Parser *P, cw_type *ty) {
  cw_token *t = P->tok;
  if ((p_eq(t, "public") || p_eq(t, "private") || p_eq(t, "protected")) && p_eq(t->next, ":")) {
    p_next(P);
    p_next(P);
    return true;
  }
  if (p_eq(t, "friend")) cw_error(P->d, t->loc, "friend declarations are not supported");
  if (p_eq(t, "static_assert") || p_eq(t, "_Static_assert")) {
    p_static_assert(P);
    return true;
  }
  if (p_eq(t, "using")) {
    p_using_local(P);
    return true;
  }
  if (p_eq(t, "typedef")) {
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    do {
      cw_token *name = NULL;
      cw_type *tt = p_declarator(P, base, &name);
      if (!name) cw_error(P->d, P->tok->loc, "expected identifier in typedef");
      const char *n = p_tokstr(P, name);
      if (p_find_var_here(P, n)) cw_error(P->d, name->loc, "redefinition of '%s'", n);
      p_push_var(P, n)->type_def = tt;
    } while (p_consume(P, ","));
    p_expect(P, ";", "after typedef");
    return true;
  }
  /* qualifiers, then ~S / S( / operator T */
  cw_token *q = t;
  int guard = 0;
  while (is_qualifier(q) && guard++ < 64) q = q->next;
  if (p_eq(q, "virtual")) cw_error(P->d, q->loc, "virtual functions are not supported in device code");
  for (cw_token *v = t; v != q; v = v->next)
    if (p_eq(v, "virtual")) cw_error(P->d, v->loc, "virtual functions are not supported in device code");
  if (p_eq(q, "~")) {
    cw_token *open = q->next && q->next->next ? q->next->next : q;
    P->tok = open;
    p_expect(P, "(", "after destructor name");
    if (!p_consume(P, "void") || !p_eq(P->tok, ")")) {
      if (!p_eq(P->tok, ")")) cw_error(P->d, P->tok->loc, "a destructor takes no parameters");
    }
    p_expect(P, ")", "after destructor parameters");
    if (p_eq(P->tok, "=")) {
      while (!p_eq(P->tok, ";") && P->tok->kind != CW_TK_EOF) p_next(P);
      p_expect(P, ";", NULL);
      return true;
    }
    if (p_consume(P, ";")) return true;
    if (p_eq(P->tok, "{") && p_eq(P->tok->next, "}")) {
      p_next(P);
      p_next(P);
      return true;
    }
    cw_error(P->d, q->loc, "destructors with a body are not supported in device code");
  }
  const char *inj = p_class_of(ty) ? p_class_of(ty)->inj : ty->name;
  bool is_ctor = inj && p_is_ident(q) && (int)strlen(inj) == q->len && !memcmp(q->text, inj, (size_t)q->len);
  cw_token *open = q->next;
  if (is_ctor && p_eq(open, "<")) {
    /* `Pair<T>(...)`: a constructor when the template-id names this very instance */
    cw_token *saved = P->tok;
    P->tok = q;
    cw_type *named = p_tmpl_is_type_template(P, q) ? p_tmpl_type_id(P) : NULL;
    open = P->tok;
    P->tok = saved;
    is_ctor = named == ty;
  }
  is_ctor = is_ctor && p_eq(open, "(");
  bool is_conv = p_eq(q, "operator") && !(q->next->kind == CW_TK_PUNCT && !p_eq(q->next, "::"));
  if (!is_ctor && !is_conv) return false;
  P_declspec attr;
  memset(&attr, 0, sizeof attr);
  for (; P->tok != q; p_next(P)) {
    cw_token *x = P->tok;
    if (p_eq(x, "__device__")) attr.device = true;
    else if (p_eq(x, "__host__")) attr.host = true;
    else if (p_eq(x, "__forceinline__")) attr.forceinline = true;
    else if (p_eq(x, "__noinline__")) attr.noinline = true;
    else if (p_eq(x, "constexpr")) attr.is_constexpr = true;
    else if (p_eq(x, "explicit")) attr.is_explicit = true;
    else if (p_eq(x, "static")) cw_error(P->d, x->loc, "a constructor or conversion operator cannot be static");
  }
  if (is_ctor) {
    P->tok = open->next; /* after the class name (and its template arguments) and '(' */
    cw_type *fty = p_func_params(P, cw_ty_void);
    declare_method(P, ty, &attr, fty, NULL, q->loc, false);
    return true;
  }
  /* operator T() */
  p_next(P);
  P_declspec a2;
  cw_type *to = p_declspec(P, &a2);
  while (p_eq(P->tok, "*") || p_eq(P->tok, "const") || p_eq(P->tok, "&")) {
    if (p_eq(P->tok, "*")) to = cw_ty_pointer_to(P->a, to);
    else if (p_eq(P->tok, "&")) cw_error(P->d, P->tok->loc, "conversion to a reference type is not supported");
    else to = p_qualify(P, to, true, false, false);
    p_next(P);
  }
  p_expect(P, "(", "after conversion type");
  cw_type *fty = p_func_params(P, to);
  if (fty->params) cw_error(P->d, q->loc, "a conversion operator takes no parameters");
  const char *name = cw_arena_printf(P->a, "operator %s", cw_ty_str(P->a, to));
  declare_method(P, ty, &attr, fty, name, q->loc, true);
  return true;
}

/* Parses the member function bodies kept while the class was incomplete. */
void p_class_end(Parser *P, cw_type *ty) {
  P_class *c = ty->fe_class;
  P->scope = c->scope->up;
  /* data members by name for the bodies */
  bool any = false;
  for (cw_member *m = ty->members; m; m = m->next) {
    if (!m->name) continue;
    any = true;
    P_entry *e = class_entry(c, m->name);
    if (e) cw_error(P->d, m->loc, "'%s' is declared both as a data member and as a member function", m->name);
    P_entry *n = CW_NEW(P->a, P_entry);
    n->name = m->name;
    n->member = m;
    n->member_of = ty;
    n->next = c->scope->vars;
    c->scope->vars = n;
    c->scope->nvars++;
    c->scope->vidx = (P_index){0};
  }
  (void)any;
  /* source order */
  P_fnlist *rev = NULL;
  for (P_fnlist *l = c->pending, *next; l; l = next) {
    next = l->next;
    l->next = rev;
    rev = l;
  }
  c->pending = NULL;
  cw_token *saved = P->tok;
  for (P_fnlist *l = rev; l; l = l->next) {
    P_fninfo *fi = l->fn->fe_info;
    P->tok = fi->body_tok;
    p_parse_fn_body(P, l->fn);
  }
  P->tok = saved;
}

/* A class with no data members gets one hidden int: WGSL has no empty structs. */
void p_class_fill(Parser *P, cw_type *ty);
void p_class_fill(Parser *P, cw_type *ty) {
  if (ty->members) return;
  cw_member *m = CW_NEW(P->a, cw_member);
  m->name = "__cw_empty";
  m->ty = cw_ty_int;
  m->loc = ty->loc;
  ty->members = m;
}

cw_node *p_this(Parser *P, cw_loc loc) {
  if (!P->this_var) cw_error(P->d, loc, "'this' can only be used inside a non-static member function");
  cw_node *n = p_new_var(P, P->this_var, loc);
  n->ty = cw_ty_pointer_to(P->a, P->this_var->ty->base);
  return n;
}

/* ---------------- constructors ---------------- */

static cw_member *find_member(cw_type *ty, const char *name) {
  for (cw_member *m = ty->members; m; m = m->next)
    if (m->name && !strcmp(m->name, name)) return m;
  return NULL;
}

static cw_node *member_of_this(Parser *P, cw_member *m, cw_loc loc) {
  cw_node *d = p_new_node(P, ND_DEREF, loc);
  d->lhs = p_this(P, loc);
  d->ty = d->lhs->ty->base;
  cw_node *n = p_new_node(P, ND_MEMBER, loc);
  n->lhs = d;
  n->member = m;
  n->ty = p_qualify(P, m->ty, d->ty->is_const, false, false);
  return n;
}

cw_node *p_expr_stmt(Parser *P, cw_node *e) {
  cw_node *s = p_new_node(P, ND_EXPR_STMT, e->loc);
  s->lhs = e;
  return s;
}

/* A value of type ty built from args (constructor, copy, or conversion). */
bool p_has_ctors(P_class *c) { return c && (c->ctors || c->ctor_tmpls); }

cw_node *p_ctor_call(Parser *P, cw_type *ty, cw_node **argv, int nargs, cw_loc loc, int mode) {
  P_class *c = p_class_of(ty);
  const char *name = c->inj ? c->inj : p_class_name(P, ty);
  P_fnlist head = {0}, *cur = &head, xhead = {0}, *xcur = &xhead;
  P_fnlist *tmpl = p_tmpl_ctor_candidates(P, ty, argv, nargs, loc);
  for (int pass = 0; pass < 2; pass++)
    for (P_fnlist *l = pass ? tmpl : c->ctors; l; l = l->next) {
      P_fninfo *fi = l->fn->fe_info;
      bool skip = mode == P_INIT_COPY && fi && fi->is_explicit;
      P_fnlist *n = CW_NEW(P->a, P_fnlist);
      n->fn = l->fn;
      if (skip) xcur = xcur->next = n;
      else cur = cur->next = n;
    }
  if (mode == P_INIT_COPY && xhead.next && !(head.next && p_any_viable(P, head.next, NULL, argv, nargs)) &&
      p_any_viable(P, xhead.next, NULL, argv, nargs))
    cw_error(P->d, loc, "copy-initialization of '%s' cannot use an explicit constructor; write '%s(...)'",
             p_class_name(P, ty), p_class_name(P, ty));
  if (!head.next)
    cw_error(P->d, loc, "no matching constructor for initialization of '%s' with %d argument%s", p_class_name(P, ty),
             nargs, nargs == 1 ? "" : "s");
  cw_obj *f = p_resolve(P, head.next, name, NULL, argv, nargs, loc);
  P_fninfo *fi = f->fe_info;
  if (mode == P_INIT_LIST && fi && fi->is_explicit)
    cw_error(P->d, loc, "copy-list-initialization of '%s' cannot use an explicit constructor; write '%s{...}'",
             p_class_name(P, ty), p_class_name(P, ty));
  return p_call(P, p_single(P, f), name, NULL, argv, nargs, loc);
}

static cw_node *init_value(Parser *P, cw_type *ty, cw_node **argv, int nargs, cw_loc loc, const char *what,
                           int mode) {
  P_class *c = p_class_of(ty);
  if (c && nargs == 1 && cw_ty_unqual(argv[0]->ty) == cw_ty_unqual(ty)) return p_copy(P, argv[0], loc);
  if (p_has_ctors(c)) return p_ctor_call(P, ty, argv, nargs, loc, mode);
  if (nargs == 1) {
    cw_node *a = argv[0];
    if (c && cw_ty_unqual(a->ty) != cw_ty_unqual(ty)) {
      cw_node *u = p_user_convert(P, a, ty, false);
      if (u) return u;
    }
    return p_convert_assign(P, a, ty, loc, what);
  }
  if (nargs == 0) {
    if (cw_ty_is_scalar(ty)) return p_convert_assign(P, p_new_num(P, 0, cw_ty_int, loc), ty, loc, what);
    if (p_runs_ctor(ty))
      cw_error(P->d, loc, "value-initializing '%s', whose members run constructors, is not supported here; declare "
               "a variable ('%s v;')", p_class_name(P, ty), p_class_name(P, ty));
    cw_obj *tmp = p_new_temp(P, ty, loc); /* declared (and so zeroed) before the statement */
    return p_new_var(P, tmp, loc);
  }
  cw_error(P->d, loc, "no matching constructor for initialization of '%s' with %d arguments",
           cw_ty_str(P->a, ty), nargs);
}

/* A constructor callable without arguments (NULL: none). */
static cw_obj *default_ctor(P_class *c) {
  for (P_fnlist *l = c->ctors; l; l = l->next) {
    P_fninfo *fi = l->fn->fe_info;
    cw_type *p = l->fn->ty->params;
    int i = 0;
    while (p && fi->defaults && i < fi->ndecl && fi->defaults[i]) p = p->next, i++;
    if (!p) return l->fn;
  }
  return NULL;
}

/* The class type of ty or of its (nested) array elements, when it has
 * constructors; else NULL. */
static P_class *ctor_class(cw_type *ty) {
  while (ty->kind == TY_ARRAY) ty = ty->base;
  P_class *c = p_class_of(cw_ty_unqual(ty));
  return p_has_ctors(c) ? c : NULL;
}

/* `__shared__ T v;` / `__shared__ T v[N];`: CUDA runs no constructor for
 * shared variables (nvcc rejects a non-empty one as a dynamic initialiser),
 * so the default constructor must exist and do nothing. */
void p_check_shared_class(Parser *P, cw_type *ty, const char *name, cw_loc loc) {
  P_class *c = ctor_class(ty);
  if (!c) return;
  const char *cn = c->ty->name ? c->ty->name : cw_ty_str(P->a, c->ty);
  cw_obj *f = default_ctor(c);
  if (!f)
    cw_error(P->d, loc, "__shared__ variable '%s' of class type '%s' needs a default constructor (no constructor of "
             "'%s' takes no arguments)", name, cn, cn);
  P_fninfo *fi = f->fe_info;
  bool empty = fi->dflt || (!fi->init_tok && fi->body_tok && p_eq(fi->body_tok, "{") && p_eq(fi->body_tok->next, "}"));
  if (!empty)
    cw_error(P->d, loc, "__shared__ variable '%s' of type '%s' cannot be initialized by a non-empty default "
             "constructor (CUDA does not run constructors of __shared__ variables); give '%s' a trivial default "
             "constructor ('%s() = default;') and assign the members", name, cn, cn, c->inj ? c->inj : cn);
}

/* for (i = from; i < to; ++i) { body } */
cw_node *p_range_loop(Parser *P, cw_obj *i, int from, int to, cw_node *body, cw_loc loc) {
  cw_node *n = p_new_node(P, ND_FOR, loc);
  n->init = p_expr_stmt(P, p_assign_raw(P, p_new_var(P, i, loc), p_new_num(P, from, cw_ty_int, loc)));
  cw_node *lt = p_new_node(P, ND_LT, loc);
  lt->lhs = p_new_var(P, i, loc);
  lt->rhs = p_new_num(P, to, cw_ty_int, loc);
  lt->ty = cw_ty_int;
  n->cond = p_scalar_cond(P, lt);
  cw_node *inc = p_new_node(P, ND_PRE_INC, loc);
  inc->lhs = p_new_var(P, i, loc);
  inc->ty = cw_ty_int;
  n->inc = inc;
  cw_node *b = p_new_node(P, ND_BLOCK, loc);
  b->body = body;
  n->then = b;
  return n;
}

cw_node *p_index_node(Parser *P, cw_node *a, cw_obj *i, cw_loc loc) {
  cw_node *el = p_new_node(P, ND_INDEX, loc);
  el->lhs = a;
  el->rhs = p_new_var(P, i, loc);
  el->ty = a->ty->base;
  return el;
}

cw_node *p_member_node(Parser *P, cw_node *obj, cw_member *m, cw_loc loc) {
  cw_node *n = p_new_node(P, ND_MEMBER, loc);
  n->lhs = obj;
  n->member = m;
  n->ty = p_qualify(P, m->ty, obj->ty->is_const, false, false);
  return n;
}

cw_type *p_elem_type(cw_type *t) {
  while (t->kind == TY_ARRAY) t = t->base;
  return cw_ty_unqual(t);
}

/* Default-initialising a value of type ty runs a constructor: a class with
 * constructors, an array of them, or an aggregate struct holding one. */
bool p_runs_ctor(cw_type *ty) {
  ty = p_elem_type(ty);
  P_class *c = p_class_of(ty);
  if (!c || ty->kind != TY_STRUCT) return false;
  if (p_has_ctors(c)) return true;
  if (c->init_kind) return c->init_kind == 2;
  bool r = false;
  for (cw_member *m = ty->members; m && !r; m = m->next) r = p_runs_ctor(m->ty);
  if (ty->size >= 0) c->init_kind = r ? 2 : 1;
  return r;
}

cw_node *p_default_construct_range(Parser *P, cw_node *lv, int from, int to, cw_loc loc) {
  if (from >= to || !p_runs_ctor(lv->ty->base)) return NULL;
  cw_obj *i = p_new_temp(P, cw_ty_int, loc);
  return p_range_loop(P, i, from, to, p_default_construct(P, p_index_node(P, lv, i, loc), loc), loc);
}

cw_node *p_default_construct(Parser *P, cw_node *lv, cw_loc loc) {
  cw_type *ty = cw_ty_unqual(lv->ty);
  if (!p_runs_ctor(ty)) return NULL;
  if (ty->kind == TY_ARRAY) return p_default_construct_range(P, lv, 0, ty->array_len, loc);
  P_class *c = p_class_of(ty);
  if (p_has_ctors(c)) return p_expr_stmt(P, p_assign_raw(P, lv, p_ctor_call(P, ty, NULL, 0, loc, P_INIT_DIRECT)));
  cw_node head = {0}, *cur = &head;
  for (cw_member *m = ty->members; m; m = m->next) {
    cw_node *s = p_default_construct(P, p_member_node(P, lv, m, loc), loc);
    if (s) cur = cur->next = s;
  }
  if (head.next && !head.next->next) return head.next;
  cw_node *b = p_new_node(P, ND_BLOCK, loc);
  b->body = head.next;
  return b;
}

cw_node *p_construct_elements(Parser *P, cw_obj *v, cw_loc loc) {
  return p_default_construct(P, p_new_var(P, v, loc), loc);
}

/* {a, b, ...} (P->tok at '{'): the initialisers as the arguments of a
 * constructor, at most cap of them. */
static void brace_args(Parser *P, int cap, cw_node ***argv, int *nargs) {
  cw_token *open = P->tok;
  int n = 0;
  *argv = CW_NEW_ARRAY(P->a, cw_node *, (size_t)cap);
  p_next(P);
  while (!p_consume(P, "}")) {
    if (n) p_expect(P, ",", "between initializers");
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, open->loc, "expected '}'");
    if (n == cap) cw_error(P->d, P->tok->loc, "too many initializers");
    (*argv)[n++] = p_assign(P);
  }
  *nargs = n;
}

/* Constructor prologue: the object, `this`, the member initialisers. */
cw_node *p_ctor_prologue(Parser *P, cw_obj *fn);
cw_node *p_ctor_prologue(Parser *P, cw_obj *fn) {
  P_fninfo *fi = fn->fe_info;
  cw_type *ty = cw_ty_unqual(fi->cls);
  cw_loc loc = fn->loc;
  cw_obj *self = p_new_local(P, "__cw_self", ty, loc, CW_STORE_LOCAL);
  cw_obj *th = p_new_local(P, "__cw_this", cw_ty_pointer_to(P->a, ty), loc, CW_STORE_LOCAL);
  self->is_addressed = true;
  cw_node head = {0}, *cur = &head;
  cw_node *d1 = p_new_node(P, ND_DECL, loc);
  d1->var = self;
  cur = cur->next = d1;
  cw_node *d2 = p_new_node(P, ND_DECL, loc);
  d2->var = th;
  cur = cur->next = d2;
  cw_node *addr = p_new_node(P, ND_ADDR, loc);
  addr->lhs = p_new_var(P, self, loc);
  addr->ty = cw_ty_pointer_to(P->a, ty);
  cur = cur->next = p_expr_stmt(P, p_assign_raw(P, p_new_var(P, th, loc), addr));
  P->ctor_self = self;
  P->this_var = th;
  cw_node *saved_temps = P->temps;
  P->temps = NULL;
  cw_node *inits = NULL, **itail = &inits;
  int nmem = 0;
  for (cw_member *m = ty->members; m; m = m->next) nmem = m->idx + 1 > nmem ? m->idx + 1 : nmem;
  cw_node **by_member = CW_NEW_ARRAY(P->a, cw_node *, (size_t)nmem + 1);
  if (p_consume(P, ":")) {
    do {
      cw_token *mt = P->tok;
      if (!p_is_ident(mt)) cw_error(P->d, mt->loc, "expected a member name in the member initializer list");
      const char *mn = p_tokstr(P, mt);
      cw_member *m = find_member(ty, mn);
      if (!m) {
        P_class *pc = p_class_of(ty);
        if (pc && pc->inj && !strcmp(mn, pc->inj))
          cw_error(P->d, mt->loc, "delegating constructors are not supported; initialize the members of '%s' in "
                   "this constructor's own initializer list", ty->name ? ty->name : cw_ty_str(P->a, ty));
        if (p_eq(mt->next, "(") || p_eq(mt->next, "{"))
          cw_error(P->d, mt->loc, "'%s' is not a member of '%s' (base classes are not supported)", mn, cw_ty_str(P->a, ty));
        cw_error(P->d, mt->loc, "'%s' is not a member of '%s'", mn, cw_ty_str(P->a, ty));
      }
      p_next(P);
      cw_node **argv;
      int nargs;
      bool braces = p_eq(P->tok, "{");
      if (braces) brace_args(P, 8, &argv, &nargs); /* x{a, b}: same as x(a, b) here */
      else p_call_args_parse(P, &argv, &nargs);
      cw_node *v = init_value(P, m->ty, argv, nargs, mt->loc, "initializing member of type", P_INIT_DIRECT);
      if (m->idx < 0 || m->idx >= nmem) cw_error(P->d, mt->loc, "'%s' cannot be initialized here", mn);
      if (by_member[m->idx]) cw_error(P->d, mt->loc, "multiple initializations given for member '%s'", mn);
      by_member[m->idx] = p_expr_stmt(P, p_assign_raw(P, member_of_this(P, m, mt->loc), v));
    } while (p_consume(P, ","));
  }
  /* in declaration order (as C++ initialises members, whatever the list's
   * order); a member not in the list is default-initialised: its
   * constructor runs if it has one */
  for (cw_member *m = ty->members; m; m = m->next) {
    cw_node *s = m->idx >= 0 && m->idx < nmem ? by_member[m->idx] : NULL;
    if (!s) s = p_default_construct(P, member_of_this(P, m, loc), loc);
    if (!s) continue;
    *itail = s;
    while (s->next) s = s->next;
    itail = &s->next;
  }
  /* temporaries of the initialisers go before them */
  for (cw_node *t = P->temps; t;) {
    cw_node *next = t->next;
    t->next = NULL;
    cur = cur->next = t;
    t = next;
  }
  cur->next = inits;
  P->temps = saved_temps;
  return head.next;
}

/* T(args) or T{args} (the current token is '(' or '{'). */
static cw_node *construct(Parser *P, cw_type *ty, cw_loc loc, bool braces, int mode) {
  cw_node **argv;
  int nargs;
  P_class *c = p_class_of(ty);
  if (braces && !p_has_ctors(c)) {
    /* aggregate temporary: T{a, b} */
    cw_obj *tmp = p_new_temp(P, ty, loc);
    cw_node *stmts = p_local_init(P, tmp);
    cw_node *e = NULL;
    for (cw_node *s = stmts; s; s = s->next) {
      if (s->kind == ND_MEMZERO) continue;
      if (s->kind != ND_EXPR_STMT)
        cw_error(P->d, loc, "a temporary '%s{...}' whose elements without an initializer run a constructor is not "
                 "supported; initialize every element, or declare a variable", p_class_name(P, ty));
      e = p_comma(P, e, s->lhs);
    }
    return p_comma(P, e, p_new_var(P, tmp, loc));
  }
  if (braces) brace_args(P, 64, &argv, &nargs);
  else p_call_args_parse(P, &argv, &nargs);
  return init_value(P, ty, argv, nargs, loc, "initializing", mode);
}

cw_node *p_construct(Parser *P, cw_type *ty, cw_loc loc, bool braces) {
  return construct(P, ty, loc, braces, P_INIT_DIRECT);
}

cw_node *p_construct_list(Parser *P, cw_type *ty, cw_loc loc) { return construct(P, ty, loc, true, P_INIT_LIST); }

/* obj.name( ... ) or obj.name<...>( ... ): a member function call (P->tok
 * after the name). NULL (nothing consumed) when name is no member function
 * of obj's class. A member template's instance joins the non-template
 * overloads of its name when its arguments deduce. */
cw_node *p_member_call(Parser *P, cw_node *obj, cw_token *name_tok) {
  P_class *c = p_class_of(obj->ty);
  const char *name = p_tokstr(P, name_tok);
  P_entry *e = c ? class_entry(c, name) : NULL;
  P_fnlist *fns = entry_fns(P, e);
  struct P_template *T = e ? e->tmpl : NULL;
  if (!fns && !T) return NULL;
  if (p_eq(P->tok, "<") && !T) return NULL;
  if (T) {
    cw_token *after = P->tok;
    P->tok = name_tok;
    cw_obj *inst = fns && !p_eq(after, "<") ? p_tmpl_try_call_of(P, T) : p_tmpl_call_of(P, T);
    if (!inst) P->tok = after;
    else if (p_eq(after, "<") || !fns) fns = p_single(P, inst);
    else {
      P_fnlist *l = p_single(P, inst);
      l->next = fns;
      fns = l;
    }
  }
  cw_node **argv;
  int nargs;
  p_call_args_parse(P, &argv, &nargs);
  P_fninfo *fi = fns->fn->fe_info;
  const char *shown = fns->fn->src_name ? fns->fn->src_name : name;
  if (fns->next) shown = cw_arena_printf(P->a, "%s::%s", c->ty->name ? c->ty->name : "<anonymous>", name);
  if (fi && fi->is_static) return p_call(P, fns, shown, NULL, argv, nargs, name_tok->loc);
  return p_call(P, fns, shown, obj, argv, nargs, name_tok->loc);
}

/* ---------------- lambdas ---------------- */

typedef struct Capture {
  struct Capture *next;
  cw_obj *var;
  cw_loc loc;
} Capture;

static bool captured(Capture *l, cw_obj *v) {
  for (; l; l = l->next)
    if (l->var == v) return true;
  return false;
}

static cw_obj *capturable(Parser *P, cw_token *t) {
  P_entry *e = p_find_var(P, p_tokstr(P, t));
  if (!e || !e->var) return NULL;
  cw_obj *v = e->var;
  if ((v->storage != CW_STORE_LOCAL && v->storage != CW_STORE_PARAM) || v->fe_info != P->fn) return NULL;
  return v;
}

/* [captures](params) mutable? -> ret? { body } (P->tok at '['). */
cw_node *p_lambda(Parser *P) {
  cw_token *open = P->tok;
  cw_loc loc = open->loc;
  if (!P->fn) cw_error(P->d, loc, "lambdas are only supported inside device functions");
  p_next(P);
  bool by_value = false;
  Capture *caps = NULL, **ctail = &caps;
  bool first = true;
  while (!p_consume(P, "]")) {
    if (!first) p_expect(P, ",", "in lambda capture list");
    first = false;
    cw_token *t = P->tok;
    if (p_eq(t, "&"))
      cw_error(P->d, t->loc, "lambda capture by reference ('%s') is not supported; capture by value with '[=]'",
               p_is_ident(t->next) ? cw_arena_printf(P->a, "&%s", p_tokstr(P, t->next)) : "[&]");
    if (p_eq(t, "=")) {
      by_value = true;
      p_next(P);
      continue;
    }
    if (p_eq(t, "this") || p_eq(t, "*")) cw_error(P->d, t->loc, "capturing 'this' in a lambda is not supported");
    if (!p_is_ident(t)) cw_error(P->d, t->loc, "expected a variable name in lambda capture list");
    cw_obj *v = capturable(P, t);
    if (!v) cw_error(P->d, t->loc, "'%s' in a lambda capture list is not a local variable", p_tokstr(P, t));
    p_next(P);
    if (p_eq(P->tok, "=")) cw_error(P->d, P->tok->loc, "lambda init-captures are not supported");
    if (!captured(caps, v)) {
      Capture *c = CW_NEW(P->a, Capture);
      c->var = v;
      c->loc = t->loc;
      *ctail = c;
      ctail = &c->next;
    }
  }
  cw_type *fty;
  if (p_consume(P, "(")) fty = p_func_params(P, p_ty_auto());
  else fty = p_func_type(P, p_ty_auto());
  bool is_mutable = false;
  for (;;) {
    if (p_consume(P, "mutable")) is_mutable = true;
    else if (p_consume(P, "__device__") || p_consume(P, "__host__") || p_consume(P, "constexpr") ||
             p_consume(P, "noexcept")) {
    } else break;
  }
  if (p_consume(P, "->")) fty->return_ty = p_typename(P);
  if (!p_eq(P->tok, "{")) cw_error(P->d, P->tok->loc, "expected '{' to begin the lambda body");
  if (by_value) {
    /* [=]: the enclosing locals the body names */
    cw_token *s = P->tok;
    int depth = 0;
    for (cw_token *t = s; t->kind != CW_TK_EOF; t = t->next) {
      if (p_eq(t, "{")) depth++;
      else if (p_eq(t, "}") && --depth == 0) break;
      if (!p_is_ident(t)) continue;
      cw_token *prev = s;
      (void)prev;
      cw_obj *v = capturable(P, t);
      if (v && !captured(caps, v)) {
        Capture *c = CW_NEW(P->a, Capture);
        c->var = v;
        c->loc = t->loc;
        *ctail = c;
        ctail = &c->next;
      }
    }
  }
  /* the closure class */
  cw_type *ty = p_struct_type(P, TY_STRUCT);
  ty->name = cw_arena_printf(P->a, "cw_lambda_%d", P->next_id++);
  ty->loc = loc;
  cw_member head = {0}, *cur = &head;
  int idx = 0;
  for (Capture *c = caps; c; c = c->next) {
    cw_type *vt = p_deref_type(c->var->ty);
    if (vt->kind == TY_ARRAY)
      cw_error(P->d, c->loc, "capturing an array ('%s') in a lambda is not supported; pass it as an argument", c->var->name);
    cw_member *m = CW_NEW(P->a, cw_member);
    m->name = c->var->name;
    m->ty = cw_ty_unqual(vt);
    m->loc = c->loc;
    m->idx = idx++;
    cur = cur->next = m;
  }
  ty->members = head.next;
  p_class_fill(P, ty);
  p_struct_layout(P, ty, false);
  p_class_begin(P, ty);
  P_declspec attr;
  memset(&attr, 0, sizeof attr);
  attr.device = attr.host = true;
  P->fn_const = !is_mutable;
  /* declare operator() with the body at the current '{' */
  declare_method(P, ty, &attr, fty, "operator()", loc, false);
  p_class_end(P, ty);
  /* the object: a temporary initialised from the captured variables */
  cw_obj *tmp = p_new_temp(P, ty, loc);
  cw_node *e = NULL;
  cw_member *m = ty->members;
  for (Capture *c = caps; c; c = c->next, m = m->next) {
    cw_node *lhs = p_new_node(P, ND_MEMBER, c->loc);
    lhs->lhs = p_new_var(P, tmp, c->loc);
    lhs->member = m;
    lhs->ty = m->ty;
    e = p_comma(P, e, p_assign_raw(P, lhs, p_copy(P, p_rval(P, p_var_use(P, c->var, c->loc)), c->loc)));
  }
  return p_comma(P, e, p_new_var(P, tmp, loc));
}
