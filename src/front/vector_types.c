/* CUDA's vector types (char1 .. double4, vector_types.h) and their make_*
 * constructors (vector_functions.h), available without any #include as with
 * nvcc's implicit cuda_runtime.h.
 *
 * Defined lazily: the first lookup of an undeclared name such as `float4` or
 * `make_float4` (p_find_var's miss path) parses that one definition at file
 * scope. A kernel pays nothing for the 48 types and 48 functions it does not
 * use, and unused ones never reach the IR or the generated code.
 *
 * Sizes and alignments are CUDA's (vector_types.h, x86-64 host): see the
 * table in docs/language.md. */
#include <stdio.h>
#include <string.h>

#include "front/parse.h"

typedef struct {
  const char *name;  /* "float" in float4 */
  const char *ctype; /* component type */
  int size;          /* component size */
  int align[4];      /* alignment of the 1..4-component type */
} vec_base;

static const vec_base bases[] = {
    {"char", "signed char", 1, {1, 2, 1, 4}},
    {"uchar", "unsigned char", 1, {1, 2, 1, 4}},
    {"short", "short", 2, {2, 4, 2, 8}},
    {"ushort", "unsigned short", 2, {2, 4, 2, 8}},
    {"int", "int", 4, {4, 8, 4, 16}},
    {"uint", "unsigned int", 4, {4, 8, 4, 16}},
    {"float", "float", 4, {4, 8, 4, 16}},
    {"long", "long", 8, {8, 16, 8, 16}},
    {"ulong", "unsigned long", 8, {8, 16, 8, 16}},
    {"longlong", "long long", 8, {8, 16, 8, 16}},
    {"ulonglong", "unsigned long long", 8, {8, 16, 8, 16}},
    {"double", "double", 8, {8, 16, 8, 16}},
};

static const char *const comp[4] = {"x", "y", "z", "w"};

/* base + n for a vector type name ("float4"); NULL if it is not one. */
static const vec_base *parse_vec(const char *name, size_t len, int *n) {
  if (len < 2) return NULL;
  char d = name[len - 1];
  if (d < '1' || d > '4') return NULL;
  for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++)
    if (strlen(bases[i].name) == len - 1 && memcmp(bases[i].name, name, len - 1) == 0) {
      *n = d - '0';
      return &bases[i];
    }
  return NULL;
}

bool p_vector_define(Parser *P, const char *name) {
  size_t len = strlen(name);
  bool make = len > 5 && memcmp(name, "make_", 5) == 0;
  const char *vname = make ? name + 5 : name;
  int n;
  const vec_base *b = parse_vec(vname, strlen(vname), &n);
  if (!b) return false;
  if (!make && n == 3 && strcmp(b->name, "uint") == 0) return false; /* predefined */
  char buf[512];
  int k;
  if (!make) {
    int al = b->align[n - 1];
    char alstr[32] = "";
    if (al != b->size) snprintf(alstr, sizeof alstr, "__align__(%d) ", al);
    k = snprintf(buf, sizeof buf, "struct %s%s {", alstr, vname);
    for (int i = 0; i < n; i++)
      k += snprintf(buf + k, sizeof buf - (size_t)k, " %s %s;", b->ctype, comp[i]);
    k += snprintf(buf + k, sizeof buf - (size_t)k, " };\ntypedef struct %s %s;\n", vname, vname);
  } else {
    k = snprintf(buf, sizeof buf, "__host__ __device__ __forceinline__ %s %s(", vname, name);
    for (int i = 0; i < n; i++)
      k += snprintf(buf + k, sizeof buf - (size_t)k, "%s%s %s", i ? ", " : "", b->ctype, comp[i]);
    k += snprintf(buf + k, sizeof buf - (size_t)k, ") { %s t;", vname);
    for (int i = 0; i < n; i++)
      k += snprintf(buf + k, sizeof buf - (size_t)k, " t.%s = %s;", comp[i], comp[i]);
    k += snprintf(buf + k, sizeof buf - (size_t)k, " return t; }\n");
  }
  char *text = cw_arena_alloc(P->a, (size_t)k + 1);
  memcpy(text, buf, (size_t)k + 1);
  const cw_source *src = cw_add_source(P->d, "<vector_types.h>", text, k);
  p_parse_injected(P, cw_preprocess(P->d, src, NULL));
  return true;
}
