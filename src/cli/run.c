/* `cuda-wasm run`: compile one kernel of a .cu file for a backend, launch it
 * with arguments given on the command line, and report time and checksums.
 *
 *   cuda-wasm run FILE.cu --kernel NAME --grid X[,Y[,Z]] --block X[,Y[,Z]]
 *       [--shared BYTES] [--backend auto|cpu|webgpu|cuda|hip] [--repeat N] [--check]
 *       [--out-dir DIR] [--json] [-v] [-I DIR] [-D NAME[=V]] [--demote-double] -- ARG...
 *
 * One ARG per kernel parameter (grammar in cli.h). Every launch starts from
 * the initial buffer contents (they are uploaded again before each repeat),
 * so the outputs do not depend on --repeat; the time is the median of the
 * per-launch times measured with events around the launch alone.
 * Exit status: 0 ok; 1 bad usage, bad arguments, compile, launch or memcheck
 * error (message on stderr); 2 internal error. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

typedef struct run_opts {
  const char *input, *kernel, *out_dir;
  const char *grid_s, *block_s;
  cw_dim3 grid, block;
  size_t shared;
  cw_backend backend;
  int repeat, check, json, verbose, demote_double;
  const char **defs, **incs, **args;
  int ndefs, nincs, nargs;
} run_opts;

static const char *usage =
    "usage: cuda-wasm run FILE.cu --kernel NAME --grid X[,Y[,Z]] --block X[,Y[,Z]] [options] -- ARG...\n";

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) { free(buf); buf = NULL; break; }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (buf && ferror(f)) { free(buf); buf = NULL; }
  fclose(f);
  *len = n;
  return buf;
}

/* Value of "--opt V" or "--opt=V"; NULL (after a message) when missing. */
static const char *value_of(int argc, char **argv, int *i, const char *opt) {
  size_t n = strlen(opt);
  const char *a = argv[*i];
  if (a[n] == '=') return a + n + 1;
  if (opt[1] != '-' && a[n]) return a + n; /* -IDIR */
  if (*i + 1 >= argc) {
    fprintf(stderr, "cuda-wasm: option '%s' needs a value\n", opt);
    return NULL;
  }
  return argv[++*i];
}

static bool is_opt(const char *a, const char *opt) {
  size_t n = strlen(opt);
  return strncmp(a, opt, n) == 0 && (a[n] == 0 || a[n] == '=' || (opt[1] != '-' && a[n]));
}

/* Positive decimal integer in [lo, hi]. */
static int parse_count(const char *s, long long lo, long long hi, long long *out) {
  char *end;
  errno = 0;
  if (!(*s >= '0' && *s <= '9')) return -1;
  long long v = strtoll(s, &end, 10);
  if (*end || errno || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static int parse_opts(int argc, char **argv, run_opts *o) {
  o->repeat = 1;
  o->backend = CW_BACKEND_AUTO;
  o->defs = calloc((size_t)argc + 1, sizeof *o->defs);
  o->incs = calloc((size_t)argc + 1, sizeof *o->incs);
  o->args = calloc((size_t)argc + 1, sizeof *o->args);
  if (!o->defs || !o->incs || !o->args) return 2;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i], *v;
    long long n;
    if (strcmp(a, "--") == 0) {
      for (i++; i < argc; i++) o->args[o->nargs++] = argv[i];
      break;
    } else if (is_opt(a, "--kernel")) {
      if (!(o->kernel = value_of(argc, argv, &i, "--kernel"))) return 1;
    } else if (is_opt(a, "--grid")) {
      if (!(o->grid_s = value_of(argc, argv, &i, "--grid"))) return 1;
    } else if (is_opt(a, "--block")) {
      if (!(o->block_s = value_of(argc, argv, &i, "--block"))) return 1;
    } else if (is_opt(a, "--shared")) {
      if (!(v = value_of(argc, argv, &i, "--shared"))) return 1;
      if (parse_count(v, 0, 1 << 30, &n)) {
        fprintf(stderr, "cuda-wasm: --shared '%s' is not a byte count\n", v);
        return 1;
      }
      o->shared = (size_t)n;
    } else if (is_opt(a, "--repeat")) {
      if (!(v = value_of(argc, argv, &i, "--repeat"))) return 1;
      if (parse_count(v, 1, 1000000, &n)) {
        fprintf(stderr, "cuda-wasm: --repeat '%s' must be an integer from 1 to 1000000\n", v);
        return 1;
      }
      o->repeat = (int)n;
    } else if (is_opt(a, "--backend")) {
      if (!(v = value_of(argc, argv, &i, "--backend"))) return 1;
      if (!strcmp(v, "auto")) o->backend = CW_BACKEND_AUTO;
      else if (!strcmp(v, "cpu")) o->backend = CW_BACKEND_CPU;
      else if (!strcmp(v, "webgpu")) o->backend = CW_BACKEND_WEBGPU;
      else if (!strcmp(v, "cuda")) o->backend = CW_BACKEND_CUDA;
      else if (!strcmp(v, "hip")) o->backend = CW_BACKEND_HIP;
      else {
        fprintf(stderr, "cuda-wasm: unknown backend '%s' (expected auto, cpu, webgpu, cuda or hip)\n", v);
        return 1;
      }
    } else if (is_opt(a, "--out-dir")) {
      if (!(o->out_dir = value_of(argc, argv, &i, "--out-dir"))) return 1;
    } else if (!strcmp(a, "--check")) {
      o->check = 1;
    } else if (!strcmp(a, "--demote-double")) {
      o->demote_double = 1;
    } else if (!strcmp(a, "--json")) {
      o->json = 1;
    } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
      o->verbose = 1;
    } else if (is_opt(a, "-I")) {
      if (!(v = value_of(argc, argv, &i, "-I"))) return 1;
      o->incs[o->nincs++] = v;
    } else if (is_opt(a, "-D")) {
      if (!(v = value_of(argc, argv, &i, "-D"))) return 1;
      o->defs[o->ndefs++] = v;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "cuda-wasm: unknown option '%s' for run (see cuda-wasm --help)\n", a);
      return 1;
    } else if (!o->input) {
      o->input = a;
    } else {
      fprintf(stderr, "cuda-wasm: more than one input file ('%s' and '%s'); kernel arguments go after '--'\n",
              o->input, a);
      return 1;
    }
  }
  char err[256];
  if (!o->input) { fprintf(stderr, "cuda-wasm: run needs an input file\n%s", usage); return 1; }
  if (!o->kernel) { fprintf(stderr, "cuda-wasm: run needs --kernel NAME\n%s", usage); return 1; }
  if (!o->grid_s || !o->block_s) { fprintf(stderr, "cuda-wasm: run needs --grid and --block\n%s", usage); return 1; }
  if (cli_parse_dim3(o->grid_s, &o->grid, err, sizeof err)) { fprintf(stderr, "cuda-wasm: --grid %s\n", err); return 1; }
  if (cli_parse_dim3(o->block_s, &o->block, err, sizeof err)) { fprintf(stderr, "cuda-wasm: --block %s\n", err); return 1; }
  if (o->check && o->backend != CW_BACKEND_CPU && o->backend != CW_BACKEND_AUTO) {
    fprintf(stderr, "cuda-wasm: --check needs the cpu backend (bounds checking is done by the C code it runs)\n");
    return 1;
  }
  return 0;
}

static int cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

/* JSON string body (the names here are identifiers and paths; escape anyway). */
static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c == '\n') fputs("\\n", f);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void scalar_text(const cli_arg *a, char *out, size_t n) {
  switch (a->type) {
  case CLI_F32: snprintf(out, n, "%.9g", a->s.f32); break;
  case CLI_F64: snprintf(out, n, "%.17g", a->s.f64); break;
  case CLI_I8: snprintf(out, n, "%d", a->s.i8); break;
  case CLI_U8: snprintf(out, n, "%u", a->s.u8); break;
  case CLI_I16: snprintf(out, n, "%d", a->s.i16); break;
  case CLI_U16: snprintf(out, n, "%u", a->s.u16); break;
  case CLI_I32: snprintf(out, n, "%" PRId32, a->s.i32); break;
  case CLI_U32: snprintf(out, n, "%" PRIu32, a->s.u32); break;
  case CLI_I64: snprintf(out, n, "%" PRId64, a->s.i64); break;
  default: snprintf(out, n, "%" PRIu64, a->s.u64); break;
  }
}

/* A number for JSON: nan/inf (not JSON numbers) become strings. */
static void json_num(FILE *f, const char *text) {
  if (strpbrk(text, "ni")) json_str(f, text);
  else fputs(text, f);
}

/* Exit status for a runtime failure. */
static int status_exit(cw_status st) {
  return st == CW_ERROR_INTERNAL || st == CW_ERROR_OUT_OF_MEMORY ? 2 : 1;
}

int cli_cmd_run(int argc, char **argv) {
  run_opts o = {0};
  int rc = parse_opts(argc, argv, &o);
  char *src = NULL;
  cli_arg *args = NULL;
  cw_deviceptr *dptr = NULL;
  void **argv_launch = NULL;
  float *times = NULL;
  cw_context *ctx = NULL;
  cw_module *mod = NULL;
  cw_event *e0 = NULL, *e1 = NULL;
  cw_status st;
  char err[1024];
  if (rc) goto done;
  rc = 1;

  size_t len = 0;
  if (!(src = read_file(o.input, &len))) {
    fprintf(stderr, "cuda-wasm: cannot read '%s': %s\n", o.input, strerror(errno));
    goto done;
  }
  /* arguments first: a typo there should not cost a compilation */
  args = calloc((size_t)o.nargs + 1, sizeof *args);
  dptr = calloc((size_t)o.nargs + 1, sizeof *dptr);
  argv_launch = calloc((size_t)o.nargs + 1, sizeof *argv_launch);
  times = calloc((size_t)o.repeat, sizeof *times);
  if (!args || !dptr || !argv_launch || !times) { rc = 2; goto done; }
  for (int i = 0; i < o.nargs; i++)
    if (cli_parse_arg(o.args[i], &args[i], err, sizeof err)) {
      fprintf(stderr, "cuda-wasm: %s\n", err);
      goto done;
    }

  cw_context_options co = {.backend = o.backend, .check = o.check};
  if ((st = cw_context_create(&co, &ctx)) != CW_OK) {
    fprintf(stderr, "cuda-wasm: cannot create %s %s context: %s\n", o.backend == CW_BACKEND_AUTO ? "an" : "a",
            cw_backend_name(o.backend), cw_context_create_error());
    rc = st == CW_ERROR_UNAVAILABLE || st == CW_ERROR_INVALID_VALUE ? 1 : status_exit(st);
    goto done;
  }
  cw_module_options mo = {.filename = o.input, .defines = o.defs, .ndefines = o.ndefs,
                          .include_dirs = o.incs, .ninclude_dirs = o.nincs,
                          .demote_double = o.demote_double};
  st = cw_module_load(ctx, src, len, &mo, &mod);
  if (st != CW_OK) {
    const char *d = mod ? cw_module_diagnostics(mod) : "";
    if (*d) fputs(d, stderr);
    fprintf(stderr, "cuda-wasm: cannot compile '%s' for the %s backend: %s\n", o.input,
            cw_backend_name(cw_context_backend(ctx)), cw_context_last_error(ctx));
    rc = status_exit(st);
    goto done;
  }
  if (o.demote_double && *cw_module_diagnostics(mod)) /* the demotion's warnings: every place */
    fputs(cw_module_diagnostics(mod), stderr);
  cw_kernel *k = NULL;
  if (cw_module_get_kernel(mod, o.kernel, &k) != CW_OK) {
    fprintf(stderr, "cuda-wasm: %s\n", cw_context_last_error(ctx));
    goto done;
  }
  int np = cw_kernel_param_count(k);
  if (np != o.nargs) {
    fprintf(stderr, "cuda-wasm: kernel '%s' takes %d argument%s, %d given after '--':\n", o.kernel, np,
            np == 1 ? "" : "s", o.nargs);
    for (int i = 0; i < np; i++) {
      cw_param_info p;
      if (cw_kernel_param(k, i, &p) == CW_OK) fprintf(stderr, "  %d: %s %s\n", i, p.type, p.name);
    }
    goto done;
  }
  cw_param_info *pinfo = calloc((size_t)np + 1, sizeof *pinfo);
  if (!pinfo) { rc = 2; goto done; }
  for (int i = 0; i < np; i++) {
    if (cw_kernel_param(k, i, &pinfo[i]) != CW_OK || cli_check_arg(&pinfo[i], i, &args[i], err, sizeof err)) {
      fprintf(stderr, "cuda-wasm: kernel '%s': %s\n", o.kernel, err);
      free(pinfo);
      goto done;
    }
    /* --demote-double on webgpu: the device buffer holds floats */
    if (pinfo[i].demoted && args[i].is_buffer) cli_arg_demote_f64(&args[i]);
  }

  /* device buffers */
  for (int i = 0; i < np; i++) {
    if (!args[i].is_buffer) {
      argv_launch[i] = &args[i].s;
      continue;
    }
    size_t bytes = args[i].count * cli_type_size(args[i].type);
    if ((st = cw_malloc(ctx, &dptr[i], bytes)) != CW_OK) {
      fprintf(stderr, "cuda-wasm: argument %d: %s\n", i, cw_context_last_error(ctx));
      rc = st == CW_ERROR_OUT_OF_MEMORY ? 1 : status_exit(st);
      free(pinfo);
      goto done;
    }
    argv_launch[i] = &dptr[i];
  }
  if (cw_event_create(ctx, &e0) != CW_OK || cw_event_create(ctx, &e1) != CW_OK) { rc = 2; free(pinfo); goto done; }
  for (int r = 0; r < o.repeat; r++) {
    for (int i = 0; i < np; i++)
      if (args[i].is_buffer &&
          (st = cw_memcpy_htod(ctx, dptr[i], args[i].host, args[i].count * cli_type_size(args[i].type))) != CW_OK) {
        fprintf(stderr, "cuda-wasm: uploading argument %d: %s\n", i, cw_context_last_error(ctx));
        rc = status_exit(st);
        free(pinfo);
        goto done;
      }
    if ((st = cw_event_record(e0)) != CW_OK ||
        (st = cw_launch(k, o.grid, o.block, o.shared, argv_launch, np)) != CW_OK ||
        (st = cw_event_record(e1)) != CW_OK || (st = cw_event_elapsed_ms(e0, e1, &times[r])) != CW_OK) {
      fprintf(stderr, "cuda-wasm: %s: %s\n", st == CW_ERROR_MEMCHECK ? "memcheck" : "launch failed",
              cw_context_last_error(ctx));
      rc = status_exit(st);
      free(pinfo);
      goto done;
    }
  }
  for (int i = 0; i < np; i++)
    if (args[i].is_buffer &&
        (st = cw_memcpy_dtoh(ctx, args[i].host, dptr[i], args[i].count * cli_type_size(args[i].type))) != CW_OK) {
      fprintf(stderr, "cuda-wasm: reading back argument %d: %s\n", i, cw_context_last_error(ctx));
      rc = status_exit(st);
      free(pinfo);
      goto done;
    }

  for (int i = 0; i < np; i++) /* back to the double values the user gave */
    if (pinfo[i].demoted && args[i].is_buffer) cli_arg_promote_f32(&args[i]);

  /* outputs */
  char (*paths)[4200] = calloc((size_t)np + 1, sizeof *paths);
  if (!paths) { rc = 2; free(pinfo); goto done; }
  rc = 0;
  /* like `mkdir DIR` (the parent must exist): saves a step, creates nothing surprising */
  if (o.out_dir && mkdir(o.out_dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "cuda-wasm: cannot create '%s': %s\n", o.out_dir, strerror(errno));
    rc = 1;
  }
  for (int i = 0; i < np && o.out_dir && rc == 0; i++) {
    if (!args[i].is_buffer) continue;
    snprintf(paths[i], sizeof paths[i], "%s/arg%d.bin", o.out_dir, i);
    FILE *f = fopen(paths[i], "wb");
    size_t bytes = args[i].count * cli_type_size(args[i].type);
    bool ok = f && fwrite(args[i].host, 1, bytes, f) == bytes;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) {
      fprintf(stderr, "cuda-wasm: cannot write '%s': %s\n", paths[i], strerror(errno));
      rc = 1;
      break;
    }
  }
  if (rc == 0) {
    float *sorted = times;
    qsort(sorted, (size_t)o.repeat, sizeof *sorted, cmp_float);
    float med = o.repeat % 2 ? sorted[o.repeat / 2] : (sorted[o.repeat / 2 - 1] + sorted[o.repeat / 2]) / 2;
    const char *bname = cw_backend_name(cw_context_backend(ctx));
    const char *report = cw_context_report(ctx);
    if (o.json) {
      printf("{\n  \"kernel\": ");
      json_str(stdout, o.kernel);
      printf(",\n  \"backend\": \"%s\",\n  \"backend_report\": [", bname);
      for (const char *p = report; *p;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(l < 511 ? l : 511), p);
        printf("%s", p == report ? "" : ", ");
        json_str(stdout, line);
        p += l + (nl ? 1 : 0);
      }
      printf("],\n  \"grid\": [%u, %u, %u],\n  \"block\": [%u, %u, %u],\n  \"shared\": %zu,\n", o.grid.x, o.grid.y,
             o.grid.z, o.block.x, o.block.y, o.block.z, o.shared);
      printf("  \"repeat\": %d,\n  \"time_ms\": {\"median\": %.6f, \"min\": %.6f, \"max\": %.6f},\n  \"args\": [\n",
             o.repeat, med, sorted[0], sorted[o.repeat - 1]);
      for (int i = 0; i < np; i++) {
        char text[64];
        printf("    {\"index\": %d, \"name\": ", i);
        json_str(stdout, pinfo[i].name);
        printf(", \"type\": \"%s\", ", cli_type_name(args[i].type));
        if (!args[i].is_buffer) {
          scalar_text(&args[i], text, sizeof text);
          printf("\"value\": ");
          json_num(stdout, text);
        } else {
          size_t bytes = args[i].count * cli_type_size(args[i].type);
          cli_buffer_sum(&args[i], text, sizeof text);
          printf("\"count\": %zu, \"fnv1a64\": \"%016" PRIx64 "\", \"sum\": ", args[i].count,
                 cli_fnv1a64(args[i].host, bytes));
          json_num(stdout, text);
          if (o.out_dir) {
            printf(", \"file\": ");
            json_str(stdout, paths[i]);
          }
        }
        printf("}%s\n", i + 1 < np ? "," : "");
      }
      printf("  ]\n}\n");
    } else {
      printf("backend: %s\n", bname);
      if (o.verbose)
        for (const char *p = report; *p;) {
          const char *nl = strchr(p, '\n');
          int l = nl ? (int)(nl - p) : (int)strlen(p);
          printf("  %.*s\n", l, p);
          p += l + (nl ? 1 : 0);
        }
      printf("kernel: %s  grid: %u,%u,%u  block: %u,%u,%u  shared: %zu\n", o.kernel, o.grid.x, o.grid.y, o.grid.z,
             o.block.x, o.block.y, o.block.z, o.shared);
      if (o.repeat > 1)
        printf("time: %.4f ms per launch (median of %d; min %.4f, max %.4f)\n", med, o.repeat, sorted[0],
               sorted[o.repeat - 1]);
      else
        printf("time: %.4f ms\n", med);
      for (int i = 0; i < np; i++) {
        char text[64];
        if (!args[i].is_buffer) continue;
        size_t bytes = args[i].count * cli_type_size(args[i].type);
        cli_buffer_sum(&args[i], text, sizeof text);
        printf("arg%d %s %s[%zu]: fnv1a64 %016" PRIx64 "  sum %s%s%s\n", i, pinfo[i].name,
               cli_type_name(args[i].type), args[i].count, cli_fnv1a64(args[i].host, bytes), text,
               o.out_dir ? "  -> " : "", o.out_dir ? paths[i] : "");
      }
    }
    if (fflush(stdout) != 0) rc = 1;
  }
  free(paths);
  free(pinfo);

done:
  cw_event_destroy(e0);
  cw_event_destroy(e1);
  if (mod) cw_module_unload(mod);
  cw_context_destroy(ctx);
  for (int i = 0; args && i < o.nargs; i++) cli_arg_free(&args[i]);
  free(args);
  free(dptr);
  free(argv_launch);
  free(times);
  free(src);
  free(o.defs);
  free(o.incs);
  free(o.args);
  return rc;
}
