/* bench_cpu: the cpu backend against the same algorithms written by hand in
 * C (compiled with the backend's flags, -O2 -march=native, same thread
 * count, pthreads). For each workload: median time of the backend (kernel
 * launches only, data already on the "device"), of the hand-written code,
 * and the ratio hand/backend (> 1: the backend is faster). Then the launch
 * overhead of an empty 1-block kernel (median of 10000 launch+synchronize).
 *
 * usage: bench_cpu [threads]   (default: one per online core) */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cudawasm.h"

static const char *SRC =
    "__global__ void saxpy(int n, float a, const float *x, float *y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = a * x[i] + y[i];\n"
    "}\n"
    "__global__ void reduce(const float *in, float *out, int n) {\n"
    "  __shared__ float s[256];\n"
    "  unsigned t = threadIdx.x, i = blockIdx.x * blockDim.x + t;\n"
    "  s[t] = i < (unsigned)n ? in[i] : 0.0f;\n"
    "  __syncthreads();\n"
    "  for (unsigned st = blockDim.x / 2; st > 0; st >>= 1) {\n"
    "    if (t < st) s[t] += s[t + st];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (t == 0) out[blockIdx.x] = s[0];\n"
    "}\n"
    "#define T 16\n"
    "__global__ void sgemm(const float *A, const float *B, float *C, int n) {\n"
    "  __shared__ float As[T][T];\n"
    "  __shared__ float Bs[T][T];\n"
    "  int tx = threadIdx.x, ty = threadIdx.y;\n"
    "  int row = blockIdx.y * T + ty, col = blockIdx.x * T + tx;\n"
    "  float acc = 0.0f;\n"
    "  for (int t = 0; t < n / T; t++) {\n"
    "    As[ty][tx] = A[row * n + t * T + tx];\n"
    "    Bs[ty][tx] = B[(t * T + ty) * n + col];\n"
    "    __syncthreads();\n"
    "    for (int k = 0; k < T; k++) acc += As[ty][k] * Bs[k][tx];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  C[row * n + col] = acc;\n"
    "}\n"
    "__global__ void stencil(const float *in, float *out, int n) {\n"
    "  int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;\n"
    "  if (x >= 1 && y >= 1 && x < n - 1 && y < n - 1)\n"
    "    out[y * n + x] = 0.2f * (in[y * n + x] + in[(y - 1) * n + x] + in[(y + 1) * n + x] +\n"
    "                             in[y * n + x - 1] + in[y * n + x + 1]);\n"
    "}\n"
    "__global__ void empty() {}\n";

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_d);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#define DIE(...)                  \
  do {                            \
    fprintf(stderr, __VA_ARGS__); \
    fprintf(stderr, "\n");        \
    exit(1);                      \
  } while (0)
#define CK(call)                                                                                    \
  do {                                                                                              \
    cw_status st_ = (call);                                                                         \
    if (st_ != CW_OK) DIE("%s: %s: %s", #call, cw_status_name(st_), cw_context_last_error(ctx)); \
  } while (0)

static cw_context *ctx;
static int nthreads;

/* ---------------- hand-written versions: rows/elements split over pthreads ---------------- */
typedef struct hjob {
  int which, t;
  int n;
  float a;
  const float *x, *A, *B;
  float *y, *C;
} hjob;

static void part(long total, int t, long *b, long *e) {
  long per = (total + nthreads - 1) / nthreads;
  *b = per * t;
  *e = *b + per < total ? *b + per : total;
  if (*b > total) *b = total;
}

static void *hand_worker(void *arg) {
  hjob *j = arg;
  long b, e;
  switch (j->which) {
  case 0: /* saxpy */
    part(j->n, j->t, &b, &e);
    for (long i = b; i < e; i++) j->y[i] = j->a * j->x[i] + j->y[i];
    break;
  case 1: { /* block sums of 256 */
    long nb = (j->n + 255) / 256;
    part(nb, j->t, &b, &e);
    for (long blk = b; blk < e; blk++) {
      float s = 0;
      long end = (blk + 1) * 256 < j->n ? (blk + 1) * 256 : j->n;
      for (long i = blk * 256; i < end; i++) s += j->x[i];
      j->y[blk] = s;
    }
    break;
  }
  case 2: { /* sgemm, i-k-j with 16-column blocking of k */
    int n = j->n;
    part(n, j->t, &b, &e);
    for (long i = b; i < e; i++) {
      float *c = j->C + i * n;
      memset(c, 0, sizeof(float) * (size_t)n);
      for (int k = 0; k < n; k++) {
        float aik = j->A[i * n + k];
        const float *brow = j->B + (long)k * n;
        for (int col = 0; col < n; col++) c[col] += aik * brow[col];
      }
    }
    break;
  }
  case 3: { /* stencil */
    int n = j->n;
    part(n - 2, j->t, &b, &e);
    for (long y = b + 1; y < e + 1; y++)
      for (int x = 1; x < n - 1; x++)
        j->y[y * n + x] = 0.2f * (j->x[y * n + x] + j->x[(y - 1) * n + x] + j->x[(y + 1) * n + x] +
                                  j->x[y * n + x - 1] + j->x[y * n + x + 1]);
    break;
  }
  }
  return NULL;
}

static double hand_run(hjob proto) {
  pthread_t th[256];
  hjob jobs[256];
  double t0 = now_ms();
  for (int t = 0; t < nthreads; t++) {
    jobs[t] = proto;
    jobs[t].t = t;
    if (t) pthread_create(&th[t], NULL, hand_worker, &jobs[t]);
  }
  hand_worker(&jobs[0]);
  for (int t = 1; t < nthreads; t++) pthread_join(th[t], NULL);
  return now_ms() - t0;
}

static double backend_run(cw_kernel *k, cw_dim3 g, cw_dim3 b, void **args, int nargs) {
  double t0 = now_ms();
  CK(cw_launch(k, g, b, 0, args, nargs));
  CK(cw_synchronize(ctx));
  return now_ms() - t0;
}

#define REPS 7

static void report(const char *name, double tb, double th, const char *check) {
  printf("%-28s backend %9.3f ms   hand %9.3f ms   hand/backend %5.2f   %s\n", name, tb, th, th / tb, check);
}

static float *rnd(long n, unsigned seed) {
  float *p = malloc(sizeof(float) * (size_t)n);
  for (long i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    p[i] = (float)(seed >> 9) / (float)(1u << 23) - 0.5f;
  }
  return p;
}

static cw_deviceptr upload(const float *h, long n) {
  cw_deviceptr d;
  CK(cw_malloc(ctx, &d, sizeof(float) * (size_t)n));
  if (h) CK(cw_memcpy_htod(ctx, d, h, sizeof(float) * (size_t)n));
  return d;
}

static const char *agree(const float *a, const float *b, long n, float tol) {
  for (long i = 0; i < n; i++)
    if (fabsf(a[i] - b[i]) > tol * (1.0f + fabsf(b[i]))) return "MISMATCH";
  return "results agree";
}

int main(int argc, char **argv) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  nthreads = argc > 1 ? atoi(argv[1]) : (int)(cores > 0 ? cores : 1);
  if (nthreads < 1 || nthreads > 256) DIE("threads must be 1..256");
  cw_context_options o = {.backend = CW_BACKEND_CPU, .threads = nthreads};
  if (cw_context_create(&o, &ctx) != CW_OK) DIE("%s", cw_context_create_error());
  printf("%s", cw_context_report(ctx));
  cw_module *m;
  CK(cw_module_load(ctx, SRC, strlen(SRC), NULL, &m));
  cw_kernel *k_saxpy, *k_reduce, *k_sgemm, *k_stencil, *k_empty;
  CK(cw_module_get_kernel(m, "saxpy", &k_saxpy));
  CK(cw_module_get_kernel(m, "reduce", &k_reduce));
  CK(cw_module_get_kernel(m, "sgemm", &k_sgemm));
  CK(cw_module_get_kernel(m, "stencil", &k_stencil));
  CK(cw_module_get_kernel(m, "empty", &k_empty));
  double tb[REPS], th[REPS];

  { /* saxpy 16M */
    int n = 16 << 20;
    float a = 1.0001f;
    float *x = rnd(n, 1), *y = rnd(n, 2), *yb = malloc(sizeof(float) * (size_t)n);
    cw_deviceptr dx = upload(x, n), dy = upload(y, n);
    void *args[] = {&n, &a, &dx, &dy};
    hjob hj = {.which = 0, .n = n, .a = a, .x = x, .y = y};
    for (int r = 0; r < REPS; r++) {
      tb[r] = backend_run(k_saxpy, (cw_dim3){(unsigned)(n / 256), 1, 1}, (cw_dim3){256, 1, 1}, args, 4);
      th[r] = hand_run(hj);
    }
    CK(cw_memcpy_dtoh(ctx, yb, dy, sizeof(float) * (size_t)n));
    report("saxpy 16M", median(tb, REPS), median(th, REPS), agree(yb, y, n, 1e-5f));
    free(x); free(y); free(yb);
    cw_free(ctx, dx); cw_free(ctx, dy);
  }
  { /* shared-memory reduction 16M -> block sums */
    int n = 16 << 20, nb = n / 256;
    float *x = rnd(n, 3), *s = malloc(sizeof(float) * (size_t)nb), *sb = malloc(sizeof(float) * (size_t)nb);
    cw_deviceptr dx = upload(x, n), ds = upload(NULL, nb);
    void *args[] = {&dx, &ds, &n};
    hjob hj = {.which = 1, .n = n, .x = x, .y = s};
    for (int r = 0; r < REPS; r++) {
      tb[r] = backend_run(k_reduce, (cw_dim3){(unsigned)nb, 1, 1}, (cw_dim3){256, 1, 1}, args, 3);
      th[r] = hand_run(hj);
    }
    CK(cw_memcpy_dtoh(ctx, sb, ds, sizeof(float) * (size_t)nb));
    report("reduce 16M (block 256)", median(tb, REPS), median(th, REPS), agree(sb, s, nb, 1e-4f));
    free(x); free(s); free(sb);
    cw_free(ctx, dx); cw_free(ctx, ds);
  }
  { /* sgemm 512 */
    int n = 512;
    float *A = rnd((long)n * n, 4), *B = rnd((long)n * n, 5), *C = malloc(sizeof(float) * (size_t)n * n),
          *Cb = malloc(sizeof(float) * (size_t)n * n);
    cw_deviceptr dA = upload(A, (long)n * n), dB = upload(B, (long)n * n), dC = upload(NULL, (long)n * n);
    void *args[] = {&dA, &dB, &dC, &n};
    hjob hj = {.which = 2, .n = n, .A = A, .B = B, .C = C};
    for (int r = 0; r < REPS; r++) {
      tb[r] = backend_run(k_sgemm, (cw_dim3){(unsigned)n / 16, (unsigned)n / 16, 1}, (cw_dim3){16, 16, 1}, args, 4);
      th[r] = hand_run(hj);
    }
    CK(cw_memcpy_dtoh(ctx, Cb, dC, sizeof(float) * (size_t)n * n));
    report("sgemm 512 (16x16 tiles)", median(tb, REPS), median(th, REPS), agree(Cb, C, (long)n * n, 1e-3f));
    free(A); free(B); free(C); free(Cb);
    cw_free(ctx, dA); cw_free(ctx, dB); cw_free(ctx, dC);
  }
  { /* 5-point stencil 2048^2 */
    int n = 2048;
    long nn = (long)n * n;
    float *in = rnd(nn, 6), *out = calloc((size_t)nn, sizeof(float)), *ob = malloc(sizeof(float) * (size_t)nn);
    cw_deviceptr di = upload(in, nn), dout = upload(out, nn);
    void *args[] = {&di, &dout, &n};
    hjob hj = {.which = 3, .n = n, .x = in, .y = out};
    for (int r = 0; r < REPS; r++) {
      tb[r] = backend_run(k_stencil, (cw_dim3){(unsigned)n / 32, (unsigned)n / 8, 1}, (cw_dim3){32, 8, 1}, args, 3);
      th[r] = hand_run(hj);
    }
    CK(cw_memcpy_dtoh(ctx, ob, dout, sizeof(float) * (size_t)nn));
    report("stencil 2048^2 (5-point)", median(tb, REPS), median(th, REPS), agree(ob, out, nn, 1e-5f));
    free(in); free(out); free(ob);
    cw_free(ctx, di); cw_free(ctx, dout);
  }
  { /* launch overhead */
    enum { N = 10000 };
    static double t[N];
    for (int i = 0; i < 100; i++) CK(cw_launch(k_empty, (cw_dim3){1, 1, 1}, (cw_dim3){1, 1, 1}, 0, NULL, 0));
    for (int i = 0; i < N; i++) {
      struct timespec a, b;
      clock_gettime(CLOCK_MONOTONIC, &a);
      cw_launch(k_empty, (cw_dim3){1, 1, 1}, (cw_dim3){1, 1, 1}, 0, NULL, 0);
      cw_synchronize(ctx);
      clock_gettime(CLOCK_MONOTONIC, &b);
      t[i] = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3;
    }
    printf("launch overhead (empty kernel, 1 block, launch + synchronize): median %.3f us over %d\n", median(t, N), N);
  }
  cw_module_unload(m);
  cw_context_destroy(ctx);
  return 0;
}
