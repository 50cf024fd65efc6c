/* Tokens: the interface between the preprocessor (front/preprocess.c,
 * front/lex.c) and the parser (front/parse*.c).
 *
 * cw_preprocess() returns a NULL-free singly linked list ending in one
 * CW_TK_EOF token. Identifiers that are keywords come back as CW_TK_KEYWORD.
 * Numbers are already converted (C rules for suffixes; the parser assigns
 * the type). All memory lives in the diags' arena. */
#ifndef CW_TOKEN_H
#define CW_TOKEN_H
#include <stdbool.h>
#include <stdint.h>

#include "util/diag.h"

typedef enum {
  CW_TK_IDENT,
  CW_TK_PUNCT,    /* operators and punctuation, longest match: "<<=", "->", "::", "...", "##" never reaches the parser */
  CW_TK_KEYWORD,  /* C/C++ keywords and CUDA qualifiers (see cw_is_keyword) */
  CW_TK_NUM,      /* integer, floating or character literal */
  CW_TK_STR,      /* string literal (adjacent literals concatenated) */
  CW_TK_PRAGMA_UNROLL, /* `#pragma unroll [N]`: ival = N, 0 when absent; precedes a loop */
  CW_TK_EOF,
} cw_tok_kind;

/* Integer literal suffix flags */
enum { CW_NUM_U = 1, CW_NUM_L = 2, CW_NUM_LL = 4, CW_NUM_F = 8 };

typedef struct cw_token {
  cw_tok_kind kind;
  struct cw_token *next;
  const char *text; /* spelling (not NUL-terminated in general) */
  int len;
  /* Where the user should look: for a token produced by macro expansion this
   * is the location of the macro name at the expansion site. */
  cw_loc loc;
  bool at_bol;    /* first token on a line */
  bool has_space; /* preceded by whitespace */

  /* CW_TK_NUM */
  bool is_float;
  bool is_char;   /* 'c' character constant (type int in C) */
  bool is_hex_or_octal; /* C: such literals may take unsigned types */
  int suffix;     /* CW_NUM_* flags */
  uint64_t ival;
  double fval;

  /* CW_TK_STR: decoded bytes, NUL-terminated; str_len excludes the NUL */
  const char *str;
  int str_len;

  /* preprocessor-private */
  void *hideset;
  struct cw_token *origin;
} cw_token;

typedef struct cw_pp_options {
  const char **include_dirs; int ninclude_dirs;   /* -I, searched in order after the includer's dir */
  const char **defines; int ndefines;             /* -D: "NAME" or "NAME=VALUE" */
  const char **undefines; int nundefines;         /* -U */
} cw_pp_options;

/* Token helpers used by the parser */
bool cw_tok_is(const cw_token *t, const char *s);   /* punct/keyword/ident spelled s */
bool cw_is_keyword(const char *s, int len);

/* Preprocesses `main` (already registered with cw_add_source). Errors longjmp
 * through diags. Built-in headers (<cuda_runtime.h>, <math.h>, <stdint.h>,
 * <stdio.h>, <cuda.h>, <device_launch_parameters.h>, <float.h>, <limits.h>,
 * <stdlib.h>, <stddef.h>, <assert.h>) resolve to text in front/builtin_headers.c, so no
 * toolkit is needed. Predefined: __CUDACC__, __NVCC__, __CUDA_ARCH__ (700),
 * __CUDAWASM__, __cplusplus (201703L), __FILE__, __LINE__. */
cw_token *cw_preprocess(cw_diags *d, const cw_source *main, const cw_pp_options *opts);

/* Built-in header lookup: returns NULL when `name` is not built in. */
const char *cw_builtin_header(const char *name);

#endif
