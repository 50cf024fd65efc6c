/* Preprocessor (model: chibicc preprocess.c; Prosser's hideset algorithm).
 *
 * The whole translation unit is one token list: an #include splices the
 * included file's tokens into the list, followed by an "end of include"
 * marker (a CW_TK_EOF token whose origin is &include_end) that restores the
 * include depth and checks for unterminated #if. A macro call is replaced in
 * the list by its expansion, which is then rescanned by the same loop; each
 * token's hideset names the macros that must not expand it again, so
 * recursion terminates. Tokens produced by an expansion carry `origin` (so a
 * `#` from a macro never starts a directive) and, when they come from the
 * macro body, the location of the macro name at the expansion site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "front/pp_internal.h"

enum {
  MAX_INCLUDE_DEPTH = 200,
  MAX_EXPAND_DEPTH = 200,        /* macro calls nested inside macro arguments */
  MAX_EXPANSION_TOKENS = 2000000, /* stops exponential macro bombs before memory runs out */
  MAX_FILE_SIZE = 64 << 20,
};

typedef struct macro macro;

typedef struct hideset {
  macro *m;
  struct hideset *next;
} hideset;

typedef struct {
  const char *name;
  int len;
} pname;

enum { BI_NONE, BI_FILE, BI_LINE, BI_COUNTER };

struct macro {
  const char *name;
  int len;
  bool objlike;
  bool variadic; /* the last parameter collects the remaining arguments */
  pname *params;
  int nparams;
  cw_token *body; /* ends in CW_TK_EOF */
  int builtin;
};

typedef struct {
  const char *key;
  int len;
  unsigned hash;
  void *val;
} hm_entry;

typedef struct {
  hm_entry *e;
  int cap, used;
} hashmap;

enum { IN_THEN, IN_ELIF, IN_ELSE };

typedef struct cond {
  struct cond *prev;
  int ctx;
  cw_token *tok; /* directive name, for "unterminated #if" */
  bool included;
} cond;

typedef struct {
  cw_token *raw;      /* as written, ends in EOF */
  cw_token *expanded; /* fully macro-expanded, computed on first use */
} marg;

typedef struct pp {
  cw_diags *d;
  cw_arena *a;
  const cw_pp_options *opts;
  hashmap macros, once, guards;
  cond *cond;
  int ncond;
  int include_depth;
  int counter;
  long copies;
  int expand_depth;
} pp;

/* Tag for end-of-include markers (address only). */
static cw_token include_end;

/* ---- hash map (arena-backed, open addressing) ---- */

static unsigned hash_str(const char *s, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static hm_entry *hm_find(hashmap *h, const char *k, int n, unsigned hv) {
  for (int i = (int)(hv & (unsigned)(h->cap - 1));; i = (i + 1) & (h->cap - 1)) {
    hm_entry *e = &h->e[i];
    if (!e->key || (e->hash == hv && e->len == n && memcmp(e->key, k, (size_t)n) == 0)) return e;
  }
}

static void *hm_get(hashmap *h, const char *k, int n) {
  if (!h->cap) return NULL;
  return hm_find(h, k, n, hash_str(k, n))->val;
}

static void hm_put(pp *P, hashmap *h, const char *k, int n, void *v) {
  if ((h->used + 1) * 2 > h->cap) {
    hashmap nh = {0};
    nh.cap = h->cap ? h->cap * 2 : 256;
    nh.e = CW_NEW_ARRAY(P->a, hm_entry, nh.cap);
    for (int i = 0; i < h->cap; i++)
      if (h->e[i].key) *hm_find(&nh, h->e[i].key, h->e[i].len, h->e[i].hash) = h->e[i];
    nh.used = h->used;
    *h = nh;
  }
  unsigned hv = hash_str(k, n);
  hm_entry *e = hm_find(h, k, n, hv);
  if (!e->key) {
    e->key = k;
    e->len = n;
    e->hash = hv;
    h->used++;
  }
  e->val = v;
}

/* ---- token helpers ---- */

static bool is_punct(const cw_token *t, const char *s) {
  return t->kind == CW_TK_PUNCT && !cw_tok_bad_message(t) && (size_t)t->len == strlen(s) &&
         memcmp(t->text, s, (size_t)t->len) == 0;
}

static bool is_ident(const cw_token *t, const char *s) {
  return t->kind == CW_TK_IDENT && (size_t)t->len == strlen(s) && memcmp(t->text, s, (size_t)t->len) == 0;
}

static bool same_text(const cw_token *a, const cw_token *b) {
  return a->len == b->len && memcmp(a->text, b->text, (size_t)a->len) == 0;
}

/* A `#` that starts a directive: first on its line and not from a macro. */
static bool is_hash(const cw_token *t) { return t->at_bol && !t->origin && is_punct(t, "#"); }

static bool line_done(const cw_token *t) { return t->at_bol || t->kind == CW_TK_EOF; }

static cw_token *copy_token(pp *P, const cw_token *t) {
  if (++P->copies > MAX_EXPANSION_TOKENS)
    cw_error(P->d, t->loc, "macro expansion is too large (more than %d tokens)", MAX_EXPANSION_TOKENS);
  cw_token *c = CW_NEW(P->a, cw_token);
  *c = *t;
  c->next = NULL;
  return c;
}

static cw_token *new_eof(pp *P, cw_loc loc) {
  cw_token *t = CW_NEW(P->a, cw_token);
  t->kind = CW_TK_EOF;
  t->loc = loc;
  t->at_bol = true;
  return t;
}

/* Copies the rest of the directive line into a new list ending in EOF. */
static cw_token *copy_line(pp *P, cw_token **rest, cw_token *tok, cw_loc eol) {
  cw_token head = {0}, *cur = &head;
  for (; !line_done(tok); tok = tok->next) {
    cur = cur->next = copy_token(P, tok);
    eol = tok->loc;
  }
  cur->next = new_eof(P, eol);
  *rest = tok;
  return head.next;
}

static cw_token *skip_line(pp *P, cw_token *tok, const char *dir) {
  if (line_done(tok)) return tok;
  cw_warning(P->d, tok->loc, "extra tokens at end of #%s directive", dir);
  while (!line_done(tok)) tok = tok->next;
  return tok;
}

/* ---- hidesets ---- */

static bool hs_contains(const hideset *h, const macro *m) {
  for (; h; h = h->next)
    if (h->m == m) return true;
  return false;
}

static hideset *hs_union(pp *P, hideset *a, hideset *b) {
  if (!a) return b;
  if (!b) return a;
  hideset head = {0}, *cur = &head;
  for (; a; a = a->next) {
    if (hs_contains(b, a->m)) continue;
    cur = cur->next = CW_NEW(P->a, hideset);
    cur->m = a->m;
  }
  cur->next = b;
  return head.next;
}

static hideset *hs_intersection(pp *P, hideset *a, hideset *b) {
  hideset head = {0}, *cur = &head;
  for (; a; a = a->next) {
    if (!hs_contains(b, a->m)) continue;
    cur = cur->next = CW_NEW(P->a, hideset);
    cur->m = a->m;
  }
  return head.next;
}

/* ---- macros ---- */

static macro *find_macro(pp *P, const cw_token *t) {
  if (t->kind != CW_TK_IDENT) return NULL;
  return hm_get(&P->macros, t->text, t->len);
}

static bool is_defined(pp *P, const char *name, int len) {
  if (len == 13 && memcmp(name, "__has_include", 13) == 0) return true; /* a special operator, defined as in gcc */
  return hm_get(&P->macros, name, len) != NULL;
}

static int param_index(const macro *m, const cw_token *t) {
  if (t->kind != CW_TK_IDENT) return -1;
  for (int i = 0; i < m->nparams; i++)
    if (m->params[i].len == t->len && memcmp(m->params[i].name, t->text, (size_t)t->len) == 0) return i;
  return -1;
}

static bool same_definition(const macro *a, const macro *b) {
  if (a->objlike != b->objlike || a->variadic != b->variadic || a->nparams != b->nparams || a->builtin != b->builtin)
    return false;
  for (int i = 0; i < a->nparams; i++)
    if (a->params[i].len != b->params[i].len || memcmp(a->params[i].name, b->params[i].name, (size_t)a->params[i].len))
      return false;
  const cw_token *x = a->body, *y = b->body;
  for (; x->kind != CW_TK_EOF && y->kind != CW_TK_EOF; x = x->next, y = y->next)
    if (!same_text(x, y) || (x != a->body && x->has_space != y->has_space)) return false;
  return x->kind == CW_TK_EOF && y->kind == CW_TK_EOF;
}

static void add_macro(pp *P, const cw_token *name, macro *m) {
  macro *old = hm_get(&P->macros, name->text, name->len);
  if (old && !same_definition(old, m)) cw_warning(P->d, name->loc, "'%.*s' macro redefined", name->len, name->text);
  hm_put(P, &P->macros, name->text, name->len, m);
}

/* #define NAME body | #define NAME(params) body
 * params := (ident (',' ident)* (',' '...')? | '...' | ident '...')? */
static cw_token *read_define(pp *P, cw_token *tok, cw_token *dir) {
  if (tok->kind != CW_TK_IDENT)
    cw_error(P->d, line_done(tok) ? dir->loc : tok->loc, "macro name must be an identifier");
  if (is_ident(tok, "defined")) cw_error(P->d, tok->loc, "'defined' cannot be used as a macro name");
  cw_token *name = tok;
  tok = tok->next;
  macro *m = CW_NEW(P->a, macro);
  m->name = name->text;
  m->len = name->len;
  m->objlike = true;
  if (!line_done(tok) && !tok->has_space && is_punct(tok, "(")) {
    m->objlike = false;
    int cap = 4;
    m->params = CW_NEW_ARRAY(P->a, pname, cap);
    tok = tok->next;
    if (is_punct(tok, ")")) {
      tok = tok->next;
    } else {
      for (;;) {
        if (line_done(tok)) cw_error(P->d, name->loc, "missing ')' in macro parameter list");
        if (m->nparams == cap) {
          pname *n = CW_NEW_ARRAY(P->a, pname, cap * 2);
          memcpy(n, m->params, sizeof(pname) * (size_t)cap);
          m->params = n;
          cap *= 2;
        }
        if (is_punct(tok, "...")) {
          m->variadic = true;
          m->params[m->nparams++] = (pname){"__VA_ARGS__", 11};
          tok = tok->next;
        } else {
          if (tok->kind != CW_TK_IDENT) cw_error(P->d, tok->loc, "expected a macro parameter name");
          if (is_ident(tok, "__VA_ARGS__")) cw_error(P->d, tok->loc, "'__VA_ARGS__' can only appear in a variadic macro");
          if (param_index(m, tok) >= 0) cw_error(P->d, tok->loc, "duplicate macro parameter '%.*s'", tok->len, tok->text);
          m->params[m->nparams++] = (pname){tok->text, tok->len};
          tok = tok->next;
          if (is_punct(tok, "...")) { /* GNU named variadic: args... */
            m->variadic = true;
            tok = tok->next;
          }
        }
        if (is_punct(tok, ")")) {
          tok = tok->next;
          break;
        }
        if (m->variadic || !is_punct(tok, ","))
          cw_error(P->d, line_done(tok) ? name->loc : tok->loc, "expected ',' or ')' in macro parameter list");
        tok = tok->next;
      }
    }
  }
  m->body = copy_line(P, &tok, tok, name->loc);
  for (cw_token *t = m->body; t->kind != CW_TK_EOF; t = t->next) t->hideset = NULL, t->origin = NULL;
  cw_token *first = m->body, *last = NULL;
  for (cw_token *t = m->body; t->kind != CW_TK_EOF; t = t->next) last = t;
  if (first->kind != CW_TK_EOF && (is_punct(first, "##") || is_punct(last, "##")))
    cw_error(P->d, is_punct(first, "##") ? first->loc : last->loc,
             "'##' cannot appear at either end of a macro expansion");
  if (!m->objlike)
    for (cw_token *t = m->body; t->kind != CW_TK_EOF; t = t->next)
      if (is_punct(t, "#") && param_index(m, t->next) < 0)
        cw_error(P->d, t->loc, "'#' is not followed by a macro parameter");
  add_macro(P, name, m);
  return tok;
}

/* ---- expansion ---- */

static bool expand_macro(pp *P, cw_token **rest, cw_token *tok);

/* Expands every macro in `tok` (a private list ending in EOF), no directives. */
static cw_token *expand_list(pp *P, cw_token *tok) {
  cw_token head = {0}, *cur = &head;
  while (tok->kind != CW_TK_EOF) {
    if (expand_macro(P, &tok, tok)) continue;
    cur = cur->next = tok;
    tok = tok->next;
  }
  cur->next = tok;
  return head.next;
}

static cw_token *copy_list(pp *P, const cw_token *t) {
  cw_token head = {0}, *cur = &head;
  for (; t->kind != CW_TK_EOF; t = t->next) cur = cur->next = copy_token(P, t);
  cur->next = copy_token(P, t);
  return head.next;
}

static cw_token *expanded_arg(pp *P, marg *a, const cw_token *where) {
  if (!a->expanded) {
    if (++P->expand_depth > MAX_EXPAND_DEPTH) cw_error(P->d, where->loc, "macro expansion nested too deeply");
    a->expanded = expand_list(P, copy_list(P, a->raw));
    P->expand_depth--;
  }
  return a->expanded;
}

/* Reads the arguments of a call of m; tok is the macro name, tok->next '('.
 * Returns the array of nparams arguments and the ')' in *rparen. */
static marg *read_args(pp *P, macro *m, cw_token *name, cw_token **rparen) {
  cw_token *tok = name->next->next;
  int cap = m->nparams > 0 ? m->nparams : 1, n = 0;
  marg *args = CW_NEW_ARRAY(P->a, marg, cap);
  for (;;) {
    /* one argument */
    bool collect_rest = m->variadic && n == m->nparams - 1;
    cw_token head = {0}, *cur = &head;
    int depth = 0;
    for (;; tok = tok->next) {
      if (tok->kind == CW_TK_EOF)
        cw_error(P->d, name->loc, "unterminated argument list invoking macro '%.*s'", name->len, name->text);
      if (depth == 0 && (is_punct(tok, ")") || (is_punct(tok, ",") && !collect_rest))) break;
      if (is_punct(tok, "(")) depth++;
      else if (is_punct(tok, ")")) depth--;
      cur = cur->next = copy_token(P, tok);
    }
    cur->next = new_eof(P, tok->loc);
    if (n == cap) {
      marg *na = CW_NEW_ARRAY(P->a, marg, cap * 2);
      memcpy(na, args, sizeof(marg) * (size_t)cap);
      args = na;
      cap *= 2;
    }
    args[n++].raw = head.next;
    if (is_punct(tok, ")")) break;
    tok = tok->next; /* ',' */
  }
  *rparen = tok;
  if (m->nparams == 0 && n == 1 && args[0].raw->kind == CW_TK_EOF) return args;
  if (m->variadic && n == m->nparams - 1) { /* f(x) for f(x, ...): empty __VA_ARGS__ */
    if (n == cap) {
      marg *na = CW_NEW_ARRAY(P->a, marg, cap + 1);
      memcpy(na, args, sizeof(marg) * (size_t)cap);
      args = na;
    }
    args[n++].raw = new_eof(P, tok->loc);
  }
  if (n != m->nparams)
    cw_error(P->d, name->loc, "macro '%.*s' requires %d argument%s, but %d given", name->len, name->text,
             m->nparams, m->nparams == 1 ? "" : "s", n);
  return args;
}

static marg *find_arg(const macro *m, marg *args, const cw_token *t) {
  int i = param_index(m, t);
  return i < 0 ? NULL : &args[i];
}

/* Spelling of a list, tokens separated by one space where there was space. */
static char *join_tokens(pp *P, const cw_token *t, const cw_token *end, bool escape, int *lenp) {
  size_t n = 0;
  for (const cw_token *s = t; s != end && s->kind != CW_TK_EOF; s = s->next) n += (size_t)s->len * 2 + 1;
  char *buf = cw_arena_alloc(P->a, n + 1);
  size_t k = 0;
  for (const cw_token *s = t; s != end && s->kind != CW_TK_EOF; s = s->next) {
    if (s != t && s->has_space) buf[k++] = ' ';
    bool lit = s->kind == CW_TK_STR || (s->kind == CW_TK_NUM && s->is_char) ||
               (cw_tok_bad_message(s) && (s->text[0] == '"' || s->text[0] == '\''));
    for (int i = 0; i < s->len; i++) {
      char c = s->text[i];
      if (escape && lit && (c == '"' || c == '\\')) buf[k++] = '\\';
      buf[k++] = c;
    }
  }
  buf[k] = '\0';
  *lenp = (int)k;
  return buf;
}

static cw_token *make_string(pp *P, const char *s, int n, cw_loc loc) {
  cw_token *t = CW_NEW(P->a, cw_token);
  t->kind = CW_TK_STR;
  t->loc = loc;
  char *text = cw_arena_alloc(P->a, (size_t)n * 2 + 3);
  int k = 0;
  text[k++] = '"';
  for (int i = 0; i < n; i++) {
    if (s[i] == '"' || s[i] == '\\') text[k++] = '\\';
    text[k++] = s[i];
  }
  text[k++] = '"';
  t->text = text;
  t->len = k;
  t->str = cw_arena_strndup(P->a, s, (size_t)n);
  t->str_len = n;
  return t;
}

/* #arg: the argument's spelling as a string literal. */
static cw_token *stringize(pp *P, const cw_token *hash, const cw_token *arg, cw_loc loc) {
  int n;
  char *s = join_tokens(P, arg, NULL, false, &n);
  cw_token *t = make_string(P, s, n, loc);
  t->has_space = hash->has_space;
  return t;
}

/* lhs ## rhs: must lex as exactly one token. */
static cw_token *paste(pp *P, const cw_token *lhs, const cw_token *rhs) {
  int n = lhs->len + rhs->len;
  char *buf = cw_arena_alloc(P->a, (size_t)n + 1);
  memcpy(buf, lhs->text, (size_t)lhs->len);
  memcpy(buf + lhs->len, rhs->text, (size_t)rhs->len);
  cw_token *t = NULL;
  if (!(buf[0] == '/' && (buf[1] == '/' || buf[1] == '*'))) t = cw_lex_text(P->d, buf, n, lhs->loc);
  if (!t || t->kind == CW_TK_EOF || t->next->kind != CW_TK_EOF || cw_tok_bad_message(t) || t->len != n)
    cw_error(P->d, lhs->loc, "pasting \"%.*s\" and \"%.*s\" does not give a valid preprocessing token", lhs->len,
             lhs->text, rhs->len, rhs->text);
  t->has_space = lhs->has_space;
  t->at_bol = false;
  t->origin = lhs->origin;
  t->hideset = lhs->hideset;
  t->next = NULL;
  return t;
}

static cw_token *body_copy(pp *P, const cw_token *t, cw_loc site) {
  cw_token *c = copy_token(P, t);
  c->loc = site;
  return c;
}

/* Substitutes arguments into the body list `tok` (ends in EOF) of m. */
static cw_token *subst(pp *P, macro *m, marg *args, cw_token *tok, cw_loc site, bool in_vaopt) {
  cw_token head = {0}, *cur = &head;
  while (tok->kind != CW_TK_EOF) {
    /* #param */
    if (is_punct(tok, "#")) {
      marg *a = find_arg(m, args, tok->next);
      if (!a) cw_error(P->d, tok->loc, "'#' is not followed by a macro parameter");
      cur = cur->next = stringize(P, tok, a->raw, site);
      tok = tok->next->next;
      continue;
    }
    /* GNU: `, ## __VA_ARGS__` drops the comma when __VA_ARGS__ is empty */
    if (is_punct(tok, ",") && is_punct(tok->next, "##") && m->variadic) {
      marg *a = find_arg(m, args, tok->next->next);
      if (a && a == &args[m->nparams - 1]) {
        if (a->raw->kind == CW_TK_EOF) {
          tok = tok->next->next->next;
        } else {
          cur = cur->next = body_copy(P, tok, site);
          tok = tok->next->next;
        }
        continue;
      }
    }
    if (is_punct(tok, "##")) {
      if (cur == &head) cw_error(P->d, tok->loc, "'##' cannot appear at either end of a macro expansion");
      if (tok->next->kind == CW_TK_EOF) cw_error(P->d, tok->loc, "'##' cannot appear at either end of a macro expansion");
      marg *a = find_arg(m, args, tok->next);
      if (a) {
        if (a->raw->kind != CW_TK_EOF) {
          cw_token *p = paste(P, cur, a->raw);
          p->next = NULL;
          *cur = *p;
          for (cw_token *t = a->raw->next; t->kind != CW_TK_EOF; t = t->next) cur = cur->next = copy_token(P, t);
        }
        tok = tok->next->next;
        continue;
      }
      cw_token *p = paste(P, cur, tok->next);
      *cur = *p;
      tok = tok->next->next;
      continue;
    }
    /* __VA_OPT__(content): content when __VA_ARGS__ is non-empty */
    if (m->variadic && is_ident(tok, "__VA_OPT__") && is_punct(tok->next, "(")) {
      if (in_vaopt) cw_error(P->d, tok->loc, "__VA_OPT__ may not appear in a __VA_OPT__ operand");
      cw_token *t = tok->next->next;
      cw_token h2 = {0}, *c2 = &h2;
      int depth = 0;
      for (;; t = t->next) {
        if (t->kind == CW_TK_EOF) cw_error(P->d, tok->loc, "unterminated __VA_OPT__");
        if (is_punct(t, "(")) depth++;
        else if (is_punct(t, ")") && depth-- == 0) break;
        c2 = c2->next = copy_token(P, t);
      }
      c2->next = new_eof(P, t->loc);
      if (args[m->nparams - 1].raw->kind != CW_TK_EOF) {
        cw_token *r = subst(P, m, args, h2.next, site, true);
        for (; r->kind != CW_TK_EOF; r = r->next) cur = cur->next = r;
      }
      tok = t->next;
      continue;
    }
    marg *a = find_arg(m, args, tok);
    /* param ## ...: the argument is not expanded */
    if (a && is_punct(tok->next, "##")) {
      cw_token *rhs = tok->next->next;
      if (a->raw->kind == CW_TK_EOF) {
        marg *a2 = find_arg(m, args, rhs);
        if (a2) {
          for (cw_token *t = a2->raw; t->kind != CW_TK_EOF; t = t->next) cur = cur->next = copy_token(P, t);
        } else if (rhs->kind != CW_TK_EOF) {
          cur = cur->next = body_copy(P, rhs, site);
        }
        tok = rhs->kind == CW_TK_EOF ? rhs : rhs->next;
        continue;
      }
      for (cw_token *t = a->raw; t->kind != CW_TK_EOF; t = t->next) cur = cur->next = copy_token(P, t);
      tok = tok->next;
      continue;
    }
    if (a) {
      cw_token *e = expanded_arg(P, a, tok);
      bool first = true;
      for (; e->kind != CW_TK_EOF; e = e->next) {
        cur = cur->next = copy_token(P, e);
        if (first) cur->has_space = tok->has_space;
        first = false;
      }
      tok = tok->next;
      continue;
    }
    cur = cur->next = body_copy(P, tok, site);
    tok = tok->next;
  }
  cur->next = new_eof(P, site);
  return head.next;
}

static cw_token *builtin_token(pp *P, macro *m, cw_token *tok) {
  cw_token *t;
  if (m->builtin == BI_FILE) {
    const char *f = tok->loc.file ? tok->loc.file->name : "<unknown>";
    t = make_string(P, f, (int)strlen(f), tok->loc);
  } else {
    t = CW_NEW(P->a, cw_token);
    t->kind = CW_TK_NUM;
    t->loc = tok->loc;
    t->text = cw_arena_printf(P->a, "%d", m->builtin == BI_LINE ? tok->loc.line : P->counter++);
    t->len = (int)strlen(t->text);
  }
  t->at_bol = tok->at_bol;
  t->has_space = tok->has_space;
  t->origin = tok;
  t->hideset = tok->hideset;
  return t;
}

/* If tok is an expandable macro, replaces it (and its arguments) by the
 * expansion: *rest points at the first token to rescan. */
static bool expand_macro(pp *P, cw_token **rest, cw_token *tok) {
  macro *m = find_macro(P, tok);
  if (!m || hs_contains(tok->hideset, m)) return false;

  if (m->builtin) {
    cw_token *t = builtin_token(P, m, tok);
    t->next = tok->next;
    *rest = t;
    return true;
  }

  cw_token *after;
  cw_token *body;
  hideset *hs;
  if (m->objlike) {
    hs = CW_NEW(P->a, hideset);
    hs->m = m;
    hs->next = tok->hideset;
    cw_token head = {0}, *cur = &head;
    for (cw_token *t = m->body; t->kind != CW_TK_EOF; t = t->next) {
      cur = cur->next = body_copy(P, t, tok->loc);
      cur->hideset = hs;
      cur->origin = tok;
    }
    cur->next = new_eof(P, tok->loc);
    body = head.next;
    after = tok->next;
  } else {
    if (!is_punct(tok->next, "(")) return false;
    cw_token *rparen;
    marg *args = read_args(P, m, tok, &rparen);
    hs = hs_intersection(P, tok->hideset, rparen->hideset);
    hideset *self = CW_NEW(P->a, hideset);
    self->m = m;
    self->next = hs;
    hs = self;
    body = subst(P, m, args, m->body, tok->loc, false);
    for (cw_token *t = body; t->kind != CW_TK_EOF; t = t->next) {
      t->hideset = hs_union(P, t->hideset, hs);
      t->origin = tok;
    }
    after = rparen->next;
  }
  if (body->kind == CW_TK_EOF) {
    /* keep the separation for stringizing; never touch at_bol (directives) */
    if (tok->has_space && after->kind != CW_TK_EOF) after->has_space = true;
    *rest = after;
    return true;
  }
  body->at_bol = tok->at_bol;
  body->has_space = tok->has_space;
  cw_token *last = body;
  while (last->next->kind != CW_TK_EOF) last = last->next;
  last->next = after;
  *rest = body;
  return true;
}

/* ---- #if ---- */

static const char *resolve_include(pp *P, const char *name, bool quoted, const cw_source *includer,
                                   const char **builtin);

/* Reads the rest of the line as a constant expression. */
/* Reads the rest of the line as a constant expression. `defined X` and
 * `defined(X)` are resolved as they are met in the expanding stream, so X is
 * never expanded, also when `defined` comes from a macro (as gcc does). */
static int64_t read_const_expr(pp *P, cw_token **rest, cw_token *tok, cw_token *dir) {
  cw_token *t = copy_line(P, rest, tok, dir->loc);
  if (t->kind == CW_TK_EOF) cw_error(P->d, dir->loc, "#%.*s with no expression", dir->len, dir->text);
  cw_token head = {0}, *cur = &head;
  while (t->kind != CW_TK_EOF) {
    if (is_ident(t, "defined")) {
      cw_token *start = t;
      t = t->next;
      bool paren = is_punct(t, "(");
      if (paren) t = t->next;
      if (t->kind != CW_TK_IDENT) cw_error(P->d, start->loc, "macro name missing after 'defined'");
      bool def = is_defined(P, t->text, t->len);
      t = t->next;
      if (paren) {
        if (!is_punct(t, ")")) cw_error(P->d, start->loc, "missing ')' after 'defined'");
        t = t->next;
      }
      cw_token *num = copy_token(P, start);
      num->kind = CW_TK_NUM;
      num->text = def ? "1" : "0";
      num->len = 1;
      cur = cur->next = num;
      continue;
    }
    if (is_ident(t, "__has_include")) {
      /* __has_include("file") / __has_include(<file>) */
      cw_token *start = t;
      t = t->next;
      if (!is_punct(t, "(")) cw_error(P->d, start->loc, "missing '(' after '__has_include'");
      t = t->next;
      const char *name;
      bool quoted = t->kind == CW_TK_STR;
      if (quoted) {
        const char *q = memchr(t->text, '"', (size_t)t->len);
        name = cw_arena_strndup(P->a, q + 1, (size_t)(t->len - (q - t->text) - 2));
        t = t->next;
      } else if (is_punct(t, "<")) {
        cw_token *e = t->next;
        while (e->kind != CW_TK_EOF && !is_punct(e, ">")) e = e->next;
        if (e->kind == CW_TK_EOF) cw_error(P->d, start->loc, "missing terminating '>' in '__has_include'");
        int n;
        name = join_tokens(P, t->next, e, false, &n);
        t = e->next;
      } else {
        cw_error(P->d, start->loc, "'__has_include' expects \"FILENAME\" or <FILENAME>");
      }
      if (!is_punct(t, ")")) cw_error(P->d, start->loc, "missing ')' after '__has_include'");
      t = t->next;
      const char *bi;
      bool found = *name && resolve_include(P, name, quoted, dir->loc.file, &bi) != NULL;
      cw_token *num = copy_token(P, start);
      num->kind = CW_TK_NUM;
      num->text = found ? "1" : "0";
      num->len = 1;
      cur = cur->next = num;
      continue;
    }
    if (expand_macro(P, &t, t)) continue;
    cur = cur->next = t;
    t = t->next;
  }
  cur->next = t;
  return cw_pp_eval(P->d, head.next, dir);
}

static void push_cond(pp *P, cw_token *dir, bool included) {
  cond *c = CW_NEW(P->a, cond);
  c->prev = P->cond;
  c->ctx = IN_THEN;
  c->tok = dir;
  c->included = included;
  P->cond = c;
  P->ncond++;
}

/* Skips to the #elif/#else/#endif (returns its '#') that closes the current
 * group, stepping over nested groups; stops at EOF/end of include. */
static cw_token *skip_cond_incl(cw_token *tok) {
  int depth = 0;
  while (tok->kind != CW_TK_EOF) {
    if (is_hash(tok) && tok->next->kind == CW_TK_IDENT) {
      cw_token *n = tok->next;
      if (is_ident(n, "if") || is_ident(n, "ifdef") || is_ident(n, "ifndef")) {
        depth++;
        tok = n->next;
        continue;
      }
      if (is_ident(n, "endif")) {
        if (depth == 0) return tok;
        depth--;
        tok = n->next;
        continue;
      }
      if (depth == 0 && (is_ident(n, "elif") || is_ident(n, "else") || is_ident(n, "elifdef") ||
                         is_ident(n, "elifndef")))
        return tok;
    }
    tok = tok->next;
  }
  return tok;
}

static void check_conds_closed(pp *P, int depth) {
  if (P->ncond > depth)
    cw_error(P->d, P->cond->tok->loc, "unterminated #%.*s", P->cond->tok->len, P->cond->tok->text);
}

/* ---- #include ---- */

static char *read_file(pp *P, const char *path, int *lenp) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_FILE_SIZE) return NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = (size_t)st.st_size + 1;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return NULL;
  }
  size_t n = fread(buf, 1, cap - 1, f);
  fclose(f);
  buf[n] = '\0';
  *lenp = (int)n;
  return buf;
}

static bool file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join_path(pp *P, const char *dir, int dirlen, const char *name) {
  if (dirlen == 0) return cw_arena_strdup(P->a, name);
  return cw_arena_printf(P->a, "%.*s/%s", dirlen, dir, name);
}

/* Detects `#ifndef X / #define X ... #endif <EOF>`; returns the X token. */
static cw_token *detect_guard(cw_token *tok) {
  if (!is_hash(tok) || !is_ident(tok->next, "ifndef")) return NULL;
  cw_token *name = tok->next->next;
  if (name->kind != CW_TK_IDENT) return NULL;
  cw_token *t = name->next;
  if (!is_hash(t) || !is_ident(t->next, "define") || !same_text(t->next->next, name) ||
      t->next->next->kind != CW_TK_IDENT)
    return NULL;
  t = t->next->next->next;
  int depth = 0;
  for (; t->kind != CW_TK_EOF; t = t->next) {
    if (!is_hash(t)) continue;
    cw_token *n = t->next;
    if (is_ident(n, "if") || is_ident(n, "ifdef") || is_ident(n, "ifndef")) depth++;
    else if (is_ident(n, "endif") && depth-- == 0) return n->next->kind == CW_TK_EOF ? name : NULL;
  }
  return NULL;
}

/* Finds an include: <name> looks in the built-in headers, then -I dirs;
 * "name" in the includer's directory, then -I dirs, then built-ins. Returns
 * the path (built-ins: "<built-in>/name", text in *builtin) or NULL. */
static const char *resolve_include(pp *P, const char *name, bool quoted, const cw_source *includer,
                                   const char **builtin) {
  *builtin = NULL;
  if (name[0] == '/') return file_exists(name) ? name : NULL;
  if (!quoted && (*builtin = cw_builtin_header(name))) return cw_arena_printf(P->a, "<built-in>/%s", name);
  if (quoted && includer && strncmp(includer->name, "<built-in>", 10) != 0) {
    const char *inc = includer->name;
    const char *slash = strrchr(inc, '/');
    char *p = join_path(P, inc, slash ? (int)(slash - inc) : 0, name);
    if (file_exists(p)) return p;
  }
  for (int i = 0; P->opts && i < P->opts->ninclude_dirs; i++) {
    const char *dirp = P->opts->include_dirs[i];
    char *p = join_path(P, dirp, (int)strlen(dirp), name);
    if (file_exists(p)) return p;
  }
  if (quoted && (*builtin = cw_builtin_header(name))) return cw_arena_printf(P->a, "<built-in>/%s", name);
  return NULL;
}

/* tok: the first token after `include`. Returns the token stream that
 * follows the directive (the included file's tokens spliced in front). */
static cw_token *do_include(pp *P, cw_token *tok, cw_token *hash, cw_token *dir) {
  cw_token *rest;
  cw_token *line = copy_line(P, &rest, tok, dir->loc);
  if (line->kind == CW_TK_IDENT) line = expand_list(P, line); /* computed #include */
  const char *name;
  bool quoted;
  cw_token *ftok = line;
  if (line->kind == CW_TK_STR && line->text[line->len - 1] == '"') {
    const char *q = memchr(line->text, '"', (size_t)line->len);
    name = cw_arena_strndup(P->a, q + 1, (size_t)(line->len - (q - line->text) - 2));
    quoted = true;
    if (line->next->kind != CW_TK_EOF) cw_warning(P->d, line->next->loc, "extra tokens at end of #include directive");
  } else if (is_punct(line, "<")) {
    cw_token *t = line->next;
    while (t->kind != CW_TK_EOF && !is_punct(t, ">")) t = t->next;
    if (t->kind == CW_TK_EOF) cw_error(P->d, line->loc, "missing terminating '>' in #include");
    int n;
    name = join_tokens(P, line->next, t, false, &n);
    quoted = false;
    if (t->next->kind != CW_TK_EOF) cw_warning(P->d, t->next->loc, "extra tokens at end of #include directive");
  } else {
    cw_error(P->d, line->kind == CW_TK_EOF ? dir->loc : line->loc, "#include expects \"FILENAME\" or <FILENAME>");
  }
  if (!*name) cw_error(P->d, ftok->loc, "empty filename in #include");

  const char *builtin = NULL;
  const char *path = resolve_include(P, name, quoted, hash->loc.file, &builtin);
  if (!path) cw_error(P->d, ftok->loc, "'%s' file not found", name);
  if (P->include_depth >= MAX_INCLUDE_DEPTH) cw_error(P->d, hash->loc, "#include nested too deeply");

  int plen = (int)strlen(path);
  if (hm_get(&P->once, path, plen)) return rest;
  cw_token *guard = hm_get(&P->guards, path, plen);
  if (guard && is_defined(P, guard->text, guard->len)) return rest;

  const cw_source *src;
  if (builtin) {
    src = cw_add_source(P->d, path, builtin, (int)strlen(builtin));
  } else {
    int len;
    char *text = read_file(P, path, &len);
    if (!text) cw_error(P->d, ftok->loc, "cannot read '%s'", path);
    src = cw_add_source(P->d, path, text, len);
    free(text);
  }
  cw_token *toks = cw_lex_source(P->d, src);
  cw_token *g = detect_guard(toks);
  if (g) hm_put(P, &P->guards, path, plen, g);
  cw_token *eof = toks;
  while (eof->kind != CW_TK_EOF) eof = eof->next;
  eof->origin = &include_end;
  eof->ival = (uint64_t)P->ncond;
  eof->next = rest;
  P->include_depth++;
  return toks;
}

/* ---- #pragma ---- */

/* tok: first token after `pragma` (or of a _Pragma string). Returns the
 * CW_TK_PRAGMA_UNROLL token to emit, or NULL; *rest = end of line. */
static cw_token *do_pragma(pp *P, cw_token **rest, cw_token *tok, cw_token *hash) {
  if (is_ident(tok, "once") && !hash->origin) {
    if (tok->loc.file) hm_put(P, &P->once, tok->loc.file->name, (int)strlen(tok->loc.file->name), P);
    *rest = skip_line(P, tok->next, "pragma once");
    return NULL;
  }
  if (is_ident(tok, "unroll")) {
    cw_token *u = CW_NEW(P->a, cw_token);
    u->kind = CW_TK_PRAGMA_UNROLL;
    u->text = tok->text;
    u->len = tok->len;
    u->loc = hash->loc;
    u->at_bol = true;
    tok = tok->next;
    if (!line_done(tok)) {
      int64_t v = read_const_expr(P, &tok, tok, hash);
      if (v < 0) cw_error(P->d, hash->loc, "#pragma unroll count must not be negative");
      u->ival = (uint64_t)v;
    }
    *rest = tok;
    return u;
  }
  while (!line_done(tok)) tok = tok->next; /* other pragmas are ignored */
  *rest = tok;
  return NULL;
}

/* _Pragma("...") at tok; returns the token after ')'. */
static cw_token *do_Pragma(pp *P, cw_token *tok, cw_token **unroll) {
  cw_token *s = is_punct(tok->next, "(") ? tok->next->next : NULL;
  if (!s || s->kind != CW_TK_STR || !is_punct(s->next, ")"))
    cw_error(P->d, tok->loc, "_Pragma takes a parenthesized string literal");
  cw_token *toks = cw_lex_text(P->d, s->str, s->str_len, tok->loc);
  toks->at_bol = false;
  for (cw_token *t = toks; t->kind != CW_TK_EOF; t = t->next) t->origin = tok;
  cw_token *dummy;
  *unroll = do_pragma(P, &dummy, toks, tok);
  return s->next->next;
}

/* ---- the main loop ---- */

static bool dir_is(const cw_token *t, const char *s) { return is_ident(t, s); }

static cw_token *run(pp *P, cw_token *tok) {
  cw_token head = {0}, *cur = &head;
  for (;;) {
    if (tok->kind == CW_TK_EOF) {
      if (tok->origin == &include_end) {
        check_conds_closed(P, (int)tok->ival);
        P->include_depth--;
        tok = tok->next;
        continue;
      }
      check_conds_closed(P, 0);
      cur->next = tok;
      return head.next;
    }
    if (expand_macro(P, &tok, tok)) continue;
    if (is_ident(tok, "_Pragma")) {
      cw_token *u = NULL;
      tok = do_Pragma(P, tok, &u);
      if (u) cur = cur->next = u;
      continue;
    }
    if (!is_hash(tok)) {
      cur = cur->next = tok;
      tok = tok->next;
      continue;
    }

    cw_token *hash = tok;
    cw_token *dir = tok->next;
    if (line_done(dir)) { /* null directive */
      tok = dir;
      continue;
    }
    tok = dir->next;
    if (dir->kind == CW_TK_NUM) { /* GNU line marker: # 12 "file" */
      while (!line_done(tok)) tok = tok->next;
      continue;
    }
    if (dir_is(dir, "define")) {
      tok = read_define(P, tok, dir);
    } else if (dir_is(dir, "undef")) {
      if (tok->kind != CW_TK_IDENT) cw_error(P->d, line_done(tok) ? dir->loc : tok->loc, "macro name must be an identifier");
      if (hm_get(&P->macros, tok->text, tok->len)) hm_put(P, &P->macros, tok->text, tok->len, NULL);
      tok = skip_line(P, tok->next, "undef");
    } else if (dir_is(dir, "include") || dir_is(dir, "include_next")) {
      tok = do_include(P, tok, hash, dir);
    } else if (dir_is(dir, "if")) {
      int64_t v = read_const_expr(P, &tok, tok, dir);
      push_cond(P, dir, v != 0);
      if (!v) tok = skip_cond_incl(tok);
    } else if (dir_is(dir, "ifdef") || dir_is(dir, "ifndef")) {
      if (tok->kind != CW_TK_IDENT) cw_error(P->d, line_done(tok) ? dir->loc : tok->loc, "macro name must be an identifier");
      bool v = is_defined(P, tok->text, tok->len) == dir_is(dir, "ifdef");
      push_cond(P, dir, v);
      tok = skip_line(P, tok->next, dir_is(dir, "ifdef") ? "ifdef" : "ifndef");
      if (!v) tok = skip_cond_incl(tok);
    } else if (dir_is(dir, "elif") || dir_is(dir, "elifdef") || dir_is(dir, "elifndef")) {
      if (!P->cond) cw_error(P->d, dir->loc, "#%.*s without #if", dir->len, dir->text);
      if (P->cond->ctx == IN_ELSE) cw_error(P->d, dir->loc, "#%.*s after #else", dir->len, dir->text);
      P->cond->ctx = IN_ELIF;
      bool take = false;
      if (P->cond->included) {
        while (!line_done(tok)) tok = tok->next;
      } else if (dir_is(dir, "elif")) {
        take = read_const_expr(P, &tok, tok, dir) != 0;
      } else {
        if (tok->kind != CW_TK_IDENT) cw_error(P->d, line_done(tok) ? dir->loc : tok->loc, "macro name must be an identifier");
        take = is_defined(P, tok->text, tok->len) == dir_is(dir, "elifdef");
        tok = skip_line(P, tok->next, "elifdef");
      }
      if (take) P->cond->included = true;
      else tok = skip_cond_incl(tok);
    } else if (dir_is(dir, "else")) {
      if (!P->cond) cw_error(P->d, dir->loc, "#else without #if");
      if (P->cond->ctx == IN_ELSE) cw_error(P->d, dir->loc, "#else after #else");
      P->cond->ctx = IN_ELSE;
      tok = skip_line(P, tok, "else");
      if (P->cond->included) tok = skip_cond_incl(tok);
      P->cond->included = true;
    } else if (dir_is(dir, "endif")) {
      if (!P->cond) cw_error(P->d, dir->loc, "#endif without #if");
      P->cond = P->cond->prev;
      P->ncond--;
      tok = skip_line(P, tok, "endif");
    } else if (dir_is(dir, "pragma")) {
      cw_token *u = do_pragma(P, &tok, tok, hash);
      if (u) cur = cur->next = u;
    } else if (dir_is(dir, "error") || dir_is(dir, "warning")) {
      cw_token *e = tok;
      while (!line_done(tok)) tok = tok->next;
      int n;
      char *msg = join_tokens(P, e, tok, false, &n);
      if (dir_is(dir, "error")) cw_error(P->d, hash->loc, "#error %s", msg);
      cw_warning(P->d, hash->loc, "#warning %s", msg);
    } else if (dir_is(dir, "line") || dir_is(dir, "ident") || dir_is(dir, "sccs")) {
      while (!line_done(tok)) tok = tok->next; /* accepted, no effect */
    } else {
      cw_error(P->d, dir->loc, "invalid preprocessing directive #%.*s", dir->len, dir->text);
    }
  }
}

/* ---- setup and final conversion ---- */

static void add_builtin_macro(pp *P, const char *name, int kind) {
  macro *m = CW_NEW(P->a, macro);
  m->name = name;
  m->len = (int)strlen(name);
  m->objlike = true;
  m->builtin = kind;
  m->body = new_eof(P, (cw_loc){0});
  hm_put(P, &P->macros, name, m->len, m);
}

static const char predefined[] =
    "#define __CUDACC__ 1\n"
    "#define __NVCC__ 1\n"
    "#define __CUDA_ARCH__ 700\n"
    "#define __CUDAWASM__ 1\n"
    "#define __cplusplus 201703L\n"
    "#define __CUDACC_VER_MAJOR__ 12\n"
    "#define __CUDACC_VER_MINOR__ 0\n"
    "#define CUDART_VERSION 12000\n"
    "#define __CHAR_BIT__ 8\n"
    "#define __SIZEOF_INT__ 4\n"
    "#define __SIZEOF_LONG__ 8\n"
    "#define __SIZEOF_POINTER__ 8\n"
    "#define __LP64__ 1\n"
    /* nvcc's implicit cuda_runtime.h provides __align__ */
    "#define __align__(n) alignas(n)\n";

/* Predefined macros, then -D (NAME or NAME=VALUE), then -U, as one source. */
static const cw_source *command_line_source(pp *P) {
  size_t n = sizeof predefined;
  const cw_pp_options *o = P->opts;
  for (int i = 0; o && i < o->ndefines; i++) n += strlen(o->defines[i]) + 16;
  for (int i = 0; o && i < o->nundefines; i++) n += strlen(o->undefines[i]) + 16;
  char *buf = cw_arena_alloc(P->a, n);
  size_t k = strlen(predefined);
  memcpy(buf, predefined, k);
  for (int i = 0; o && i < o->ndefines; i++) {
    const char *def = o->defines[i];
    memcpy(buf + k, "#define ", 8);
    k += 8;
    bool has_eq = strchr(def, '=') != NULL;
    for (const char *p = def; *p; p++) {
      char c = *p;
      if (c == '=' && has_eq) {
        c = ' ';
        has_eq = false; /* only the first '=' separates */
        buf[k++] = c;
        continue;
      }
      buf[k++] = (c == '\n' || c == '\r') ? ' ' : c;
    }
    if (!strchr(def, '=')) {
      memcpy(buf + k, " 1", 2);
      k += 2;
    }
    buf[k++] = '\n';
  }
  for (int i = 0; o && i < o->nundefines; i++) {
    memcpy(buf + k, "#undef ", 7);
    k += 7;
    for (const char *p = o->undefines[i]; *p; p++) buf[k++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    buf[k++] = '\n';
  }
  buf[k] = '\0';
  return cw_add_source(P->d, "<command line>", buf, (int)k);
}

/* Keywords, numbers, adjacent string concatenation, leftover bad tokens. */
static void finish(pp *P, cw_token *tok) {
  for (cw_token *t = tok; t->kind != CW_TK_EOF; t = t->next) {
    const char *bad = cw_tok_bad_message(t);
    if (bad) cw_error(P->d, t->loc, "%s", bad);
    switch (t->kind) {
    case CW_TK_IDENT:
      if (cw_is_keyword(t->text, t->len)) t->kind = CW_TK_KEYWORD;
      break;
    case CW_TK_NUM:
      cw_lex_convert_number(P->d, t);
      break;
    case CW_TK_PUNCT:
      if (is_punct(t, "#") || is_punct(t, "##")) cw_error(P->d, t->loc, "stray '%.*s' in program", t->len, t->text);
      break;
    case CW_TK_STR:
      if (t->next->kind == CW_TK_STR) {
        cw_token *end = t;
        size_t slen = 0;
        for (cw_token *s = t; s->kind == CW_TK_STR && !cw_tok_bad_message(s); s = s->next) {
          slen += (size_t)s->str_len;
          end = s;
        }
        char *str = cw_arena_alloc(P->a, slen + 1);
        size_t k = 0;
        for (cw_token *s = t;; s = s->next) {
          memcpy(str + k, s->str, (size_t)s->str_len);
          k += (size_t)s->str_len;
          if (s == end) break;
        }
        int n;
        t->text = join_tokens(P, t, end->next, false, &n);
        t->len = n;
        t->str = str;
        t->str_len = (int)slen;
        t->next = end->next;
      }
      break;
    default:
      break;
    }
  }
}

cw_token *cw_preprocess(cw_diags *d, const cw_source *main, const cw_pp_options *opts) {
  pp *P = CW_NEW(d->arena, pp);
  P->d = d;
  P->a = d->arena;
  P->opts = opts;
  add_builtin_macro(P, "__FILE__", BI_FILE);
  add_builtin_macro(P, "__LINE__", BI_LINE);
  add_builtin_macro(P, "__COUNTER__", BI_COUNTER);
  run(P, cw_lex_source(d, command_line_source(P)));
  P->copies = 0;
  cw_token *out = run(P, cw_lex_source(d, main));
  finish(P, out);
  return out;
}
