/* cpu backend: the thread pool that runs the blocks of a launch.
 *
 * nthreads - 1 pthreads are created once, with the pool; the thread that
 * launches is worker 0. A launch publishes the job under the mutex, bumps
 * the generation and wakes the workers; every worker (the caller too) takes
 * chunks of block indices from an atomic counter, so blocks are spread over
 * the workers whatever their cost, and signals when it runs out. A 1-block
 * grid runs on the caller alone, without waking anyone (launch overhead of
 * an empty kernel: a function call). Each worker keeps its scratch buffer
 * (static shared memory, spilled per-thread values, then the dynamic shared
 * memory) between launches and grows it when a launch needs more. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "rt/cpu/cpu.h"

typedef struct worker {
  cw_pool *pool;
  int index;
  pthread_t thread;
  unsigned char *scratch;
  size_t cap;
} worker;

struct cw_pool {
  int nthreads;
  worker *w;
  pthread_mutex_t mu;
  pthread_cond_t wake, done;
  uint64_t gen;                 /* bumped per launch that uses the workers */
  int busy;                     /* workers still running the current job */
  bool stop;
  cw_pool_job *job;
};

static size_t align16(size_t n) { return (n + 15u) & ~(size_t)15u; }

static bool ensure_scratch(worker *w, size_t need) {
  if (need <= w->cap) return true;
  size_t cap = align16(need + need / 4);
  unsigned char *p = aligned_alloc(64, (cap + 63u) & ~(size_t)63u);
  if (!p) return false;
  free(w->scratch);
  w->scratch = p;
  w->cap = cap;
  return true;
}

static void run_blocks(worker *w, cw_pool_job *j) {
  cw_block_ctx_check cc;
  memset(&cc, 0, sizeof cc);
  cw_block_ctx *ctx = &cc.base;
  ctx->grid_dim = j->grid;
  ctx->block_dim = j->block;
  ctx->args = j->args;
  ctx->globals = j->globals;
  size_t soff = align16(j->scratch_bytes);
  ctx->scratch = w->scratch;
  ctx->dyn_shared = w->scratch + soff;
  ctx->dyn_shared_bytes = j->dyn_shared_bytes;
  ctx->io = j->io;
  if (j->arg_bytes) {
    cc.arg_bytes = j->arg_bytes;
    cc.oob = j->oob;
    cc.dummy = w->scratch + soff + align16(j->dyn_shared_bytes);
    cc.dummy_bytes = j->dummy_bytes;
  }
  uint64_t gx = j->grid.x, gxy = (uint64_t)j->grid.x * j->grid.y;
  for (;;) {
    uint64_t b = atomic_fetch_add_explicit(&j->next, j->chunk, memory_order_relaxed);
    if (b >= j->nblocks) break;
    uint64_t e = b + j->chunk < j->nblocks ? b + j->chunk : j->nblocks;
    for (; b < e; b++) {
      ctx->block_idx.x = (uint32_t)(b % gx);
      ctx->block_idx.y = (uint32_t)((b / gx) % j->grid.y);
      ctx->block_idx.z = (uint32_t)(b / gxy);
      j->fn(ctx);
    }
  }
}

static void *worker_main(void *arg) {
  worker *w = arg;
  cw_pool *p = w->pool;
  uint64_t seen = 0;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->gen == seen) pthread_cond_wait(&p->wake, &p->mu);
    if (p->stop) break;
    seen = p->gen;
    cw_pool_job *j = p->job;
    pthread_mutex_unlock(&p->mu);
    run_blocks(w, j);
    pthread_mutex_lock(&p->mu);
    if (--p->busy == 0) pthread_cond_signal(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

cw_pool *cw_pool_new(int nthreads) {
  if (nthreads < 1) nthreads = 1;
  cw_pool *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->w = calloc((size_t)nthreads, sizeof *p->w);
  if (!p->w) {
    free(p);
    return NULL;
  }
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->wake, NULL);
  pthread_cond_init(&p->done, NULL);
  p->nthreads = 1;
  p->w[0].pool = p;
  for (int i = 1; i < nthreads; i++) {
    p->w[i].pool = p;
    p->w[i].index = i;
    if (pthread_create(&p->w[i].thread, NULL, worker_main, &p->w[i]) != 0) break; /* fewer workers */
    p->nthreads = i + 1;
  }
  return p;
}

void cw_pool_free(cw_pool *p) {
  if (!p) return;
  pthread_mutex_lock(&p->mu);
  p->stop = true;
  pthread_cond_broadcast(&p->wake);
  pthread_mutex_unlock(&p->mu);
  for (int i = 1; i < p->nthreads; i++) pthread_join(p->w[i].thread, NULL);
  for (int i = 0; i < p->nthreads; i++) free(p->w[i].scratch);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->wake);
  pthread_cond_destroy(&p->done);
  free(p->w);
  free(p);
}

int cw_pool_threads(const cw_pool *p) { return p->nthreads; }

bool cw_pool_run(cw_pool *p, cw_pool_job *j) {
  j->nblocks = (uint64_t)j->grid.x * j->grid.y * j->grid.z;
  /* few enough chunks per worker to balance uneven blocks, big enough to
   * keep the shared counter cold */
  uint64_t per = j->nblocks / ((uint64_t)p->nthreads * 16u);
  j->chunk = per ? per : 1;
  atomic_store_explicit(&j->next, 0, memory_order_relaxed);
  int nw = j->nblocks <= 1 ? 1 : p->nthreads; /* every woken worker may take a block */
  size_t need = align16(j->scratch_bytes) + align16(j->dyn_shared_bytes) + (j->arg_bytes ? j->dummy_bytes : 0);
  if (need == 0) need = 16;
  for (int i = 0; i < nw; i++)
    if (!ensure_scratch(&p->w[i], need)) return false;
  if (nw <= 1) {
    run_blocks(&p->w[0], j);
    return true;
  }
  pthread_mutex_lock(&p->mu);
  p->job = j;
  p->busy = p->nthreads - 1;
  p->gen++;
  pthread_cond_broadcast(&p->wake);
  pthread_mutex_unlock(&p->mu);
  run_blocks(&p->w[0], j);
  pthread_mutex_lock(&p->mu);
  while (p->busy > 0) pthread_cond_wait(&p->done, &p->mu);
  pthread_mutex_unlock(&p->mu);
  return true;
}
