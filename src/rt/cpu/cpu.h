/* Internal to the cpu backend: the block thread pool (pool.c) used by the
 * backend (cpu.c). */
#ifndef CW_RT_CPU_H
#define CW_RT_CPU_H
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the generated code's cw_dim3 is cw_abi_dim3 here: cudawasm.h has its own */
#define cw_dim3 cw_abi_dim3
#include "back/c/cw_cpu_abi.h"
#undef cw_dim3

/* One launch: every block of grid runs fn once. */
typedef struct cw_pool_job {
  cw_block_fn fn;
  cw_abi_dim3 grid, block;
  void *const *args;
  void *const *globals;
  uint32_t dyn_shared_bytes;
  size_t scratch_bytes;          /* what fn needs, before the dynamic shared memory */
  /* --check */
  const uint64_t *arg_bytes;     /* NULL: normal launch */
  cw_oob_record *oob;
  size_t dummy_bytes;
  cw_dev_io *io;                 /* device printf/assert, NULL when the kernel has none */
  /* filled by the pool */
  _Atomic uint64_t next;         /* next block (linear index) to take */
  uint64_t nblocks, chunk;
} cw_pool_job;

typedef struct cw_pool cw_pool;

/* nthreads >= 1 workers in all, the calling thread included. */
cw_pool *cw_pool_new(int nthreads);
void cw_pool_free(cw_pool *p);
int cw_pool_threads(const cw_pool *p);
/* Runs every block of job and returns when all are done; false when
 * scratch memory could not be allocated (nothing ran). */
bool cw_pool_run(cw_pool *p, cw_pool_job *job);

#endif
