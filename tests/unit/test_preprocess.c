/* Unit tests for the lexer and preprocessor (src/front/lex.c, preprocess.c,
 * pp_expr.c, builtin_headers.c). Standalone: needs only those and src/util.
 *
 * Build and run from the repository root: see the line below (a // comment,
 * because the glob would end a block comment). */
// gcc -std=c11 -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -Iinclude -Isrc -g -fsanitize=address,undefined -fno-sanitize-recover=all tests/unit/test_preprocess.c src/front/lex.c src/front/preprocess.c src/front/pp_expr.c src/front/builtin_headers.c src/util/*.c -o /tmp/test_preprocess && /tmp/test_preprocess
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "front/token.h"
#include "util/arena.h"
#include "util/diag.h"

static int npass, nfail;

static void ok(bool cond, const char *what, const char *detail) {
  if (cond) {
    npass++;
  } else {
    nfail++;
    printf("FAIL: %s%s%s\n", what, detail ? "\n      " : "", detail ? detail : "");
  }
}

/* One preprocessing run; the result lives until the next run. */
static cw_arena arena;
static cw_diags diags;
static char result[65536];
static cw_token *toks;

/* Returns the token spellings joined by spaces, or "error: MSG @L:C". */
static const char *run_opts(const char *src, const cw_pp_options *o) {
  cw_diags_free(&diags);
  cw_arena_free(&arena);
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  jmp_buf jb;
  diags.on_error = &jb;
  toks = NULL;
  if (setjmp(jb)) {
    cw_diag *dg = &diags.items[diags.count - 1];
    snprintf(result, sizeof result, "error: %s @%d:%d", dg->message, dg->loc.line, dg->loc.col);
    return result;
  }
  const cw_source *s = cw_add_source(&diags, "test.cu", src, (int)strlen(src));
  toks = cw_preprocess(&diags, s, o);
  size_t k = 0;
  result[0] = 0;
  for (cw_token *t = toks; t->kind != CW_TK_EOF && k < sizeof result - 64; t = t->next) {
    if (k) result[k++] = ' ';
    if (t->kind == CW_TK_PRAGMA_UNROLL)
      k += (size_t)snprintf(result + k, sizeof result - k, "<unroll %llu>", (unsigned long long)t->ival);
    else
      k += (size_t)snprintf(result + k, sizeof result - k, "%.*s", t->len, t->text);
  }
  result[k] = 0;
  return result;
}

static const char *run(const char *src) { return run_opts(src, NULL); }

static void expect(const char *src, const char *want) {
  const char *got = run(src);
  char detail[70000];
  snprintf(detail, sizeof detail, "source: %s\n      want: %s\n      got:  %s", src, want, got);
  ok(strcmp(got, want) == 0, "tokens", detail);
}

static void expect_opts(const char *src, const cw_pp_options *o, const char *want) {
  const char *got = run_opts(src, o);
  char detail[70000];
  snprintf(detail, sizeof detail, "source: %s\n      want: %s\n      got:  %s", src, want, got);
  ok(strcmp(got, want) == 0, "tokens (options)", detail);
}

/* want: "error: MESSAGE @L:C" exactly */
static void expect_error(const char *src, const char *want) { expect(src, want); }

static cw_token *nth(int n) {
  cw_token *t = toks;
  for (int i = 0; t && i < n; i++) t = t->next;
  return t;
}

static char tmpdir[256];

static void write_file(const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); exit(2); }
  fputs(text, f);
  fclose(f);
}

static void test_lexing(void) {
  expect("a<<=b>>=c...d::e->f", "a <<= b >>= c ... d :: e -> f");
  expect_error("a ## b", "error: stray '##' in program @1:3");
  expect("x+++y", "x ++ + y");
  expect("int/*c*/x;// comment\ny", "int x ; y");
  expect("in\\\nt x;", "int x ;");
  expect("a\r\nb\rc", "a b c");

  run("0x1F 017 0b101 42u 7LU 9ull 3LL");
  ok(nth(0)->ival == 31 && nth(0)->is_hex_or_octal, "hex literal", NULL);
  ok(nth(1)->ival == 15 && nth(1)->is_hex_or_octal, "octal literal", NULL);
  ok(nth(2)->ival == 5, "binary literal", NULL);
  ok(nth(3)->ival == 42 && nth(3)->suffix == CW_NUM_U && !nth(3)->is_hex_or_octal, "u suffix", NULL);
  ok(nth(4)->suffix == (CW_NUM_U | CW_NUM_L), "LU suffix", NULL);
  ok(nth(5)->suffix == (CW_NUM_U | CW_NUM_LL), "ull suffix", NULL);
  ok(nth(6)->suffix == CW_NUM_LL && nth(6)->ival == 3, "LL suffix", NULL);

  run("1.5f 2.0 1e3 .5 0x1.8p1 3.0L 18446744073709551615u");
  ok(nth(0)->is_float && nth(0)->fval == 1.5 && nth(0)->suffix == CW_NUM_F, "float f", NULL);
  ok(nth(1)->is_float && nth(1)->fval == 2.0 && nth(1)->suffix == 0, "double literal", NULL);
  ok(nth(2)->is_float && nth(2)->fval == 1000.0, "exponent", NULL);
  ok(nth(3)->is_float && nth(3)->fval == 0.5, "leading dot", NULL);
  ok(nth(4)->is_float && nth(4)->fval == 3.0, "hex float", NULL);
  ok(nth(5)->is_float && nth(5)->fval == 3.0 && nth(5)->suffix == 0, "long double as double", NULL);
  ok(nth(6)->ival == UINT64_MAX, "u64 max", NULL);

  run("'a' '\\n' '\\\\' '\\'' '\\0' '\\x41' '\\101' '\\xff'");
  ok(nth(0)->kind == CW_TK_NUM && nth(0)->is_char && nth(0)->ival == 97, "char a", NULL);
  ok(nth(1)->ival == 10 && nth(2)->ival == '\\' && nth(3)->ival == '\'' && nth(4)->ival == 0, "char escapes", NULL);
  ok(nth(5)->ival == 0x41 && nth(6)->ival == 0x41, "hex/octal char escapes", NULL);
  ok((int64_t)nth(7)->ival == -1, "'\\xff' is -1 (signed char)", NULL);

  run("\"a\\tb\" \"c\\x41\" , \"\\\"q\"");
  ok(nth(0)->kind == CW_TK_STR && nth(0)->str_len == 5 && memcmp(nth(0)->str, "a\tbcA", 6) == 0 &&
         nth(1)->kind == CW_TK_PUNCT,
     "string escapes and adjacent concatenation", NULL);
  ok(nth(2)->kind == CW_TK_STR && strcmp(nth(2)->str, "\"q") == 0, "escaped quote", NULL);

  run("int x __global__ __restrict__ static_cast foo true");
  ok(nth(0)->kind == CW_TK_KEYWORD && nth(1)->kind == CW_TK_IDENT && nth(2)->kind == CW_TK_KEYWORD &&
         nth(3)->kind == CW_TK_KEYWORD && nth(4)->kind == CW_TK_KEYWORD && nth(5)->kind == CW_TK_IDENT &&
         nth(6)->kind == CW_TK_KEYWORD,
     "keywords vs identifiers", NULL);
  ok(cw_tok_is(nth(0), "int") && cw_tok_is(nth(1), "x") && !cw_tok_is(nth(1), "xy") && !cw_tok_is(nth(1), "int"),
     "cw_tok_is keyword/ident", NULL);
  run("a <<= b");
  ok(cw_tok_is(nth(1), "<<=") && !cw_tok_is(nth(1), "<<") && !cw_tok_is(nth(3), "a"), "cw_tok_is punct", NULL);
  ok(cw_is_keyword("__shared__", 10) && cw_is_keyword("nullptr", 7) && cw_is_keyword("_Bool", 5) &&
         !cw_is_keyword("nullptrx", 8) && !cw_is_keyword("nul", 3) && !cw_is_keyword("main", 4),
     "cw_is_keyword", NULL);

  run("x\n  y");
  ok(nth(1)->loc.line == 2 && nth(1)->loc.col == 3 && nth(1)->at_bol && nth(1)->has_space, "location of token", NULL);
  run("a \\\n b\r\n c");
  ok(nth(1)->loc.line == 2 && nth(1)->loc.col == 2 && nth(2)->loc.line == 3 && nth(2)->loc.col == 2,
     "locations across continuation and CRLF", NULL);

  expect_error("int x = 1;\n  /* open", "error: unterminated comment @2:3");
  expect_error("char *s = \"abc;\n", "error: unterminated string literal @1:11");
  expect_error("int c = 'a;", "error: unterminated character literal @1:9");
  expect_error("int x = 1 @ 2;", "error: invalid character '@' in source @1:11");
  expect_error("int x = 12abc;", "error: invalid suffix 'abc' on integer constant @1:9");
  expect_error("float f = 1.0q;", "error: invalid suffix 'q' on floating constant @1:11");
  expect_error("int x = 09;", "error: invalid digit '9' in octal constant @1:9");
  expect_error("int x = 99999999999999999999;", "error: integer literal is too large @1:9");
  expect_error("int c = '';", "error: empty character literal @1:9");
  expect("#if 0\ndon't @ care\n#endif\nok", "ok");

  /* NUL byte inside the source */
  cw_diags_free(&diags);
  cw_arena_free(&arena);
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  jmp_buf jb;
  diags.on_error = &jb;
  if (setjmp(jb) == 0) {
    const cw_source *s = cw_add_source(&diags, "nul.cu", "ab\0cd", 5);
    cw_preprocess(&diags, s, NULL);
    ok(false, "NUL byte rejected", NULL);
  } else {
    ok(diags.count == 1 && strcmp(diags.items[0].message, "null character in source file") == 0 &&
           diags.items[0].loc.col == 3,
       "NUL byte rejected", NULL);
  }
}

static void test_macros(void) {
  expect("#define N 16\nint a[N];", "int a [ 16 ] ;");
  expect("#define MAX(a,b) ((a)>(b)?(a):(b))\nMAX(x, y+1)", "( ( x ) > ( y + 1 ) ? ( x ) : ( y + 1 ) )");
  expect("#define S(x) #x\nS(a + \"b\\n\")", "\"a + \\\"b\\\\n\\\"\"");
  run("#define S(x) #x\nS(  p   q  )");
  ok(toks->kind == CW_TK_STR && strcmp(toks->str, "p q") == 0, "stringize spacing", NULL);
  expect("#define CAT(a,b) a##b\nCAT(x, 1) CAT(,y) CAT(z,)", "x1 y z");
  run("#define CAT(a,b) a##b\nCAT(1, 2)");
  ok(toks->kind == CW_TK_NUM && toks->ival == 12, "pasted number is converted", NULL);
  expect("#define F(fmt, ...) f(fmt, __VA_ARGS__)\nF(a, 1, 2)", "f ( a , 1 , 2 )");
  expect("#define G(fmt, ...) g(fmt, ##__VA_ARGS__)\nG(a) G(b, 3)", "g ( a ) g ( b , 3 )");
  expect("#define H(x, ...) h(x __VA_OPT__(,) __VA_ARGS__)\nH(a) H(a, b)", "h ( a ) h ( a , b )");
  expect("#define foo foo + 1\nfoo", "foo + 1");
  expect("#define a b\n#define b a\na b", "a b");
  expect("#define f(x) x f\nf(1)(2)", "1 f ( 2 )");
  expect("#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)", "2 * 9 * g"); /* C11 6.10.3.4 example */
  expect("#define X 1\n#undef X\nX", "X");
  expect("#define EMPTY\n#define f(x) [x]\nf() f(EMPTY) EMPTY z", "[ ] [ ] z");
  expect("#define g(x) x\n#define h g(\nh 3)", "3");
  expect("#define f(x) #x\n#define str(x) f(x)\n#define N 42\nstr(N) f(N)", "\"42\" \"N\"");
  expect("#define LINE __LINE__\nint a = LINE;\nint b = __LINE__;", "int a = 2 ; int b = 3 ;");
  expect("__COUNTER__ __COUNTER__ __FILE__", "0 1 \"test.cu\"");
  expect("#define f(x) (x)\nf", "f");
  expect("#define H #\nH define X 1\nX", "error: stray '#' in program @2:1");

  /* location of macro-produced tokens = the macro name at the expansion site */
  run("#define TWO 1 + 1\nint x =\n    TWO;");
  ok(nth(3)->loc.line == 3 && nth(3)->loc.col == 5 && nth(5)->loc.line == 3 && nth(5)->loc.col == 5,
     "expanded tokens located at the use", NULL);
  expect_error("#define BAD 1 @\nint x = BAD;", "error: invalid character '@' in source @2:9");

  expect_error("#define f(x) x ##\n", "error: '##' cannot appear at either end of a macro expansion @1:16");
  expect_error("#define f(x) ## x\n", "error: '##' cannot appear at either end of a macro expansion @1:14");
  expect_error("#define f(x) #y\n", "error: '#' is not followed by a macro parameter @1:14");
  expect_error("#define f(x, y) x\nf(1)", "error: macro 'f' requires 2 arguments, but 1 given @2:1");
  expect_error("#define f(x) x\nf(1, 2)", "error: macro 'f' requires 1 argument, but 2 given @2:1");
  expect_error("#define f(x) x\nint y = f(1", "error: unterminated argument list invoking macro 'f' @2:9");
  expect_error("#define f(", "error: missing ')' in macro parameter list @1:9");
  expect_error("#define C(a,b) a##b\nC(+,/)", "error: pasting \"+\" and \"/\" does not give a valid preprocessing token @2:3");
  expect_error("#define 3 x", "error: macro name must be an identifier @1:9");
}

static void test_conditionals(void) {
  expect("#if 1 + 2 * 3 == 7 && (8 >> 1) == 4\nyes\n#else\nno\n#endif", "yes");
  expect("#if -1 < 0u\nsigned\n#else\nunsigned\n#endif", "unsigned");
  expect("#if (2 || 1/0) && !0 && (0 ? 1/0 : 5) == 5 && ~0 == -1 && 7 % 3 == 1\nok\n#endif", "ok");
  expect("#if 1 ? 2 : 3 == 2\nok\n#endif", "ok");
  expect("#define A 1\n#if defined A && defined(A) && !defined B\nok\n#endif", "ok");
  expect("#define X 5\n#define HAS_X defined(X) && defined X\n#if HAS_X\nok\n#endif", "ok");
  expect("#if UNKNOWN_THING == 0 && true && !false\nok\n#endif", "ok");
  expect("#define V 3\n#if V == 1\none\n#elif V == 3\nthree\n#elif V == 3\nagain\n#else\nother\n#endif", "three");
  expect("#ifdef __CUDACC__\na\n#endif\n#ifndef __CUDA_ARCH__\nb\n#else\nc\n#endif", "a c");
  expect("#if __CUDA_ARCH__ >= 700 && __cplusplus >= 201703L && __NVCC__ && __CUDAWASM__\nok\n#endif", "ok");
  expect("#if 0\n#if 1\nx\n#else\ny\n#endif\n#elif 1\nz\n#endif", "z");
  expect("#if 'A' == 65 && 0x10 == 16 && 010 == 8\nok\n#endif", "ok");
  expect_error("#if 1\nx\n", "error: unterminated #if @1:2");
  expect_error("#ifdef X\n#else\n#else\n#endif", "error: #else after #else @3:2");
  expect_error("#endif", "error: #endif without #if @1:2");
  expect_error("#if 1/0\n#endif", "error: division by zero in preprocessor expression @1:6");
  expect_error("#if 1 2\n#endif", "error: missing binary operator before token '2' @1:7");
  expect_error("#if\n#endif", "error: #if with no expression @1:2");
  expect_error("#if 1.0\n#endif", "error: floating constant in preprocessor expression @1:5");
  expect_error("#foo", "error: invalid preprocessing directive #foo @1:2");
  expect_error("#error stop here", "error: #error stop here @1:1");
}

static void test_pragmas_and_options(void) {
  expect("#pragma unroll\nfor(;;);", "<unroll 0> for ( ; ; ) ;");
  expect("#define N 4\n#pragma unroll N*2\nx", "<unroll 8> x");
  expect("#pragma once\n#pragma omp parallel\n#pragma GCC diagnostic push\nx", "x");
  expect("#define U _Pragma(\"unroll 2\")\nU y", "<unroll 2> y");
  run("#pragma unroll 3\nz");
  ok(toks->kind == CW_TK_PRAGMA_UNROLL && toks->ival == 3 && toks->loc.line == 1, "unroll token", NULL);

  const char *defs[] = {"SIZE=32", "FLAG", "F(x)=x*2", "GONE"};
  const char *undefs[] = {"GONE"};
  cw_pp_options o = {0};
  o.defines = defs;
  o.ndefines = 4;
  o.undefines = undefs;
  o.nundefines = 1;
  expect_opts("SIZE FLAG F(3) GONE", &o, "32 1 3 * 2 GONE");

  /* warnings do not stop compilation */
  run("#warning careful\nx");
  ok(strcmp(result, "x") == 0 && diags.count == 1 && diags.items[0].severity == CW_SEV_WARNING &&
         strcmp(diags.items[0].message, "#warning careful") == 0,
     "#warning", NULL);
}

static void test_includes(void) {
  expect("#include <stdint.h>\n#include <cstdint>\nint64_t", "typedef signed char int8_t ; typedef short int16_t ; "
                                                              "typedef int int32_t ; typedef long int64_t ; "
                                                              "typedef unsigned char uint8_t ; typedef unsigned short uint16_t ; "
                                                              "typedef unsigned int uint32_t ; typedef unsigned long uint64_t ; "
                                                              "typedef signed char int_least8_t ; typedef short int_least16_t ; "
                                                              "typedef int int_least32_t ; typedef long int_least64_t ; "
                                                              "typedef unsigned char uint_least8_t ; typedef unsigned short uint_least16_t ; "
                                                              "typedef unsigned int uint_least32_t ; typedef unsigned long uint_least64_t ; "
                                                              "typedef signed char int_fast8_t ; typedef long int_fast16_t ; "
                                                              "typedef long int_fast32_t ; typedef long int_fast64_t ; "
                                                              "typedef unsigned char uint_fast8_t ; typedef unsigned long uint_fast16_t ; "
                                                              "typedef unsigned long uint_fast32_t ; typedef unsigned long uint_fast64_t ; "
                                                              "typedef long intptr_t ; typedef unsigned long uintptr_t ; "
                                                              "typedef long intmax_t ; typedef unsigned long uintmax_t ; int64_t");
  expect("#include <math.h>\n#include <cmath>\nM_PI INFINITY NAN", "3.14159265358979323846 __builtin_inff ( ) __builtin_nanf ( \"\" )");
  expect("#include <climits>\n#include <cfloat>\nINT_MIN UINT_MAX", "( - 2147483647 - 1 ) 4294967295U");
  run("#include <float.h>\nFLT_MAX FLT_EPSILON DBL_EPSILON");
  ok(toks->is_float && (float)toks->fval == 3.40282347e38f && toks->suffix == CW_NUM_F &&
         (float)nth(1)->fval == 1.1920929e-7f && nth(2)->fval == 2.220446049250313e-16,
     "float.h values", NULL);
  run("#include <cuda_runtime.h>\n#include <cuda.h>\n#include <device_launch_parameters.h>\n#include <stdio.h>\n"
      "#include <stdlib.h>\n#include <stddef.h>\n#include <assert.h>\n#include <stdbool.h>\n#include <cstdio>\n"
      "#include <cuda_runtime_api.h>\nNULL");
  ok(toks && strstr(result, "typedef unsigned long size_t") && strcmp(result + strlen(result) - 2, " 0") == 0,
     "all built-in headers include cleanly", result);
  ok(cw_builtin_header("cuda_runtime.h") && !cw_builtin_header("vector"), "cw_builtin_header", NULL);

  write_file("inc.h", "#pragma once\nint from_inc;\n");
  write_file("guard.h", "#ifndef GUARD_H\n#define GUARD_H\nint guarded;\n#endif\n");
  write_file("loop.h", "#include \"loop.h\"\n");
  write_file("bad.h", "#if 1\nint x;\n");
  write_file("val.h", "VALUE\n");
  char src[1024];
  snprintf(src, sizeof src, "#include \"%s/inc.h\"\n#include \"%s/inc.h\"\n", tmpdir, tmpdir);
  expect(src, "int from_inc ;");

  {
    char mainname[512], text[256];
    snprintf(mainname, sizeof mainname, "%s/main.cu", tmpdir);
    snprintf(text, sizeof text, "#include \"guard.h\"\n#include \"inc.h\"\n__FILE__");
    cw_arena_free(&arena);
    cw_diags_free(&diags);
    cw_arena_init(&arena);
    cw_diags_init(&diags, &arena);
    jmp_buf jb;
    diags.on_error = &jb;
    bool good = false;
    if (setjmp(jb) == 0) {
      cw_token *t = cw_preprocess(&diags, cw_add_source(&diags, mainname, text, (int)strlen(text)), NULL);
      good = cw_tok_is(t, "int") && cw_tok_is(t->next, "guarded") && t->next->loc.line == 3 &&
             strstr(t->next->loc.file->name, "guard.h") && cw_tok_is(t->next->next->next->next, "from_inc");
      cw_token *f = t->next->next->next->next->next->next;
      good = good && f->kind == CW_TK_STR && strcmp(f->str, mainname) == 0;
    }
    ok(good, "quoted include relative to the includer's directory; __FILE__", NULL);
  }
  const char *dirs[] = {tmpdir};
  cw_pp_options o = {0};
  o.include_dirs = dirs;
  o.ninclude_dirs = 1;
  expect_opts("#include \"guard.h\"\n#include <guard.h>\n#include \"guard.h\"\nend", &o, "int guarded ; end");
  expect_opts("#define VALUE 7\n#define HDR \"val.h\"\n#include HDR\n", &o, "7");
  const char *got = run_opts("#include \"loop.h\"\n", &o);
  ok(strncmp(got, "error: #include nested too deeply @1:1", 38) == 0, "include depth limit", got);
  got = run_opts("#include \"bad.h\"\nint y;\n", &o);
  ok(strcmp(got, "error: unterminated #if @1:2") == 0 && diags.items[0].loc.file &&
         strstr(diags.items[0].loc.file->name, "bad.h"),
     "unterminated #if inside an include", got);
  expect_opts("#if defined(__has_include) && __has_include(<cuda_runtime.h>) && __has_include(\"guard.h\") && "
              "!__has_include(<nope.h>)\nyes\n#endif",
              &o, "yes");
  expect("#define LONG_MACRO(a, \\\n  b) a + \\\r\n  b\r\nLONG_MACRO(1,\r\n 2)", "1 + 2");
  expect_error("int a;\n#include \"nope.h\"", "error: 'nope.h' file not found @2:10");
  expect_error("#include <nope.h>", "error: 'nope.h' file not found @1:10");
}

static void test_robustness(void) {
  /* each must end with an error or tokens, never crash or hang */
  static const char *inputs[] = {
      "#define f(", "#define f(x", "#define f(x,", "#define f(...) __VA_OPT__(", "#define f(x) x\nf(",
      "#define a a\na", "#define f(x) f(x)\nf(f(1))", "#if", "#if (", "#if 1 ?", "#elif", "#else",
      "#include", "#include <", "#include \"", "'", "\"", "/*", "#define S(x) #x\nS(\")", "\\", "#", "##",
      "#define f(x) x\nf(#)", "#define f(x,...) __VA_OPT__(__VA_OPT__())\nf(1,2)", "_Pragma", "_Pragma(",
      "#pragma unroll -1\nx", "#pragma unroll (", "0x", "0b", "1e", "1e+", ".", "...", "0x1.p", "#line",
      "#define defined", "#undef", "#ifdef", "#if defined(", "#if defined", "#define f(x) #x\nf(')",
      "\xff\xfe", "#define E(x) x\nE(\n#define Z 1\n)", "#define f(x) x ## ## x\nf(1)",
  };
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) run(inputs[i]);
  ok(true, "robustness inputs survived", NULL);

  /* deep nesting is bounded, not a stack overflow */
  static char deep[200000];
  size_t k = 0;
  k += (size_t)sprintf(deep + k, "#if ");
  for (int i = 0; i < 50000; i++) deep[k++] = '(';
  deep[k] = 0;
  const char *got = run(deep);
  ok(strstr(got, "nested too deeply") != NULL, "deep #if nesting", got);
  k = (size_t)sprintf(deep, "#define f(x) x\n");
  for (int i = 0; i < 20000; i++) k += (size_t)sprintf(deep + k, "f(");
  deep[k] = 0;
  got = run(deep);
  ok(strncmp(got, "error:", 6) == 0, "deep macro nesting", got);
  /* exponential expansion is capped */
  k = (size_t)sprintf(deep, "#define a0 x x\n");
  for (int i = 1; i < 40; i++) k += (size_t)sprintf(deep + k, "#define a%d a%d a%d\n", i, i - 1, i - 1);
  sprintf(deep + k, "a39\n");
  got = run(deep);
  ok(strstr(got, "macro expansion is too large") != NULL, "macro bomb capped", got);
}

static void test_performance(void) {
  /* a 200-line kernel-like file, repeated to get a stable time */
  static char src[100000];
  size_t k = (size_t)sprintf(src, "#include <cuda_runtime.h>\n#define IDX(i, j, n) ((i) * (n) + (j))\n#define TILE 16\n");
  for (int i = 0; i < 66; i++)
    k += (size_t)sprintf(src + k,
                         "__global__ void k%d(const float *__restrict__ a, float *b, int n) {\n"
                         "  int i = blockIdx.x * blockDim.x + threadIdx.x; /* index */\n"
                         "  if (i < n) b[IDX(i, 0, TILE)] = a[i] * 2.0f + %d; }\n",
                         i, i);
#ifdef __GLIBC__
  /* glibc returns freed arena blocks to the kernel at once (trim threshold),
   * so each run would page-fault its memory in again: measure the
   * preprocessor, not that churn. */
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  clock_t c0 = clock();
  int reps = 200;
  for (int r = 0; r < reps; r++) run(src);
  double ms = (double)(clock() - c0) * 1000.0 / CLOCKS_PER_SEC / reps;
  char buf[100];
  snprintf(buf, sizeof buf, "%.3f ms per 200-line file", ms);
  printf("perf: %s\n", buf);
  ok(toks && ms < 15.0, "performance (generous bound: sanitizer builds, loaded machines)", buf);

  /* long file: linear, not quadratic */
  static char big[4000000];
  k = 0;
  for (int i = 0; i < 100000; i++) k += (size_t)sprintf(big + k, "int v%d = %d + 1;\n", i, i);
  c0 = clock();
  run(big);
  ms = (double)(clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
  snprintf(buf, sizeof buf, "%.1f ms for 100k lines", ms);
  printf("perf: %s\n", buf);
  ok(toks && ms < 3000, "long file", buf);
}

int main(void) {
  cw_arena_init(&arena);
  cw_diags_init(&diags, &arena);
  snprintf(tmpdir, sizeof tmpdir, "/tmp/cw_pp_test_XXXXXX");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 2;
  }
  test_lexing();
  test_macros();
  test_conditionals();
  test_pragmas_and_options();
  test_includes();
  test_robustness();
  test_performance();
  const char *names[] = {"inc.h", "guard.h", "loop.h", "bad.h", "val.h"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
    unlink(p);
  }
  rmdir(tmpdir);
  cw_arena_free(&arena);
  cw_diags_free(&diags);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail != 0;
}
