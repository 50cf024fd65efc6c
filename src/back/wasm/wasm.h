/* The WebAssembly back-end: one kernel of the RESOLVED IR (C target passes)
 * as a WebAssembly module whose exported `block(info)` runs one thread block.
 *
 * Execution model: statements that hold a barrier run in lockstep over the
 * block's threads (each one a loop over the active threads, as the npm
 * package's interpreter does), so __syncthreads needs no code: every live
 * thread has finished what precedes it. Runs of statements without a barrier
 * run per thread, with ordinary WebAssembly control flow, inside one thread
 * loop. Both are legal CUDA schedules (divergent barriers are refused by the
 * uniformity pass; warp intrinsics are already shared memory and barriers).
 * Lockstep control flow keeps a per-thread status byte (run, break, continue,
 * return) and per-level active masks in memory.
 *
 * Memory (imported "env" "memory"), laid out by the runtime; `info` points at:
 *   0 nthreads, 4..12 blockDim, 16..24 gridDim, 28..36 blockIdx,
 *   40 frames (nthreads * frame bytes: locals and scalar parameters),
 *   44 status (nthreads bytes), 48 masks (levels * nthreads bytes),
 *   52 scratch (switch selectors: nswitch * 4 * nthreads bytes), 60 frame bytes,
 *   64 + 8k: variable k of the table: base address (u32), length in bytes (u32).
 * Every element access is bounds-checked against its variable (import "cw" "oob").
 * The runtime fills blockIdx, zeroes frames, shared variables and status,
 * copies scalar arguments into every frame, and calls block(info) per block. */
#ifndef CW_BACK_WASM_H
#define CW_BACK_WASM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir/ir.h"

#define CW_WASM_INFO_HEADER 64

typedef enum { CW_WV_PARAM_BUFFER, CW_WV_SHARED, CW_WV_DYN_SHARED, CW_WV_GLOBAL } cw_wasm_var_kind;

typedef struct cw_wasm_var {
  cw_wasm_var_kind kind;
  int param;              /* PARAM_BUFFER: kernel parameter index */
  const char *name;       /* GLOBAL: generated-code name (metadata ir_name) */
  int size;               /* SHARED: bytes */
} cw_wasm_var;

typedef struct cw_wasm_param_slot { int param, offset, size; } cw_wasm_param_slot;

typedef struct cw_wasm_kernel {
  uint8_t *bytes;         /* the module (malloc) */
  size_t len;
  int frame;              /* bytes per thread */
  int levels;             /* mask levels */
  int nswitch;            /* switch scratch words per thread */
  cw_wasm_var *vars;      /* the variable table (malloc) */
  int nvars;
  cw_wasm_param_slot *pslots; /* scalar/struct parameters: their frame offsets (malloc) */
  int npslots;
  int simd_regions;       /* barrier-free regions that got the SIMD128 path (simd.c) */
  char why[256];          /* when refused: what is not supported yet */
} cw_wasm_kernel;

/* Imports "cw" <name>, in this order (the runtime supplies all of them). */
#define CW_WASM_IMPORTS(X)                                                         \
  X(OOB, "oob") X(FAIL, "fail") X(PF_ARG, "pf_arg") X(PF_EMIT, "pf_emit")          \
  X(CBRT, "cbrt") X(EXP, "exp") X(EXP2, "exp2") X(EXP10, "exp10") X(EXPM1, "expm1") \
  X(LOG, "log") X(LOG2, "log2") X(LOG10, "log10") X(LOG1P, "log1p") X(SIN, "sin")  \
  X(COS, "cos") X(TAN, "tan") X(ASIN, "asin") X(ACOS, "acos") X(ATAN, "atan")      \
  X(SINH, "sinh") X(COSH, "cosh") X(TANH, "tanh") X(ASINH, "asinh")                \
  X(ACOSH, "acosh") X(ATANH, "atanh") X(ERF, "erf") X(ERFC, "erfc")                \
  X(ROUND, "round") X(POW, "pow") X(ATAN2, "atan2") X(FMOD, "fmod")                \
  X(REMAINDER, "remainder") X(HYPOT, "hypot") X(FMIN, "fmin") X(FMAX, "fmax")      \
  X(FDIM, "fdim") X(LDEXP, "ldexp") X(FMA, "fma") X(MULHI64, "mulhi64")            \
  X(BREV32, "brev32") X(BREV64, "brev64")
typedef enum {
#define X(id, name) CW_WI_##id,
  CW_WASM_IMPORTS(X)
#undef X
  CW_WI_COUNT
} cw_wasm_import;

/* Compiles kernel k of m. Returns 0, or -1 with out->why set when the kernel
 * uses something this back-end does not handle yet (the caller then falls
 * back to the interpreter). */
int cw_emit_wasm(ir_module *m, ir_func *k, cw_wasm_kernel *out);
/* simd false: never the SIMD128 path (simd.c), for measuring and comparing it. */
int cw_emit_wasm_simd(ir_module *m, ir_func *k, cw_wasm_kernel *out, bool simd);
void cw_wasm_kernel_free(cw_wasm_kernel *k);

#endif
