/* Device printf format parsing and host formatting (contract: util/devfmt.h). */
#include "util/devfmt.h"

#include <stdio.h>
#include <string.h>

const char *cw_fmt_parse(const char *fmt, size_t *pos, cw_fmt_spec *sp) {
  size_t i = *pos + 1;
  memset(sp, 0, sizeof *sp);
  sp->start = *pos;
  sp->width = sp->prec = -1;
  sp->len = "";
  if (fmt[i] == '%') {
    sp->conv = '%';
    sp->end = *pos = i + 1;
    return NULL;
  }
  int nf = 0;
  while (fmt[i] && strchr("-+ #0", fmt[i])) {
    if (!strchr(sp->flags, fmt[i]) && nf < 7) sp->flags[nf++] = fmt[i];
    i++;
  }
  if (fmt[i] == '*') return "'*' width in a device printf format is not supported";
  if (fmt[i] >= '0' && fmt[i] <= '9') {
    sp->width = 0;
    while (fmt[i] >= '0' && fmt[i] <= '9') {
      if (sp->width > 100000) return "field width in a device printf format is too large";
      sp->width = sp->width * 10 + (fmt[i++] - '0');
    }
  }
  if (fmt[i] == '.') {
    i++;
    if (fmt[i] == '*') return "'*' precision in a device printf format is not supported";
    sp->prec = 0;
    while (fmt[i] >= '0' && fmt[i] <= '9') {
      if (sp->prec > 100000) return "precision in a device printf format is too large";
      sp->prec = sp->prec * 10 + (fmt[i++] - '0');
    }
  }
  if (fmt[i] == 'h') sp->len = fmt[i + 1] == 'h' ? (i++, "hh") : "h", i++;
  else if (fmt[i] == 'l') sp->len = fmt[i + 1] == 'l' ? (i++, "ll") : "l", i++;
  else if (fmt[i] && strchr("jztLqI", fmt[i])) return "length modifiers other than h, hh, l and ll are not supported in device printf";
  char c = fmt[i];
  bool wide = sp->len[0] == 'l';
  switch (c) {
  case 'd': case 'i': sp->arg = wide ? CW_FA_I64 : CW_FA_INT; break;
  case 'u': case 'x': case 'X': case 'o': sp->arg = wide ? CW_FA_U64 : CW_FA_UINT; break;
  case 'c':
    if (wide) return "'%lc' (wide characters) is not supported in device printf";
    sp->arg = CW_FA_INT;
    break;
  case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
    if (sp->len[0] == 'h' || !strcmp(sp->len, "ll")) return "invalid length modifier for a floating-point conversion";
    sp->arg = CW_FA_DBL;
    break;
  case 's':
    if (wide) return "'%ls' (wide strings) is not supported in device printf";
    sp->arg = CW_FA_STR;
    break;
  case 'p':
    if (sp->len[0]) return "length modifier on '%p'";
    sp->arg = CW_FA_PTR;
    break;
  case 'n': return "'%n' is not supported in device printf";
  case 0: return "incomplete conversion at the end of the format string";
  default: return "unknown conversion";
  }
  sp->conv = c;
  sp->end = *pos = i + 1;
  return NULL;
}

void cw_fmt_one(cw_strbuf *out, const cw_fmt_spec *sp, uint64_t slot, const char *str) {
  if (sp->conv == '%') {
    cw_sb_putc(out, '%');
    return;
  }
  char spec[64];
  int n = snprintf(spec, sizeof spec, "%%%s", sp->flags);
  if (sp->width >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, "%d", sp->width);
  if (sp->prec >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, ".%d", sp->prec);
  snprintf(spec + n, sizeof spec - (size_t)n, "%s%c", sp->arg == CW_FA_PTR ? "" : sp->len, sp->conv);
  switch (sp->arg) {
  case CW_FA_INT: cw_sb_printf(out, spec, (int)(int32_t)(uint32_t)slot); break;
  case CW_FA_UINT: cw_sb_printf(out, spec, (unsigned)(uint32_t)slot); break;
  case CW_FA_I64:
    if (!strcmp(sp->len, "l")) cw_sb_printf(out, spec, (long)(int64_t)slot);
    else cw_sb_printf(out, spec, (long long)(int64_t)slot);
    break;
  case CW_FA_U64:
    if (!strcmp(sp->len, "l")) cw_sb_printf(out, spec, (unsigned long)slot);
    else cw_sb_printf(out, spec, (unsigned long long)slot);
    break;
  case CW_FA_DBL: {
    double d;
    memcpy(&d, &slot, sizeof d);
    cw_sb_printf(out, spec, d);
    break;
  }
  case CW_FA_PTR: cw_sb_printf(out, spec, (void *)(uintptr_t)slot); break;
  case CW_FA_STR: cw_sb_printf(out, spec, str ? str : "(null)"); break;
  case CW_FA_NONE: break;
  }
}

void cw_fmt_format(cw_strbuf *out, const char *fmt, const uint64_t *args, int nargs) {
  cw_fmt_arg kinds[CW_DEVFMT_MAX_ARGS];
  if (cw_fmt_arg_kinds(fmt, kinds, CW_DEVFMT_MAX_ARGS) != nargs) {
    cw_sb_puts(out, "<bad printf record>");
    return;
  }
  int k = 0;
  for (size_t i = 0; fmt[i];) {
    if (fmt[i] != '%') {
      size_t j = i;
      while (fmt[j] && fmt[j] != '%') j++;
      cw_sb_putn(out, fmt + i, j - i);
      i = j;
      continue;
    }
    cw_fmt_spec sp;
    cw_fmt_parse(fmt, &i, &sp);
    cw_fmt_one(out, &sp, sp.arg == CW_FA_NONE ? 0 : args[k], NULL);
    if (sp.arg != CW_FA_NONE) k++;
  }
}

int cw_fmt_arg_kinds(const char *fmt, cw_fmt_arg *kinds, int max) {
  int n = 0;
  for (size_t i = 0; fmt[i];) {
    if (fmt[i] != '%') {
      i++;
      continue;
    }
    cw_fmt_spec sp;
    if (cw_fmt_parse(fmt, &i, &sp)) return -1;
    if (sp.arg == CW_FA_NONE) continue;
    if (n >= max) return -1;
    kinds[n++] = sp.arg;
  }
  return n;
}

int cw_fmt_decode_words(const char *fmt, const uint32_t *w, uint32_t n, uint64_t slots[CW_DEVFMT_MAX_ARGS]) {
  cw_fmt_arg kinds[CW_DEVFMT_MAX_ARGS];
  int nk = cw_fmt_arg_kinds(fmt, kinds, CW_DEVFMT_MAX_ARGS);
  int na = 0;
  uint32_t used = 0;
  for (; na < (nk > 0 ? nk : 0) && used < n; na++) {
    cw_fmt_arg k = kinds[na];
    uint32_t x = w[used++];
    if (k == CW_FA_I64 || k == CW_FA_U64) {
      uint32_t hi = used < n ? w[used++] : 0;
      slots[na] = (uint64_t)hi << 32 | x;
    } else if (k == CW_FA_INT) {
      slots[na] = (uint64_t)(int64_t)(int32_t)x;
    } else if (k == CW_FA_DBL) {
      float f;
      memcpy(&f, &x, 4);
      double d = f;
      memcpy(&slots[na], &d, 8);
    } else {
      slots[na] = x;
    }
  }
  return na == nk && used == n ? na : -1;
}
