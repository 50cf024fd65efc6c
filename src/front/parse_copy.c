/* C++ copies of class objects: copy constructors and copy assignment,
 * user-provided or implicitly defined, and where C++ runs them.
 *
 * C++ copies a class object with its copy constructor and assigns one with
 * its copy assignment operator: user-provided ones, or implicitly-defined
 * ones that copy member by member with the members' own (so a class holding a
 * member with a copy constructor has a non-trivial copy constructor too). A
 * copy happens where a new object is initialised from a glvalue of its class
 * (`T v = w;`, `T v(w)`, `T v{w}`, a by-value argument, a lambda capture,
 * `return w;` of anything but a local); a prvalue (`T(a)`, a call returning
 * T) initialises the object directly (C++17 guaranteed elision). `return v;`
 * of a local v is the named return value optimisation, which C++ allows but
 * does not require: done, as nvcc does, when every return statement of the
 * function returns that same local (p_nrvo_finish). A trivial copy is a
 * plain memberwise assignment. */
#include <string.h>

#include "front/parse.h"

enum { COPY_TRIVIAL = 1, COPY_USER, COPY_IMPLICIT, COPY_DELETED };

/* A parameter list whose first parameter is a reference to cls (or, for a
 * copy assignment, cls by value) and whose others have default arguments. */
static bool copy_signature(cw_obj *f, cw_type *cls, bool assign) {
  P_fninfo *fi = f->fe_info;
  cw_type *p = f->ty->params;
  if (assign && p) p = p->next; /* `this` */
  if (!p) return false;
  if (!((p->kind == TY_PTR && p->is_ref && cw_ty_unqual(p->base) == cls) || (assign && cw_ty_unqual(p) == cls)))
    return false;
  int i = 1;
  for (p = p->next; p; p = p->next, i++)
    if (!fi || !fi->defaults || i >= fi->ndecl || !fi->defaults[i]) return false;
  return true;
}

/* The declared type of a `= delete`d member: a copy constructor's or copy
 * assignment's? (fty without `this`) */
bool p_deleted_copy(cw_type *fty, cw_type *cls) {
  cw_type *p = fty->params;
  return p && p->kind == TY_PTR && p->is_ref && cw_ty_unqual(p->base) == cls;
}

/* What copying (assign: copy-assigning) a value of class type ty runs. */
static int copy_kind(Parser *P, cw_type *ty, bool assign) {
  ty = cw_ty_unqual(ty);
  P_class *c = p_class_of(ty);
  if (!c) return COPY_TRIVIAL;
  int *memo = assign ? &c->assign_kind : &c->copy_kind;
  if (*memo) return *memo;
  int k = COPY_TRIVIAL;
  if (assign ? c->assign_deleted : c->copy_deleted) k = COPY_DELETED;
  for (P_fnlist *l = assign ? p_class_methods(P, ty, "operator=") : c->ctors; l && k == COPY_TRIVIAL; l = l->next)
    if (copy_signature(l->fn, ty, assign)) k = COPY_USER;
  for (cw_member *m = ty->members; m && k == COPY_TRIVIAL; m = m->next) {
    int mk = copy_kind(P, p_elem_type(m->ty), assign);
    if (mk == COPY_DELETED || (mk != COPY_TRIVIAL && ty->kind == TY_UNION)) k = COPY_DELETED;
    else if (mk != COPY_TRIVIAL) k = COPY_IMPLICIT;
  }
  if (ty->size >= 0) *memo = k;
  return k;
}

_Noreturn static void deleted_error(Parser *P, cw_type *ty, bool assign, cw_loc loc) {
  P_class *c = p_class_of(ty);
  const char *what = assign ? "copy assignment operator" : "copy constructor";
  if (assign ? c->assign_deleted : c->copy_deleted)
    cw_error(P->d, loc, "'%s' cannot be %s: its %s is deleted", p_class_name(P, ty), assign ? "assigned" : "copied",
             what);
  cw_member *m = ty->members;
  while (m && copy_kind(P, p_elem_type(m->ty), assign) == COPY_TRIVIAL) m = m->next;
  const char *mn = m && m->name ? m->name : "<anonymous>";
  cw_type *mt = m ? p_elem_type(m->ty) : ty;
  if (ty->kind == TY_UNION)
    cw_error(P->d, loc, "union '%s' cannot be %s: its member '%s' of type '%s' has a non-trivial %s",
             p_class_name(P, ty), assign ? "assigned" : "copied", mn, p_class_name(P, mt), what);
  const char *verb = assign ? "assigned" : "copied";
  cw_error(P->d, loc, "'%s' cannot be %s: its member '%s' of type '%s' cannot be %s", p_class_name(P, ty), verb, mn,
           p_class_name(P, mt), verb);
}

/* A prvalue of class type initialises an object directly; anything else
 * (a named variable, a dereference, a member, an element) is copied. */
bool p_is_glvalue(cw_node *e) {
  switch (e->kind) {
  case ND_FUNCALL: return false;
  case ND_VAR: return !e->var->is_temp;
  case ND_COMMA: return p_is_glvalue(e->rhs);
  case ND_CAST: return p_is_glvalue(e->lhs);
  case ND_COND: return p_is_glvalue(e->then) && p_is_glvalue(e->els); /* else a prvalue */
  default: return true;
  }
}

/* Appends s to the statement list at *cur, after the declarations of the
 * temporaries its expressions made. */
static void synth_stmt(Parser *P, cw_node **cur, cw_node *s) {
  for (cw_node *t = P->temps; t;) {
    cw_node *next = t->next;
    t->next = NULL;
    *cur = (*cur)->next = t;
    t = next;
  }
  P->temps = NULL;
  (*cur)->next = s;
  while ((*cur)->next) *cur = (*cur)->next;
}

/* dst = src element by element (a loop per array dimension): a raw copy
 * (op 0), a copy construction (1) or a copy assignment (2). */
static cw_node *copy_elems(Parser *P, cw_node *dst, cw_node *src, int op, cw_loc loc) {
  if (dst->ty->kind != TY_ARRAY) {
    cw_node *e = op == 2 ? p_class_assign(P, dst, src, loc) : p_assign_raw(P, dst, op == 1 ? p_copy(P, src, loc) : src);
    return p_expr_stmt(P, e);
  }
  cw_obj *i = p_new_temp(P, cw_ty_int, loc);
  cw_node *body = copy_elems(P, p_index_node(P, dst, i, loc), p_index_node(P, src, i, loc), op, loc);
  return p_range_loop(P, i, 0, dst->ty->array_len, body, loc);
}

/* The implicitly-defined copy constructor (`T(const T &)`, returning the
 * copy) or copy assignment (`T &operator=(const T &)`, a member function) of
 * class ty, made on first use: every member copied in declaration order,
 * through its own copy constructor or assignment where it has a non-trivial
 * one. */
static cw_obj *implicit_copy_fn(Parser *P, cw_type *ty, bool assign) {
  P_class *c = p_class_of(ty);
  cw_obj **slot = assign ? &c->assign_fn : &c->copy_fn;
  if (*slot) return *slot;
  cw_loc loc = ty->loc;
  const char *cname = ty->name ? ty->name : "<anonymous>";
  cw_type *o = p_ref_to(P, p_qualify(P, ty, true, false, false));
  o->name = "__cw_o";
  o->loc = loc;
  cw_type *decl = p_func_type(P, assign ? p_ref_to(P, ty) : ty);
  decl->params = o;
  cw_type *fty = decl;
  if (assign) {
    fty = p_func_type(P, decl->return_ty);
    cw_type *th = p_ref_to(P, ty);
    th->name = "this";
    th->loc = loc;
    th->next = o;
    fty->params = th;
  }
  const char *src = cw_arena_printf(P->a, "%s::%s", cname, assign ? "operator=" : (c->inj ? c->inj : cname));
  cw_obj *fn = CW_NEW(P->a, cw_obj);
  fn->name = p_unique_name(P, p_ident_for(P, src));
  fn->src_name = src;
  fn->ty = fty;
  fn->loc = loc;
  fn->storage = CW_STORE_FUNC;
  fn->fn_flags = CW_FN_DEVICE | CW_FN_HOST | CW_FN_INLINE;
  fn->id = P->next_id++;
  P_fninfo *fi = CW_NEW(P->a, P_fninfo);
  fi->is_method = assign;
  fi->cls = ty;
  fi->decl_ty = decl;
  fi->ndecl = 1;
  fn->fe_info = fi;
  p_add_global(P, fn);
  *slot = fn; /* a class cannot contain itself: no recursion back here */

  P_fnstate st;
  p_fn_enter(P, fn, &st);
  cw_obj *ov = assign ? fn->params->next : fn->params;
  cw_node head = {0}, *cur = &head;
  cw_node *from = p_var_use(P, ov, loc); /* *__cw_o */
  cw_node *to;
  if (assign) {
    to = p_new_node(P, ND_DEREF, loc);
    to->lhs = p_this(P, loc);
    to->ty = ty;
  } else {
    cw_obj *self = p_new_local(P, "__cw_self", ty, loc, CW_STORE_LOCAL);
    cw_node *d = p_new_node(P, ND_DECL, loc);
    d->var = self;
    synth_stmt(P, &cur, d);
    to = p_new_var(P, self, loc);
    synth_stmt(P, &cur, p_expr_stmt(P, p_assign_raw(P, to, from))); /* then the non-trivial members again */
  }
  for (cw_member *m = ty->members; m; m = m->next) {
    bool trivial = copy_kind(P, p_elem_type(m->ty), assign) == COPY_TRIVIAL;
    if (trivial && !assign) continue;
    synth_stmt(P, &cur, copy_elems(P, p_member_node(P, to, m, loc), p_member_node(P, from, m, loc),
                                   trivial ? 0 : assign ? 2 : 1, loc));
  }
  cw_node *ret = p_new_node(P, ND_RETURN, loc);
  ret->lhs = assign ? p_this(P, loc) : to;
  ret->ty = assign ? decl->return_ty : ty;
  synth_stmt(P, &cur, ret);
  cw_node *b = p_new_node(P, ND_BLOCK, loc);
  b->body = head.next;
  fn->body = b;
  p_fn_leave(P, &st);
  return fn;
}

/* A copy of a non-const lvalue of class T by a constructor template: one
 * whose parameter is `U &` instantiates to T(T &), which C++ prefers to the
 * copy constructor T(const T &) (the less qualified reference binding is the
 * better conversion, [over.ics.rank]); only a non-template taking T & itself
 * would win that tie. NULL when no constructor template applies. */
static cw_node *template_copy(Parser *P, cw_type *ty, cw_node *e, cw_loc loc) {
  P_class *c = p_class_of(ty);
  if (!c || !c->ctor_tmpls || e->ty->is_const) return NULL;
  for (P_fnlist *l = c->ctors; l; l = l->next)
    if (copy_signature(l->fn, ty, false) && !l->fn->ty->params->base->is_const) return NULL;
  cw_node **argv = CW_NEW_ARRAY(P->a, cw_node *, 1);
  argv[0] = e;
  P_fnlist head = {0}, *cur = &head;
  for (P_fnlist *l = p_tmpl_ctor_candidates(P, ty, argv, 1, loc); l; l = l->next) {
    cw_type *p0 = l->fn->ty->params;
    if (p0 && p0->kind == TY_PTR && p0->is_ref && !p0->base->is_const && cw_ty_unqual(p0->base) == ty) {
      cur = cur->next = CW_NEW(P->a, P_fnlist);
      cur->fn = l->fn;
    }
  }
  if (!head.next) return NULL;
  const char *name = c->inj ? c->inj : p_class_name(P, ty);
  cw_obj *f = p_resolve(P, head.next, name, NULL, argv, 1, loc);
  P_fninfo *fi = f->fe_info;
  /* whether an explicit one applies depends on the form of initialisation,
   * which a copy site here does not know */
  if (fi && fi->is_explicit)
    cw_error(P->d, loc,
             "copying a non-const '%s' here would use its explicit constructor template '%s(U &)' in some forms of "
             "initialisation and its copy constructor in others; not supported: make the template's parameter "
             "'const U &' or copy from a const object",
             p_class_name(P, ty), name);
  return p_call(P, p_single(P, f), name, NULL, argv, 1, loc);
}

cw_node *p_copy(Parser *P, cw_node *e, cw_loc loc) {
  cw_type *ty = cw_ty_unqual(e->ty);
  if ((ty->kind != TY_STRUCT && ty->kind != TY_UNION) || !P->fn) return e;
  if (e->kind == ND_COND) { /* the branch taken is copied (when it is a glvalue) */
    e->then = p_copy(P, e->then, loc);
    e->els = p_copy(P, e->els, loc);
    return e;
  }
  if (!p_is_glvalue(e)) return e;
  cw_node *t = template_copy(P, ty, e, loc);
  if (t) return t;
  int k = copy_kind(P, ty, false);
  if (k == COPY_TRIVIAL) return e;
  if (k == COPY_DELETED) deleted_error(P, ty, false, loc);
  P_class *c = p_class_of(ty);
  cw_node **argv = CW_NEW_ARRAY(P->a, cw_node *, 1);
  argv[0] = e;
  const char *name = c->inj ? c->inj : p_class_name(P, ty);
  if (k != COPY_USER) return p_call(P, p_single(P, implicit_copy_fn(P, ty, false)), name, NULL, argv, 1, loc);
  cw_obj *f = p_resolve(P, c->ctors, name, NULL, argv, 1, loc);
  P_fninfo *fi = f->fe_info;
  /* C++ allows an explicit one in direct initialisation only, a form a
   * copy site here does not know */
  if (fi && fi->is_explicit)
    cw_error(P->d, loc, "'%s' has an explicit copy constructor: not supported (C++ uses it in direct initialisation only); "
             "remove 'explicit'", p_class_name(P, ty));
  return p_call(P, p_single(P, f), name, NULL, argv, 1, loc);
}

typedef struct P_nrvo_ret {
  struct P_nrvo_ret *next;
  cw_node *ret, *copy;
} P_nrvo_ret;

struct P_nrvo {
  cw_obj *var;     /* the local every `return v;` so far returns */
  bool off;        /* some return returns something else: every return copies */
  P_nrvo_ret *rets;
};

cw_node *p_return_copy(Parser *P, cw_node *ret, cw_node *e) {
  cw_type *ty = cw_ty_unqual(e->ty);
  if ((ty->kind != TY_STRUCT && ty->kind != TY_UNION) || !P->fn) return e;
  /* `return v;` of a local or parameter: C++17 tries it as an rvalue first
   * but, with no move constructor (rvalue references are refused), takes the
   * copy as from an lvalue, so a constructor template taking `U &` applies */
  P_class *c = p_class_of(ty);
  if (copy_kind(P, ty, false) == COPY_TRIVIAL && (!c || !c->ctor_tmpls)) return e;
  if (!P->nrvo) P->nrvo = CW_NEW(P->a, struct P_nrvo);
  struct P_nrvo *r = P->nrvo;
  /* checked (a deleted copy constructor is an error) even when elided */
  cw_node *copy = p_copy(P, e, e->loc);
  bool named = e->kind == ND_VAR && e->var->storage == CW_STORE_LOCAL && !e->var->is_temp &&
               e->var->fe_info == P->fn && cw_ty_unqual(e->var->ty) == ty && !e->var->ty->is_volatile;
  if (!named) {
    r->off = true;
    return copy;
  }
  if (r->var && r->var != e->var) r->off = true;
  r->var = e->var;
  P_nrvo_ret *x = CW_NEW(P->a, P_nrvo_ret);
  x->ret = ret;
  x->copy = copy;
  x->next = r->rets;
  r->rets = x;
  return e;
}

void p_nrvo_finish(Parser *P) {
  if (!P->nrvo || !P->nrvo->off) return;
  for (P_nrvo_ret *x = P->nrvo->rets; x; x = x->next) x->ret->lhs = x->copy;
}

cw_node *p_class_assign(Parser *P, cw_node *l, cw_node *r, cw_loc loc) {
  cw_type *ty = cw_ty_unqual(l->ty);
  P_class *c = p_class_of(ty);
  p_check_lvalue(P, l, loc);
  P_fnlist *ops = p_class_methods(P, ty, "operator=");
  cw_node **argv = CW_NEW_ARRAY(P->a, cw_node *, 1);
  argv[0] = r;
  if (ops && p_any_viable(P, ops, l, argv, 1)) return p_call(P, ops, "operator=", l, argv, 1, loc);
  if (cw_ty_unqual(r->ty) != ty) {
    if (!p_has_ctors(c)) return p_new_assign(P, l, r, loc); /* a conversion operator, or the type error */
    argv[0] = p_ctor_call(P, ty, argv, 1, loc, P_INIT_COPY); /* converting constructor */
    if (ops && p_any_viable(P, ops, l, argv, 1)) return p_call(P, ops, "operator=", l, argv, 1, loc);
  }
  switch (copy_kind(P, ty, true)) {
  case COPY_USER: return p_call(P, ops, "operator=", l, argv, 1, loc); /* reports why none is viable */
  case COPY_DELETED: deleted_error(P, ty, true, loc);
  case COPY_IMPLICIT: return p_call(P, p_single(P, implicit_copy_fn(P, ty, true)), "operator=", l, argv, 1, loc);
  default: return p_new_assign(P, l, argv[0], loc);
  }
}