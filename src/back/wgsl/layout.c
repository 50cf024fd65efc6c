/* WGSL struct layout that reproduces the host's (CUDA's) layout.
 *
 * Every WGSL scalar container is 4 bytes (8 for 64-bit pairs), so a struct of
 * 4-byte leaves packs like C except where the host over-aligns: CUDA's
 * float4/int4 are 16-aligned, float2/int2 8-aligned, and user structs may be
 * __align__(N). A member whose host alignment exceeds its natural WGSL
 * alignment gets @align(host alignment); WGSL then places it at the host
 * offset, and a struct's alignment (the largest member alignment) and size
 * (rounded to it) equal the host's. check_host_shareable in decls.c verifies
 * the result for buffer element types. */
#include "back/wgsl/wgsl.h"

static int round_up(int n, int a) { return (n + a - 1) / a * a; }

int wg_layout_align(const ir_type *t) {
  switch (t->kind) {
  case IR_T_ARRAY: return wg_layout_align(t->elem);
  case IR_T_STRUCT: {
    int a = 4;
    for (int i = 0; i < t->st->nfields; i++) {
      const ir_type *ft = t->st->fields[i].type;
      int fa = wg_layout_align(ft);
      if (ft->align > fa) fa = ft->align; /* @align */
      if (fa > a) a = fa;
    }
    return a;
  }
  default: return ir_type_is_64bit(t) ? 8 : 4;
  }
}

int wg_layout_size(const ir_type *t) {
  switch (t->kind) {
  case IR_T_ARRAY: {
    int a = wg_layout_align(t->elem);
    return (t->len < 0 ? 0 : t->len) * round_up(wg_layout_size(t->elem), a);
  }
  case IR_T_STRUCT: {
    int off = 0;
    for (int i = 0; i < t->st->nfields; i++) {
      const ir_type *ft = t->st->fields[i].type;
      off = round_up(off, wg_field_align(ft) ? wg_field_align(ft) : wg_layout_align(ft));
      off += wg_layout_size(ft);
    }
    return round_up(off, wg_layout_align(t));
  }
  default: return ir_type_is_64bit(t) ? 8 : 4;
  }
}

int wg_field_align(const ir_type *ft) {
  int natural = wg_layout_align(ft);
  return ft->align > natural ? ft->align : 0;
}

int wg_field_offset(const ir_struct *st, int field) {
  int off = 0;
  for (int i = 0; i <= field; i++) {
    const ir_type *ft = st->fields[i].type;
    off = round_up(off, wg_field_align(ft) ? wg_field_align(ft) : wg_layout_align(ft));
    if (i < field) off += wg_layout_size(ft);
  }
  return off;
}
