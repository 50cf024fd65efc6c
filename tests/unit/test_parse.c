/* Unit tests for the parser + semantic analysis (front/parse*.c), driven
 * through the real preprocessor. Exit status non-zero on any failure. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/ast.h"
#include "front/token.h"

static int npass, nfail;

#define CHECK(cond, ...)                                     \
  do {                                                       \
    if (cond) npass++;                                       \
    else {                                                   \
      nfail++;                                               \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
      printf(__VA_ARGS__);                                   \
      printf("\n");                                          \
    }                                                        \
  } while (0)

static cw_arena arena;
static cw_diags diags;
static jmp_buf jb;

/* Parses src; returns NULL on error (message in diags). */
static cw_program *parse(const char *src) {
  cw_arena_free(&arena);
  cw_arena_init(&arena);
  cw_diags_free(&diags);
  cw_diags_init(&diags, &arena);
  diags.on_error = &jb;
  if (setjmp(jb)) return NULL;
  const cw_source *s = cw_add_source(&diags, "t.cu", src, (int)strlen(src));
  cw_pp_options opts = {0};
  cw_token *toks = cw_preprocess(&diags, s, &opts);
  return cw_parse(&diags, toks);
}

static const char *last_error(void) {
  for (int i = diags.count - 1; i >= 0; i--)
    if (diags.items[i].severity == CW_SEV_ERROR) return diags.items[i].message;
  return "";
}
static int last_line(void) { return diags.count ? diags.items[diags.count - 1].loc.line : -1; }
static int last_col(void) { return diags.count ? diags.items[diags.count - 1].loc.col : -1; }

static cw_obj *find(cw_program *p, const char *name) {
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    if (!strcmp(o->name, name)) return o;
  return NULL;
}

/* first statement of function f's body */
static cw_node *body(cw_program *p, const char *f) {
  cw_obj *o = find(p, f);
  return o && o->body ? o->body->body : NULL;
}

/* n-th statement (0-based) */
static cw_node *nth(cw_node *s, int n) {
  while (s && n--) s = s->next;
  return s;
}

static void expect_error(const char *src, const char *msg, int line, int col) {
  cw_program *p = parse(src);
  CHECK(!p, "expected error '%s' for: %s", msg, src);
  if (p) return;
  CHECK(strstr(last_error(), msg) != NULL, "message '%s' does not contain '%s'", last_error(), msg);
  if (line > 0) CHECK(last_line() == line, "'%s': line %d, want %d", msg, last_line(), line);
  if (col > 0) CHECK(last_col() == col, "'%s': col %d, want %d", msg, last_col(), col);
}

static void test_types(void) {
  cw_program *p = parse("__global__ void k(float *out, int n) {\n"
                        "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                        "  if (i < n) out[i] = i + 1.0f;\n"
                        "}\n");
  CHECK(p != NULL, "simple kernel parses: %s", last_error());
  cw_obj *k = find(p, "k");
  CHECK(k && (k->fn_flags & CW_FN_GLOBAL), "k is __global__");
  CHECK(k && k->params && k->params->next && !k->params->next->next, "two params");
  cw_node *s = body(p, "k");
  CHECK(s && s->kind == ND_DECL, "first stmt is decl");
  cw_node *as = nth(s, 1);
  CHECK(as && as->kind == ND_EXPR_STMT && as->lhs->kind == ND_ASSIGN, "init assign");
  /* rhs: unsigned arithmetic cast to int */
  CHECK(as && as->lhs->rhs->kind == ND_CAST && as->lhs->rhs->ty == cw_ty_int, "cast to int");
  CHECK(as && as->lhs->rhs->lhs->kind == ND_ADD && as->lhs->rhs->lhs->ty == cw_ty_uint, "uint add");
  cw_node *mul = as ? as->lhs->rhs->lhs->lhs : NULL;
  CHECK(mul && mul->kind == ND_MUL && mul->lhs->kind == ND_BUILTIN && mul->lhs->builtin == CW_BI_BLOCK_IDX &&
            mul->lhs->dim == 0,
        "blockIdx.x builtin");
  cw_node *ifs = nth(s, 2);
  CHECK(ifs && ifs->kind == ND_IF, "if");
  cw_node *asg = ifs ? ifs->then->lhs : NULL;
  CHECK(asg && asg->kind == ND_ASSIGN && asg->lhs->kind == ND_DEREF && asg->lhs->lhs->kind == ND_PTR_ADD,
        "out[i] is deref(ptr_add)");
  CHECK(asg && asg->rhs->kind == ND_ADD && asg->rhs->ty == cw_ty_float, "i + 1.0f is float");
  CHECK(asg && asg->rhs->lhs->kind == ND_CAST && asg->rhs->lhs->ty == cw_ty_float, "i cast to float");
  CHECK(ifs && ifs->cond->kind == ND_LT && ifs->cond->ty == cw_ty_int, "comparison type int");
}

static void test_struct_layout(void) {
  cw_program *p = parse("struct S { char c; double d; int i; };\n"
                        "union U { char c[5]; int i; };\n"
                        "typedef struct { float x, y; struct S s; int a[3]; } T;\n"
                        "__device__ T g;\n"
                        "__device__ union U u;\n");
  CHECK(p != NULL, "struct decls: %s", last_error());
  cw_obj *g = find(p, "g");
  CHECK(g && g->ty->kind == TY_STRUCT, "g struct");
  if (g) {
    CHECK(g->ty->size == 48, "sizeof T = %d, want 48", g->ty->size);
    cw_member *s = g->ty->members->next->next;
    CHECK(s && s->offset == 8 && s->ty->size == 24 && s->ty->align == 8, "S at 8 size 24");
    CHECK(s && s->next->offset == 32, "a at 32 (%d)", s ? s->next->offset : -1);
    cw_member *d = s ? s->ty->members->next : NULL;
    CHECK(d && d->offset == 8 && d->next->offset == 16, "S.d at 8, S.i at 16");
  }
  cw_obj *u = find(p, "u");
  CHECK(u && u->ty->size == 8 && u->ty->align == 4, "union size 8");
  p = parse("struct S { int a; }; __global__ void k(S *p) { S t; t.a = 1; p->a = t.a; }");
  CHECK(p != NULL, "struct tag as type name: %s", last_error());
}

static void test_constant_init(void) {
  cw_program *p = parse("#define N 4\n"
                        "enum { A = 2, B };\n"
                        "__constant__ float c[N] = {1.0f, 2, (float)A + 0.5f};\n"
                        "__constant__ int ci[][2] = {{1, 2}, {3}, [3] = {B, -1}};\n"
                        "struct P { char c; double d; };\n"
                        "__device__ struct P ps = {7, 1.5};\n"
                        "__device__ unsigned long long big = 1ull << 40;\n"
                        "__device__ int m[2][2] = {1, 2, 3, 4};\n");
  CHECK(p != NULL, "constant init: %s", last_error());
  cw_obj *c = find(p, "c");
  if (c && c->init_data) {
    float f[4];
    memcpy(f, c->init_data, 16);
    CHECK(f[0] == 1.0f && f[1] == 2.0f && f[2] == 2.5f && f[3] == 0.0f, "c = %g %g %g %g", f[0], f[1], f[2], f[3]);
  } else CHECK(0, "c has init data");
  cw_obj *ci = find(p, "ci");
  CHECK(ci && ci->ty->kind == TY_ARRAY && ci->ty->array_len == 4 && ci->ty->size == 32, "ci inferred [4][2]");
  if (ci && ci->init_data) {
    int v[8];
    memcpy(v, ci->init_data, 32);
    CHECK(v[0] == 1 && v[1] == 2 && v[2] == 3 && v[3] == 0 && v[4] == 0 && v[6] == 3 && v[7] == -1,
          "ci = %d %d %d %d %d %d %d %d", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  }
  cw_obj *ps = find(p, "ps");
  if (ps && ps->init_data) {
    double d;
    memcpy(&d, ps->init_data + 8, 8);
    CHECK(ps->init_data[0] == 7 && d == 1.5, "struct init bytes");
  } else CHECK(0, "ps init");
  cw_obj *big = find(p, "big");
  if (big && big->init_data) {
    unsigned long long v;
    memcpy(&v, big->init_data, 8);
    CHECK(v == (1ull << 40), "1ull<<40");
  } else CHECK(0, "big init");
  cw_obj *m = find(p, "m");
  if (m && m->init_data) {
    int v[4];
    memcpy(v, m->init_data, 16);
    CHECK(v[0] == 1 && v[3] == 4, "brace elision");
  } else CHECK(0, "m init");
  CHECK(c && c->storage == CW_STORE_CONSTANT, "constant storage");
}

static void test_compound_assign(void) {
  cw_program *p = parse("__global__ void k(int *a, float *f) { int x = 0; x += 1.5; x <<= 2L; a += 2; f[0] *= x; x++; }");
  CHECK(p != NULL, "compound: %s", last_error());
  cw_node *s = body(p, "k");
  cw_node *e = nth(s, 2) ? nth(s, 2)->lhs : NULL;
  CHECK(e && e->kind == ND_ASSIGN && e->op == ND_ADD && e->comp_ty == cw_ty_double && e->rhs->ty == cw_ty_double &&
            e->ty == cw_ty_int,
        "x += 1.5 keeps op, comp_ty double");
  e = nth(s, 3) ? nth(s, 3)->lhs : NULL;
  CHECK(e && e->op == ND_SHL && e->comp_ty == cw_ty_int && e->rhs->ty == cw_ty_long, "shift: rhs keeps own type");
  e = nth(s, 4) ? nth(s, 4)->lhs : NULL;
  CHECK(e && e->op == ND_PTR_ADD, "pointer += is PTR_ADD");
  e = nth(s, 5) ? nth(s, 5)->lhs : NULL;
  CHECK(e && e->op == ND_MUL && e->comp_ty == cw_ty_float && e->rhs->kind == ND_CAST, "f[0] *= x in float");
  e = nth(s, 6) ? nth(s, 6)->lhs : NULL;
  CHECK(e && e->kind == ND_POST_INC && e->ty == cw_ty_int, "x++");
}

static void test_exprs(void) {
  cw_program *p = parse("__device__ float sq(float v) { return v * v; }\n"
                        "__global__ void k(float *o, unsigned u, long l, const int *ci) {\n"
                        "  __shared__ float tile[16][16];\n"
                        "  float loc[4] = {1, 2};\n"
                        "  tile[threadIdx.y][threadIdx.x] = sq(o[0]);\n"
                        "  o[1] = sizeof(tile) + (u + l) + (o + 3 - o);\n"
                        "  o[2] = sqrtf(2) + sqrt(2) + min(u, 3) + atomicAdd(o, 1);\n"
                        "  o[3] = __ldg(ci) ? loc[1] : 0;\n"
                        "}\n");
  CHECK(p != NULL, "exprs: %s", last_error());
  cw_node *s = body(p, "k");
  CHECK(s && s->kind == ND_DECL && s->var->storage == CW_STORE_SHARED && s->var->ty->size == 1024, "shared tile");
  /* loc: DECL, MEMZERO, 2 assigns */
  CHECK(nth(s, 2) && nth(s, 2)->kind == ND_MEMZERO && nth(s, 3)->kind == ND_EXPR_STMT &&
            nth(s, 3)->lhs->lhs->kind == ND_INDEX && nth(s, 4)->lhs->rhs->kind == ND_NUM &&
            nth(s, 4)->lhs->rhs->fval == 2.0 && nth(s, 5)->kind == ND_EXPR_STMT,
        "local init list lowered");
  cw_node *t = nth(s, 5) ? nth(s, 5)->lhs : NULL;
  CHECK(t && t->lhs->kind == ND_INDEX && t->lhs->lhs->kind == ND_INDEX && t->lhs->lhs->lhs->kind == ND_VAR,
        "2-D array indexing is ND_INDEX(ND_INDEX)");
  CHECK(t && t->rhs->kind == ND_FUNCALL && t->rhs->func == find(p, "sq") && t->rhs->nargs == 1, "call sq");
  t = nth(s, 6) ? nth(s, 6)->lhs->rhs : NULL; /* cast(float, (sizeof + (u+l)) + diff) */
  CHECK(t && t->kind == ND_CAST && t->lhs->ty == cw_ty_ulong, "sizeof sum is unsigned long");
  cw_node *sum = t ? t->lhs->lhs : NULL;
  CHECK(sum && sum->lhs->kind == ND_NUM && sum->lhs->ival == 1024 && sum->rhs->kind == ND_CAST &&
            sum->rhs->lhs->ty == cw_ty_long,
        "sizeof(tile) == 1024, u + l is long");
  cw_node *diff = t ? t->lhs->rhs : NULL;
  CHECK(diff && diff->kind == ND_CAST && diff->lhs->kind == ND_PTR_DIFF && diff->lhs->lhs->kind == ND_PTR_ADD,
        "pointer difference");
  t = nth(s, 7) ? nth(s, 7)->lhs->rhs->lhs : NULL; /* under the cast to float */
  /* ((sqrtf + sqrt) + min) + atomicAdd, all double */
  cw_node *a1 = t ? t->lhs->lhs->lhs : NULL;
  CHECK(a1 && a1->kind == ND_CAST && a1->lhs->kind == ND_INTRINSIC && a1->lhs->intrinsic == CW_IN_SQRT &&
            a1->lhs->ty == cw_ty_float,
        "sqrtf(2) is float");
  cw_node *a2 = t ? t->lhs->lhs->rhs : NULL;
  CHECK(a2 && a2->kind == ND_INTRINSIC && a2->ty == cw_ty_double && a2->args->ty == cw_ty_double, "sqrt(int) is double");
  cw_node *a3 = t ? t->lhs->rhs : NULL;
  CHECK(a3 && a3->kind == ND_CAST && a3->lhs->intrinsic == CW_IN_MIN && a3->lhs->ty == cw_ty_uint, "min(u,3) unsigned");
  cw_node *a4 = t ? t->rhs : NULL;
  CHECK(a4 && a4->kind == ND_CAST && a4->lhs->intrinsic == CW_IN_ATOMIC_ADD && a4->lhs->ty == cw_ty_float &&
            a4->lhs->args->next->ty == cw_ty_float,
        "atomicAdd(float*, 1) is float");
  t = nth(s, 8) ? nth(s, 8)->lhs->rhs : NULL;
  CHECK(t && t->kind == ND_COND && t->cond->kind == ND_INTRINSIC && t->cond->intrinsic == CW_IN_LDG &&
            t->cond->ty == cw_ty_int && t->ty == cw_ty_float,
        "__ldg(const int*) is int; ternary float");
}

static void test_control(void) {
  cw_program *p = parse("__global__ void k(int *a, int n) {\n"
                        "  #pragma unroll 4\n"
                        "  for (int i = 0; i < n; i++) { if (i == 2) continue; a[i] = i; }\n"
                        "  switch (n) { case 1: a[0] = 1; break; case 2: { case 3: a[0] = 3; } default: break; }\n"
                        "  while (n--) ;\n"
                        "  do { n++; } while (n < 5);\n"
                        "}\n");
  CHECK(p != NULL, "control: %s", last_error());
  cw_node *s = body(p, "k");
  CHECK(s && s->kind == ND_FOR && s->unroll == 4 && s->init && s->cond && s->inc, "for with unroll 4");
  cw_node *sw = nth(s, 1);
  int ncase = 0;
  for (cw_node *c = sw ? sw->case_next : NULL; c; c = c->case_next) ncase++;
  CHECK(sw && sw->kind == ND_SWITCH && ncase == 4 && sw->default_case && sw->default_case->is_default,
        "switch with 3 cases + default (%d)", ncase);
  CHECK(nth(s, 2) && nth(s, 2)->kind == ND_FOR && nth(s, 2)->unroll == -1 && !nth(s, 2)->init, "while as for");
  CHECK(nth(s, 3) && nth(s, 3)->kind == ND_DO, "do");
}

static void test_host_and_misc(void) {
  cw_program *p = parse("#include <cuda_runtime.h>\n"
                        "#include <math.h>\n"
                        "const int N = 8;\n"
                        "constexpr float SCALE = 0.5f;\n"
                        "__global__ void scale(float *x) { x[threadIdx.x] *= SCALE * N; }\n"
                        "int main() {\n"
                        "  float *d; cudaMalloc(&d, N * sizeof(float));\n"
                        "  scale<<<1, N>>>(d);\n"
                        "  return 0;\n"
                        "}\n");
  CHECK(p != NULL, "host code skipped: %s", last_error());
  cw_obj *m = find(p, "main");
  CHECK(m && (m->fn_flags & CW_FN_HOST) && !(m->fn_flags & CW_FN_DEVICE) && !m->body && m->is_defined,
        "main recorded as host without body");
  cw_node *s = body(p, "scale");
  cw_node *rhs = s ? s->lhs->rhs : NULL;
  CHECK(rhs && rhs->kind == ND_MUL && rhs->lhs->kind == ND_NUM && rhs->lhs->fval == 0.5 && rhs->rhs->kind == ND_NUM &&
            rhs->rhs->fval == 8.0,
        "host constants fold to numbers");
  p = parse("__global__ void k(float *a) { a[0] = 1; }\n"
            "template <typename T> T hmax(T a, T b) { return a > b ? a : b; }\n"
            "void host(std::vector<float> &v, int n = 3) { k<<<1, 1>>>(v.data()); }\n"
            "class Timer { public: int x; };\n"
            "int helper(int x) { return x; }\n");
  CHECK(p != NULL && find(p, "k") && find(p, "helper") && !find(p, "helper")->body, "C++ host code skipped: %s",
        last_error());
  expect_error("void host(std::vector<float> &v) {}\nint helper(int x) { return x; }\n"
               "__device__ int g(int x) { return helper(x); }",
               "calling a __host__ function ('helper') from a __device__ function ('g') is not allowed", 3, 34);
  p = parse("#include <math.h>\n__global__ void k(float *o) { o[0] = INFINITY; o[1] = __builtin_nanf(\"\"); int w = warpSize; }");
  CHECK(p != NULL, "INFINITY: %s", last_error());
  s = body(p, "k");
  CHECK(s && s->lhs->rhs->kind == ND_NUM && isinf(s->lhs->rhs->fval), "INFINITY is a float constant");
  CHECK(nth(s, 1) && isnan(nth(s, 1)->lhs->rhs->fval), "nan");
  CHECK(nth(s, 3) && nth(s, 3)->lhs->rhs->kind == ND_BUILTIN && nth(s, 3)->lhs->rhs->builtin == CW_BI_WARP_SIZE,
        "warpSize");
  p = parse("extern \"C\" __global__ void __launch_bounds__(256, 2) k(int *a) { extern __shared__ int s[]; s[0] = a[0]; }");
  CHECK(p != NULL, "extern C, launch bounds: %s", last_error());
  cw_obj *k = find(p, "k");
  CHECK(k && (k->fn_flags & CW_FN_EXTERN_C) && k->launch_bounds[0] == 256 && k->launch_bounds[1] == 2, "flags");
  s = body(p, "k");
  CHECK(s && s->var->storage == CW_STORE_EXTERN_SHARED && s->var->ty->array_len == -1, "extern shared");
  p = parse("__device__ float f(float);\n__device__ float f(float x) { return x; }\n__global__ void k(float *a) { a[0] = f(1); }");
  CHECK(p != NULL && find(p, "f") && find(p, "f")->body, "prototype then definition: %s", last_error());
  p = parse("__global__ void k(int *a) { const int n = 4; int b[n * 2]; b[0] = 1; a[0] = b[0] + (int)2.9 + float(3); }");
  CHECK(p != NULL, "const local array size, functional cast: %s", last_error());
}

static void test_errors(void) {
  expect_error("__global__ void k() { int x = y; }", "use of undeclared identifier 'y'", 1, 31);
  expect_error("__device__ int f(int a, int b) { return a; }\n__global__ void k() { f(1); }",
               "too few arguments to function 'f' (expected 2, have 1)", 2, 23);
  expect_error("__global__ void k() { flaot x = 1; }", "unknown type name 'flaot'", 1, 23);
  expect_error("__global__ void k() { int x = 1 }", "expected ';' after", 1, 33);
  expect_error("__global__ void k() { int x = ; }", "expected expression", 1, 31);
  expect_error("__global__ int k() { return 0; }", "a __global__ function must have a void return type", 1, 16);
  expect_error("__global__ void k() { const int c = 1; c = 2; }", "cannot assign to a const-qualified value", 1, 42);
  expect_error("struct S { int a; }; __global__ void k() { S s; int x; x = s; }", "incompatible type", 1, 58);
  expect_error("struct S { int a : 3; };", "bit-fields are not supported", 1, 18);
  expect_error("template <float F> __global__ void k(float *p) {}", "non-type template parameter of type 'float' is not supported", 1, 11);
  expect_error("__global__ void k() { goto out; }", "goto is not supported", 1, 23);
  expect_error("__global__ void k() { dim3 t = threadIdx; }", "threadIdx can only be used as threadIdx.x, .y or .z", 1, 32);
  expect_error("int h(int x) { return x; }\n__global__ void k(int *a) { a[0] = h(1); }",
               "calling a __host__ function ('h') from a __global__ function ('k') is not allowed", 2, 36);
  expect_error("__global__ void k(float *a) { a[0] = __match_any_sync(0xffffffff, a[0]); }",
               "warp intrinsic '__match_any_sync' is not supported yet", 1, 38);
  expect_error("__global__ void k(float *a) { a[0] = __shfl_down(a[0], 1); }",
               "warp intrinsic '__shfl_down' without a mask was removed in CUDA 9; use '__shfl_down_sync'", 1, 38);
  expect_error("__global__ void k(const char *f) { printf(f); }", "the format of device printf must be a string literal", 1, 43);
  expect_error("__global__ void c() {}\n__global__ void k() { c<<<1, 1>>>(); }",
               "dynamic parallelism (kernel launch from device code) is not supported", 2, 0);
  expect_error("__managed__ int m;", "managed memory (__managed__) is not supported: WebGPU has no memory shared with the host", 1, 1);
  expect_error("__global__ void k() { static int s = 0; }", "static local variables are not supported", 1, 0);
  expect_error("int hv = 3;\n__global__ void k(int *a) { a[0] = hv; }", "host variable 'hv' cannot be used in device code", 2, 36);
  expect_error("__global__ void k(int *a) { int x = 1; switch (x) { case 1: case 1: break; } }", "duplicate case value", 1, 66);
  expect_error("__global__ void k(int a) { atomicAdd(a, 1); }", "must be a pointer", 1, 38);
  expect_error("__global__ void k() { int x = malloc(4); }", "device-side malloc is not supported", 1, 31);
  expect_error("__global__ void k() { asm volatile(\"nop\"); }", "inline PTX assembly is not supported", 1, 23);
  expect_error("__global__ void k(float *a) { a[0] = tex1Dfetch(a, 0); }", "texture fetch 'tex1Dfetch' is not supported: texture objects and texture references are not supported", 1, 38);
  expect_error("__global__ void k() { 1 = 2; }", "expression is not assignable", 1, 25);
  expect_error("__global__ void k() { int a[-1]; }", "array size is negative", 1, 29);
  expect_error("__global__ void k() { break; }", "'break' statement not in loop or switch statement", 1, 23);
}

static void test_robustness(void) {
  /* deep nesting is an error, not a stack overflow */
  size_t n = 5000;
  char *src = malloc(n * 2 + 100);
  strcpy(src, "__global__ void k(int *a) { a[0] = ");
  size_t len = strlen(src);
  for (size_t i = 0; i < n; i++) src[len++] = '(';
  src[len++] = '1';
  for (size_t i = 0; i < n; i++) src[len++] = ')';
  strcpy(src + len, "; }");
  cw_program *p = parse(src);
  CHECK(!p && strstr(last_error(), "nested too deeply"), "deep nesting rejected: %s", last_error());
  free(src);
  /* truncated inputs */
  const char *bad[] = {"__global__ void k(", "__global__ void k() {", "struct S {", "int a[",
                       "__global__ void k() { for (", "enum {", "__constant__ int c[] = {1,",
                       "__global__ void k() { int x = (1 ? 2", "}", "int main() {", "typedef",
                       "__global__ void k() { switch (1) { case"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    p = parse(bad[i]);
    CHECK(!p, "truncated input rejected: %s", bad[i]);
  }
}

int main(void) {
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  test_types();
  test_struct_layout();
  test_constant_init();
  test_compound_assign();
  test_exprs();
  test_control();
  test_host_and_misc();
  test_errors();
  test_robustness();
  cw_diags_free(&diags);
  cw_arena_free(&arena);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
