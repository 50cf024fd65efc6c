#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cw_sb_init(cw_strbuf *sb) { sb->data = NULL; sb->len = sb->cap = 0; }
void cw_sb_free(cw_strbuf *sb) { free(sb->data); cw_sb_init(sb); }

static void reserve(cw_strbuf *sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap) return;
  size_t cap = sb->cap ? sb->cap * 2 : 256;
  while (cap < sb->len + extra + 1) cap *= 2;
  char *p = realloc(sb->data, cap);
  if (!p) {
    fprintf(stderr, "cuda-wasm: out of memory\n");
    abort();
  }
  sb->data = p;
  sb->cap = cap;
}

void cw_sb_putn(cw_strbuf *sb, const char *s, size_t n) {
  reserve(sb, n);
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = 0;
}
void cw_sb_putc(cw_strbuf *sb, char c) { cw_sb_putn(sb, &c, 1); }
void cw_sb_puts(cw_strbuf *sb, const char *s) { cw_sb_putn(sb, s, strlen(s)); }

void cw_sb_vprintf(cw_strbuf *sb, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  if (n > 0) {
    reserve(sb, (size_t)n);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    sb->len += (size_t)n;
  }
  va_end(ap2);
}

void cw_sb_printf(cw_strbuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cw_sb_vprintf(sb, fmt, ap);
  va_end(ap);
}

void cw_sb_indent(cw_strbuf *sb, int level) {
  for (int i = 0; i < level; i++) cw_sb_puts(sb, "  ");
}

char *cw_sb_take(cw_strbuf *sb) {
  char *p = sb->data;
  if (!p) {
    p = malloc(1);
    if (!p) abort();
    p[0] = 0;
  }
  cw_sb_init(sb);
  return p;
}
