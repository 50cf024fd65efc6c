/* Built-in headers: what kernels include, as text, so no CUDA toolkit or C
 * library is needed. They hold only typedefs and macros (LP64 sizes, as on
 * the Linux hosts nvcc targets); the CUDA math functions and intrinsics are
 * known to the parser by name. Typedefs repeat the parser's predefined ones
 * exactly (a redefinition to the same type is legal). */
#include <string.h>

#include "front/token.h"

#define STDDEF_BODY                                                                            \
  "typedef unsigned long size_t;\n"                                                            \
  "typedef long ptrdiff_t;\n"                                                                  \
  "#ifndef NULL\n#define NULL 0\n#endif\n"                                                     \
  "#define offsetof(type, member) __builtin_offsetof(type, member)\n"

static const char stddef_h[] = "#pragma once\n" STDDEF_BODY;

static const char stdint_h[] =
    "#pragma once\n"
    "typedef signed char int8_t;\n"
    "typedef short int16_t;\n"
    "typedef int int32_t;\n"
    "typedef long int64_t;\n"
    "typedef unsigned char uint8_t;\n"
    "typedef unsigned short uint16_t;\n"
    "typedef unsigned int uint32_t;\n"
    "typedef unsigned long uint64_t;\n"
    "typedef signed char int_least8_t;\n"
    "typedef short int_least16_t;\n"
    "typedef int int_least32_t;\n"
    "typedef long int_least64_t;\n"
    "typedef unsigned char uint_least8_t;\n"
    "typedef unsigned short uint_least16_t;\n"
    "typedef unsigned int uint_least32_t;\n"
    "typedef unsigned long uint_least64_t;\n"
    "typedef signed char int_fast8_t;\n"
    "typedef long int_fast16_t;\n"
    "typedef long int_fast32_t;\n"
    "typedef long int_fast64_t;\n"
    "typedef unsigned char uint_fast8_t;\n"
    "typedef unsigned long uint_fast16_t;\n"
    "typedef unsigned long uint_fast32_t;\n"
    "typedef unsigned long uint_fast64_t;\n"
    "typedef long intptr_t;\n"
    "typedef unsigned long uintptr_t;\n"
    "typedef long intmax_t;\n"
    "typedef unsigned long uintmax_t;\n"
    "#define INT8_MIN (-128)\n"
    "#define INT16_MIN (-32767-1)\n"
    "#define INT32_MIN (-2147483647-1)\n"
    "#define INT64_MIN (-9223372036854775807L-1)\n"
    "#define INT8_MAX 127\n"
    "#define INT16_MAX 32767\n"
    "#define INT32_MAX 2147483647\n"
    "#define INT64_MAX 9223372036854775807L\n"
    "#define UINT8_MAX 255\n"
    "#define UINT16_MAX 65535\n"
    "#define UINT32_MAX 4294967295U\n"
    "#define UINT64_MAX 18446744073709551615UL\n"
    "#define INTPTR_MIN INT64_MIN\n"
    "#define INTPTR_MAX INT64_MAX\n"
    "#define UINTPTR_MAX UINT64_MAX\n"
    "#define INTMAX_MIN INT64_MIN\n"
    "#define INTMAX_MAX INT64_MAX\n"
    "#define UINTMAX_MAX UINT64_MAX\n"
    "#define SIZE_MAX UINT64_MAX\n"
    "#define PTRDIFF_MIN INT64_MIN\n"
    "#define PTRDIFF_MAX INT64_MAX\n"
    "#define INT8_C(c) c\n"
    "#define INT16_C(c) c\n"
    "#define INT32_C(c) c\n"
    "#define INT64_C(c) c ## L\n"
    "#define UINT8_C(c) c\n"
    "#define UINT16_C(c) c\n"
    "#define UINT32_C(c) c ## U\n"
    "#define UINT64_C(c) c ## UL\n"
    "#define INTMAX_C(c) c ## L\n"
    "#define UINTMAX_C(c) c ## UL\n";

static const char limits_h[] =
    "#pragma once\n"
    "#define CHAR_BIT 8\n"
    "#define SCHAR_MIN (-128)\n"
    "#define SCHAR_MAX 127\n"
    "#define UCHAR_MAX 255\n"
    "#define CHAR_MIN SCHAR_MIN\n"
    "#define CHAR_MAX SCHAR_MAX\n"
    "#define MB_LEN_MAX 16\n"
    "#define SHRT_MIN (-32767-1)\n"
    "#define SHRT_MAX 32767\n"
    "#define USHRT_MAX 65535\n"
    "#define INT_MIN (-2147483647-1)\n"
    "#define INT_MAX 2147483647\n"
    "#define UINT_MAX 4294967295U\n"
    "#define LONG_MIN (-9223372036854775807L-1)\n"
    "#define LONG_MAX 9223372036854775807L\n"
    "#define ULONG_MAX 18446744073709551615UL\n"
    "#define LLONG_MIN (-9223372036854775807LL-1)\n"
    "#define LLONG_MAX 9223372036854775807LL\n"
    "#define ULLONG_MAX 18446744073709551615ULL\n";

static const char float_h[] =
    "#pragma once\n"
    "#define FLT_RADIX 2\n"
    "#define FLT_MANT_DIG 24\n"
    "#define DBL_MANT_DIG 53\n"
    "#define FLT_DIG 6\n"
    "#define DBL_DIG 15\n"
    "#define FLT_DECIMAL_DIG 9\n"
    "#define DBL_DECIMAL_DIG 17\n"
    "#define DECIMAL_DIG 17\n"
    "#define FLT_MIN_EXP (-125)\n"
    "#define DBL_MIN_EXP (-1021)\n"
    "#define FLT_MIN_10_EXP (-37)\n"
    "#define DBL_MIN_10_EXP (-307)\n"
    "#define FLT_MAX_EXP 128\n"
    "#define DBL_MAX_EXP 1024\n"
    "#define FLT_MAX_10_EXP 38\n"
    "#define DBL_MAX_10_EXP 308\n"
    "#define FLT_MAX 3.40282346638528859812e+38F\n"
    "#define DBL_MAX 1.79769313486231570815e+308\n"
    "#define FLT_MIN 1.17549435082228750797e-38F\n"
    "#define DBL_MIN 2.22507385850720138309e-308\n"
    "#define FLT_EPSILON 1.19209289550781250000e-7F\n"
    "#define DBL_EPSILON 2.22044604925031308085e-16\n"
    "#define FLT_TRUE_MIN 1.40129846432481707092e-45F\n"
    "#define DBL_TRUE_MIN 4.94065645841246544177e-324\n"
    "#define FLT_EVAL_METHOD 0\n";

static const char math_h[] =
    "#pragma once\n"
    "#define INFINITY __builtin_inff()\n"
    "#define NAN __builtin_nanf(\"\")\n"
    "#define HUGE_VALF __builtin_inff()\n"
    "#define HUGE_VAL __builtin_inf()\n"
    "#define M_E 2.7182818284590452354\n"
    "#define M_LOG2E 1.4426950408889634074\n"
    "#define M_LOG10E 0.43429448190325182765\n"
    "#define M_LN2 0.69314718055994530942\n"
    "#define M_LN10 2.30258509299404568402\n"
    "#define M_PI 3.14159265358979323846\n"
    "#define M_PI_2 1.57079632679489661923\n"
    "#define M_PI_4 0.78539816339744830962\n"
    "#define M_1_PI 0.31830988618379067154\n"
    "#define M_2_PI 0.63661977236758134308\n"
    "#define M_2_SQRTPI 1.12837916709551257390\n"
    "#define M_SQRT2 1.41421356237309504880\n"
    "#define M_SQRT1_2 0.70710678118654752440\n";

static const char stdlib_h[] =
    "#pragma once\n"
    "#include <stddef.h>\n"
    "#define EXIT_SUCCESS 0\n"
    "#define EXIT_FAILURE 1\n"
    "#define RAND_MAX 2147483647\n";

static const char stdio_h[] =
    "#pragma once\n"
    "#include <stddef.h>\n"
    "#define EOF (-1)\n";

static const char string_h[] = "#pragma once\n#include <stddef.h>\n";

/* assert() is compiled out only under NDEBUG (as in C); otherwise it reaches
 * the parser as __cw_assert(cond, "cond text") (front/printf.c), which takes
 * the file and line from where assert was written. */
static const char assert_h[] =
    "#undef assert\n"
    "#ifdef NDEBUG\n"
    "#define assert(e) ((void)0)\n"
    "#else\n"
    "#define assert(e) __cw_assert((e), #e)\n"
    "#endif\n";

/* C++: bool/true/false are keywords; <stdbool.h> only announces that. */
static const char stdbool_h[] =
    "#pragma once\n"
    "#define __bool_true_false_are_defined 1\n";

static const char cuda_runtime_h[] =
    "#pragma once\n"
    "#include <stddef.h>\n"
    "#include <stdint.h>\n";

static const char include_cuda_runtime[] = "#pragma once\n#include <cuda_runtime.h>\n";
static const char include_math[] = "#pragma once\n#include <math.h>\n";
static const char include_stdio[] = "#pragma once\n#include <stdio.h>\n";
static const char include_stdint[] = "#pragma once\n#include <stdint.h>\n";
static const char include_float[] = "#pragma once\n#include <float.h>\n";
static const char include_limits[] = "#pragma once\n#include <limits.h>\n";
static const char include_stdlib[] = "#pragma once\n#include <stdlib.h>\n";
static const char include_stddef[] = "#pragma once\n#include <stddef.h>\n";
static const char include_string[] = "#pragma once\n#include <string.h>\n";
static const char include_assert[] = "#include <assert.h>\n";

#include "front/cuda_fp16_h.inc"
#include "front/cooperative_groups_h.inc"

static const char include_cooperative_groups[] = "#pragma once\n#include <cooperative_groups.h>\n";

static const struct {
  const char *name;
  const char *text;
} headers[] = {
    {"cuda_runtime.h", cuda_runtime_h},
    {"cuda_runtime_api.h", include_cuda_runtime},
    {"cuda.h", include_cuda_runtime},
    {"device_launch_parameters.h", include_cuda_runtime},
    {"math.h", math_h},
    {"cmath", include_math},
    {"stdio.h", stdio_h},
    {"cstdio", include_stdio},
    {"stdint.h", stdint_h},
    {"cstdint", include_stdint},
    {"float.h", float_h},
    {"cfloat", include_float},
    {"limits.h", limits_h},
    {"climits", include_limits},
    {"stdlib.h", stdlib_h},
    {"cstdlib", include_stdlib},
    {"stddef.h", stddef_h},
    {"cstddef", include_stddef},
    {"string.h", string_h},
    {"cstring", include_string},
    {"assert.h", assert_h},
    {"cassert", include_assert},
    {"stdbool.h", stdbool_h},
    /* vector types and make_* are always available (defined on first use) */
    {"vector_types.h", include_cuda_runtime},
    {"vector_functions.h", include_cuda_runtime},
    {"cuda_fp16.h", cuda_fp16_h},
    {"cooperative_groups.h", cooperative_groups_h},
    {"cooperative_groups/reduce.h", include_cooperative_groups},
};

const char *cw_builtin_header(const char *name) {
  if (!name) return NULL;
  for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
    if (strcmp(headers[i].name, name) == 0) return headers[i].text;
  return NULL;
}
