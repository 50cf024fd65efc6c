/* Compiling a module's ORIGINAL source with NVRTC / hiprtc (cw_gpu_compile),
 * with a content-addressed cache of the results.
 *
 * The compiler sees: the dialect's prelude, a #line directive back to line 1
 * of the user's file, then the file with every host-only definition the
 * parser recorded (cw_rt_program.host_spans: main(), functions calling
 * cudaMalloc or launching with <<<...>>>) replaced by spaces, so that line
 * and column numbers in the compiler's log are the user's. Options: the
 * architecture, the dialect's options (cuda: -default-device --std=c++17),
 * the module's -D and -I, the file's directory (relative #include "..."),
 * the toolkit's include directory (and its cccl/, where CUDA 13 keeps
 * <cuda/std/...>, which <cooperative_groups.h> includes). Every kernel of the program (template
 * instances by their C++ spelling) is a name expression, which also
 * instantiates templates; its lowered (mangled) name is what the module
 * loader looks up.
 *
 * Cache: <cache_dir>/<dialect>-<key>.bin, key = FNV-1a 64 of the compiler
 * input, options, architecture, kernel names, compiler version and library
 * path (another NVRTC of the same version may differ). Written
 * to a unique temporary name and renamed, so concurrent processes never read
 * a partial file. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt/cache.h"
#include "rt/rtc/gpu.h"

#define MAX_OPTS 256

static char *dup_s(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

char *cw_gpu_device_source(const cw_rt_program *prog) {
  size_t n = prog->source_len;
  char *s = malloc(n + 1);
  if (!s) return NULL;
  memcpy(s, prog->source, n);
  s[n] = 0;
  for (int i = 0; i < prog->nhost_spans; i++) {
    size_t a = (size_t)prog->host_spans[2 * i], b = (size_t)prog->host_spans[2 * i + 1];
    if (a > n || b > n) continue;
    for (size_t k = a; k < b; k++)
      if (s[k] != '\n') s[k] = ' ';
  }
  return s;
}

/* The full text handed to the compiler (prelude + #line + blanked source). */
static char *compiler_input(const cw_gpu_dialect *d, const cw_rt_program *prog) {
  char *body = cw_gpu_device_source(prog);
  if (!body) return NULL;
  /* the file name inside a string literal: quotes and backslashes escaped */
  char name[1024];
  size_t k = 0;
  for (const char *p = prog->filename; *p && k + 3 < sizeof name; p++) {
    if (*p == '"' || *p == '\\') name[k++] = '\\';
    name[k++] = *p;
  }
  name[k] = 0;
  size_t n = strlen(d->prelude) + strlen(name) + prog->source_len + 32;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s\n#line 1 \"%s\"\n%s", d->prelude, name, body);
  free(body);
  return s;
}

typedef struct optlist {
  char *v[MAX_OPTS];
  int n;
  bool full;
} optlist;

static void opt_add(optlist *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void opt_add(optlist *o, const char *fmt, ...) {
  if (o->n >= MAX_OPTS) {
    o->full = true;
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  char *s = NULL;
  if (vasprintf(&s, fmt, ap) < 0) s = NULL;
  va_end(ap);
  if (!s) o->full = true;
  else o->v[o->n++] = s;
}

static void opts_free(optlist *o) {
  for (int i = 0; i < o->n; i++) free(o->v[i]);
  o->n = 0;
}

static void build_opts(const cw_gpu_dialect *d, const cw_rt_program *prog, const cw_gpu_compile_opts *co,
                       optlist *o) {
  if (co->arch && *co->arch) opt_add(o, d->arch_option, co->arch);
  for (const char *const *x = d->options; x && *x; x++) opt_add(o, "%s", *x);
  for (int i = 0; i < prog->ndefines; i++) opt_add(o, "-D%s", prog->defines[i]);
  for (int i = 0; i < prog->ninclude_dirs; i++) opt_add(o, "-I%s", prog->include_dirs[i]);
  /* #include "x.h" next to the file: the compiler has no file to look beside */
  const char *slash = strrchr(prog->filename, '/');
  if (slash) opt_add(o, "-I%.*s", (int)(slash - prog->filename), prog->filename);
  else opt_add(o, "-I.");
  if (co->include_dir && *co->include_dir) {
    opt_add(o, "-I%s", co->include_dir);
    for (const char *const *sub = d->include_subdirs; sub && *sub; sub++) {
      char dir[4200];
      struct stat sb;
      if (snprintf(dir, sizeof dir, "%s/%s", co->include_dir, *sub) < (int)sizeof dir && stat(dir, &sb) == 0 &&
          S_ISDIR(sb.st_mode))
        opt_add(o, "-I%s", dir);
    }
  }
}

/* ---------------- cache ---------------- */

#define CACHE_MAGIC "cuda-wasm gpu image 1\n"

/* Reads a cache file; false when absent or not what we wrote (then it is recompiled). */
static bool cache_read(const char *path, int nkernels, cw_gpu_image *img) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  char line[4096];
  bool ok = fgets(line, sizeof line, f) && !strcmp(line, CACHE_MAGIC);
  int n = -1;
  if (ok) ok = fgets(line, sizeof line, f) && sscanf(line, "%d", &n) == 1 && n == nkernels;
  img->lowered = ok ? calloc((size_t)nkernels + 1, sizeof *img->lowered) : NULL;
  ok = ok && img->lowered;
  for (int i = 0; ok && i < n; i++) {
    ok = fgets(line, sizeof line, f) && strlen(line) > 1 && line[strlen(line) - 1] == '\n';
    if (ok) {
      line[strlen(line) - 1] = 0;
      ok = (img->lowered[i] = dup_s(line)) != NULL;
      img->nkernels = i + 1;
    }
  }
  unsigned long long size = 0;
  if (ok) ok = fgets(line, sizeof line, f) && sscanf(line, "%llu", &size) == 1 && size > 0 && size < (1ull << 32);
  if (ok) ok = (img->data = malloc((size_t)size + 1)) != NULL;
  if (ok) ok = fread(img->data, 1, (size_t)size, f) == size && fgetc(f) == EOF;
  fclose(f);
  if (!ok) {
    cw_gpu_image_free(img);
    return false;
  }
  img->data[size] = 0;
  img->size = (size_t)size;
  img->nkernels = nkernels;
  img->from_cache = true;
  return true;
}

/* Best effort: a cache that cannot be written only costs a recompilation. */
static void cache_write(const char *dir, const char *path, const cw_gpu_image *img) {
  if (!cw_rt_make_dirs(dir)) return;
  static _Atomic unsigned counter;
  char tmp[4300];
  snprintf(tmp, sizeof tmp, "%s.%ld.%u.tmp", path, (long)getpid(), counter++);
  FILE *f = fopen(tmp, "wb");
  if (!f) return;
  bool ok = fputs(CACHE_MAGIC, f) >= 0 && fprintf(f, "%d\n", img->nkernels) > 0;
  for (int i = 0; ok && i < img->nkernels; i++) ok = fprintf(f, "%s\n", img->lowered[i]) > 0;
  ok = ok && fprintf(f, "%zu\n", img->size) > 0 && fwrite(img->data, 1, img->size, f) == img->size;
  ok = fclose(f) == 0 && ok;
  if (!ok || rename(tmp, path) != 0) unlink(tmp);
}

/* ---------------- compile ---------------- */

static const char *rtc_err(const cw_gpu_api *api, int r) {
  const char *s = api->rtc_error_string ? api->rtc_error_string(r) : NULL;
  return s ? s : "unknown error";
}

void cw_gpu_image_free(cw_gpu_image *img) {
  if (!img) return;
  for (int i = 0; i < img->nkernels; i++) free(img->lowered[i]);
  free(img->lowered);
  free(img->data);
  memset(img, 0, sizeof *img);
}

static cw_status run_compiler(const cw_gpu_dialect *d, const cw_gpu_api *api, const cw_rt_program *prog,
                              const char *input, const optlist *o, bool ptx, const char *const *names,
                              int nnames, cw_gpu_image *img, char **log, char *err, size_t errlen) {
  /* the dialect's headers first: hip maps some standard names to its own */
  int nh = d->nextra_headers + cw_gpu_std_header_count;
  const char **hn = calloc((size_t)nh + 1, sizeof *hn), **ht = calloc((size_t)nh + 1, sizeof *ht);
  if (!hn || !ht) {
    free(hn);
    free(ht);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  for (int i = 0; i < d->nextra_headers; i++) {
    hn[i] = d->extra_header_names[i];
    ht[i] = d->extra_header_texts[i];
  }
  nh = d->nextra_headers;
  for (int i = 0; i < cw_gpu_std_header_count; i++) {
    bool dup = false; /* the dialect's own version of a standard header wins */
    for (int k = 0; k < d->nextra_headers && !dup; k++) dup = !strcmp(d->extra_header_names[k], cw_gpu_std_header_names[i]);
    if (dup) continue;
    hn[nh] = cw_gpu_std_header_names[i];
    ht[nh++] = cw_gpu_std_header_texts[i];
  }
  void *p = NULL;
  int r = api->rtc_create(&p, input, prog->filename, nh, ht, hn);
  free(hn);
  free(ht);
  if (r != 0) {
    snprintf(err, errlen, "%s: cannot create a program: %s", d->rtc.what, rtc_err(api, r));
    return CW_ERROR_INTERNAL;
  }
  cw_status st = CW_OK;
  for (int i = 0; i < nnames && st == CW_OK; i++)
    if ((r = api->rtc_add_name(p, names[i])) != 0) {
      snprintf(err, errlen, "%s: cannot add the name expression '%s': %s", d->rtc.what, names[i], rtc_err(api, r));
      st = CW_ERROR_INTERNAL;
    }
  int cr = st == CW_OK ? api->rtc_compile(p, o->n, (const char *const *)o->v) : 0;
  size_t ln = 0;
  if (api->rtc_log_size(p, &ln) == 0 && ln > 1 && log) {
    *log = malloc(ln + 1);
    if (*log && api->rtc_log(p, *log) == 0) (*log)[ln] = 0;
    else if (*log) (*log)[0] = 0;
  }
  if (st == CW_OK && cr != 0) {
    snprintf(err, errlen, "%s rejected the source (%s)", d->rtc.what, rtc_err(api, cr));
    st = CW_ERROR_COMPILE;
  }
  size_t size = 0;
  if (st == CW_OK) {
    int (*get_size)(void *, size_t *) = ptx ? api->rtc_ptx_size : api->rtc_code_size;
    int (*get)(void *, char *) = ptx ? api->rtc_ptx : api->rtc_code;
    if (!get_size || !get || (r = get_size(p, &size)) != 0 || size == 0) {
      snprintf(err, errlen, "%s produced no %s: %s", d->rtc.what, ptx ? "PTX" : "code",
               get_size ? rtc_err(api, r) : "not supported");
      st = CW_ERROR_INTERNAL;
    } else if (!(img->data = malloc(size + 1))) {
      st = CW_ERROR_OUT_OF_MEMORY;
    } else if ((r = get(p, img->data)) != 0) {
      snprintf(err, errlen, "%s: cannot read the code: %s", d->rtc.what, rtc_err(api, r));
      st = CW_ERROR_INTERNAL;
    } else {
      img->data[size] = 0;
      img->size = size;
    }
  }
  if (st == CW_OK) {
    img->lowered = calloc((size_t)nnames + 1, sizeof *img->lowered);
    if (!img->lowered) st = CW_ERROR_OUT_OF_MEMORY;
    for (int i = 0; i < nnames && st == CW_OK; i++) {
      const char *low = NULL;
      if ((r = api->rtc_lowered_name(p, names[i], &low)) != 0 || !low) {
        snprintf(err, errlen, "%s: no lowered name for '%s': %s", d->rtc.what, names[i], rtc_err(api, r));
        st = CW_ERROR_INTERNAL;
      } else if (!(img->lowered[i] = dup_s(low))) {
        st = CW_ERROR_OUT_OF_MEMORY;
      }
      img->nkernels = i + 1;
    }
  }
  api->rtc_destroy(&p);
  if (st != CW_OK) cw_gpu_image_free(img);
  return st;
}

cw_status cw_gpu_compile(const cw_gpu_dialect *d, const cw_gpu_api *api, const cw_rt_program *prog,
                         const cw_gpu_compile_opts *co, cw_gpu_image *img, char **log, char *err,
                         size_t errlen) {
  memset(img, 0, sizeof *img);
  if (log) *log = NULL;
  char *input = compiler_input(d, prog);
  optlist o = {.n = 0};
  build_opts(d, prog, co, &o);
  if (!input || o.full) {
    free(input);
    opts_free(&o);
    snprintf(err, errlen, "out of host memory (or more than %d compiler options)", MAX_OPTS);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  /* name expressions: every kernel, then every global as &name (its
   * symbol may be mangled: namespaces, static) */
  int nnames = prog->nkernels + prog->nglobals;
  char **names = calloc((size_t)nnames + 1, sizeof *names);
  bool names_ok = names != NULL;
  for (int i = 0; names_ok && i < prog->nkernels; i++) names_ok = (names[i] = dup_s(prog->kernels[i].name)) != NULL;
  for (int i = 0; names_ok && i < prog->nglobals; i++)
    names_ok = asprintf(&names[prog->nkernels + i], "&%s", prog->globals[i].name) >= 0;
  if (!names_ok) {
    for (int i = 0; names && i < nnames; i++) free(names[i]);
    free(names);
    free(input);
    opts_free(&o);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  int maj = 0, min = 0;
  if (api->rtc_version) api->rtc_version(&maj, &min);
  uint64_t h = CW_RT_FNV1A_SEED;
  h = cw_rt_fnv1a(h, d->name, strlen(d->name) + 1);
  h = cw_rt_fnv1a(h, input, strlen(input) + 1);
  for (int i = 0; i < o.n; i++) h = cw_rt_fnv1a(h, o.v[i], strlen(o.v[i]) + 1);
  for (int i = 0; i < nnames; i++) h = cw_rt_fnv1a(h, names[i], strlen(names[i]) + 1);
  int ver[3] = {maj, min, co->ptx};
  h = cw_rt_fnv1a(h, ver, sizeof ver);
  if (co->rtc_id) h = cw_rt_fnv1a(h, co->rtc_id, strlen(co->rtc_id) + 1);
  for (int i = 0; i < d->nextra_headers; i++) h = cw_rt_fnv1a(h, d->extra_header_texts[i], strlen(d->extra_header_texts[i]));
  char path[4200] = "";
  if (co->cache_dir && *co->cache_dir) {
    snprintf(path, sizeof path, "%s/%s-%016" PRIx64 ".bin", co->cache_dir, d->name, h);
  }
  cw_status st = CW_OK;
  if (!path[0] || !cache_read(path, nnames, img)) {
    st = run_compiler(d, api, prog, input, &o, co->ptx, (const char *const *)names, nnames, img, log, err, errlen);
    if (st == CW_OK && path[0]) cache_write(co->cache_dir, path, img);
  }
  for (int i = 0; i < nnames; i++) free(names[i]);
  free(names);
  free(input);
  opts_free(&o);
  return st;
}
