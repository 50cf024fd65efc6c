/* Cache helpers shared by the compiling backends (cache.h). */
#include "rt/cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint64_t cw_rt_fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= UINT64_C(1099511628211);
  }
  return h;
}

bool cw_rt_make_dirs(const char *path) {
  char tmp[4096];
  size_t n = strlen(path);
  if (n == 0 || n >= sizeof tmp) return false;
  memcpy(tmp, path, n + 1);
  for (char *p = tmp + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST) return false;
    *p = '/';
  }
  return mkdir(tmp, 0755) == 0 || errno == EEXIST;
}

char *cw_rt_default_cache_dir(void) {
  const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  char buf[4096];
  if (x && *x) snprintf(buf, sizeof buf, "%s/cuda-wasm", x);
  else if (home && *home) snprintf(buf, sizeof buf, "%s/.cache/cuda-wasm", home);
  else snprintf(buf, sizeof buf, "/tmp/cuda-wasm-cache-%ld", (long)getuid());
  return strdup(buf);
}
