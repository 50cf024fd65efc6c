/* Internals of the WebAssembly back-end (emit.c: encoding, module; stmt.c:
 * statements; expr.c: expressions, memory). */
#ifndef CW_BACK_WASM_EMIT_H
#define CW_BACK_WASM_EMIT_H
#include <setjmp.h>
#include <stdbool.h>

#include "back/wasm/wasm.h"

enum { WT_I32 = 0x7f, WT_I64 = 0x7e, WT_F32 = 0x7d, WT_F64 = 0x7c, WT_VOID = 0x40 };
/* status byte values */
enum { WS_RUN = 0, WS_BRK = 1, WS_CONT = 2, WS_RET = 3 };
/* fixed locals of block(info) */
enum { WL_INFO = 0, WL_T = 1, WL_FA = 2, WL_N = 3, WL_FIXED = 4 };

typedef struct wbuf { uint8_t *p; size_t n, cap; } wbuf;

typedef struct wx {
  ir_module *m;
  ir_func *k;
  cw_wasm_kernel *out;
  wbuf code;
  uint8_t *ltypes;     /* types of the extra locals (index WL_FIXED + i) */
  int nlocals, caplocals;
  int *off;            /* by var id: frame offset, or -1 */
  int *slot;           /* by var id: variable table index, or -1 */
  int maxlevel;
  bool simd;           /* try four threads per v128 (simd.c) */
  jmp_buf refuse;
} wx;

void wb_byte(wbuf *b, uint8_t x);
void wb_u32(wbuf *b, uint32_t x);
void wb_s32(wbuf *b, int32_t x);
void wb_s64(wbuf *b, int64_t x);
void wb_raw(wbuf *b, const void *p, size_t n);
void wx_refuse(wx *w, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
int wx_local(wx *w, uint8_t type);
uint8_t wx_vt(wx *w, const ir_type *t);

#define OP(w, x) wb_byte(&(w)->code, (uint8_t)(x))
void op_i32(wx *w, int32_t v);
void op_get(wx *w, int l);
void op_set(wx *w, int l);
void op_tee(wx *w, int l);
void op_info(wx *w, int off); /* pushes i32 at info + off */

/* stmt.c: the body of block(info) */
void wx_kernel_body(wx *w, const ir_stmt *body);

/* simd.c: four threads per v128 in barrier-free regions of a simple shape.
 * prepare: NULL when [first, end) does not have it. group: the attempt for
 * the group at thread WL_T (label 0: run it scalar; label 1: the group loop). */
typedef struct wx_simd wx_simd;
wx_simd *wx_simd_prepare(wx *w, const ir_stmt *first, const ir_stmt *end);
void wx_simd_group(wx_simd *c, int level);
void wx_simd_free(wx_simd *c);

/* expr.c */
void wx_expr(wx *w, const ir_expr *e);                       /* pushes the value */
void wx_addr(wx *w, const ir_expr *e);                       /* pushes an i32 address */
void wx_load(wx *w, const ir_type *t);
void wx_store(wx *w, const ir_type *t);                      /* [addr, value] -> [] */
void wx_convert(wx *w, const ir_type *to, const ir_type *from);
void wx_normalize(wx *w, const ir_type *t);

#endif
