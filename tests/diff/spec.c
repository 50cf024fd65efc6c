/* Header-spec parser for the differential harness (docs/corpus.md):
 *   // kernel: NAME — description
 *   // flags: -DNAME[=V] ... [--demote-double]   (optional)
 *   // args: SPEC SPEC ...
 *   // grid: X[,Y[,Z]]  block: X[,Y[,Z]]  [shmem: BYTES]
 *   // tol: T                           (optional)
 *   // int-tol: D N                     (optional: N integer elements may be off by <= D)
 * Lines of a block may come in any order until the next "// kernel:". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "spec.h"

static char *dup_n(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (!d) abort();
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

/* Splits s on blanks into a malloc'd array of malloc'd words. */
static char **split_words(const char *s, int *n) {
  char **v = NULL;
  *n = 0;
  for (;;) {
    while (*s == ' ' || *s == '\t') s++;
    if (!*s || *s == '\n' || *s == '\r') break;
    const char *w = s;
    while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') s++;
    char **nv = realloc(v, sizeof *v * (size_t)(*n + 1));
    if (!nv) abort();
    v = nv;
    v[(*n)++] = dup_n(w, (size_t)(s - w));
  }
  return v;
}

static void free_words(char **v, int n) {
  for (int i = 0; i < n; i++) free(v[i]);
  free(v);
}

/* After "// key:" at the start of line; NULL if the line is not that key. */
static const char *after_key(const char *line, const char *key) {
  if (strncmp(line, "//", 2) != 0) return NULL;
  line += 2;
  while (*line == ' ') line++;
  size_t k = strlen(key);
  if (strncmp(line, key, k) != 0 || line[k] != ':') return NULL;
  return line + k + 1;
}

static int parse_grid(const char *v, diff_spec *s, char *why, size_t whylen) {
  int n;
  char **w = split_words(v, &n);
  int rc = 0;
  /* words: X  block: Y  [shmem: B] */
  if (n != 3 && n != 5) rc = -1;
  else if (strcmp(w[1], "block:") != 0 || (n == 5 && strcmp(w[3], "shmem:") != 0)) rc = -1;
  if (rc) snprintf(why, whylen, "expected 'grid: X[,Y[,Z]]  block: X[,Y[,Z]]  [shmem: BYTES]'");
  else if (cli_parse_dim3(w[0], &s->launch.grid, why, whylen) || cli_parse_dim3(w[2], &s->launch.block, why, whylen))
    rc = -1;
  else if (n == 5) {
    char *end;
    unsigned long long b = strtoull(w[4], &end, 10);
    if (*end || w[4][0] < '0' || w[4][0] > '9' || b > (1u << 20)) {
      snprintf(why, whylen, "bad shmem '%s'", w[4]);
      rc = -1;
    }
    s->launch.shmem = (size_t)b;
  }
  free_words(w, n);
  return rc;
}

int diff_spec_parse_file(const char *path, diff_spec **specs, int *n, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open", path);
    return -1;
  }
  char line[8192], why[512];
  int lineno = 0, first = *n;
  diff_spec *cur = NULL;
  int rc = 0;
  while (rc == 0 && fgets(line, sizeof line, f)) {
    lineno++;
    const char *v;
    why[0] = 0;
    if ((v = after_key(line, "kernel"))) {
      int nw;
      char **w = split_words(v, &nw);
      if (nw == 0) {
        snprintf(why, sizeof why, "'// kernel:' without a name");
        free_words(w, nw);
        rc = -1;
        break;
      }
      diff_spec *ns = realloc(*specs, sizeof **specs * (size_t)(*n + 1));
      if (!ns) abort();
      *specs = ns;
      cur = &ns[(*n)++];
      memset(cur, 0, sizeof *cur);
      cur->file = dup_n(path, strlen(path));
      cur->line = lineno;
      cur->kernel = dup_n(w[0], strlen(w[0]));
      cur->tol = 1e-5;
      cur->launch.grid = cur->launch.block = (cw_dim3){1, 1, 1};
      free_words(w, nw);
      continue;
    }
    if (!cur) continue;
    if ((v = after_key(line, "flags"))) {
      int nw;
      char **w = split_words(v, &nw);
      for (int i = 0; i < nw && rc == 0; i++) {
        if (!strcmp(w[i], "--demote-double")) {
          cur->demote_double = 1;
          continue;
        }
        if (strncmp(w[i], "-D", 2) != 0 || !w[i][2]) {
          snprintf(why, sizeof why, "unsupported flag '%s' (only -DNAME[=V] and --demote-double)", w[i]);
          rc = -1;
          break;
        }
        char **nd = realloc(cur->defines, sizeof *nd * (size_t)(cur->ndefines + 1));
        if (!nd) abort();
        cur->defines = nd;
        cur->defines[cur->ndefines++] = dup_n(w[i] + 2, strlen(w[i] + 2));
      }
      free_words(w, nw);
    } else if ((v = after_key(line, "args"))) {
      if (cur->have_args) {
        snprintf(why, sizeof why, "second '// args:' line for kernel '%s'", cur->kernel);
        rc = -1;
      } else {
        cur->args = split_words(v, &cur->nargs);
        cur->have_args = 1;
      }
    } else if ((v = after_key(line, "grid"))) {
      rc = parse_grid(v, cur, why, sizeof why);
      cur->have_grid = 1;
    } else if ((v = after_key(line, "int-tol"))) {
      char *end, *end2;
      cur->int_tol_d = strtoll(v, &end, 10);
      cur->int_tol_n = strtoll(end, &end2, 10);
      while (*end2 == ' ' || *end2 == '\n' || *end2 == '\r') end2++;
      if (end == v || end2 == end || *end2 || cur->int_tol_d <= 0 || cur->int_tol_n <= 0) {
        snprintf(why, sizeof why, "bad integer tolerance '%.40s'", v);
        rc = -1;
      }
    } else if ((v = after_key(line, "tol"))) {
      char *end;
      while (*v == ' ') v++;
      cur->tol = strtod(v, &end);
      while (*end == ' ' || *end == '\n' || *end == '\r') end++;
      if (end == v || *end || !(cur->tol > 0 && cur->tol < 1)) {
        snprintf(why, sizeof why, "bad tolerance '%.40s'", v);
        rc = -1;
      }
    }
  }
  fclose(f);
  for (int i = first; rc == 0 && i < *n; i++)
    if (!(*specs)[i].have_args || !(*specs)[i].have_grid) {
      lineno = (*specs)[i].line;
      snprintf(why, sizeof why, "kernel '%s' has no '// %s:' line", (*specs)[i].kernel,
               (*specs)[i].have_args ? "grid" : "args");
      rc = -1;
    }
  if (rc) snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
  return rc;
}

void diff_specs_free(diff_spec *specs, int n) {
  for (int i = 0; i < n; i++) {
    free(specs[i].file);
    free(specs[i].kernel);
    free_words(specs[i].defines, specs[i].ndefines);
    free_words(specs[i].args, specs[i].nargs);
  }
  free(specs);
}
