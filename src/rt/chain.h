/* The backend choice: the ordered chain of steps cw_context_create tries
 * (src/rt/chain.c), what disables a step, and which steps lost their device.
 *
 *   step      report name  CW_DISABLE word  backend
 *   cuda      cuda         cuda             CUDA driver + NVRTC (NULL here: see chain.c)
 *   hip       hip          hip              HIP + hiprtc        (NULL here: see chain.c)
 *   webgpu    webgpu       webgpu           Dawn on a hardware adapter (AUTO)
 *   cc        cpu          cc               C target, system C compiler, dlopen
 *   tcc       cpu-tcc      tcc              C target, libtcc in-process
 * "cpu" in CW_DISABLE means cc and tcc. */
#ifndef CW_RT_CHAIN_H
#define CW_RT_CHAIN_H
#include <stdbool.h>
#include <stddef.h>

#include "rt/runtime.h"

typedef enum { CW_STEP_CUDA, CW_STEP_HIP, CW_STEP_WEBGPU, CW_STEP_CC, CW_STEP_TCC, CW_STEP_COUNT } cw_step;

typedef struct cw_chain_step {
  const char *name;           /* line prefix in cw_context_report */
  const char *word;           /* its CW_DISABLE word */
  cw_backend kind;            /* what cw_context_backend() says */
  const cw_backend_ops *ops;  /* NULL: not built into this library */
} cw_chain_step;

const cw_chain_step *cw_chain_get(cw_step s);
/* Parses a CW_DISABLE value ("cuda,webgpu,cc") into a CW_DISABLE_* mask; on
 * an unknown word writes why and returns false. NULL or "" is mask 0. */
bool cw_chain_parse_disable(const char *v, unsigned *mask, char *why, size_t whylen);
/* Steps whose device was lost in this process (AUTO skips them afterwards). */
void cw_chain_mark_lost(cw_step s);
bool cw_chain_is_lost(cw_step s);

#endif
