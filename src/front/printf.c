/* Device printf, assert and __trap in the front-end.
 *
 * printf(fmt, ...): fmt must be a string literal. Every conversion is
 * checked against its argument here (util/devfmt.h parses formats for both
 * the compiler and the runtime) and the argument is converted to what the
 * conversion reads: %d %i %c -> int, %u %x %X %o -> unsigned, with l/ll ->
 * long long / unsigned long long, %f %e %g %a -> float stays float (the
 * runtime promotes it to double, as C varargs do) and double stays double.
 * %s takes only string literals: they are formatted now and folded into the
 * format (so no string ever reaches device code). The result is ND_PRINTF,
 * whose value is the number of arguments, which is what CUDA's printf
 * returns.
 *
 * assert(cond) expands (builtin <assert.h>) to __cw_assert((cond), "cond");
 * __trap() has no condition. Both become ND_ASSERT with the message prefix
 * the runtime completes with kernel, block and thread. */
#include <string.h>

#include "front/parse.h"
#include "util/devfmt.h"

static const char *basename_of(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static const char *where(Parser *P, cw_loc loc) {
  return cw_arena_printf(P->a, "%s:%d", loc.file ? basename_of(loc.file->name) : "<unknown>", loc.line);
}

/* Arena-backed text buffer: a parse error longjmps out of printf_call, so
 * nothing it builds may need freeing. */
typedef struct abuf {
  cw_arena *a;
  char *p;
  size_t len, cap;
} abuf;

static void ab_putn(abuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->cap ? b->cap * 2 : 64) + n;
    char *p = cw_arena_alloc(b->a, cap);
    if (b->len) memcpy(p, b->p, b->len);
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}
static void ab_putc(abuf *b, char c) { ab_putn(b, &c, 1); }
static void ab_puts(abuf *b, const char *s) { ab_putn(b, s, strlen(s)); }

/* Appends text with every '%' doubled, so it is literal inside a format. */
static void put_literal(abuf *b, const char *s) {
  for (; *s; s++) {
    if (*s == '%') ab_putc(b, '%');
    ab_putc(b, *s);
  }
}

static bool is_char_array(cw_type *t) {
  return t->kind == TY_ARRAY && (t->base->kind == TY_CHAR || t->base->kind == TY_SCHAR || t->base->kind == TY_UCHAR);
}

/* Converts argument n (1-based position `pos`) for conversion sp. */
static cw_node *convert_arg(Parser *P, cw_node *n, const cw_fmt_spec *sp, int pos, const char *conv) {
  n = p_rval(P, n);
  cw_type *t = n->ty;
  const char *ts = cw_ty_str(P->a, t);
  switch (sp->arg) {
  case CW_FA_INT: case CW_FA_UINT: case CW_FA_I64: case CW_FA_U64: {
    if (!cw_ty_is_integer(t))
      cw_error(P->d, n->loc, "printf argument %d has type '%s' but '%s' expects an integer", pos, ts, conv);
    cw_type *to = sp->arg == CW_FA_INT ? cw_ty_int : sp->arg == CW_FA_UINT ? cw_ty_uint
                  : sp->arg == CW_FA_I64 ? cw_ty_llong : cw_ty_ullong;
    return p_cast(P, n, to);
  }
  case CW_FA_DBL:
    if (!cw_ty_is_float(t))
      cw_error(P->d, n->loc, "printf argument %d has type '%s' but '%s' expects a floating-point value (float or double)",
               pos, ts, conv);
    return n;
  case CW_FA_PTR:
    cw_error(P->d, n->loc, "'%%p' in device printf is not supported yet");
  default:
    cw_error(P->d, n->loc, "internal error: printf conversion");
  }
}

static cw_node *printf_call(Parser *P) {
  cw_token *name = P->tok;
  p_next(P);
  p_expect(P, "(", NULL);
  cw_token *ft = P->tok;
  if (ft->kind != CW_TK_STR)
    cw_error(P->d, ft->loc, "the format of device printf must be a string literal");
  p_next(P);
  const char *fmt = ft->str;
  abuf out = {.a = P->a};
  ab_puts(&out, "");
  cw_node head = {0}, *cur = &head;
  int nargs = 0, pos = 1;
  for (size_t i = 0; fmt[i];) {
    if (fmt[i] != '%') {
      ab_putc(&out, fmt[i++]);
      continue;
    }
    size_t start = i;
    cw_fmt_spec sp;
    const char *why = cw_fmt_parse(fmt, &i, &sp);
    if (why) {
      cw_error(P->d, ft->loc, "invalid device printf format: %s in '%.*s'", why,
               (int)(strlen(fmt + start) > 8 ? 8 : strlen(fmt + start)), fmt + start);
    }
    if (sp.arg == CW_FA_NONE) {
      ab_puts(&out, "%%");
      continue;
    }
    const char *conv = cw_arena_printf(P->a, "%.*s", (int)(sp.end - sp.start), fmt + sp.start);
    if (!p_consume(P, ",")) {
      cw_error(P->d, P->tok->loc, "device printf format has more conversions than arguments ('%s' has none)", conv);
    }
    pos++;
    if (sp.arg == CW_FA_STR) {
      cw_token *st = P->tok;
      if (st->kind != CW_TK_STR) {
          cw_error(P->d, st->loc, "'%s' in device printf needs a string literal argument (strings are not data on the device)", conv);
      }
      cw_strbuf one;
      cw_sb_init(&one);
      cw_fmt_one(&one, &sp, 0, st->str);
      put_literal(&out, one.data ? one.data : "");
      cw_sb_free(&one);
      p_next(P);
      continue;
    }
    if (P->tok->kind == CW_TK_STR) {
      cw_error(P->d, P->tok->loc, "a string literal argument needs '%%s', not '%s'", conv);
    }
    ab_putn(&out, fmt + sp.start, sp.end - sp.start);
    cw_node *a = p_assign(P);
    if (is_char_array(a->ty)) {
      cw_error(P->d, a->loc, "printf argument %d is a character array: only string literals can be printed", pos);
    }
    cur = cur->next = convert_arg(P, a, &sp, pos, conv);
    nargs++;
  }
  if (!p_eq(P->tok, ")")) {
    cw_error(P->d, P->tok->loc, "device printf has more arguments than its format has conversions");
  }
  p_next(P);
  if (nargs > CW_DEVFMT_MAX_ARGS) {
    cw_error(P->d, name->loc, "device printf takes at most %d arguments", CW_DEVFMT_MAX_ARGS);
  }
  cw_node *n = p_new_node(P, ND_PRINTF, name->loc);
  n->ty = cw_ty_int;
  n->str = out.p;
  n->args = head.next;
  n->nargs = nargs;
  return n;
}

static cw_node *assert_call(Parser *P, bool trap) {
  cw_token *name = P->tok;
  p_next(P);
  p_expect(P, "(", NULL);
  cw_node *n = p_new_node(P, ND_ASSERT, name->loc);
  n->ty = cw_ty_void;
  if (trap) {
    n->str = cw_arena_printf(P->a, "trap at %s", where(P, name->loc));
  } else {
    cw_node *c = p_scalar_cond(P, p_rval(P, p_assign(P)));
    p_expect(P, ",", NULL);
    if (P->tok->kind != CW_TK_STR) cw_error(P->d, P->tok->loc, "internal error: __cw_assert needs the condition text");
    n->str = cw_arena_printf(P->a, "assertion '%s' failed at %s", P->tok->str, where(P, name->loc));
    p_next(P);
    n->lhs = c;
  }
  p_expect(P, ")", NULL);
  return n;
}

cw_node *p_device_io_call(Parser *P, const char *name) {
  if (!strcmp(name, "printf")) return printf_call(P);
  if (!strcmp(name, "__cw_assert")) return assert_call(P, false);
  if (!strcmp(name, "__trap")) return assert_call(P, true);
  return NULL;
}
