/* The cpu backend's embedded compiler: libtcc (TinyCC) compiling the C
 * target's output in memory, for hosts without a system C compiler.
 *
 * Nothing outside the process is used: no tcc headers, no libtcc1.a, no
 * libc headers (-nostdinc -nostdlib). The generated code's `#include <...>`
 * lines are dropped and replaced by the prelude below, which declares what
 * that code uses; every function it calls (libm, memcpy, tcc's own helpers,
 * atomics) is handed to tcc with tcc_add_symbol as a function of this
 * library, so relocation never looks anything up by name elsewhere.
 *
 * Atomics: this tcc (0.9.27, Debian) has no <stdatomic.h> and no __atomic
 * builtins. The prelude maps C11's atomic_*_explicit names onto helpers
 * compiled here by the real compiler with C11 atomics (sequentially
 * consistent, stronger than the relaxed order asked for), on 4- and 8-byte
 * objects. Any other size refers to cw_tcc_atomic_size_unsupported, which is
 * never defined: relocation fails and the module is refused with that name,
 * instead of running a non-atomic update.
 *
 * libtcc keeps global state: compilations are serialised by a mutex. The
 * compiled code lives until cw_tcc_free (the module's unload). */
#include <libtcc.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/cpu/tcc.h"
#include "rt/fault.h"

struct cw_tcc_unit {
  TCCState *s;
};

/* ---- helpers the generated code calls (compiled by the real compiler) ---- */
static uint64_t ld32(void *p) { return atomic_load((_Atomic uint32_t *)p); }
static uint64_t ld64(void *p) { return atomic_load((_Atomic uint64_t *)p); }
/* stores return 0 so that every branch of the prelude's size dispatch has one type */
static uint64_t st32(void *p, uint64_t v) { atomic_store((_Atomic uint32_t *)p, (uint32_t)v); return 0; }
static uint64_t st64(void *p, uint64_t v) { atomic_store((_Atomic uint64_t *)p, v); return 0; }
static uint64_t xchg32(void *p, uint64_t v) { return atomic_exchange((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t xchg64(void *p, uint64_t v) { return atomic_exchange((_Atomic uint64_t *)p, v); }
static uint64_t add32(void *p, uint64_t v) { return atomic_fetch_add((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t add64(void *p, uint64_t v) { return atomic_fetch_add((_Atomic uint64_t *)p, v); }
static uint64_t sub32(void *p, uint64_t v) { return atomic_fetch_sub((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t sub64(void *p, uint64_t v) { return atomic_fetch_sub((_Atomic uint64_t *)p, v); }
static uint64_t and32(void *p, uint64_t v) { return atomic_fetch_and((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t and64(void *p, uint64_t v) { return atomic_fetch_and((_Atomic uint64_t *)p, v); }
static uint64_t or32(void *p, uint64_t v) { return atomic_fetch_or((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t or64(void *p, uint64_t v) { return atomic_fetch_or((_Atomic uint64_t *)p, v); }
static uint64_t xor32(void *p, uint64_t v) { return atomic_fetch_xor((_Atomic uint32_t *)p, (uint32_t)v); }
static uint64_t xor64(void *p, uint64_t v) { return atomic_fetch_xor((_Atomic uint64_t *)p, v); }
/* *expected is updated with the current value on failure, as in C11 */
static int cas32(void *p, void *expected, uint64_t v) {
  return atomic_compare_exchange_strong((_Atomic uint32_t *)p, (uint32_t *)expected, (uint32_t)v);
}
static int cas64(void *p, void *expected, uint64_t v) {
  return atomic_compare_exchange_strong((_Atomic uint64_t *)p, (uint64_t *)expected, v);
}
static void fence(void) { atomic_thread_fence(memory_order_seq_cst); }

/* GCC builtins the generated code uses, as functions */
static int popcount64(uint64_t x) { return __builtin_popcountll(x); }
static int clz64(uint64_t x) { return x ? __builtin_clzll(x) : 64; }
static int ctz64(uint64_t x) { return x ? __builtin_ctzll(x) : 64; }
static int isinf_d(double x) { return isinf(x) != 0; }
static int isfinite_d(double x) { return isfinite(x) != 0; }
static int signbit_d(double x) { return signbit(x) != 0; }

/* tcc's x86-64 code calls these for unsigned 64-bit <-> floating conversions
 * (libtcc1.a's job, absent here). Out-of-range inputs never reach them from
 * the generated code, which saturates first (cw_f2u64); they are clamped
 * anyway so that no conversion is undefined. */
static uint64_t fixunssfdi(float x) { return !(x > 0.0f) ? 0 : x >= 18446744073709551616.0f ? UINT64_MAX : (uint64_t)x; }
static uint64_t fixunsdfdi(double x) { return !(x > 0.0) ? 0 : x >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)x; }
static float floatundisf(uint64_t x) { return (float)x; }
static double floatundidf(uint64_t x) { return (double)x; }

static const char prelude[] =
    "typedef signed char int8_t; typedef short int16_t; typedef int int32_t; typedef long long int64_t;\n"
    "typedef unsigned char uint8_t; typedef unsigned short uint16_t; typedef unsigned int uint32_t;\n"
    "typedef unsigned long long uint64_t; typedef unsigned long size_t; typedef long ptrdiff_t;\n"
    "typedef long intptr_t; typedef unsigned long uintptr_t;\n"
    "#define bool _Bool\n#define true 1\n#define false 0\n#define NULL ((void *)0)\n"
    "#define INT8_MIN (-128)\n#define INT8_MAX 127\n#define UINT8_MAX 255\n"
    "#define INT16_MIN (-32768)\n#define INT16_MAX 32767\n#define UINT16_MAX 65535\n"
    "#define INT32_MIN (-2147483647 - 1)\n#define INT32_MAX 2147483647\n#define UINT32_MAX 4294967295u\n"
    "#define INT64_MIN (-9223372036854775807LL - 1)\n#define INT64_MAX 9223372036854775807LL\n"
    "#define UINT64_MAX 18446744073709551615ULL\n#define SIZE_MAX 18446744073709551615UL\n"
    /* tcc folds 0.0f / 0.0f to the negative NaN of x86 (and -(0.0f / 0.0f) too):
     * gcc's NAN is the positive quiet NaN, built from its bits here. The
     * generated code uses NAN only inside functions, never in initialisers. */
    "#define INFINITY (1.0f / 0.0f)\n#define NAN cw_tcc_nan()\n"
    "void *memcpy(void *, const void *, size_t);\n"
    "static inline float cw_tcc_nan(void) { uint32_t u = 0x7fc00000u; float f; memcpy(&f, &u, 4); return f; }\n"
    "#define INT32_C(x) x\n#define UINT32_C(x) x##u\n#define INT64_C(x) x##LL\n#define UINT64_C(x) x##ULL\n"
    "#define isnan(x) ((x) != (x))\n#define isinf(x) cw_tcc_isinf((double)(x))\n"
    "#define isfinite(x) cw_tcc_isfinite((double)(x))\n#define signbit(x) cw_tcc_signbit((double)(x))\n"
    "int cw_tcc_isinf(double); int cw_tcc_isfinite(double); int cw_tcc_signbit(double);\n"
    "#define __builtin_popcount(x) cw_tcc_popcount64((uint32_t)(x))\n"
    "#define __builtin_popcountll(x) cw_tcc_popcount64((uint64_t)(x))\n"
    "#define __builtin_clz(x) (cw_tcc_clz64((uint32_t)(x)) - 32)\n"
    "#define __builtin_clzll(x) cw_tcc_clz64((uint64_t)(x))\n"
    "#define __builtin_ctz(x) cw_tcc_ctz64((uint32_t)(x))\n"
    "#define __builtin_ctzll(x) cw_tcc_ctz64((uint64_t)(x))\n"
    "#define __builtin_unreachable() ((void)0)\n"
    "int cw_tcc_popcount64(uint64_t); int cw_tcc_clz64(uint64_t); int cw_tcc_ctz64(uint64_t);\n"
    "void *memcpy(void *, const void *, size_t); void *memmove(void *, const void *, size_t);\n"
    "void *memset(void *, int, size_t); int memcmp(const void *, const void *, size_t);\n"
#define CW_TCC_MATH1(X) X(acos) X(acosh) X(asin) X(asinh) X(atan) X(atanh) X(cbrt) X(ceil) X(cos) X(cosh) \
  X(erf) X(erfc) X(exp) X(exp2) X(expm1) X(fabs) X(floor) X(log) X(log10) X(log1p) X(log2) X(rint)      \
  X(round) X(sin) X(sinh) X(sqrt) X(tan) X(tanh) X(trunc)
#define CW_TCC_MATH2(X) X(atan2) X(copysign) X(fdim) X(fmax) X(fmin) X(fmod) X(hypot) X(pow) X(remainder)
#define DECL1(f) "double " #f "(double); float " #f "f(float);\n"
#define DECL2(f) "double " #f "(double, double); float " #f "f(float, float);\n"
    CW_TCC_MATH1(DECL1) CW_TCC_MATH2(DECL2)
    "double fma(double, double, double); float fmaf(float, float, float);\n"
    "double ldexp(double, int); float ldexpf(float, int);\n"
    /* C11 atomics over the helpers above; _Atomic qualifies nothing here */
    "#define _Atomic\n"
    "#define memory_order_relaxed 0\n#define memory_order_consume 1\n#define memory_order_acquire 2\n"
    "#define memory_order_release 3\n#define memory_order_acq_rel 4\n#define memory_order_seq_cst 5\n"
    "uint64_t cw_tcc_atomic_size_unsupported(void);\n"
    "#define CW_TCC_AT(p, f32, f64, ...) (sizeof(*(p)) == 4 ? f32((void *)(p), ##__VA_ARGS__) : "
    "sizeof(*(p)) == 8 ? f64((void *)(p), ##__VA_ARGS__) : cw_tcc_atomic_size_unsupported())\n"
    "#define CW_TCC_RMW(p, v, f32, f64) ((__typeof__(*(p)))CW_TCC_AT(p, f32, f64, (uint64_t)(v)))\n"
    "uint64_t cw_tcc_ld32(void *); uint64_t cw_tcc_ld64(void *);\n"
    "uint64_t cw_tcc_st32(void *, uint64_t); uint64_t cw_tcc_st64(void *, uint64_t);\n"
    "int cw_tcc_cas32(void *, void *, uint64_t); int cw_tcc_cas64(void *, void *, uint64_t);\n"
#define OPS(X) X(xchg) X(add) X(sub) X(and) X(or) X(xor)
#define DECLOP(o) "uint64_t cw_tcc_" #o "32(void *, uint64_t); uint64_t cw_tcc_" #o "64(void *, uint64_t);\n"
    OPS(DECLOP)
    "#define atomic_load_explicit(p, o) ((__typeof__(*(p)))CW_TCC_AT(p, cw_tcc_ld32, cw_tcc_ld64))\n"
    "#define atomic_store_explicit(p, v, o) ((void)CW_TCC_AT(p, cw_tcc_st32, cw_tcc_st64, (uint64_t)(v)))\n"
    "#define atomic_exchange_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_xchg32, cw_tcc_xchg64)\n"
    "#define atomic_fetch_add_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_add32, cw_tcc_add64)\n"
    "#define atomic_fetch_sub_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_sub32, cw_tcc_sub64)\n"
    "#define atomic_fetch_and_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_and32, cw_tcc_and64)\n"
    "#define atomic_fetch_or_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_or32, cw_tcc_or64)\n"
    "#define atomic_fetch_xor_explicit(p, v, o) CW_TCC_RMW(p, v, cw_tcc_xor32, cw_tcc_xor64)\n"
    "#define atomic_compare_exchange_strong_explicit(p, e, v, o1, o2) "
    "((_Bool)CW_TCC_AT(p, cw_tcc_cas32, cw_tcc_cas64, (void *)(e), (uint64_t)(v)))\n"
    "#define atomic_compare_exchange_weak_explicit atomic_compare_exchange_strong_explicit\n"
    "void cw_tcc_fence(void);\n#define atomic_thread_fence(o) cw_tcc_fence()\n"
    "#line 1 \"generated.c\"\n";

typedef struct sym { const char *name; void *fn; } sym;

/* function -> object pointer for tcc_add_symbol (POSIX guarantees it round-trips) */
#define FN(f) ((void *)(uintptr_t)(f))
#define SYM1(n) {#n, FN(n)}, {#n "f", FN(n##f)},

static const sym host_syms[] = {
    CW_TCC_MATH1(SYM1) CW_TCC_MATH2(SYM1) SYM1(fma) SYM1(ldexp)
    {"memcpy", FN(memcpy)}, {"memmove", FN(memmove)}, {"memset", FN(memset)}, {"memcmp", FN(memcmp)},
    {"cw_tcc_isinf", FN(isinf_d)}, {"cw_tcc_isfinite", FN(isfinite_d)}, {"cw_tcc_signbit", FN(signbit_d)},
    {"cw_tcc_popcount64", FN(popcount64)}, {"cw_tcc_clz64", FN(clz64)}, {"cw_tcc_ctz64", FN(ctz64)},
    {"cw_tcc_ld32", FN(ld32)}, {"cw_tcc_ld64", FN(ld64)}, {"cw_tcc_st32", FN(st32)}, {"cw_tcc_st64", FN(st64)},
    {"cw_tcc_cas32", FN(cas32)}, {"cw_tcc_cas64", FN(cas64)}, {"cw_tcc_fence", FN(fence)},
    {"cw_tcc_xchg32", FN(xchg32)}, {"cw_tcc_xchg64", FN(xchg64)}, {"cw_tcc_add32", FN(add32)},
    {"cw_tcc_add64", FN(add64)}, {"cw_tcc_sub32", FN(sub32)}, {"cw_tcc_sub64", FN(sub64)},
    {"cw_tcc_and32", FN(and32)}, {"cw_tcc_and64", FN(and64)}, {"cw_tcc_or32", FN(or32)},
    {"cw_tcc_or64", FN(or64)}, {"cw_tcc_xor32", FN(xor32)}, {"cw_tcc_xor64", FN(xor64)},
    {"__fixunssfdi", FN(fixunssfdi)}, {"__fixunsdfdi", FN(fixunsdfdi)},
    {"__floatundisf", FN(floatundisf)}, {"__floatundidf", FN(floatundidf)},
};

bool cw_tcc_available(char *why, size_t whylen) {
  if (cw_fault_on(CW_FAULT_NO_TCC)) {
    snprintf(why, whylen, "libtcc cannot start (simulated: CW_FAULT=no-tcc)");
    return false;
  }
  return true;
}

const char *cw_tcc_version(void) { return "libtcc " CW_TCC_VERSION; }

/* tcc's messages, collected for the error (first lines only) */
typedef struct msgs { char *buf; size_t len, used; } msgs;

static void on_error(void *u, const char *m) {
  msgs *e = u;
  if (!e->buf || e->used + 2 >= e->len) return;
  int n = snprintf(e->buf + e->used, e->len - e->used, "%s%s", e->used ? "; " : "", m);
  if (n > 0) e->used += (size_t)n < e->len - e->used ? (size_t)n : e->len - e->used - 1;
}

/* The code without its `#include <...>` lines (the prelude replaces them). */
static char *strip_system_includes(const char *code) {
  size_t n = strlen(code);
  char *out = malloc(n + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (const char *p = code; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
    bool inc = !strncmp(p, "#include <", 10);
    if (inc) out[o++] = '\n'; /* keeps line numbers */
    else {
      memcpy(out + o, p, len);
      o += len;
    }
    p += len;
  }
  out[o] = 0;
  return out;
}

static pthread_mutex_t tcc_lock = PTHREAD_MUTEX_INITIALIZER;

cw_tcc_unit *cw_tcc_compile(const char *code, char *err, size_t errlen) {
  char *body = strip_system_includes(code);
  size_t plen = strlen(prelude);
  char *src = body ? malloc(plen + strlen(body) + 1) : NULL;
  cw_tcc_unit *u = src ? calloc(1, sizeof *u) : NULL;
  if (!u) {
    snprintf(err, errlen, "out of host memory");
    free(body);
    free(src);
    return NULL;
  }
  memcpy(src, prelude, plen);
  strcpy(src + plen, body);
  free(body);
  msgs m = {err, errlen, 0};
  if (errlen) err[0] = 0;
  pthread_mutex_lock(&tcc_lock);
  bool ok = false;
  u->s = tcc_new();
  if (u->s) {
    tcc_set_error_func(u->s, &m, on_error);
    /* -w: the generated code is not for human eyes; only errors matter */
    tcc_set_options(u->s, "-nostdinc -nostdlib -w");
    tcc_set_output_type(u->s, TCC_OUTPUT_MEMORY);
    for (size_t i = 0; i < sizeof host_syms / sizeof *host_syms; i++)
      tcc_add_symbol(u->s, host_syms[i].name, host_syms[i].fn);
    ok = tcc_compile_string(u->s, src) == 0 && tcc_relocate(u->s, TCC_RELOCATE_AUTO) >= 0;
  }
  pthread_mutex_unlock(&tcc_lock);
  free(src);
  if (!ok) {
    if (!m.used) snprintf(err, errlen, "%s", u->s ? "libtcc failed without a message" : "tcc_new failed");
    cw_tcc_free(u);
    return NULL;
  }
  return u;
}

void *cw_tcc_symbol(cw_tcc_unit *u, const char *name) { return tcc_get_symbol(u->s, name); }

void cw_tcc_free(cw_tcc_unit *u) {
  if (!u) return;
  if (u->s) {
    pthread_mutex_lock(&tcc_lock);
    tcc_delete(u->s);
    pthread_mutex_unlock(&tcc_lock);
  }
  free(u);
}
