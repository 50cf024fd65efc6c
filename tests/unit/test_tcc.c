/* The cpu backend's embedded compiler (src/rt/cpu/tcc.c) on small pieces of
 * C written the way the C target writes them: the prelude's atomics (really
 * atomic across threads), the refusal of atomics of other sizes, NAN's bits,
 * the GCC builtins, and the C target's own helpers where tcc takes another
 * path (__mul64hi without __int128), each compared with a value computed
 * here by the real compiler. Exit 77 (skip) when built without libtcc. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "back/c/c_emit.h"
#include "rt/cpu/tcc.h"

#include "check.h"

/* what the generated code starts with (back/c/emit.c) */
static const char *HEAD = "#include <math.h>\n#include <stdatomic.h>\n#include <stdbool.h>\n#include <stdint.h>\n"
                          "#include <string.h>\n";

static cw_tcc_unit *build(const char *body, char *err, size_t errlen) {
  static char code[65536];
  snprintf(code, sizeof code, "%s%s%s", HEAD, cx_prelude, body);
  return cw_tcc_compile(code, err, errlen);
}

static void *sym(cw_tcc_unit *u, const char *name) {
  void *p = cw_tcc_symbol(u, name);
  if (!p) printf("no symbol %s\n", name);
  return p;
}

typedef void (*add_fn)(uint32_t *, uint64_t *, int);
static add_fn adder;
static uint32_t counter32;
static uint64_t counter64;

static pthread_barrier_t start; /* all workers at once: the increments must overlap */

static void *worker(void *arg) {
  pthread_barrier_wait(&start);
  adder(&counter32, &counter64, 200000);
  return arg;
}

int main(void) {
  char why[256];
  if (!cw_tcc_available(why, sizeof why)) {
    printf("SKIP: %s\n", why);
    return 77;
  }
  char err[1024];
  cw_tcc_unit *u = build(
      "void add(uint32_t *a, uint64_t *b, int n) { for (int i = 0; i < n; i++) {\n"
      "  atomic_fetch_add_explicit((_Atomic uint32_t *)a, 1u, memory_order_relaxed);\n"
      "  cw_atomic_add_f64((double *)(void *)b, 0.0);\n"
      "  atomic_fetch_add_explicit((_Atomic uint64_t *)b, (uint64_t)1 << 33, memory_order_relaxed); } }\n"
      "uint32_t nan_bits(void) { float f = NAN; uint32_t u; memcpy(&u, &f, 4); return u; }\n"
      "uint32_t inf_bits(void) { float f = -INFINITY; uint32_t u; memcpy(&u, &f, 4); return u; }\n"
      "int isnan_(double x) { return isnan(x); } int isinf_(float x) { return isinf(x); }\n"
      "int signbit_(float x) { return signbit(x) != 0; }\n"
      "uint64_t umulhi(uint64_t a, uint64_t b) { return cw_umul64hi(a, b); }\n"
      "int64_t mulhi(int64_t a, int64_t b) { return cw_mul64hi(a, b); }\n"
      "uint32_t bits(uint32_t x) { return cw_clz32(x) * 1000000u + cw_ffs32(x) * 1000u + (uint32_t)__builtin_popcount(x); }\n"
      "uint32_t cas(uint32_t *p, uint32_t e, uint32_t v) { return cw_atomic_cas_u32(p, e, v); }\n"
      "int32_t amin(int32_t *p, int32_t v) { return cw_atomic_min_i32(p, v); }\n"
      "uint64_t f2u(double x) { return (uint64_t)x; } double u2f(uint64_t x) { return (double)x; }\n"
      "double sq(double x) { return sqrt(x) + sinf((float)x) * 0.0; }\n",
      err, sizeof err);
  CHECK(u != NULL, "compile: %s", err);
  if (!u) goto out;

  adder = (add_fn)(uintptr_t)sym(u, "add");
  pthread_t t[4];
  pthread_barrier_init(&start, NULL, 4);
  for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  pthread_barrier_destroy(&start);
  CHECK(counter32 == 800000u && counter64 == (uint64_t)800000 << 33, "atomic counts %u %llu", counter32,
        (unsigned long long)counter64);

  uint32_t (*nb)(void) = (uint32_t(*)(void))(uintptr_t)sym(u, "nan_bits");
  uint32_t (*ib)(void) = (uint32_t(*)(void))(uintptr_t)sym(u, "inf_bits");
  CHECK(nb() == 0x7fc00000u && ib() == 0xff800000u, "NAN %08x, -INFINITY %08x", nb(), ib());
  int (*isn)(double) = (int (*)(double))(uintptr_t)sym(u, "isnan_");
  int (*isi)(float) = (int (*)(float))(uintptr_t)sym(u, "isinf_");
  int (*sb)(float) = (int (*)(float))(uintptr_t)sym(u, "signbit_");
  CHECK(isn(0.0 / 0.0 * 0) == 1 && isn(1.0) == 0 && isi(1.0f / 0.0f) == 1 && isi(3.0f) == 0 && sb(-0.0f) == 1 &&
            sb(0.0f) == 0,
        "classification");

  uint64_t (*umh)(uint64_t, uint64_t) = (uint64_t(*)(uint64_t, uint64_t))(uintptr_t)sym(u, "umulhi");
  int64_t (*mh)(int64_t, int64_t) = (int64_t(*)(int64_t, int64_t))(uintptr_t)sym(u, "mulhi");
  static const int64_t vals[] = {0, 1, -1, 2, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1, 0x123456789abcdefLL,
                                 -0x0fedcba987654321LL, 0xffffffffLL, -0x100000000LL};
  int bad = 0;
  for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
    for (size_t j = 0; j < sizeof vals / sizeof *vals; j++) {
      int64_t a = vals[i], b = vals[j];
      uint64_t want_u = (uint64_t)(((unsigned __int128)(uint64_t)a * (uint64_t)b) >> 64);
      int64_t want_s = (int64_t)(((__int128)a * b) >> 64);
      if (umh((uint64_t)a, (uint64_t)b) != want_u || mh(a, b) != want_s) bad++;
    }
  CHECK(bad == 0, "%d wrong __(u)mul64hi results", bad);

  uint32_t (*bt)(uint32_t) = (uint32_t(*)(uint32_t))(uintptr_t)sym(u, "bits");
  CHECK(bt(0) == 32000000u && bt(1) == 31001001u && bt(0x80000000u) == 32001u && bt(0xf0f0u) == 16005008u,
        "clz/ffs/popc %u %u %u %u", bt(0), bt(1), bt(0x80000000u), bt(0xf0f0u));

  uint32_t (*cs)(uint32_t *, uint32_t, uint32_t) = (uint32_t(*)(uint32_t *, uint32_t, uint32_t))(uintptr_t)sym(u, "cas");
  uint32_t x = 5;
  CHECK(cs(&x, 4, 9) == 5 && x == 5 && cs(&x, 5, 9) == 5 && x == 9, "cas");
  int32_t (*mn)(int32_t *, int32_t) = (int32_t(*)(int32_t *, int32_t))(uintptr_t)sym(u, "amin");
  int32_t m = 3;
  CHECK(mn(&m, -7) == 3 && m == -7 && mn(&m, 10) == -7 && m == -7, "atomic min");
  uint64_t (*f2u)(double) = (uint64_t(*)(double))(uintptr_t)sym(u, "f2u");
  double (*u2f)(uint64_t) = (double (*)(uint64_t))(uintptr_t)sym(u, "u2f");
  CHECK(f2u(1e19) == 10000000000000000000ull && u2f(18446744073709551615ull) == 18446744073709551616.0,
        "unsigned 64-bit conversions");
  double (*sq)(double) = (double (*)(double))(uintptr_t)sym(u, "sq");
  CHECK(sq(2.25) == 1.5, "libm through the host");
  cw_tcc_free(u);

  /* an atomic on a 2-byte object has no helper: refused, never run non-atomically */
  u = build("uint16_t h(uint16_t *p) { return atomic_fetch_add_explicit((_Atomic uint16_t *)p, 1, memory_order_relaxed); }\n",
            err, sizeof err);
  CHECK(!u && strstr(err, "undefined symbol 'cw_tcc_atomic_size_unsupported'"), "16-bit atomic: %s", u ? "compiled" : err);
  cw_tcc_free(u);
  /* errors come back with tcc's words and the generated file's line numbers */
  u = build("int broken(void) { return undeclared_thing; }\n", err, sizeof err);
  CHECK(!u && strstr(err, "generated.c:") && strstr(err, "undeclared_thing"), "%s", err);
  cw_tcc_free(u);
out:
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
