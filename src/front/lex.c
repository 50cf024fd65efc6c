/* Lexer: source text -> preprocessing tokens (model: chibicc tokenize.c).
 *
 * Tokens point into a "clean" copy of the text in which line continuations
 * are removed and CR/CRLF are turned into LF; a map from clean to original
 * offsets keeps every location exact (only built when the text needs it).
 * Numbers are left as pp-numbers and converted after preprocessing, because
 * pasting can build new ones and text in `#if 0` must not be judged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/pp_internal.h"

/* ---- keywords ---- */

/* Sorted (strcmp order): binary search in cw_is_keyword. */
static const char *const keywords[] = {
    "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
    "_Static_assert", "_Thread_local", "__alignof__", "__asm__", "__attribute__", "__constant__",
    "__device__", "__forceinline__", "__global__", "__host__", "__inline", "__inline__",
    "__launch_bounds__", "__managed__", "__noinline__", "__restrict", "__restrict__", "__shared__",
    "__typeof__", "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char",
    "class", "const", "const_cast", "constexpr", "continue", "decltype", "default", "delete", "do",
    "double", "dynamic_cast", "else", "enum", "explicit", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept",
    "nullptr", "operator", "private", "protected", "public", "register", "reinterpret_cast",
    "restrict", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
    "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef",
    "typeid", "typename", "typeof", "union", "unsigned", "using", "virtual", "void", "volatile",
    "while",
};

static int cmp_n(const char *a, int alen, const char *b) {
  int i = 0;
  for (; i < alen && b[i]; i++)
    if (a[i] != b[i]) return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
  if (i < alen) return 1;
  return b[i] ? -1 : 0;
}

bool cw_is_keyword(const char *s, int len) {
  int lo = 0, hi = (int)(sizeof keywords / sizeof keywords[0]) - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int c = cmp_n(s, len, keywords[mid]);
    if (c == 0) return true;
    if (c < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return false;
}

bool cw_tok_is(const cw_token *t, const char *s) {
  if (!t || (t->kind != CW_TK_PUNCT && t->kind != CW_TK_KEYWORD && t->kind != CW_TK_IDENT)) return false;
  if (cw_tok_bad_message(t)) return false;
  size_t n = strlen(s);
  return (size_t)t->len == n && memcmp(t->text, s, n) == 0;
}

/* ---- character classes (no <ctype.h>: locale-free, no negative-char UB) ---- */
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha_(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_alnum_(int c) { return is_alpha_(c) || is_digit(c); }
static int hex_val(int c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* ---- lexer state ---- */
typedef struct {
  cw_diags *d;
  const cw_source *src; /* NULL: every token gets `fixed` */
  cw_loc fixed;
  const char *buf;      /* clean text, NUL-terminated, no embedded NUL */
  int *map;             /* clean offset -> original offset; NULL = identity */
  int lc_off, lc_line, lc_ls; /* line cache: original offset, its line, its line start */
} lexer;

/* Location of clean position p; amortised O(1) since tokens are produced in order. */
static cw_loc loc_at(lexer *L, const char *p) {
  if (!L->src) return L->fixed;
  int off = (int)(p - L->buf);
  int o = L->map ? L->map[off] : off;
  if (o < L->lc_off) { L->lc_off = 0; L->lc_line = 1; L->lc_ls = 0; }
  const char *t = L->src->text;
  while (L->lc_off < o) {
    char c = t[L->lc_off];
    if (c == '\n' || (c == '\r' && t[L->lc_off + 1] != '\n')) {
      L->lc_line++;
      L->lc_ls = L->lc_off + 1;
    }
    L->lc_off++;
  }
  cw_loc l = {L->src, L->lc_line, o - L->lc_ls + 1, o};
  return l;
}

/* Builds the clean text: drops backslash-newline, maps CRLF/CR to LF. A NUL
 * byte is an error here so the rest of the lexer can rely on NUL = end. */
static void clean_text(lexer *L) {
  const char *t = L->src->text;
  int n = L->src->len;
  bool need = false;
  for (int i = 0; i < n; i++) {
    char c = t[i];
    if (c == '\r' || c == '\0' || (c == '\\' && i + 1 < n && (t[i + 1] == '\n' || t[i + 1] == '\r'))) {
      need = true;
      break;
    }
  }
  if (!need) {
    L->buf = t;
    L->map = NULL;
    return;
  }
  char *out = cw_arena_alloc(L->d->arena, (size_t)n + 1);
  int *map = CW_NEW_ARRAY(L->d->arena, int, n + 1);
  int j = 0;
  for (int i = 0; i < n; i++) {
    char c = t[i];
    if (c == '\\' && i + 1 < n && t[i + 1] == '\n') { i++; continue; }
    if (c == '\\' && i + 1 < n && t[i + 1] == '\r') { i += (i + 2 < n && t[i + 2] == '\n') ? 2 : 1; continue; }
    if (c == '\r') {
      if (i + 1 < n && t[i + 1] == '\n') continue;
      c = '\n';
    }
    if (c == '\0') {
      L->buf = out;
      L->map = map;
      map[j] = i;
      cw_error(L->d, loc_at(L, out + j), "null character in source file");
    }
    map[j] = i;
    out[j++] = c;
  }
  map[j] = n;
  out[j] = '\0';
  L->buf = out;
  L->map = map;
}

static cw_token *new_token(lexer *L, cw_tok_kind kind, const char *start, const char *end) {
  cw_token *t = CW_NEW(L->d->arena, cw_token);
  t->kind = kind;
  t->text = start;
  t->len = (int)(end - start);
  t->loc = loc_at(L, start);
  return t;
}

static cw_token *bad_token(lexer *L, const char *start, const char *end, const char *msg) {
  cw_token *t = new_token(L, CW_TK_PUNCT, start, end);
  t->str = msg;
  t->str_len = -1;
  return t;
}

/* Longest-match punctuator length at p (0: not a punctuator). A switch,
 * because this runs for every operator in the file. */
static int punct_len(const char *p) {
  char a = p[0], b = a ? p[1] : 0, c = b ? p[2] : 0;
  switch (a) {
  case '<': case '>':
    if (b == a) return c == '=' ? 3 : 2;
    return b == '=' ? 2 : 1;
  case '.': return (b == '.' && c == '.') ? 3 : 1;
  case ':': return b == ':' ? 2 : 1;
  case '#': return b == '#' ? 2 : 1;
  case '-': return (b == '>' || b == '-' || b == '=') ? 2 : 1;
  case '+': case '&': case '|': return (b == a || b == '=') ? 2 : 1;
  case '=': case '!': case '*': case '/': case '%': case '^': return b == '=' ? 2 : 1;
  case '(': case ')': case ',': case ';': case '?': case '[': case ']': case '{': case '}': case '~':
    return 1;
  default: return 0;
  }
}

static int utf8_encode(char *out, uint32_t c) {
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) { out[0] = (char)(0xC0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3F)); return 2; }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F)); return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (char)(0x80 | (c & 0x3F)); return 4;
}

/* Reads one escape sequence after the backslash at *pp (which points past
 * it). Sets *ucn when it was \u/\U (a code point, not a byte). Returns an
 * error message or NULL. */
static const char *read_escape(lexer *L, const char **pp, uint32_t *out, bool *ucn) {
  const char *p = *pp;
  *ucn = false;
  if (*p >= '0' && *p <= '7') {
    uint32_t v = (uint32_t)(*p++ - '0');
    if (*p >= '0' && *p <= '7') v = v * 8 + (uint32_t)(*p++ - '0');
    if (*p >= '0' && *p <= '7') v = v * 8 + (uint32_t)(*p++ - '0');
    *pp = p;
    *out = v;
    return v > 0xFF ? "octal escape sequence out of range" : NULL;
  }
  if (*p == 'x') {
    p++;
    if (hex_val(*p) < 0) { *pp = p; return "\\x used with no following hex digits"; }
    uint32_t v = 0;
    bool big = false;
    for (; hex_val(*p) >= 0; p++) {
      v = v * 16 + (uint32_t)hex_val(*p);
      if (v > 0xFF) big = true, v &= 0xFFF;
    }
    *pp = p;
    *out = v;
    return big ? "hex escape sequence out of range" : NULL;
  }
  if (*p == 'u' || *p == 'U') {
    int n = *p == 'u' ? 4 : 8;
    p++;
    uint32_t v = 0;
    for (int i = 0; i < n; i++, p++) {
      if (hex_val(*p) < 0) { *pp = p; return "incomplete universal character name"; }
      v = v * 16 + (uint32_t)hex_val(*p);
    }
    *pp = p;
    *out = v;
    *ucn = true;
    return (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? "invalid universal character" : NULL;
  }
  char c = *p;
  *pp = p + 1;
  switch (c) {
  case 'a': *out = 7; return NULL;
  case 'b': *out = 8; return NULL;
  case 't': *out = 9; return NULL;
  case 'n': *out = 10; return NULL;
  case 'v': *out = 11; return NULL;
  case 'f': *out = 12; return NULL;
  case 'r': *out = 13; return NULL;
  case 'e': *out = 27; return NULL; /* GNU extension */
  case '\\': case '\'': case '"': case '?': *out = (uint32_t)(unsigned char)c; return NULL;
  default:
    /* gcc warns and keeps the character. */
    if (L->d && L->src)
      cw_warning(L->d, loc_at(L, p - 1), "unknown escape sequence '\\%c'", c >= 32 && c < 127 ? c : '?');
    *out = (uint32_t)(unsigned char)c;
    return NULL;
  }
}

/* Finds the closing quote; NULL when the line/text ends first. */
static const char *literal_end(const char *p, char quote) {
  for (; *p != quote; p++) {
    if (*p == '\n' || *p == '\0') return NULL;
    if (*p == '\\') {
      p++;
      if (*p == '\n' || *p == '\0') return NULL;
    }
  }
  return p;
}

static const char *line_end(const char *p) {
  while (*p && *p != '\n') p++;
  return p;
}

/* start: first char of the token (prefix included); q: the opening quote. */
static cw_token *read_string(lexer *L, const char *start, const char *q) {
  const char *e = literal_end(q + 1, '"');
  if (!e) return bad_token(L, start, line_end(q), "unterminated string literal");
  char *buf = cw_arena_alloc(L->d->arena, (size_t)(e - q) + 1);
  int n = 0;
  for (const char *p = q + 1; p < e;) {
    if (*p != '\\') { buf[n++] = *p++; continue; }
    p++;
    uint32_t v;
    bool ucn;
    const char *err = read_escape(L, &p, &v, &ucn);
    if (err) return bad_token(L, start, e + 1, err);
    if (ucn) n += utf8_encode(buf + n, v);
    else buf[n++] = (char)v;
  }
  buf[n] = '\0';
  cw_token *t = new_token(L, CW_TK_STR, start, e + 1);
  t->str = buf;
  t->str_len = n;
  return t;
}

static cw_token *read_char(lexer *L, const char *start, const char *q) {
  const char *e = literal_end(q + 1, '\'');
  if (!e) return bad_token(L, start, line_end(q), "unterminated character literal");
  if (e == q + 1) return bad_token(L, start, e + 1, "empty character literal");
  uint32_t acc = 0;
  int count = 0;
  uint32_t last = 0;
  for (const char *p = q + 1; p < e; count++) {
    uint32_t v;
    if (*p == '\\') {
      p++;
      bool ucn;
      const char *err = read_escape(L, &p, &v, &ucn);
      if (err) return bad_token(L, start, e + 1, err);
      if (ucn && v > 0x7F) return bad_token(L, start, e + 1, "character too large for a char literal");
    } else {
      v = (unsigned char)*p++;
    }
    last = v;
    acc = (acc << 8) | (v & 0xFF);
  }
  cw_token *t = new_token(L, CW_TK_NUM, start, e + 1);
  t->is_char = true;
  if (count == 1) {
    /* plain char is signed: '\xff' == -1 */
    int8_t sc = (int8_t)(last & 0xFF);
    t->ival = (uint64_t)(int64_t)sc;
  } else {
    if (L->src) cw_warning(L->d, t->loc, "multi-character character constant");
    t->ival = (uint64_t)(int64_t)(int32_t)acc;
  }
  return t;
}

/* Tokenizes L->buf (clean). */
static cw_token *lex_all(lexer *L) {
  const char *p = L->buf;
  cw_token head = {0}, *cur = &head;
  bool at_bol = true, has_space = false;
  while (*p) {
    if (p[0] == '/' && p[1] == '/') {
      p = line_end(p + 2);
      has_space = true;
      continue;
    }
    if (p[0] == '/' && p[1] == '*') {
      const char *e = strstr(p + 2, "*/");
      if (!e) cw_error(L->d, loc_at(L, p), "unterminated comment");
      p = e + 2;
      has_space = true;
      continue;
    }
    if (*p == '\n') {
      p++;
      at_bol = true;
      has_space = false;
      continue;
    }
    if (*p == ' ' || *p == '\t' || *p == '\v' || *p == '\f') {
      p++;
      has_space = true;
      continue;
    }

    cw_token *t;
    if (is_digit(*p) || (*p == '.' && is_digit(p[1]))) {
      const char *q = p++;
      for (;;) {
        if (p[0] && p[1] && strchr("eEpP", p[0]) && (p[1] == '+' || p[1] == '-')) p += 2;
        else if (is_alnum_(*p) || *p == '.') p++;
        else break;
      }
      t = new_token(L, CW_TK_NUM, q, p);
    } else if (*p == '"') {
      t = read_string(L, p, p);
      p = t->text + t->len;
    } else if (*p == '\'') {
      t = read_char(L, p, p);
      p = t->text + t->len;
    } else if (is_alpha_(*p)) {
      const char *q = p;
      while (is_alnum_(*p)) p++;
      int n = (int)(p - q);
      bool u8 = n == 2 && q[0] == 'u' && q[1] == '8';
      bool wide = n == 1 && (*q == 'L' || *q == 'u' || *q == 'U');
      if ((u8 && *p == '"') || (wide && (*p == '"' || *p == '\''))) {
        /* u8"" is an ordinary byte string; wide literals have no use in kernels */
        t = *p == '"' ? read_string(L, q, p) : read_char(L, q, p);
        if (wide && !cw_tok_bad_message(t)) t = bad_token(L, q, t->text + t->len, "wide character and string literals are not supported");
        p = t->text + t->len;
      } else {
        t = new_token(L, CW_TK_IDENT, q, p);
      }
    } else {
      int n = punct_len(p);
      if (n) {
        t = new_token(L, CW_TK_PUNCT, p, p + n);
        p += n;
      } else {
        const char *q = p++;
        unsigned char c = (unsigned char)*q;
        if (c >= 0x80) {
          while ((unsigned char)*p >= 0x80) p++;
          t = bad_token(L, q, p, cw_arena_printf(L->d->arena, "invalid character '\\x%02x' in source", c));
        } else if (c >= 32 && c < 127) {
          t = bad_token(L, q, p, cw_arena_printf(L->d->arena, "invalid character '%c' in source", c));
        } else {
          t = bad_token(L, q, p, cw_arena_printf(L->d->arena, "invalid character '\\x%02x' in source", c));
        }
      }
    }
    t->at_bol = at_bol;
    t->has_space = has_space;
    at_bol = has_space = false;
    cur = cur->next = t;
  }
  cw_token *eof = new_token(L, CW_TK_EOF, p, p);
  eof->at_bol = true;
  cur->next = eof;
  return head.next;
}

cw_token *cw_lex_source(cw_diags *d, const cw_source *src) {
  lexer L = {0};
  L.d = d;
  L.src = src;
  L.lc_line = 1;
  clean_text(&L);
  return lex_all(&L);
}

cw_token *cw_lex_text(cw_diags *d, const char *text, int len, cw_loc loc) {
  lexer L = {0};
  L.d = d;
  L.fixed = loc;
  size_t n = strnlen(text, (size_t)(len < 0 ? 0 : len));
  L.buf = cw_arena_strndup(d->arena, text, n);
  return lex_all(&L);
}

/* ---- number conversion ---- */

/* u, l, ll in either order, any case for u; "lL" is not a suffix. */
static bool int_suffix(const char *p, int n, int *flags) {
  int f = 0, i = 0;
  bool seen_u = false, seen_l = false;
  while (i < n) {
    if ((p[i] == 'u' || p[i] == 'U') && !seen_u) {
      seen_u = true;
      f |= CW_NUM_U;
      i++;
    } else if ((p[i] == 'l' || p[i] == 'L') && !seen_l) {
      seen_l = true;
      if (i + 1 < n && p[i + 1] == p[i]) { f |= CW_NUM_LL; i += 2; }
      else { f |= CW_NUM_L; i++; }
    } else {
      return false;
    }
  }
  *flags = f;
  return true;
}

void cw_lex_convert_number(cw_diags *d, cw_token *t) {
  if (t->kind != CW_TK_NUM || t->is_char) return;
  const char *p = t->text;
  int n = t->len;
  int base = 10, i = 0;
  if (n >= 3 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hex_val(p[2]) >= 0) base = 16, i = 2;
  else if (n >= 3 && p[0] == '0' && (p[1] == 'b' || p[1] == 'B') && (p[2] == '0' || p[2] == '1')) base = 2, i = 2;
  else if (p[0] == '0') base = 8;
  uint64_t v = 0;
  bool overflow = false;
  int digits_start = i;
  for (; i < n; i++) {
    int dv = hex_val(p[i]);
    if (dv < 0 || dv >= base) break;
    if (v > (UINT64_MAX - (uint64_t)dv) / (uint64_t)base) overflow = true;
    v = v * (uint64_t)base + (uint64_t)dv;
  }
  int flags;
  if (i > digits_start && int_suffix(p + i, n - i, &flags)) {
    if (overflow) cw_error(d, t->loc, "integer literal is too large");
    t->ival = v;
    t->suffix = flags;
    t->is_float = false;
    t->is_hex_or_octal = base != 10;
    return;
  }

  /* Not an integer: maybe a floating literal. */
  char *buf = cw_arena_strndup(d->arena, p, (size_t)n);
  bool hex = base == 16 || (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'));
  char *end;
  errno = 0;
  double fv = strtod(buf, &end);
  int used = (int)(end - buf);
  bool is_float = false;
  for (int k = 0; k < used; k++) {
    char c = buf[k];
    if (hex ? (c == 'p' || c == 'P') : (c == '.' || c == 'e' || c == 'E')) is_float = true;
  }
  if (!is_float) {
    if (base == 8 && i < n && is_digit(p[i]))
      cw_error(d, t->loc, "invalid digit '%c' in octal constant", p[i]);
    if (base == 2 && i < n && is_digit(p[i]))
      cw_error(d, t->loc, "invalid digit '%c' in binary constant", p[i]);
    if (hex && memchr(p, '.', (size_t)n))
      cw_error(d, t->loc, "hexadecimal floating constant requires an exponent");
    cw_error(d, t->loc, "invalid suffix '%.*s' on integer constant", n - i, p + i);
  }
  const char *rest = buf + used;
  int rn = n - used;
  int fl = 0;
  if (rn == 1 && (*rest == 'f' || *rest == 'F')) fl = CW_NUM_F;
  else if (rn == 1 && (*rest == 'l' || *rest == 'L')) fl = 0; /* long double is treated as double */
  else if (rn != 0) cw_error(d, t->loc, "invalid suffix '%.*s' on floating constant", rn, rest);
  t->is_float = true;
  t->fval = fv;
  t->suffix = fl;
  t->ival = 0;
}
