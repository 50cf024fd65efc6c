/* bench_webgpu: the webgpu runtime backend's launch overhead and bandwidth,
 * measured through its cw_backend_ops table (no runtime core in between).
 *
 *   bench_webgpu [-n FLOATS] [-r LAUNCHES] [--lib PATH]
 *
 * (a) an empty 1-block kernel: launch + synchronize per launch, and batched
 *     launches followed by one synchronize (microseconds per launch);
 * (b) a = a * 2 + 1 over N floats (default 16M): LAUNCHES launches batched
 *     with one synchronize, and one launch + synchronize at a time (ms per
 *     launch and effective GB/s, counting one read and one write per float).
 * The result of (b) is checked against the same iteration on the host.
 * On a CPU adapter (lavapipe) these are CPU numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cudawasm.h"
#include "rt/runtime.h"

static const cw_backend_ops *ops = &cw_webgpu_backend;
static void *B;
static char err[4096];

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what) {
  fprintf(stderr, "bench_webgpu: %s: %s\n", what, err);
  exit(1);
}

/* The runtime's own copy of the transpiler's output (src/rt/program.c). */
static cw_rt_program *build(const char *src) {
  cw_module_options mo = {.filename = "bench.cu"};
  char *diags = NULL;
  cw_rt_program *p = cw_rt_program_build(src, strlen(src), &mo, CW_TARGET_WGSL, 0, &diags);
  if (!p && diags) fprintf(stderr, "%s", diags);
  free(diags);
  return p;
}

typedef struct kern {
  cw_rt_program *prog;
  void *mod;
  cw_rt_arg args[4];
  cw_rt_launch l;
} kern;

static void kern_init(kern *k, const char *src) {
  memset(k, 0, sizeof *k);
  k->prog = build(src);
  if (ops->module_load(B, k->prog, &k->mod, err, sizeof err) != CW_OK) die("module_load");
  k->l.kernel = &k->prog->kernels[0];
  k->l.kernel_index = 0;
  k->l.args = k->args;
  for (int i = 0; i < k->prog->kernels[0].nparams; i++) k->args[i].param = &k->prog->kernels[0].params[i];
}

static void launch(kern *k) {
  if (ops->launch(B, k->mod, &k->l, err, sizeof err) != CW_OK) die("launch");
}
static void sync(void) {
  if (ops->synchronize(B, err, sizeof err) != CW_OK) die("synchronize");
}

int main(int argc, char **argv) {
  size_t n = (size_t)16 << 20;
  int reps = 100;
  cw_context_options o = {.backend = CW_BACKEND_WEBGPU};
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc) n = (size_t)strtoull(argv[++i], NULL, 0);
    else if (!strcmp(argv[i], "-r") && i + 1 < argc) reps = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--lib") && i + 1 < argc) o.webgpu_lib = argv[++i];
    else {
      fprintf(stderr, "usage: bench_webgpu [-n FLOATS] [-r LAUNCHES] [--lib PATH]\n");
      return 2;
    }
  }
  if (reps < 1) reps = 1;
  char why[1024];
  if (ops->open(&o, &B, why, sizeof why) != CW_OK) {
    fprintf(stderr, "bench_webgpu: webgpu backend unavailable: %s\n", why);
    return 77;
  }
  printf("adapter: %s\n", ops->describe(B));

  /* (a) launch overhead */
  kern e;
  kern_init(&e, "__global__ void empty_kernel() {}\n");
  e.l.grid = (cw_dim3){1, 1, 1};
  e.l.block = (cw_dim3){1, 1, 1};
  for (int i = 0; i < 20; i++) launch(&e); /* pipeline creation, warm-up */
  sync();
  int ns = 200, nb = 2000;
  double t0 = now_s();
  for (int i = 0; i < ns; i++) {
    launch(&e);
    sync();
  }
  double t_sync = (now_s() - t0) / ns;
  t0 = now_s();
  for (int i = 0; i < nb; i++) launch(&e);
  double t_rec = (now_s() - t0) / nb;
  sync();
  double t_batch = (now_s() - t0) / nb;
  printf("(a) empty kernel, 1 block of 1 thread\n");
  printf("    launch + synchronize each:            %9.1f us per launch (%d launches)\n", t_sync * 1e6, ns);
  printf("    %d launches, then one synchronize:  %9.1f us per launch (host-side recording %.1f us)\n",
         nb, t_batch * 1e6, t_rec * 1e6);

  /* (b) bandwidth: a = a * 2 + 1 */
  kern s;
  kern_init(&s, "__global__ void scale(float *a, int n) {\n"
                "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                "  if (i < n) a[i] = a[i] * 2.0f + 1.0f;\n}\n");
  size_t bytes = n * sizeof(float);
  void *h = NULL;
  if (ops->alloc(B, bytes, &h, err, sizeof err) != CW_OK) die("alloc");
  cw_rt_alloc a = {.id = 1, .size = bytes, .handle = h, .live = true};
  float *host = malloc(bytes);
  if (!host) return 1;
  for (size_t i = 0; i < n; i++) host[i] = (float)(i % 1024) * -0.001f;
  if (ops->write(B, h, 0, host, bytes, err, sizeof err) != CW_OK) die("write");
  int ni = (int)n;
  s.args[0].alloc = &a;
  s.args[1].value = &ni;
  s.l.grid = (cw_dim3){(unsigned)((n + 255) / 256), 1, 1};
  s.l.block = (cw_dim3){256, 1, 1};
  launch(&s); /* warm-up: pipeline creation, first touch */
  sync();
  int total = 1;
  t0 = now_s();
  for (int i = 0; i < reps; i++) launch(&s);
  sync();
  double tb = (now_s() - t0) / reps;
  total += reps;
  int ns2 = reps < 20 ? reps : 20;
  t0 = now_s();
  for (int i = 0; i < ns2; i++) {
    launch(&s);
    sync();
  }
  double ts = (now_s() - t0) / ns2;
  total += ns2;
  double gb = 2.0 * (double)bytes / 1e9;
  printf("(b) a = a * 2 + 1 over %zu floats (%.1f MiB), %u blocks of 256\n", n, bytes / 1048576.0,
         s.l.grid.x);
  printf("    %d launches, then one synchronize:   %9.3f ms per launch, %7.1f GB/s\n", reps,
         tb * 1e3, gb / tb);
  printf("    launch + synchronize each:            %9.3f ms per launch, %7.1f GB/s\n", ts * 1e3,
         gb / ts);

  /* check a sample against the host iteration */
  float *out = malloc(bytes);
  if (!out) return 1;
  if (ops->read(B, h, 0, out, bytes, err, sizeof err) != CW_OK) die("read");
  size_t bad = 0;
  for (size_t i = 0; i < n; i += (n / 4099) + 1) {
    float v = host[i];
    for (int r = 0; r < total; r++) v = v * 2.0f + 1.0f;
    if (!(out[i] == v || (isinf(v) && isinf(out[i])))) bad++;
  }
  if (out[n - 1] != out[n - 1] || bad) {
    printf("RESULT CHECK FAILED: %zu sampled values differ from the host\n", bad);
    return 1;
  }
  printf("    result checked against the host: ok (%d launches applied)\n", total);
  free(out);
  free(host);
  ops->free(B, h);
  ops->module_unload(B, e.mod);
  ops->module_unload(B, s.mod);
  ops->close(B);
  return 0;
}
