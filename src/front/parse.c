/* Parser entry point: tokens, scopes, file-scope declarations, functions.
 *
 * Recursive descent after chibicc's parse.c: semantic analysis (types,
 * implicit conversions, lvalue checks) happens while parsing, so the AST
 * handed to ir/lower already satisfies the invariants of front/ast.h.
 * Bodies of host-only functions are skipped by brace matching: they are
 * recorded (so calls from device code get a precise error) but not parsed. */
#include <setjmp.h>
#include <string.h>

#include "front/parse.h"

cw_node *p_ctor_prologue(Parser *P, cw_obj *fn);

/* ---------------- tokens ---------------- */

bool p_eq(const cw_token *t, const char *s) {
  if (t->kind != CW_TK_PUNCT && t->kind != CW_TK_KEYWORD && t->kind != CW_TK_IDENT) return false;
  size_t n = strlen(s);
  return (size_t)t->len == n && memcmp(t->text, s, n) == 0;
}

/* Words the parser treats as keywords; anything else marked KEYWORD by the
 * lexer (e.g. a CUDA name it chose to reserve) is still usable as a name. */
static const char *reserved[] = {
    "void", "bool", "_Bool", "char", "short", "int", "long", "signed", "unsigned", "float",
    "double", "struct", "union", "enum", "typedef", "static", "extern", "inline", "const",
    "volatile", "restrict", "__restrict__", "__restrict", "if", "else", "for", "while", "do",
    "switch", "case", "default", "break", "continue", "return", "goto", "sizeof", "alignof",
    "_Alignof", "__alignof__", "true", "false", "nullptr", "__global__", "__device__",
    "__host__", "__constant__", "__shared__", "__managed__", "__forceinline__",
    "__noinline__", "__launch_bounds__", "template", "class", "namespace", "using",
    "operator", "new", "delete", "this", "constexpr", "auto", "register", "asm", "__asm__",
    "__asm", "typename", "virtual", "public", "private", "protected", "throw", "try", "catch",
    "__inline__", "__inline", "__attribute__", "__align__", "alignas", "_Alignas",
    "static_assert", "_Static_assert", "decltype", "friend", "mutable", "explicit",
    "static_cast", "reinterpret_cast", "const_cast", "dynamic_cast", NULL};

bool p_is_ident(const cw_token *t) {
  if (t->kind == CW_TK_IDENT) return true;
  if (t->kind != CW_TK_KEYWORD) return false;
  for (int i = 0; reserved[i]; i++)
    if (p_eq(t, reserved[i])) return false;
  return true;
}

const char *p_tokstr(Parser *P, const cw_token *t) {
  if (t->kind == CW_TK_EOF) return "end of file";
  return cw_arena_strndup(P->a, t->text ? t->text : "", t->text ? (size_t)t->len : 0);
}

void p_next(Parser *P) {
  if (P->tok->kind != CW_TK_EOF && P->tok->next) P->tok = P->tok->next;
}

bool p_consume(Parser *P, const char *s) {
  if (p_eq(P->tok, s)) {
    p_next(P);
    return true;
  }
  return false;
}

void p_expect(Parser *P, const char *s, const char *after) {
  if (p_consume(P, s)) return;
  if (after)
    cw_error(P->d, P->tok->loc, "expected '%s' %s", s, after);
  cw_error(P->d, P->tok->loc, "expected '%s'", s);
}

void p_enter(Parser *P, cw_token *t, const char *what) {
  if (++P->depth > CW_MAX_DEPTH) cw_error(P->d, t->loc, "%s nested too deeply", what);
}
void p_leave(Parser *P) { P->depth--; }

/* ---------------- scopes ---------------- */

void p_push_scope(Parser *P) {
  P_scope *s = CW_NEW(P->a, P_scope);
  s->up = P->scope;
  P->scope = s;
}
void p_pop_scope(Parser *P) { P->scope = P->scope->up; }

/* ---- type nesting depth ---- */

static unsigned ptr_hash(const void *p) {
  uintptr_t u = (uintptr_t)p;
  return (unsigned)((u >> 4) ^ (u >> 20)) * 2654435761u;
}

static void ptrmap_put(Parser *P, P_ptrmap *x, const void *key, int val) {
  if ((x->n + 1) * 2 > x->cap) {
    P_ptrmap old = *x;
    x->cap = old.cap ? old.cap * 2 : 64;
    x->n = 0;
    x->keys = CW_NEW_ARRAY(P->a, const void *, x->cap);
    x->vals = CW_NEW_ARRAY(P->a, int, x->cap);
    for (int i = 0; i < old.cap; i++)
      if (old.keys[i]) ptrmap_put(P, x, old.keys[i], old.vals[i]);
  }
  unsigned i = ptr_hash(key) & (unsigned)(x->cap - 1);
  while (x->keys[i] && x->keys[i] != key) i = (i + 1) & (unsigned)(x->cap - 1);
  if (!x->keys[i]) x->n++;
  x->keys[i] = key;
  x->vals[i] = val;
}

static int ptrmap_get(const P_ptrmap *x, const void *key) {
  if (!x->cap) return 0;
  for (unsigned i = ptr_hash(key) & (unsigned)(x->cap - 1); x->keys[i]; i = (i + 1) & (unsigned)(x->cap - 1))
    if (x->keys[i] == key) return x->vals[i];
  return 0;
}

int p_type_depth(Parser *P, cw_type *t) {
  int d = 0;
  while (t && (t->kind == TY_PTR || t->kind == TY_ARRAY)) {
    d++;
    t = t->base;
  }
  if (t && (t->kind == TY_STRUCT || t->kind == TY_UNION)) /* 0 while incomplete (self-reference) */
    d += ptrmap_get(&P->struct_depth, cw_ty_unqual(t));
  return d;
}

void p_set_struct_depth(Parser *P, cw_type *t, int depth) {
  ptrmap_put(P, &P->struct_depth, cw_ty_unqual(t), depth);
}

void p_check_type_depth(Parser *P, cw_type *t, cw_loc loc) {
  if (p_type_depth(P, t) > CW_MAX_DEPTH) cw_error(P->d, loc, "type nested too deeply");
}

/* ---- scope indexes ---- */
#define INDEX_MIN 32 /* lists shorter than this are searched linearly */

static unsigned name_hash(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void idx_put(Parser *P, P_index *x, const char *key, void *val, bool replace);

static void idx_grow(Parser *P, P_index *x) {
  P_index old = *x;
  x->cap = old.cap ? old.cap * 2 : 64;
  x->n = 0;
  x->keys = CW_NEW_ARRAY(P->a, const char *, x->cap);
  x->vals = CW_NEW_ARRAY(P->a, void *, x->cap);
  for (int i = 0; i < old.cap; i++)
    if (old.keys[i]) idx_put(P, x, old.keys[i], old.vals[i], true);
}

/* Inserts key -> val; an existing key keeps its value unless `replace`. */
static void idx_put(Parser *P, P_index *x, const char *key, void *val, bool replace) {
  if ((x->n + 1) * 2 > x->cap) idx_grow(P, x);
  unsigned i = name_hash(key) & (unsigned)(x->cap - 1);
  while (x->keys[i]) {
    if (!strcmp(x->keys[i], key)) {
      if (replace) x->vals[i] = val;
      return;
    }
    i = (i + 1) & (unsigned)(x->cap - 1);
  }
  x->keys[i] = key;
  x->vals[i] = val;
  x->n++;
}

static void *idx_get(const P_index *x, const char *key) {
  for (unsigned i = name_hash(key) & (unsigned)(x->cap - 1); x->keys[i]; i = (i + 1) & (unsigned)(x->cap - 1))
    if (!strcmp(x->keys[i], key)) return x->vals[i];
  return NULL;
}

/* The newest entry named `name` in scope s. */
static P_entry *scope_var(Parser *P, P_scope *s, const char *name) {
  if (!s->vidx.cap && s->nvars >= INDEX_MIN) /* lists are newest first: keep the first seen */
    for (P_entry *e = s->vars; e; e = e->next) idx_put(P, &s->vidx, e->name, e, false);
  if (s->vidx.cap) return idx_get(&s->vidx, name);
  for (P_entry *e = s->vars; e; e = e->next)
    if (!strcmp(e->name, name)) return e;
  return NULL;
}

static P_tag *scope_tag(Parser *P, P_scope *s, const char *name) {
  if (!s->tidx.cap && s->ntags >= INDEX_MIN)
    for (P_tag *t = s->tags; t; t = t->next) idx_put(P, &s->tidx, t->name, t, false);
  if (s->tidx.cap) return idx_get(&s->tidx, name);
  for (P_tag *t = s->tags; t; t = t->next)
    if (!strcmp(t->name, name)) return t;
  return NULL;
}

/* A name in one scope: its own entries, then the namespaces it uses
 * (`using namespace X;`, one level: not transitive). */
P_entry *p_find_in_scope(Parser *P, P_scope *s, const char *name) {
  P_entry *e = scope_var(P, s, name);
  if (e) return e;
  for (int i = 0; i < s->nusings; i++)
    if (s->usings[i]->scope != s && (e = scope_var(P, s->usings[i]->scope, name))) return e;
  return NULL;
}

P_entry *p_find_var(Parser *P, const char *name) {
  for (P_scope *s = P->scope; s; s = s->up) {
    P_entry *e = p_find_in_scope(P, s, name);
    if (e) return e;
  }
  /* built-in vector types and make_* are defined on first use */
  if (p_vector_define(P, name)) return p_find_var(P, name);
  return NULL;
}

cw_type *p_find_tag_in_scope(Parser *P, P_scope *s, const char *name) {
  P_tag *t = scope_tag(P, s, name);
  if (t) return t->ty;
  for (int i = 0; i < s->nusings; i++)
    if (s->usings[i]->scope != s && (t = scope_tag(P, s->usings[i]->scope, name))) return t->ty;
  return NULL;
}

static P_entry *find_var_here(Parser *P, const char *name) { return scope_var(P, P->scope, name); }
P_entry *p_find_var_here(Parser *P, const char *name) { return scope_var(P, P->scope, name); }

P_entry *p_push_var(Parser *P, const char *name) {
  P_scope *s = P->scope;
  P_entry *e = CW_NEW(P->a, P_entry);
  e->name = name;
  e->next = s->vars;
  s->vars = e;
  s->nvars++;
  if (s->vidx.cap) idx_put(P, &s->vidx, name, e, true);
  return e;
}

static cw_type *find_tag_type(Parser *P, const char *name) {
  for (P_scope *s = P->scope; s; s = s->up) {
    cw_type *t = p_find_tag_in_scope(P, s, name);
    if (t) return t;
  }
  return NULL;
}

/* A typedef name, or (C++) a struct/union/enum tag not hidden by a variable;
 * also a qualified name (A::B::T, ::T) that names a type. */
bool p_is_typename(Parser *P, cw_token *t) {
  if (p_eq(t, "::") || (p_is_ident(t) && p_eq(t->next, "::"))) {
    cw_token *end;
    cw_token *last;
    if (p_qualified_type(P, t, &end)) return true;
    struct P_template *T = p_tmpl_qualified(P, t, &last); /* TEMPLATES: ns::S<...> */
    return p_tmpl_is_struct(T) && p_eq(last->next, "<");
  }
  if (!p_is_ident(t)) return false;
  const char *name = p_tokstr(P, t);
  P_entry *e = p_find_var(P, name);
  if (e) return e->type_def != NULL;
  return find_tag_type(P, name) != NULL;
}

/* Appends v to f->locals in O(1): the tail is cached for the function being
 * parsed (a kernel with thousands of locals made the walk quadratic). */
void p_append_local(Parser *P, cw_obj *f, cw_obj *v) {
  if (P->locals_fn != f || !P->locals_tail || *P->locals_tail) {
    P->locals_fn = f;
    P->locals_tail = &f->locals;
    while (*P->locals_tail) P->locals_tail = &(*P->locals_tail)->next;
  }
  *P->locals_tail = v;
  P->locals_tail = &v->next;
}

cw_obj *p_new_local(Parser *P, const char *name, cw_type *ty, cw_loc loc, cw_storage st) {
  cw_obj *v = CW_NEW(P->a, cw_obj);
  v->name = name;
  v->ty = ty;
  v->loc = loc;
  v->storage = st;
  v->id = P->next_id++;
  v->fe_info = P->fn; /* owner: a nested body (lambda, local class) must not use it */
  if (P->fn) {
    /* append to keep declaration order */
    p_append_local(P, P->fn, v);
  }
  if (find_var_here(P, name)) cw_error(P->d, loc, "redefinition of '%s'", name);
  p_push_var(P, name)->var = v;
  return v;
}

void p_add_global(Parser *P, cw_obj *o) {
  if (P->gl_tail) P->gl_tail->next = o;
  else P->gl_head = o;
  P->gl_tail = o;
}

/* Tags are declared by parse_decl.c through this hook. */
void p_push_tag(Parser *P, const char *name, cw_type *ty);
void p_push_tag(Parser *P, const char *name, cw_type *ty) {
  P_scope *s = P->scope;
  P_tag *t = CW_NEW(P->a, P_tag);
  t->name = name;
  t->ty = ty;
  t->next = s->tags;
  s->tags = t;
  s->ntags++;
  if (s->tidx.cap) idx_put(P, &s->tidx, name, t, true);
}
cw_type *p_find_tag_here(Parser *P, const char *name);
cw_type *p_find_tag_here(Parser *P, const char *name) {
  P_tag *t = scope_tag(P, P->scope, name);
  return t ? t->ty : NULL;
}
cw_type *p_find_tag(Parser *P, const char *name);
cw_type *p_find_tag(Parser *P, const char *name) { return find_tag_type(P, name); }

/* ---------------- file scope ---------------- */

static bool is_launch_builtin_name(const char *n) {
  return !strcmp(n, "threadIdx") || !strcmp(n, "blockIdx") || !strcmp(n, "blockDim") ||
         !strcmp(n, "gridDim") || !strcmp(n, "warpSize");
}

/* Skips a balanced { ... } (the current token is '{'). */
static void skip_braces(Parser *P) {
  int depth = 0;
  cw_token *start = P->tok;
  for (;;) {
    cw_token *t = P->tok;
    if (t->kind == CW_TK_EOF) cw_error(P->d, start->loc, "expected '}' to match this '{'");
    if (p_eq(t, "{")) depth++;
    else if (p_eq(t, "}") && --depth == 0) {
      p_next(P);
      return;
    }
    p_next(P);
  }
}

static const char *fn_kind(cw_obj *f) {
  if (f->fn_flags & CW_FN_GLOBAL) return "__global__";
  if ((f->fn_flags & CW_FN_HOST) && (f->fn_flags & CW_FN_DEVICE)) return "__host__ __device__";
  return "__device__";
}
const char *p_fn_kind(cw_obj *f);
const char *p_fn_kind(cw_obj *f) { return fn_kind(f); }

static int fn_flags_of(P_declspec *a, bool extern_c) {
  int f = 0;
  if (a->global) f |= CW_FN_GLOBAL;
  if (a->device) f |= CW_FN_DEVICE;
  if (a->host || (!a->global && !a->device)) f |= CW_FN_HOST;
  if (a->forceinline) f |= CW_FN_FORCEINLINE;
  if (a->noinline) f |= CW_FN_NOINLINE;
  if (extern_c) f |= CW_FN_EXTERN_C;
  if (a->is_static) f |= CW_FN_STATIC;
  if (a->is_inline || a->forceinline) f |= CW_FN_INLINE;
  return f;
}

bool p_is_intrinsic_or_rejected(const char *name);

static bool same_params(cw_type *a, cw_type *b) {
  cw_type *p = a->params, *q = b->params;
  for (; p && q; p = p->next, q = q->next)
    if (!p_same_type(p, q) || p->is_ref != q->is_ref ||
        (p->is_ref && p->base->is_const != q->base->is_const))
      return false;
  return !p && !q && a->is_variadic == b->is_variadic;
}

static cw_type *declared_type(cw_obj *f) {
  P_fninfo *fi = f->fe_info;
  return fi && fi->decl_ty ? fi->decl_ty : f->ty;
}

/* The qualified source spelling of `name` declared in scope s ("A::B::f"). */
static const char *qualified_name(Parser *P, P_scope *s, const char *name) {
  for (; s; s = s->up) {
    if (s->cls && s->cls->name) return cw_arena_printf(P->a, "%s::%s", s->cls->name, name);
    if (s == P->file_scope) break;
  }
  if (P->cur_ns && s == P->cur_ns->scope) return cw_arena_printf(P->a, "%s::%s", P->cur_ns->name, name);
  return name;
}

/* A new function object named `name` in scope `target`; its emitted name is
 * made unique (overloads, namespaces, classes). */
static cw_obj *new_function(Parser *P, P_scope *target, const char *name, cw_type *ty, cw_loc loc, int flags) {
  cw_obj *fn = CW_NEW(P->a, cw_obj);
  const char *src = qualified_name(P, target, name);
  fn->name = (flags & CW_FN_EXTERN_C) ? name : p_unique_name(P, p_ident_for(P, src));
  if (strcmp(fn->name, name)) fn->src_name = src;
  fn->ty = ty;
  fn->loc = loc;
  fn->storage = CW_STORE_FUNC;
  fn->fn_flags = flags;
  fn->id = P->next_id++;
  p_add_global(P, fn);
  return fn;
}

void p_fn_defaults(Parser *P, cw_obj *fn, cw_type *ty);

/* Returns true when a body followed (the declaration ends there). */
static bool function(Parser *P, cw_type *ty, cw_token *name_tok, P_declspec *attr) {
  const char *name = p_tokstr(P, name_tok);
  P_scope *target = P->decl_scope ? P->decl_scope : P->scope;
  P->decl_scope = NULL;
  int flags = fn_flags_of(attr, P->extern_c);
  /* constexpr functions are callable from device code (nvcc --expt-relaxed-constexpr) */
  if (attr->is_constexpr && !attr->global) flags |= CW_FN_DEVICE | CW_FN_HOST;
  bool is_device = (flags & (CW_FN_GLOBAL | CW_FN_DEVICE)) != 0;
  if ((flags & CW_FN_GLOBAL) && cw_ty_unqual(ty->return_ty)->kind != TY_VOID)
    cw_error(P->d, name_tok->loc, "a __global__ function must have a void return type");
  if ((flags & CW_FN_GLOBAL) && (attr->host || attr->device))
    cw_error(P->d, name_tok->loc, "a __global__ function cannot also be __%s__",
             attr->host ? "host" : "device");
  if (flags & CW_FN_GLOBAL)
    for (cw_type *pt = ty->params; pt; pt = pt->next)
      if (pt->is_ref)
        cw_error(P->d, pt->loc, "a __global__ function parameter cannot be a reference ('%s'); pass a pointer or a value",
                 cw_ty_str(P->a, pt));
  bool has_body = p_eq(P->tok, "{");
  if (!strcmp(name, "operator=") && !target->cls)
    cw_error(P->d, name_tok->loc, "'operator=' must be a non-static member function");

  /* A prototype of a CUDA built-in from a built-in header: the compiler
   * knows it already, so it is not a user function. */
  if (!has_body && target == P->file_scope && p_is_intrinsic_or_rejected(name)) {
    P_entry *old = p_find_var(P, name);
    if (!old) {
      cw_obj *f = CW_NEW(P->a, cw_obj);
      f->name = name; f->ty = ty; f->loc = name_tok->loc; f->storage = CW_STORE_FUNC;
      f->fn_flags = flags; f->is_builtin = true; f->id = P->next_id++;
      p_push_var(P, name)->var = f;
    }
    return false;
  }

  cw_obj *fn = NULL;
  P_entry *old = scope_var(P, target, name);
  bool qualified = target != P->scope;
  if (old && old->var && old->var->storage == CW_STORE_FUNC && !old->var->is_builtin) {
    for (P_fnlist *l = old->fns; l; l = l->next)
      if (same_params(declared_type(l->fn), ty)) fn = l->fn;
    if (!old->fns && same_params(declared_type(old->var), ty)) fn = old->var;
    if (fn) {
      if (!p_same_type(declared_type(fn)->return_ty, ty->return_ty))
        cw_error(P->d, name_tok->loc, "functions that differ only in their return type cannot be overloaded ('%s')", name);
      if (fn->is_defined && has_body) cw_error(P->d, name_tok->loc, "redefinition of '%s'", name);
      P_fninfo *fi = fn->fe_info;
      if (fi && fi->is_method && P->fn_const != fi->is_const)
        cw_error(P->d, name_tok->loc, "out-of-line definition of '%s' differs in 'const' from its declaration", name);
      if (!fi || !fi->is_method) fn->fn_flags |= flags;
      if (has_body && !(fi && fi->decl_ty)) fn->ty = ty; /* parameter names come from the definition */
      if (has_body && fi && fi->decl_ty) {
        /* a method defined out of line: parameter names of the definition, `this` first */
        cw_type *th = fn->ty->params;
        cw_type *c = p_copy_type(P, th);
        c->next = ty->params;
        cw_type *nt = p_func_type(P, fn->ty->return_ty);
        nt->params = c;
        nt->is_variadic = ty->is_variadic;
        fn->ty = nt;
      }
    } else {
      if (qualified)
        cw_error(P->d, name_tok->loc, "out-of-line definition of '%s' does not match any declaration", name);
      cw_obj *first = old->var;
      if ((flags & CW_FN_GLOBAL) || (first->fn_flags & CW_FN_GLOBAL))
        cw_error(P->d, name_tok->loc, "overloaded __global__ function '%s' is not supported (kernels are looked up by name)", name);
      if ((flags & CW_FN_EXTERN_C) && (first->fn_flags & CW_FN_EXTERN_C))
        cw_error(P->d, name_tok->loc, "conflicting declaration of extern \"C\" function '%s' (C linkage functions cannot be overloaded)", name);
      if (!old->fns) {
        old->fns = CW_NEW(P->a, P_fnlist);
        old->fns->fn = first;
      }
      fn = new_function(P, target, name, ty, name_tok->loc, flags);
      P_fnlist **tail = &old->fns;
      while (*tail) tail = &(*tail)->next;
      *tail = CW_NEW(P->a, P_fnlist);
      (*tail)->fn = fn;
    }
  } else if (old && (old->var || old->type_def || old->is_const_val || old->host_var || old->ns) &&
             !(old->var && old->var->is_builtin)) {
    cw_error(P->d, name_tok->loc, "redefinition of '%s' as a different kind of symbol", name);
  } else if (qualified) {
    cw_error(P->d, name_tok->loc, "out-of-line definition of '%s' does not match any declaration", name);
  } else {
    fn = new_function(P, target, name, ty, name_tok->loc, flags);
    if (old) old->var = fn;
    else p_push_var(P, name)->var = fn;
  }
  if (attr->is_constexpr) {
    P_fninfo *fi = fn->fe_info;
    if (!fi) fn->fe_info = fi = CW_NEW(P->a, P_fninfo);
    fi->is_constexpr = true;
  }
  p_fn_defaults(P, fn, ty);
  if (attr->launch_bounds[0]) {
    fn->launch_bounds[0] = attr->launch_bounds[0];
    fn->launch_bounds[1] = attr->launch_bounds[1];
  }
  if (!has_body) return false;

  fn->is_defined = true;
  fn->params = NULL;
  fn->locals = NULL;
  P->locals_fn = NULL; /* drop p_append_local's cached tail */
  if (!is_device && !(fn->fe_info && ((P_fninfo *)fn->fe_info)->is_method)) {
    /* host function: recorded, body not parsed */
    skip_braces(P);
    return true;
  }
  p_parse_fn_body(P, fn);
  return true;
}

/* Saves the per-function parser state and enters fn: its parameters are
 * declared (ND_VAR nodes refer to the objects in fn->params; fn->locals,
 * which also links through `next`, holds copies of them with the same id).
 * For a member function the class scope lies between the enclosing scope
 * and the parameters, so members are found by their plain names. */
void p_fn_enter(Parser *P, cw_obj *fn, P_fnstate *s) {
  *s = (P_fnstate){P->scope, P->fn, P->loop_depth, P->break_depth, P->cur_switch, P->cur_switch_last,
                   P->temps, P->this_var, P->ctor_self, P->local_decl, P->nrvo};
  P_fninfo *fi = fn->fe_info;
  P_class *cls = fi && fi->cls ? p_class_of(fi->cls) : NULL;
  cw_type *ty = fn->ty;
  fn->is_defined = true;
  fn->params = NULL;
  fn->locals = NULL;
  P->locals_fn = NULL;
  P->fn = fn;
  P->loop_depth = P->break_depth = 0;
  P->cur_switch = P->cur_switch_last = NULL;
  P->temps = NULL;
  P->local_decl = false;
  P->this_var = NULL;
  P->ctor_self = NULL;
  P->nrvo = NULL;
  if (cls) {
    cls->scope->up = P->scope;
    P->scope = cls->scope;
  }
  p_push_scope(P);
  cw_obj *ptail = NULL;
  for (cw_type *pt = ty->params; pt; pt = pt->next) {
    const char *pname = pt->name ? pt->name : cw_arena_printf(P->a, "__unnamed_param%d", P->next_id);
    cw_obj *v = CW_NEW(P->a, cw_obj);
    v->name = pname;
    v->ty = pt;
    v->loc = pt->loc;
    v->storage = CW_STORE_PARAM;
    v->id = P->next_id++;
    v->fe_info = fn;
    if (fi && fi->is_method && pt == ty->params) {
      P->this_var = v; /* found through the `this` keyword, not by name */
    } else {
      if (find_var_here(P, pname)) cw_error(P->d, pt->loc, "redefinition of parameter '%s'", pname);
      p_push_var(P, pname)->var = v;
    }
    if (ptail) ptail->next = v;
    else fn->params = v;
    ptail = v;
    cw_obj *c = CW_NEW(P->a, cw_obj);
    *c = *v;
    c->next = NULL;
    p_append_local(P, fn, c);
  }
}

void p_fn_leave(Parser *P, P_fnstate *s) {
  P->scope = s->scope;
  P->fn = s->fn;
  P->loop_depth = s->loop_depth;
  P->break_depth = s->break_depth;
  P->cur_switch = s->cur_switch;
  P->cur_switch_last = s->cur_switch_last;
  P->temps = s->temps;
  P->this_var = s->this_var;
  P->ctor_self = s->ctor_self;
  P->local_decl = s->local_decl;
  P->nrvo = s->nrvo;
  P->locals_fn = NULL;
}

/* Parameters, `this` and the body of fn (P->tok at '{'). Saves and restores
 * the per-function parser state, so a body may be parsed while another is
 * (a lambda's operator(), a local class's member functions). */
void p_parse_fn_body(Parser *P, cw_obj *fn) {
  P_fnstate saved;
  p_fn_enter(P, fn, &saved);
  P_fninfo *fi = fn->fe_info;
  cw_node *pre = NULL;
  if (fi && fi->is_ctor) pre = p_ctor_prologue(P, fn);
  p_expect(P, "{", NULL);
  fn->body = p_compound_stmt(P);
  p_nrvo_finish(P);
  if (pre) {
    /* prologue (object, `this`, member initialisers), body, return the object */
    cw_node *last = pre;
    while (last->next) last = last->next;
    last->next = fn->body;
    cw_node *ret = p_new_node(P, ND_RETURN, fn->loc);
    ret->lhs = p_new_var(P, P->ctor_self, fn->loc);
    ret->ty = P->ctor_self->ty;
    fn->body->next = ret;
    cw_node *b = p_new_node(P, ND_BLOCK, fn->loc);
    b->body = pre;
    fn->body = b;
  }
  if (p_is_auto(fn->ty->return_ty)) fn->ty->return_ty = cw_ty_void; /* no return statement */
  p_fn_leave(P, &saved);
}

static void global_variable(Parser *P, cw_type *ty, cw_token *name_tok, P_declspec *attr) {
  const char *name = p_tokstr(P, name_tok);
  cw_loc loc = name_tok->loc;
  if (attr->managed) cw_error(P->d, attr->loc, "managed memory (__managed__) is not supported: WebGPU has no memory shared with the host; "
             "use a __device__ variable and cudaMemcpyToSymbol/cudaMemcpyFromSymbol");
  if (is_launch_builtin_name(name)) {
    /* a built-in header declaring threadIdx & co: the compiler provides them */
    if (p_consume(P, "=")) (void)p_assign(P);
    return;
  }
  bool is_dev = attr->device || attr->constant || attr->shared;
  if (!is_dev) {
    /* host variable: usable in device code only as a compile-time constant */
    P_entry *e = find_var_here(P, name);
    if (e && (e->host_var || e->is_const_val) && !p_eq(P->tok, "=")) return; /* redeclaration */
    if (!e) e = p_push_var(P, name);
    e->var = NULL;
    e->type_def = NULL;
    e->host_var = true;
    if (p_consume(P, "=")) {
      if ((ty->is_const || attr->is_constexpr) && cw_ty_is_arith(ty) && !p_eq(P->tok, "{")) {
        cw_node *n = p_convert_assign(P, p_rval(P, p_assign(P)), cw_ty_unqual(ty), loc,
                                      "initializing");
        P_val v;
        if (p_try_eval(P, n, &v)) {
          e->host_var = false;
          e->is_const_val = true;
          e->const_ty = cw_ty_unqual(ty);
          e->ival = v.i;
          e->fval = v.f;
        }
      } else {
        /* skip a host initialiser we do not need to understand */
        int depth = 0;
        while (P->tok->kind != CW_TK_EOF) {
          if (depth == 0 && (p_eq(P->tok, ",") || p_eq(P->tok, ";"))) break;
          if (p_eq(P->tok, "{") || p_eq(P->tok, "(") || p_eq(P->tok, "[")) depth++;
          if (p_eq(P->tok, "}") || p_eq(P->tok, ")") || p_eq(P->tok, "]")) depth--;
          p_next(P);
        }
      }
    }
    return;
  }

  if (attr->shared && attr->constant)
    cw_error(P->d, attr->loc, "a variable cannot be both __shared__ and __constant__");
  if (ty->kind == TY_FUNC) cw_error(P->d, loc, "'%s' declared as a function variable", name);

  cw_storage st = attr->constant ? CW_STORE_CONSTANT
                  : attr->shared ? (attr->is_extern ? CW_STORE_EXTERN_SHARED : CW_STORE_SHARED)
                                 : CW_STORE_DEVICE;
  if (st == CW_STORE_EXTERN_SHARED && (ty->kind != TY_ARRAY || ty->array_len >= 0))
    cw_error(P->d, loc, "extern __shared__ variable '%s' must be an unsized array", name);

  cw_obj *v = NULL;
  P_entry *e = find_var_here(P, name);
  if (e && e->var && e->var->storage == st && e->var->storage != CW_STORE_FUNC) {
    v = e->var;
    if (!p_same_type(v->ty, ty) && !(v->ty->kind == TY_ARRAY && ty->kind == TY_ARRAY))
      cw_error(P->d, loc, "redefinition of '%s' with a different type", name);
    if (ty->size >= 0) v->ty = ty;
  } else if (e) {
    cw_error(P->d, loc, "redefinition of '%s'", name);
  } else {
    v = CW_NEW(P->a, cw_obj);
    const char *src = qualified_name(P, P->scope, name);
    v->name = p_unique_name(P, p_ident_for(P, src));
    if (strcmp(v->name, name)) v->src_name = src;
    v->ty = ty;
    v->loc = loc;
    v->storage = st;
    v->id = P->next_id++;
    p_push_var(P, name)->var = v;
    p_add_global(P, v);
  }
  if (p_consume(P, "=")) {
    if (st == CW_STORE_SHARED || st == CW_STORE_EXTERN_SHARED)
      cw_error(P->d, loc, "initialization is not supported for __shared__ variables");
    if (v->init_data) cw_error(P->d, loc, "redefinition of '%s'", name);
    p_global_init(P, v);
  }
  if (v->ty->size < 0 && st != CW_STORE_EXTERN_SHARED && !attr->is_extern)
    cw_error(P->d, loc, "variable '%s' has incomplete type '%s'", name, cw_ty_str(P->a, v->ty));
}

static void reject_cxx(Parser *P) {
  cw_token *t = P->tok;
  if (p_eq(t, "template")) cw_error(P->d, t->loc, "templates are not supported yet");
  if (p_eq(t, "static_assert") || p_eq(t, "_Static_assert"))
    cw_error(P->d, t->loc, "static_assert is not supported yet");
  if (p_eq(t, "asm") || p_eq(t, "__asm__") || p_eq(t, "__asm"))
    cw_error(P->d, t->loc, "inline PTX assembly is not supported: PTX is NVIDIA's ISA, with no WGSL or C equivalent; "
             "use the CUDA intrinsic that the asm implements");
}

void p_top_level(Parser *P);
#define top_level p_top_level

static void declaration_at_file_scope(Parser *P) {
  P_declspec attr;
  cw_type *base = p_declspec(P, &attr);
  if (p_consume(P, ";")) return; /* struct/enum definition only */
  if (attr.shared && !attr.is_extern) {
    /* __shared__ at file scope is legal CUDA: one per block */
  }
  bool first = true;
  do {
    cw_token *name = NULL;
    cw_token *dtok = P->tok;
    bool host_fn = !attr.global && !attr.device && !attr.constant && !attr.shared;
    P->host_params = host_fn;
    cw_type *ty = p_declarator(P, base, &name);
    P->host_params = false;
    if (!name) cw_error(P->d, dtok->loc, "expected identifier in declaration");
    if (attr.is_typedef) {
      const char *n = p_tokstr(P, name);
      P_entry *e = find_var_here(P, n);
      if (e && e->type_def) {
        cw_type *o = e->type_def;
        if (!(p_same_type(o, ty) || (o->kind == ty->kind && o->size == ty->size)))
          cw_error(P->d, name->loc, "typedef redefinition with different types ('%s' vs '%s')",
                   cw_ty_str(P->a, ty), cw_ty_str(P->a, o));
        continue;
      }
      if (e) cw_error(P->d, name->loc, "redefinition of '%s' as a different kind of symbol", n);
      if (!ty->name && (ty->kind == TY_STRUCT || ty->kind == TY_UNION || ty->kind == TY_ENUM))
        ty->name = n; /* typedef struct { } S; names the struct for messages */
      p_push_var(P, n)->type_def = ty;
      continue;
    }
    if (ty->kind == TY_FUNC) {
      if (!first && p_eq(P->tok, "{")) cw_error(P->d, P->tok->loc, "expected ';' after top level declarator");
      if (function(P, ty, name, &attr)) return; /* a definition ends the declaration */
      first = false;
      continue;
    }
    first = false;
    global_variable(P, ty, name, &attr);
  } while (p_consume(P, ","));
  p_expect(P, ";", "after top level declarator");
}

/* A file-scope declaration with no device qualifier before its body or ';'
 * is host code: it is parsed speculatively, and skipped when it uses C++ the
 * parser does not know (std::vector, references, templates...). */
static bool is_host_only_decl(Parser *P) {
  /* structs/typedefs may be used by device code: their errors must show */
  if (p_eq(P->tok, "namespace") || p_eq(P->tok, "using") || p_eq(P->tok, "extern") ||
      p_eq(P->tok, "struct") || p_eq(P->tok, "class") || p_eq(P->tok, "constexpr") || p_eq(P->tok, "union") || p_eq(P->tok, "enum") ||
      p_eq(P->tok, "typedef"))
    return false;
  int depth = 0;
  for (cw_token *t = P->tok; t->kind != CW_TK_EOF; t = t->next) {
    if (p_eq(t, "__global__") || p_eq(t, "__device__") || p_eq(t, "__constant__") ||
        p_eq(t, "__shared__") || p_eq(t, "__managed__") || p_eq(t, "__host__"))
      return false;
    if (p_eq(t, "(") || p_eq(t, "[")) depth++;
    else if (p_eq(t, ")") || p_eq(t, "]")) depth--;
    else if (depth <= 0 && (p_eq(t, ";") || p_eq(t, "{"))) return true;
  }
  return true;
}

/* Skips one declaration/definition after a failed speculative parse and
 * records `name(` as a host function so device calls get a precise error. */
static void skip_host_decl(Parser *P) {
  int depth = 0;
  cw_token *fname = NULL, *start = P->tok;
  for (;;) {
    cw_token *t = P->tok;
    if (t->kind == CW_TK_EOF) cw_error(P->d, start->loc, "unexpected end of file in declaration");
    if (depth == 0 && (p_eq(t, ")") || p_eq(t, "]") || p_eq(t, "}")))
      cw_error(P->d, t->loc, "extraneous closing '%s'", p_tokstr(P, t));
    if (!fname && depth == 0 && p_is_ident(t) && p_eq(t->next, "(")) fname = t;
    if (p_eq(t, "(") || p_eq(t, "[") || p_eq(t, "{")) depth++;
    else if (p_eq(t, ")") || p_eq(t, "]") || p_eq(t, "}")) {
      depth--;
      if (depth <= 0 && p_eq(t, "}") && !p_eq(t->next, ";") && !p_eq(t->next, ",")) {
        p_next(P);
        break;
      }
    } else if (depth <= 0 && p_eq(t, ";")) {
      p_next(P);
      break;
    }
    p_next(P);
  }
  if (fname) {
    const char *name = p_tokstr(P, fname);
    if (!find_var_here(P, name)) {
      cw_obj *f = CW_NEW(P->a, cw_obj);
      f->name = name;
      f->ty = p_func_type(P, cw_ty_int);
      f->ty->is_variadic = true;
      f->loc = fname->loc;
      f->storage = CW_STORE_FUNC;
      f->fn_flags = CW_FN_HOST;
      f->is_defined = true;
      f->id = P->next_id++;
      p_push_var(P, name)->var = f;
      p_add_global(P, f);
    }
  }
}

static void declaration_at_file_scope(Parser *P);

/* A host-only declaration from `first` to the token before `end` is
 * recorded for the cuda/hip runtimes (cw_diags.host_spans), which blank it
 * before NVRTC sees the source: a function definition (ends with '}'), or
 * with `any` a declaration the parser skipped (device code cannot use it).
 * Only when both ends are spelled where they sit in the main file (not
 * produced by a macro), so that the byte range is exact. */
static void note_host_span(Parser *P, cw_token *first, cw_token *end, bool any) {
  cw_token *last = NULL;
  for (cw_token *t = first; t && t != end; t = t->next) last = t;
  if (!last || (!any && !p_eq(last, "}")) || !P->d->nsources) return;
  const cw_source *main_src = P->d->sources[0];
  cw_token *ends[2] = {first, last};
  for (int i = 0; i < 2; i++) {
    const cw_token *t = ends[i];
    if (t->loc.file != main_src || t->loc.offset < 0 || t->loc.offset + t->len > main_src->len ||
        memcmp(main_src->text + t->loc.offset, t->text, (size_t)t->len) != 0)
      return;
  }
  cw_diags_add_host_span(P->d, first->loc.offset, last->loc.offset + last->len);
}

/* A host variable that device code can never use: not const/constexpr
 * (only constants are usable there), and no '(' before its initialiser (a
 * function prototype is kept). */
static bool is_mutable_host_var(Parser *P, cw_token *first, cw_token *end) {
  for (cw_token *t = first; t && t != end && !p_eq(t, "="); t = t->next)
    if (p_eq(t, "const") || p_eq(t, "constexpr") || p_eq(t, "(")) return false;
  return true;
}

static void speculative_host_decl(Parser *P) {
  Parser saved = *P;
  P_entry *vars = P->scope->vars;
  P_tag *tags = P->scope->tags;
  cw_obj *gl_tail_next = P->gl_tail ? P->gl_tail->next : NULL;
  int count = P->d->count, nerrors = P->d->nerrors;
  jmp_buf jb, *outer = P->d->on_error;
  P->d->on_error = &jb;
  if (setjmp(jb) == 0) {
    declaration_at_file_scope(P);
    P->d->on_error = outer;
    note_host_span(P, saved.tok, P->tok, is_mutable_host_var(P, saved.tok, P->tok));
    return;
  }
  /* failed: forget what the attempt did, skip the declaration */
  P->d->on_error = outer;
  P->d->count = count;
  P->d->nerrors = nerrors;
  cw_token *start = saved.tok;
  *P = saved;
  P->scope->vars = vars;
  P->scope->tags = tags;
  /* the indexes may name entries the attempt added: rebuild on next lookup */
  P->scope->vidx = (P_index){0};
  P->scope->tidx = (P_index){0};
  if (P->gl_tail) P->gl_tail->next = gl_tail_next;
  P->tok = start;
  skip_host_decl(P);
  note_host_span(P, start, P->tok, true);
}

void p_top_level(Parser *P) {
  cw_token *t = P->tok;
  if (t->kind == CW_TK_PRAGMA_UNROLL || p_eq(t, ";")) {
    p_next(P);
    return;
  }
  if (p_eq(t, "template")) { /* TEMPLATES: parse_template.c */
    p_template_decl(P);
    return;
  }
  if (is_host_only_decl(P)) {
    speculative_host_decl(P);
    return;
  }
  reject_cxx(P);
  if (p_cxx_top_level(P)) return;
  if (p_eq(t, "extern") && t->next && t->next->kind == CW_TK_STR) {
    p_next(P);
    p_next(P);
    bool saved = P->extern_c;
    P->extern_c = true;
    if (p_consume(P, "{")) {
      while (!p_eq(P->tok, "}")) {
        if (P->tok->kind == CW_TK_EOF) cw_error(P->d, t->loc, "expected '}' to close extern \"C\"");
        top_level(P);
      }
      p_next(P);
    } else {
      top_level(P);
    }
    P->extern_c = saved;
    return;
  }
  declaration_at_file_scope(P);
}

void p_file_declaration(Parser *P) { declaration_at_file_scope(P); } /* TEMPLATES */
/* Parsing at file level in the middle of whatever is being parsed (a
 * built-in definition, a template instance): saved keeps the parser; scope
 * and ns are where the definitions go; no enclosing function. */
void p_file_level_enter(Parser *P, Parser *saved, P_scope *scope, P_ns *ns) {
  *saved = *P;
  P->scope = scope;
  P->cur_ns = ns;
  P->fn = NULL;
  P->loop_depth = P->break_depth = 0;
  P->cur_switch = P->cur_switch_last = NULL;
  P->extern_c = false;
  P->in_sizeof = 0;
  P->host_params = false;
  P->locals_fn = NULL;
  P->locals_tail = NULL;
}

/* Back to the saved parser; what the file-level parse made must persist:
 * the globals, ids, used names, the struct depth map and template state. */
void p_file_level_leave(Parser *P, const Parser *saved) {
  cw_obj *gh = P->gl_head, *gt = P->gl_tail;
  int id = P->next_id;
  P_ptrmap sd = P->struct_depth;
  struct P_tmpl_state *st = P->tmpl;
  P_index used = P->used_names; /* by value: the new names (and a regrown table) must stay */
  *P = *saved;
  P->gl_head = gh;
  P->gl_tail = gt;
  P->next_id = id;
  P->struct_depth = sd;
  P->tmpl = st;
  P->used_names = used;
  P->locals_fn = NULL; /* drop p_append_local's cached tail */
  P->locals_tail = NULL;
}

/* Parses toks (a built-in definition, EOF-terminated) at file scope, then
 * resumes where the parser was. */
void p_parse_injected(Parser *P, cw_token *toks) {
  Parser saved;
  P_scope *root = P->scope;
  while (root->up) root = root->up;
  p_file_level_enter(P, &saved, root, NULL);
  P->tok = toks;
  while (P->tok->kind != CW_TK_EOF) top_level(P);
  p_file_level_leave(P, &saved);
}

static void predefine(Parser *P) {
  struct { const char *name; cw_type *ty; } td[] = {
      {"size_t", cw_ty_ulong}, {"ptrdiff_t", cw_ty_long}, {"int8_t", cw_ty_schar},
      {"int16_t", cw_ty_short}, {"int32_t", cw_ty_int}, {"int64_t", cw_ty_long},
      {"uint8_t", cw_ty_uchar}, {"uint16_t", cw_ty_ushort}, {"uint32_t", cw_ty_uint},
      {"uint64_t", cw_ty_ulong}, {"intptr_t", cw_ty_long}, {"uintptr_t", cw_ty_ulong},
  };
  for (size_t i = 0; i < sizeof td / sizeof td[0]; i++) p_push_var(P, td[i].name)->type_def = td[i].ty;
  /* dim3/uint3 as ordinary structs of three unsigned */
  const char *vec[] = {"dim3", "uint3"};
  for (int i = 0; i < 2; i++) {
    cw_type *s = p_struct_type(P, TY_STRUCT);
    s->name = vec[i];
    cw_member *head = NULL, **pp = &head;
    const char *mn[] = {"x", "y", "z"};
    for (int j = 0; j < 3; j++) {
      cw_member *m = CW_NEW(P->a, cw_member);
      m->name = mn[j];
      m->ty = cw_ty_uint;
      m->idx = j;
      *pp = m;
      pp = &m->next;
    }
    s->members = head;
    p_struct_layout(P, s, false);
    p_push_var(P, vec[i])->type_def = s;
  }
}

/* program = (function-definition | declaration | extern "C" ... )* EOF */
cw_program *cw_parse(cw_diags *d, cw_token *tokens) {
  Parser PS;
  memset(&PS, 0, sizeof PS);
  Parser *P = &PS;
  P->d = d;
  P->a = d->arena;
  P->tok = tokens;
  P->next_id = 1;
  p_push_scope(P);
  P->file_scope = P->scope;
  predefine(P);
  while (P->tok->kind != CW_TK_EOF) {
    cw_token *before = P->tok;
    top_level(P);
    if (P->tok == before) cw_error(P->d, before->loc, "expected declaration"); /* must advance */
  }
  p_tmpl_finish(P, tokens); /* TEMPLATES: kernel instances launched from host code */
  /* nvcc's limit (ptxas: "too much global constant data"); it also keeps the
   * initialiser data that travels in the metadata small */
  long long const_bytes = 0;
  for (cw_obj *o = P->gl_head; o; o = o->next)
    if (o->storage == CW_STORE_CONSTANT && o->ty->size > 0 &&
        (const_bytes += o->ty->size) > CW_MAX_CONSTANT_BYTES)
      cw_error(P->d, o->loc, "__constant__ variable '%s' brings the module's constant memory to %lld bytes; "
               "CUDA allows at most %d (64 KiB)", o->name, const_bytes, CW_MAX_CONSTANT_BYTES);
  cw_program *prog = CW_NEW(P->a, cw_program);
  prog->globals = P->gl_head;
  return prog;
}
