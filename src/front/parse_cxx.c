/* C++ in the front-end: references, overload resolution, namespaces and
 * qualified names, temporaries, constexpr evaluation.
 *
 * Everything here is desugared into the C-level typed AST of front/ast.h, so
 * lowering and the back-ends see no C++:
 *  - a reference T& is a pointer (cw_type.is_ref) that is dereferenced at
 *    every use; binding takes the address of an lvalue, or of a temporary
 *    local for a const T& bound to an rvalue;
 *  - every function (overloads, members, operators, namespaces) is an
 *    ordinary cw_obj with a unique identifier as its name; the source
 *    spelling stays in cw_obj.src_name for messages;
 *  - temporaries are locals whose ND_DECL the statement parser places before
 *    the statement that needs them (P->temps). */
#include <string.h>

#include "front/parse.h"
#include "util/strbuf.h"

/* ---------------- types ---------------- */

static cw_type auto_obj = {.kind = TY_VOID, .size = -1, .align = 1, .name = "auto"};
cw_type *p_ty_auto(void) { return &auto_obj; }
bool p_is_auto(cw_type *t) { return t && cw_ty_unqual(t) == &auto_obj; }

cw_type *p_ref_to(Parser *P, cw_type *base) {
  cw_type *t = cw_ty_pointer_to(P->a, base);
  t->is_ref = true;
  return t;
}

cw_type *p_deref_type(cw_type *t) { return t->kind == TY_PTR && t->is_ref ? t->base : t; }

P_class *p_class_of(cw_type *t) {
  t = cw_ty_unqual(t);
  return (t->kind == TY_STRUCT || t->kind == TY_UNION) ? t->fe_class : NULL;
}
bool p_is_class(cw_type *t) { return p_class_of(t) != NULL; }

/* ---------------- names ---------------- */

static unsigned hash_str(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static bool names_has(P_index *x, const char *k) {
  if (!x->cap) return false;
  for (unsigned i = hash_str(k) & (unsigned)(x->cap - 1); x->keys[i]; i = (i + 1) & (unsigned)(x->cap - 1))
    if (!strcmp(x->keys[i], k)) return true;
  return false;
}

static void names_add(Parser *P, P_index *x, const char *k) {
  if ((x->n + 1) * 2 > x->cap) {
    P_index old = *x;
    x->cap = old.cap ? old.cap * 2 : 256;
    x->n = 0;
    x->keys = CW_NEW_ARRAY(P->a, const char *, x->cap);
    x->vals = CW_NEW_ARRAY(P->a, void *, x->cap);
    for (int i = 0; i < old.cap; i++)
      if (old.keys[i]) names_add(P, x, old.keys[i]);
  }
  unsigned i = hash_str(k) & (unsigned)(x->cap - 1);
  while (x->keys[i]) {
    if (!strcmp(x->keys[i], k)) return;
    i = (i + 1) & (unsigned)(x->cap - 1);
  }
  x->keys[i] = k;
  x->n++;
}

const char *p_unique_name(Parser *P, const char *want) {
  const char *n = want;
  for (int k = 1; names_has(&P->used_names, n); k++) n = cw_arena_printf(P->a, "%s__%d", want, k);
  names_add(P, &P->used_names, n);
  return n;
}

static const struct { const char *op, *word; } op_words[] = {
    {"+=", "add_assign"}, {"-=", "sub_assign"}, {"*=", "mul_assign"}, {"/=", "div_assign"},
    {"%=", "mod_assign"}, {"&=", "and_assign"}, {"|=", "or_assign"}, {"^=", "xor_assign"},
    {"<<=", "shl_assign"}, {">>=", "shr_assign"}, {"==", "eq"}, {"!=", "ne"}, {"<=", "le"},
    {">=", "ge"}, {"<<", "shl"}, {">>", "shr"}, {"&&", "land"}, {"||", "lor"}, {"++", "inc"},
    {"--", "dec"}, {"()", "call"}, {"[]", "index"}, {"->", "arrow"}, {"+", "add"}, {"-", "sub"},
    {"*", "mul"}, {"/", "div"}, {"%", "mod"}, {"<", "lt"}, {">", "gt"}, {"&", "and"},
    {"|", "or"}, {"^", "xor"}, {"~", "not"}, {"!", "lnot"}, {"=", "assign"}, {NULL, NULL}};

/* A C/WGSL identifier for a C++ name: "::" -> "_", operator symbols spelled
 * as words, other characters dropped. */
const char *p_ident_for(Parser *P, const char *src) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  for (const char *s = src; *s;) {
    if (s[0] == ':' && s[1] == ':') {
      cw_sb_puts(&sb, "_");
      s += 2;
      continue;
    }
    if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_') {
      cw_sb_printf(&sb, "%c", *s);
      s++;
      continue;
    }
    bool hit = false;
    for (int i = 0; op_words[i].op; i++) {
      size_t n = strlen(op_words[i].op);
      if (!strncmp(s, op_words[i].op, n)) {
        cw_sb_printf(&sb, "_%s", op_words[i].word);
        s += n;
        hit = true;
        break;
      }
    }
    if (!hit) {
      if (*s == ' ' || *s == '*') cw_sb_puts(&sb, *s == '*' ? "_ptr" : "_");
      s++;
    }
  }
  const char *r = cw_arena_strdup(P->a, sb.data && sb.data[0] ? sb.data : "anon");
  cw_sb_free(&sb);
  if (r[0] >= '0' && r[0] <= '9') r = cw_arena_printf(P->a, "_%s", r);
  return r;
}

/* After 'operator' (the current token): the operator's name as a synthetic
 * token spelled "operator+" etc. Conversion operators are parsed by the
 * class parser. */
cw_token *p_operator_name(Parser *P) {
  cw_token *kw = P->tok;
  p_next(P);
  cw_token *t = P->tok;
  const char *op = NULL;
  if (p_eq(t, "(") && p_eq(t->next, ")")) {
    op = "()";
    p_next(P);
  } else if (p_eq(t, "[") && p_eq(t->next, "]")) {
    op = "[]";
    p_next(P);
  } else if (p_eq(t, "new") || p_eq(t, "delete")) {
    cw_error(P->d, t->loc, "operator %s is not supported in device code", p_tokstr(P, t));
  } else if (t->kind == CW_TK_PUNCT) {
    for (int i = 0; op_words[i].op; i++)
      if (p_eq(t, op_words[i].op)) op = op_words[i].op;
    if (op && (!strcmp(op, "&&") || !strcmp(op, "||") || !strcmp(op, "->") ||
               !strcmp(op, "++") || !strcmp(op, "--")))
      cw_error(P->d, t->loc, "overloading 'operator%s' is not supported", op);
  }
  if (!op) cw_error(P->d, t->loc, "expected an operator after 'operator'");
  p_next(P);
  cw_token *n = CW_NEW(P->a, cw_token);
  *n = *kw;
  n->kind = CW_TK_IDENT;
  n->text = cw_arena_printf(P->a, "operator%s", op);
  n->len = (int)strlen(n->text);
  n->next = P->tok;
  return n;
}

/* ---------------- expressions ---------------- */

cw_node *p_var_use(Parser *P, cw_obj *v, cw_loc loc) {
  cw_node *n = p_new_var(P, v, loc);
  if (v->ty->kind == TY_PTR && v->ty->is_ref) {
    cw_node *d = p_new_node(P, ND_DEREF, loc);
    d->lhs = n;
    d->ty = v->ty->base;
    return d;
  }
  return n;
}

cw_obj *p_new_temp(Parser *P, cw_type *ty, cw_loc loc) {
  if (!P->fn) cw_error(P->d, loc, "a temporary object is not supported outside a function body");
  cw_obj *v = CW_NEW(P->a, cw_obj);
  v->name = cw_arena_printf(P->a, "__tmp%d", P->next_id);
  v->ty = cw_ty_unqual(ty);
  v->loc = loc;
  v->storage = CW_STORE_LOCAL;
  v->id = P->next_id++;
  v->fe_info = P->fn;
  v->is_temp = true;
  p_append_local(P, P->fn, v);
  cw_node *d = p_new_node(P, ND_DECL, loc);
  d->var = v;
  d->next = P->temps;
  P->temps = d;
  return v;
}

cw_node *p_comma(Parser *P, cw_node *l, cw_node *r) {
  if (!l) return r;
  cw_node *n = p_new_node(P, ND_COMMA, l->loc);
  n->lhs = l;
  n->rhs = r;
  n->ty = r->ty;
  return n;
}

cw_node *p_assign_raw(Parser *P, cw_node *lhs, cw_node *rhs) {
  cw_node *n = p_new_node(P, ND_ASSIGN, lhs->loc);
  n->lhs = lhs;
  n->rhs = rhs;
  n->ty = cw_ty_unqual(lhs->ty);
  return n;
}

static cw_node *addr_of(Parser *P, cw_node *n, cw_type *pty) {
  cw_node *a;
  if (n->kind == ND_DEREF) {
    a = n->lhs;
  } else {
    a = p_new_node(P, ND_ADDR, n->loc);
    a->lhs = n;
    a->ty = cw_ty_pointer_to(P->a, n->ty);
    for (cw_node *b = n; b;) {
      if (b->kind == ND_VAR) { b->var->is_addressed = true; break; }
      if (b->kind == ND_MEMBER || b->kind == ND_INDEX) b = b->lhs;
      else break;
    }
  }
  cw_type *want = cw_ty_pointer_to(P->a, pty->base);
  if (cw_ty_unqual(a->ty)->base == pty->base) return a;
  cw_node *c = p_new_node(P, ND_CAST, n->loc);
  c->lhs = a;
  c->ty = want;
  return c;
}

static bool lvalue(cw_node *n) {
  switch (n->kind) {
  case ND_VAR: return n->var->storage != CW_STORE_FUNC;
  case ND_DEREF: return true;
  case ND_INDEX: case ND_MEMBER: return lvalue(n->lhs);
  default: return false;
  }
}

/* The address of a struct member is refused by the provenance pass; member
 * lvalues bound to references go through a temporary instead (copied back
 * for a non-const reference). Only for side-effect-free lvalues. */
static bool has_member(cw_node *n) {
  for (; n; n = n->lhs) {
    if (n->kind == ND_MEMBER) return true;
    if (n->kind != ND_INDEX && n->kind != ND_DEREF && n->kind != ND_PTR_ADD && n->kind != ND_CAST &&
        n->kind != ND_DECAY)
      return false;
  }
  return false;
}

static bool pure(cw_node *n, int depth) {
  if (!n) return true;
  if (depth > 64) return false;
  switch (n->kind) {
  case ND_ASSIGN: case ND_PRE_INC: case ND_PRE_DEC: case ND_POST_INC: case ND_POST_DEC:
  case ND_FUNCALL: case ND_INTRINSIC: case ND_COMMA: case ND_COND:
    return false;
  default:
    return pure(n->lhs, depth + 1) && pure(n->rhs, depth + 1);
  }
}

typedef struct Writeback {
  struct Writeback *next;
  cw_node *lv;
  cw_obj *tmp;
} Writeback;

#define writebacks (P->writebacks)

static cw_node *bind(Parser *P, cw_node *a, cw_type *ref, bool is_this, cw_loc loc, const char *what) {
  cw_type *T = ref->base;
  cw_type *au = cw_ty_unqual(a->ty), *tu = cw_ty_unqual(T);
  bool same = au == tu || (au->kind != TY_STRUCT && au->kind != TY_UNION && au->kind != TY_ENUM &&
                           au->kind != TY_ARRAY && p_same_type(au, tu));
  if (lvalue(a) && same) {
    if ((a->ty->is_const && !T->is_const) || (a->ty->is_volatile && !T->is_volatile))
      cw_error(P->d, loc, "binding %s of type '%s' to a value of type '%s' drops qualifiers",
               is_this ? "'this'" : "a reference", cw_ty_str(P->a, ref), cw_ty_str(P->a, a->ty));
    if (has_member(a) && pure(a, 0) && P->fn) {
      cw_obj *tmp = p_new_temp(P, tu, loc);
      cw_node *init = p_assign_raw(P, p_new_var(P, tmp, loc), a);
      if (!T->is_const) {
        Writeback *w = CW_NEW(P->a, Writeback);
        w->lv = a;
        w->tmp = tmp;
        w->next = writebacks;
        writebacks = w;
      }
      return p_comma(P, init, addr_of(P, p_new_var(P, tmp, loc), ref));
    }
    return addr_of(P, a, ref);
  }
  if (!T->is_const && !is_this) {
    if (lvalue(a))
      cw_error(P->d, loc, "cannot bind a reference of type '%s' to a value of type '%s'",
               cw_ty_str(P->a, ref), cw_ty_str(P->a, a->ty));
    cw_error(P->d, loc, "cannot bind a non-const reference of type '%s' to a temporary of type '%s'",
             cw_ty_str(P->a, ref), cw_ty_str(P->a, a->ty));
  }
  /* a temporary holding the (converted) value; `c ? w : T(x)` is a prvalue,
   * copied from w (C++ binds a glvalue directly: the temporary is just ours) */
  cw_node *v = p_convert_assign(P, a, tu, loc, what);
  if (v->kind == ND_COND && !p_is_glvalue(v)) v = p_copy(P, v, loc);
  cw_obj *tmp = p_new_temp(P, tu, loc);
  return p_comma(P, p_assign_raw(P, p_new_var(P, tmp, loc), v), addr_of(P, p_new_var(P, tmp, loc), ref));
}

cw_node *p_bind_ref(Parser *P, cw_node *a, cw_type *ref, cw_loc loc, const char *what) {
  Writeback *saved = writebacks;
  writebacks = NULL;
  cw_node *r = bind(P, a, ref, false, loc, what);
  /* a reference local/return bound to a member: the temporary stays (const) */
  if (writebacks) {
    writebacks = saved;
    cw_error(P->d, loc, "binding a non-const reference to a struct member is not supported; "
                        "use a pointer to the struct or a copy");
  }
  writebacks = saved;
  return r;
}

/* ---------------- overload resolution ---------------- */

enum { R_EXACT = 0, R_PROMO = 2, R_CONV = 3, R_USER = 4, R_NONE = -1 };

static int rank_value(Parser *P, cw_node *a, cw_type *to);

static int rank_user(Parser *P, cw_node *a, cw_type *to) {
  P_class *c = p_class_of(a->ty);
  if (!c) return R_NONE;
  for (P_fnlist *l = c->convs; l; l = l->next) {
    cw_type *rt = cw_ty_unqual(l->fn->ty->return_ty);
    if (p_same_type(rt, to) || (rt->kind == TY_PTR && cw_ty_unqual(to)->kind == TY_PTR &&
                                p_same_type(cw_ty_unqual(rt->base), cw_ty_unqual(cw_ty_unqual(to)->base))) ||
        (cw_ty_is_arith(rt) && cw_ty_is_arith(to)))
      return R_USER;
  }
  (void)P;
  return R_NONE;
}

static int rank_value(Parser *P, cw_node *a, cw_type *to) {
  cw_type *from = cw_ty_unqual(a->ty), *t = cw_ty_unqual(to);
  if (from->kind == TY_ARRAY) from = cw_ty_pointer_to(P->a, from->base);
  if (from->kind == TY_FUNC || from->kind == TY_VOID) return R_NONE;
  if (cw_ty_is_arith(t) && cw_ty_is_arith(from)) {
    if (from->kind == t->kind && (from->kind != TY_ENUM || from == t)) return R_EXACT;
    if (t->kind == TY_INT && (from->kind == TY_BOOL || from->kind == TY_CHAR || from->kind == TY_SCHAR ||
                              from->kind == TY_UCHAR || from->kind == TY_SHORT || from->kind == TY_USHORT ||
                              from->kind == TY_ENUM))
      return R_PROMO;
    if (t->kind == TY_DOUBLE && from->kind == TY_FLOAT) return R_PROMO;
    if (t->kind == TY_ENUM) return R_NONE;
    return R_CONV;
  }
  if (t->kind == TY_BOOL && from->kind == TY_PTR) return R_CONV;
  if (t->kind == TY_PTR) {
    if (from->kind == TY_PTR) {
      cw_type *tb = t->base, *fb = from->base;
      if ((fb->is_const && !tb->is_const) || (fb->is_volatile && !tb->is_volatile)) return R_NONE;
      if (p_same_type(cw_ty_unqual(tb), cw_ty_unqual(fb))) return R_EXACT;
      if (cw_ty_unqual(tb)->kind == TY_VOID) return R_CONV;
      return R_NONE;
    }
    if (p_is_null_const(a)) return R_CONV;
  }
  if ((t->kind == TY_STRUCT || t->kind == TY_UNION) && t == from) return R_EXACT;
  if (from->kind == TY_STRUCT || from->kind == TY_UNION) return rank_user(P, a, to);
  return R_NONE;
}

static int rank_arg(Parser *P, cw_node *a, cw_type *param, bool is_this) {
  if (param->kind == TY_PTR && param->is_ref) {
    cw_type *T = param->base;
    cw_type *au = cw_ty_unqual(a->ty), *tu = cw_ty_unqual(T);
    bool same = au == tu || (au->kind != TY_STRUCT && au->kind != TY_UNION && au->kind != TY_ENUM &&
                             au->kind != TY_ARRAY && p_same_type(au, tu));
    if (is_this) {
      if (!same) return R_NONE;
      return (a->ty->is_const && !T->is_const) ? R_NONE : R_EXACT;
    }
    if (lvalue(a) && same) {
      if (a->ty->is_const && !T->is_const) return R_NONE;
      return R_EXACT; /* T& over const T&: compare_arg */
    }
    if (!T->is_const) return R_NONE;
    return rank_value(P, a, T);
  }
  return rank_value(P, a, param);
}

static int nparams_of(cw_type *ft) {
  int n = 0;
  for (cw_type *p = ft->params; p; p = p->next) n++;
  return n;
}

/* Ranks of each argument for candidate f, or false when f is not viable. */
static bool viable(Parser *P, cw_obj *f, cw_node *obj, cw_node **argv, int nargs, int *ranks) {
  P_fninfo *fi = f->fe_info;
  bool method = fi && fi->is_method;
  cw_type *p = f->ty->params;
  int k = 0;
  if (method) {
    if (!obj || !p) return false;
    ranks[k++] = rank_arg(P, obj, p, true);
    if (ranks[k - 1] < 0) return false;
    p = p->next;
  }
  int i = 0;
  for (; i < nargs; i++) {
    if (!p) {
      if (!f->ty->is_variadic) return false;
      ranks[k++] = R_CONV;
      continue;
    }
    int r = rank_arg(P, argv[i], p, false);
    if (r < 0) return false;
    ranks[k++] = r;
    p = p->next;
  }
  /* missing arguments must have defaults */
  int declared_idx = i;
  for (; p; p = p->next, declared_idx++)
    if (!fi || !fi->defaults || declared_idx >= fi->ndecl || !fi->defaults[declared_idx]) return false;
  return true;
}

bool p_any_viable(Parser *P, P_fnlist *cands, cw_node *obj, cw_node **argv, int nargs) {
  int *ranks = CW_NEW_ARRAY(P->a, int, (size_t)nargs + 2);
  for (P_fnlist *l = cands; l; l = l->next)
    if (viable(P, l->fn, obj, argv, nargs, ranks)) return true;
  return false;
}

static const char *signature(Parser *P, cw_obj *f) {
  P_fninfo *fi = f->fe_info;
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_sb_printf(&sb, "%s %s(", cw_ty_str(P->a, f->ty->return_ty), f->src_name ? f->src_name : f->name);
  cw_type *p = f->ty->params;
  if (fi && fi->is_method && p) p = p->next;
  for (; p; p = p->next) {
    /* a parameter's type carries the parameter's name: a class's tag is its origin's */
    bool tagged = p->kind == TY_STRUCT || p->kind == TY_UNION || p->kind == TY_ENUM;
    cw_sb_printf(&sb, "%s%s%s", tagged && p->is_const ? "const " : "", cw_ty_str(P->a, tagged ? cw_ty_unqual(p) : p),
                 p->next ? ", " : "");
  }
  if (f->ty->is_variadic) cw_sb_puts(&sb, ", ...");
  cw_sb_puts(&sb, ")");
  if (fi && fi->is_method && fi->is_const) cw_sb_puts(&sb, " const");
  const char *r = cw_arena_strdup(P->a, sb.data);
  cw_sb_free(&sb);
  return r;
}

static const char *arg_types(Parser *P, cw_node **argv, int nargs) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_sb_puts(&sb, "(");
  for (int i = 0; i < nargs; i++) cw_sb_printf(&sb, "%s%s", cw_ty_str(P->a, argv[i]->ty), i + 1 < nargs ? ", " : "");
  cw_sb_puts(&sb, ")");
  const char *r = cw_arena_strdup(P->a, sb.data);
  cw_sb_free(&sb);
  return r;
}

static const char *candidates_str(Parser *P, P_fnlist *cands, bool only_best, int *flags) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  int i = 0;
  for (P_fnlist *l = cands; l; l = l->next, i++) {
    if (only_best && !flags[i]) continue;
    cw_sb_printf(&sb, "; candidate: '%s'", signature(P, l->fn));
  }
  const char *r = cw_arena_strdup(P->a, sb.data ? sb.data : "");
  cw_sb_free(&sb);
  return r;
}

/* Parameter k of f (counting `this`), or NULL past the last. */
static cw_type *nth_param(cw_obj *f, int k) {
  cw_type *p = f->ty->params;
  while (p && k-- > 0) p = p->next;
  return p;
}

/* The conversion of one argument to parameter pf of f (rank rf) against
 * the one to pg of g (rank rg): < 0 when f's is better, > 0 when worse.
 * Equal ranks of two reference bindings to the same type: the less
 * cv-qualified reference is better (T& over const T&, [over.ics.rank]). */
static int compare_arg(int rf, int rg, cw_type *pf, cw_type *pg) {
  if (rf != rg) return rf < rg ? -1 : 1;
  if (!pf || !pg || pf->kind != TY_PTR || !pf->is_ref || pg->kind != TY_PTR || !pg->is_ref) return 0;
  if (cw_ty_unqual(pf->base) != cw_ty_unqual(pg->base)) return 0;
  int qf = pf->base->is_const + pf->base->is_volatile, qg = pg->base->is_const + pg->base->is_volatile;
  return qf < qg ? -1 : qf > qg ? 1 : 0;
}

/* C++ ranking: f is better than g if no argument converts worse and one
 * converts better. Errors on no match or ambiguity, listing candidates. */
static cw_obj *resolve(Parser *P, P_fnlist *cands, const char *name, cw_node *obj, cw_node **argv, int nargs,
                       cw_loc loc) {
  int n = 0;
  for (P_fnlist *l = cands; l; l = l->next) n++;
  int width = nargs + 2;
  int *ranks = CW_NEW_ARRAY(P->a, int, (size_t)n * (size_t)width);
  int *ok = CW_NEW_ARRAY(P->a, int, (size_t)n);
  int *cnt = CW_NEW_ARRAY(P->a, int, (size_t)n);
  int i = 0, nviable = 0;
  for (P_fnlist *l = cands; l; l = l->next, i++) {
    for (int k = 0; k < width; k++) ranks[i * width + k] = 0;
    ok[i] = viable(P, l->fn, obj, argv, nargs, ranks + i * width);
    P_fninfo *fi = l->fn->fe_info;
    cnt[i] = nargs + (fi && fi->is_method ? 1 : 0);
    nviable += ok[i];
  }
  if (!nviable) {
    if (n == 1) {
      cw_obj *f = cands->fn;
      P_fninfo *fi = f->fe_info;
      int np = nparams_of(f->ty) - (fi && fi->is_method ? 1 : 0);
      int nd = 0;
      if (fi && fi->defaults)
        for (int k = 0; k < fi->ndecl; k++) nd += fi->defaults[k] != NULL;
      if (nargs < np - nd)
        cw_error(P->d, loc, "too few arguments to function '%s' (expected %d, have %d)", name, np, nargs);
      if (nargs > np && !f->ty->is_variadic)
        cw_error(P->d, loc, "too many arguments to function '%s' (expected %d, have %d)", name, np, nargs);
    }
    cw_error(P->d, loc, "no matching function for call to '%s%s'%s", name, arg_types(P, argv, nargs),
             candidates_str(P, cands, false, ok));
  }
  int best = -1;
  i = 0;
  for (P_fnlist *l = cands; l; l = l->next, i++) {
    if (!ok[i]) continue;
    bool beats_all = true;
    int j = 0;
    for (P_fnlist *m = cands; m; m = m->next, j++) {
      if (j == i || !ok[j]) continue;
      /* compare over the explicit arguments (and the object when both are members) */
      int oi = cnt[i] - nargs, oj = cnt[j] - nargs;
      bool better = false, worse = false;
      for (int k = 0; k < nargs; k++) {
        int c = compare_arg(ranks[i * width + oi + k], ranks[j * width + oj + k], nth_param(l->fn, oi + k),
                            nth_param(m->fn, oj + k));
        if (c < 0) better = true;
        if (c > 0) worse = true;
      }
      if (oi && oj) {
        int c = compare_arg(ranks[i * width], ranks[j * width], nth_param(l->fn, 0), nth_param(m->fn, 0));
        if (c < 0) better = true;
        if (c > 0) worse = true;
      }
      if (!better && !worse) { /* equally good: a non-template beats a template's instance, and
                                  * of two templates' instances the more specialised template wins */
        P_fninfo *fa = l->fn->fe_info, *fb = m->fn->fe_info;
        better = !(fa && fa->from_tmpl) && fb && fb->from_tmpl;
        if (!better && fa && fb && fa->tmpl && fb->tmpl && fa->tmpl != fb->tmpl)
          better = p_tmpl_more_specialized(P, fa->tmpl, fb->tmpl, nargs);
      }
      if (!better || worse) { beats_all = false; break; }
    }
    if (beats_all) { best = i; break; }
  }
  if (best < 0)
    cw_error(P->d, loc, "call to '%s%s' is ambiguous%s", name, arg_types(P, argv, nargs), candidates_str(P, cands, true, ok));
  P_fnlist *l = cands;
  for (int k = 0; k < best; k++) l = l->next;
  return l->fn;
}

const char *p_fn_kind(cw_obj *f);

/* Binds the arguments of a resolved call and builds it (with copy-back of
 * struct members bound to non-const references, and the dereference of a
 * reference result). */
static cw_node *build_call(Parser *P, cw_obj *f, cw_node *obj, cw_node **argv, int nargs, cw_loc loc) {
  P_fninfo *fi = f->fe_info;
  const char *shown = f->src_name ? f->src_name : f->name;
  if (fi && fi->body_pending) p_tmpl_member_body(P, f, loc); /* a member template instance, chosen */
  if (fi && fi->cls && !f->body) p_tmpl_outdef_body(P, f, loc); /* a class template's member defined outside */
  if (P->fn && (f->fn_flags & CW_FN_GLOBAL))
    cw_error(P->d, loc, "a __global__ function call must be configured (and kernel launch from device code is not supported)");
  if (P->fn && !(f->fn_flags & (CW_FN_DEVICE | CW_FN_GLOBAL)))
    cw_error(P->d, loc, "calling a __host__ function ('%s') from a %s function ('%s') is not allowed",
             shown, p_fn_kind(P->fn), P->fn->src_name ? P->fn->src_name : P->fn->name);
  Writeback *saved = writebacks;
  writebacks = NULL;
  cw_node head = {0}, *cur = &head;
  cw_type *p = f->ty->params;
  int count = 0;
  if (fi && fi->is_method) {
    cur = cur->next = bind(P, obj, p, true, loc, "binding 'this'");
    p = p->next;
    count++;
  }
  int di = 0;
  for (int i = 0; i < nargs; i++, di++) {
    cw_node *a = argv[i], *c;
    a->next = NULL;
    if (p) {
      if (p->kind == TY_PTR && p->is_ref) c = bind(P, a, p, false, a->loc, "passing an argument to parameter of type");
      else if (p_is_class(a->ty) && cw_ty_unqual(a->ty) != cw_ty_unqual(p) && p_user_convert(P, a, p, false))
        c = p_user_convert(P, a, p, false);
      else c = p_copy(P, p_convert_assign(P, a, p, a->loc, "passing an argument to parameter of type"), a->loc);
      p = p->next;
    } else {
      c = p_rval(P, a);
      if (cw_ty_is_arith(c->ty)) {
        cw_type *pt = c->ty->kind == TY_FLOAT ? cw_ty_double : p_promote(c->ty);
        c = p_convert_assign(P, c, pt, c->loc, "passing an argument");
      }
    }
    cur = cur->next = c;
    count++;
  }
  /* default arguments: re-parsed at each call, in the caller's function but
   * with the names of the declaration's scope (as C++ looks them up) */
  for (; p; p = p->next, di++) {
    cw_token *saved_tok = P->tok;
    P_scope *saved_scope = P->scope;
    P->tok = fi->defaults[di];
    if (fi->def_scope) P->scope = fi->def_scope;
    cw_node *a = p_assign(P);
    P->tok = saved_tok;
    P->scope = saved_scope;
    cw_node *c = (p->kind == TY_PTR && p->is_ref) ? bind(P, a, p, false, loc, "passing a default argument")
                                                   : p_copy(P, p_convert_assign(P, a, p, loc, "passing a default argument"), loc);
    cur = cur->next = c;
    count++;
  }
  cw_node *n = p_new_node(P, ND_FUNCALL, loc);
  n->func = f;
  n->args = head.next;
  n->nargs = count;
  cw_type *rt = f->ty->return_ty;
  n->ty = cw_ty_unqual(rt);
  Writeback *wb = writebacks;
  writebacks = saved;
  if (wb) {
    /* tmp = member; call(&tmp); member = tmp */
    cw_obj *res = NULL;
    if (cw_ty_unqual(rt)->kind != TY_VOID) res = p_new_temp(P, n->ty, loc);
    cw_node *e = res ? p_assign_raw(P, p_new_var(P, res, loc), n) : n;
    for (Writeback *w = wb; w; w = w->next) e = p_comma(P, e, p_assign_raw(P, w->lv, p_new_var(P, w->tmp, loc)));
    if (res) e = p_comma(P, e, p_new_var(P, res, loc));
    else {
      cw_node *c = p_new_node(P, ND_CAST, loc);
      c->lhs = e;
      c->ty = cw_ty_void;
      e = c;
    }
    n = e;
  }
  if (rt->kind == TY_PTR && rt->is_ref) {
    cw_node *d = p_new_node(P, ND_DEREF, loc);
    d->lhs = n;
    d->ty = rt->base;
    n = d;
  }
  return n;
}

cw_node *p_call(Parser *P, P_fnlist *cands, const char *name, cw_node *obj, cw_node **argv, int nargs, cw_loc loc) {
  cw_obj *f = resolve(P, cands, name, obj, argv, nargs, loc);
  return build_call(P, f, obj, argv, nargs, loc);
}

cw_obj *p_resolve(Parser *P, P_fnlist *cands, const char *name, cw_node *obj, cw_node **argv, int nargs, cw_loc loc) {
  return resolve(P, cands, name, obj, argv, nargs, loc);
}

cw_node *p_call_args_parse(Parser *P, cw_node ***argv, int *nargs) {
  int cap = 8, n = 0;
  cw_node **v = CW_NEW_ARRAY(P->a, cw_node *, (size_t)cap);
  p_expect(P, "(", NULL);
  while (!p_consume(P, ")")) {
    if (n) p_expect(P, ",", "between arguments");
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected ')'");
    if (P->tok->kind == CW_TK_STR) cw_error(P->d, P->tok->loc, "string literals are not supported in device code");
    if (n == cap) {
      cw_node **w = CW_NEW_ARRAY(P->a, cw_node *, (size_t)cap * 2);
      memcpy(w, v, sizeof *v * (size_t)cap);
      v = w;
      cap *= 2;
    }
    v[n++] = p_assign(P);
    if (n > 1000) cw_error(P->d, v[n - 1]->loc, "too many arguments");
  }
  *argv = v;
  *nargs = n;
  return NULL;
}

/* ---------------- operators and conversions ---------------- */

static P_fnlist *append_list(Parser *P, P_fnlist *a, P_fnlist *b) {
  P_fnlist head = {0}, *cur = &head;
  for (P_fnlist *l = a; l; l = l->next) { cur = cur->next = CW_NEW(P->a, P_fnlist); cur->fn = l->fn; }
  for (P_fnlist *l = b; l; l = l->next) { cur = cur->next = CW_NEW(P->a, P_fnlist); cur->fn = l->fn; }
  return head.next;
}

static P_fnlist *free_functions(Parser *P, const char *name) {
  P_entry *e = p_find_var(P, name);
  if (!e || !e->var || e->var->storage != CW_STORE_FUNC || e->var->is_builtin) return NULL;
  if (e->fns) return e->fns;
  P_fnlist *l = CW_NEW(P->a, P_fnlist);
  l->fn = e->var;
  return l;
}

/* Free functions also come from the namespace of a class operand (a small
 * argument-dependent lookup): operators declared next to their struct. */
static P_fnlist *adl_functions(Parser *P, cw_type *t, const char *name) {
  P_class *c = p_class_of(t);
  if (!c || !c->scope->up) return NULL;
  P_entry *e = p_find_in_scope(P, c->scope->up, name);
  if (!e || !e->var || e->var->storage != CW_STORE_FUNC) return NULL;
  if (e->fns) return e->fns;
  P_fnlist *l = CW_NEW(P->a, P_fnlist);
  l->fn = e->var;
  return l;
}

cw_node *p_try_operator(Parser *P, const char *op, cw_node *l, cw_node *r, cw_loc loc) {
  if (!p_is_class(l->ty) && !(r && p_is_class(r->ty))) return NULL;
  const char *name = cw_arena_printf(P->a, "operator%s", op);
  P_fnlist *members = p_is_class(l->ty) ? p_class_methods(P, l->ty, name) : NULL;
  P_fnlist *frees = free_functions(P, name);
  P_fnlist *adl = adl_functions(P, l->ty, name);
  if (r && !adl) adl = adl_functions(P, r->ty, name);
  /* drop ADL functions already found by ordinary lookup */
  P_fnlist *all = append_list(P, members, frees);
  for (P_fnlist *a = adl; a; a = a->next) {
    bool dup = false;
    for (P_fnlist *b = all; b; b = b->next) dup |= b->fn == a->fn;
    if (!dup) all = append_list(P, all, &(P_fnlist){NULL, a->fn});
  }
  if (!all) return NULL;
  /* members take l as the object; free functions take l as first argument */
  cw_node *argv2[2] = {l, r};
  int n = 0, viable_members = 0, viable_frees = 0;
  for (P_fnlist *c = all; c; c = c->next, n++) {
    P_fninfo *fi = c->fn->fe_info;
    int ranks[8];
    if (fi && fi->is_method) viable_members += viable(P, c->fn, l, r ? &argv2[1] : NULL, r ? 1 : 0, ranks);
    else viable_frees += viable(P, c->fn, NULL, argv2, r ? 2 : 1, ranks);
  }
  if (!viable_members && !viable_frees) {
    P_class *lc = p_class_of(l->ty), *rc = r ? p_class_of(r->ty) : NULL;
    if ((lc && lc->convs) || (rc && rc->convs)) return NULL; /* built-in operator after conversion */
    cw_error(P->d, loc, "no matching operator%s for operands of type '%s'%s%s%s", op, cw_ty_str(P->a, l->ty),
             r ? " and '" : "", r ? cw_ty_str(P->a, r->ty) : "", r ? "'" : "");
  }
  /* one resolution per kind; members win a tie only if the free set is empty */
  if (viable_members && !viable_frees) {
    P_fnlist *m = NULL;
    for (P_fnlist *c = all; c; c = c->next) {
      P_fninfo *fi = c->fn->fe_info;
      if (fi && fi->is_method) m = append_list(P, m, &(P_fnlist){NULL, c->fn});
    }
    return p_call(P, m, name, l, r ? &argv2[1] : NULL, r ? 1 : 0, loc);
  }
  P_fnlist *f = NULL;
  for (P_fnlist *c = all; c; c = c->next) {
    P_fninfo *fi = c->fn->fe_info;
    if (!(fi && fi->is_method)) f = append_list(P, f, &(P_fnlist){NULL, c->fn});
  }
  if (viable_members)
    cw_error(P->d, loc, "call to 'operator%s' is ambiguous between member and non-member operators", op);
  return p_call(P, f, name, NULL, argv2, r ? 2 : 1, loc);
}

/* A class value converted to `to` by one of its conversion operators. */
cw_node *p_user_convert(Parser *P, cw_node *n, cw_type *to, bool explicit_cast) {
  P_class *c = p_class_of(n->ty);
  if (!c) return NULL;
  cw_type *tu = cw_ty_unqual(to);
  cw_obj *pick = NULL;
  /* exact first (a const object prefers the const operator), then convertible */
  for (int pass = 0; pass < 2 && !pick; pass++)
    for (P_fnlist *l = c->convs; l; l = l->next) {
      P_fninfo *fi = l->fn->fe_info;
      if (n->ty->is_const && !fi->is_const) continue;
      cw_type *rt = cw_ty_unqual(l->fn->ty->return_ty);
      bool ok;
      if (pass == 0)
        ok = p_same_type(rt, tu) && (rt->kind != TY_PTR || rt->base->is_const == tu->base->is_const);
      else if (tu->kind == TY_PTR && rt->kind == TY_PTR)
        ok = explicit_cast || (p_same_type(cw_ty_unqual(rt->base), cw_ty_unqual(tu->base)) &&
                               (!rt->base->is_const || tu->base->is_const)) ||
             cw_ty_unqual(tu->base)->kind == TY_VOID;
      else
        ok = cw_ty_is_arith(rt) && cw_ty_is_arith(tu);
      if (ok) { pick = l->fn; break; }
    }
  if (!pick && n->ty->is_const)
    for (P_fnlist *l = c->convs; l && !pick; l = l->next) (void)l;
  if (!pick) return NULL;
  cw_node *call = build_call(P, pick, n, NULL, 0, n->loc);
  return explicit_cast ? p_cast(P, call, to) : p_convert_assign(P, call, to, n->loc, "converting");
}

/* ---------------- namespaces and qualified names ---------------- */

/* The scope of namespace or class `t` (an identifier), looked up in `in`
 * (NULL: unqualified lookup from the current scope). */
P_scope *p_scope_named(Parser *P, P_scope *in, cw_token *t) {
  if (!p_is_ident(t)) return NULL;
  const char *name = p_tokstr(P, t);
  P_entry *e = in ? p_find_in_scope(P, in, name) : p_find_var(P, name);
  if (e && e->ns) return e->ns->scope;
  cw_type *ty = NULL;
  if (e && e->type_def) ty = e->type_def;
  else if (!e) {
    if (in) ty = p_find_tag_in_scope(P, in, name);
    else
      for (P_scope *s = P->scope; s && !ty; s = s->up) ty = p_find_tag_in_scope(P, s, name);
  }
  P_class *c = ty ? p_class_of(ty) : NULL;
  return c ? c->scope : NULL;
}

/* Walks A::B:: prefixes from t; returns the scope they name (NULL when t has
 * no prefix) and sets *last to the final name token. */
static P_scope *walk_prefix(Parser *P, cw_token *t, cw_token **last, bool *ok) {
  P_scope *sc = NULL;
  *ok = true;
  if (p_eq(t, "::")) {
    sc = P->file_scope;
    t = t->next;
  }
  int guard = 0;
  while (p_is_ident(t) && p_eq(t->next, "::") && guard++ < 256) {
    P_scope *n = p_scope_named(P, sc, t);
    if (!n) {
      *ok = false;
      *last = t;
      return sc;
    }
    sc = n;
    t = t->next->next;
  }
  *last = t;
  return sc;
}

cw_type *p_qualified_type(Parser *P, cw_token *t, cw_token **end) {
  cw_token *last;
  bool ok;
  P_scope *sc = walk_prefix(P, t, &last, &ok);
  if (!ok || !sc || !p_is_ident(last)) return NULL;
  const char *name = p_tokstr(P, last);
  P_entry *e = p_find_in_scope(P, sc, name);
  *end = last->next;
  if (e) return e->type_def;
  return p_find_tag_in_scope(P, sc, name);
}

P_entry *p_qualified_entry(Parser *P, cw_token *t, cw_token **end, cw_token **lastp) {
  cw_token *last;
  bool ok;
  P_scope *sc = walk_prefix(P, t, &last, &ok);
  if (!ok) {
    const char *n = p_tokstr(P, last);
    if (!strcmp(n, "cooperative_groups") || !strcmp(n, "cg")) {
      /* cg::this_grid() / cg::grid_group: refused for good, with the reason */
      const cw_token *m = p_eq(last->next, "::") ? last->next->next : NULL;
      if (m && p_is_ident(m)) p_reject_unsupported_call(P, p_tokstr(P, m), m->loc);
      if (!strcmp(n, "cooperative_groups")) cw_error(P->d, last->loc, "%s", p_cg_include_msg);
      cw_error(P->d, last->loc, "'cg' is not declared: add #include <cooperative_groups.h> and "
               "namespace cg = cooperative_groups;");
    }
    if (!strcmp(n, "std")) cw_error(P->d, last->loc, "the C++ standard library ('std::') is not available in device code");
    cw_error(P->d, last->loc, "'%s' is not a namespace or class", n);
  }
  if (p_eq(last, "operator")) {
    P->tok = last;
    last = p_operator_name(P);
  }
  if (!p_is_ident(last)) cw_error(P->d, last->loc, "expected a name after '::'");
  const char *name = p_tokstr(P, last);
  P_entry *e = sc ? p_find_in_scope(P, sc, name) : p_find_var(P, name);
  if (!e && sc) {
    cw_type *tag = p_find_tag_in_scope(P, sc, name);
    if (tag) {
      e = CW_NEW(P->a, P_entry);
      e->name = name;
      e->type_def = tag;
    }
  }
  if (!e) {
    p_reject_unsupported_call(P, name, last->loc); /* e.g. cg::this_grid */
    P_entry *cg = p_find_in_scope(P, P->file_scope, "cooperative_groups");
    if (cg && cg->ns && cg->ns->scope == sc)
      cw_error(P->d, last->loc, "'cooperative_groups::%s' is not supported (the built-in <cooperative_groups.h> has "
               "this_thread_block, tiled_partition, thread_block_tile, thread_group, coalesced_threads, sync and "
               "reduce with plus, less, greater, bit_and, bit_or, bit_xor)", name);
    cw_error(P->d, last->loc, "no member named '%s' in this namespace or class", name);
  }
  *end = last->next;
  *lastp = last;
  return e;
}

static void add_using(Parser *P, P_scope *s, P_ns *ns) {
  for (int i = 0; i < s->nusings; i++)
    if (s->usings[i] == ns) return;
  if (s->nusings == s->capusings) {
    int cap = s->capusings ? s->capusings * 2 : 4;
    P_ns **n = CW_NEW_ARRAY(P->a, P_ns *, (size_t)cap);
    if (s->nusings) memcpy(n, s->usings, sizeof *n * (size_t)s->nusings);
    s->usings = n;
    s->capusings = cap;
  }
  s->usings[s->nusings++] = ns;
}

static P_ns *namespace_named(Parser *P) {
  cw_token *last, *end;
  bool ok;
  cw_token *start = P->tok;
  P_scope *sc = walk_prefix(P, start, &last, &ok);
  if (!ok || !p_is_ident(last)) {
    cw_token *bad = p_is_ident(last) ? last : P->tok;
    const char *n = p_tokstr(P, bad);
    if (!strcmp(n, "cooperative_groups")) cw_error(P->d, bad->loc, "%s", p_cg_include_msg);
    cw_error(P->d, bad->loc, "expected a namespace name");
  }
  const char *name = p_tokstr(P, last);
  P_entry *e = sc ? p_find_in_scope(P, sc, name) : p_find_var(P, name);
  end = last->next;
  if (!e || !e->ns) {
    if (!strcmp(name, "cooperative_groups")) cw_error(P->d, last->loc, "%s", p_cg_include_msg);
    if (!strcmp(name, "std")) return NULL; /* `using namespace std;`: nothing to import in device code */
    cw_error(P->d, last->loc, "'%s' is not a namespace", name);
  }
  P->tok = end;
  return e->ns;
}

/* using namespace A; | using A::f; | using T = type; (the current token is
 * 'using'). Returns true when consumed. */
static void using_decl(Parser *P) {
  cw_token *t = P->tok;
  p_next(P);
  if (p_consume(P, "namespace")) {
    cw_token *nt = P->tok;
    P_ns *ns = namespace_named(P);
    if (!ns && p_eq(nt, "std")) P->tok = nt->next;
    else if (ns) add_using(P, P->scope, ns);
    p_expect(P, ";", "after using directive");
    return;
  }
  if (p_is_ident(P->tok) && p_eq(P->tok->next, "=")) {
    cw_token *name = P->tok;
    p_next(P);
    p_next(P);
    cw_type *ty = p_typename(P);
    const char *n = p_tokstr(P, name);
    P_entry *e = p_find_var_here(P, n);
    if (e && !(e->type_def && p_same_type(e->type_def, ty)))
      cw_error(P->d, name->loc, "redefinition of '%s'", n);
    if (!e) p_push_var(P, n)->type_def = ty;
    p_expect(P, ";", "after alias declaration");
    return;
  }
  if (p_eq(P->tok, "typename")) p_next(P);
  cw_token *end, *last;
  if (p_eq(P->tok, "std") && p_eq(P->tok->next, "::")) {
    /* using std::min; and the like: device code calls the CUDA built-ins */
    while (!p_eq(P->tok, ";") && P->tok->kind != CW_TK_EOF) p_next(P);
    p_expect(P, ";", "after using declaration");
    return;
  }
  if (!p_eq(P->tok, "::") && !(p_is_ident(P->tok) && p_eq(P->tok->next, "::")))
    cw_error(P->d, t->loc, "expected a qualified name in using declaration");
  P_entry *e = p_qualified_entry(P, P->tok, &end, &last);
  P->tok = end;
  const char *n = p_tokstr(P, last);
  P_entry *mine = p_find_var_here(P, n);
  if (mine && mine != e) {
    if (!(mine->var && e->var && mine->var == e->var)) cw_error(P->d, last->loc, "redefinition of '%s'", n);
  } else if (!mine) {
    P_entry *c = p_push_var(P, n);
    P_entry *next = c->next;
    *c = *e;
    c->next = next;
    c->name = n;
  }
  if (!e->var && !e->type_def && !e->is_const_val && !e->ns) {
    /* a tag: C++ `using A::S;` of a struct */
  }
  p_expect(P, ";", "after using declaration");
}

cw_node *p_using_local(Parser *P) {
  using_decl(P);
  return NULL;
}

void p_top_level(Parser *P);

bool p_cxx_top_level(Parser *P) {
  cw_token *t = P->tok;
  if (p_eq(t, "using")) {
    using_decl(P);
    return true;
  }
  bool is_inline = p_eq(t, "inline") && p_eq(t->next, "namespace");
  if (!p_eq(t, "namespace") && !is_inline) return false;
  if (is_inline) p_next(P);
  p_next(P);
  cw_token *name = p_is_ident(P->tok) ? P->tok : NULL;
  if (name && p_eq(name->next, "=")) {
    /* namespace alias */
    p_next(P);
    p_next(P);
    P_ns *ns = namespace_named(P);
    if (!ns) cw_error(P->d, name->loc, "namespace std is not available in device code");
    const char *n = p_tokstr(P, name);
    P_entry *e = p_find_var_here(P, n);
    if (e && e->ns != ns) cw_error(P->d, name->loc, "redefinition of '%s'", n);
    if (!e) p_push_var(P, n)->ns = ns;
    p_expect(P, ";", "after namespace alias");
    return true;
  }
  if (name) p_next(P);
  /* namespace A::B { (C++17 nested definition) */
  cw_token *names[64];
  int nnames = 0;
  if (name) names[nnames++] = name;
  while (name && p_eq(P->tok, "::") && nnames < 64) {
    p_next(P);
    if (!p_is_ident(P->tok)) cw_error(P->d, P->tok->loc, "expected a namespace name");
    names[nnames++] = P->tok;
    p_next(P);
  }
  cw_token *open = P->tok;
  p_expect(P, "{", "after namespace name");
  p_enter(P, t, "namespaces");
  P_scope *outer = P->scope;
  P_ns *outer_ns = P->cur_ns;
  for (int i = 0; i < nnames; i++) {
    const char *n = p_tokstr(P, names[i]);
    P_entry *e = p_find_var_here(P, n);
    P_ns *ns;
    if (e && e->ns) ns = e->ns;
    else {
      if (e || p_find_tag_in_scope(P, P->scope, n))
        cw_error(P->d, names[i]->loc, "redefinition of '%s' as a namespace", n);
      ns = CW_NEW(P->a, P_ns);
      ns->name = P->cur_ns ? cw_arena_printf(P->a, "%s::%s", P->cur_ns->name, n) : n;
      ns->parent = P->cur_ns;
      ns->scope = CW_NEW(P->a, P_scope);
      p_push_var(P, n)->ns = ns;
    }
    ns->scope->up = P->scope;
    P->scope = ns->scope;
    P->cur_ns = ns;
  }
  /* an anonymous or inline namespace: its names are visible outside */
  while (!p_eq(P->tok, "}")) {
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, open->loc, "expected '}' to close namespace");
    cw_token *before = P->tok;
    p_top_level(P);
    if (P->tok == before) cw_error(P->d, before->loc, "expected declaration");
  }
  p_next(P);
  P->scope = outer;
  P->cur_ns = outer_ns;
  if (is_inline && nnames) {
    P_entry *e = p_find_var_here(P, p_tokstr(P, names[nnames - 1]));
    if (e && e->ns) add_using(P, P->scope, e->ns);
  }
  p_leave(P);
  return true;
}

/* ---------------- constexpr evaluation ---------------- */

typedef struct P_cxbind {
  struct P_cxbind *next;
  cw_obj *var;
  P_val val;
} P_cxbind;

bool p_cx_var(Parser *P, cw_obj *v, P_val *o) {
  for (P_cxbind *b = P->cx_env; b; b = b->next)
    if (b->var == v) {
      *o = b->val;
      return true;
    }
  return false;
}

/* A call to a constexpr function whose body is `{ return e; }` with constant
 * arguments: e evaluated with the parameters bound. */
bool p_cx_call(Parser *P, cw_node *n, P_val *o) {
  cw_obj *f = n->func;
  P_fninfo *fi = f->fe_info;
  if (!fi || !fi->is_constexpr || fi->is_method || !f->body) return false;
  cw_node *b = f->body;
  if (b->kind == ND_BLOCK) b = b->body;
  if (!b || b->next || b->kind != ND_RETURN || !b->lhs) return false;
  if (P->cx_depth > 256) return false;
  P_cxbind *env = NULL;
  cw_obj *prm = f->params;
  for (cw_node *a = n->args; a; a = a->next, prm = prm->next) {
    if (!prm || prm->ty->is_ref) return false;
    P_cxbind *c = CW_NEW(P->a, P_cxbind);
    if (!p_try_eval(P, a, &c->val)) return false;
    c->var = prm;
    c->next = env;
    env = c;
  }
  P_cxbind *saved = P->cx_env;
  P->cx_env = env;
  P->cx_depth++;
  bool ok = p_try_eval(P, b->lhs, o);
  P->cx_depth--;
  P->cx_env = saved;
  return ok;
}

/* A class operand of a built-in operator: converted by its conversion
 * operator (the first declared) when it has one. */
cw_node *p_class_decay(Parser *P, cw_node *n) {
  P_class *c = p_class_of(n->ty);
  if (!c || !c->convs) return n;
  P_fnlist *l = c->convs;
  while (l->next) l = l->next;
  cw_node *u = p_user_convert(P, n, l->fn->ty->return_ty, false);
  return u ? u : n;
}

/* static_assert(constant-expression[, "message"]); in a function or class
 * body (P->tok at the keyword): checked now, so a class template can refuse
 * an instance with the author's message (the note names the instance). */
void p_static_assert(Parser *P) {
  cw_token *kw = P->tok;
  p_next(P);
  p_expect(P, "(", "after 'static_assert'");
  int64_t v = p_const_expr(P);
  const char *msg = NULL;
  if (p_consume(P, ",")) {
    if (P->tok->kind != CW_TK_STR) cw_error(P->d, P->tok->loc, "expected a string literal in static_assert");
    msg = P->tok->str;
    p_next(P);
  }
  p_expect(P, ")", "after static_assert");
  p_expect(P, ";", "after static_assert");
  if (!v) cw_error(P->d, kw->loc, "static assertion failed%s%s", msg ? ": " : "", msg ? msg : "");
}
