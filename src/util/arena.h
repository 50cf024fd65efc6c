/* Arena allocation: every object of one compilation lives in one arena and is
 * freed at once, so error paths (longjmp out of the front-end) leak nothing. */
#ifndef CW_ARENA_H
#define CW_ARENA_H
#include <stddef.h>

typedef struct cw_arena_block cw_arena_block;
typedef struct cw_arena {
  cw_arena_block *head;
  size_t total; /* bytes handed out, for statistics */
} cw_arena;

void cw_arena_init(cw_arena *a);
void cw_arena_free(cw_arena *a);
/* Zero-filled, aligned to 16; never returns NULL (aborts on out of memory). */
void *cw_arena_alloc(cw_arena *a, size_t size);
char *cw_arena_strdup(cw_arena *a, const char *s);
char *cw_arena_strndup(cw_arena *a, const char *s, size_t n);
char *cw_arena_printf(cw_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define CW_NEW(arena, T) ((T *)cw_arena_alloc((arena), sizeof(T)))
#define CW_NEW_ARRAY(arena, T, n) ((T *)cw_arena_alloc((arena), sizeof(T) * (size_t)(n)))

#endif
