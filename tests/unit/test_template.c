/* Unit tests for C++ templates (front/parse_template.c): instantiation,
 * caching, names, specialisation, deduction, errors. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "front/ast.h"
#include "front/token.h"

static int npass, nfail;
#define CHECK(cond, ...)                                \
  do {                                                  \
    if (cond) npass++;                                  \
    else {                                              \
      nfail++;                                          \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);       \
      printf(__VA_ARGS__);                              \
      printf("\n");                                     \
    }                                                   \
  } while (0)

static cw_arena arena;
static cw_diags diags;
static jmp_buf jb;

static cw_program *parse(const char *src) {
  cw_arena_free(&arena);
  cw_arena_init(&arena);
  cw_diags_free(&diags);
  cw_diags_init(&diags, &arena);
  diags.on_error = &jb;
  if (setjmp(jb)) return NULL;
  const cw_source *s = cw_add_source(&diags, "t.cu", src, (int)strlen(src));
  cw_pp_options opts = {0};
  return cw_parse(&diags, cw_preprocess(&diags, s, &opts));
}

static const char *first_error(void) {
  for (int i = 0; i < diags.count; i++)
    if (diags.items[i].severity == CW_SEV_ERROR) return diags.items[i].message;
  return "";
}

static int count_display(cw_program *p, const char *display) {
  int n = 0;
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    if (o->display_name && !strcmp(o->display_name, display)) n++;
  return n;
}

static cw_obj *by_display(cw_program *p, const char *display) {
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    if (o->display_name && !strcmp(o->display_name, display)) return o;
  return NULL;
}

static void expect_error(const char *src, const char *msg) {
  cw_program *p = parse(src);
  CHECK(!p && strstr(first_error(), msg), "expected error '%s', got '%s'", msg, p ? "(none)" : first_error());
}

int main(void) {
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  const char *lib = "template <typename T> __device__ T mx(T a, T b) { return a > b ? a : b; }\n"
                    "template <typename T, unsigned B = 256> __global__ void red(const T *a, T *o) { o[0] = mx(a[0], (T)B); }\n";
  char src[2048];
  snprintf(src, sizeof src, "%s%s", lib,
           "template __global__ void red<float, 256>(const float *, float *);\n"
           "template __global__ void red<float>(const float *, float *);\n"
           "template __global__ void red<int, 64>(const int *, int *);\n");
  cw_program *p = parse(src);
  CHECK(p, "explicit instantiation parses: %s", first_error());
  CHECK(count_display(p, "red<float, 256>") == 1, "one instance for red<float, 256> and red<float> (cached, default)");
  CHECK(count_display(p, "red<int, 64>") == 1, "red<int, 64>");
  CHECK(count_display(p, "mx<float>") == 1 && count_display(p, "mx<int>") == 1, "deduced device instances");
  cw_obj *r = by_display(p, "red<float, 256>");
  CHECK(r && !strcmp(r->name, "red_float_256") && (r->fn_flags & CW_FN_GLOBAL), "identifier name: %s",
        r ? r->name : "-");

  p = parse("template <class T> struct Tr;\ntemplate <> struct Tr<float> { float a, b; };\n"
            "template <> struct Tr<int> { int a; };\n"
            "__global__ void k(int *o) { o[0] = sizeof(Tr<float>) + sizeof(Tr<int>); }");
  CHECK(p && p->globals, "explicit specialisations: %s", first_error());

  p = parse("template <typename A, typename B> struct P { A a; B b; };\n"
            "template <typename T> struct W { T in; };\n"
            "__global__ void k(float *o) { W<W<P<int, float>>> w; w.in.in.b = 1.0f; o[0] = w.in.in.b; }");
  CHECK(p != NULL, "nested template-ids with '>>': %s", first_error());

  p = parse("template <int N> __device__ int f(int x) { return x * f<N - 1>(x); }\n"
            "template <> __device__ int f<0>(int x) { return 1; }\n"
            "__global__ void k(int *o) { o[0] = f<4>(o[1]); }");
  CHECK(p && count_display(p, "f<4>") == 1 && count_display(p, "f<0>") == 1, "recursion ended by a specialisation: %s",
        first_error());

  p = parse("template <typename T> __global__ void s(T *x) { x[0] = 0; }\n"
            "int main() { float *d; s<float><<<1, 1>>>(d); return 0; }");
  CHECK(p && count_display(p, "s<float>") == 1, "instantiated from a host launch: %s", first_error());

  expect_error("template <typename T> __device__ T g(T a) { return a; }\n__global__ void k(float *o) { o[0] = g<1>(o[1]); }",
               "template argument for type parameter 'T' of 'g' must be a type");
  expect_error("template <int N> __device__ int g() { return N; }\n__global__ void k(int *o) { o[0] = g(); }",
               "cannot deduce template parameter 'N' of 'g'");
  expect_error("template <typename T> struct V { T x; };\n__global__ void k(int *o) { V<int, 2> v; }",
               "too many template arguments for 'V'");
  expect_error("template <int N> __device__ int g(int x) { return g<N + 1>(x); }\n__global__ void k(int *o) { o[0] = g<0>(1); }",
               "template instantiation depth exceeds 64");
  expect_error("template <typename T> struct V { T x; };\ntemplate <typename T> struct V { T y; };", "redefinition of template 'V'");
  expect_error("template <typename... T> __device__ void g(T... x) {}", "variadic templates are not supported");

  /* templates are scoped names: a namespace's template is reached qualified or through using, and does
   * not clash with a file-scope template of the same name; its body sees the namespace's names */
  p = parse("namespace A { __device__ int one() { return 1; }\n"
            "template <typename T> __device__ T inc(T x) { return x + (T)one(); }\n"
            "template <typename T> struct Box { T v; }; }\n"
            "template <int N> __device__ int inc(int x) { return x + N; }\n"
            "__global__ void k(int *o) { A::Box<int> b; b.v = A::inc(o[0]); o[1] = inc<5>(b.v) + A::inc<int>(2); }");
  CHECK(p && count_display(p, "inc<int>") == 1 && count_display(p, "inc<5>") == 1, "namespaced templates: %s",
        first_error());
  p = parse("namespace A { template <typename T> struct Add { __device__ T operator()(T a, T b) const { return a + b; } }; }\n"
            "using namespace A;\n"
            "__global__ void k(float *o) { o[0] = A::Add<float>()(o[1], o[2]) + Add<float>{}(o[3], o[4]); }");
  CHECK(p != NULL, "class template temporaries S<T>() and S<T>{}: %s", first_error());
  p = parse("__device__ int twice(int x) { return 2 * x; }\n"
            "namespace B { template <typename T> __device__ T twice(T x) { return x + x; } }\n"
            "__global__ void k(float *o) { o[0] = B::twice(o[1]) + (float)twice(3); }");
  CHECK(p && count_display(p, "twice<float>") == 1, "a namespace template named like a file-scope function: %s",
        first_error());
  p = parse("template <class T> struct Tr { static constexpr int bits = sizeof(T) * 8; };\n"
            "template <class T> struct Tw { static __device__ T twice(T x) { return x + x; } };\n"
            "__global__ void k(int *o) { int a[Tr<short>::bits]; a[15] = 2; o[0] = Tr<int>::bits + Tw<int>::twice(a[15]); }");
  CHECK(p != NULL, "members of a class template instance S<T>::m: %s", first_error());
  p = parse("template <unsigned N = 0, typename P> __device__ unsigned pick(const P &p, unsigned n = 0u) {\n"
            "  return N ? N : n + (unsigned)sizeof(P); }\n"
            "__global__ void k(unsigned *o) { o[0] = pick<4>(o[1]) + pick(o[2], 3u); }");
  CHECK(p && count_display(p, "pick<4, unsigned int>") == 1 && count_display(p, "pick<0, unsigned int>") == 1,
        "a defaulted parameter before a deduced one: %s", first_error());
  expect_error("template <int N = 1, typename T> struct S { T x; };",
               "template parameter 'T' is missing a default argument (the one before it has one)");
  expect_error("template <int N> struct S { static_assert(N % 2 == 0, \"N must be even\"); int x; };\n"
               "__global__ void k(int *o) { S<4> a; S<3> b; o[0] = a.x + b.x; }",
               "static assertion failed: N must be even");
  expect_error("__global__ void k(int *o) { static_assert(sizeof(int) == 8); o[0] = 1; }", "static assertion failed");

  /* constructors of class templates: the injected-class-name `Pair` / `Pair<T>` names the instance */
  p = parse("template <class T> struct Pair { T a, b;\n"
            "  __device__ Pair() : a(0), b(0) {}\n"
            "  __device__ Pair<T>(T x, T y = T(2)) : a(x), b(y) {}\n"
            "  __device__ Pair operator+(const Pair<T> &o) const { return Pair(a + o.a, b + o.b); }\n"
            "  __device__ static Pair make(T v) { return Pair(v); } };\n"
            "__global__ void k(float *o) { Pair<float> p(1.0f); Pair<int> q{3, 4}; Pair<float> z;\n"
            "  Pair<float> s = p + Pair<float>::make(o[0]); o[0] = s.b + (float)q.a + z.a; }");
  int nctor = 0;
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    nctor += o->src_name && (!strcmp(o->src_name, "Pair<float>::Pair") || !strcmp(o->src_name, "Pair<int>::Pair"));
  CHECK(p && nctor == 4, "constructors Pair<float>::Pair (2) and Pair<int>::Pair (2): %d; %s", nctor, first_error());
  p = parse("template <class T> struct B { T v; __device__ B(T x) : v(x) {} };\n"
            "template <> struct B<char> { int w; __device__ B(int x) : w(x) {} __device__ B twice() const { return B(2 * w); } };\n"
            "namespace n { template <class T> struct C { T v; __device__ explicit C(T x = T(1)) : v(x) {} }; }\n"
            "__global__ void k(int *o) { B<char> b(o[0]); n::C<int> c; o[0] = b.twice().w + c.v + B<int>(1).v; }");
  CHECK(p != NULL, "constructors in an explicit specialisation and a namespaced class template: %s", first_error());
  p = parse("template <class T> struct D { T a; D() = default; __device__ D(T x) : a(x) {} };\n"
            "__global__ void k(float *o) { D<float> d; D<float> e[2][3]; d.a = o[0]; e[1][2] = d; o[1] = e[1][2].a; }");
  cw_obj *dc = NULL;
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    if (o->src_name && !strcmp(o->src_name, "D<float>::D") && !o->ty->params) dc = o;
  CHECK(dc && (dc->fn_flags & CW_FN_DEVICE) && (dc->fn_flags & CW_FN_HOST),
        "D() = default is a __host__ __device__ default constructor (T v; and T v[2][3] call it): %s", first_error());
  expect_error("template <class T> struct P { T a; __device__ P(T x) : a(x) {} };\n"
               "__global__ void k(float *o) { P p(1.0f); o[0] = p.a; }",
               "use of class template 'P' requires template arguments: class template argument deduction (C++17) is not "
               "supported");
  expect_error("template <class T> struct P { T a; __device__ P(T x) : a(x) {} __device__ P() : P(T(0)) {} };\n"
               "__global__ void k(float *o) { P<float> p; o[0] = p.a; }",
               "delegating constructors are not supported");

  /* constructor templates: instances deduced per argument type, cached, named S::S<U>; an instance that
   * loses overload resolution is declared but its body is never parsed */
  p = parse("struct Box { float w;\n"
            "  template <class U> __device__ Box(const U &u) : w(float(u.x)) {}\n"
            "  __device__ Box(float s) : w(s) {} };\n"
            "struct Pt { int x; };\n"
            "__global__ void k(float *o) { Pt p = {3}; Box a(p); Box b(p); Box c(2.0f); Box d = p; o[0] = a.w + b.w + c.w + d.w; }");
  cw_obj *bf = by_display(p, "Box::Box<float>"), *bp = by_display(p, "Box::Box<Pt>");
  CHECK(p && count_display(p, "Box::Box<Pt>") == 1 && bp && bp->body, "Box::Box<Pt> instantiated once, with a body: %s",
        first_error());
  CHECK(p && bf && !bf->body, "Box::Box<float> (u.x on a float) declared for overload resolution, its body never parsed: %s",
        first_error());
  p = parse("template <class T> struct V { T x;\n"
            "  __device__ V(T a) : x(a) {}\n"
            "  template <class U> __device__ V(const V<U> &o) : x(T(o.x)) {}\n"
            "  template <class U> __device__ explicit V(U s, int k = 2) : x(T(s) * k) {} };\n"
            "__global__ void k(float *o) { V<int> a(3); V<float> b(a); V<float> c = a; V<float> d(2u); V<float> e = d;\n"
            "  o[0] = b.x + c.x + d.x + e.x; }");
  CHECK(p && count_display(p, "V<float>::V<int>") == 1 && count_display(p, "V<float>::V<unsigned int>") == 1,
        "class template constructor templates: the converting one (more specialised than V(U, int) for V<int>) and the "
        "explicit one: %s", first_error());
  /* copying a non-const V<float> looks for a constructor template taking
   * `U &` (parse_copy.c): V(U, int) may be declared for U = V<float>, but is
   * never a copy constructor, so its body is never compiled */
  cw_obj *vv = p ? by_display(p, "V<float>::V<V<float> >") : NULL;
  CHECK(p && !(vv && vv->body), "copying V<float> compiles no constructor template");
  expect_error("struct S { int v; template <class U> __device__ explicit S(U u) : v(int(u)) {} };\n"
               "__global__ void k(int *o) { S s = 2.5f; o[0] = s.v; }",
               "copy-initialization of 'S' cannot use an explicit constructor; write 'S(...)'");
  expect_error("struct S { int v; template <class U> __device__ S(U u) : v(u.nope) {} };\n"
               "__global__ void k(int *o) { S s(3); o[0] = s.v; }",
               "member reference base type 'int' is not a structure or union");

  /* members declared in the class, defined after it */
  p = parse("template <class T> struct S { T m;\n"
            "  template <class U> __device__ U f(U u) const;\n"
            "  __device__ T get() const; };\n"
            "template <class X> template <class W> __device__ W S<X>::f(W w) const { return w * (W)m; }\n"
            "struct A { int s; template <int K> __device__ int k() const; };\n"
            "template <int J> __device__ int A::k() const { return s * J; }\n"
            "namespace n { template <class T> __device__ T inc(T x); }\n"
            "template <class T> __device__ T n::inc(T x) { return x + 1; }\n"
            "__global__ void k(float *o) { S<int> s = {2}; A a = {3}; o[0] = s.f(o[1]) + a.k<4>() + n::inc(o[2]) + s.get(); }\n"
            "template <class T> __device__ T S<T>::get() const { return m; }");
  cw_obj *sf = by_display(p, "S<int>::f<float>"), *ak = by_display(p, "A::k<4>"), *ni = by_display(p, "inc<float>");
  cw_obj *sg = NULL;
  for (cw_obj *o = p ? p->globals : NULL; o; o = o->next)
    if (o->src_name && !strcmp(o->src_name, "S<int>::get")) sg = o;
  CHECK(sf && sf->body && ak && ak->body && ni && ni->body && sg && sg->body,
        "out-of-class definitions: S<int>::f<float> (renamed parameters), A::k<4>, n::inc<float>, S<int>::get (defined "
        "after its use): %s", first_error());
  expect_error("struct A { int s; template <class U> __device__ U f(U u); };\n"
               "__global__ void k(int *o) { A a = {1}; o[0] = a.f(o[1]); }",
               "member function template 'A::f' is declared but not defined before this use");
  expect_error("template <class T, int N> struct S { template <class U> __device__ U f(U u); };\n"
               "template <class T> template <class U> __device__ U S<T, 2>::f(U u) { return u; }",
               "the template arguments of 'S' in an out-of-class member definition must be its template parameters");
  expect_error("struct A { __device__ int f(int x); };\ntemplate <class U> __device__ U A::f(U u) { return u; }",
               "'f' is not a member template of 'A'");
  expect_error("template <class T> struct S { template <class U> __device__ U f(U u); };\n"
               "template <class U> __device__ U S::f(U u) { return u; }",
               "use of class template 'S' requires template arguments");

  cw_diags_free(&diags);
  cw_arena_free(&arena);
  printf("test_template: %d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
