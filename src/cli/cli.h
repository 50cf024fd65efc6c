/* cuda-wasm CLI internals: the `run` and `devices` subcommands and the
 * kernel-argument language they share with the differential test harness
 * (tests/diff/, which compiles args.c too, so the CLI and the tests cannot
 * disagree about what an argument spec means).
 *
 * Argument spec (one per kernel parameter, docs/corpus.md):
 *   TYPE:VALUE           scalar, TYPE in i8 u8 i16 u16 i32 u32 i64 u64 f32 f64
 *   TYPE[COUNT]:INIT     buffer of COUNT elements, INIT one of
 *                        zero | fill(V) | iota | iota(STEP) | rand(SEED) | file(PATH)
 * rand(SEED) contract: f32/f64 uniform in [-1, 1); signed integers uniform in
 * [-1000, 1000] (clamped to the type); unsigned integers uniform over the
 * type. The stream depends only on SEED and the type, so runs are
 * reproducible. file(PATH): raw little-endian elements, exactly COUNT of them. */
#ifndef CW_CLI_H
#define CW_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cudawasm.h"

typedef enum {
  CLI_I8, CLI_U8, CLI_I16, CLI_U16, CLI_I32, CLI_U32, CLI_I64, CLI_U64, CLI_F32, CLI_F64, CLI_NTYPES
} cli_type;

/* Every member starts at offset 0, so &s is the little-endian value of its type. */
typedef union cli_scalar {
  int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
  int64_t i64; uint64_t u64; float f32; double f64;
} cli_scalar;

typedef struct cli_arg {
  cli_type type;
  bool is_buffer;
  size_t count;        /* buffer: elements */
  void *host;          /* buffer: count elements (malloc'd; cli_arg_free) */
  cli_scalar s;        /* scalar value */
} cli_arg;

const char *cli_type_name(cli_type t);
size_t cli_type_size(cli_type t);
bool cli_type_is_float(cli_type t);
bool cli_type_is_signed(cli_type t);
/* Parses a type name of n bytes ("f32"); returns 0, or -1 when unknown. */
int cli_type_parse(const char *s, size_t n, cli_type *out);

/* Fills count elements with the rand(SEED) stream (contract above). */
void cli_rand_fill(cli_type t, void *dst, size_t count, uint64_t seed);

/* Parses one argument spec; returns 0, or -1 with a one-line reason in err
 * (nothing to free then). */
int cli_parse_arg(const char *spec, cli_arg *out, char *err, size_t errlen);
void cli_arg_free(cli_arg *a);
/* demote_double: an f64 buffer argument becomes f32 (each value rounded to
 * float) for a device that computes double as float, and back after the
 * launch. Other arguments are left alone. */
void cli_arg_demote_f64(cli_arg *a);
void cli_arg_promote_f32(cli_arg *a);

/* "X[,Y[,Z]]", every component in [1, 2^31-1]; returns 0 or -1 with err. */
int cli_parse_dim3(const char *s, cw_dim3 *out, char *err, size_t errlen);

/* The element type of a declared C type as cw_param_info.type gives it
 * ("const float *" -> f32, "unsigned int" -> u32); -1 for structs, unions
 * and anything else without a fixed spec type. */
int cli_ctype_class(const char *ctype, cli_type *out);

/* Checks argument a against parameter p (index i): pointer vs value, value
 * size and int/float kind, buffer element size. 0 or -1 with err. */
int cli_check_arg(const cw_param_info *p, int i, const cli_arg *a, char *err, size_t errlen);

uint64_t cli_fnv1a64(const void *p, size_t n);
/* The sum of a buffer's elements, printed exactly for integers (wrapping
 * modulo 2^64) and as %.17g of a double sum for floats. */
void cli_buffer_sum(const cli_arg *a, char *out, size_t outlen);

/* Subcommands (argv excludes "cuda-wasm <command>"); return the exit status. */
int cli_cmd_run(int argc, char **argv);
int cli_cmd_devices(int argc, char **argv);

#endif
