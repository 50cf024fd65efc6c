/* Device printf and assert in the WGSL back-end. Every kernel that has them
 * binds the module's io buffer `cw_io: array<atomic<u32>>` (binding
 * cw_meta_module.io_binding; layout CW_IO_* in back/metadata.h and
 * docs/metadata.md):
 *   printf  reserves 2 + n words with atomicAdd on the cursor, then stores
 *           {string id, n, arg words...}; a record that does not fit
 *           increments the lost counter instead (the runtime reports it).
 *           n counts words: i32/u32/f32 arguments are one word (bitcast),
 *           64-bit integers (vec2<u32>) two, low word first; the host
 *           knows which from the format's conversions.
 *   assert  a failing thread increments the failure counter; the first one
 *           (old value 0) stores message id, blockIdx and threadIdx. The
 *           thread goes on (returning early would make later barriers
 *           non-uniform); the runtime reports the launch as failed.
 * Everything is atomic so that no two invocations race on a word; the host
 * reads the buffer only after the dispatch has completed. */
#include "back/wgsl/wgsl.h"

/* Appends the words of argument i to w (one, or two for a 64-bit integer). */
static int words(wg_ctx *c, const ir_expr *a, int i, const char **w, int n) {
  const char *x = wg_expr(c, a);
  switch (a->type->kind) {
  case IR_T_U32: w[n++] = x; break;
  case IR_T_I32: case IR_T_F32: w[n++] = cw_arena_printf(c->m->arena, "bitcast<u32>(%s)", x); break;
  case IR_T_I64: case IR_T_U64:
    w[n++] = cw_arena_printf(c->m->arena, "(%s).x", x);
    w[n++] = cw_arena_printf(c->m->arena, "(%s).y", x);
    break;
  default:
    cw_error(c->m->diags, a->loc, "printf argument %d of type %s is not supported by the wgsl target",
             i + 1, ir_type_str(c->m, a->type));
  }
  return n;
}

void wg_device_io(wg_ctx *c, const ir_stmt *s) {
  if (s->kind == IR_S_ASSERT) {
    if (s->cond) wg_line(c, "if (!(%s)) {", wg_expr(c, s->cond));
    else wg_line(c, "{");
    c->indent++;
    wg_line(c, "if (atomicAdd(&cw_io[%du], 1u) == 0u) {", CW_IO_FAIL);
    wg_line(c, "  atomicStore(&cw_io[%du], %du);", CW_IO_FAIL_MSG, s->str_id);
    for (int d = 0; d < 3; d++) {
      wg_line(c, "  atomicStore(&cw_io[%du], cw_bid.%c);", CW_IO_FAIL_BLOCK + d, "xyz"[d]);
      wg_line(c, "  atomicStore(&cw_io[%du], cw_lid.%c);", CW_IO_FAIL_THREAD + d, "xyz"[d]);
    }
    wg_line(c, "}");
    c->indent--;
    wg_line(c, "}");
    return;
  }
  const char **w = CW_NEW_ARRAY(c->m->arena, const char *, 2 * (size_t)s->nargs + 1);
  int nw = 0;
  for (int i = 0; i < s->nargs; i++) nw = words(c, s->args[i], i, w, nw);
  int n = nw + 2;
  wg_line(c, "{");
  c->indent++;
  wg_line(c, "let cw_pb = atomicAdd(&cw_io[%du], %du);", CW_IO_CURSOR, n);
  wg_line(c, "if (cw_pb <= arrayLength(&cw_io) - %du - %du) {", CW_IO_HEADER, n);
  c->indent++;
  wg_line(c, "let cw_pw = %du + cw_pb;", CW_IO_HEADER);
  wg_line(c, "atomicStore(&cw_io[cw_pw], %du);", s->str_id);
  wg_line(c, "atomicStore(&cw_io[cw_pw + 1u], %du);", nw);
  for (int i = 0; i < nw; i++) wg_line(c, "atomicStore(&cw_io[cw_pw + %du], %s);", i + 2, w[i]);
  c->indent--;
  wg_line(c, "} else {");
  wg_line(c, "  atomicAdd(&cw_io[%du], 1u);", CW_IO_LOST);
  wg_line(c, "}");
  c->indent--;
  wg_line(c, "}");
}
