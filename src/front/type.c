/* Front-end types: singletons, constructors, conversions (LP64 host layout). */
#include <string.h>

#include "front/parse.h"
#include "util/strbuf.h"

#define SCALAR(nm, k, sz, u)                                   \
  static cw_type nm##_obj = {.kind = k, .size = sz, .align = sz, .is_unsigned = u}; \
  cw_type *cw_ty_##nm = &nm##_obj;

SCALAR(void, TY_VOID, 1, false)
SCALAR(bool, TY_BOOL, 1, true)
SCALAR(char, TY_CHAR, 1, false)
SCALAR(schar, TY_SCHAR, 1, false)
SCALAR(uchar, TY_UCHAR, 1, true)
SCALAR(short, TY_SHORT, 2, false)
SCALAR(ushort, TY_USHORT, 2, true)
SCALAR(int, TY_INT, 4, false)
SCALAR(uint, TY_UINT, 4, true)
SCALAR(long, TY_LONG, 8, false)
SCALAR(ulong, TY_ULONG, 8, true)
SCALAR(llong, TY_LLONG, 8, false)
SCALAR(ullong, TY_ULLONG, 8, true)
SCALAR(float, TY_FLOAT, 4, false)
SCALAR(double, TY_DOUBLE, 8, false)

/* threadIdx & co: struct { unsigned x, y, z; } */
static cw_member dim3_z = {NULL, "z", &uint_obj, {0}, 2, 8};
static cw_member dim3_y = {&dim3_z, "y", &uint_obj, {0}, 1, 4};
static cw_member dim3_x = {&dim3_y, "x", &uint_obj, {0}, 0, 0};
static cw_type dim3_obj = {.kind = TY_DIM3, .size = 12, .align = 4, .name = "dim3",
                           .members = &dim3_x};
cw_type *cw_ty_dim3 = &dim3_obj;

bool cw_ty_is_integer(const cw_type *t) {
  return t->kind >= TY_BOOL && (t->kind <= TY_ULLONG || t->kind == TY_ENUM);
}
bool cw_ty_is_float(const cw_type *t) { return t->kind == TY_FLOAT || t->kind == TY_DOUBLE; }
bool cw_ty_is_arith(const cw_type *t) { return cw_ty_is_integer(t) || cw_ty_is_float(t); }
bool cw_ty_is_scalar(const cw_type *t) { return cw_ty_is_arith(t) || t->kind == TY_PTR; }

cw_type *cw_ty_unqual(cw_type *t) { return t->origin ? t->origin : t; }

cw_type *cw_ty_pointer_to(cw_arena *a, cw_type *base) {
  cw_type *t = CW_NEW(a, cw_type);
  t->kind = TY_PTR;
  t->size = t->align = 8;
  t->is_unsigned = true;
  t->base = base;
  return t;
}

cw_type *cw_ty_array_of(cw_arena *a, cw_type *base, int len) {
  cw_type *t = CW_NEW(a, cw_type);
  t->kind = TY_ARRAY;
  t->base = base;
  t->array_len = len;
  t->align = base->align;
  if (len < 0 || base->size < 0)
    t->size = -1;
  else
    t->size = base->size * len; /* callers check overflow (p_declarator) */
  return t;
}

cw_type *p_copy_type(Parser *P, cw_type *t) {
  cw_type *n = CW_NEW(P->a, cw_type);
  *n = *t;
  n->origin = t->origin ? t->origin : t;
  n->next = NULL;
  return n;
}

/* Adds qualifiers; the copy remembers the unqualified original. */
cw_type *p_qualify(Parser *P, cw_type *t, bool c, bool v, bool r) {
  if ((!c || t->is_const) && (!v || t->is_volatile) && (!r || t->is_restrict)) return t;
  cw_type *n = p_copy_type(P, t);
  n->is_const |= c;
  n->is_volatile |= v;
  n->is_restrict |= r;
  return n;
}

cw_type *p_func_type(Parser *P, cw_type *ret) {
  cw_type *t = CW_NEW(P->a, cw_type);
  t->kind = TY_FUNC;
  t->size = 1;
  t->align = 1;
  t->return_ty = ret;
  return t;
}

cw_type *p_struct_type(Parser *P, cw_type_kind k) {
  cw_type *t = CW_NEW(P->a, cw_type);
  t->kind = k;
  t->size = -1;
  t->align = 1;
  return t;
}

cw_type *p_enum_type(Parser *P) {
  cw_type *t = CW_NEW(P->a, cw_type);
  t->kind = TY_ENUM;
  t->size = t->align = 4;
  return t;
}

static int int_rank(cw_type_kind k) {
  switch (k) {
  case TY_LONG: case TY_ULONG: return 2;
  case TY_LLONG: case TY_ULLONG: return 3;
  default: return 1;
  }
}

/* Integer promotion: everything narrower than int (and enums, bool) -> int. */
cw_type *p_promote(cw_type *t) {
  t = cw_ty_unqual(t);
  switch (t->kind) {
  case TY_BOOL: case TY_CHAR: case TY_SCHAR: case TY_UCHAR: case TY_SHORT: case TY_USHORT:
  case TY_ENUM:
    return cw_ty_int;
  default:
    return t;
  }
}

static cw_type *unsigned_of(cw_type *t) {
  switch (t->kind) {
  case TY_INT: return cw_ty_uint;
  case TY_LONG: return cw_ty_ulong;
  case TY_LLONG: return cw_ty_ullong;
  default: return t;
  }
}

/* Usual arithmetic conversions (C11 6.3.1.8) with LP64 sizes. */
cw_type *p_common_type(cw_type *a, cw_type *b) {
  a = cw_ty_unqual(a);
  b = cw_ty_unqual(b);
  if (a->kind == TY_DOUBLE || b->kind == TY_DOUBLE) return cw_ty_double;
  if (a->kind == TY_FLOAT || b->kind == TY_FLOAT) return cw_ty_float;
  a = p_promote(a);
  b = p_promote(b);
  if (a->kind == b->kind) return a;
  if (a->is_unsigned == b->is_unsigned) return int_rank(a->kind) >= int_rank(b->kind) ? a : b;
  cw_type *u = a->is_unsigned ? a : b, *s = a->is_unsigned ? b : a;
  if (int_rank(u->kind) >= int_rank(s->kind)) return u;
  if (s->size > u->size) return s;
  return unsigned_of(s);
}

bool p_same_type(cw_type *a, cw_type *b) {
  a = cw_ty_unqual(a);
  b = cw_ty_unqual(b);
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
  case TY_PTR:
    return p_same_type(a->base, b->base) && a->base->is_const == b->base->is_const;
  case TY_ARRAY:
    return a->array_len == b->array_len && p_same_type(a->base, b->base);
  case TY_STRUCT: case TY_UNION: case TY_ENUM: case TY_FUNC:
    return false; /* distinct objects are distinct types */
  default:
    return true;
  }
}

static void spell_base(cw_strbuf *sb, const cw_type *t) {
  if (t->is_const) cw_sb_puts(sb, "const ");
  if (t->is_volatile) cw_sb_puts(sb, "volatile ");
  static const char *names[] = {
      [TY_VOID] = "void", [TY_BOOL] = "bool", [TY_CHAR] = "char", [TY_SCHAR] = "signed char",
      [TY_UCHAR] = "unsigned char", [TY_SHORT] = "short", [TY_USHORT] = "unsigned short",
      [TY_INT] = "int", [TY_UINT] = "unsigned int", [TY_LONG] = "long",
      [TY_ULONG] = "unsigned long", [TY_LLONG] = "long long",
      [TY_ULLONG] = "unsigned long long", [TY_FLOAT] = "float", [TY_DOUBLE] = "double"};
  switch (t->kind) {
  case TY_STRUCT: cw_sb_printf(sb, "struct %s", t->name ? t->name : "<anonymous>"); break;
  case TY_UNION: cw_sb_printf(sb, "union %s", t->name ? t->name : "<anonymous>"); break;
  case TY_ENUM: cw_sb_printf(sb, "enum %s", t->name ? t->name : "<anonymous>"); break;
  case TY_DIM3: cw_sb_puts(sb, "uint3"); break;
  default:
    if (t->kind <= TY_DOUBLE) cw_sb_puts(sb, names[t->kind]);
    else cw_sb_puts(sb, "<type>");
  }
}

/* Declarator-style spelling: pointers before, arrays after. Function and
 * pointer-to-array types are spelled approximately (messages only). */
static void spell(cw_strbuf *sb, const cw_type *t, int depth) {
  if (depth > 64) { cw_sb_puts(sb, "..."); return; }
  switch (t->kind) {
  case TY_PTR:
    spell(sb, t->base, depth + 1);
    if (t->is_ref) {
      cw_sb_puts(sb, " &");
      break;
    }
    cw_sb_puts(sb, t->base->kind == TY_PTR ? "*" : " *");
    if (t->is_const) cw_sb_puts(sb, " const");
    if (t->is_restrict) cw_sb_puts(sb, " __restrict__");
    break;
  case TY_ARRAY:
    spell(sb, t->base, depth + 1);
    if (t->array_len < 0) cw_sb_puts(sb, "[]");
    else cw_sb_printf(sb, "[%d]", t->array_len);
    break;
  case TY_FUNC:
    spell(sb, t->return_ty, depth + 1);
    cw_sb_puts(sb, "(");
    for (cw_type *p = t->params; p; p = p->next) {
      spell(sb, p, depth + 1);
      if (p->next) cw_sb_puts(sb, ", ");
    }
    cw_sb_puts(sb, ")");
    break;
  default:
    spell_base(sb, t);
  }
}

const char *cw_ty_str(cw_arena *a, const cw_type *t) {
  cw_strbuf sb;
  cw_sb_init(&sb);
  spell(&sb, t, 0);
  const char *r = cw_arena_strdup(a, sb.data ? sb.data : "");
  cw_sb_free(&sb);
  return r;
}
