/* CUDA built-in functions known to the compiler. Shared by the front-end
 * (name lookup and typing, front/builtins.c) and the IR (ir_expr IR_E_INTRINSIC,
 * IR_S_ATOMIC, IR_S_BARRIER). One entry per operation; the precision of the math
 * functions follows the operand type (sqrtf and sqrt on a float are both
 * CW_IN_SQRT with f32 operands; sqrt on a double is CW_IN_SQRT with f64).
 *
 * X(ID, spelling-for-messages, number-of-arguments) */
#ifndef CW_INTRINSICS_H
#define CW_INTRINSICS_H

#define CW_INTRINSIC_LIST(X)                                                   \
  /* math, float or double by operand type */                                  \
  X(SQRT, "sqrt", 1) X(RSQRT, "rsqrt", 1) X(CBRT, "cbrt", 1)                   \
  X(EXP, "exp", 1) X(EXP2, "exp2", 1) X(EXP10, "exp10", 1) X(EXPM1, "expm1", 1) \
  X(LOG, "log", 1) X(LOG2, "log2", 1) X(LOG10, "log10", 1) X(LOG1P, "log1p", 1) \
  X(POW, "pow", 2) X(SIN, "sin", 1) X(COS, "cos", 1) X(TAN, "tan", 1)          \
  X(ASIN, "asin", 1) X(ACOS, "acos", 1) X(ATAN, "atan", 1) X(ATAN2, "atan2", 2) \
  X(SINH, "sinh", 1) X(COSH, "cosh", 1) X(TANH, "tanh", 1)                     \
  X(ASINH, "asinh", 1) X(ACOSH, "acosh", 1) X(ATANH, "atanh", 1)               \
  X(FABS, "fabs", 1) X(FMIN, "fmin", 2) X(FMAX, "fmax", 2) X(FDIM, "fdim", 2)  \
  X(FLOOR, "floor", 1) X(CEIL, "ceil", 1) X(ROUND, "round", 1) X(RINT, "rint", 1) \
  X(TRUNC, "trunc", 1) X(FMOD, "fmod", 2) X(REMAINDER, "remainder", 2)          \
  X(FMA, "fma", 3) X(HYPOT, "hypot", 2) X(ERF, "erf", 1) X(ERFC, "erfc", 1)    \
  X(COPYSIGN, "copysign", 2) X(LDEXP, "ldexp", 2) /* (float, int) */           \
  /* classification: result int (bool-valued) */                               \
  X(ISNAN, "isnan", 1) X(ISINF, "isinf", 1) X(ISFINITE, "isfinite", 1)         \
  X(SIGNBIT, "signbit", 1)                                                     \
  /* fast float intrinsics (f32 only) */                                       \
  X(FAST_EXP, "__expf", 1) X(FAST_LOG, "__logf", 1) X(FAST_SIN, "__sinf", 1)   \
  X(FAST_COS, "__cosf", 1) X(FAST_POW, "__powf", 2) X(FAST_DIV, "__fdividef", 2) \
  X(SATURATE, "__saturatef", 1) X(RCP_RN, "__frcp_rn", 1)                      \
  X(SQRT_RN, "__fsqrt_rn", 1) X(FMA_RN, "__fmaf_rn", 3) X(ADD_RN, "__fadd_rn", 2) \
  X(MUL_RN, "__fmul_rn", 2)                                                    \
  /* integer (int or unsigned by operand type; *LL forms take 64-bit) */        \
  X(POPC, "__popc", 1) X(POPCLL, "__popcll", 1) X(CLZ, "__clz", 1)             \
  X(FFS, "__ffs", 1) X(BREV, "__brev", 1) X(MUL24, "__mul24", 2)               \
  X(UMUL24, "__umul24", 2) X(MULHI, "__mulhi", 2) X(UMULHI, "__umulhi", 2)     \
  X(MIN, "min", 2) X(MAX, "max", 2) X(ABS, "abs", 1)                           \
  /* bit reinterpretation */                                                   \
  X(FLOAT_AS_INT, "__float_as_int", 1) X(INT_AS_FLOAT, "__int_as_float", 1)    \
  X(FLOAT_AS_UINT, "__float_as_uint", 1) X(UINT_AS_FLOAT, "__uint_as_float", 1) \
  /* memory: __ldg(p) is a read-only load of *p */                             \
  X(LDG, "__ldg", 1)                                                           \
  /* sincos(x, &s, &c): lowered to two stores */                               \
  X(SINCOS, "sincos", 3)                                                       \
  /* subgroup operations on 32-bit values: made only by passes/warp.c when the \
     module targets WGSL with native 32-wide subgroups (m->subgroup_size 32)   \
     from warp intrinsics; never written by users. Ballot: the low 32 bits.   */ \
  X(SG_SHUFFLE, "subgroupShuffle", 2) X(SG_BALLOT, "subgroupBallot", 1)        \
  X(SG_ADD, "subgroupAdd", 1) X(SG_MIN, "subgroupMin", 1)                      \
  X(SG_MAX, "subgroupMax", 1) X(SG_AND, "subgroupAnd", 1)                      \
  X(SG_OR, "subgroupOr", 1) X(SG_XOR, "subgroupXor", 1)                        \
  /* half arithmetic on 16-bit patterns (u16 in, u16 out; the *2 forms: two   \
     halves in a u32, x in the low bits): made only by passes/half.c when the \
     module targets WGSL with native f16 (m->half_native); never written by   \
     users. One rounding each; NaN results are 0x7fff, as CUDA's.             */ \
  X(HADD, "__hadd", 2) X(HSUB, "__hsub", 2) X(HMUL, "__hmul", 2)               \
  X(HDIV, "__hdiv", 2) X(HFMA, "__hfma", 3)                                    \
  X(HADD2, "__hadd2", 2) X(HSUB2, "__hsub2", 2) X(HMUL2, "__hmul2", 2)         \
  X(HFMA2, "__hfma2", 3)                                                       \
  /* atomics: first argument is the address; result is the old value */        \
  X(ATOMIC_ADD, "atomicAdd", 2) X(ATOMIC_SUB, "atomicSub", 2)                  \
  X(ATOMIC_EXCH, "atomicExch", 2) X(ATOMIC_MIN, "atomicMin", 2)                \
  X(ATOMIC_MAX, "atomicMax", 2) X(ATOMIC_INC, "atomicInc", 2)                  \
  X(ATOMIC_DEC, "atomicDec", 2) X(ATOMIC_CAS, "atomicCAS", 3)                  \
  X(ATOMIC_AND, "atomicAnd", 2) X(ATOMIC_OR, "atomicOr", 2)                    \
  X(ATOMIC_XOR, "atomicXor", 2)                                                \
  /* synchronisation (statements, no value) */                                 \
  X(SYNCTHREADS, "__syncthreads", 0) X(THREADFENCE, "__threadfence", 0)        \
  X(THREADFENCE_BLOCK, "__threadfence_block", 0)                              \
  /* warp operations (IR_S_WARP; the mask argument is not counted) */         \
  X(SHFL, "__shfl_sync", 2) X(SHFL_UP, "__shfl_up_sync", 2)                   \
  X(SHFL_DOWN, "__shfl_down_sync", 2) X(SHFL_XOR, "__shfl_xor_sync", 2)       \
  X(BALLOT, "__ballot_sync", 1) X(VOTE_ANY, "__any_sync", 1)                  \
  X(VOTE_ALL, "__all_sync", 1) X(ACTIVEMASK, "__activemask", 0)               \
  X(SYNCWARP, "__syncwarp", 0) X(REDUCE_ADD, "__reduce_add_sync", 1)          \
  X(REDUCE_MIN, "__reduce_min_sync", 1) X(REDUCE_MAX, "__reduce_max_sync", 1) \
  X(REDUCE_AND, "__reduce_and_sync", 1) X(REDUCE_OR, "__reduce_or_sync", 1)   \
  X(REDUCE_XOR, "__reduce_xor_sync", 1)

typedef enum {
#define X(id, name, n) CW_IN_##id,
  CW_INTRINSIC_LIST(X)
#undef X
  CW_IN_COUNT
} cw_intrinsic;

/* Spelling and arity, for messages and the IR printer (ir/ir.c). */
const char *cw_intrinsic_name(cw_intrinsic in);
int cw_intrinsic_nargs(cw_intrinsic in);
static inline int cw_intrinsic_is_atomic(cw_intrinsic in) {
  return in >= CW_IN_ATOMIC_ADD && in <= CW_IN_ATOMIC_XOR;
}

static inline int cw_intrinsic_is_subgroup(cw_intrinsic in) {
  return in >= CW_IN_SG_SHUFFLE && in <= CW_IN_SG_XOR;
}

static inline int cw_intrinsic_is_half(cw_intrinsic in) {
  return in >= CW_IN_HADD && in <= CW_IN_HFMA2;
}

/* the __half2 forms (u32 operands) */
static inline int cw_intrinsic_is_half2(cw_intrinsic in) {
  return in >= CW_IN_HADD2 && in <= CW_IN_HFMA2;
}

static inline int cw_intrinsic_is_warp(cw_intrinsic in) {
  return in >= CW_IN_SHFL && in <= CW_IN_REDUCE_XOR;
}

#endif
