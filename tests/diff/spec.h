/* Launch specs from the header comments of corpus kernels (format in
 * docs/corpus.md): one diff_spec per "// kernel:" block of a file. */
#ifndef CW_DIFF_SPEC_H
#define CW_DIFF_SPEC_H
#include <stddef.h>

#include "diff.h"

typedef struct diff_spec {
  char *file;          /* path of the .cu file */
  int line;            /* of the "// kernel:" line */
  char *kernel;
  char **defines;      /* from "// flags: -DNAME[=V]" */
  int ndefines;
  char **args;         /* argument specs (src/cli/cli.h grammar) */
  int nargs;
  diff_launch launch;
  double tol;          /* float tolerance (default 1e-5) */
  int have_args, have_grid;
  int demote_double;   /* "// flags: --demote-double": webgpu computes double as float */
  /* "// int-tol: D N": at most N integer elements may differ, each by at most D
   * (escape-time counts, where the fused multiply-adds CUDA and WGSL allow
   * move a pixel on the set's boundary by an iteration) */
  long long int_tol_d, int_tol_n;
} diff_spec;

/* Parses every kernel block of `path`, appending to *specs and *n (realloc-ed).
 * Returns 0, or -1 with "path:line: reason" in err. */
int diff_spec_parse_file(const char *path, diff_spec **specs, int *n, char *err, size_t errlen);
void diff_specs_free(diff_spec *specs, int n);

#endif
