/* C++ templates: instances and deduction (the scheme is told at the top of
 * parse_template.c).
 *
 * An instance is its template's tokens parsed again at file level with the
 * parameters bound (t_in_instance runs one such step and undoes it if an
 * error stops it); a member template instance's body waits until overload
 * resolution chooses it; a class template's members defined outside the
 * class are parsed once per instance. Deduction matches the tokens of the
 * captured parameter list against the types of the call's arguments, and
 * orders two member templates that tie in overload resolution. */
#include <setjmp.h>
#include <string.h>

#include "front/parse.h"
#include "front/tmpl_internal.h"

void p_push_tag(Parser *P, const char *name, cw_type *ty);

#define TMPL_MAX_DEPTH 64   /* nested instantiations (C++ compilers allow ~900; recursion is the usual cause) */

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

/* An instance is parsed at file level, in the template's scope and namespace. */
static void enter_file_level(Parser *P, T_save *s, P_template *T) {
  p_file_level_enter(P, &s->saved, T->scope ? T->scope : t_state(P)->root, T->ns);
}

void t_leave_file_level(Parser *P, T_save *s) { p_file_level_leave(P, &s->saved); }

/* Fills the defaults of parameters not given (in order: a default may use
 * earlier parameters, `int N = sizeof(T) * 8`). Returns the first parameter
 * that has neither an argument nor a default, or -1. */
int t_fill_defaults(Parser *P, P_template *T, T_arg *args, bool *have) {
  for (int i = 0; i < T->nparams; i++) {
    if (have[i]) continue;
    T_param *pp = &T->params[i];
    if (!pp->def) return i;
    T_save sv;
    enter_file_level(P, &sv, T);
    bind_params(P, T, args, i);
    P->tok = t_copy_tokens(P, pp->def, pp->ndef);
    t_parse_one_arg(P, T, i, &args[i]);
    if (P->tok->kind != CW_TK_EOF)
      cw_error(P->d, P->tok->loc, "unexpected '%s' in default template argument", p_tokstr(P, P->tok));
    t_leave_file_level(P, &sv);
    have[i] = true;
  }
  return -1;
}

T_inst *t_find_inst(P_template *T, T_arg *args) {
  for (T_inst *I = T->insts; I; I = I->next)
    if (t_same_args(T, I->args, args)) return I;
  return NULL;
}

T_inst *t_new_inst(Parser *P, P_template *T, T_arg *args) {
  T_inst *I = CW_NEW(P->a, T_inst);
  I->args = CW_NEW_ARRAY(P->a, T_arg, T->nparams ? T->nparams : 1);
  memcpy(I->args, args, sizeof *args * (size_t)T->nparams);
  I->display = t_display_name(P, T, args);
  I->ident = t_mangle(P, I->display);
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

/* Runs j at file level with T's parameters in scope. An error inside undoes
 * what the job began (the instance is dropped, or a member body is left to
 * parse again) and is followed by a note naming the instantiation. */
void t_in_instance(Parser *P, T_job *j) {
  struct P_tmpl_state *st = t_state(P);
  if (st->depth >= TMPL_MAX_DEPTH)
    cw_error(P->d, j->use, "template instantiation depth exceeds %d while instantiating '%s' "
             "(infinite recursion?; template declared at %s)", TMPL_MAX_DEPTH, j->I->display, t_where(P, j->T->loc));
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
  bool failed = false;
  P->d->on_error = &jb;
  if (setjmp(jb)) failed = true;
  else j->run(P, j);
  /* done or failed, the state is restored as it was before the job */
  P->d->on_error = outer;
  st->depth--;
  st->inj_ty = inj_ty;
  st->inj_name = inj_name;
  st->inj_tmpl = inj_tmpl;
  st->inj_args = inj_args;
  if (vc) vc->scope->up = cls_up;
  if (failed && vj->on_error == T_BODY) ((P_fninfo *)vj->I->fn->fe_info)->body_pending = true;
  else if (failed && vj->on_error == T_DROP) drop_inst(vj->T, vj->I);
  t_leave_file_level(P, &sv);
  if (!failed) return;
  if (vj->use.file)
    cw_note(P->d, vj->use, "in instantiation of '%s' requested here", vj->what ? vj->what : vj->I->display);
  longjmp(*outer, 1);
}

/* A class or function template's instance: its tokens parsed as one
 * file-level declaration with the parameters bound. */
void t_instance_decl(Parser *P, T_job *j) {
  struct P_tmpl_state *st = t_state(P);
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
  t_in_instance(P, &j);
}

/* A member template T of a class template instance, declared in the class:
 * takes the definition given outside the class, if any. */
static void adopt_outdef(Parser *P, P_template *T) {
  if (!T->owner) return;
  for (T_outdef *d = T->owner->outdefs; d; d = d->next) {
    if (!d->is_tmpl || strcmp(d->name, T->name)) continue;
    if (d->ninner != T->nparams)
      cw_error(P->d, d->loc, "out-of-class definition of member template '%s%s' has %d template parameters; its "
               "declaration has %d (declared at %s)", t_qual_of(P, T), T->name, d->ninner, T->nparams,
               t_where(P, T->loc));
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
void t_member_defined(Parser *P, P_template *T, cw_loc use) {
  if (T->nbody || !T->cls) return;
  adopt_outdef(P, T);
  if (!T->nbody)
    cw_error(P->d, use, "member function template '%s%s' is declared but not defined before this use (declared at %s; "
             "define it in its class, or after the class and before its first use)", t_qual_of(P, T), T->name,
             t_where(P, T->loc));
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
        T_outjob o = {{outdef_decl, S, I, t_copy_tokens(P, d->body, d->nbody), use, false, T_KEEP, d->scope, d->ns,
                       cw_arena_printf(P->a, "%s::%s", I->display, name)},
                      d, I->args};
        t_in_instance(P, &o.job);
        if (fn->body) return true;
      }
      return false;
    }
  }
  return false;
}

T_inst *t_instantiate(Parser *P, P_template *T, T_arg *args, cw_loc use) {
  T_inst *I = t_find_inst(T, args);
  if (I) {
    if (!T->is_struct && !I->fn)
      cw_error(P->d, use, "'%s' is used recursively while it is being instantiated; recursion is not supported "
               "in device code", I->display);
    return I;
  }
  t_member_defined(P, T, use);
  if (!T->nbody)
    cw_error(P->d, use, "template '%s' is declared but not defined (declared at %s)", T->name, t_where(P, T->loc));
  I = t_new_inst(P, T, args);
  cw_token *toks = t_copy_tokens(P, T->body, T->nbody);
  if (!T->is_struct && !T->is_ctor) {
    cw_token *nt = toks;
    for (int i = 0; i < T->name_idx; i++) nt = nt->next;
    nt->text = I->ident;
    nt->len = (int)strlen(I->ident);
  }
  T_job j = {T->cls ? member_decl : t_instance_decl, T, I, toks, use, false, T_DROP, NULL, NULL, NULL};
  t_in_instance(P, &j);
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
    bool same = T->params[pi].is_type ? t_same_type(args[pi].ty, val->ty) : args[pi].ival == val->ival;
    if (!same)
      cw_error(P->d, loc, "conflicting deductions for template parameter '%s' of '%s' ('%s' vs '%s')",
               T->params[pi].name, T->name,
               T->params[pi].is_type ? t_type_display(P, args[pi].ty)
                                     : t_value_display(P, &T->params[pi], args[pi].ival),
               T->params[pi].is_type ? t_type_display(P, val->ty) : t_value_display(P, &T->params[pi], val->ival));
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
      cw_token *end = t_skip_angles(t);
      if (!end) return;
      t = end;
      if (t == b) break;
      if (p_eq(t, "*") || p_eq(t, "[")) { ptr++; seen_star = true; }
      continue;
    } else if (p_is_ident(t) && pi < 0 && !tid) {
      const char *n = p_tokstr(P, t);
      int k = param_index(T, n);
      if (k >= 0 && T->params[k].is_type) pi = k;
      else if (p_eq(t->next, "<") && t_find_template(P, n) && t_find_template(P, n)->is_struct) tid = t;
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
  P_template *U = t_find_template(P, p_tokstr(P, tid));
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
        if (!v.is_type) v.ival = t_convert_value(T->params[j].vty, (P_val){.i = v.ival});
        deduce_set(P, T, j, &v, args, have, expl, loc);
      }
    }
    if (!t || t == b || !p_eq(t, ",")) break;
    t = t->next;
  }
}

/* Deduces from the call's arguments (P->tok at '('; restored afterwards). */
void t_deduce(Parser *P, P_template *T, T_arg *args, bool *have, bool *expl, cw_loc loc) {
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
  t_deduce_types(P, T, atys, nargs, args, have, expl, loc);
}

/* The first token of the function parameter list in T's captured
 * declaration (after its '('), or NULL when the name is not followed by one. */
static cw_token *first_param(P_template *T) {
  cw_token *t = T->body;
  for (int i = 0; i < T->name_idx; i++) t = t->next;
  t = t->next; /* '(' */
  return p_eq(t, "(") ? t->next : NULL;
}

/* The end of the function parameter starting at t: the ',' or ')' after it
 * (its template arguments, brackets and parentheses skipped), or the EOF. */
static cw_token *param_end(cw_token *t) {
  int depth = 0;
  while (t->kind != CW_TK_EOF && !(depth == 0 && (p_eq(t, ",") || p_eq(t, ")")))) {
    if (p_eq(t, "(") || p_eq(t, "[")) depth++;
    else if (p_eq(t, ")") || p_eq(t, "]")) depth--;
    else if (p_eq(t, "<")) {
      cw_token *e = t_skip_angles(t);
      if (e) { t = e; continue; }
    }
    t = t->next;
  }
  return t;
}

/* Deduces from the types of the call's arguments (atys, nargs of them; only
 * the first 256 count). */
void t_deduce_types(Parser *P, P_template *T, cw_type **atys, int nargs, T_arg *args, bool *have, bool *expl,
                    cw_loc loc) {
  if (!T->nbody) return;
  cw_token *t = first_param(T);
  if (!t) return;
  for (int k = 0; k < nargs && k < 256; k++) {
    cw_token *a = t;
    t = param_end(t);
    if (a == t) break;
    deduce_param(P, T, a, t, atys[k], args, have, expl, loc);
    if (!p_eq(t, ",")) break;
    t = t->next;
  }
}

/* The tokens of function parameter k in T's declaration: [*a, *b). */
static bool param_tokens(P_template *T, int k, cw_token **a, cw_token **b) {
  cw_token *t = first_param(T);
  if (!t) return false;
  for (int i = 0;; i++) {
    cw_token *s = t;
    t = param_end(t);
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
