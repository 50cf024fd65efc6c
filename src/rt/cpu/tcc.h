/* The cpu backend's embedded C compiler (libtcc, in-process): tcc.c when
 * the build found libtcc, tcc_stub.c otherwise (and in the shared library:
 * Debian's libtcc.a is not position-independent). */
#ifndef CW_RT_CPU_TCC_H
#define CW_RT_CPU_TCC_H
#include <stdbool.h>
#include <stddef.h>

typedef struct cw_tcc_unit cw_tcc_unit;

/* Whether the embedded compiler can be used; if not, why ("not built with libtcc"). */
bool cw_tcc_available(char *why, size_t whylen);
const char *cw_tcc_version(void);  /* "libtcc 0.9.27" */
/* Compiles generated C (back/c output) in memory. NULL on failure, with
 * tcc's first messages in err. */
cw_tcc_unit *cw_tcc_compile(const char *code, char *err, size_t errlen);
void *cw_tcc_symbol(cw_tcc_unit *u, const char *name);
void cw_tcc_free(cw_tcc_unit *u);

#endif
