/* IR core: types, construction helpers, variable naming, kernel selection. */
#include "ir/ir.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ir/ir_names.h"

/* ---------------- intrinsics table ---------------- */
static const char *const intrinsic_names[] = {
#define X(id, name, n) name,
    CW_INTRINSIC_LIST(X)
#undef X
};
static const int intrinsic_nargs[] = {
#define X(id, name, n) n,
    CW_INTRINSIC_LIST(X)
#undef X
};

const char *cw_intrinsic_name(cw_intrinsic in) {
  if ((int)in < 0 || in >= CW_IN_COUNT) return "?";
  return intrinsic_names[in];
}
int cw_intrinsic_nargs(cw_intrinsic in) {
  if ((int)in < 0 || in >= CW_IN_COUNT) return 0;
  return intrinsic_nargs[in];
}

/* ---------------- types ---------------- */
ir_type ir_void = {IR_T_VOID, 0, 1, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_bool = {IR_T_BOOL, 1, 1, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_i8 = {IR_T_I8, 1, 1, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_u8 = {IR_T_U8, 1, 1, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_i16 = {IR_T_I16, 2, 2, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_u16 = {IR_T_U16, 2, 2, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_i32 = {IR_T_I32, 4, 4, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_u32 = {IR_T_U32, 4, 4, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_i64 = {IR_T_I64, 8, 8, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_u64 = {IR_T_U64, 8, 8, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_f32 = {IR_T_F32, 4, 4, NULL, 0, IR_AS_PRIVATE, false, NULL};
ir_type ir_f64 = {IR_T_F64, 8, 8, NULL, 0, IR_AS_PRIVATE, false, NULL};

ir_type *ir_type_ptr(ir_module *m, ir_type *elem, ir_addr_space as, bool pointee_const) {
  ir_type *t = CW_NEW(m->arena, ir_type);
  t->kind = IR_T_PTR;
  t->size = t->align = 8;
  t->elem = elem;
  t->as = as;
  t->pointee_const = pointee_const;
  return t;
}

ir_type *ir_type_array(ir_module *m, ir_type *elem, int len) {
  ir_type *t = CW_NEW(m->arena, ir_type);
  t->kind = IR_T_ARRAY;
  t->elem = elem;
  t->len = len;
  t->size = len < 0 ? 0 : elem->size * len;
  t->align = elem->align;
  return t;
}

/* Structural; pointee_const is a qualifier, not part of the identity (a
 * `float *` may be assigned to a `const float *` without a conversion node).
 * The address space is compared. Structs by identity. */
bool ir_type_eq(const ir_type *a, const ir_type *b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
  case IR_T_PTR: return a->as == b->as && ir_type_eq(a->elem, b->elem);
  case IR_T_ARRAY: return a->len == b->len && ir_type_eq(a->elem, b->elem);
  case IR_T_STRUCT: return a->st == b->st;
  default: return true;
  }
}

bool ir_type_is_int(const ir_type *t) { return t && t->kind >= IR_T_I8 && t->kind <= IR_T_U64; }
bool ir_type_is_signed(const ir_type *t) {
  return t && (t->kind == IR_T_I8 || t->kind == IR_T_I16 || t->kind == IR_T_I32 ||
               t->kind == IR_T_I64 || t->kind == IR_T_F32 || t->kind == IR_T_F64);
}
bool ir_type_is_float(const ir_type *t) { return t && (t->kind == IR_T_F32 || t->kind == IR_T_F64); }
bool ir_type_is_scalar(const ir_type *t) { return t && t->kind >= IR_T_BOOL && t->kind <= IR_T_F64; }
bool ir_type_is_64bit(const ir_type *t) {
  return t && (t->kind == IR_T_I64 || t->kind == IR_T_U64 || t->kind == IR_T_F64);
}
ir_type *ir_type_leaf(ir_type *t) {
  while (t && t->kind == IR_T_ARRAY) t = t->elem;
  return t;
}
int ir_type_flat_len(const ir_type *t) {
  int n = 1;
  while (t && t->kind == IR_T_ARRAY) {
    n *= t->len < 0 ? 1 : t->len;
    t = t->elem;
  }
  return n;
}

static const char *scalar_c_name(ir_type_kind k) {
  switch (k) {
  case IR_T_VOID: return "void";
  case IR_T_BOOL: return "bool";
  case IR_T_I8: return "signed char";
  case IR_T_U8: return "unsigned char";
  case IR_T_I16: return "short";
  case IR_T_U16: return "unsigned short";
  case IR_T_I32: return "int";
  case IR_T_U32: return "unsigned int";
  case IR_T_I64: return "long long";
  case IR_T_U64: return "unsigned long long";
  case IR_T_F32: return "float";
  case IR_T_F64: return "double";
  default: return NULL;
  }
}

const char *ir_type_str(ir_module *m, const ir_type *t) {
  if (!t) return "?";
  const char *s = scalar_c_name(t->kind);
  if (s) return s;
  switch (t->kind) {
  case IR_T_PTR: {
    const char *e = ir_type_str(m, t->elem);
    return cw_arena_printf(m->arena, "%s%s *", t->pointee_const ? "const " : "", e);
  }
  case IR_T_ARRAY: {
    /* float[4][8]: dimensions outermost first */
    const ir_type *leaf = t;
    cw_strbuf dims;
    cw_sb_init(&dims);
    while (leaf->kind == IR_T_ARRAY) {
      if (leaf->len < 0) cw_sb_puts(&dims, "[]");
      else cw_sb_printf(&dims, "[%d]", leaf->len);
      leaf = leaf->elem;
    }
    const char *r = cw_arena_printf(m->arena, "%s%s", ir_type_str(m, leaf), dims.data);
    cw_sb_free(&dims);
    return r;
  }
  case IR_T_STRUCT:
    return cw_arena_printf(m->arena, "%s %s", t->st->is_union ? "union" : "struct", t->st->name);
  default: return "?";
  }
}

/* ---------------- names ----------------
 * Every ir_var name must be an identifier valid in C11 and WGSL, not a keyword
 * or reserved word of either, and unique in the module (module-scope WGSL
 * names share one namespace, and unique names let back-ends hoist freely).
 * We also avoid WGSL built-in function names and C math/libc names: shadowing
 * them is legal, but then the back-end could not call the built-in in that
 * scope (a local `sqrt` would break `sqrt(x)` emitted for sqrtf). */
static const char *const reserved_words[] = {
    /* C11 keywords */
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof", "_Atomic",
    "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
    "_Thread_local", "bool", "true", "false", "NULL", "main",
    /* C library names generated code uses */
    "memcpy", "memset", "printf", "abort", "malloc", "free", "size_t", "int8_t", "uint8_t",
    "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t", "uintptr_t",
    "sqrtf", "expf", "exp2f", "exp10f", "expm1f", "logf", "log2f", "log10f", "log1pf", "powf",
    "sinf", "cosf", "tanf", "asinf", "acosf", "atanf", "atan2f", "sinhf", "coshf", "tanhf",
    "asinhf", "acoshf", "atanhf", "fabsf", "fminf", "fmaxf", "fdimf", "floorf", "ceilf",
    "roundf", "rintf", "truncf", "fmodf", "remainderf", "fmaf", "hypotf", "erff", "erfcf",
    "copysignf", "ldexpf", "cbrtf", "cbrt", "exp", "expm1", "log", "log1p", "log10", "pow",
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh",
    "acosh", "atanh", "fabs", "fmin", "fmax", "fdim", "floor", "ceil", "round", "rint",
    "trunc", "fmod", "remainder", "fma", "hypot", "erf", "erfc", "copysign", "ldexp",
    "isnan", "isinf", "isfinite", "signbit", "nan", "nanf", "INFINITY", "NAN", "errno",
    /* WGSL keywords */
    "alias", "break", "case", "const", "const_assert", "continue", "continuing", "default",
    "diagnostic", "discard", "else", "enable", "false", "fn", "for", "if", "let", "loop",
    "override", "requires", "return", "struct", "switch", "true", "var", "while",
    /* WGSL predeclared types and type generators */
    "array", "atomic", "bool", "f16", "f32", "i32", "u32", "mat2x2", "mat2x3", "mat2x4",
    "mat3x2", "mat3x3", "mat3x4", "mat4x2", "mat4x3", "mat4x4", "mat2x2f", "mat3x3f",
    "mat4x4f", "ptr", "sampler", "sampler_comparison", "texture_1d", "texture_2d",
    "texture_2d_array", "texture_3d", "texture_cube", "texture_cube_array",
    "texture_multisampled_2d", "texture_storage_1d", "texture_storage_2d",
    "texture_storage_2d_array", "texture_storage_3d", "texture_depth_2d",
    "texture_depth_2d_array", "texture_depth_cube", "texture_depth_cube_array",
    "texture_depth_multisampled_2d", "texture_external", "vec2", "vec3", "vec4", "vec2f",
    "vec3f", "vec4f", "vec2i", "vec3i", "vec4i", "vec2u", "vec3u", "vec4u", "vec2h", "vec3h",
    "vec4h", "mat2x2h", "mat3x3h", "mat4x4h",
    /* WGSL enumerants / address spaces / access modes */
    "function", "private", "workgroup", "uniform", "storage", "handle", "read", "write",
    "read_write",
    /* WGSL reserved words */
    "NULL", "Self", "abstract", "active", "alignas", "alignof", "as", "asm", "asm_fragment",
    "async", "attribute", "auto", "await", "become", "binding_array", "cast", "catch",
    "class", "co_await", "co_return", "co_yield", "coherent", "column_major", "common",
    "compile", "compile_fragment", "concept", "const_cast", "consteval", "constexpr",
    "constinit", "crate", "debugger", "decltype", "delete", "demote", "demote_to_helper",
    "do", "dynamic_cast", "enum", "explicit", "export", "extends", "extern", "external",
    "fallthrough", "filter", "final", "finally", "friend", "from", "fxgroup", "get", "goto",
    "groupshared", "highp", "impl", "implements", "import", "inline", "instanceof",
    "interface", "layout", "lowp", "macro", "macro_rules", "match", "mediump", "meta", "mod",
    "module", "move", "mut", "mutable", "namespace", "new", "nil", "noexcept", "noinline",
    "nointerpolation", "noperspective", "null", "nullptr", "of", "operator", "package",
    "packoffset", "partition", "pass", "patch", "pixelfragment", "precise", "precision",
    "premerge", "priv", "protected", "pub", "public", "readonly", "ref", "regardless",
    "register", "reinterpret_cast", "require", "resource", "restrict", "self", "set",
    "shared", "sizeof", "smooth", "snorm", "static", "static_assert", "static_cast", "std",
    "subroutine", "super", "target", "template", "this", "thread_local", "throw", "trait",
    "try", "type", "typedef", "typeid", "typename", "typeof", "union", "unless", "unorm",
    "unsafe", "unsized", "use", "using", "varying", "virtual", "volatile", "wgsl", "where",
    "with", "writeonly", "yield",
    /* WGSL built-in functions the back-end may call (see comment above) */
    "abs", "acos", "all", "any", "arrayLength", "asin", "atan", "atan2", "atomicAdd",
    "atomicAnd", "atomicCompareExchangeWeak", "atomicExchange", "atomicLoad", "atomicMax",
    "atomicMin", "atomicOr", "atomicStore", "atomicSub", "atomicXor", "bitcast", "ceil",
    "clamp", "cos", "cosh", "countLeadingZeros", "countOneBits", "countTrailingZeros",
    "cross", "degrees", "determinant", "distance", "dot", "exp", "exp2", "extractBits",
    "faceForward", "firstLeadingBit", "firstTrailingBit", "floor", "fma", "fract", "frexp",
    "insertBits", "inverseSqrt", "ldexp", "length", "log", "log2", "max", "min", "mix",
    "modf", "normalize", "pow", "quantizeToF16", "radians", "reflect", "refract",
    "reverseBits", "round", "saturate", "select", "sign", "sin", "sinh", "smoothstep", "sqrt",
    "step", "storageBarrier", "tan", "tanh", "transpose", "trunc", "workgroupBarrier",
    "workgroupUniformLoad", "textureBarrier",
};

static unsigned hash_str(const char *s);

/* Hash set of reserved_words, built on first use in each thread (no locking
 * needed): is_reserved runs for every variable created, and the linear scan
 * dominated inlining-heavy compilations. */
#define RESERVED_SLOTS 4096
static _Thread_local const char *reserved_set[RESERVED_SLOTS];
static _Thread_local bool reserved_ready;

static bool is_reserved(const char *s) {
  if (!reserved_ready) {
    for (size_t i = 0; i < sizeof reserved_words / sizeof reserved_words[0]; i++) {
      unsigned h = hash_str(reserved_words[i]) & (RESERVED_SLOTS - 1);
      while (reserved_set[h]) h = (h + 1) & (RESERVED_SLOTS - 1);
      reserved_set[h] = reserved_words[i];
    }
    reserved_ready = true;
  }
  for (unsigned h = hash_str(s) & (RESERVED_SLOTS - 1); reserved_set[h]; h = (h + 1) & (RESERVED_SLOTS - 1))
    if (strcmp(reserved_set[h], s) == 0) return true;
  return false;
}

static bool is_ident(const char *s) {
  if (!s || !*s) return false;
  if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_')) return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_'))
      return false;
  return true;
}

/* Name table: a module allocated by ir_module_new is the first member of this
 * private struct, so the table needs no field in the public header. */
typedef struct {
  ir_module m;
  const char **slots;
  int nslots, nused;
} module_impl;

static unsigned hash_str(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static bool names_has(module_impl *mi, const char *s) {
  if (!mi->nslots) return false;
  unsigned i = hash_str(s) & (unsigned)(mi->nslots - 1);
  while (mi->slots[i]) {
    if (strcmp(mi->slots[i], s) == 0) return true;
    i = (i + 1) & (unsigned)(mi->nslots - 1);
  }
  return false;
}

static void names_insert(module_impl *mi, const char *s) {
  if ((mi->nused + 1) * 2 > mi->nslots) {
    int n = mi->nslots ? mi->nslots * 2 : 256;
    const char **old = mi->slots;
    int oldn = mi->nslots;
    mi->slots = CW_NEW_ARRAY(mi->m.arena, const char *, n);
    mi->nslots = n;
    mi->nused = 0;
    for (int k = 0; k < oldn; k++)
      if (old[k]) names_insert(mi, old[k]);
  }
  unsigned i = hash_str(s) & (unsigned)(mi->nslots - 1);
  while (mi->slots[i]) {
    if (strcmp(mi->slots[i], s) == 0) return;
    i = (i + 1) & (unsigned)(mi->nslots - 1);
  }
  mi->slots[i] = s;
  mi->nused++;
}

void ir_reserve_name(ir_module *m, const char *name) {
  names_insert((module_impl *)m, cw_arena_strdup(m->arena, name));
}

/* The base a wanted name maps to before uniquing. */
static const char *sanitize(ir_module *m, const char *want) {
  if (!is_ident(want)) {
    /* a template instance's display name "Vec<float, 4>" -> "Vec_float_4" */
    size_t n = strlen(want), k = 0;
    char *b = cw_arena_alloc(m->arena, 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
      char c = want[i];
      bool id = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (id) b[k++] = c;
      else if (c == '*') { if (k && b[k - 1] != '_') b[k++] = '_'; b[k++] = 'p'; }
      else if (k && b[k - 1] != '_') b[k++] = '_';
    }
    while (k && b[k - 1] == '_') k--;
    b[k] = 0;
    if (!is_ident(b)) return "v";
    want = b;
  }
  if (strncmp(want, "__", 2) == 0 || (want[0] == '_' && want[1] >= '0' && want[1] <= '9') ||
      (want[0] == '_' && want[1] >= 'A' && want[1] <= 'Z') || strcmp(want, "_") == 0 ||
      strncmp(want, "cw_", 3) == 0 || strncmp(want, "CW_", 3) == 0)
    return cw_arena_printf(m->arena, "v%s", want);
  return want;
}

const char *ir_unique_name(ir_module *m, const char *want, int id) {
  module_impl *mi = (module_impl *)m;
  const char *base = sanitize(m, want);
  const char *name = base;
  if (is_reserved(name) || names_has(mi, name)) {
    name = cw_arena_printf(m->arena, "%s_%d", base, id);
    for (int k = 1; is_reserved(name) || names_has(mi, name); k++)
      name = cw_arena_printf(m->arena, "%s_%d_%d", base, id, k);
  } else {
    name = cw_arena_strdup(m->arena, name);
  }
  names_insert(mi, name);
  return name;
}

bool ir_name_is_reserved(const char *name) { return is_reserved(name); }

/* ---------------- construction ---------------- */
ir_module *ir_module_new(cw_arena *a, cw_diags *d) {
  module_impl *mi = CW_NEW(a, module_impl);
  mi->m.arena = a;
  mi->m.diags = d;
  mi->m.phase = IR_PHASE_LOWERED;
  return &mi->m;
}

ir_var *ir_var_new_named(ir_module *m, ir_var_kind kind, const char *want, const char *src_name,
                         ir_type *t, cw_loc loc) {
  ir_var *v = CW_NEW(m->arena, ir_var);
  v->id = m->next_id++;
  v->src_name = src_name ? cw_arena_strdup(m->arena, src_name) : "tmp";
  v->name = ir_unique_name(m, want ? want : v->src_name, v->id);
  v->type = t;
  v->kind = kind;
  v->loc = loc;
  v->param_index = -1;
  return v;
}

ir_var *ir_var_new(ir_module *m, ir_var_kind kind, const char *src_name, ir_type *t, cw_loc loc) {
  return ir_var_new_named(m, kind, NULL, src_name, t, loc);
}

void ir_module_add_global(ir_module *m, ir_var *v) {
  if (m->nglobals == m->capglobals) {
    int n = m->capglobals ? m->capglobals * 2 : 16;
    ir_var **g = CW_NEW_ARRAY(m->arena, ir_var *, n);
    if (m->nglobals) memcpy(g, m->globals, sizeof(*g) * (size_t)m->nglobals);
    m->globals = g;
    m->capglobals = n;
  }
  m->globals[m->nglobals++] = v;
}

void ir_module_add_struct(ir_module *m, ir_struct *s) {
  for (int i = 0; i < m->nstructs; i++)
    if (m->structs[i] == s) return;
  if (m->nstructs == m->capstructs) {
    int n = m->capstructs ? m->capstructs * 2 : 8;
    ir_struct **g = CW_NEW_ARRAY(m->arena, ir_struct *, n);
    if (m->nstructs) memcpy(g, m->structs, sizeof(*g) * (size_t)m->nstructs);
    m->structs = g;
    m->capstructs = n;
  }
  m->structs[m->nstructs++] = s;
}

ir_expr *ir_expr_new(ir_module *m, ir_expr_kind k, ir_type *t, cw_loc loc) {
  ir_expr *e = CW_NEW(m->arena, ir_expr);
  e->kind = k;
  e->type = t;
  e->loc = loc;
  return e;
}

/* Normalises an integer bit pattern to the width/signedness of t, so equal
 * values of one type have equal u.i. */
static uint64_t norm_int(const ir_type *t, uint64_t v) {
  switch (t->kind) {
  case IR_T_BOOL: return v != 0;
  case IR_T_I8: return (uint64_t)(int64_t)(int8_t)(uint8_t)v;
  case IR_T_U8: return (uint8_t)v;
  case IR_T_I16: return (uint64_t)(int64_t)(int16_t)(uint16_t)v;
  case IR_T_U16: return (uint16_t)v;
  case IR_T_I32: return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
  case IR_T_U32: return (uint32_t)v;
  default: return v;
  }
}

ir_expr *ir_const_int(ir_module *m, ir_type *t, uint64_t v, cw_loc loc) {
  ir_expr *e = ir_expr_new(m, IR_E_CONST, t, loc);
  e->u.i = norm_int(t, v);
  return e;
}

ir_expr *ir_const_float(ir_module *m, ir_type *t, double v, cw_loc loc) {
  ir_expr *e = ir_expr_new(m, IR_E_CONST, t, loc);
  e->u.f = t->kind == IR_T_F32 ? (double)(float)v : v;
  return e;
}

ir_expr *ir_var_ref(ir_module *m, ir_var *v, cw_loc loc) {
  ir_expr *e = ir_expr_new(m, IR_E_VAR, v->type, loc);
  e->var = v;
  return e;
}

ir_expr *ir_unary(ir_module *m, ir_op op, ir_expr *a, cw_loc loc) {
  ir_expr *e = ir_expr_new(m, IR_E_UNARY, op == IR_OP_NOT ? &ir_bool : a->type, loc);
  e->op = op;
  e->a = a;
  return e;
}

static bool is_cmp(ir_op op) {
  return op == IR_OP_EQ || op == IR_OP_NE || op == IR_OP_LT || op == IR_OP_LE ||
         op == IR_OP_GT || op == IR_OP_GE || op == IR_OP_LAND || op == IR_OP_LOR;
}

/* Folds integer arithmetic on two constants with the wrap-around of the
 * type, so size_t constant expressions such as `(int)(sizeof(int) * 4)` leave
 * no 64-bit arithmetic behind. Division by zero is left unfolded. */
static bool fold_int_binary(ir_op op, const ir_type *t, uint64_t x, uint64_t y, uint64_t *out) {
  bool sgn = ir_type_is_signed(t);
  int bits = t->size * 8;
  int64_t sx = (int64_t)x, sy = (int64_t)y;
  switch (op) {
  case IR_OP_ADD: *out = x + y; return true;
  case IR_OP_SUB: *out = x - y; return true;
  case IR_OP_MUL: *out = x * y; return true;
  case IR_OP_AND: *out = x & y; return true;
  case IR_OP_OR: *out = x | y; return true;
  case IR_OP_XOR: *out = x ^ y; return true;
  case IR_OP_DIV:
  case IR_OP_REM:
    if (y == 0 || (sgn && sy == -1)) return false;
    if (sgn) *out = op == IR_OP_DIV ? (uint64_t)(sx / sy) : (uint64_t)(sx % sy);
    else *out = op == IR_OP_DIV ? x / y : x % y;
    return true;
  case IR_OP_SHL:
    if (y >= (uint64_t)bits) return false;
    *out = x << y;
    return true;
  case IR_OP_SHR:
    if (y >= (uint64_t)bits) return false;
    *out = sgn ? (uint64_t)(sx >> y) : x >> y; /* x is normalised: sign-extended or zero-extended */
    return true;
  case IR_OP_EQ: *out = x == y; return true;
  case IR_OP_NE: *out = x != y; return true;
  case IR_OP_LT: *out = sgn ? sx < sy : x < y; return true;
  case IR_OP_LE: *out = sgn ? sx <= sy : x <= y; return true;
  case IR_OP_GT: *out = sgn ? sx > sy : x > y; return true;
  case IR_OP_GE: *out = sgn ? sx >= sy : x >= y; return true;
  default: return false;
  }
}

ir_expr *ir_binary(ir_module *m, ir_op op, ir_expr *a, ir_expr *b, cw_loc loc) {
  if (a->kind == IR_E_CONST && b->kind == IR_E_CONST && ir_type_is_int(a->type) &&
      ir_type_is_int(b->type) && (ir_type_eq(a->type, b->type) || op == IR_OP_SHL || op == IR_OP_SHR)) {
    uint64_t v;
    if (fold_int_binary(op, a->type, a->u.i, b->u.i, &v))
      return ir_const_int(m, is_cmp(op) ? &ir_bool : a->type, v, loc);
  }
  ir_expr *e = ir_expr_new(m, IR_E_BINARY, is_cmp(op) ? &ir_bool : a->type, loc);
  e->op = op;
  e->a = a;
  e->b = b;
  return e;
}

/* Folds conversions of constants (so `convert<i64>(1)` prints as `1`); only
 * where the C result is defined (float->int in range). */
ir_expr *ir_convert(ir_module *m, ir_type *t, ir_expr *a, cw_loc loc) {
  if (ir_type_eq(t, a->type)) return a;
  if (a->kind == IR_E_CONST && ir_type_is_scalar(t) && ir_type_is_scalar(a->type)) {
    bool from_f = ir_type_is_float(a->type), to_f = ir_type_is_float(t);
    if (!from_f && !to_f) return ir_const_int(m, t, a->u.i, loc);
    if (!from_f && to_f) {
      double d = ir_type_is_signed(a->type) || a->type->kind == IR_T_BOOL ? (double)(int64_t)a->u.i
                                                                         : (double)a->u.i;
      if (a->type->kind == IR_T_BOOL) d = a->u.i ? 1.0 : 0.0;
      return ir_const_float(m, t, d, loc);
    }
    if (from_f && to_f) return ir_const_float(m, t, a->u.f, loc);
    if (t->kind == IR_T_BOOL) return ir_const_int(m, t, a->u.f != 0.0, loc);
    /* saturating, NaN -> 0: what the back-ends compute at run time */
    double f = trunc(a->u.f);
    int bits = t->size * 8;
    uint64_t v;
    if (f != f) {
      v = 0;
    } else if (ir_type_is_signed(t)) {
      double lim = ldexp(1.0, bits - 1);
      int64_t lo = bits == 64 ? INT64_MIN : -((int64_t)1 << (bits - 1));
      int64_t hi = bits == 64 ? INT64_MAX : ((int64_t)1 << (bits - 1)) - 1;
      v = (uint64_t)(f <= -lim ? lo : f >= lim ? hi : (int64_t)f);
    } else {
      double lim = ldexp(1.0, bits);
      uint64_t hi = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
      v = !(f > 0) ? 0 : f >= lim ? hi : (uint64_t)f;
    }
    return ir_const_int(m, t, v, loc);
  }
  ir_expr *e = ir_expr_new(m, IR_E_CONVERT, t, loc);
  e->a = a;
  return e;
}

ir_expr *ir_to_bool(ir_module *m, ir_expr *a, cw_loc loc) {
  if (a->type->kind == IR_T_BOOL) return a;
  /* convert<int>(bool) != 0 is the bool itself (C's int-valued comparisons) */
  if (a->kind == IR_E_CONVERT && a->a->type->kind == IR_T_BOOL && ir_type_is_int(a->type)) return a->a;
  if (a->kind == IR_E_CONST && ir_type_is_scalar(a->type)) return ir_convert(m, &ir_bool, a, loc);
  if (ir_type_is_int(a->type)) return ir_binary(m, IR_OP_NE, a, ir_const_int(m, a->type, 0, loc), loc);
  if (ir_type_is_float(a->type))
    return ir_binary(m, IR_OP_NE, a, ir_const_float(m, a->type, 0.0, loc), loc);
  /* pointers: convert<bool> means != null */
  ir_expr *e = ir_expr_new(m, IR_E_CONVERT, &ir_bool, loc);
  e->a = a;
  return e;
}

ir_expr *ir_expr_clone(ir_module *m, const ir_expr *e) {
  if (!e) return NULL;
  ir_expr *c = CW_NEW(m->arena, ir_expr);
  *c = *e;
  c->a = ir_expr_clone(m, e->a);
  c->b = ir_expr_clone(m, e->b);
  c->c = ir_expr_clone(m, e->c);
  if (e->nargs) {
    c->args = CW_NEW_ARRAY(m->arena, ir_expr *, e->nargs);
    for (int i = 0; i < e->nargs; i++) c->args[i] = ir_expr_clone(m, e->args[i]);
  }
  return c;
}

ir_stmt *ir_stmt_new(ir_module *m, ir_stmt_kind k, cw_loc loc) {
  ir_stmt *s = CW_NEW(m->arena, ir_stmt);
  s->kind = k;
  s->loc = loc;
  s->unroll = -1;
  return s;
}

ir_stmt *ir_block_new(ir_module *m, cw_loc loc) { return ir_stmt_new(m, IR_S_BLOCK, loc); }

void ir_block_append(ir_stmt *block, ir_stmt *s) {
  if (!s) return;
  ir_stmt **p = &block->body;
  while (*p) p = &(*p)->next;
  *p = s;
}

bool ir_expr_is_lvalue(const ir_expr *e) {
  switch (e->kind) {
  case IR_E_VAR: case IR_E_INDEX: case IR_E_MEMBER: case IR_E_ELEM: case IR_E_DEREF: return true;
  default: return false;
  }
}

const char *ir_scalar_name(ir_type_kind k) {
  switch (k) {
  case IR_T_BOOL: return "bool";
  case IR_T_I8: return "i8";
  case IR_T_U8: return "u8";
  case IR_T_I16: return "i16";
  case IR_T_U16: return "u16";
  case IR_T_I32: return "i32";
  case IR_T_U32: return "u32";
  case IR_T_I64: return "i64";
  case IR_T_U64: return "u64";
  case IR_T_F32: return "f32";
  case IR_T_F64: return "f64";
  default: return NULL;
  }
}

const char *ir_op_str(ir_op op) {
  switch (op) {
  case IR_OP_NEG: return "-";
  case IR_OP_NOT: return "!";
  case IR_OP_BITNOT: return "~";
  case IR_OP_ADD: return "+";
  case IR_OP_SUB: return "-";
  case IR_OP_MUL: return "*";
  case IR_OP_DIV: return "/";
  case IR_OP_REM: return "%";
  case IR_OP_SHL: return "<<";
  case IR_OP_SHR: return ">>";
  case IR_OP_AND: return "&";
  case IR_OP_OR: return "|";
  case IR_OP_XOR: return "^";
  case IR_OP_EQ: return "==";
  case IR_OP_NE: return "!=";
  case IR_OP_LT: return "<";
  case IR_OP_LE: return "<=";
  case IR_OP_GT: return ">";
  case IR_OP_GE: return ">=";
  case IR_OP_LAND: return "&&";
  case IR_OP_LOR: return "||";
  }
  return "?";
}

const char *ir_builtin_str(ir_builtin b) {
  switch (b) {
  case IR_BI_THREAD_IDX: return "threadIdx";
  case IR_BI_BLOCK_IDX: return "blockIdx";
  case IR_BI_BLOCK_DIM: return "blockDim";
  case IR_BI_GRID_DIM: return "gridDim";
  case IR_BI_WARP_SIZE: return "warpSize";
  }
  return "?";
}

/* ---------------- kernel selection ---------------- */
/* Kernel name comparison: identifiers exactly; template instances by their
 * C++ spelling with spaces ignored ("reduce<float,256>" = "reduce<float, 256>"). */
static bool same_spelling(const char *a, const char *b) {
  for (;;) {
    while (*a == ' ') a++;
    while (*b == ' ') b++;
    if (*a != *b) return false;
    if (!*a) return true;
    a++;
    b++;
  }
}

static bool kernel_named(const ir_func *f, const char *name) {
  return strcmp(f->name, name) == 0 || (f->display_name && same_spelling(f->display_name, name));
}

void ir_select_kernels(ir_module *m, const char **names, int n) {
  if (!names) return;
  cw_loc noloc = {0};
  for (int i = 0; i < n; i++) {
    bool found = false;
    for (ir_func *f = m->funcs; f; f = f->next)
      if (f->is_kernel && kernel_named(f, names[i])) found = true;
    if (!found && strchr(names[i], '<')) {
      /* a template instance: name the ones there are */
      char list[512] = "";
      size_t len = 0;
      for (ir_func *f = m->funcs; f && len + 2 < sizeof list; f = f->next)
        if (f->is_kernel && f->display_name)
          len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'", len ? ", " : "", f->display_name);
      cw_error(m->diags, noloc, "no kernel named '%s' in this file (template instances: %s)", names[i],
               len ? list : "none");
    }
    if (!found) cw_error(m->diags, noloc, "no kernel named '%s' in this file", names[i]);
  }
  ir_func **p = &m->funcs;
  while (*p) {
    bool keep = !(*p)->is_kernel;
    for (int i = 0; i < n && !keep; i++)
      if (kernel_named(*p, names[i])) keep = true;
    if (keep) p = &(*p)->next;
    else *p = (*p)->next;
  }
}
