/* Differential tests: every corpus kernel (tests/kernels/NAME.cu, header spec
 * described in docs/corpus.md) is launched on every backend present and its
 * buffers compared with an independent reference written in plain C.
 *
 * A reference receives copies of the generated inputs (buffers and scalars,
 * one diff_arg per kernel parameter, in order) and must leave in each buffer
 * the contents the kernel leaves there (inputs it does not write stay as they
 * are). It never sees the CUDA source or the transpiler's output. */
#ifndef CW_DIFF_H
#define CW_DIFF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cudawasm.h"

typedef struct diff_arg {
  char type[8];        /* "i32" "u32" "f32" "f64" "i64" "u64" "i8" "u8" "i16" "u16" */
  bool is_buffer;
  size_t count;        /* buffer: number of elements */
  void *host;          /* buffer: the elements (type as above) */
  union {
    int32_t i32; uint32_t u32; float f32; double f64; int64_t i64; uint64_t u64;
  } s;                 /* scalar value */
} diff_arg;

typedef struct diff_launch {
  cw_dim3 grid, block;
  size_t shmem;        /* dynamic shared bytes */
} diff_launch;

typedef void (*diff_ref_fn)(diff_arg *a, int nargs, const diff_launch *l);

typedef struct diff_ref {
  const char *kernel;  /* the __global__ function's name */
  diff_ref_fn fn;
  int multiset_arg;    /* -1, or a buffer compared as a multiset (order of atomically reserved slots) */
} diff_ref;

/* Typed access helpers for references */
#define DA_F32(a, i) ((float *)(a)[i].host)
#define DA_I32(a, i) ((int32_t *)(a)[i].host)
#define DA_U32(a, i) ((uint32_t *)(a)[i].host)
#define DA_F64(a, i) ((double *)(a)[i].host)
#define DS_I32(a, i) ((a)[i].s.i32)
#define DS_U32(a, i) ((a)[i].s.u32)
#define DS_F32(a, i) ((a)[i].s.f32)

#define DIFF_REF(name) static void ref_##name(diff_arg *a, int nargs, const diff_launch *l)

/* Tables of references (tests/diff/refs_*.c), NULL-terminated */
extern const diff_ref diff_refs_1[];
extern const diff_ref diff_refs_2[];
extern const diff_ref diff_refs_3[]; /* c_only kernels and multi-kernel files */
/* issue 5: C++ features, warp intrinsics, 64-bit, memory layouts, printf, classic patterns */
extern const diff_ref diff_refs_cxx[], diff_refs_warp[], diff_refs_i64[], diff_refs_mem[],
    diff_refs_print[], diff_refs_classic[];
extern const diff_ref diff_refs_tmpl[]; /* issue 5: templates (kernel names in C++ spelling, no spaces) */
extern const diff_ref diff_refs_pack[]; /* issue 5: 8/16-bit memory (pack_*.cu) */
extern const diff_ref diff_refs_cg[];   /* issue 5: cooperative groups (cg_*.cu) */

/* References shared by kernels with the same specification (refs_warp.c):
 * int32 sums of 256-element blocks (warp_block_reduce, cg_block_reduce). */
void diff_ref_block_sums_256(diff_arg *a, int nargs, const diff_launch *l);

#endif
