/* cuda-wasm: the command-line tool.
 *
 *   cuda-wasm transpile FILE.cu [-o OUT] [--target wgsl|c] [--kernel NAME]...
 *                       [--emit-ir] [--emit-metadata FILE.json] [-I DIR] [-D NAME[=VAL]] [-U NAME]
 *   cuda-wasm run FILE.cu --kernel NAME --grid X[,Y[,Z]] --block X[,Y[,Z]] [...] -- ARG...
 *   cuda-wasm devices
 *
 * Exit status: 0 ok, 1 input rejected (diagnostics on stderr), 2 internal
 * error or bad usage of the tool itself. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cudawasm.h"

static const char *usage_text =
    "usage: cuda-wasm <command> [options]\n"
    "\n"
    "commands:\n"
    "  transpile FILE.cu     translate CUDA kernels to WGSL or C\n"
    "  run FILE.cu           compile one kernel, launch it and report time and checksums\n"
    "  devices               list the runtime backends and whether each can run here\n"
    "\n"
    "transpile options:\n"
    "  -o OUT                write the output to OUT (default: standard output)\n"
    "  --target wgsl|c       output language (default: wgsl)\n"
    "  --kernel NAME         emit only this kernel (repeatable; default: all kernels)\n"
    "  --emit-ir             print the kernel IR after all passes instead of the code\n"
    "  --emit-metadata FILE  write the launch metadata (JSON, see docs/metadata.md)\n"
    "  -I DIR                add DIR to the #include search path\n"
    "  -D NAME[=VALUE]       define a macro\n"
    "  -U NAME               undefine a macro\n"
    "  --demote-double       wgsl: compute double as float (lossy; warns at every line it changes)\n"
    "  --subgroups           wgsl: warp intrinsics as subgroup operations, for devices whose\n"
    "                        subgroups are 32 wide (the runtime picks this by itself)\n"
    "  --f16                 wgsl: <cuda_fp16.h> arithmetic in native f16 (`enable f16;`), for\n"
    "                        devices whose f16 rounds as CUDA's (the runtime picks this by itself)\n"
    "  --f16-no-fma          wgsl: the same except __hfma/__hfma2, which keep the exact f32 code\n"
    "  FILE may be '-' for standard input.\n"
    "\n"
    "run options:\n"
    "  --kernel NAME         the kernel to launch (required)\n"
    "  --grid X[,Y[,Z]]      blocks per grid (required)\n"
    "  --block X[,Y[,Z]]     threads per block (required)\n"
    "  --shared BYTES        dynamic shared memory (extern __shared__), default 0\n"
    "  --backend B           auto (default), cpu, webgpu, cuda or hip (docs/backends.md)\n"
    "  --repeat N            launch N times (each from the initial contents); report the median time\n"
    "  --check               bounds-check every memory access (cpu backend)\n"
    "  --out-dir DIR         write every buffer after the launch to DIR/argK.bin (K = parameter index)\n"
    "  --json                print the summary as JSON\n"
    "  -v                    also say which backends were tried and why they were not used\n"
    "  -I DIR, -D NAME[=V]   as for transpile\n"
    "  --demote-double       webgpu: compute double as float; f64 buffer arguments are passed as\n"
    "                        float and read back as double (cpu ignores it: doubles are native)\n"
    "  -- ARG...             one per kernel parameter, in order:\n"
    "                          TYPE:VALUE          scalar, e.g. i32:1000 f32:2.5\n"
    "                          TYPE[COUNT]:INIT    buffer, INIT = zero | fill(V) | iota | rand(SEED) | file(PATH)\n"
    "                        TYPE: i32 u32 f32 i64 u64 (every backend), f64 i8 u8 i16 u16 (cpu; f64 also\n"
    "                        on webgpu with --demote-double)\n"
    "                        rand: floats in [-1,1), signed ints in [-1000,1000], unsigned over the type\n"
    "  run exits 1 on bad arguments, compile, launch and memcheck errors.\n"
    "\n"
    "  --help                show this help\n"
    "  --version             show the version\n";

typedef struct strlist {
  const char **v;
  int n, cap;
} strlist;

static void push(strlist *l, const char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    const char **nv = realloc(l->v, sizeof(*nv) * (size_t)l->cap);
    if (!nv) abort();
    l->v = nv;
  }
  l->v[l->n++] = s;
}

static char *read_all(FILE *f, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  if (!buf) abort();
  for (;;) {
    if (n == cap) {
      cap *= 2;
      char *nb = realloc(buf, cap);
      if (!nb) abort();
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static int write_file(const char *path, const char *text) {
  if (!path || strcmp(path, "-") == 0) {
    fputs(text, stdout);
    return fflush(stdout) == 0 ? 0 : -1;
  }
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t n = strlen(text);
  int ok = fwrite(text, 1, n, f) == n;
  if (fclose(f) != 0) ok = 0;
  return ok ? 0 : -1;
}

/* Fetches the value of an option that takes one ("-o OUT" or "-oOUT"). */
static const char *optval(int argc, char **argv, int *i, const char *opt) {
  size_t n = strlen(opt);
  if (argv[*i][n]) return argv[*i] + n;
  if (*i + 1 >= argc) {
    fprintf(stderr, "cuda-wasm: option '%s' needs a value\n", opt);
    return NULL;
  }
  return argv[++*i];
}

static int cmd_transpile(int argc, char **argv) {
  const char *input = NULL, *out = NULL, *meta_out = NULL;
  cw_transpile_options o = {0};
  strlist kernels = {0}, defs = {0}, undefs = {0}, incs = {0};
  int status = 2;
  char *src = NULL;

  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *v;
    if (strcmp(a, "-o") == 0) {
      if (!(out = optval(argc, argv, &i, "-o"))) goto done;
    } else if (strcmp(a, "--target") == 0 || strncmp(a, "--target=", 9) == 0) {
      v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
      if (!v) { fprintf(stderr, "cuda-wasm: option '--target' needs a value\n"); goto done; }
      if (strcmp(v, "wgsl") == 0) o.target = CW_TARGET_WGSL;
      else if (strcmp(v, "c") == 0) o.target = CW_TARGET_C;
      else { fprintf(stderr, "cuda-wasm: unknown target '%s' (expected wgsl or c)\n", v); goto done; }
    } else if (strcmp(a, "--kernel") == 0 || strncmp(a, "--kernel=", 9) == 0) {
      v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
      if (!v) { fprintf(stderr, "cuda-wasm: option '--kernel' needs a value\n"); goto done; }
      push(&kernels, v);
    } else if (strcmp(a, "--emit-ir") == 0) {
      o.emit_ir = 1;
    } else if (strcmp(a, "--demote-double") == 0) {
      o.demote_double = 1;
    } else if (strcmp(a, "--subgroups") == 0) {
      o.subgroup_size = 32;
    } else if (strcmp(a, "--f16") == 0) {
      o.half_native = 2;
    } else if (strcmp(a, "--f16-no-fma") == 0) {
      o.half_native = 1;
    } else if (strcmp(a, "--emit-metadata") == 0 || strncmp(a, "--emit-metadata=", 16) == 0) {
      v = a[15] == '=' ? a + 16 : (i + 1 < argc ? argv[++i] : NULL);
      if (!v) { fprintf(stderr, "cuda-wasm: option '--emit-metadata' needs a value\n"); goto done; }
      meta_out = v;
    } else if (strncmp(a, "-I", 2) == 0) {
      if (!(v = optval(argc, argv, &i, "-I"))) goto done;
      push(&incs, v);
    } else if (strncmp(a, "-D", 2) == 0) {
      if (!(v = optval(argc, argv, &i, "-D"))) goto done;
      push(&defs, v);
    } else if (strncmp(a, "-U", 2) == 0) {
      if (!(v = optval(argc, argv, &i, "-U"))) goto done;
      push(&undefs, v);
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "cuda-wasm: unknown option '%s' (see cuda-wasm --help)\n", a);
      goto done;
    } else if (!input) {
      input = a;
    } else {
      fprintf(stderr, "cuda-wasm: more than one input file ('%s' and '%s')\n", input, a);
      goto done;
    }
  }
  if (!input) {
    fprintf(stderr, "cuda-wasm: transpile needs an input file (see cuda-wasm --help)\n");
    goto done;
  }

  size_t len = 0;
  FILE *f = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
  if (!f) {
    fprintf(stderr, "cuda-wasm: cannot open '%s': %s\n", input, strerror(errno));
    status = 1;
    goto done;
  }
  src = read_all(f, &len);
  if (f != stdin) fclose(f);
  if (!src) {
    fprintf(stderr, "cuda-wasm: cannot read '%s'\n", input);
    status = 1;
    goto done;
  }

  o.filename = strcmp(input, "-") == 0 ? "<stdin>" : input;
  o.kernels = kernels.v;
  o.nkernels = kernels.n;
  o.defines = defs.v;
  o.ndefines = defs.n;
  o.undefines = undefs.v;
  o.nundefines = undefs.n;
  o.include_dirs = incs.v;
  o.ninclude_dirs = incs.n;

  cw_transpile_result *r = cw_transpile(src, len, &o);
  for (int i = 0; i < r->ndiags; i++) fputs(r->diags[i].rendered, stderr);
  if (r->status == CW_TRANSPILE_OK) {
    status = 0;
    const char *text = o.emit_ir ? r->ir : r->code;
    if (write_file(out, text ? text : "") != 0) {
      fprintf(stderr, "cuda-wasm: cannot write '%s': %s\n", out ? out : "<stdout>", strerror(errno));
      status = 1;
    }
    if (status == 0 && meta_out && write_file(meta_out, r->metadata_json) != 0) {
      fprintf(stderr, "cuda-wasm: cannot write '%s': %s\n", meta_out, strerror(errno));
      status = 1;
    }
  } else {
    if (o.emit_ir && r->ir) fputs(r->ir, stdout);
    status = r->status == CW_TRANSPILE_INTERNAL ? 2 : 1;
  }
  cw_transpile_result_free(r);

done:
  free(src);
  free(kernels.v);
  free(defs.v);
  free(undefs.v);
  free(incs.v);
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage_text, stderr);
    return 2;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("cuda-wasm %s\n", cw_version());
    return 0;
  }
  if (strcmp(cmd, "transpile") == 0) return cmd_transpile(argc - 2, argv + 2);
  if (strcmp(cmd, "run") == 0) return cli_cmd_run(argc - 2, argv + 2);
  if (strcmp(cmd, "devices") == 0) return cli_cmd_devices(argc - 2, argv + 2);
  fprintf(stderr, "cuda-wasm: unknown command '%s' (see cuda-wasm --help)\n", cmd);
  return 2;
}
