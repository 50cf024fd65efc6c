/* Internals of the IR interpreter (the npm package's first-step CPU fallback,
 * kept for kernels the WebAssembly back-end refuses): interp_expr.c values,
 * memory and expressions; interp.c statements and the launch driver. */
#ifndef CW_NPM_INTERP_H
#define CW_NPM_INTERP_H
#include <setjmp.h>
#include <stdint.h>

#include "ir/ir.h"
#include "util/strbuf.h"

enum { RUN = 0, BRK = 1, CONT = 2, RET = 3 };

typedef union { uint64_t i; double f; } val;

typedef struct vm {
  ir_module *m;
  ir_func *k;
  const char *kernel;
  uint32_t grid[3], block[3], bidx[3];
  uint32_t shared_bytes;
  int nthreads;
  /* by var id */
  int *off;          /* LOCAL / scalar PARAM: offset in the thread frame, else -1 */
  uint8_t **base;    /* buffers, shared and globals: their memory */
  size_t *len;       /* bytes of that memory (frame slots: the var's size) */
  int frame;         /* bytes per thread frame */
  uint8_t *frames;   /* nthreads * frame */
  uint8_t *st;       /* per-thread status */
  uint8_t *masks;    /* mask stack, nthreads bytes a level */
  int mtop, mcap;
  int t;             /* the thread being evaluated */
  /* arguments */
  int nargs;
  uint8_t **arg;
  uint32_t *arglen;
  jmp_buf fail;
  char err[512];
  cw_strbuf out;     /* device printf text */
} vm;

void die(vm *v, cw_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));
val eval(vm *v, const ir_expr *e);
uint8_t *lval(vm *v, const ir_expr *e, size_t *avail);
uint8_t *var_mem(vm *v, const ir_var *var, size_t *avail, cw_loc loc);
val load(const ir_type *t, const uint8_t *p);
void store(const ir_type *t, uint8_t *p, val x);
val norm(const ir_type *t, val x);
val convert(const ir_type *to, const ir_type *from, val x);

#endif
