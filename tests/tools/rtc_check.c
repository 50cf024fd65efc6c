/* rtc-check: compiles corpus kernels with NVRTC (or hiprtc) exactly as the
 * cuda (hip) backend does, without a GPU: the transpiler supplies the
 * kernel list (template instances included) and the module's globals, the
 * backend's compile step (src/rt/rtc/compile.c) runs the compiler on the
 * original source with every kernel and global as a name expression, and
 * each must get a lowered (mangled) name.
 *
 *   rtc-check [--dialect cuda|hip] [--arch ARCH] [--xfail FILE]... [-v] PATH...
 *
 * PATH is a .cu file or a directory (its .cu files and those of c_only/). Each file
 * is compiled once per distinct "// flags: -D..." set of its specs
 * (docs/corpus.md), and every spec's kernel must be among the compiled
 * kernels. ARCH defaults to sm_90 (cuda) / gfx90a (hip). No cache is used.
 * --xfail FILE (a base name): that file is known to be refused (not valid
 * CUDA, docs/backends.md); its failure is reported as XFAIL, and a success
 * fails the run, so that a fixed file is noticed.
 * Exit: 0 all compiled, 1 a failure, 2 bad usage, 77 the compiler library
 * is absent (outside CI; with CI=true that is a failure, 1). */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rt/cuda/cuda.h"
#include "rt/hip/hip.h"
#include "spec.h"

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  long sz = -1;
  if (fseek(f, 0, SEEK_END) == 0) sz = ftell(f);
  if (sz >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)sz + 1))) {
    *len = fread(buf, 1, (size_t)sz, f);
    buf[*len] = 0;
  }
  fclose(f);
  return buf;
}

typedef struct ctx {
  const cw_gpu_dialect *d;
  cw_gpu_api api;
  cw_gpu_compile_opts co;
  bool verbose;
  int ok, failed, xfailed;
  const char *xfail[16];
  int nxfail;
} ctx;

static bool is_xfail(const ctx *c, const char *path) {
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  for (int i = 0; i < c->nxfail; i++)
    if (!strcmp(c->xfail[i], base)) return true;
  return false;
}

static bool same_defines(const diff_spec *a, const diff_spec *b) {
  if (a->ndefines != b->ndefines) return false;
  for (int i = 0; i < a->ndefines; i++)
    if (strcmp(a->defines[i], b->defines[i])) return false;
  return true;
}

/* Template instances are spelled with or without spaces ("reduce<float, 256>"). */
static bool same_spelling(const char *a, const char *b) {
  for (;; a++, b++) {
    while (*a == ' ') a++;
    while (*b == ' ') b++;
    if (*a != *b) return false;
    if (!*a) return true;
  }
}

/* One compilation of path with the defines of specs[first]; checks every
 * spec with the same defines. */
static void check_one(ctx *c, const char *path, const char *src, size_t len, diff_spec *specs, int nspecs,
                      int first) {
  const diff_spec *s0 = nspecs ? &specs[first] : NULL;
  cw_module_options mo = {.filename = path, .defines = s0 ? (const char **)s0->defines : NULL,
                          .ndefines = s0 ? s0->ndefines : 0};
  char defs[512] = "";
  for (int i = 0; s0 && i < s0->ndefines; i++)
    snprintf(defs + strlen(defs), sizeof defs - strlen(defs), " -D%s", s0->defines[i]);
  char *diags = NULL;
  cw_rt_program *prog = cw_rt_program_build(src, len, &mo, CW_TARGET_C, 0, &diags);
  if (!prog) {
    /* the transpiler's own refusal is not NVRTC's business, but a corpus file must transpile */
    printf("FAIL %s%s: the transpiler rejected it:\n%s", path, defs, diags ? diags : "");
    c->failed++;
    free(diags);
    return;
  }
  free(diags);
  char missing[512] = "";
  for (int i = first; i < nspecs; i++) {
    if (!same_defines(&specs[i], s0)) continue;
    bool found = false;
    for (int k = 0; k < prog->nkernels && !found; k++) found = same_spelling(prog->kernels[k].name, specs[i].kernel);
    if (!found) snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " %s", specs[i].kernel);
  }
  cw_gpu_image img;
  char *log = NULL, err[1024] = "";
  cw_status st = cw_gpu_compile(c->d, &c->api, prog, &c->co, &img, &log, err, sizeof err);
  bool xf = is_xfail(c, path);
  if (xf && st != CW_OK) {
    printf("XFAIL %s%s (known: %s)\n", path, defs, err);
    c->xfailed++;
  } else if (xf) {
    printf("FAIL %s%s: compiled, but --xfail says it should not: remove it from the list\n", path, defs);
    c->failed++;
  } else if (st == CW_OK && !missing[0]) {
    printf("ok   %s%s (%d kernel%s, %d global%s, %s %zu bytes)\n", path, defs, prog->nkernels,
           prog->nkernels == 1 ? "" : "s", prog->nglobals, prog->nglobals == 1 ? "" : "s",
           c->co.ptx ? "PTX" : "code", img.size);
    if (c->verbose)
      for (int i = 0; i < img.nkernels; i++)
        printf("       %s -> %s\n", i < prog->nkernels ? prog->kernels[i].name : prog->globals[i - prog->nkernels].name,
               img.lowered[i]);
    c->ok++;
  } else {
    if (st == CW_OK) printf("FAIL %s%s: spec kernels not in the program:%s\n", path, defs, missing);
    else printf("FAIL %s%s: %s: %s\n%s\n", path, defs, cw_status_name(st), err, log ? log : "");
    c->failed++;
  }
  if (st == CW_OK) cw_gpu_image_free(&img);
  free(log);
  cw_rt_program_free(prog);
}

static void check_file(ctx *c, const char *path) {
  size_t len = 0;
  char *src = read_file(path, &len);
  if (!src) {
    printf("FAIL %s: cannot read it\n", path);
    c->failed++;
    return;
  }
  diff_spec *specs = NULL;
  int n = 0;
  char err[1024];
  if (diff_spec_parse_file(path, &specs, &n, err, sizeof err) != 0) n = 0; /* not a corpus file: no defines */
  if (n == 0) {
    check_one(c, path, src, len, NULL, 0, 0);
  } else {
    for (int i = 0; i < n; i++) {
      bool seen = false;
      for (int j = 0; j < i && !seen; j++) seen = same_defines(&specs[i], &specs[j]);
      if (!seen) check_one(c, path, src, len, specs, n, i);
    }
  }
  diff_specs_free(specs, n);
  free(src);
}

static void check_path(ctx *c, const char *path) {
  struct stat sb;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    const char *pats[] = {"%s/*.cu", "%s/c_only/*.cu"};
    for (int p = 0; p < 2; p++) {
      char pat[4200];
      snprintf(pat, sizeof pat, pats[p], path);
      glob_t g;
      if (glob(pat, 0, NULL, &g) != 0) continue;
      for (size_t i = 0; i < g.gl_pathc; i++) check_file(c, g.gl_pathv[i]);
      globfree(&g);
    }
  } else {
    check_file(c, path);
  }
}

int main(int argc, char **argv) {
  ctx c = {.d = &cw_cuda_dialect};
  const char *arch = NULL;
  int first_path = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dialect") && i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(v, "cuda")) c.d = &cw_cuda_dialect;
      else if (!strcmp(v, "hip")) c.d = &cw_hip_dialect;
      else {
        fprintf(stderr, "rtc-check: unknown dialect '%s' (cuda or hip)\n", v);
        return 2;
      }
    } else if (!strcmp(argv[i], "--arch") && i + 1 < argc) {
      arch = argv[++i];
    } else if (!strcmp(argv[i], "--xfail") && i + 1 < argc && c.nxfail < 16) {
      c.xfail[c.nxfail++] = argv[++i];
    } else if (!strcmp(argv[i], "-v")) {
      c.verbose = true;
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: rtc-check [--dialect cuda|hip] [--arch ARCH] [--xfail FILE]... [-v] PATH...\n");
      return 2;
    } else if (!first_path) {
      first_path = i;
    }
  }
  if (!first_path) {
    fprintf(stderr, "usage: rtc-check [--dialect cuda|hip] [--arch ARCH] [-v] PATH...\n");
    return 2;
  }
  bool ci = getenv("CI") && !strcmp(getenv("CI"), "true");
  cw_gpu_libs libs;
  char why[1024];
  if (!cw_gpu_load(c.d, false, NULL, NULL, &c.api, &libs, why, sizeof why)) {
    printf("rtc-check: %s: %s\n", c.d->name, why);
    return ci ? 1 : 77;
  }
  bool cuda = c.d == &cw_cuda_dialect;
  if (!arch) arch = cuda ? "sm_90" : "gfx90a";
  char inc[1024];
  cw_gpu_include_dir(c.d, &libs, inc, sizeof inc);
  c.co = (cw_gpu_compile_opts){.arch = arch, .ptx = !strncmp(arch, "compute_", 8), .include_dir = inc};
  int maj = 0, min = 0;
  c.api.rtc_version(&maj, &min);
  printf("rtc-check: %s %d.%d from %s, target %s, toolkit headers %s\n", c.d->rtc.what, maj, min, libs.rtc_path,
         arch, inc[0] ? inc : "(none)");
  for (int i = first_path; i < argc; i++) {
    if (argv[i][0] == '-') {
      if (!strcmp(argv[i], "--dialect") || !strcmp(argv[i], "--arch") || !strcmp(argv[i], "--xfail")) i++;
      continue;
    }
    check_path(&c, argv[i]);
  }
  printf("rtc-check: %d compiled, %d failed", c.ok, c.failed);
  if (c.xfailed) printf(", %d known refusals (--xfail)", c.xfailed);
  printf("\n");
  cw_gpu_unload(&libs);
  return c.failed ? 1 : 0;
}
