/* The C/C++ standard headers that kernels include and NVRTC/hiprtc do not
 * provide (NVRTC has no <stdio.h>, <stdint.h>, <assert.h>: "cannot open
 * source file"). Device code needs only a few declarations from them:
 * printf, malloc and the math functions are built into both compilers.
 * Types follow the LP64 host (glibc: int64_t is long), as the metadata does.
 * Written for this project; only the names and values are the standard's. */
#include "rt/rtc/gpu.h"

#define ONCE "#pragma once\n"

static const char stdint_h[] = ONCE
    "typedef signed char int8_t;\ntypedef short int16_t;\ntypedef int int32_t;\ntypedef long int64_t;\n"
    "typedef unsigned char uint8_t;\ntypedef unsigned short uint16_t;\ntypedef unsigned int uint32_t;\n"
    "typedef unsigned long uint64_t;\ntypedef long intptr_t;\ntypedef unsigned long uintptr_t;\n"
    "typedef long intmax_t;\ntypedef unsigned long uintmax_t;\n"
    "#define INT8_MIN (-128)\n#define INT8_MAX 127\n#define UINT8_MAX 255\n"
    "#define INT16_MIN (-32768)\n#define INT16_MAX 32767\n#define UINT16_MAX 65535\n"
    "#define INT32_MIN (-2147483647 - 1)\n#define INT32_MAX 2147483647\n#define UINT32_MAX 4294967295u\n"
    "#define INT64_MIN (-9223372036854775807L - 1)\n#define INT64_MAX 9223372036854775807L\n"
    "#define UINT64_MAX 18446744073709551615UL\n"
    "#define INT32_C(c) c\n#define UINT32_C(c) c##u\n#define INT64_C(c) c##L\n#define UINT64_C(c) c##UL\n";

static const char limits_h[] = ONCE
    "#ifndef INT_MAX\n#define CHAR_BIT 8\n#define SCHAR_MIN (-128)\n#define SCHAR_MAX 127\n#define UCHAR_MAX 255\n"
    "#define CHAR_MIN SCHAR_MIN\n#define CHAR_MAX SCHAR_MAX\n#define SHRT_MIN (-32768)\n#define SHRT_MAX 32767\n"
    "#define USHRT_MAX 65535\n#define INT_MIN (-2147483647 - 1)\n#define INT_MAX 2147483647\n"
    "#define UINT_MAX 4294967295u\n#define LONG_MIN (-9223372036854775807L - 1)\n"
    "#define LONG_MAX 9223372036854775807L\n#define ULONG_MAX 18446744073709551615UL\n"
    "#define LLONG_MIN (-9223372036854775807LL - 1)\n#define LLONG_MAX 9223372036854775807LL\n"
    "#define ULLONG_MAX 18446744073709551615ULL\n#endif\n";

static const char float_h[] = ONCE
    "#ifndef FLT_MAX\n#define FLT_MAX 3.40282347e+38F\n#define FLT_MIN 1.17549435e-38F\n"
    "#define FLT_EPSILON 1.19209290e-07F\n#define FLT_DIG 6\n#define FLT_MANT_DIG 24\n"
    "#define DBL_MAX 1.7976931348623157e+308\n#define DBL_MIN 2.2250738585072014e-308\n"
    "#define DBL_EPSILON 2.2204460492503131e-16\n#define DBL_DIG 15\n#define DBL_MANT_DIG 53\n#endif\n";

static const char stddef_h[] = ONCE
    "typedef decltype(sizeof(0)) size_t;\ntypedef decltype((int *)0 - (int *)0) ptrdiff_t;\n"
    "#ifndef NULL\n#define NULL 0\n#endif\n";

/* CUDA's device assert: __assertfail is a built-in of both compilers'
 * device libraries (hip's prelude maps it). Re-read on every include, as
 * <assert.h> is, so that NDEBUG can switch it. */
static const char assert_h[] =
    "#undef assert\n#ifdef NDEBUG\n#define assert(e) ((void)0)\n#else\n"
    "#define assert(e) ((e) ? (void)0 : __assertfail(#e, __FILE__, __LINE__, __func__, sizeof(char)))\n#endif\n";

static const char empty_h[] = ONCE;

const char *const cw_gpu_std_header_names[] = {
    "stdint.h", "cstdint",  "inttypes.h", "cinttypes", "limits.h", "climits", "float.h",  "cfloat",
    "stddef.h", "cstddef",  "assert.h",   "cassert",   "stdio.h",  "cstdio",  "stdlib.h", "cstdlib",
    "math.h",   "cmath",    "string.h",   "cstring",   "stdbool.h",
};
const char *const cw_gpu_std_header_texts[] = {
    stdint_h, stdint_h, stdint_h, stdint_h, limits_h, limits_h, float_h, float_h,
    stddef_h, stddef_h, assert_h, assert_h, empty_h,  empty_h,  empty_h, empty_h,
    empty_h,  empty_h,  empty_h,  empty_h,  empty_h,
};
const int cw_gpu_std_header_count = (int)(sizeof cw_gpu_std_header_names / sizeof *cw_gpu_std_header_names);

_Static_assert(sizeof cw_gpu_std_header_names / sizeof *cw_gpu_std_header_names ==
                   sizeof cw_gpu_std_header_texts / sizeof *cw_gpu_std_header_texts,
               "one text per header name");
