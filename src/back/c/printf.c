/* Device printf and assert in the C back-end: calls through ctx->io
 * (back/c/cw_cpu_abi.h). The runtime formats on the host with the module's
 * string table, so the generated code passes only ids and 64-bit slots:
 * integers sign/zero-extended, floating-point values as the bits of a double
 * (a float argument is promoted as C varargs do). */
#include "back/c/c_emit.h"

#define P(...) (c->analyze ? (void)0 : cw_sb_printf(c->out, __VA_ARGS__))
#define S(s) (c->analyze ? (void)0 : cw_sb_puts(c->out, (s)))

void cx_device_io(cx *c, const ir_stmt *s) {
  if (s->kind == IR_S_ASSERT) {
    if (s->cond) {
      S("if (!(");
      cx_expr(c, s->cond);
      S(")) ");
    }
    P("ctx->io->fail(ctx->io, %du, ctx->block_idx, (cw_dim3){cw_tx, cw_ty, cw_tz});", s->str_id);
    return;
  }
  P("{ uint64_t cw_pa[%d];", s->nargs ? s->nargs : 1);
  for (int i = 0; i < s->nargs; i++) {
    const ir_expr *a = s->args[i];
    if (ir_type_is_float(a->type)) {
      P(" { double cw_d = (double)(");
      cx_expr(c, a);
      P("); memcpy(&cw_pa[%d], &cw_d, 8); }", i);
    } else {
      P(" cw_pa[%d] = (uint64_t)(%s)(", i, ir_type_is_signed(a->type) ? "int64_t" : "uint64_t");
      cx_expr(c, a);
      S(");");
    }
  }
  P(" ctx->io->print(ctx->io, %du, %du, cw_pa); }", s->str_id, s->nargs);
}
