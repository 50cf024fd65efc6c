/* Unit tests for warp intrinsics: passes/predicate.c and passes/warp.c.
 * Each case runs the real front-end and the passes up to the one under test
 * on a small CUDA source, then checks the printed IR's shape (statement
 * order: what is predicated, what every thread runs) or the exact error. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "front/ast.h"
#include "front/token.h"
#include "ir/ir.h"

static int npass, nfail;
#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) npass++;                                                         \
    else {                                                                     \
      nfail++;                                                                 \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                              \
      printf(__VA_ARGS__);                                                     \
      printf("\n");                                                            \
    }                                                                          \
  } while (0)

static char ir_text[1 << 16];

/* Runs the pipeline up to (and including) `upto` ("predicate" or "warp").
 * Returns NULL and fills ir_text, or the first error message. */
static const char *compile(const char *src, const char *upto) {
  static char msg[512];
  cw_arena a;
  cw_diags d;
  jmp_buf jb;
  cw_arena_init(&a);
  cw_diags_init(&d, &a);
  d.on_error = &jb;
  ir_text[0] = 0;
  const char *ret = NULL;
  if (setjmp(jb)) {
    snprintf(msg, sizeof msg, "%s", d.count ? d.items[d.count - 1].message : "?");
    ret = msg;
  } else {
    const cw_source *s = cw_add_source(&d, "t.cu", src, (int)strlen(src));
    cw_pp_options pp = {0};
    cw_token *t = cw_preprocess(&d, s, &pp);
    cw_program *p = cw_parse(&d, t);
    ir_module *m = ir_lower(&a, &d, p);
    ir_pass_inline(m);
    ir_pass_provenance(m);
    ir_pass_simplify(m);
    ir_pass_predicate(m);
    if (!ir_validate(m, "predicate")) cw_check_errors(&d);
    if (!strcmp(upto, "warp")) {
      ir_pass_warp(m);
      if (!ir_validate(m, "warp")) cw_check_errors(&d);
    }
    cw_strbuf sb;
    cw_sb_init(&sb);
    ir_print(m, &sb);
    snprintf(ir_text, sizeof ir_text, "%s", sb.data ? sb.data : "");
    cw_sb_free(&sb);
  }
  cw_diags_free(&d);
  cw_arena_free(&a);
  return ret;
}

/* Position of the first occurrence of needle at or after from, or -1. */
static long find(const char *needle, long from) {
  const char *p = strstr(ir_text + from, needle);
  return p ? (long)(p - ir_text) : -1;
}

static int count(const char *needle) {
  int n = 0;
  for (const char *p = ir_text; (p = strstr(p, needle)); p++) n++;
  return n;
}

static void test_predicate_if_tail(void) {
  const char *err = compile("__global__ void k(float *y) {\n"
                            "  float v = y[threadIdx.x];\n"
                            "  if (threadIdx.x < 32) {\n"
                            "    v += 1.0f;\n"
                            "    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o);\n"
                            "    y[threadIdx.x] = v;\n"
                            "  }\n"
                            "}\n",
                            "predicate");
  CHECK(!err, "if tail: %s", err ? err : "");
  long p = find("decl vcw_pred: bool = threadIdx.x < 32u", 0);
  CHECK(p >= 0, "predicate declared from the condition:\n%s", ir_text);
  long run1 = find("if (vcw_pred) {", p);
  long loop = find("loop {", p);
  long w = find("warp __shfl_down_sync(", p);
  long act = find("active: vcw_pred", w);
  long st = find("y[@", w);
  CHECK(run1 > p && loop > run1 && w > loop && act > w && st > act, "order S1, loop, W(active), S2:\n%s", ir_text);
  /* the loop counter is set by every thread, the loop itself is not under the predicate */
  CHECK(find("decl o", p) > run1 && find("decl o", p) < loop && find("o = 16", p) < 0, "counter unpredicated:\n%s",
        ir_text);
  CHECK(count("if (vcw_pred)") == 4, "predicated runs: S1, the lane temp, the body, S2:\n%s", ir_text);
}

static void test_predicate_untouched(void) {
  /* no warp op: the if stays as written */
  const char *err = compile("__global__ void k(float *y) {\n"
                            "  if (threadIdx.x < 32) y[threadIdx.x] = 1.0f;\n"
                            "}\n",
                            "predicate");
  CHECK(!err && find("cw_pred", 0) < 0 && find("if (threadIdx.x < 32u)", 0) >= 0, "untouched: %s\n%s",
        err ? err : "", ir_text);
}

static void test_predicate_nested_else(void) {
  const char *err = compile("__global__ void k(int *y) {\n"
                            "  int v = y[threadIdx.x];\n"
                            "  if (v > 0) {\n"
                            "    if (v & 1) v = __reduce_add_sync(__activemask(), v);\n"
                            "    else v = -1;\n"
                            "  } else {\n"
                            "    v = __ballot_sync(__activemask(), 1);\n"
                            "  }\n"
                            "  y[threadIdx.x] = v;\n"
                            "}\n",
                            "predicate");
  CHECK(!err, "nested: %s", err ? err : "");
  CHECK(find("decl vcw_pred_", 0) >= 0 && find("active: vcw_pred_", 0) >= 0, "inner predicate:\n%s", ir_text);
  CHECK(find("vcw_pred && (!vcw_pred_", 0) >= 0, "inner else under outer && !inner:\n%s", ir_text);
  CHECK(find("active: !vcw_pred", 0) >= 0, "outer else:\n%s", ir_text);
}

static void test_warp_lowering(void) {
  const char *err = compile("__global__ void k(unsigned *y) {\n"
                            "  y[threadIdx.x] = __ballot_sync(0xffffffffu, y[threadIdx.x] > 3u);\n"
                            "}\n",
                            "warp");
  CHECK(!err, "ballot: %s", err ? err : "");
  CHECK(find("warp ", 0) < 0, "no warp op left:\n%s", ir_text);
  CHECK(find("shared vcw_warp_scratch: array<u32, 1024>", 0) >= 0, "scratch of 1024 entries:\n%s", ir_text);
  CHECK(count("barrier __syncthreads") == 2, "store, barrier, read, barrier:\n%s", ir_text);
  /* partial warps: lanes past the block's thread count are skipped */
  CHECK(find("< ((blockDim.x * blockDim.y) * blockDim.z)", 0) >= 0, "lane exists check:\n%s", ir_text);

  err = compile("__global__ void __launch_bounds__(96) k(float *y) {\n"
                "  y[threadIdx.x] = __shfl_xor_sync(0xffffffffu, y[threadIdx.x], 1);\n"
                "}\n",
                "warp");
  CHECK(!err && find("array<u32, 96>", 0) >= 0, "launch bounds size: %s\n%s", err ? err : "", ir_text);

  err = compile("__global__ void k(double *y) {\n"
                "  y[threadIdx.x] = __shfl_sync(0xffffffffu, y[threadIdx.x], 0);\n"
                "}\n",
                "warp");
  CHECK(!err && count("barrier __syncthreads") == 4, "64-bit: two rounds: %s\n%s", err ? err : "", ir_text);
}

static void test_errors(void) {
  const char *err = compile("__global__ void k(float *y, int n) {\n"
                            "  float v = 0;\n"
                            "  for (int j = threadIdx.x; j < n; j += 32) v += __shfl_down_sync(~0u, y[j], 1);\n"
                            "  y[threadIdx.x] = v;\n"
                            "}\n",
                            "warp");
  CHECK(err && !strcmp(err, "warp intrinsic '__shfl_down_sync' inside a loop whose trip count differs between "
                            "threads is not supported"),
        "divergent loop: %s", err ? err : "(none)");
  err = compile("__global__ void k(float *y, const int *c) {\n"
                "  float v = y[threadIdx.x];\n"
                "  if (threadIdx.x < 64) { int m = c[threadIdx.x];\n"
                "    for (int j = 0; j < m; j++) v += __shfl_down_sync(~0u, v, 1); }\n"
                "  y[threadIdx.x] = v;\n"
                "}\n",
                "predicate");
  CHECK(err && strstr(err, "inside a loop whose trip count differs between threads"), "predicated loop: %s",
        err ? err : "(none)");
  err = compile("__global__ void k(float *y) {\n"
                "  float v = y[threadIdx.x];\n"
                "  if (v > 0) { if (v > 2) return; v = __shfl_sync(~0u, v, 0); }\n"
                "  y[threadIdx.x] = v;\n"
                "}\n",
                "predicate");
  CHECK(err && !strcmp(err, "'return' in a branch that also contains warp intrinsic '__shfl_sync' is not supported"),
        "return in region: %s", err ? err : "(none)");
  err = compile("__global__ void k(float *y) { y[0] = __shfl_sync(~0u, y[0]); }\n", "predicate");
  CHECK(err && strstr(err, "too few arguments to function '__shfl_sync'"), "arity: %s", err ? err : "(none)");
}

int main(void) {
  test_predicate_if_tail();
  test_predicate_untouched();
  test_predicate_nested_else();
  test_warp_lowering();
  test_errors();
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
