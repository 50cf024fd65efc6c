/* Growable text buffer (malloc-backed, so output can outlive the arena). */
#ifndef CW_STRBUF_H
#define CW_STRBUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct cw_strbuf {
  char *data; /* always NUL-terminated once anything was appended */
  size_t len, cap;
} cw_strbuf;

void cw_sb_init(cw_strbuf *sb);
void cw_sb_free(cw_strbuf *sb);
void cw_sb_putc(cw_strbuf *sb, char c);
void cw_sb_puts(cw_strbuf *sb, const char *s);
void cw_sb_putn(cw_strbuf *sb, const char *s, size_t n);
void cw_sb_printf(cw_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cw_sb_vprintf(cw_strbuf *sb, const char *fmt, va_list ap);
/* Indentation helper: appends 2*level spaces. */
void cw_sb_indent(cw_strbuf *sb, int level);
/* Takes ownership of the text (caller frees with free()); leaves sb empty. */
char *cw_sb_take(cw_strbuf *sb);

#endif
