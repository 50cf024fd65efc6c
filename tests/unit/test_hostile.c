/* Hostile and unusual inputs through the whole transpiler (cw_transpile), for
 * both targets: each must end in a precise error (or a correct success), never
 * a crash, a stack overflow, a hang or an internal error. Most cases are the
 * essence of a bug found by fuzzing or by hand; the comment names the cause.
 * Run under ASan+UBSan (-DCW_SANITIZE=ON) to catch what the checks cannot. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cudawasm.h"

static int npass, nfail;

#define CHECK(cond, ...)                          \
  do {                                            \
    if (cond) npass++;                            \
    else {                                        \
      nfail++;                                    \
      printf("FAIL %s:%d: ", __FILE__, __LINE__); \
      printf(__VA_ARGS__);                        \
      printf("\n");                               \
    }                                             \
  } while (0)

/* ---- generated sources ---- */
typedef struct {
  char *p;
  size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0 || (size_t)k >= sizeof tmp) abort();
  if (b->n + (size_t)k + 1 > b->cap) {
    b->cap = (b->n + (size_t)k + 1) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) abort();
  }
  memcpy(b->p + b->n, tmp, (size_t)k + 1);
  b->n += (size_t)k;
}

static void rep(buf *b, const char *s, int n) {
  for (int i = 0; i < n; i++) put(b, "%s", s);
}

/* ---- running ---- */
static const char *tname(int t) { return t ? "c" : "wgsl"; }

/* Transpiles src for target t; returns the first error message (static copy)
 * or NULL on success. An internal error or an inconsistent result fails. */
static const char *transpile(const char *src, size_t len, int t, int *status) {
  static char msg[1024];
  cw_transpile_options o = {.target = t ? CW_TARGET_C : CW_TARGET_WGSL, .filename = "h.cu"};
  cw_transpile_result *r = cw_transpile(src, len, &o);
  const char *first = NULL;
  for (int i = 0; i < r->ndiags; i++)
    if (r->diags[i].severity == CW_DIAG_ERROR && !first) {
      snprintf(msg, sizeof msg, "%s", r->diags[i].message);
      first = msg;
    }
  *status = (int)r->status;
  CHECK(r->status != CW_TRANSPILE_INTERNAL, "[%s] internal error: %s", tname(t), first ? first : "?");
  CHECK((r->status == CW_TRANSPILE_OK) == (!first && r->code), "[%s] status %d does not match diagnostics",
        tname(t), (int)r->status);
  cw_transpile_result_free(r);
  return first;
}

/* Both targets must reject src with a message containing `want`. */
static void rejects(const char *what, const char *src, size_t len, const char *want) {
  for (int t = 0; t < 2; t++) {
    int st;
    const char *m = transpile(src, len, t, &st);
    CHECK(st == CW_TRANSPILE_REJECTED && m && strstr(m, want), "%s [%s]: want '%s', got '%s'", what,
          tname(t), want, m ? m : "(success)");
  }
}

/* Both targets must accept src; returns nothing (the code is checked by the
 * corpus suites, this only guards against crashes and false rejections). */
static void accepts(const char *what, const char *src, size_t len) {
  for (int t = 0; t < 2; t++) {
    int st;
    const char *m = transpile(src, len, t, &st);
    CHECK(st == CW_TRANSPILE_OK, "%s [%s]: rejected: %s", what, tname(t), m ? m : "?");
  }
}

/* Like accepts, and the generated code must contain `want`. */
static void accepts_with(const char *what, const char *src, int t, const char *want) {
  cw_transpile_options o = {.target = t ? CW_TARGET_C : CW_TARGET_WGSL, .filename = "h.cu"};
  cw_transpile_result *r = cw_transpile(src, strlen(src), &o);
  CHECK(r->status == CW_TRANSPILE_OK && r->code && strstr(r->code, want), "%s [%s]: want '%s' in:\n%s",
        what, tname(t), want, r->code ? r->code : (r->ndiags ? r->diags[0].message : "?"));
  cw_transpile_result_free(r);
}

#define S(lit) lit, sizeof(lit) - 1

/* ---- cases ---- */

/* `int j = j;` read the variable in its own initialiser: the lowering fused
 * the two into one DECL whose init used the variable (IR validation failed
 * "used before its declaration" -> internal error). Found by the fuzzer. */
static void test_self_init(void) {
  accepts("self-initialisation",
          S("__global__ void k(int *y) { int j = j; int q = q + 1; float f = (f = 2.0f) + 1.0f;"
            " y[0] = j + q + (int)f; }"));
  /* f = 2, then f = f + 1 (folded to 3): the declaration must come first */
  accepts_with("self-init order", "__global__ void k(float *y) { float f = (f = 2.0f) + 1.0f; y[0] = f; }",
               1, "f = (0x1p+1f);");
}

/* Left-associative chains are parsed by loops, so the recursion limit did not
 * bound the tree; lowering (and every later walker) overflowed the stack. */
static void test_long_chains(void) {
  static const struct { const char *pre, *item, *sep, *post; } ch[] = {
      {"__global__ void k(float *y) { float a = y[0]; y[1] = ", "a", "+", "; }"},
      {"__global__ void k(int *y) { int a = y[0]; y[1] = ", "a", "||", "; }"},
      {"__global__ void k(int *y) { int a = y[0]; y[1] = (", "a", ",", "); }"},
      {"__global__ void k(int *y) { int s[", "1", "+", "]; y[0] = s[0]; }"},
      {"struct N { N *next; int v; };\n__global__ void k(N *n, int *y) { y[0] = n", "->next", "", "->v; }"},
  };
  for (size_t c = 0; c < sizeof ch / sizeof ch[0]; c++) {
    buf b = {0};
    put(&b, "%s", ch[c].pre);
    for (int i = 0; i < 50000; i++) put(&b, "%s%s", i ? ch[c].sep : "", ch[c].item);
    put(&b, "%s", ch[c].post);
    rejects("long chain", b.p, b.n, "expression is too complex");
    free(b.p);
  }
  /* a long but reasonable sum still works */
  buf b = {0};
  put(&b, "__global__ void k(float *y) { float a = y[0]; y[1] = a");
  rep(&b, " + a", 500);
  put(&b, "; }");
  accepts("500-term sum", b.p, b.n);
  free(b.p);
}

/* Nesting errors name what is nested. */
static void test_nesting(void) {
  buf b = {0};
  put(&b, "__global__ void k(int *y, int n) {");
  rep(&b, "if (n > 0) ", 5000);
  put(&b, "y[0] = 1; }");
  rejects("nested ifs", b.p, b.n, "statements nested too deeply");
  free(b.p);
  b = (buf){0};
  put(&b, "__global__ void k(int *y, int n) {");
  rep(&b, "for (int i = 0; i < n; i++) {", 5000);
  rep(&b, "}", 5000);
  put(&b, "}");
  rejects("nested loops", b.p, b.n, "statements nested too deeply");
  free(b.p);
  b = (buf){0};
  put(&b, "struct T { ");
  rep(&b, "struct { ", 1000);
  put(&b, "int x; ");
  rep(&b, "} a; ", 1000);
  put(&b, "};\n__global__ void k(int *y) { y[0] = 1; }");
  rejects("nested struct definitions", b.p, b.n, "struct definitions nested too deeply");
  free(b.p);
  /* 100 nested loops are fine */
  b = (buf){0};
  put(&b, "__global__ void k(int *y, int n) {");
  rep(&b, "while (n > 0) { n--;", 100);
  rep(&b, "}", 100);
  put(&b, " y[0] = n; }");
  accepts("100 nested loops", b.p, b.n);
  free(b.p);
}

/* Inlining: f_i calls f_{i-1} twice doubled the code per level (exponential
 * time and memory); a long linear chain nested blocks without limit. */
static void test_inline_limits(void) {
  buf b = {0};
  put(&b, "__device__ float f0(float x) { return x + 1.0f; }\n");
  for (int i = 1; i < 60; i++) put(&b, "__device__ float f%d(float x) { return f%d(x) + f%d(x); }\n", i, i - 1, i - 1);
  put(&b, "__global__ void k(float *y) { y[0] = f59(y[0]); }\n");
  rejects("exponential inlining", b.p, b.n, "too large (more than 1000000 IR nodes after inlining)");
  free(b.p);
  b = (buf){0};
  put(&b, "__device__ float f0(float x) { return x + 1.0f; }\n");
  for (int i = 1; i < 3000; i++) put(&b, "__device__ float f%d(float x) { return f%d(x) * 2.0f; }\n", i, i - 1);
  put(&b, "__global__ void k(float *y) { y[0] = f2999(y[0]); }\n");
  rejects("deep call chain", b.p, b.n, "nests statements too deeply");
  free(b.p);
  /* the same chain declared callers-first: the DFS itself must stop */
  b = (buf){0};
  for (int i = 3000; i > 0; i--) put(&b, "__device__ float f%d(float x);\n", i);
  put(&b, "__global__ void k(float *y) { y[0] = f3000(y[0]); }\n");
  for (int i = 3000; i > 1; i--) put(&b, "__device__ float f%d(float x) { return f%d(x) * 2.0f; }\n", i, i - 1);
  put(&b, "__device__ float f1(float x) { return x + 1.0f; }\n");
  rejects("deep call chain, callers first", b.p, b.n, "nests statements too deeply");
  free(b.p);
  /* a chain of 100 is fine */
  b = (buf){0};
  put(&b, "__device__ float f0(float x) { return x + 1.0f; }\n");
  for (int i = 1; i < 100; i++) put(&b, "__device__ float f%d(float x) { return f%d(x) * 2.0f; }\n", i, i - 1);
  put(&b, "__global__ void k(float *y) { y[0] = f99(y[0]); }\n");
  accepts("call chain of 100", b.p, b.n);
  free(b.p);
}

/* Sizes: several large __shared__ arrays overflowed the int byte count
 * (UBSan, metadata.c); by-value struct parameters expand to one uniform slot
 * per leaf (a 1 GiB struct never finished); an initialised 64 MiB __constant__
 * took seconds to print. All are CUDA compile errors too. */
static void test_sizes(void) {
  rejects("shared sum overflow",
          S("__global__ void k(float *y) { __shared__ float a[1<<27]; __shared__ float b[1<<27];"
            " __shared__ float c[1<<27]; __shared__ float d[1<<27]; a[0] = b[0] = c[0] = d[0] = 1.0f;"
            " y[0] = a[1] + b[1] + c[1] + d[1]; }"),
          "uses 2147483648 bytes of static __shared__ memory");
  rejects("shared 1<<30 floats", S("__global__ void k(float *y) { __shared__ float s[1<<30]; s[0] = 1.0f; y[0] = s[0]; }"),
          "array is too large");
  rejects("shared 2D overflow",
          S("__global__ void k(float *y) { __shared__ float s[65536][65536]; y[0] = s[0][0]; }"),
          "array is too large");
  rejects("huge by-value parameter", S("struct P { float a[1<<26]; };\n__global__ void k(P p, float *y) { y[0] = p.a[3]; }"),
          "bytes of parameters; CUDA allows at most 32764");
  rejects("huge constant", S("__constant__ float c[1<<24] = {1.0f};\n__global__ void k(float *y) { y[0] = c[3]; }"),
          "CUDA allows at most 65536 (64 KiB)");
  accepts("48 KiB of shared", S("__global__ void k(float *y) { __shared__ float s[12288]; s[threadIdx.x] = 1.0f;"
                                " __syncthreads(); y[0] = s[5]; }"));
  accepts("8000-float parameter", S("struct P { float a[8000]; };\n__global__ void k(P p, float *y) { y[0] = p.a[3]; }"));
}

/* Big but legal shapes must stay fast (each was quadratic before): a switch
 * with 10000 cases (one 10000-entry label array per case: gigabytes), 10000
 * locals in one scope, 2000 kernels. */
static void test_wide(void) {
  buf b = {0};
  put(&b, "__global__ void k(int *y, int n) { switch (n) {");
  for (int i = 0; i < 10000; i++) put(&b, "case %d: y[0] = %d; break;", i, i);
  put(&b, "} }");
  accepts("10000 cases", b.p, b.n);
  free(b.p);
  b = (buf){0};
  put(&b, "__global__ void k(int *y) {");
  for (int i = 0; i < 10000; i++) put(&b, "int v%d = %d;", i, i);
  put(&b, "y[0] = v9999; }");
  accepts("10000 locals", b.p, b.n);
  free(b.p);
  b = (buf){0};
  for (int i = 0; i < 2000; i++) put(&b, "__global__ void k%d(float *y) { y[0] = %d.0f; }\n", i, i);
  accepts("2000 kernels", b.p, b.n);
  free(b.p);
}

/* Switch labels: a run of labels was parsed by recursion (one level per
 * label: 300 stacked labels hit "nested too deeply"), and a `default` before
 * `case 0` was reported as a duplicate of 0 (its case_val is 0). */
static void test_switch_labels(void) {
  buf b = {0};
  put(&b, "__global__ void k(int *y, int n) { switch (n) {");
  for (int i = 0; i < 3000; i++) put(&b, "case %d: ", i);
  put(&b, "y[0] = 1; break; default: y[0] = 2; } }");
  accepts("3000 stacked labels", b.p, b.n);
  free(b.p);
  accepts("default before case 0",
          S("__global__ void k(int *y, int n) { switch (n) { default: y[0] = 2; break; case 0: y[0] = 1; break; } }"));
  rejects("duplicate case", S("__global__ void k(int *y, int n) { switch (n) { case 1: case 1: y[0] = 1; } }"),
          "duplicate case value '1'");
}

/* Constant float -> int conversions that are out of range folded to values
 * the run-time code never produces ((int)1e30f was -1, (unsigned)-1.0f was
 * 4294967295); CUDA, WGSL and the C target saturate. */
static void test_fold_saturates(void) {
  const char *src = "__global__ void k(int *y, unsigned *u) { y[0] = (int)1e30f; y[1] = (int)-1e30f;"
                    " u[0] = (unsigned)-1.0f; y[2] = (int)(float)2147483647; }";
  accepts_with("(int)1e30f", src, 0, "y[0i] = 2147483647i;");
  accepts_with("(int)-1e30f", src, 0, "y[1i] = i32(-2147483647 - 1);");
  accepts_with("(unsigned)-1.0f", src, 0, "u[0i] = 0u;");
  accepts_with("(int)2^31", src, 0, "y[2i] = 2147483647i;");
}

/* Types nested without recursion in the parser (a declarator's `*` loop,
 * chains of typedefs or of structs holding the previous struct) were walked
 * recursively by the lowering: 100000 nested structs overflowed the stack. */
static void test_type_depth(void) {
  buf b = {0};
  put(&b, "__global__ void k(int *y) { int ");
  rep(&b, "*", 50000);
  put(&b, "p; y[0] = 1; }");
  rejects("50000 stars", b.p, b.n, "type nested too deeply");
  free(b.p);
  b = (buf){0};
  for (int i = 0; i < 2000; i++)
    i ? put(&b, "struct S%d { struct S%d a; int x; };\n", i, i - 1) : put(&b, "struct S0 { int x; };\n");
  put(&b, "__global__ void k(int *y) { S1999 s; s.x = 1; y[0] = s.x; }\n");
  rejects("2000 nested structs", b.p, b.n, "type nested too deeply");
  free(b.p);
  b = (buf){0};
  put(&b, "typedef int A0[1];\n");
  for (int i = 1; i < 2000; i++) put(&b, "typedef A%d A%d[1];\n", i - 1, i);
  put(&b, "__global__ void k(int *y) { A1999 a; y[0] = 1; }\n");
  rejects("2000 nested array typedefs", b.p, b.n, "type nested too deeply");
  free(b.p);
  b = (buf){0};
  for (int i = 0; i < 50; i++)
    i ? put(&b, "struct S%d { struct S%d a; int x; };\n", i, i - 1) : put(&b, "struct S0 { int x; };\n");
  put(&b, "__global__ void k(int *y) { S49 s; s.x = 1; y[0] = s.x; }\n");
  accepts("50 nested structs", b.p, b.n);
  free(b.p);
  /* a pointer cycle through a struct terminates (pointers in buffers are a
   * language restriction, reported cleanly) */
  rejects("self-referential struct", S("struct N { N *next; int v; };\n__global__ void k(N *n, int *y) { y[0] = n->v; }"),
          "storing a pointer in memory is not supported");
}

/* A parenthesised declarator was parsed twice per level (once to skip it):
 * 40 levels meant 2^40 parses (fuzzer timeout). Now linear; a malformed
 * inside is still reported. */
static void test_nested_declarator(void) {
  buf b = {0};
  put(&b, "__device__ float ");
  rep(&b, "(", 200);
  put(&b, "g");
  rep(&b, ")", 200);
  put(&b, ";\n__global__ void k(float *y) { y[0] = g; }\n");
  accepts("200 parenthesised declarators", b.p, b.n);
  free(b.p);
  b = (buf){0};
  put(&b, "int nn(int");
  rep(&b, "(", 60);
  rep(&b, ")", 60);
  put(&b, " t);\n__global__ void k(float *y) { y[0] = 1.0f; }\n");
  accepts("60 nested parentheses in a host prototype", b.p, b.n);
  free(b.p);
  accepts_with("(*p)[4]", "__global__ void k(float *y) { float a[2][4]; float (*p)[4] = a; a[1][2] = 3.0f; y[0] = p[1][2]; }",
               0, "y[0i] =");
  rejects("unclosed declarator", S("__device__ float (x y);\n__global__ void k(float *y) { }"),
          "expected ')' in declarator");
}

int main(void) {
  test_nested_declarator();
  test_type_depth();
  test_fold_saturates();
  test_switch_labels();
  test_self_init();
  test_long_chains();
  test_nesting();
  test_inline_limits();
  test_sizes();
  test_wide();
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
