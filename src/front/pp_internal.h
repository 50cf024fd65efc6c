/* Private interface between the lexer (lex.c), the preprocessor
 * (preprocess.c) and its #if evaluator (pp_expr.c). Not for the parser. */
#ifndef CW_PP_INTERNAL_H
#define CW_PP_INTERNAL_H
#include "front/token.h"

/* Lexes a whole registered source into a list ending in one CW_TK_EOF
 * (at_bol set). Line continuations, CRLF and lone CR are handled without
 * disturbing locations. Numbers stay unconverted pp-numbers (see
 * cw_lex_convert_number); character literals are converted at once. */
cw_token *cw_lex_source(cw_diags *d, const cw_source *src);

/* Lexes text[0..len) (stops at an embedded NUL); every token gets `loc`.
 * Used for pasting, stringizing and _Pragma. */
cw_token *cw_lex_text(cw_diags *d, const char *text, int len, cw_loc loc);

/* Converts a pp-number token in place (ival/fval/suffix/is_float...);
 * reports a bad suffix or digit with cw_error. No-op for character literals. */
void cw_lex_convert_number(cw_diags *d, cw_token *t);

/* A "bad" token records a lexical error (invalid character, unterminated
 * literal, bad escape) that is reported only when the token is actually used,
 * so such text inside `#if 0` is harmless (as in gcc). Encoding: kind
 * CW_TK_PUNCT, str = message, str_len = -1. */
static inline const char *cw_tok_bad_message(const cw_token *t) {
  return (t->kind == CW_TK_PUNCT && t->str_len < 0) ? t->str : 0;
}

/* Evaluates a fully macro-expanded #if expression `expr` (list ending in
 * CW_TK_EOF; `defined` already replaced; remaining identifiers count as 0,
 * `true` as 1). `dir` locates errors when the list is empty. */
int64_t cw_pp_eval(cw_diags *d, cw_token *expr, const cw_token *dir);

#endif
