/* Differential runner: every corpus kernel on every backend present,
 * compared with its plain-C reference (tests/diff/refs_1.c, refs_2.c, refs_3.c).
 *
 *   diff [--backend cpu|webgpu|cuda|hip] [--kernel NAME] [--list] [--markdown] [--limit-skips] [KERNELS_DIR]
 *
 * KERNELS_DIR (default: the source tree's tests/kernels) holds the kernels
 * run on every backend; KERNELS_DIR/c_only holds those run on cpu only.
 * For each "// kernel:" spec (docs/corpus.md): inputs are generated with
 * the rand contract (src/cli/args.c, the CLI's own parser; seeded by the
 * spec's SEED, so every run is identical: reproducible in CI), the
 * reference runs on copies, and each backend gets fresh allocations, first
 * filled with 0xA5 (to catch copies that do not land) and then uploaded with
 * exactly the spec's contents. Every buffer is compared: integers exactly,
 * floats |got - want| <= tol * max(1, |want|), so a NaN got never passes;
 * a NaN want (an int field of a struct buffer given as f32 words) passes
 * only with identical bits. The reference's multiset_arg is compared sorted.
 *
 * webgpu is opened explicitly (CW_BACKEND_WEBGPU, so lavapipe counts); a
 * missing adapter skips it, except with CI=true, where it fails.
 * cuda and hip run only when asked for (--backend cuda|hip), c_only kernels
 * included (they are C-only because of WGSL's limits); a missing GPU skips
 * them (CI has none), so a script that needs them checks the "on cuda:
 * available" line. Their columns appear in --markdown only then.
 * --limit-skips: a webgpu launch refused because the block exceeds the
 * adapter's invocations-per-workgroup limit is a skip, not a failure
 * (SwiftShader allows 256; CUDA and lavapipe 1024).
 * Prints the device of each backend ("on webgpu: available (...)"), a table
 * (kernel x backend) and "diff: N passed, N failed".
 * Exit: 0 all passed, 1 a failure, 2 bad usage, 77 nothing could run
 * (only webgpu requested and absent, outside CI). */
#include <glob.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "diff.h"
#include "spec.h"

#ifndef CW_KERNELS_DIR
#define CW_KERNELS_DIR "tests/kernels"
#endif

enum { B_CPU, B_WEBGPU, B_CUDA, B_HIP, NB };
static const cw_backend bk[NB] = {CW_BACKEND_CPU, CW_BACKEND_WEBGPU, CW_BACKEND_CUDA, CW_BACKEND_HIP};

typedef struct bstate {
  bool wanted;
  cw_context *ctx;
  char unavailable[512]; /* why ctx is NULL */
  bool lost;             /* cuda/hip: it opened, then could not be reopened after a fault */
} bstate;

static const diff_ref *find_ref(const char *kernel) {
  const diff_ref *tables[] = {diff_refs_1,    diff_refs_2,   diff_refs_3,     diff_refs_cxx, diff_refs_warp,
                               diff_refs_i64,  diff_refs_mem, diff_refs_print, diff_refs_classic,
                               diff_refs_tmpl, diff_refs_pack, diff_refs_cg};
  for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
    for (const diff_ref *r = tables[t]; r->kernel; r++)
      if (strcmp(r->kernel, kernel) == 0) return r;
  return NULL;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t n = 0;
  if (fseek(f, 0, SEEK_END) == 0) {
    long sz = ftell(f);
    if (sz >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)sz + 1))) {
      n = fread(buf, 1, (size_t)sz, f);
      buf[n] = 0;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

/* ---------------- comparison ---------------- */

static double elem_f(const cli_arg *a, const void *p, size_t k) {
  if (a->type == CLI_F32) {
    float v;
    memcpy(&v, (const char *)p + k * 4, 4);
    return v;
  }
  double v;
  memcpy(&v, (const char *)p + k * 8, 8);
  return v;
}

/* An integer element as a double (exact for the counts int-tol is meant for). */
static double elem_int(const cli_arg *a, const void *p, size_t k) {
  cli_arg one = *a;
  size_t sz = cli_type_size(a->type);
  memset(&one.s, 0, sizeof one.s);
  memcpy(&one.s, (const char *)p + k * sz, sz);
  switch (a->type) {
  case CLI_I8: return one.s.i8;
  case CLI_U8: return one.s.u8;
  case CLI_I16: return one.s.i16;
  case CLI_U16: return one.s.u16;
  case CLI_I32: return one.s.i32;
  case CLI_U32: return one.s.u32;
  case CLI_I64: return (double)one.s.i64;
  default: return (double)one.s.u64;
  }
}

static void elem_text(const cli_arg *a, const void *p, size_t k, char *out, size_t n) {
  cli_arg one = *a;
  one.is_buffer = false;
  size_t sz = cli_type_size(a->type);
  memset(&one.s, 0, sizeof one.s);
  memcpy(&one.s, (const char *)p + k * sz, sz);
  switch (a->type) {
  case CLI_F32: snprintf(out, n, "%.9g", one.s.f32); break;
  case CLI_F64: snprintf(out, n, "%.17g", one.s.f64); break;
  case CLI_I8: snprintf(out, n, "%d", one.s.i8); break;
  case CLI_U8: snprintf(out, n, "%u", one.s.u8); break;
  case CLI_I16: snprintf(out, n, "%d", one.s.i16); break;
  case CLI_U16: snprintf(out, n, "%u", one.s.u16); break;
  case CLI_I32: snprintf(out, n, "%" PRId32, one.s.i32); break;
  case CLI_U32: snprintf(out, n, "%" PRIu32 " (0x%08" PRIx32 ")", one.s.u32, one.s.u32); break;
  case CLI_I64: snprintf(out, n, "%" PRId64, one.s.i64); break;
  default: snprintf(out, n, "%" PRIu64, one.s.u64); break;
  }
}

static cli_type sort_type;
static int cmp_elem(const void *x, const void *y) {
  cli_scalar a = {0}, b = {0};
  size_t sz = cli_type_size(sort_type);
  memcpy(&a, x, sz);
  memcpy(&b, y, sz);
  switch (sort_type) {
  case CLI_F32: return (a.f32 > b.f32) - (a.f32 < b.f32);
  case CLI_F64: return (a.f64 > b.f64) - (a.f64 < b.f64);
  case CLI_I8: return (a.i8 > b.i8) - (a.i8 < b.i8);
  case CLI_I16: return (a.i16 > b.i16) - (a.i16 < b.i16);
  case CLI_I32: return (a.i32 > b.i32) - (a.i32 < b.i32);
  case CLI_I64: return (a.i64 > b.i64) - (a.i64 < b.i64);
  case CLI_U8: return (a.u8 > b.u8) - (a.u8 < b.u8);
  case CLI_U16: return (a.u16 > b.u16) - (a.u16 < b.u16);
  case CLI_U32: return (a.u32 > b.u32) - (a.u32 < b.u32);
  default: return (a.u64 > b.u64) - (a.u64 < b.u64);
  }
}

/* Compares buffer arg i; returns true if equal, else writes the first mismatch. */
static bool compare(const cli_arg *a, int i, void *got, void *want, bool multiset, const diff_spec *s,
                    char *msg, size_t n) {
  size_t sz = cli_type_size(a->type);
  double tol = s->tol;
  long long off_allowed = s->int_tol_n; /* // int-tol: D N */
  if (multiset) {
    sort_type = a->type;
    qsort(got, a->count, sz, cmp_elem);
    qsort(want, a->count, sz, cmp_elem);
  }
  for (size_t k = 0; k < a->count; k++) {
    bool ok;
    if (cli_type_is_float(a->type)) {
      double g = elem_f(a, got, k), w = elem_f(a, want, k);
      if (isnan(w)) {
        /* struct buffers are given as f32 words (docs/corpus.md); an int
         * field's bits may read as NaN there, and only the same bits match */
        ok = memcmp((char *)got + k * sz, (char *)want + k * sz, sz) == 0;
      } else {
        ok = !isnan(g) && fabs(g - w) <= tol * fmax(1.0, fabs(w));
      }
    } else {
      ok = memcmp((char *)got + k * sz, (char *)want + k * sz, sz) == 0;
      if (!ok && off_allowed > 0 && fabs(elem_int(a, got, k) - elem_int(a, want, k)) <= (double)s->int_tol_d) {
        off_allowed--;
        ok = true;
      }
    }
    if (!ok) {
      char g[64], w[64];
      elem_text(a, got, k, g, sizeof g);
      elem_text(a, want, k, w, sizeof w);
      snprintf(msg, n, "arg%d[%zu]%s: got %s, want %s", i, k, multiset ? " (sorted)" : "", g, w);
      return false;
    }
  }
  return true;
}

/* ---------------- one kernel on one backend ---------------- */

/* Runs spec s on ctx and compares with want[] (the reference's buffers).
 * Returns true on success; otherwise msg says why. */
static bool run_one(cw_context *ctx, const diff_spec *s, const char *src, size_t len, cli_arg *in, void **want,
                    int multiset_arg, char *msg, size_t n) {
  const char **defs = (const char **)s->defines;
  cw_module_options mo = {.filename = s->file, .defines = defs, .ndefines = s->ndefines,
                          .demote_double = s->demote_double};
  /* demoted double buffers (webgpu with --demote-double) travel as floats:
   * dem[i] holds the f32 copy of in[i] */
  cli_arg *dem = calloc((size_t)s->nargs + 1, sizeof *dem);
  cw_module *mod = NULL;
  cw_kernel *k = NULL;
  cw_deviceptr *d = calloc((size_t)s->nargs + 1, sizeof *d);
  void **argv = calloc((size_t)s->nargs + 1, sizeof *argv);
  void *got = NULL;
  bool ok = false;
  char why[512];
  cw_status st;
  if (!d || !argv || !dem) abort();
  if ((st = cw_module_load(ctx, src, len, &mo, &mod)) != CW_OK) {
    snprintf(msg, n, "compile: %s", cw_context_last_error(ctx));
    goto out;
  }
  if (cw_module_get_kernel(mod, s->kernel, &k) != CW_OK) {
    snprintf(msg, n, "%s", cw_context_last_error(ctx));
    goto out;
  }
  if (cw_kernel_param_count(k) != s->nargs) {
    snprintf(msg, n, "spec: kernel takes %d arguments, the spec gives %d", cw_kernel_param_count(k), s->nargs);
    goto out;
  }
  for (int i = 0; i < s->nargs; i++) {
    cw_param_info p;
    if (cw_kernel_param(k, i, &p) != CW_OK || cli_check_arg(&p, i, &in[i], why, sizeof why)) {
      snprintf(msg, n, "spec: %s", why);
      goto out;
    }
    if (!in[i].is_buffer) {
      argv[i] = &in[i].s;
      continue;
    }
    const cli_arg *up = &in[i];
    if (p.demoted && in[i].type == CLI_F64) {
      dem[i] = in[i];
      if (!(dem[i].host = malloc(in[i].count * 8 + 1))) abort();
      memcpy(dem[i].host, in[i].host, in[i].count * 8);
      cli_arg_demote_f64(&dem[i]);
      up = &dem[i];
    }
    size_t bytes = up->count * cli_type_size(up->type);
    /* fresh memory, poisoned, then exactly the spec's contents */
    if (cw_malloc(ctx, &d[i], bytes) != CW_OK || cw_memset_d8(ctx, d[i], 0xA5, bytes) != CW_OK ||
        cw_memcpy_htod(ctx, d[i], up->host, bytes) != CW_OK) {
      snprintf(msg, n, "arg%d: %s", i, cw_context_last_error(ctx));
      goto out;
    }
    argv[i] = &d[i];
  }
  if ((st = cw_launch(k, s->launch.grid, s->launch.block, s->launch.shmem, argv, s->nargs)) != CW_OK ||
      (st = cw_synchronize(ctx)) != CW_OK) {
    snprintf(msg, n, "launch: %s", cw_context_last_error(ctx));
    goto out;
  }
  ok = true;
  for (int i = 0; i < s->nargs && ok; i++) {
    if (!in[i].is_buffer) continue;
    size_t bytes = in[i].count * cli_type_size(in[i].type);
    free(got);
    if (!(got = malloc(bytes))) abort();
    if (dem[i].host) { /* floats on the device: read them, widen to the doubles compared */
      if (cw_memcpy_dtoh(ctx, dem[i].host, d[i], dem[i].count * 4) != CW_OK) {
        snprintf(msg, n, "read arg%d: %s", i, cw_context_last_error(ctx));
        ok = false;
        break;
      }
      cli_arg_promote_f32(&dem[i]);
      memcpy(got, dem[i].host, bytes);
    } else if (cw_memcpy_dtoh(ctx, got, d[i], bytes) != CW_OK) {
      snprintf(msg, n, "read arg%d: %s", i, cw_context_last_error(ctx));
      ok = false;
      break;
    }
    /* compare a copy of want: a multiset comparison sorts in place */
    void *w = malloc(bytes);
    if (!w) abort();
    memcpy(w, want[i], bytes);
    ok = compare(&in[i], i, got, w, i == multiset_arg, s, msg, n);
    free(w);
  }
out:
  for (int i = 0; i < s->nargs; i++)
    if (d[i]) cw_free(ctx, d[i]);
  if (mod) cw_module_unload(mod);
  for (int i = 0; i < s->nargs; i++) cli_arg_free(&dem[i]);
  free(dem);
  free(got);
  free(d);
  free(argv);
  return ok;
}

/* ---------------- main ---------------- */

static int collect(const char *dir, bool c_only, diff_spec **specs, int *n, char **err_out) {
  char pat[4096];
  snprintf(pat, sizeof pat, "%s/%s*.cu", dir, c_only ? "c_only/" : "");
  glob_t g;
  int rc = glob(pat, 0, NULL, &g);
  if (rc == GLOB_NOMATCH) return 0;
  if (rc != 0) return -1;
  for (size_t i = 0; i < g.gl_pathc; i++) {
    char err[1024];
    if (diff_spec_parse_file(g.gl_pathv[i], specs, n, err, sizeof err) != 0) {
      *err_out = strdup(err);
      globfree(&g);
      return -1;
    }
  }
  globfree(&g);
  return 0;
}

int main(int argc, char **argv) {
  const char *dir = CW_KERNELS_DIR, *only = NULL;
  bool list = false, markdown = false, limit_skips = false;
  bstate be[NB] = {{.wanted = true}, {.wanted = true}, {.wanted = false}, {.wanted = false}};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--backend") && i + 1 < argc) {
      const char *v = argv[++i];
      bool any = false;
      for (int b = 0; b < NB; b++) any |= (be[b].wanted = !strcmp(v, cw_backend_name(bk[b])));
      if (!any) {
        fprintf(stderr, "diff: unknown backend '%s' (expected cpu, webgpu, cuda or hip)\n", v);
        return 2;
      }
    } else if (!strcmp(a, "--kernel") && i + 1 < argc) {
      only = argv[++i];
    } else if (!strcmp(a, "--list")) {
      list = true;
    } else if (!strcmp(a, "--limit-skips")) {
      limit_skips = true;
    } else if (!strcmp(a, "--markdown")) {
      markdown = true;
    } else if (a[0] != '-') {
      dir = a;
    } else {
      fprintf(stderr, "usage: diff [--backend cpu|webgpu|cuda|hip] [--kernel NAME] [--list] [--markdown] [--limit-skips] [KERNELS_DIR]\n");
      return 2;
    }
  }

  diff_spec *specs = NULL;
  int nspecs = 0, nboth;
  char *perr = NULL;
  if (collect(dir, false, &specs, &nspecs, &perr) != 0) goto bad_spec;
  nboth = nspecs;
  if (collect(dir, true, &specs, &nspecs, &perr) != 0) goto bad_spec;
  if (nspecs == 0) {
    fprintf(stderr, "diff: no kernels under '%s'\n", dir);
    return 2;
  }
  if (list) {
    for (int i = 0; i < nspecs; i++)
      if (!only || !strcmp(only, specs[i].kernel))
        printf("%s %s%s\n", specs[i].kernel, specs[i].file, i >= nboth ? " (cpu only)" : "");
    diff_specs_free(specs, nspecs);
    return 0;
  }

  bool ci = getenv("CI") && !strcmp(getenv("CI"), "true");
  for (int b = 0; b < NB; b++) {
    if (!be[b].wanted) continue;
    /* the compiled-kernel cache stays on (default dir): it only speeds up reruns */
    cw_context_options o = {.backend = bk[b]};
    if (cw_context_create(&o, &be[b].ctx) != CW_OK) {
      const char *e = cw_context_create_error();
      const char *nl = strchr(e, '\n');
      snprintf(be[b].unavailable, sizeof be[b].unavailable, "%.*s", nl ? (int)(nl - e) : (int)strlen(e), e);
    } else if (!markdown) {
      /* which device the results come from (lavapipe, SwiftShader, a GPU), e.g.
       * "on webgpu: available (SwiftShader Device (Subzero) [vulkan, cpu])";
       * the cpu backend's line is "cpu: ..." or "cpu-tcc: ..." (its libtcc step) */
      const char *name = cw_backend_name(bk[b]);
      size_t nl = strlen(name);
      for (const char *r = cw_context_report(be[b].ctx); r && *r;) {
        const char *end = strchr(r, '\n');
        int len = end ? (int)(end - r) : (int)strlen(r);
        const char *st = strstr(r, ": available (");
        if (!strncmp(r, name, nl) && (r[nl] == ':' || r[nl] == '-') && st && (!end || st < end))
          printf("on %.*s\n", len, r);
        r = end ? end + 1 : NULL;
      }
    }
  }

  int passed = 0, failed = 0, skipped = 0, matched = 0;
  bool gpu_cols = be[B_CUDA].wanted || be[B_HIP].wanted;
  if (markdown && !gpu_cols) printf("| kernel | file | cpu | webgpu |\n|---|---|---|---|\n");
  else if (markdown) printf("| kernel | file | cpu | webgpu | cuda | hip |\n|---|---|---|---|---|---|\n");
  else printf("%-22s %-10s %s\n", "kernel", "backend", "result");
  for (int si = 0; si < nspecs; si++) {
    diff_spec *s = &specs[si];
    if (only && strcmp(only, s->kernel) != 0) continue;
    matched++;
    char cell[NB][768];
    for (int b = 0; b < NB; b++) snprintf(cell[b], sizeof cell[b], "skip: not requested");
    bool cell_fail[NB] = {false}, cell_ok[NB] = {false};
    size_t len = 0;
    char *src = read_file(s->file, &len);
    const diff_ref *ref = find_ref(s->kernel);
    cli_arg *in = calloc((size_t)s->nargs + 1, sizeof *in);
    void **want = calloc((size_t)s->nargs + 1, sizeof *want);
    diff_arg *da = calloc((size_t)s->nargs + 1, sizeof *da);
    if (!in || !want || !da) abort();
    char setup[768] = "";
    int nparsed = 0;
    if (!src) snprintf(setup, sizeof setup, "cannot read %s", s->file);
    else if (!ref) snprintf(setup, sizeof setup, "no reference for kernel '%s' in tests/diff/refs_*.c", s->kernel);
    for (int i = 0; !setup[0] && i < s->nargs; i++, nparsed++) {
      char err[512];
      if (cli_parse_arg(s->args[i], &in[i], err, sizeof err)) snprintf(setup, sizeof setup, "spec: %s", err);
    }
    if (!setup[0]) {
      /* the reference works on copies; want[i] keeps its result */
      for (int i = 0; i < s->nargs; i++) {
        snprintf(da[i].type, sizeof da[i].type, "%s", cli_type_name(in[i].type));
        da[i].is_buffer = in[i].is_buffer;
        da[i].count = in[i].count;
        memcpy(&da[i].s, &in[i].s, sizeof da[i].s < sizeof in[i].s ? sizeof da[i].s : sizeof in[i].s);
        if (in[i].is_buffer) {
          size_t bytes = in[i].count * cli_type_size(in[i].type);
          if (!(want[i] = malloc(bytes))) abort();
          memcpy(want[i], in[i].host, bytes);
          da[i].host = want[i];
        }
      }
      ref->fn(da, s->nargs, &s->launch);
    }
    for (int b = 0; b < NB; b++) {
      if (!be[b].wanted) continue;
      if (b == B_WEBGPU && si >= nboth) {
        snprintf(cell[b], sizeof cell[b], "skip: c_only");
        continue;
      }
      if (setup[0]) {
        snprintf(cell[b], sizeof cell[b], "FAIL %s", setup);
        cell_fail[b] = true;
        continue;
      }
      if (!be[b].ctx) {
        /* cuda/hip: no GPU is the normal case (CI); webgpu: only outside CI */
        bool skip = (b == B_WEBGPU && !ci) || ((b == B_CUDA || b == B_HIP) && !be[b].lost);
        snprintf(cell[b], sizeof cell[b], "%s %.700s", skip ? "skip:" : "FAIL", be[b].unavailable);
        cell_fail[b] = !skip;
        continue;
      }
      char msg[700] = "";
      if (run_one(be[b].ctx, s, src, len, in, want, ref->multiset_arg, msg, sizeof msg)) {
        snprintf(cell[b], sizeof cell[b], "ok");
        cell_ok[b] = true;
      } else if (b == B_WEBGPU && limit_skips && strstr(msg, "launch: ") == msg && strstr(msg, "exceeds this adapter's limit of")) {
        /* a block larger than the adapter allows (SwiftShader: 256 invocations)
         * is refused, as CUDA refuses blocks over its device's limit; the
         * refusal is the runtime's precise message, not a wrong result.
         * Only with --limit-skips (the SwiftShader test), so that a runtime
         * that stops requesting lavapipe's 1024 invocations still fails. */
        snprintf(cell[b], sizeof cell[b], "skip: adapter limit: %s", msg + 8);
      } else {
        snprintf(cell[b], sizeof cell[b], "FAIL %s", msg);
        cell_fail[b] = true;
        /* cuda/hip: a kernel fault is sticky and would fail every later
         * kernel; a fresh context keeps the failures apart */
        if ((b == B_CUDA || b == B_HIP) && cw_synchronize(be[b].ctx) == CW_ERROR_DEVICE_LOST) {
          cw_context_destroy(be[b].ctx);
          cw_context_options o = {.backend = bk[b]};
          if (cw_context_create(&o, &be[b].ctx) != CW_OK) {
            be[b].ctx = NULL;
            be[b].lost = true;
            snprintf(be[b].unavailable, sizeof be[b].unavailable, "lost after a kernel fault: %.400s",
                     cw_context_create_error());
          }
        }
      }
    }
    for (int b = 0; b < NB; b++) {
      if (!be[b].wanted) continue;
      if (cell_ok[b]) passed++;
      else if (cell_fail[b]) failed++;
      else skipped++;
    }
    if (markdown) {
      const char *base = strrchr(s->file, '/');
      printf("| `%s` | `%s` | %s | %s |", s->kernel, base ? base + 1 : s->file, cell[B_CPU], cell[B_WEBGPU]);
      if (gpu_cols) printf(" %s | %s |", cell[B_CUDA], cell[B_HIP]);
      printf("\n");
    } else {
      for (int b = 0; b < NB; b++)
        if (be[b].wanted) printf("%-22s %-10s %s\n", s->kernel, cw_backend_name(bk[b]), cell[b]);
    }
    fflush(stdout);
    for (int i = 0; i < s->nargs; i++) {
      if (i < nparsed) cli_arg_free(&in[i]);
      free(want[i]);
    }
    free(in);
    free(want);
    free(da);
    free(src);
  }
  for (int b = 0; b < NB; b++) cw_context_destroy(be[b].ctx);
  diff_specs_free(specs, nspecs);
  if (only && !matched) {
    fprintf(stderr, "diff: no kernel named '%s' in the corpus\n", only);
    return 2;
  }
  if (skipped) printf("skipped: %d\n", skipped);
  printf("diff: %d passed, %d failed\n", passed, failed);
  /* nothing ran because the only backend asked for is absent: a skip, not a pass */
  bool absent = !be[B_CPU].wanted;
  for (int b = B_WEBGPU; b < NB; b++) absent &= !be[b].wanted || !be[b].ctx;
  if (passed == 0 && failed == 0 && absent) return 77;
  return failed ? 1 : 0;

bad_spec:
  fprintf(stderr, "diff: %s\n", perr ? perr : "cannot list the kernels");
  free(perr);
  diff_specs_free(specs, nspecs);
  return 2;
}
