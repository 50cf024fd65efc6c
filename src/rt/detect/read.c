/* Bounded, non-blocking reads for the hardware probes. sysfs and procfs
 * attributes are regular files; anything else a (possibly fake, see
 * CW_SYSFS_ROOT) tree holds in their place -- a FIFO, a device, a directory,
 * a symlink loop, a huge file -- is refused or cut, never waited on. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt/detect/detect.h"

bool cw_detect_read(const char *path, char *buf, size_t cap, bool *truncated) {
  if (truncated) *truncated = false;
  if (!cap) return false;
  buf[0] = 0;
  /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return false;
  }
  size_t n = 0;
  while (n + 1 < cap) {
    ssize_t r = read(fd, buf + n, cap - 1 - n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  if (n + 1 >= cap && truncated) {
    char extra;
    *truncated = read(fd, &extra, 1) == 1;
  }
  close(fd);
  for (size_t i = 0; i < n; i++)
    if (buf[i] == 0) buf[i] = ' ';
  buf[n] = 0;
  return true;
}

bool cw_detect_parse_id(const char *s, unsigned *out) {
  while (*s == ' ' || *s == '\t') s++;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
  unsigned v = 0;
  int digits = 0;
  for (; isxdigit((unsigned char)*s); s++) {
    if (++digits > 4) return false;
    v = v * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10);
  }
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  if (!digits || *s) return false;
  *out = v;
  return true;
}

/* hex digits of s up to a delimiter; false when none or more than max */
static bool hex_field(const char **s, unsigned max_digits, unsigned *v) {
  unsigned n = 0, x = 0;
  while (isxdigit((unsigned char)**s)) {
    if (++n > max_digits) return false;
    char c = (char)tolower((unsigned char)**s);
    x = x * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0' : c - 'a' + 10);
    (*s)++;
  }
  *v = x;
  return n > 0;
}

bool cw_detect_pci(const char *s, char out[16]) {
  while (*s == ' ' || *s == '\t') s++;
  unsigned f[4] = {0, 0, 0, 0};
  /* count the colons to know whether a domain is there */
  const char *end = s + strcspn(s, " \t\r\n,");
  int colons = 0;
  for (const char *p = s; p < end; p++) colons += *p == ':';
  if (colons != 1 && colons != 2) return false;
  if (colons == 2 && (!hex_field(&s, 8, &f[0]) || *s++ != ':')) return false;
  if (!hex_field(&s, 2, &f[1]) || *s++ != ':') return false;
  if (!hex_field(&s, 2, &f[2]) || *s++ != '.') return false;
  if (!hex_field(&s, 1, &f[3]) || s != end) return false;
  if (f[0] > 0xffff || f[2] > 0x1f || f[3] > 7) return false;
  snprintf(out, 16, "%04x:%02x:%02x.%x", f[0], f[1], f[2], f[3]);
  return true;
}

void cw_detect_text(char *out, size_t outlen, const char *s, size_t n) {
  if (!outlen) return;
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  size_t o = 0;
  for (size_t i = 0; i < n && s[i] && o + 1 < outlen; i++) {
    unsigned char c = (unsigned char)s[i];
    out[o++] = c >= 32 && c < 127 ? (char)c : c == '\t' || c == '\n' || c == '\r' ? ' ' : '?';
  }
  while (o && out[o - 1] == ' ') o--;
  out[o] = 0;
}

const char *cw_detect_root(const char *var, const char *dflt) {
  const char *v = getenv(var);
  return v && *v ? v : dflt;
}
