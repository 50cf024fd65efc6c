#include "util/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cw_arena_block {
  cw_arena_block *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
};

/* Standard-size blocks freed by one compilation are kept (per thread, a few)
 * for the next: glibc hands freed heap tops back to the kernel, and faulting
 * the pages in again cost 10x the compilation itself on small kernels. */
#define STD_BLOCK 65536
#define CACHE_MAX 32
static _Thread_local cw_arena_block *block_cache;
static _Thread_local int block_cache_n;

void cw_arena_init(cw_arena *a) { a->head = NULL; a->total = 0; }

void cw_arena_free(cw_arena *a) {
  cw_arena_block *b = a->head;
  while (b) {
    cw_arena_block *n = b->next;
    if (b->cap == STD_BLOCK && block_cache_n < CACHE_MAX) {
      b->next = block_cache;
      block_cache = b;
      block_cache_n++;
    } else {
      free(b);
    }
    b = n;
  }
  a->head = NULL;
  a->total = 0;
}

void *cw_arena_alloc(cw_arena *a, size_t size) {
  size = (size + 15) & ~(size_t)15;
  if (size == 0) size = 16;
  cw_arena_block *b = a->head;
  if (!b || b->cap - b->used < size) {
    size_t cap = size > STD_BLOCK ? size : STD_BLOCK;
    if (cap == STD_BLOCK && block_cache) {
      b = block_cache;
      block_cache = b->next;
      block_cache_n--;
    } else {
      b = malloc(sizeof(cw_arena_block) + cap);
    }
    if (!b) {
      fprintf(stderr, "cuda-wasm: out of memory\n");
      abort();
    }
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += size;
  a->total += size;
  memset(p, 0, size);
  return p;
}

char *cw_arena_strndup(cw_arena *a, const char *s, size_t n) {
  char *p = cw_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *cw_arena_strdup(cw_arena *a, const char *s) { return cw_arena_strndup(a, s, strlen(s)); }

char *cw_arena_printf(cw_arena *a, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = cw_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
  if (n > 0) vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}
