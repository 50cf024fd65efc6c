/* Device printf formats: one parser shared by the front-end (which checks a
 * format string against its arguments at compile time) and the runtime
 * (which formats the records a launch produced, on the host).
 *
 * The argument of every conversion travels as one 64-bit slot:
 *   CW_FA_INT   int (also %c, h, hh)     sign-extended
 *   CW_FA_UINT  unsigned (%u %x %X %o)   zero-extended
 *   CW_FA_I64   long / long long         as is
 *   CW_FA_U64   unsigned long (long)     as is
 *   CW_FA_DBL   %f %F %e %E %g %G %a %A  the bits of a double (a float argument
 *                                        is promoted as C varargs do)
 *   CW_FA_PTR   %p                       the device pointer handle
 * Formatting rebuilds each conversion ("%-08.3lf") and hands it to the host's
 * snprintf, so the output is exactly what the host C library prints. */
#ifndef CW_DEVFMT_H
#define CW_DEVFMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define CW_DEVFMT_MAX_ARGS 32 /* CUDA's limit on printf arguments */

typedef enum { CW_FA_NONE, CW_FA_INT, CW_FA_UINT, CW_FA_I64, CW_FA_U64, CW_FA_DBL, CW_FA_PTR, CW_FA_STR } cw_fmt_arg;

typedef struct cw_fmt_spec {
  size_t start, end;   /* the conversion is fmt[start, end) ("%%" too) */
  char conv;           /* 'd', 'f', ..., '%' */
  char flags[8];       /* "-+ #0" as written (deduplicated) */
  int width, prec;     /* -1 when absent */
  const char *len;     /* "", "h", "hh", "l", "ll" */
  cw_fmt_arg arg;      /* CW_FA_NONE for "%%" */
} cw_fmt_spec;

/* Parses the conversion at fmt[*pos] (which is '%'); advances *pos past it.
 * Returns NULL on success, else a message ("unknown conversion '%y'"). */
const char *cw_fmt_parse(const char *fmt, size_t *pos, cw_fmt_spec *sp);

/* Appends one conversion formatted with the host's snprintf. For CW_FA_STR
 * `str` is the argument (the front-end folds string-literal arguments). */
void cw_fmt_one(cw_strbuf *out, const cw_fmt_spec *sp, uint64_t slot, const char *str);

/* Formats a whole record: args[i] is the slot of the i-th conversion.
 * nargs must equal the number of argument-taking conversions (else the text
 * "<bad printf record>" is appended). */
void cw_fmt_format(cw_strbuf *out, const char *fmt, const uint64_t *args, int nargs);

/* The argument kinds of fmt's conversions in order; returns their number,
 * or -1 when fmt is invalid or has more than max. */
int cw_fmt_arg_kinds(const char *fmt, cw_fmt_arg *kinds, int max);

/* Decodes the n words a WGSL printf record holds for fmt (docs/metadata.md:
 * one word per argument, two (low, high) for a 64-bit integer, f32 bits for
 * a floating-point conversion) into argument slots for cw_fmt_format.
 * Returns the number of slots, or -1 when the words are not what fmt writes. */
int cw_fmt_decode_words(const char *fmt, const uint32_t *w, uint32_t n, uint64_t slots[CW_DEVFMT_MAX_ARGS]);

#endif
