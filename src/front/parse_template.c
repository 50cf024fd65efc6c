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
 * tokens and parameter names (out_of_class). */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "front/parse.h"

void p_push_tag(Parser *P, const char *name, cw_type *ty);
cw_type *p_find_tag_here(Parser *P, const char *name);

#define TMPL_MAX_DEPTH 64   /* nested instantiations (C++ compilers allow ~900; recursion is the usual cause) */
#define TMPL_MAX_PARAMS 32

typedef struct T_param {
  const char *name;        /* NULL when unnamed */
  bool is_type;
  cw_type *vty;            /* non-type: the parameter's type */
  cw_token *def;           /* default argument tokens (first), or NULL */
  int ndef;
  cw_loc loc;
} T_param;

typedef struct T_arg {
  bool is_type;
  cw_type *ty;             /* type argument */
  int64_t ival;            /* non-type argument converted to the parameter type */
} T_arg;

typedef struct T_inst {
  struct T_inst *next;
  T_arg *args;
  const char *display, *ident;
  cw_obj *fn;              /* function templates */
  cw_type *ty;             /* struct templates */
  bool explicit_spec;
} T_inst;

typedef struct P_template {
  struct P_template *next;
  const char *name;
  bool is_struct, is_kernel;
  T_param *params;
  int nparams;
  cw_token *body;          /* first token of the declaration after template<...> */
  int nbody;               /* its length in tokens; 0 = declared only */
  int name_idx;            /* function templates: index of the name token in body */
  cw_loc loc;
  bool is_ctor;            /* a constructor template of cls */
  T_inst *insts;
  P_scope *scope;          /* where it was declared: instances are parsed there */
  P_ns *ns;
  cw_type *cls;            /* member function templates: the class (its scope is `scope`) */
  const char *qual;        /* member templates: "Cls::", prefixed to display names */
  /* member templates declared in the class and defined after it */
  const char **alias;      /* the parameters' names in the definition (NULL: as declared) */
  T_param *outer;          /* a class template's member: the class template's parameters as the
                              definition names them (nouter), bound to owner_args */
  int nouter;
  struct P_template *owner; /* the class template of cls, and cls's arguments */
  T_arg *owner_args;
  bool decl_static, decl_device, decl_host, decl_inline; /* from the in-class declaration */
  struct T_outdef *outdefs; /* class templates: members defined outside the class */
} P_template;

/* A member of a class template defined outside it: `template <class T>
 * template <class U> U S<T>::f(U u) {...}` (a member template: is_tmpl) or
 * `template <class T> T S<T>::get() const {...}` (a member function). */
typedef struct T_outdef {
  struct T_outdef *next;
  const char *name;
  bool is_tmpl;
  T_param *outer;          /* the class template's parameters as named here */
  int nouter;
  T_param *inner;          /* a member template's own parameters as named here */
  int ninner;
  cw_token *body;          /* member template: the tokens without the `S<T>::` qualifier; member
                              function: the whole declaration */
  int nbody, name_idx;
  P_scope *scope;          /* where the definition is */
  P_ns *ns;
  cw_loc loc;
  struct T_done *done;     /* member function: the instances it was parsed for */
} T_outdef;

typedef struct T_done {
  struct T_done *next;
  T_inst *I;
} T_done;

struct P_tmpl_state {
  P_template *list;
  P_scope *root;
  int depth;               /* instantiations in progress */
  int no_gt;               /* > 0 while parsing a non-type template argument */
  cw_type *inj_ty;         /* the class template instance whose body is being parsed ... */
  const char *inj_name;    /* ... and its template's name (constructors are written with it) */
  P_template *inj_tmpl;    /* ... the template and the instance's arguments */
  T_arg *inj_args;
};

static struct P_tmpl_state *state(Parser *P) {
  if (!P->tmpl) {
    P->tmpl = CW_NEW(P->a, struct P_tmpl_state);
    P_scope *s = P->scope;
    while (s->up) s = s->up;
    P->tmpl->root = s;
  }
  return P->tmpl;
}

static const char *where(Parser *P, cw_loc loc) {
  if (!loc.file) return "?";
  return cw_arena_printf(P->a, "%s:%d", loc.file->name, loc.line);
}

/* ---------------- lookup ---------------- */

/* Templates are entries of the scope that declares them (a namespace's
 * templates are found like its functions: qualified, through using, or from
 * inside it); an ordinary declaration of the same name hides them. */
static P_template *template_of(P_entry *e) {
  if (!e || !e->tmpl || e->var || e->is_const_val) return NULL;
  if (e->type_def && !e->injected) return NULL;
  return e->tmpl;
}

static P_template *find_template(Parser *P, const char *name) {
  if (!P->tmpl) return NULL;
  return template_of(p_find_var(P, name));
}

/* The template a token names, unless an ordinary declaration hides it. */
static P_template *named_template(Parser *P, cw_token *t) {
  if (!P->tmpl || !p_is_ident(t)) return NULL;
  return find_template(P, p_tokstr(P, t));
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
  P_template *T = template_of(p_find_in_scope(P, sc, p_tokstr(P, t)));
  if (T) *last = t;
  return T;
}

bool p_tmpl_is_struct(const P_template *T) { return T && T->is_struct; }

static cw_token *skip_angles(cw_token *t);

P_template *p_tmpl_qualifier(Parser *P, P_scope *sc, cw_token *t) {
  if (!P->tmpl || !p_is_ident(t) || !p_eq(t->next, "<")) return NULL;
  P_template *S = template_of(sc ? p_find_in_scope(P, sc, p_tokstr(P, t)) : p_find_var(P, p_tokstr(P, t)));
  if (!S || !S->is_struct) return NULL;
  cw_token *e = skip_angles(t->next);
  return e && p_eq(e, "::") ? S : NULL;
}

const char *p_tmpl_injected_name(Parser *P, cw_type *ty) {
  return P->tmpl && ty && P->tmpl->inj_ty == ty ? P->tmpl->inj_name : NULL;
}

bool p_tmpl_is_type_template(Parser *P, cw_token *t) {
  P_template *T = named_template(P, t);
  return T && T->is_struct && p_eq(t->next, "<");
}

bool p_tmpl_stops_at(Parser *P, cw_token *t) {
  return P->tmpl && P->tmpl->no_gt > 0 && (p_eq(t, ">") || p_eq(t, ">>"));
}

/* ---------------- tokens ---------------- */

/* Copies n tokens from `from` into a fresh list ending in an EOF token (so a
 * re-parse stops at the end of the declaration). */
static cw_token *copy_tokens(Parser *P, cw_token *from, int n) {
  cw_token head = {0}, *cur = &head;
  cw_token *last = from;
  for (int i = 0; i < n && from->kind != CW_TK_EOF; i++, from = from->next) {
    cw_token *c = CW_NEW(P->a, cw_token);
    *c = *from;
    cur = cur->next = c;
    last = from;
  }
  cw_token *eof = CW_NEW(P->a, cw_token);
  *eof = *last;
  eof->kind = CW_TK_EOF;
  eof->text = "";
  eof->len = 0;
  eof->next = NULL;
  cur->next = eof;
  return head.next;
}

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

/* Skips from '<' to after its matching '>' by counting (no parsing); returns
 * the token after it, or NULL when unbalanced before a ';', '{' or EOF. */
static cw_token *skip_angles(cw_token *t) {
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

static bool same_type(cw_type *a, cw_type *b) {
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

static bool same_args(P_template *T, const T_arg *a, const T_arg *b) {
  for (int i = 0; i < T->nparams; i++) {
    if (T->params[i].is_type ? !same_type(a[i].ty, b[i].ty) : a[i].ival != b[i].ival) return false;
  }
  return true;
}

static const char *type_display(Parser *P, cw_type *t) {
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

static const char *value_display(Parser *P, T_param *pp, int64_t v) {
  cw_type *t = cw_ty_unqual(pp->vty);
  if (t->kind == TY_BOOL) return v ? "true" : "false";
  if (t->is_unsigned) return cw_arena_printf(P->a, "%llu", (unsigned long long)v);
  return cw_arena_printf(P->a, "%lld", (long long)v);
}

/* "Cls::" of a member template, from the class's name now (an explicit
 * specialisation is named "Tile<0>" only once it is parsed) */
static const char *qual_of(Parser *P, P_template *T) {
  return T->cls && T->cls->name ? cw_arena_printf(P->a, "%s::", T->cls->name) : T->qual;
}

static const char *display_name(Parser *P, P_template *T, T_arg *args) {
  const char *s = cw_arena_printf(P->a, "%s%s<", T->qual ? qual_of(P, T) : "", T->name);
  for (int i = 0; i < T->nparams; i++) {
    const char *a = T->params[i].is_type ? type_display(P, args[i].ty)
                                         : value_display(P, &T->params[i], args[i].ival);
    s = cw_arena_printf(P->a, "%s%s%s", s, i ? ", " : "", a);
  }
  size_t n = strlen(s);
  return cw_arena_printf(P->a, "%s%s>", s, n && s[n - 1] == '>' ? " " : "");
}

/* A valid identifier in C and WGSL: "reduce_float_256", made unique. */
static const char *mangle(Parser *P, const char *display) {
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
  struct P_tmpl_state *st = state(P);
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

static int64_t convert_value(cw_type *to, P_val v) {
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

static void parse_one_arg(Parser *P, P_template *T, int i, T_arg *out) {
  T_param *pp = &T->params[i];
  cw_token *at = P->tok;
  const char *pname = pp->name ? pp->name : "<unnamed>";
  if (pp->is_type) {
    if (!starts_type(P, at))
      cw_error(P->d, at->loc, "template argument for type parameter '%s' of '%s' must be a type "
               "(template declared at %s)", pname, T->name, where(P, T->loc));
    out->is_type = true;
    out->ty = p_typename(P);
    if (out->ty->kind == TY_FUNC)
      cw_error(P->d, at->loc, "function types are not supported as template arguments");
    return;
  }
  if (starts_type(P, at) && !p_eq(at->next, "("))
    cw_error(P->d, at->loc, "template argument for non-type parameter '%s' of '%s' must be a constant "
             "expression, not a type (template declared at %s)", pname, T->name, where(P, T->loc));
  struct P_tmpl_state *st = state(P);
  st->no_gt++;
  cw_node *e = p_conditional(P);
  st->no_gt--;
  P_val v;
  if (!cw_ty_is_integer(e->ty) || !p_try_eval(P, e, &v) || v.is_float)
    cw_error(P->d, at->loc, "template argument for non-type parameter '%s' of '%s' is not an integer "
             "constant expression", pname, T->name);
  out->is_type = false;
  out->ival = convert_value(pp->vty, v);
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
                 where(P, T->loc));
      if (P->tok->kind == CW_TK_EOF) cw_error(P->d, lt->loc, "unterminated template argument list");
      parse_one_arg(P, T, n, &args[n]);
      have[n++] = true;
      if (!p_consume(P, ",")) break;
    }
  }
  close_angle(P, T);
}

/* ---------------- instantiation ---------------- */

/* Binds template parameter pp, under `name`, to arg (once per name). */
static void bind_one(Parser *P, T_param *pp, const char *name, T_arg *arg) {
  if (!name || p_find_var_here(P, name)) return;
  P_entry *e = p_push_var(P, name);
  if (pp->is_type) {
    e->type_def = arg->ty;
  } else {
    e->is_const_val = true;
    e->const_ty = cw_ty_unqual(pp->vty);
    e->ival = arg->ival;
    e->fval = (double)arg->ival;
  }
}

/* Makes a fresh file-level scope binding T's parameters 0..n-1 to args
 * (also under the names an out-of-class definition gives them, and the class
 * template's parameters as that definition names them). */
static void bind_params(Parser *P, P_template *T, T_arg *args, int n) {
  p_push_scope(P);
  for (int i = 0; i < n; i++) {
    bind_one(P, &T->params[i], T->params[i].name, &args[i]);
    if (T->alias) bind_one(P, &T->params[i], T->alias[i], &args[i]);
  }
  for (int i = 0; i < T->nouter; i++) bind_one(P, &T->outer[i], T->outer[i].name, &T->owner_args[i]);
}

/* Runs `fn` at file level (fresh scope under the file scope, no enclosing
 * function), then restores the parser; what must persist (globals, ids, used names, the
 * struct depth map) is kept. */
typedef struct {
  Parser saved;
} T_save;

static void enter_file_level(Parser *P, T_save *s, P_template *T) {
  s->saved = *P;
  P->scope = T->scope ? T->scope : state(P)->root;
  P->cur_ns = T->ns;
  P->fn = NULL;
  P->loop_depth = P->break_depth = 0;
  P->cur_switch = P->cur_switch_last = NULL;
  P->extern_c = false;
  P->in_sizeof = 0;
  P->host_params = false;
  P->locals_fn = NULL;
  P->locals_tail = NULL;
}

static void leave_file_level(Parser *P, T_save *s) {
  cw_obj *gh = P->gl_head, *gt = P->gl_tail;
  int id = P->next_id;
  P_ptrmap sd = P->struct_depth;
  struct P_tmpl_state *st = P->tmpl;
  P_index used = P->used_names; /* by value: the instance's names (and a regrown table) must stay */
  *P = s->saved;
  P->gl_head = gh;
  P->gl_tail = gt;
  P->next_id = id;
  P->struct_depth = sd;
  P->tmpl = st;
  P->used_names = used;
}

/* Fills the defaults of parameters not given (in order: a default may use
 * earlier parameters, `int N = sizeof(T) * 8`). Returns the first parameter
 * that has neither an argument nor a default, or -1. */
static int fill_defaults(Parser *P, P_template *T, T_arg *args, bool *have) {
  for (int i = 0; i < T->nparams; i++) {
    if (have[i]) continue;
    T_param *pp = &T->params[i];
    if (!pp->def) return i;
    T_save sv;
    enter_file_level(P, &sv, T);
    bind_params(P, T, args, i);
    P->tok = copy_tokens(P, pp->def, pp->ndef);
    parse_one_arg(P, T, i, &args[i]);
    if (P->tok->kind != CW_TK_EOF)
      cw_error(P->d, P->tok->loc, "unexpected '%s' in default template argument", p_tokstr(P, P->tok));
    leave_file_level(P, &sv);
    have[i] = true;
  }
  return -1;
}

static T_inst *find_inst(P_template *T, T_arg *args) {
  for (T_inst *I = T->insts; I; I = I->next)
    if (same_args(T, I->args, args)) return I;
  return NULL;
}

static T_inst *new_inst(Parser *P, P_template *T, T_arg *args) {
  T_inst *I = CW_NEW(P->a, T_inst);
  I->args = CW_NEW_ARRAY(P->a, T_arg, T->nparams ? T->nparams : 1);
  memcpy(I->args, args, sizeof *args * (size_t)T->nparams);
  I->display = display_name(P, T, args);
  I->ident = mangle(P, I->display);
  I->next = T->insts;
  T->insts = I;
  return I;
}

static void drop_inst(P_template *T, T_inst *I) {
  for (T_inst **pp = &T->insts; *pp; pp = &(*pp)->next)
    if (*pp == I) {
      *pp = I->next;
      return;
    }
}

/* One step of an instantiation, run by in_instance: parsing a class or
 * function instance (instance_decl), a member template instance's declaration
 * (member_decl) or, once overload resolution chose it, its body (member_body). */
typedef struct T_job {
  void (*run)(Parser *P, struct T_job *j);
  P_template *T;
  T_inst *I;
  cw_token *toks;   /* the declaration's tokens (EOF-terminated) */
  cw_loc use;       /* where the instance was requested (the note) */
  bool no_bind;     /* an explicit specialisation: no parameters to bind */
  int on_error;     /* what an error undoes: T_DROP the instance, T_BODY a member body left to
                       parse again, T_KEEP nothing */
  P_scope *scope;   /* where to parse (NULL: where T was declared) */
  P_ns *ns;
  const char *what; /* the instantiation the note names (NULL: the instance) */
} T_job;

enum { T_DROP, T_BODY, T_KEEP };

/* Runs j at file level with T's parameters in scope. An error inside undoes
 * what the job began (the instance is dropped, or a member body is left to
 * parse again) and is followed by a note naming the instantiation. */
static void in_instance(Parser *P, T_job *j) {
  struct P_tmpl_state *st = state(P);
  if (st->depth >= TMPL_MAX_DEPTH)
    cw_error(P->d, j->use, "template instantiation depth exceeds %d while instantiating '%s' "
             "(infinite recursion?; template declared at %s)", TMPL_MAX_DEPTH, j->I->display, where(P, j->T->loc));
  P_class *c = j->T->cls ? p_class_of(j->T->cls) : NULL;
  T_save sv;
  enter_file_level(P, &sv, j->T);
  if (j->scope) {
    P->scope = j->scope;
    P->cur_ns = j->ns;
  }
  st->depth++;
  jmp_buf jb, *outer = P->d->on_error;
  T_job *volatile vj = j;
  P_class *volatile vc = c;
  P_scope *volatile cls_up = c ? c->scope->up : NULL;
  cw_type *volatile inj_ty = st->inj_ty;
  const char *volatile inj_name = st->inj_name;
  P_template *volatile inj_tmpl = st->inj_tmpl;
  T_arg *volatile inj_args = st->inj_args;
  P->d->on_error = &jb;
  if (setjmp(jb)) {
    P->d->on_error = outer;
    st->depth--;
    st->inj_ty = inj_ty;
    st->inj_name = inj_name;
    st->inj_tmpl = inj_tmpl;
    st->inj_args = inj_args;
    if (vc) vc->scope->up = cls_up;
    if (vj->on_error == T_BODY) ((P_fninfo *)vj->I->fn->fe_info)->body_pending = true;
    else if (vj->on_error == T_DROP) drop_inst(vj->T, vj->I);
    leave_file_level(P, &sv);
    if (vj->use.file)
      cw_note(P->d, vj->use, "in instantiation of '%s' requested here", vj->what ? vj->what : vj->I->display);
    longjmp(*outer, 1);
  }
  j->run(P, j);
  P->d->on_error = outer;
  st->depth--;
  st->inj_ty = inj_ty;
  st->inj_name = inj_name;
  st->inj_tmpl = inj_tmpl;
  st->inj_args = inj_args;
  if (c) c->scope->up = cls_up;
  leave_file_level(P, &sv);
}

/* A class or function template's instance: its tokens parsed as one
 * file-level declaration with the parameters bound. */
static void instance_decl(Parser *P, T_job *j) {
  struct P_tmpl_state *st = state(P);
  P_template *T = j->T;
  T_inst *I = j->I;
  bind_params(P, T, I->args, j->no_bind ? 0 : T->nparams); /* a fresh scope, also for a specialisation */
  if (T->is_struct) {
    /* the injected-class-name: `Vec` and `Vec<T>` inside its own body are
     * this instance (a type that still names the template before '<'), and
     * constructors are written `Vec(...)`. An explicit specialisation's tag
     * token was replaced by the instance's identifier. */
    cw_token *kw = j->toks;
    while (kw->kind != CW_TK_EOF && !p_eq(kw, "struct") && !p_eq(kw, "class") && !p_eq(kw, "union")) kw = kw->next;
    cw_type *ty = p_struct_type(P, p_eq(kw, "union") ? TY_UNION : TY_STRUCT);
    ty->name = I->display;
    ty->loc = I->explicit_spec ? j->use : T->loc;
    p_push_tag(P, I->explicit_spec ? I->ident : T->name, ty);
    P_entry *e = p_push_var(P, T->name);
    e->type_def = ty;
    e->tmpl = T;
    e->injected = true;
    I->ty = ty;
    st->inj_ty = ty;
    st->inj_name = T->name;
    st->inj_tmpl = T;
    st->inj_args = I->args;
  }
  P->tok = j->toks;
  p_file_declaration(P);
  if (P->tok->kind != CW_TK_EOF)
    cw_error(P->d, P->tok->loc, "unexpected '%s' after the templated declaration", p_tokstr(P, P->tok));
  if (T->is_struct) {
    if (!I->ty || I->ty->size < 0) cw_error(P->d, T->loc, "template '%s' does not define a struct", T->name);
  } else {
    P_entry *e = p_find_var_here(P, I->ident);
    if (!e || !e->var || e->var->storage != CW_STORE_FUNC)
      cw_error(P->d, T->loc, "template '%s' does not declare a function", T->name);
    I->fn = e->var;
    I->fn->display_name = I->display;
  }
}

/* A member function template's instance: its declaration is parsed with the
 * parameters bound over the class scope (members and the class's own
 * template parameters are visible) and declared as an ordinary member
 * function (a constructor for a constructor template) named by the instance.
 * Its body is parsed when a call chooses it (member_body), so that a
 * candidate that loses overload resolution is never compiled, as in C++. */
static void member_decl(Parser *P, T_job *j) {
  P_template *T = j->T;
  T_inst *I = j->I;
  P_class *c = p_class_of(T->cls);
  bind_params(P, T, I->args, T->nparams);
  P->tok = j->toks;
  P_fnlist *pending = c->pending, *ctors = c->ctors;
  if (T->is_ctor) {
    if (!p_class_member(P, T->cls) || c->ctors == ctors)
      cw_error(P->d, T->loc, "constructor template of '%s' does not declare a constructor", T->cls->name);
    c->ctors = ctors; /* an instance is a candidate only through its template (p_tmpl_ctor_candidates) */
  } else {
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    cw_token *name = NULL;
    cw_token *dt = P->tok;
    cw_type *fty = p_declarator(P, base, &name);
    if (fty->kind != TY_FUNC || !name)
      cw_error(P->d, dt->loc, "member template '%s' does not declare a member function", T->name);
    /* a definition outside the class: what its declaration in the class said */
    attr.is_static |= T->decl_static;
    attr.device |= T->decl_device;
    attr.host |= T->decl_host;
    attr.is_inline |= T->decl_inline;
    p_class_method(P, T->cls, &attr, fty, name);
  }
  if (P->tok->kind != CW_TK_EOF)
    cw_error(P->d, P->tok->loc, "unexpected '%s' after the templated declaration", p_tokstr(P, P->tok));
  if (c->pending == pending)
    cw_error(P->d, T->loc, "member function template '%s' must be defined inside its class", T->name);
  cw_obj *fn = c->pending->fn;
  c->pending = c->pending->next;
  P_fninfo *fi = fn->fe_info;
  fi->from_tmpl = true;
  fi->body_pending = true;
  fi->tmpl = T;
  fi->tmpl_inst = I;
  fn->src_name = I->display;
  fn->display_name = I->display;
  I->fn = fn;
}

static void member_body(Parser *P, T_job *j) {
  /* p_parse_fn_body puts the class scope over the current one, so the
   * parameters are bound again under it */
  P->scope = p_class_of(j->T->cls)->scope->up;
  bind_params(P, j->T, j->I->args, j->T->nparams);
  P->tok = ((P_fninfo *)j->I->fn->fe_info)->body_tok;
  p_parse_fn_body(P, j->I->fn);
}

void p_tmpl_member_body(Parser *P, cw_obj *fn, cw_loc use) {
  P_fninfo *fi = fn->fe_info;
  if (!fi || !fi->body_pending) return;
  fi->body_pending = false; /* a recursive call inside finds it declared (recursion is refused later) */
  T_job j = {member_body, fi->tmpl, fi->tmpl_inst, NULL, use, false, T_BODY, NULL, NULL, NULL};
  in_instance(P, &j);
}

/* A member template T of a class template instance, declared in the class:
 * takes the definition given outside the class, if any. */
static void adopt_outdef(Parser *P, P_template *T) {
  if (!T->owner) return;
  for (T_outdef *d = T->owner->outdefs; d; d = d->next) {
    if (!d->is_tmpl || strcmp(d->name, T->name)) continue;
    if (d->ninner != T->nparams)
      cw_error(P->d, d->loc, "out-of-class definition of member template '%s%s' has %d template parameters; its "
               "declaration has %d (declared at %s)", qual_of(P, T), T->name, d->ninner, T->nparams, where(P, T->loc));
    T->body = d->body;
    T->nbody = d->nbody;
    T->name_idx = d->name_idx;
    T->alias = CW_NEW_ARRAY(P->a, const char *, (size_t)d->ninner + 1);
    for (int i = 0; i < d->ninner; i++) T->alias[i] = d->inner[i].name;
    T->outer = d->outer;
    T->nouter = d->nouter;
    return;
  }
}

/* A member template used at `use` must have its definition by now. */
static void member_defined(Parser *P, P_template *T, cw_loc use) {
  if (T->nbody || !T->cls) return;
  adopt_outdef(P, T);
  if (!T->nbody)
    cw_error(P->d, use, "member function template '%s%s' is declared but not defined before this use (declared at %s; "
             "define it in its class, or after the class and before its first use)", qual_of(P, T), T->name,
             where(P, T->loc));
}

/* Runs the out-of-class definition of a class template's member function
 * for one instance: its tokens parsed at file level with the class template's
 * parameters (as the definition names them) bound to the instance's
 * arguments; the qualified declarator `S<T>::get` names the instance. */
typedef struct {
  T_job job;
  T_outdef *def;
  T_arg *args;
} T_outjob;

static void outdef_decl(Parser *P, T_job *j) {
  T_outjob *o = (T_outjob *)j;
  p_push_scope(P);
  for (int i = 0; i < o->def->nouter; i++) bind_one(P, &o->def->outer[i], o->def->outer[i].name, &o->args[i]);
  P->tok = j->toks;
  p_file_declaration(P);
  if (P->tok->kind != CW_TK_EOF)
    cw_error(P->d, P->tok->loc, "unexpected '%s' after the member function's definition", p_tokstr(P, P->tok));
}

bool p_tmpl_outdef_body(Parser *P, cw_obj *fn, cw_loc use) {
  P_fninfo *fi = fn->fe_info;
  if (!P->tmpl || !fi || !fi->cls || fn->body || fi->is_ctor) return false;
  cw_type *cls = cw_ty_unqual(fi->cls);
  for (P_template *S = P->tmpl->list; S; S = S->next) {
    if (!S->is_struct || !S->outdefs) continue;
    for (T_inst *I = S->insts; I; I = I->next) {
      if (I->ty != cls) continue;
      const char *name = fn->src_name ? strrchr(fn->src_name, ':') : NULL;
      name = name ? name + 1 : fn->name;
      for (T_outdef *d = S->outdefs; d; d = d->next) {
        if (d->is_tmpl || strcmp(d->name, name)) continue;
        bool done = false;
        for (T_done *x = d->done; x && !done; x = x->next) done = x->I == I;
        if (done) continue;
        T_done *x = CW_NEW(P->a, T_done);
        x->I = I;
        x->next = d->done;
        d->done = x;
        /* parsed where it was written */
        T_outjob o = {{outdef_decl, S, I, copy_tokens(P, d->body, d->nbody), use, false, T_KEEP, d->scope, d->ns,
                       cw_arena_printf(P->a, "%s::%s", I->display, name)},
                      d, I->args};
        in_instance(P, &o.job);
        if (fn->body) return true;
      }
      return false;
    }
  }
  return false;
}

static T_inst *instantiate(Parser *P, P_template *T, T_arg *args, cw_loc use) {
  T_inst *I = find_inst(T, args);
  if (I) {
    if (!T->is_struct && !I->fn)
      cw_error(P->d, use, "'%s' is used recursively while it is being instantiated; recursion is not supported "
               "in device code", I->display);
    return I;
  }
  member_defined(P, T, use);
  if (!T->nbody)
    cw_error(P->d, use, "template '%s' is declared but not defined (declared at %s)", T->name, where(P, T->loc));
  I = new_inst(P, T, args);
  cw_token *toks = copy_tokens(P, T->body, T->nbody);
  if (!T->is_struct && !T->is_ctor) {
    cw_token *nt = toks;
    for (int i = 0; i < T->name_idx; i++) nt = nt->next;
    nt->text = I->ident;
    nt->len = (int)strlen(I->ident);
  }
  T_job j = {T->cls ? member_decl : instance_decl, T, I, toks, use, false, T_DROP, NULL, NULL, NULL};
  in_instance(P, &j);
  return I;
}

/* ---------------- deduction ---------------- */

static int param_index(P_template *T, const char *name) {
  for (int i = 0; i < T->nparams; i++) {
    if (T->params[i].name && !strcmp(T->params[i].name, name)) return i;
    if (T->alias && T->alias[i] && !strcmp(T->alias[i], name)) return i; /* as an out-of-class definition names it */
  }
  return -1;
}

static void deduce_set(Parser *P, P_template *T, int pi, T_arg *val, T_arg *args, bool *have, bool *expl,
                       cw_loc loc) {
  if (expl[pi]) return; /* explicitly given: the argument converts */
  if (have[pi]) {
    bool same = T->params[pi].is_type ? same_type(args[pi].ty, val->ty) : args[pi].ival == val->ival;
    if (!same)
      cw_error(P->d, loc, "conflicting deductions for template parameter '%s' of '%s' ('%s' vs '%s')",
               T->params[pi].name, T->name,
               T->params[pi].is_type ? type_display(P, args[pi].ty) : value_display(P, &T->params[pi], args[pi].ival),
               T->params[pi].is_type ? type_display(P, val->ty) : value_display(P, &T->params[pi], val->ival));
    return;
  }
  args[pi] = *val;
  have[pi] = true;
}

/* Deduces from one function parameter written as tokens [a, b) and the type
 * of the call argument: `T`, `T*`, `const T*`, `T&`, `const T&`,
 * `T* __restrict__`, `T a[]`, `Vec<T, N>` (and pointers/references to it). */
static void deduce_param(Parser *P, P_template *T, cw_token *a, cw_token *b, cw_type *aty, T_arg *args, bool *have,
                         bool *expl, cw_loc loc) {
  int ptr = 0, pi = -1;
  bool konst = false, seen_star = false;
  cw_token *tid = NULL; /* Vec in `Vec<T, N>` */
  for (cw_token *t = a; t && t != b; t = t->next) {
    if (p_eq(t, "*") || p_eq(t, "[")) { ptr++; seen_star = true; }
    else if (p_eq(t, "const") && !seen_star) konst = true;
    else if (p_eq(t, "<") && t != a) {
      cw_token *end = skip_angles(t);
      if (!end) return;
      t = end;
      if (t == b) break;
      if (p_eq(t, "*") || p_eq(t, "[")) { ptr++; seen_star = true; }
      continue;
    } else if (p_is_ident(t) && pi < 0 && !tid) {
      const char *n = p_tokstr(P, t);
      int k = param_index(T, n);
      if (k >= 0 && T->params[k].is_type) pi = k;
      else if (p_eq(t->next, "<") && find_template(P, n) && find_template(P, n)->is_struct) tid = t;
    }
  }
  cw_type *at = aty;
  for (int i = 0; i < ptr; i++) {
    at = cw_ty_unqual(at);
    if (at->kind != TY_PTR && at->kind != TY_ARRAY) return; /* the conversion check reports it */
    at = at->base;
  }
  if (pi >= 0) {
    T_arg v = {.is_type = true, .ty = (ptr == 0 || konst) ? cw_ty_unqual(at) : at};
    deduce_set(P, T, pi, &v, args, have, expl, loc);
    return;
  }
  if (!tid) return;
  /* Vec<T, N>: the argument must be an instance of Vec; match plain parameter names */
  P_template *U = find_template(P, p_tokstr(P, tid));
  cw_type *ut = cw_ty_unqual(at);
  T_inst *I = NULL;
  for (T_inst *J = U->insts; J; J = J->next)
    if (J->ty == ut) I = J;
  if (!I) return;
  cw_token *t = tid->next->next;
  for (int k = 0; k < U->nparams && t && t != b; k++) {
    cw_token *g = t;
    int depth = 0;
    while (t && t != b && !(depth == 0 && (p_eq(t, ",") || p_eq(t, ">") || p_eq(t, ">>")))) {
      if (p_eq(t, "<") || p_eq(t, "(")) depth++;
      else if (p_eq(t, ">") || p_eq(t, ")")) depth--;
      t = t->next;
    }
    if (g->next == t && p_is_ident(g)) {
      int j = param_index(T, p_tokstr(P, g));
      if (j >= 0 && T->params[j].is_type == U->params[k].is_type) {
        T_arg v = I->args[k];
        if (!v.is_type) v.ival = convert_value(T->params[j].vty, (P_val){.i = v.ival});
        deduce_set(P, T, j, &v, args, have, expl, loc);
      }
    }
    if (!t || t == b || !p_eq(t, ",")) break;
    t = t->next;
  }
}

static void deduce_types(Parser *P, P_template *T, cw_type **atys, int nargs, T_arg *args, bool *have, bool *expl,
                         cw_loc loc);

/* Deduces from the call's arguments (P->tok at '('; restored afterwards). */
static void deduce(Parser *P, P_template *T, T_arg *args, bool *have, bool *expl, cw_loc loc) {
  cw_token *open = P->tok;
  cw_type *atys[256];
  int nargs = 0;
  p_next(P);
  while (!p_consume(P, ")")) {
    if (nargs) p_expect(P, ",", "between arguments");
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected ')'");
    cw_node *e = p_rval(P, p_assign(P));
    if (nargs < 256) atys[nargs] = e->ty;
    nargs++;
  }
  P->tok = open;
  deduce_types(P, T, atys, nargs, args, have, expl, loc);
}

/* Deduces from the types of the call's arguments (atys, nargs of them; only
 * the first 256 count). */
static void deduce_types(Parser *P, P_template *T, cw_type **atys, int nargs, T_arg *args, bool *have, bool *expl,
                         cw_loc loc) {
  if (!T->nbody) return;
  /* the parameter list in the captured declaration */
  cw_token *t = T->body;
  for (int i = 0; i < T->name_idx; i++) t = t->next;
  t = t->next; /* '(' */
  if (!p_eq(t, "(")) return;
  t = t->next;
  for (int k = 0; k < nargs && k < 256; k++) {
    cw_token *a = t;
    int depth = 0;
    while (t->kind != CW_TK_EOF && !(depth == 0 && (p_eq(t, ",") || p_eq(t, ")")))) {
      if (p_eq(t, "(") || p_eq(t, "[")) depth++;
      else if (p_eq(t, ")") || p_eq(t, "]")) depth--;
      else if (p_eq(t, "<")) {
        cw_token *e = skip_angles(t);
        if (e) { t = e; continue; }
      }
      t = t->next;
    }
    if (a == t) break;
    deduce_param(P, T, a, t, atys[k], args, have, expl, loc);
    if (!p_eq(t, ",")) break;
    t = t->next;
  }
}

/* ---------------- uses ---------------- */

cw_type *p_tmpl_type_id(Parser *P) { return p_tmpl_type_of(P, named_template(P, P->tok)); }

cw_type *p_tmpl_type_of(Parser *P, P_template *T) {
  cw_token *t = P->tok;
  if (!T || !T->is_struct) cw_error(P->d, t->loc, "expected a class template name");
  p_next(P);
  T_arg args[TMPL_MAX_PARAMS];
  bool have[TMPL_MAX_PARAMS] = {0};
  memset(args, 0, sizeof args);
  parse_args(P, T, args, have);
  int miss = fill_defaults(P, T, args, have);
  if (miss >= 0)
    cw_error(P->d, t->loc, "too few template arguments for '%s' (expected %d; template declared at %s)", T->name,
             T->nparams, where(P, T->loc));
  return instantiate(P, T, args, t->loc)->ty;
}

cw_obj *p_tmpl_call_target(Parser *P) {
  P_template *T = named_template(P, P->tok);
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
  member_defined(P, T, t->loc);
  if (!all) deduce(P, T, args, have, expl, t->loc);
  for (int i = 0; i < T->nparams; i++)
    if (!have[i] && !T->params[i].def)
      cw_error(P->d, t->loc, "cannot deduce template parameter '%s' of '%s%s' (template declared at %s); "
               "give it explicitly: %s<...>(...)", T->params[i].name ? T->params[i].name : "<unnamed>",
               T->qual ? qual_of(P, T) : "", T->name, where(P, T->loc), T->name);
  fill_defaults(P, T, args, have);
}

cw_obj *p_tmpl_call_of(Parser *P, P_template *T) {
  cw_loc use = P->tok->loc;
  T_arg args[TMPL_MAX_PARAMS];
  call_args_of(P, T, args);
  return instantiate(P, T, args, use)->fn;
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
    leave_file_level(P, &sv);
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
  return instantiate(P, T, args, name->loc)->fn;
}

static bool deduce_ctor(Parser *P, void *ctx) {
  T_try *t = ctx;
  bool have[TMPL_MAX_PARAMS] = {0}, expl[TMPL_MAX_PARAMS] = {0};
  memset(t->args, 0, sizeof *t->args * TMPL_MAX_PARAMS);
  deduce_types(P, t->T, t->atys, t->nargs, t->args, have, expl, t->loc);
  for (int i = 0; i < t->T->nparams; i++)
    if (!have[i] && !t->T->params[i].def) return false;
  return fill_defaults(P, t->T, t->args, have) < 0;
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
    cw_obj *f = instantiate(P, r->t, args, loc)->fn;
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

/* The tokens of function parameter k in T's declaration: [*a, *b). */
static bool param_tokens(P_template *T, int k, cw_token **a, cw_token **b) {
  cw_token *t = T->body;
  for (int i = 0; i < T->name_idx; i++) t = t->next;
  t = t->next;
  if (!p_eq(t, "(")) return false;
  t = t->next;
  for (int i = 0;; i++) {
    cw_token *s = t;
    int depth = 0;
    while (t->kind != CW_TK_EOF && !(depth == 0 && (p_eq(t, ",") || p_eq(t, ")")))) {
      if (p_eq(t, "(") || p_eq(t, "[")) depth++;
      else if (p_eq(t, ")") || p_eq(t, "]")) depth--;
      else if (p_eq(t, "<")) {
        cw_token *e = skip_angles(t);
        if (e) { t = e; continue; }
      }
      t = t->next;
    }
    if (i == k) {
      *a = s;
      *b = t;
      return s != t;
    }
    if (!p_eq(t, ",")) return false;
    t = t->next;
  }
}

/* Parameter k of T is a bare type parameter (`U`, `const U &`, `U v`):
 * it accepts any argument type. */
static bool bare_param(Parser *P, P_template *T, int k) {
  cw_token *a, *b;
  if (!param_tokens(T, k, &a, &b)) return true;
  int idents = 0;
  bool typeparam = false;
  for (cw_token *t = a; t != b; t = t->next) {
    if (p_eq(t, "const") || p_eq(t, "volatile") || p_eq(t, "&") || p_eq(t, "&&")) continue;
    if (p_eq(t, "=")) break; /* a default argument */
    if (!p_is_ident(t)) return false;
    int pi = param_index(T, p_tokstr(P, t));
    if (idents++ == 0) typeparam = pi >= 0 && T->params[pi].is_type;
  }
  return typeparam && idents <= 2; /* the type and the parameter's name */
}

bool p_tmpl_more_specialized(Parser *P, P_template *a, P_template *b, int nargs) {
  bool strictly = false;
  for (int k = 0; k < nargs; k++) {
    bool ba = bare_param(P, a, k), bb = bare_param(P, b, k);
    if (ba && !bb) return false;
    if (!ba && bb) strictly = true;
  }
  return strictly;
}

/* The member function template `name` of class cls, or NULL. */
P_template *p_tmpl_member(Parser *P, cw_type *cls, const char *name) {
  P_class *c = p_class_of(cls);
  if (!c || !P->tmpl) return NULL;
  for (P_entry *e = c->scope->vars; e; e = e->next)
    if (!strcmp(e->name, name)) return e->tmpl;
  return NULL;
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
    else if (depth == 0 && !T && p_eq(t->next, "<") && (T = named_template(P, t))) break;
    else if (p_eq(t, "{")) break;
  }
  if (!T) cw_error(P->d, kw->loc, "explicit instantiation must name a template followed by its arguments");
  P->tok = t->next;
  T_arg args[TMPL_MAX_PARAMS];
  bool have[TMPL_MAX_PARAMS] = {0};
  memset(args, 0, sizeof args);
  parse_args(P, T, args, have);
  int miss = fill_defaults(P, T, args, have);
  if (miss >= 0)
    cw_error(P->d, t->loc, "explicit instantiation of '%s' needs template parameter '%s' (give every argument "
             "that has no default)", T->name, T->params[miss].name ? T->params[miss].name : "<unnamed>");
  instantiate(P, T, args, t->loc);
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
    if (p_eq(t->next, "<") && named_template(P, t)) {
      cw_token *end = skip_angles(t->next);
      if ((prev && (p_eq(prev, "struct") || p_eq(prev, "class") || p_eq(prev, "union"))) ||
          (end && p_eq(end, "("))) {
        name = t;
        break;
      }
    }
  }
  if (!name) cw_error(P->d, kw->loc, "explicit specialization ('template<>') must name a template with its arguments, "
                      "e.g. 'template<> struct Traits<float> {...}'");
  P_template *T = named_template(P, name);
  P->tok = name->next;
  T_arg args[TMPL_MAX_PARAMS];
  bool have[TMPL_MAX_PARAMS] = {0};
  memset(args, 0, sizeof args);
  parse_args(P, T, args, have);
  int miss = fill_defaults(P, T, args, have);
  if (miss >= 0)
    cw_error(P->d, name->loc, "explicit specialization of '%s' must give template parameter '%s'", T->name,
             T->params[miss].name ? T->params[miss].name : "<unnamed>");
  cw_token *after = P->tok; /* first token after the argument list */
  T_inst *old = find_inst(T, args);
  if (old && old->explicit_spec)
    cw_error(P->d, name->loc, "redefinition of explicit specialization '%s'", old->display);
  if (old)
    cw_error(P->d, name->loc, "explicit specialization of '%s' after its instantiation", old->display);
  T_inst *I = new_inst(P, T, args);
  I->explicit_spec = true;
  /* the tokens with NAME<ARGS> replaced by the instance's identifier */
  int before = idx;
  cw_token *toks = copy_tokens(P, start, before + 1);
  cw_token *last = toks;
  while (last->next->kind != CW_TK_EOF) last = last->next;
  last->text = I->ident;
  last->len = (int)strlen(I->ident);
  int rest = 0;
  cw_token *end = start;
  for (int i = 0; i < n; i++) end = end->next; /* first token after the declaration */
  for (cw_token *u = after; u != end && u->kind != CW_TK_EOF; u = u->next) rest++;
  last->next = copy_tokens(P, after, rest);
  T_job j = {instance_decl, T, I, toks, name->loc, true, T_DROP, NULL, NULL, NULL};
  in_instance(P, &j);
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
        cw_token *e = skip_angles(nx);
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
  cw_token *eof = CW_NEW(P->a, cw_token);
  *eof = *t;
  eof->kind = CW_TK_EOF;
  eof->text = "";
  eof->len = 0;
  eof->next = NULL;
  cur->next = eof;
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
    bool last = p_eq(nx, "<") ? skip_angles(nx)->next == name : nx->next == name;
    if (p_eq(nx, "<")) {
      P_template *S = template_of(sc ? p_find_in_scope(P, sc, cn) : p_find_var(P, cn));
      if (!S || !S->is_struct) cw_error(P->d, t->loc, "'%s' is not a class template", cn);
      if (!last)
        cw_error(P->d, t->loc, "members of classes nested in class template '%s' cannot be defined outside it", cn);
      /* S<T, N>: exactly the class template's parameters, as this definition names them */
      T_param *cp = outer ? outer->params : T->params;
      int ncp = outer ? outer->nparams : T->nparams;
      cw_token *a = nx->next, *end = skip_angles(nx);
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
        d->body = copy_tokens(P, body, n);
        d->nbody = n;
        d->name_idx = T->name_idx;
      }
      for (T_outdef *o = S->outdefs; o; o = o->next)
        if (o->is_tmpl == d->is_tmpl && !strcmp(o->name, nm) && (d->is_tmpl || same_signature(P, o, d)))
          cw_error(P->d, name->loc, "redefinition of %s '%s::%s' (previous at %s)",
                   d->is_tmpl ? "member template" : "member function", S->name, nm, where(P, o->loc));
      d->next = S->outdefs;
      S->outdefs = d;
      return;
    }
    P_scope *ns = p_scope_named(P, sc, t);
    if (!ns) {
      if (template_of(sc ? p_find_in_scope(P, sc, cn) : p_find_var(P, cn)))
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
      P_template *old = template_of(p_find_in_scope(P, ns, nm));
      if (!old || old->is_struct)
        cw_error(P->d, name->loc, "out-of-line definition of '%s' does not match any template declared in '%s'", nm, cn);
      if (old->nbody) cw_error(P->d, name->loc, "redefinition of template '%s'", nm);
      if (old->nparams != T->nparams)
        cw_error(P->d, name->loc, "redeclaration of template '%s' with a different parameter list (previous at %s)",
                 nm, where(P, old->loc));
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
               nm, where(P, M->loc));
    if (M->nparams != T->nparams)
      cw_error(P->d, name->loc, "out-of-class definition of member template '%s::%s' has %d template parameters; its "
               "declaration has %d (declared at %s)", cls->name ? cls->name : cn, nm, T->nparams, M->nparams,
               where(P, M->loc));
    M->body = copy_without(P, body, n, qual, T->name_idx);
    M->nbody = n - (T->name_idx - qual);
    M->name_idx = qual;
    set_alias(P, M, T->params);
    return;
  }
}

void p_template_decl(Parser *P) {
  cw_token *kw = P->tok;
  struct P_tmpl_state *st = state(P);
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
  bool has_body = false;
  cw_token *u = body;
  for (int i = 0; i < n; i++, u = u->next)
    if (p_eq(u, "{")) has_body = true;
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
               T->name, where(P, old->loc));
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
  struct P_tmpl_state *st = state(P);
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
  bool has_body = false;
  cw_token *u = body;
  for (int i = 0; i < n; i++, u = u->next)
    if (p_eq(u, "{")) has_body = true;
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

/* ---------------- end of file: launches in host code ---------------- */

/* Parses the arguments at lt ('<') at file level; false (nothing reported)
 * when they do not parse, e.g. they name host locals. */
static bool host_args(Parser *P, void *ctx) {
  T_try *t = ctx;
  bool have[TMPL_MAX_PARAMS] = {0};
  P->tok = t->lt;
  parse_args(P, t->T, t->args, have);
  return fill_defaults(P, t->T, t->args, have) < 0;
}

static bool try_host_args(Parser *P, P_template *T, cw_token *lt, T_arg *args) {
  T_try t = {T, args, NULL, 0, lt->loc, lt};
  T_save sv;
  sv.saved = *P;
  bool ok = quietly(P, host_args, &t);
  leave_file_level(P, &sv);
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
    P_template *T = find_template(P, p_tokstr(P, t));
    if (!T || !T->is_kernel || !T->nbody) continue;
    if (!skip_angles(t->next)) continue;
    T_arg args[TMPL_MAX_PARAMS];
    memset(args, 0, sizeof args);
    if (try_host_args(P, T, t->next, args)) instantiate(P, T, args, t->loc);
  }
}
