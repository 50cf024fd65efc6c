/* The cpu backend: runs the C back-end's output.
 *
 * open()         finds the C compiler (opts->cc, else $CC, else "cc") by
 *                running `<cc> --version` once; none found -> the backend is
 *                unavailable ("C compiler 'cc' not found: install gcc or set
 *                CC"). Starts the thread pool (opts->threads, default one
 *                worker per online core).
 * module_load()  compiles the program's code with
 *                `<cc> -std=c11 -O2 -march=native -fPIC -shared -w` into
 *                <cache>/<key>.so, key = FNV-1a 64 of code, compiler, flags
 *                and the compiler's --version line; the cache is
 *                opts->cache_dir, else $XDG_CACHE_HOME/cuda-wasm, else
 *                ~/.cache/cuda-wasm. The object is written to a temporary
 *                name and renamed, so concurrent processes never load a
 *                half-written file; a present file is a cache hit (no
 *                compiler run). Then dlopen + dlsym of K__block and
 *                K__scratch_bytes for every kernel.
 * launch()       runs synchronously on the pool (so synchronize() has
 *                nothing to wait for). --check launches pass a
 *                cw_block_ctx_check and turn a recorded out-of-bounds access
 *                into CW_ERROR_MEMCHECK.
 * memory         host memory (malloc, 64-aligned); copies are memcpy.
 * $CC may carry words ("ccache gcc"): it is run through /bin/sh.
 *
 * cw_cpu_tcc_backend is the same backend with libtcc (tcc.h) as the
 * compiler: the code is compiled in memory at every module load (no cache,
 * no dlopen), for hosts without a system C compiler. */
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rt/cache.h"
#include "rt/runtime.h"
#include "rt/cpu/cpu.h"
#include "rt/cpu/tcc.h"
#include "rt/fault.h"

#define CW_CPU_FLAGS "-std=c11 -O2 -march=native -fPIC -shared -w"
#define CW_CPU_LIBS "-lm"

typedef struct cpu {
  char *cc;             /* the compiler command */
  char version[256];    /* first line of `cc --version` */
  char desc[320];
  char *cache_dir;
  int check;
  bool tcc;             /* compiles with libtcc in-process (cw_cpu_tcc_backend) */
  cw_pool *pool;
} cpu;

typedef struct cpu_kernel {
  cw_block_fn block;
  cw_scratch_bytes_fn scratch;
} cpu_kernel;

typedef struct cpu_module {
  void *dl;
  cw_tcc_unit *tu;      /* instead of dl with libtcc */
  cpu_kernel *kernels;
  int nkernels;
  int nglobals;
} cpu_module;

static void errf(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void errf(char *err, size_t len, const char *fmt, ...) {
  if (!err || !len) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, len, fmt, ap);
  va_end(ap);
}

static char *dup_s(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* 'text' quoted for /bin/sh */
static void sh_quote(char *out, size_t len, const char *s) {
  size_t n = 0;
  if (n + 1 < len) out[n++] = '\'';
  for (; *s && n + 5 < len; s++) {
    if (*s == '\'') {
      memcpy(out + n, "'\\''", 4);
      n += 4;
    } else {
      out[n++] = *s;
    }
  }
  if (n + 1 < len) out[n++] = '\'';
  out[n] = 0;
}

/* Runs cmd through the shell; its stdout+stderr (first outlen-1 bytes) in out.
 * Returns the exit status, or -1 when the shell could not be started. */
static int run_cmd(const char *cmd, char *out, size_t outlen) {
  FILE *f = popen(cmd, "r");
  if (!f) return -1;
  size_t n = 0;
  char buf[4096];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
    if (out && n + 1 < outlen) {
      size_t take = got < outlen - 1 - n ? got : outlen - 1 - n;
      memcpy(out + n, buf, take);
      n += take;
    }
  }
  if (out && outlen) out[n] = 0;
  int st = pclose(f);
  if (st == -1) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void cpu_close(void *impl) {
  cpu *b = impl;
  if (!b) return;
  cw_pool_free(b->pool);
  free(b->cc);
  free(b->cache_dir);
  free(b);
}

/* What both compilers share: options, cache directory, thread pool, description. */
static cw_status open_common(const cw_context_options *opts, cpu *b, const char *compiler, char *why,
                             size_t whylen) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int threads = opts->threads > 0 ? opts->threads : cores > 0 ? (int)cores : 1;
  if (threads > 1024) threads = 1024;
  b->pool = cw_pool_new(threads);
  if (!b->pool) {
    errf(why, whylen, "cannot start the thread pool");
    return CW_ERROR_OUT_OF_MEMORY;
  }
  snprintf(b->desc, sizeof b->desc, "%s, %d thread%s%s", compiler, cw_pool_threads(b->pool),
           cw_pool_threads(b->pool) == 1 ? "" : "s", b->check ? ", bounds checks" : "");
  return CW_OK;
}

static cw_status cpu_open(const cw_context_options *opts, void **impl, char *why, size_t whylen) {
  const char *cc = opts->cc && *opts->cc ? opts->cc : getenv("CC") && *getenv("CC") ? getenv("CC") : "cc";
  cpu *b = calloc(1, sizeof *b);
  if (!b) return CW_ERROR_OUT_OF_MEMORY;
  b->cc = dup_s(cc);
  b->check = opts->check;
  b->cache_dir = opts->cache_dir && *opts->cache_dir ? dup_s(opts->cache_dir) : cw_rt_default_cache_dir();
  if (!b->cc || !b->cache_dir) {
    cpu_close(b);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  char cmd[4200], out[1024];
  snprintf(cmd, sizeof cmd, "%s --version 2>/dev/null", b->cc);
  /* CW_FAULT=no-cc (test-only): the compiler is not even asked */
  bool fault = cw_fault_on(CW_FAULT_NO_CC);
  int st = fault ? 127 : run_cmd(cmd, out, sizeof out);
  if (st != 0 || !out[0]) {
    errf(why, whylen, "C compiler '%s' not found: install gcc or set CC%s", b->cc,
         fault ? " (simulated: CW_FAULT=no-cc)" : "");
    cpu_close(b);
    return CW_ERROR_UNAVAILABLE;
  }
  char *nl = strchr(out, '\n');
  if (nl) *nl = 0;
  snprintf(b->version, sizeof b->version, "%.255s", out);
  /* "cc 12.2.0": the command's last word and the version line's last word */
  const char *base = strrchr(b->cc, '/') ? strrchr(b->cc, '/') + 1 : b->cc;
  const char *ver = strrchr(b->version, ' ') ? strrchr(b->version, ' ') + 1 : b->version;
  char compiler[300];
  snprintf(compiler, sizeof compiler, "%.40s %.200s", base, ver);
  cw_status rs = open_common(opts, b, compiler, why, whylen);
  if (rs != CW_OK) {
    cpu_close(b);
    return rs;
  }
  *impl = b;
  return CW_OK;
}

static cw_status cpu_tcc_open(const cw_context_options *opts, void **impl, char *why, size_t whylen) {
  if (!cw_tcc_available(why, whylen)) return CW_ERROR_UNAVAILABLE;
  cpu *b = calloc(1, sizeof *b);
  if (!b) return CW_ERROR_OUT_OF_MEMORY;
  b->tcc = true;
  b->check = opts->check;
  char compiler[300];
  snprintf(compiler, sizeof compiler, "%s in-process", cw_tcc_version());
  cw_status rs = open_common(opts, b, compiler, why, whylen);
  if (rs != CW_OK) {
    cpu_close(b);
    return rs;
  }
  *impl = b;
  return CW_OK;
}

static const char *cpu_describe(void *impl) { return ((cpu *)impl)->desc; }

static cw_status cpu_alloc(void *impl, size_t bytes, void **handle, char *err, size_t errlen) {
  void *p = aligned_alloc(64, (bytes + 63u) & ~(size_t)63u);
  if (!p) {
    errf(err, errlen, "out of host memory (%zu bytes)", bytes);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  *handle = p;
  return CW_OK;
}

static void cpu_free(void *impl, void *handle) { free(handle); }

static cw_status cpu_write(void *impl, void *h, size_t off, const void *src, size_t n, char *err, size_t errlen) {
  memcpy((char *)h + off, src, n);
  return CW_OK;
}

static cw_status cpu_read(void *impl, void *h, size_t off, void *dst, size_t n, char *err, size_t errlen) {
  memcpy(dst, (const char *)h + off, n);
  return CW_OK;
}

static cw_status cpu_copy(void *impl, void *dst, size_t doff, void *src, size_t soff, size_t n, char *err,
                          size_t errlen) {
  memmove((char *)dst + doff, (const char *)src + soff, n);
  return CW_OK;
}

static cw_status cpu_fill(void *impl, void *h, size_t off, unsigned char v, size_t n, char *err, size_t errlen) {
  memset((char *)h + off, v, n);
  return CW_OK;
}

/* The first lines of the compiler's output, for CW_ERROR_COMPILE. */
static void first_lines(char *dst, size_t len, const char *s, int lines) {
  size_t n = 0;
  for (; *s && n + 1 < len; s++) {
    if (*s == '\n' && --lines == 0) break;
    dst[n++] = *s;
  }
  dst[n] = 0;
}

/* The host CPU's model and feature flags: objects are built with
 * -march=native, so a cache shared between machines must not mix them. */
static const char *host_cpu_id(void) {
  static char id[8192];
  static int done;
  if (done) return id;
  done = 1;
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f) return id;
  char line[4096];
  size_t n = 0;
  while (fgets(line, sizeof line, f) && line[0] != '\n') {
    if (strncmp(line, "model name", 10) && strncmp(line, "flags", 5) && strncmp(line, "vendor_id", 9))
      continue;
    size_t l = strlen(line);
    if (n + l >= sizeof id) break;
    memcpy(id + n, line, l);
    n += l;
  }
  id[n] = 0;
  fclose(f);
  return id;
}

/* <cache>/<key>.so, compiled when absent. */
static cw_status compile(cpu *b, const char *code, char *so, size_t solen, char *err, size_t errlen) {
  uint64_t h = CW_RT_FNV1A_SEED;
  h = cw_rt_fnv1a(h, code, strlen(code) + 1);
  h = cw_rt_fnv1a(h, b->cc, strlen(b->cc) + 1);
  h = cw_rt_fnv1a(h, CW_CPU_FLAGS " " CW_CPU_LIBS, sizeof CW_CPU_FLAGS " " CW_CPU_LIBS);
  h = cw_rt_fnv1a(h, b->version, strlen(b->version) + 1);
  h = cw_rt_fnv1a(h, host_cpu_id(), strlen(host_cpu_id()) + 1);
  snprintf(so, solen, "%s/%016" PRIx64 ".so", b->cache_dir, h);
  if (access(so, R_OK) == 0) return CW_OK; /* cache hit */
  if (!cw_rt_make_dirs(b->cache_dir)) {
    errf(err, errlen, "cannot create the kernel cache directory '%s': %s", b->cache_dir, strerror(errno));
    return CW_ERROR_INTERNAL;
  }
  char src[4200], tmp[4200], qs[8500], qt[8500];
  static _Atomic unsigned counter;
  unsigned uniq = atomic_fetch_add(&counter, 1u);
  snprintf(src, sizeof src, "%s/%016" PRIx64 ".%ld.%u.c", b->cache_dir, h, (long)getpid(), uniq);
  snprintf(tmp, sizeof tmp, "%s/%016" PRIx64 ".%ld.%u.tmp", b->cache_dir, h, (long)getpid(), uniq);
  FILE *f = fopen(src, "w");
  if (!f) {
    errf(err, errlen, "cannot write '%s': %s", src, strerror(errno));
    return CW_ERROR_INTERNAL;
  }
  size_t len = strlen(code);
  bool ok = fwrite(code, 1, len, f) == len;
  ok = fclose(f) == 0 && ok;
  if (!ok) {
    unlink(src);
    errf(err, errlen, "cannot write '%s'", src);
    return CW_ERROR_INTERNAL;
  }
  sh_quote(qs, sizeof qs, src);
  sh_quote(qt, sizeof qt, tmp);
  size_t cmdlen = strlen(b->cc) + strlen(qs) + strlen(qt) + 128;
  char *cmd = malloc(cmdlen);
  char *out = malloc(16384);
  if (!cmd || !out) {
    free(cmd);
    free(out);
    unlink(src);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  /* -lm: the kernels' math functions must resolve even when the host program has no libm */
  snprintf(cmd, cmdlen, "%s " CW_CPU_FLAGS " -o %s %s " CW_CPU_LIBS " 2>&1", b->cc, qt, qs);
  int st = run_cmd(cmd, out, 16384);
  cw_status rs = CW_OK;
  if (st != 0) {
    char head[1024];
    first_lines(head, sizeof head, out, 8);
    errf(err, errlen, "the C compiler failed (%s, exit %d) on the generated code: %s", b->cc, st,
         head[0] ? head : "no output");
    rs = CW_ERROR_COMPILE;
    unlink(tmp);
  } else if (rename(tmp, so) != 0) {
    errf(err, errlen, "cannot rename '%s' to '%s': %s", tmp, so, strerror(errno));
    unlink(tmp);
    rs = CW_ERROR_INTERNAL;
  } else {
    /* keep the source next to the object for debugging */
    char keep[4200];
    snprintf(keep, sizeof keep, "%s/%016" PRIx64 ".c", b->cache_dir, h);
    if (rename(src, keep) == 0) src[0] = 0;
  }
  if (src[0]) unlink(src);
  free(cmd);
  free(out);
  return rs;
}

static void cpu_module_unload(void *impl, void *m) {
  cpu_module *cm = m;
  if (!cm) return;
  if (cm->dl) dlclose(cm->dl);
  cw_tcc_free(cm->tu);
  free(cm->kernels);
  free(cm);
}

static cw_status cpu_module_load(void *impl, const cw_rt_program *prog, void **out, char *err, size_t errlen) {
  cpu *b = impl;
  if (prog->target != CW_TARGET_C) {
    errf(err, errlen, "the cpu backend runs target c programs");
    return CW_ERROR_INTERNAL;
  }
  char so[4200] = "libtcc";
  cpu_module *cm = calloc(1, sizeof *cm);
  if (!cm) return CW_ERROR_OUT_OF_MEMORY;
  cm->nglobals = prog->nglobals;
  cm->nkernels = prog->nkernels;
  cm->kernels = calloc((size_t)prog->nkernels + 1, sizeof *cm->kernels);
  if (!cm->kernels) {
    cpu_module_unload(b, cm);
    return CW_ERROR_OUT_OF_MEMORY;
  }
  if (b->tcc) {
    char terr[1024];
    cm->tu = cw_tcc_compile(prog->code, terr, sizeof terr);
    if (!cm->tu) {
      errf(err, errlen, "libtcc failed on the generated code: %s", terr);
      cpu_module_unload(b, cm);
      return CW_ERROR_COMPILE;
    }
  } else {
    cw_status st = compile(b, prog->code, so, sizeof so, err, errlen);
    if (st != CW_OK) {
      cpu_module_unload(b, cm);
      return st;
    }
    cm->dl = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!cm->dl) {
      errf(err, errlen, "cannot load '%s': %s", so, dlerror());
      cpu_module_unload(b, cm);
      return CW_ERROR_INTERNAL;
    }
  }
  for (int i = 0; i < prog->nkernels; i++) {
    char sym[512];
    snprintf(sym, sizeof sym, "%s__block", prog->kernels[i].entry_point);
    void *fb = cm->tu ? cw_tcc_symbol(cm->tu, sym) : dlsym(cm->dl, sym);
    snprintf(sym, sizeof sym, "%s__scratch_bytes", prog->kernels[i].entry_point);
    void *fs = cm->tu ? cw_tcc_symbol(cm->tu, sym) : dlsym(cm->dl, sym);
    if (!fb || !fs) {
      errf(err, errlen, "'%s' lacks the symbols of kernel '%s' (stale cache file? delete it)", so,
           prog->kernels[i].name);
      cpu_module_unload(b, cm);
      return CW_ERROR_INTERNAL;
    }
    /* object -> function pointer: POSIX guarantees dlsym results convert */
    memcpy(&cm->kernels[i].block, &fb, sizeof fb);
    memcpy(&cm->kernels[i].scratch, &fs, sizeof fs);
  }
  *out = cm;
  return CW_OK;
}

/* The generated code's io (cw_cpu_abi.h) forwarding to the core's sink. */
typedef struct cpu_io {
  cw_dev_io abi;
  cw_rt_devio *rt;
} cpu_io;

static void cpu_io_print(cw_dev_io *io, uint32_t fmt, uint32_t nargs, const uint64_t *args) {
  cw_rt_devio_print(((cpu_io *)io)->rt, fmt, nargs, args);
}

static void cpu_io_fail(cw_dev_io *io, uint32_t msg, cw_abi_dim3 block, cw_abi_dim3 thread) {
  uint32_t b[3] = {block.x, block.y, block.z}, t[3] = {thread.x, thread.y, thread.z};
  cw_rt_devio_fail(((cpu_io *)io)->rt, msg, b, t);
}

static const char *oob_kind(uint32_t k) {
  return k == CW_OOB_WRITE ? "write" : k == CW_OOB_ATOMIC ? "atomic" : "read";
}

static cw_status cpu_launch(void *impl, void *m, const cw_rt_launch *l, char *err, size_t errlen) {
  cpu *b = impl;
  cpu_module *cm = m;
  const cw_rt_kernel *k = l->kernel;
  const cpu_kernel *ck = &cm->kernels[l->kernel_index];
  int np = k->nparams;
  /* args[i] -> the value: a host pointer for buffers, the caller's bytes otherwise */
  void *ptrbuf[32], *argbuf[32], *globbuf[32];
  uint64_t bytesbuf[32];
  void **ptrs = np <= 32 ? ptrbuf : malloc(sizeof(void *) * (size_t)np);
  void **args = np <= 32 ? argbuf : malloc(sizeof(void *) * (size_t)np);
  uint64_t *bytes = np <= 32 ? bytesbuf : malloc(sizeof(uint64_t) * (size_t)np);
  void **globals = cm->nglobals <= 32 ? globbuf : calloc((size_t)cm->nglobals, sizeof(void *));
  cw_status st = CW_OK;
  if (!ptrs || !args || !bytes || !globals) {
    errf(err, errlen, "out of host memory");
    st = CW_ERROR_OUT_OF_MEMORY;
    goto done;
  }
  size_t dummy = 64;
  for (int i = 0; i < np; i++) {
    const cw_rt_arg *a = &l->args[i];
    if (a->param->kind == CW_RT_BUFFER) {
      ptrs[i] = (char *)a->alloc->handle + a->offset;
      args[i] = &ptrs[i];
      bytes[i] = a->alloc->size - a->offset;
      if ((size_t)a->param->elem_size > dummy) dummy = (size_t)a->param->elem_size;
    } else {
      ptrs[i] = NULL;
      args[i] = (void *)a->value;
      bytes[i] = 0;
    }
  }
  if ((size_t)k->dyn_shared_elem_size > dummy) dummy = (size_t)k->dyn_shared_elem_size;
  for (int i = 0; i < cm->nglobals; i++) globals[i] = NULL;
  for (int i = 0; i < k->nglobals; i++) globals[k->globals[i]] = l->globals[i]->handle;

  cw_abi_dim3 bd = {l->block.x, l->block.y, l->block.z};
  cw_oob_record oob;
  memset(&oob, 0, sizeof oob);
  cpu_io io = {{cpu_io_print, cpu_io_fail}, l->io};
  cw_pool_job job = {
      .fn = ck->block,
      .grid = {l->grid.x, l->grid.y, l->grid.z},

      .block = bd,
      .args = args,
      .globals = globals,
      .dyn_shared_bytes = (uint32_t)l->dyn_shared_bytes,
      .scratch_bytes = ck->scratch(bd),
      .arg_bytes = b->check ? bytes : NULL,
      .oob = &oob,
      .dummy_bytes = (dummy + 15u) & ~(size_t)15u,
      .io = l->io ? &io.abi : NULL,
  };
  if (!cw_pool_run(b->pool, &job)) {
    errf(err, errlen, "out of host memory for the scratch of a block (%zu bytes)", job.scratch_bytes);
    st = CW_ERROR_OUT_OF_MEMORY;
    goto done;
  }
  if (oob.hit) {
    errf(err, errlen,
         "out-of-bounds %s at %s:%d:%d: block (%u,%u,%u) thread (%u,%u,%u) accessed %s[%" PRId64
         "] but '%s' has %" PRIu64 " element%s there",
         oob_kind(oob.kind), oob.file ? oob.file : "?", oob.line, oob.column, oob.block_idx.x, oob.block_idx.y,
         oob.block_idx.z, oob.thread_idx.x, oob.thread_idx.y, oob.thread_idx.z, oob.var ? oob.var : "?",
         oob.index, oob.var ? oob.var : "?", oob.bound, oob.bound == 1 ? "" : "s");
    st = CW_ERROR_MEMCHECK;
  }
done:
  if (ptrs != ptrbuf) free(ptrs);
  if (args != argbuf) free(args);
  if (bytes != bytesbuf) free(bytes);
  if (globals != globbuf) free(globals);
  return st;
}

static cw_status cpu_synchronize(void *impl, char *err, size_t errlen) { return CW_OK; }

/* The cpu backend and the same backend compiling with libtcc (tcc.h, the
 * chain's last step) differ only in name and open(). */
#define CPU_OPS(NAME, OPEN)                                                                    \
  {                                                                                            \
    .kind = CW_BACKEND_CPU, .name = NAME, .target = CW_TARGET_C, .open = OPEN, .close = cpu_close, \
    .describe = cpu_describe, .alloc = cpu_alloc, .free = cpu_free, .write = cpu_write,        \
    .read = cpu_read, .copy = cpu_copy, .fill = cpu_fill, .module_load = cpu_module_load,      \
    .module_unload = cpu_module_unload, .launch = cpu_launch, .synchronize = cpu_synchronize,  \
  }
const cw_backend_ops cw_cpu_backend = CPU_OPS("cpu", cpu_open);
const cw_backend_ops cw_cpu_tcc_backend = CPU_OPS("cpu-tcc", cpu_tcc_open);
