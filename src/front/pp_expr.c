/* #if constant-expression evaluation (C rules on intmax_t/uintmax_t).
 *
 *   cond    := lor ('?' cond ':' cond)?
 *   lor..mul : binary operators by precedence (|| && | ^ & ==,!= <,>,<=,>= <<,>> +,- *,/,%)
 *   unary   := ('+'|'-'|'~'|'!') unary | primary
 *   primary := number | char | identifier (0; `true` is 1) | '(' cond ')'
 *
 * Arithmetic is done on uint64_t bit patterns so signed overflow wraps
 * instead of being undefined; operands not evaluated (short-circuit, the
 * untaken arm of ?:) may divide by zero without error, as in C. */
#include <string.h>

#include "front/pp_internal.h"

typedef struct {
  uint64_t v;
  bool u; /* unsigned (uintmax_t) */
} val;

typedef struct {
  cw_diags *d;
  cw_token *tok;
  const cw_token *dir;
  int depth;
} ev;

/* Bounds recursion so hostile input cannot overflow the C stack. */
enum { MAX_DEPTH = 256 };

static bool is_p(const cw_token *t, const char *s) {
  return t->kind == CW_TK_PUNCT && !cw_tok_bad_message(t) && (size_t)t->len == strlen(s) &&
         memcmp(t->text, s, (size_t)t->len) == 0;
}

static cw_loc where(ev *E) { return E->tok->kind == CW_TK_EOF ? E->dir->loc : E->tok->loc; }

static void enter(ev *E) {
  if (++E->depth > MAX_DEPTH) cw_error(E->d, where(E), "preprocessor expression nested too deeply");
}

static val cond(ev *E, bool eval);

static val primary(ev *E, bool eval) {
  cw_token *t = E->tok;
  const char *bad = cw_tok_bad_message(t);
  if (bad) cw_error(E->d, t->loc, "%s", bad);
  if (is_p(t, "(")) {
    E->tok = t->next;
    enter(E);
    val v = cond(E, eval);
    E->depth--;
    if (!is_p(E->tok, ")")) cw_error(E->d, where(E), "expected ')' in preprocessor expression");
    E->tok = E->tok->next;
    return v;
  }
  if (t->kind == CW_TK_NUM) {
    cw_lex_convert_number(E->d, t);
    if (t->is_float) cw_error(E->d, t->loc, "floating constant in preprocessor expression");
    E->tok = t->next;
    val v = {t->ival, false};
    if (!t->is_char) v.u = (t->suffix & CW_NUM_U) || t->ival > (uint64_t)INT64_MAX;
    return v;
  }
  if (t->kind == CW_TK_IDENT || t->kind == CW_TK_KEYWORD) {
    E->tok = t->next;
    val v = {(t->len == 4 && memcmp(t->text, "true", 4) == 0) ? 1u : 0u, false};
    return v;
  }
  if (t->kind == CW_TK_EOF) cw_error(E->d, where(E), "expected value in preprocessor expression");
  cw_error(E->d, t->loc, "token '%.*s' is not valid in preprocessor expressions", t->len, t->text);
}

static val unary(ev *E, bool eval) {
  cw_token *t = E->tok;
  if (is_p(t, "+") || is_p(t, "-") || is_p(t, "~") || is_p(t, "!")) {
    E->tok = t->next;
    enter(E);
    val v = unary(E, eval);
    E->depth--;
    switch (t->text[0]) {
    case '-': v.v = 0 - v.v; break;
    case '~': v.v = ~v.v; break;
    case '!': v.v = v.v == 0; v.u = false; break;
    default: break;
    }
    return v;
  }
  return primary(E, eval);
}

static int prec(const cw_token *t) {
  static const struct { const char *op; int p; } ops[] = {
      {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6},
      {"<", 7}, {">", 7}, {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8},
      {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
  };
  if (t->kind != CW_TK_PUNCT) return 0;
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (is_p(t, ops[i].op)) return ops[i].p;
  return 0;
}

static val apply(ev *E, const cw_token *op, val l, val r, bool eval) {
  bool u = l.u || r.u;
  int64_t sl = (int64_t)l.v, sr = (int64_t)r.v;
  val res = {0, u};
  const char *o = op->text;
  int n = op->len;
  if (n == 1) {
    switch (o[0]) {
    case '*': res.v = l.v * r.v; return res;
    case '/': case '%':
      if (r.v == 0) {
        if (eval) cw_error(E->d, op->loc, "division by zero in preprocessor expression");
        return res;
      }
      if (u) res.v = o[0] == '/' ? l.v / r.v : l.v % r.v;
      else if (sl == INT64_MIN && sr == -1) res.v = o[0] == '/' ? l.v : 0;
      else res.v = (uint64_t)(o[0] == '/' ? sl / sr : sl % sr);
      return res;
    case '+': res.v = l.v + r.v; return res;
    case '-': res.v = l.v - r.v; return res;
    case '<': res.u = false; res.v = u ? l.v < r.v : sl < sr; return res;
    case '>': res.u = false; res.v = u ? l.v > r.v : sl > sr; return res;
    case '&': res.v = l.v & r.v; return res;
    case '^': res.v = l.v ^ r.v; return res;
    case '|': res.v = l.v | r.v; return res;
    }
  }
  if (o[0] == '<' && o[1] == '<') {
    res.u = l.u;
    res.v = (!r.u && sr < 0) || r.v >= 64 ? 0 : l.v << r.v;
    return res;
  }
  if (o[0] == '>' && o[1] == '>') {
    res.u = l.u;
    bool neg = !l.u && sl < 0;
    if ((!r.u && sr < 0) || r.v >= 64) res.v = neg ? UINT64_MAX : 0;
    else res.v = neg ? ~(~l.v >> r.v) : l.v >> r.v;
    return res;
  }
  res.u = false;
  if (o[0] == '<') res.v = u ? l.v <= r.v : sl <= sr;
  else if (o[0] == '>') res.v = u ? l.v >= r.v : sl >= sr;
  else if (o[0] == '=') res.v = l.v == r.v;
  else res.v = l.v != r.v; /* "!=" */
  return res;
}

static val binary(ev *E, int minp, bool eval) {
  val lhs = unary(E, eval);
  for (;;) {
    cw_token *op = E->tok;
    int p = prec(op);
    if (p == 0 || p < minp) return lhs;
    E->tok = op->next;
    if (p == 1 || p == 2) { /* || and && short-circuit */
      bool lt = lhs.v != 0;
      val rhs = binary(E, p + 1, eval && (p == 1 ? !lt : lt));
      bool rt = rhs.v != 0;
      lhs.v = p == 1 ? (lt || rt) : (lt && rt);
      lhs.u = false;
      continue;
    }
    val rhs = binary(E, p + 1, eval);
    lhs = apply(E, op, lhs, rhs, eval);
  }
}

static val cond(ev *E, bool eval) {
  enter(E);
  val c = binary(E, 1, eval);
  if (is_p(E->tok, "?")) {
    E->tok = E->tok->next;
    val a = cond(E, eval && c.v != 0);
    if (!is_p(E->tok, ":")) cw_error(E->d, where(E), "expected ':' in preprocessor expression");
    E->tok = E->tok->next;
    val b = cond(E, eval && c.v == 0);
    c = c.v ? a : b;
    c.u = a.u || b.u;
  }
  E->depth--;
  return c;
}

int64_t cw_pp_eval(cw_diags *d, cw_token *expr, const cw_token *dir) {
  ev E = {d, expr, dir, 0};
  val v = cond(&E, true);
  if (E.tok->kind != CW_TK_EOF)
    cw_error(d, E.tok->loc, "missing binary operator before token '%.*s'", E.tok->len, E.tok->text);
  return (int64_t)v.v;
}
