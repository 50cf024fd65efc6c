#include "util/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

void cw_diags_init(cw_diags *d, cw_arena *arena) {
  memset(d, 0, sizeof *d);
  d->arena = arena;
}

void cw_diags_add_host_span(cw_diags *d, int start, int end) {
  if (start < 0 || end <= start) return;
  if (d->nhost_spans == d->caphost_spans) {
    int cap = d->caphost_spans ? d->caphost_spans * 2 : 16;
    int *n = cw_arena_alloc(d->arena, sizeof(int) * 2 * (size_t)cap);
    if (d->nhost_spans) memcpy(n, d->host_spans, sizeof(int) * 2 * (size_t)d->nhost_spans);
    d->host_spans = n;
    d->caphost_spans = cap;
  }
  d->host_spans[2 * d->nhost_spans] = start;
  d->host_spans[2 * d->nhost_spans + 1] = end;
  d->nhost_spans++;
}

void cw_diags_free(cw_diags *d) {
  free(d->items);
  free(d->sources);
  d->items = NULL;
  d->sources = NULL;
  d->count = d->cap = d->nsources = d->capsources = 0;
}

const cw_source *cw_add_source(cw_diags *d, const char *name, const char *text, int len) {
  cw_source *s = CW_NEW(d->arena, cw_source);
  s->id = d->nsources;
  s->name = cw_arena_strdup(d->arena, name);
  s->text = cw_arena_strndup(d->arena, text, (size_t)len);
  s->len = len;
  if (d->nsources == d->capsources) {
    d->capsources = d->capsources ? d->capsources * 2 : 16;
    cw_source **n = realloc(d->sources, sizeof(*n) * (size_t)d->capsources);
    if (!n) abort();
    d->sources = n;
  }
  d->sources[d->nsources++] = s;
  return s;
}

static void add(cw_diags *d, cw_severity sev, cw_loc loc, const char *fmt, va_list ap) {
  if (d->count == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    cw_diag *n = realloc(d->items, sizeof(*n) * (size_t)d->cap);
    if (!n) abort();
    d->items = n;
  }
  cw_strbuf sb;
  cw_sb_init(&sb);
  cw_sb_vprintf(&sb, fmt, ap);
  if (sev == CW_SEV_ERROR && d->target && !strstr(sb.data ? sb.data : "", " target"))
    cw_sb_printf(&sb, " [target %s]", d->target);
  cw_diag *dg = &d->items[d->count++];
  dg->severity = sev;
  dg->loc = loc;
  dg->message = cw_arena_strdup(d->arena, sb.data ? sb.data : "");
  cw_sb_free(&sb);
  if (sev == CW_SEV_ERROR) d->nerrors++;
}

void cw_error(cw_diags *d, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, CW_SEV_ERROR, loc, fmt, ap);
  va_end(ap);
  if (!d->on_error) abort();
  longjmp(*d->on_error, 1);
}

void cw_error_soft(cw_diags *d, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, CW_SEV_ERROR, loc, fmt, ap);
  va_end(ap);
}

void cw_warning(cw_diags *d, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, CW_SEV_WARNING, loc, fmt, ap);
  va_end(ap);
}

void cw_note(cw_diags *d, cw_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, CW_SEV_NOTE, loc, fmt, ap);
  va_end(ap);
}

void cw_check_errors(cw_diags *d) {
  if (d->nerrors && d->on_error) longjmp(*d->on_error, 1);
}

char *cw_diag_render(const cw_diag *dg) {
  static const char *names[] = {"error", "warning", "note"};
  cw_strbuf sb;
  cw_sb_init(&sb);
  const cw_loc *l = &dg->loc;
  if (l->file)
    cw_sb_printf(&sb, "%s:%d:%d: ", l->file->name, l->line, l->col);
  else
    cw_sb_puts(&sb, "cuda-wasm: ");
  cw_sb_printf(&sb, "%s: %s\n", names[dg->severity], dg->message);
  if (l->file && l->offset >= 0 && l->offset <= l->file->len) {
    const char *t = l->file->text;
    int start = l->offset, end = l->offset;
    while (start > 0 && t[start - 1] != '\n') start--;
    while (end < l->file->len && t[end] != '\n') end++;
    cw_sb_puts(&sb, "  ");
    cw_sb_putn(&sb, t + start, (size_t)(end - start));
    cw_sb_puts(&sb, "\n  ");
    for (int i = start; i < l->offset; i++) cw_sb_putc(&sb, t[i] == '\t' ? '\t' : ' ');
    cw_sb_puts(&sb, "^\n");
  }
  return cw_sb_take(&sb);
}
