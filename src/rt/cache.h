/* What the compiling backends (cpu, cuda, hip) share for their on-disk
 * caches of compiled kernels (src/rt/cache.c). */
#ifndef CW_RT_CACHE_H
#define CW_RT_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CW_RT_FNV1A_SEED UINT64_C(14695981039346656037)
/* FNV-1a 64 of n bytes, continuing from h (CW_RT_FNV1A_SEED to start): a cache key. */
uint64_t cw_rt_fnv1a(uint64_t h, const void *p, size_t n);
/* mkdir -p; false when some component cannot be made. */
bool cw_rt_make_dirs(const char *path);
/* $XDG_CACHE_HOME/cuda-wasm, else $HOME/.cache/cuda-wasm, else /tmp/cuda-wasm-cache-UID
 * (malloc'd; NULL when out of memory). */
char *cw_rt_default_cache_dir(void);

#endif
