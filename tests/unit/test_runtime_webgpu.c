/* The webgpu runtime backend (src/rt/webgpu/backend.c), driven through its
 * cw_backend_ops table directly, with programs built by cw_rt_program_build
 * (the transpiler's metadata as the runtime copies it), and then once through
 * the public API. Every result is compared with values
 * computed here on the host.
 *
 * Exit 77 (skip) when no WebGPU adapter can be opened, unless CI=true (or
 * CUDAWASM_REQUIRE_WEBGPU is set): then 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"
#include "rt/runtime.h"
#include "rt/webgpu/dawn_api.h"

static int failures;
#define CHECK(c, ...)                                                       \
  do {                                                                      \
    if (!(c)) {                                                             \
      failures++;                                                           \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #c); \
      fprintf(stderr, __VA_ARGS__);                                         \
      fputc('\n', stderr);                                                  \
    }                                                                       \
  } while (0)

static const cw_backend_ops *ops = &cw_webgpu_backend;
static void *B; /* the backend instance */
static char err[4096];

/* ---------------- a program from the transpiler's metadata ---------------- */

/* The runtime's own copy of the transpiler's output (src/rt/program.c). */
static cw_rt_program *build(const char *src) {
  cw_module_options mo = {.filename = "test.cu"};
  char *diags = NULL;
  cw_rt_program *p = cw_rt_program_build(src, strlen(src), &mo, CW_TARGET_WGSL, 0, &diags);
  if (!p && diags) fprintf(stderr, "%s", diags);
  free(diags);
  return p;
}


static int kernel_index(const cw_rt_program *p, const char *name) {
  for (int i = 0; i < p->nkernels; i++)
    if (!strcmp(p->kernels[i].name, name)) return i;
  fprintf(stderr, "no kernel %s\n", name);
  exit(1);
}

/* ---------------- allocations and launches ---------------- */
static uint64_t next_id = 1;
static cw_rt_alloc *dalloc(size_t bytes) {
  cw_rt_alloc *a = calloc(1, sizeof *a);
  a->id = next_id++;
  a->size = bytes;
  a->live = true;
  cw_status st = ops->alloc(B, bytes, &a->handle, err, sizeof err);
  CHECK(st == CW_OK, "alloc %zu: %s", bytes, err);
  if (st != CW_OK) exit(1);
  return a;
}
static void dfree(cw_rt_alloc *a) {
  ops->free(B, a->handle);
  free(a);
}
static void put(cw_rt_alloc *a, size_t off, const void *src, size_t n) {
  cw_status st = ops->write(B, a->handle, off, src, n, err, sizeof err);
  CHECK(st == CW_OK, "write: %s", err);
}
static void get(cw_rt_alloc *a, size_t off, void *dst, size_t n) {
  cw_status st = ops->read(B, a->handle, off, dst, n, err, sizeof err);
  CHECK(st == CW_OK, "read: %s", err);
}

/* One argument: a buffer (alloc + offset) or a host value. */
typedef struct targ {
  cw_rt_alloc *alloc;
  size_t offset;
  const void *value;
} targ;
#define BUF(a) ((targ){(a), 0, NULL})
#define BUFAT(a, o) ((targ){(a), (o), NULL})
#define VAL(p) ((targ){NULL, 0, (p)})

typedef struct module_rt {
  cw_rt_program *prog;
  void *mod;
  cw_rt_alloc **galloc; /* per program global */
} module_rt;

static int load(module_rt *m, const char *src) {
  memset(m, 0, sizeof *m);
  m->prog = build(src);
  CHECK(m->prog != NULL, "transpile failed");
  if (!m->prog) return -1;
  cw_status st = ops->module_load(B, m->prog, &m->mod, err, sizeof err);
  CHECK(st == CW_OK, "module_load: %s", err);
  if (st != CW_OK) return -1;
  /* what the core does: one allocation per global, initialised */
  m->galloc = calloc((size_t)m->prog->nglobals + 1, sizeof *m->galloc);
  for (int i = 0; i < m->prog->nglobals; i++) {
    const cw_rt_global *g = &m->prog->globals[i];
    m->galloc[i] = dalloc((size_t)g->size);
    if (g->init) put(m->galloc[i], 0, g->init, (size_t)g->size);
    else ops->fill(B, m->galloc[i]->handle, 0, 0, (size_t)g->size, err, sizeof err);
  }
  return 0;
}

static void unload(module_rt *m) {
  if (m->mod) ops->module_unload(B, m->mod);
  for (int i = 0; m->prog && i < m->prog->nglobals; i++) dfree(m->galloc[i]);
  free(m->galloc);
  cw_rt_program_free(m->prog);
}

static cw_status launch(module_rt *m, const char *kernel, cw_dim3 grid, cw_dim3 block,
                        size_t dyn_shared, const targ *args) {
  int ki = kernel_index(m->prog, kernel);
  const cw_rt_kernel *k = &m->prog->kernels[ki];
  cw_rt_arg a[16];
  cw_rt_alloc *g[16];
  for (int i = 0; i < k->nparams; i++) {
    a[i].param = &k->params[i];
    a[i].value = args[i].value;
    a[i].alloc = args[i].alloc;
    a[i].offset = args[i].offset;
  }
  for (int i = 0; i < k->nglobals; i++) g[i] = m->galloc[k->globals[i]];
  cw_rt_launch l = {k, ki, grid, block, dyn_shared, a, g, NULL, NULL};
  err[0] = 0;
  return ops->launch(B, m->mod, &l, err, sizeof err);
}

static cw_dim3 D1(unsigned x) { return (cw_dim3){x, 1, 1}; }

/* ---------------- the kernels ---------------- */
static const char *kSource =
    "struct Params { int n; float scale; unsigned mask; };\n"
    "__constant__ float coef[4] = {1.5f, 2.0f, -3.0f, 4.25f};\n"
    "__device__ int dev_counter;\n"
    "__global__ void saxpy(int n, float a, const float *x, float *y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = a * x[i] + y[i];\n"
    "}\n"
    "__global__ void grid_ids(unsigned *out) {\n"
    "  unsigned b = blockIdx.x + blockIdx.y * gridDim.x + blockIdx.z * gridDim.x * gridDim.y;\n"
    "  if (threadIdx.x == 0) out[b] = b * 3u + 1u;\n"
    "}\n"
    "__global__ void block_sum(const int *in, int *out) {\n"
    "  __shared__ int s[1024];\n"
    "  s[threadIdx.x] = in[blockIdx.x * blockDim.x + threadIdx.x];\n"
    "  __syncthreads();\n"
    "  for (unsigned st = blockDim.x / 2; st > 0; st >>= 1) {\n"
    "    if (threadIdx.x < st) s[threadIdx.x] += s[threadIdx.x + st];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (threadIdx.x == 0) out[blockIdx.x] = s[0];\n"
    "}\n"
    "__global__ void reverse_dyn(float *d) {\n"
    "  extern __shared__ float t[];\n"
    "  unsigned i = threadIdx.x, base = blockIdx.x * blockDim.x;\n"
    "  t[i] = d[base + i];\n"
    "  __syncthreads();\n"
    "  d[base + i] = t[blockDim.x - 1 - i];\n"
    "}\n"
    "__global__ void atomics(const float *x, float *fsum, int *isum, unsigned *umax, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) {\n"
    "    atomicAdd(fsum, x[i]);\n"
    "    atomicAdd(isum, (int)x[i]);\n"
    "    atomicMax(umax, (unsigned)i);\n"
    "    atomicAdd(&dev_counter, 1);\n"
    "  }\n"
    "}\n"
    "__global__ void read_counter(int *out) { out[0] = dev_counter; }\n"
    "__global__ void params_k(int a, unsigned b, float c, Params p, int *oi, unsigned *ou, float *of) {\n"
    "  int i = threadIdx.x;\n"
    "  oi[i] = a * i + p.n;\n"
    "  ou[i] = (b ^ p.mask) + (unsigned)i;\n"
    "  of[i] = c * coef[i % 4] + p.scale;\n"
    "}\n"
    "__global__ void unused_param(float *never, float *out) { out[threadIdx.x] = 7.0f; }\n"
    "__global__ void add_v(int *d, int v, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) d[i] += v * (i + 1);\n"
    "}\n"
    "__global__ void inc(int *d, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) d[i] += 1;\n"
    "}\n";

struct Params {
  int n;
  float scale;
  unsigned mask;
};

/* ---------------- tests ---------------- */
static void test_saxpy(module_rt *m) {
  enum { N = 1000 }; /* 4 blocks of 256, the last one partial */
  float x[N], y[N], out[N + 8], ref[N];
  for (int i = 0; i < N; i++) {
    x[i] = (float)i * 0.25f - 17.0f;
    y[i] = (float)(i % 13) - 6.0f;
    ref[i] = 2.5f * x[i] + y[i];
  }
  cw_rt_alloc *dx = dalloc(sizeof x), *dy = dalloc(sizeof y + 32);
  put(dx, 0, x, sizeof x);
  put(dy, 0, y, sizeof y);
  float guard[8] = {99, 99, 99, 99, 99, 99, 99, 99};
  put(dy, sizeof y, guard, sizeof guard);
  int n = N;
  float a = 2.5f;
  targ args[] = {VAL(&n), VAL(&a), BUF(dx), BUF(dy)};
  cw_status st = launch(m, "saxpy", D1((N + 255) / 256), D1(256), 0, args);
  CHECK(st == CW_OK, "saxpy: %s", err);
  get(dy, 0, out, sizeof out);
  int bad = 0;
  for (int i = 0; i < N; i++) bad += out[i] != ref[i];
  for (int i = 0; i < 8; i++) bad += out[N + i] != 99.0f; /* past n: untouched */
  CHECK(bad == 0, "saxpy: %d wrong values (out[0]=%g ref %g)", bad, out[0], ref[0]);

  /* a pointer at an aligned offset (256 bytes = 64 floats) binds there */
  int n2 = 64;
  put(dy, 0, y, sizeof y);
  targ a2[] = {VAL(&n2), VAL(&a), BUFAT(dx, 256), BUFAT(dy, 512)};
  st = launch(m, "saxpy", D1(1), D1(64), 0, a2);
  CHECK(st == CW_OK, "saxpy at offset: %s", err);
  get(dy, 0, out, sizeof y);
  bad = 0;
  for (int i = 0; i < N; i++) {
    float want = (i >= 128 && i < 192) ? a * x[i - 128 + 64] + y[i] : y[i];
    bad += out[i] != want;
  }
  CHECK(bad == 0, "saxpy at offsets: %d wrong values", bad);

  /* an unaligned offset is refused with a precise message */
  targ a3[] = {VAL(&n2), VAL(&a), BUFAT(dx, 4), BUF(dy)};
  st = launch(m, "saxpy", D1(1), D1(64), 0, a3);
  CHECK(st == CW_ERROR_LAUNCH && strstr(err, "pointer argument 'x'") &&
            strstr(err, "byte offset 4") && strstr(err, "multiples of"),
        "unaligned offset: status %d, message '%s'", st, err);

  /* read-only and writable views of one allocation cannot be bound together */
  targ a4[] = {VAL(&n2), VAL(&a), BUF(dy), BUF(dy)};
  st = launch(m, "saxpy", D1(1), D1(64), 0, a4);
  CHECK(st == CW_ERROR_LAUNCH && strstr(err, "same allocation"), "aliasing: %d '%s'", st, err);

  /* block too big for any WebGPU adapter */
  st = launch(m, "saxpy", D1(1), D1(2048), 0, args);
  CHECK(st == CW_ERROR_LAUNCH && strstr(err, "block of 2048 threads exceeds this adapter's limit of"),
        "block 2048: %d '%s'", st, err);
  dfree(dx);
  dfree(dy);
}

static void test_grid_fold(module_rt *m) {
  /* 70000 blocks: more than 65535, so the dispatch folds into two rows; and a
   * 3-D grid whose block index must be recomputed from the linear index. */
  enum { NB = 70000 };
  unsigned *out = malloc(sizeof(unsigned) * NB);
  cw_rt_alloc *d = dalloc(sizeof(unsigned) * NB);
  ops->fill(B, d->handle, 0, 0xff, sizeof(unsigned) * NB, err, sizeof err);
  targ args[] = {BUF(d)};
  cw_status st = launch(m, "grid_ids", D1(NB), D1(32), 0, args);
  CHECK(st == CW_OK, "grid_ids: %s", err);
  get(d, 0, out, sizeof(unsigned) * NB);
  int bad = 0;
  for (unsigned b = 0; b < NB; b++) bad += out[b] != b * 3u + 1u;
  CHECK(bad == 0, "grid 70000: %d wrong (out[69999]=%u)", bad, out[NB - 1]);

  ops->fill(B, d->handle, 0, 0, sizeof(unsigned) * NB, err, sizeof err);
  st = launch(m, "grid_ids", (cw_dim3){50, 40, 35}, D1(1), 0, args); /* 70000 blocks */
  CHECK(st == CW_OK, "grid_ids 3d: %s", err);
  get(d, 0, out, sizeof(unsigned) * NB);
  bad = 0;
  for (unsigned b = 0; b < NB; b++) bad += out[b] != b * 3u + 1u;
  CHECK(bad == 0, "grid 50x40x35: %d wrong", bad);
  free(out);
  dfree(d);
}

static void test_block1024(module_rt *m) {
  enum { NB = 3, T = 1024 };
  int *in = malloc(sizeof(int) * NB * T), out[NB], ref[NB] = {0, 0, 0};
  for (int i = 0; i < NB * T; i++) {
    in[i] = (i * 7919) % 1000 - 500;
    ref[i / T] += in[i];
  }
  cw_rt_alloc *din = dalloc(sizeof(int) * NB * T), *dout = dalloc(sizeof out);
  put(din, 0, in, sizeof(int) * NB * T);
  targ args[] = {BUF(din), BUF(dout)};
  cw_status st = launch(m, "block_sum", D1(NB), D1(T), 0, args);
  WGPULimits lim;
  (void)lim;
  if (st == CW_ERROR_LAUNCH && strstr(err, "invocations per workgroup")) {
    printf("note: this adapter refuses 1024-thread blocks: %s\n", err);
  } else {
    CHECK(st == CW_OK, "block_sum 1024: %s", err);
    get(dout, 0, out, sizeof out);
    for (int b = 0; b < NB; b++) CHECK(out[b] == ref[b], "block %d: %d, want %d", b, out[b], ref[b]);
  }
  free(in);
  dfree(din);
  dfree(dout);
}

static void test_dyn_shared(module_rt *m) {
  enum { NB = 5, T = 128 };
  float d[NB * T], out[NB * T];
  for (int i = 0; i < NB * T; i++) d[i] = (float)i;
  cw_rt_alloc *dd = dalloc(sizeof d);
  put(dd, 0, d, sizeof d);
  targ args[] = {BUF(dd)};
  cw_status st = launch(m, "reverse_dyn", D1(NB), D1(T), T * sizeof(float), args);
  CHECK(st == CW_OK, "reverse_dyn: %s", err);
  get(dd, 0, out, sizeof out);
  int bad = 0;
  for (int b = 0; b < NB; b++)
    for (int i = 0; i < T; i++) bad += out[b * T + i] != d[b * T + (T - 1 - i)];
  CHECK(bad == 0, "reverse_dyn: %d wrong", bad);
  /* more shared memory than any adapter has */
  st = launch(m, "reverse_dyn", D1(1), D1(T), (size_t)1 << 24, args);
  CHECK(st == CW_ERROR_LAUNCH && strstr(err, "bytes of shared memory") &&
            strstr(err, "workgroup storage"),
        "huge dyn shared: %d '%s'", st, err);
  dfree(dd);
}

static void test_atomics(module_rt *m) {
  enum { N = 5000 };
  float *x = malloc(sizeof(float) * N);
  double fref = 0;
  long iref = 0;
  for (int i = 0; i < N; i++) {
    x[i] = (float)(i % 7) - 2.0f; /* small integers: the float sum is exact in any order */
    fref += x[i];
    iref += (int)x[i];
  }
  cw_rt_alloc *dx = dalloc(sizeof(float) * N), *df = dalloc(4), *di = dalloc(4), *du = dalloc(4),
              *dc = dalloc(4);
  put(dx, 0, x, sizeof(float) * N);
  ops->fill(B, df->handle, 0, 0, 4, err, sizeof err);
  ops->fill(B, di->handle, 0, 0, 4, err, sizeof err);
  ops->fill(B, du->handle, 0, 0, 4, err, sizeof err);
  int n = N;
  targ args[] = {BUF(dx), BUF(df), BUF(di), BUF(du), VAL(&n)};
  cw_status st = launch(m, "atomics", D1((N + 127) / 128), D1(128), 0, args);
  CHECK(st == CW_OK, "atomics: %s", err);
  st = launch(m, "atomics", D1((N + 127) / 128), D1(128), 0, args); /* twice */
  CHECK(st == CW_OK, "atomics 2: %s", err);
  targ cargs[] = {BUF(dc)};
  st = launch(m, "read_counter", D1(1), D1(1), 0, cargs);
  CHECK(st == CW_OK, "read_counter: %s", err);
  float f;
  int iv, cnt;
  unsigned u;
  get(df, 0, &f, 4);
  get(di, 0, &iv, 4);
  get(du, 0, &u, 4);
  get(dc, 0, &cnt, 4);
  CHECK(f == (float)(2 * fref), "float atomicAdd: %g, want %g", f, 2 * fref);
  CHECK(iv == (int)(2 * iref), "int atomicAdd: %d, want %ld", iv, 2 * iref);
  CHECK(u == N - 1, "atomicMax: %u", u);
  CHECK(cnt == 2 * N, "__device__ counter: %d, want %d", cnt, 2 * N);
  free(x);
  dfree(dx);
  dfree(df);
  dfree(di);
  dfree(du);
  dfree(dc);
}

static void test_params(module_rt *m) {
  enum { T = 64 };
  cw_rt_alloc *oi = dalloc(4 * T), *ou = dalloc(4 * T), *of = dalloc(4 * T);
  int a = -7;
  unsigned b = 0xdeadbeefu;
  float c = 0.5f;
  struct Params p = {1000, -2.25f, 0x0f0f0f0fu};
  targ args[] = {VAL(&a), VAL(&b), VAL(&c), VAL(&p), BUF(oi), BUF(ou), BUF(of)};
  cw_status st = launch(m, "params_k", D1(1), D1(T), 0, args);
  CHECK(st == CW_OK, "params_k: %s", err);
  int ri[T];
  unsigned ru[T];
  float rf[T];
  get(oi, 0, ri, sizeof ri);
  get(ou, 0, ru, sizeof ru);
  get(of, 0, rf, sizeof rf);
  static const float coef[4] = {1.5f, 2.0f, -3.0f, 4.25f};
  int bad = 0;
  for (int i = 0; i < T; i++) {
    bad += ri[i] != a * i + p.n;
    bad += ru[i] != (b ^ p.mask) + (unsigned)i;
    bad += rf[i] != c * coef[i % 4] + p.scale;
  }
  CHECK(bad == 0, "params: %d wrong (ri[1]=%d ru[1]=%u rf[1]=%g)", bad, ri[1], ru[1], rf[1]);

  /* a parameter the kernel never uses has no binding: launch must work */
  cw_rt_alloc *o = dalloc(4 * T);
  targ ua[] = {BUF(NULL), BUF(o)};
  st = launch(m, "unused_param", D1(1), D1(T), 0, ua);
  CHECK(st == CW_OK, "unused_param: %s", err);
  get(o, 0, rf, sizeof rf);
  bad = 0;
  for (int i = 0; i < T; i++) bad += rf[i] != 7.0f;
  CHECK(bad == 0, "unused_param: %d wrong", bad);
  dfree(oi);
  dfree(ou);
  dfree(of);
  dfree(o);
}

/* Many batched launches with host writes and copies in between: the order
 * of everything must be the order of the calls. */
static void test_ordering(module_rt *m) {
  enum { N = 300 };
  int v[N], out[N];
  for (int i = 0; i < N; i++) v[i] = i * 10;
  cw_rt_alloc *d = dalloc(sizeof v), *d2 = dalloc(sizeof v);
  put(d, 0, v, sizeof v);
  int n = N;
  targ args[] = {BUF(d), VAL(&n)};
  for (int r = 0; r < 300; r++) /* crosses the submit-every-N boundary twice */
    CHECK(launch(m, "inc", D1(3), D1(128), 0, args) == CW_OK, "inc: %s", err);
  int w = -5;
  put(d, 4 * 7, &w, 4); /* after 300 increments, before the next */
  CHECK(launch(m, "inc", D1(3), D1(128), 0, args) == CW_OK, "inc: %s", err);
  CHECK(ops->copy(B, d2->handle, 0, d->handle, 0, sizeof v, err, sizeof err) == CW_OK, "copy: %s", err);
  CHECK(launch(m, "inc", D1(3), D1(128), 0, args) == CW_OK, "inc: %s", err); /* d only */
  CHECK(ops->synchronize(B, err, sizeof err) == CW_OK, "sync: %s", err);
  get(d2, 0, out, sizeof out);
  int bad = 0;
  for (int i = 0; i < N; i++) bad += out[i] != (i == 7 ? -4 : i * 10 + 301);
  CHECK(bad == 0, "ordering (copy): %d wrong, out[0]=%d out[7]=%d", bad, out[0], out[7]);
  get(d, 0, out, sizeof out);
  bad = 0;
  for (int i = 0; i < N; i++) bad += out[i] != (i == 7 ? -3 : i * 10 + 302);
  CHECK(bad == 0, "ordering: %d wrong, out[0]=%d", bad, out[0]);
  dfree(d);
  dfree(d2);

  /* Scalar arguments that change every launch, within one batch and across
   * batches: more distinct argument sets than the bind group cache holds,
   * then the same sets again (cache hits), interleaved with a second buffer. */
  cw_rt_alloc *e = dalloc(sizeof v), *f = dalloc(sizeof v);
  ops->fill(B, e->handle, 0, 0, sizeof v, err, sizeof err);
  ops->fill(B, f->handle, 0, 0, sizeof v, err, sizeof err);
  long want_e = 0, want_f = 0;
  for (int rep = 0; rep < 3; rep++)
    for (int k = 1; k <= 40; k++) {
      targ ea[] = {BUF(e), VAL(&k), VAL(&n)};
      CHECK(launch(m, "add_v", D1(3), D1(128), 0, ea) == CW_OK, "add_v: %s", err);
      want_e += k;
      if (k % 3 == 0) {
        targ fa[] = {BUF(f), VAL(&k), VAL(&n)};
        CHECK(launch(m, "add_v", D1(3), D1(128), 0, fa) == CW_OK, "add_v: %s", err);
        want_f += k;
      }
    }
  int oe[N], of[N];
  get(e, 0, oe, sizeof oe);
  get(f, 0, of, sizeof of);
  bad = 0;
  for (int i = 0; i < N; i++) bad += oe[i] != (int)(want_e * (i + 1)) || of[i] != (int)(want_f * (i + 1));
  CHECK(bad == 0, "changing scalars: %d wrong (oe[0]=%d want %ld, of[0]=%d want %ld)", bad, oe[0],
        want_e, of[0], want_f);
  dfree(e);
  dfree(f);
}

/* Byte-granular memory operations keep the neighbouring bytes. */
static void test_memory(void) {
  enum { N = 64 };
  unsigned char h[N], o[N];
  for (int i = 0; i < N; i++) h[i] = (unsigned char)(i * 3 + 1);
  cw_rt_alloc *a = dalloc(N), *b = dalloc(N + 1);
  put(a, 0, h, N);
  unsigned char five[5] = {200, 201, 202, 203, 204};
  put(a, 3, five, 5);       /* unaligned start and end */
  memcpy(h + 3, five, 5);
  CHECK(ops->fill(B, a->handle, 13, 0x5a, 9, err, sizeof err) == CW_OK, "fill: %s", err);
  memset(h + 13, 0x5a, 9);
  CHECK(ops->fill(B, a->handle, 30, 0, 13, err, sizeof err) == CW_OK, "fill0: %s", err);
  memset(h + 30, 0, 13);
  get(a, 0, o, N);
  CHECK(memcmp(h, o, N) == 0, "partial writes/fills changed other bytes");
  unsigned char z[N + 1];
  memset(z, 0xee, sizeof z);
  put(b, 0, z, N + 1);
  CHECK(ops->copy(B, b->handle, 1, a->handle, 2, 50, err, sizeof err) == CW_OK, "copy: %s", err);
  memmove(z + 1, h + 2, 50);
  CHECK(ops->copy(B, b->handle, 0, b->handle, 4, 8, err, sizeof err) == CW_OK, "self copy: %s", err);
  memmove(z, z + 4, 8);
  unsigned char ob[N + 1];
  get(b, 0, ob, N + 1);
  CHECK(memcmp(z, ob, N + 1) == 0, "unaligned/self copies wrong");
  unsigned char one;
  get(b, N, &one, 1);
  CHECK(one == 0xee, "last byte of an odd-sized buffer: %u", one);
  CHECK(ops->read(B, b->handle, N, o, 2, err, sizeof err) == CW_ERROR_OUT_OF_RANGE,
        "read past the end accepted");
  dfree(a);
  dfree(b);
}

static void test_compile_error(void) {
  cw_rt_program p;
  memset(&p, 0, sizeof p);
  p.target = CW_TARGET_WGSL;
  p.code = "@compute @workgroup_size(1)\nfn main() {\n  let x: u32 = undefined_thing;\n}\n";
  void *mod = NULL;
  cw_status st = ops->module_load(B, &p, &mod, err, sizeof err);
  CHECK(st == CW_ERROR_COMPILE && mod == NULL && strstr(err, "3:") && strstr(err, "undefined_thing"),
        "compile error: %d '%s'", st, err);
}

/* The same saxpy through the public API, when the runtime core is built. */
static void test_public_api(void) {
  cw_context_options o = {.backend = CW_BACKEND_WEBGPU};
  cw_context *ctx = NULL;
  cw_status st = cw_context_create(&o, &ctx);
  CHECK(st == CW_OK, "cw_context_create: %s", ctx ? cw_context_last_error(ctx) : "");
  if (st != CW_OK) {
    cw_context_destroy(ctx);
    return;
  }
  const char *src = "__global__ void saxpy(int n, float a, const float *x, float *y) {\n"
                    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                    "  if (i < n) y[i] = a * x[i] + y[i];\n}\n";
  cw_module *mod = NULL;
  st = cw_module_load(ctx, src, strlen(src), NULL, &mod);
  CHECK(st == CW_OK, "cw_module_load: %s %s", cw_context_last_error(ctx),
        mod ? cw_module_diagnostics(mod) : "");
  cw_kernel *k = NULL;
  if (st == CW_OK) st = cw_module_get_kernel(mod, "saxpy", &k);
  enum { N = 777 };
  float x[N], y[N], out[N];
  for (int i = 0; i < N; i++) {
    x[i] = (float)i;
    y[i] = 1.0f - (float)i;
  }
  cw_deviceptr dx = 0, dy = 0;
  if (st == CW_OK) st = cw_malloc(ctx, &dx, sizeof x);
  if (st == CW_OK) st = cw_malloc(ctx, &dy, sizeof y);
  if (st == CW_OK) st = cw_memcpy_htod(ctx, dx, x, sizeof x);
  if (st == CW_OK) st = cw_memcpy_htod(ctx, dy, y, sizeof y);
  int n = N;
  float a = 3.0f;
  void *args[] = {&n, &a, &dx, &dy};
  if (st == CW_OK) st = cw_launch(k, (cw_dim3){(N + 127) / 128, 1, 1}, (cw_dim3){128, 1, 1}, 0, args, 4);
  if (st == CW_OK) st = cw_memcpy_dtoh(ctx, out, dy, sizeof out);
  CHECK(st == CW_OK, "public api: %s: %s", cw_status_name(st), cw_context_last_error(ctx));
  if (st == CW_OK) {
    int bad = 0;
    for (int i = 0; i < N; i++) bad += out[i] != 3.0f * x[i] + y[i];
    CHECK(bad == 0, "public api saxpy: %d wrong", bad);
  }
  if (dx) cw_free(ctx, dx);
  if (dy) cw_free(ctx, dy);
  cw_module_unload(mod);
  cw_context_destroy(ctx);
}

int main(void) {
  cw_context_options o = {.backend = CW_BACKEND_WEBGPU};
  char why[1024] = "";
  cw_status st = ops->open(&o, &B, why, sizeof why);
  if (st != CW_OK) {
    int rc = cw_wg_unavailable_status();
    printf("%s: webgpu backend unavailable: %s\n", rc == 77 ? "SKIP" : "FAIL", why);
    return rc;
  }
  printf("adapter: %s\n", ops->describe(B));

  /* AUTO must refuse a CPU adapter, explicitly saying why. */
  if (strstr(ops->describe(B), ", cpu]")) {
    cw_context_options ao = {.backend = CW_BACKEND_AUTO};
    void *b2 = NULL;
    st = ops->open(&ao, &b2, why, sizeof why);
    CHECK(st != CW_OK && strstr(why, "only a CPU adapter") && strstr(why, "cpu backend is faster"),
          "auto on a cpu adapter: %d '%s'", st, why);
    if (st == CW_OK) ops->close(b2);
  }

  module_rt m;
  if (load(&m, kSource) == 0) {
    test_saxpy(&m);
    test_grid_fold(&m);
    test_block1024(&m);
    test_dyn_shared(&m);
    test_atomics(&m);
    test_params(&m);
    test_ordering(&m);
  }
  unload(&m);
  test_memory();
  test_compile_error();
  CHECK(ops->synchronize(B, err, sizeof err) == CW_OK, "final sync: %s", err);
  ops->close(B);

  if (!getenv("CW_TEST_NO_PUBLIC_API")) test_public_api();

  if (failures) {
    printf("FAIL: %d check(s) failed\n", failures);
    return 1;
  }
  printf("ok: webgpu backend\n");
  return 0;
}
