/* The embedded compiler's place when libtcc is not linked in (see tcc.h):
 * the cpu-tcc step then reports why, and nothing else is reachable. */
#include <stdio.h>

#include "rt/cpu/tcc.h"

#ifdef CW_TCC_STUB_SHARED
#define CW_TCC_STUB_REASON \
  "not built with libtcc (the shared library cannot hold Debian's non-PIC libtcc.a; link libcudawasm.a)"
#else
#define CW_TCC_STUB_REASON "not built with libtcc (install libtcc-dev and rebuild)"
#endif

bool cw_tcc_available(char *why, size_t whylen) {
  snprintf(why, whylen, "%s", CW_TCC_STUB_REASON);
  return false;
}

const char *cw_tcc_version(void) { return "none"; }

cw_tcc_unit *cw_tcc_compile(const char *code, char *err, size_t errlen) {
  snprintf(err, errlen, "%s", CW_TCC_STUB_REASON);
  return NULL;
}

void *cw_tcc_symbol(cw_tcc_unit *u, const char *name) { return NULL; }

void cw_tcc_free(cw_tcc_unit *u) {}
