/* Initialisers: parsed into a tree (nested braces, designators, brace
 * elision for arrays), then either lowered to statements (locals: ND_MEMZERO
 * then one ND_ASSIGN per initialised element) or evaluated to host-layout
 * bytes (globals: cw_obj.init_data). */
#include <string.h>

#include "front/parse.h"

typedef struct Init Init;
typedef struct Kid {
  struct Kid *next;
  int idx;
  cw_member *mem; /* struct/union element */
  Init *init;
} Kid;

struct Init {
  cw_type *ty;
  cw_node *expr; /* leaf: converted to ty */
  cw_loc loc;
  Kid *kids, *tail; /* sorted by idx */
};

static Init *new_init(Parser *P, cw_type *ty, cw_loc loc) {
  Init *I = CW_NEW(P->a, Init);
  I->ty = ty;
  I->loc = loc;
  return I;
}

/* The child for element idx; created on first use. Appending is O(1), so
 * long sequential initialisers stay linear. */
static Init *kid(Parser *P, Init *I, int idx, cw_type *ty, cw_member *mem) {
  if (I->tail && I->tail->idx < idx) {
    Kid *k = CW_NEW(P->a, Kid);
    k->idx = idx;
    k->mem = mem;
    k->init = new_init(P, ty, P->tok->loc);
    I->tail->next = k;
    I->tail = k;
    return k->init;
  }
  Kid **pp = &I->kids;
  while (*pp && (*pp)->idx < idx) pp = &(*pp)->next;
  if (*pp && (*pp)->idx == idx) {
    /* re-initialised by a designator: start over */
    (*pp)->init = new_init(P, ty, P->tok->loc);
    return (*pp)->init;
  }
  Kid *k = CW_NEW(P->a, Kid);
  k->idx = idx;
  k->mem = mem;
  k->init = new_init(P, ty, P->tok->loc);
  k->next = *pp;
  *pp = k;
  if (!k->next) I->tail = k;
  return k->init;
}

static void init_any(Parser *P, Init *I);

static bool is_end(Parser *P) {
  return p_eq(P->tok, "}") || (p_eq(P->tok, ",") && p_eq(P->tok->next, "}"));
}

static bool is_char_type(cw_type *t) {
  t = cw_ty_unqual(t);
  return t->kind == TY_CHAR || t->kind == TY_SCHAR || t->kind == TY_UCHAR;
}

static void string_init(Parser *P, Init *I) {
  cw_token *t = P->tok;
  p_next(P);
  int n = t->str_len + 1;
  if (I->ty->array_len < 0) I->ty = cw_ty_array_of(P->a, I->ty->base, n);
  else if (t->str_len > I->ty->array_len)
    cw_error(P->d, t->loc, "initializer-string for char array is too long");
  int len = I->ty->array_len < n ? I->ty->array_len : n;
  for (int i = 0; i < len; i++) {
    Init *k = kid(P, I, i, I->ty->base, NULL);
    k->expr = p_new_num(P, (int64_t)(signed char)t->str[i], cw_ty_unqual(I->ty->base), t->loc);
    if (cw_ty_unqual(I->ty->base)->is_unsigned) k->expr->ival = (unsigned char)t->str[i];
  }
}

/* array-list = (designator? initializer ("," designator? initializer)* ","?)? "}" */
static void array_list(Parser *P, Init *I) {
  cw_type *ty = I->ty;
  int64_t i = 0, max = 0;
  bool first = true;
  while (!p_consume(P, "}")) {
    if (!first) {
      p_expect(P, ",", "in initializer list");
      if (p_consume(P, "}")) break;
    }
    first = false;
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected '}' at end of initializer list");
    if (p_eq(P->tok, "[")) {
      p_next(P);
      cw_token *it = P->tok;
      i = p_const_expr(P);
      p_expect(P, "]", "after array designator");
      if (!p_consume(P, "=")) cw_error(P->d, P->tok->loc, "expected '=' after array designator");
      if (i < 0) cw_error(P->d, it->loc, "array designator index is negative");
      if (ty->array_len >= 0 && i >= ty->array_len)
        cw_error(P->d, it->loc, "array designator index (%lld) exceeds array bounds (%d)", (long long)i, ty->array_len);
    }
    if (ty->array_len >= 0 && i >= ty->array_len)
      cw_error(P->d, P->tok->loc, "excess elements in array initializer");
    if (i >= (1 << 24)) cw_error(P->d, P->tok->loc, "array initializer is too large");
    init_any(P, kid(P, I, (int)i, ty->base, NULL));
    i++;
    if (i > max) max = i;
  }
  if (ty->array_len < 0) {
    if (ty->base->size > 0 && max > 0x7fffffff / ty->base->size)
      cw_error(P->d, I->loc, "array is too large");
    I->ty = cw_ty_array_of(P->a, ty->base, (int)max);
  }
}

/* Brace elision: fill as many elements as remain in the enclosing list. */
static void array_elided(Parser *P, Init *I) {
  if (I->ty->array_len < 0) cw_error(P->d, P->tok->loc, "array initializer must be an initializer list");
  for (int i = 0; i < I->ty->array_len && !is_end(P); i++) {
    if (i > 0) p_expect(P, ",", "in initializer list");
    init_any(P, kid(P, I, i, I->ty->base, NULL));
  }
}

static cw_member *nth_member(cw_type *ty, cw_member *m) { return m ? m->next : ty->members; }

/* struct-list = (("." ident "=")? initializer ("," ...)*)? "}" */
static void struct_list(Parser *P, Init *I) {
  cw_type *ty = cw_ty_unqual(I->ty);
  cw_member *m = ty->members;
  bool first = true;
  int count = 0;
  while (!p_consume(P, "}")) {
    if (!first) {
      p_expect(P, ",", "in initializer list");
      if (p_consume(P, "}")) break;
    }
    first = false;
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected '}' at end of initializer list");
    if (p_eq(P->tok, ".")) {
      p_next(P);
      cw_token *nt = P->tok;
      if (!p_is_ident(nt)) cw_error(P->d, nt->loc, "expected a field designator");
      const char *name = p_tokstr(P, nt);
      p_next(P);
      m = NULL;
      for (cw_member *x = ty->members; x; x = x->next)
        if (x->name && !strcmp(x->name, name)) m = x;
      if (!m) cw_error(P->d, nt->loc, "field designator '%s' does not refer to any field in type '%s'", name, cw_ty_str(P->a, ty));
      if (!p_consume(P, "=")) cw_error(P->d, P->tok->loc, "expected '=' after field designator");
    } else if (ty->kind == TY_UNION && count > 0) {
      m = NULL;
    }
    if (!m) cw_error(P->d, P->tok->loc, "excess elements in %s initializer", ty->kind == TY_UNION ? "union" : "struct");
    if (ty->kind == TY_UNION) I->kids = I->tail = NULL; /* one member only */
    init_any(P, kid(P, I, m->idx, m->ty, m));
    m = nth_member(ty, m);
    count++;
  }
}

static void scalar_leaf(Parser *P, Init *I) {
  cw_token *t = P->tok;
  cw_node *e = p_assign(P);
  I->expr = p_copy(P, p_convert_assign(P, e, I->ty, t->loc, "initializing"), t->loc); /* a class: its copy constructor */
  I->loc = t->loc;
}

/* An element of a class with constructors: `{args}` (copy-list-
 * initialisation) or an expression (copy-initialisation: the copy
 * constructor, or a converting constructor). */
static void class_leaf(Parser *P, Init *I) {
  cw_token *t = P->tok;
  cw_type *ty = cw_ty_unqual(I->ty);
  if (!P->fn)
    cw_error(P->d, t->loc, "a __device__ or __constant__ variable of class type '%s' cannot be initialized by a "
             "constructor (dynamic initialization of device variables is not supported)",
             ty->name ? ty->name : cw_ty_str(P->a, ty));
  I->loc = t->loc;
  if (p_eq(t, "{")) {
    I->expr = p_construct_list(P, ty, t->loc);
    return;
  }
  cw_node *e = p_rval(P, p_assign(P));
  if (cw_ty_unqual(e->ty) == ty) {
    I->expr = p_copy(P, e, t->loc);
    return;
  }
  cw_node *u = p_is_class(e->ty) ? p_user_convert(P, e, ty, false) : NULL;
  I->expr = u ? u : p_ctor_call(P, ty, &e, 1, t->loc, P_INIT_COPY);
}

static void init_any(Parser *P, Init *I) {
  cw_token *t = P->tok;
  p_enter(P, t, "initializer");
  cw_type *ty = cw_ty_unqual(I->ty);
  if (ty->kind == TY_ARRAY) {
    if (t->kind == CW_TK_STR && is_char_type(ty->base)) string_init(P, I);
    else if (p_consume(P, "{")) {
      if (P->tok->kind == CW_TK_STR && is_char_type(ty->base) && p_eq(P->tok->next, "}")) {
        string_init(P, I);
        p_next(P);
      } else {
        array_list(P, I);
      }
    } else array_elided(P, I);
  } else if (ty->kind == TY_STRUCT || ty->kind == TY_UNION) {
    P_class *c = p_class_of(ty);
    if (p_has_ctors(c)) class_leaf(P, I);
    else if (p_consume(P, "{")) struct_list(P, I);
    else scalar_leaf(P, I); /* an expression of the same struct type */
  } else if (ty->kind == TY_DIM3) {
    cw_error(P->d, t->loc, "cannot initialize a value of type '%s'", cw_ty_str(P->a, ty));
  } else {
    if (p_consume(P, "{")) {
      if (p_consume(P, "}")) {
        I->expr = p_convert_assign(P, p_new_num(P, 0, cw_ty_int, t->loc), I->ty, t->loc, "initializing");
      } else {
        scalar_leaf(P, I);
        p_consume(P, ",");
        p_expect(P, "}", "after scalar initializer");
      }
    } else {
      scalar_leaf(P, I);
    }
  }
  p_leave(P);
}

/* ---- locals ---- */

typedef struct Path {
  const struct Path *up;
  int idx;
  cw_member *mem;
  cw_type *ty;
} Path;

static cw_node *path_lvalue(Parser *P, cw_obj *var, const Path *p, cw_loc loc) {
  if (!p->up) return p_new_var(P, var, loc);
  cw_node *base = path_lvalue(P, var, p->up, loc);
  cw_node *n;
  if (p->mem) {
    n = p_new_node(P, ND_MEMBER, loc);
    n->lhs = base;
    n->member = p->mem;
    n->ty = p->mem->ty;
  } else {
    n = p_new_node(P, ND_INDEX, loc);
    n->lhs = base;
    n->rhs = p_new_num(P, p->idx, cw_ty_int, loc);
    n->ty = base->ty->base;
  }
  return n;
}

static void emit(cw_node **cur, cw_node *s) {
  if (!s) return;
  (*cur)->next = s;
  while ((*cur)->next) *cur = (*cur)->next;
}

static void gen_assigns(Parser *P, cw_obj *var, Init *I, const Path *path, cw_node **cur, int depth) {
  if (I->expr) {
    cw_node *lv = path_lvalue(P, var, path, I->loc);
    cw_node *a = p_new_node(P, ND_ASSIGN, I->loc);
    a->lhs = lv;
    a->rhs = I->expr;
    a->ty = cw_ty_unqual(lv->ty);
    cw_node *s = p_new_node(P, ND_EXPR_STMT, I->loc);
    s->lhs = a;
    (*cur)->next = s;
    *cur = s;
    return;
  }
  cw_type *ty = cw_ty_unqual(I->ty);
  if (!p_runs_ctor(ty)) {
    for (Kid *k = I->kids; k; k = k->next) {
      Path p = {path, k->idx, k->mem, k->init->ty};
      gen_assigns(P, var, k->init, &p, cur, depth + 1);
    }
    return;
  }
  /* elements without an initialiser are default-constructed, in order */
  Kid *k = I->kids;
  if (ty->kind == TY_ARRAY) {
    int next = 0;
    for (; k; k = k->next) {
      emit(cur, p_default_construct_range(P, path_lvalue(P, var, path, I->loc), next, k->idx, I->loc));
      Path p = {path, k->idx, NULL, k->init->ty};
      gen_assigns(P, var, k->init, &p, cur, depth + 1);
      next = k->idx + 1;
    }
    emit(cur, p_default_construct_range(P, path_lvalue(P, var, path, I->loc), next, ty->array_len, I->loc));
    return;
  }
  for (cw_member *m = ty->members; m; m = m->next) {
    Path p = {path, m->idx, m, m->ty};
    if (k && k->mem == m) {
      gen_assigns(P, var, k->init, &p, cur, depth + 1);
      k = k->next;
    } else {
      emit(cur, p_default_construct(P, path_lvalue(P, var, &p, I->loc), I->loc));
    }
  }
}

cw_node *p_local_init(Parser *P, cw_obj *var) {
  Init *I = new_init(P, var->ty, P->tok->loc);
  init_any(P, I);
  var->ty = I->ty; /* unsized arrays get their length */
  cw_node head = {0}, *cur = &head;
  cw_type *ty = cw_ty_unqual(var->ty);
  if (!I->expr && (ty->kind == TY_ARRAY || ty->kind == TY_STRUCT || ty->kind == TY_UNION)) {
    cw_node *z = p_new_node(P, ND_MEMZERO, var->loc);
    z->var = var;
    cur = cur->next = z;
  }
  Path root = {NULL, 0, NULL, var->ty};
  gen_assigns(P, var, I, &root, &cur, 0);
  return head.next;
}

/* ---- globals ---- */

static void put_le(uint8_t *buf, int64_t v, int size) {
  uint64_t u = (uint64_t)v;
  for (int i = 0; i < size; i++) buf[i] = (uint8_t)(u >> (8 * i));
}

static void write_init(Parser *P, Init *I, uint8_t *buf, int size) {
  if (I->expr) {
    cw_type *ty = cw_ty_unqual(I->ty);
    P_val v;
    if (!p_try_eval(P, I->expr, &v))
      cw_error(P->d, I->expr->loc, "initializer element is not a compile-time constant");
    if (ty->kind == TY_FLOAT) {
      float f = (float)v.f;
      uint32_t u;
      memcpy(&u, &f, 4);
      put_le(buf, u, 4);
    } else if (ty->kind == TY_DOUBLE) {
      uint64_t u;
      memcpy(&u, &v.f, 8);
      put_le(buf, (int64_t)u, 8);
    } else if (ty->kind == TY_PTR) {
      if (v.i != 0) cw_error(P->d, I->expr->loc, "only null pointers can initialize device pointers");
    } else if (cw_ty_is_integer(ty)) {
      put_le(buf, v.i, ty->size);
    } else {
      cw_error(P->d, I->expr->loc, "initializer element is not a compile-time constant");
    }
    return;
  }
  cw_type *ty = cw_ty_unqual(I->ty);
  for (Kid *k = I->kids; k; k = k->next) {
    int off = k->mem ? k->mem->offset : k->idx * ty->base->size;
    if (off < 0 || off >= size) continue;
    write_init(P, k->init, buf + off, size - off);
  }
}

void p_global_init(Parser *P, cw_obj *var) {
  Init *I = new_init(P, var->ty, P->tok->loc);
  cw_loc loc = P->tok->loc;
  init_any(P, I);
  var->ty = I->ty;
  if (var->ty->size < 0) cw_error(P->d, loc, "variable '%s' has incomplete type", var->name);
  if (var->ty->size > (64 << 20)) cw_error(P->d, loc, "initialized global '%s' is too large (over 64 MiB)", var->name);
  var->init_data = cw_arena_alloc(P->a, (size_t)var->ty->size + 1);
  write_init(P, I, var->init_data, var->ty->size);
}
