/* Large host<->device copies through pinned (page-locked) staging memory.
 *
 * A copy from pageable memory makes the driver stage it itself, through its
 * own small pinned buffers; copying through two larger pinned chunks
 * instead lets the host's memcpy of one chunk overlap the DMA of the other.
 * Whether that is faster depends on the machine, so it is off unless
 * $CW_GPU_STAGING asks for it (bench/cuda/bench_copy.c measures both; see
 * docs/backends.md). Chunk k uses buffer k % 2; an event recorded after its
 * DMA says when the buffer may be reused. */
#include <string.h>

#include "rt/rtc/gpu.h"

#define CHUNK ((size_t)8 << 20)

static int ensure(const cw_gpu_api *api, cw_gpu_staging *s) {
  for (int i = 0; i < 2; i++) {
    int r;
    if (!s->buf[i] && (r = api->host_alloc(&s->buf[i], CHUNK, 0)) != 0) return r;
    if (!s->ev[i] && (r = api->event_create(&s->ev[i], 0)) != 0) return r;
  }
  return 0;
}

/* Waits until buffer i's last copy is done. */
static int drain(const cw_gpu_api *api, cw_gpu_staging *s, int i) {
  if (!s->pending[i]) return 0;
  s->pending[i] = false;
  return api->event_sync(s->ev[i]);
}

int cw_gpu_staged_write(const cw_gpu_api *api, cw_gpu_staging *s, void *stream, cw_gpu_ptr dst, const void *src,
                        size_t n) {
  int r = ensure(api, s);
  for (size_t off = 0, k = 0; r == 0 && off < n; off += CHUNK, k++) {
    int i = (int)(k % 2);
    size_t len = n - off < CHUNK ? n - off : CHUNK;
    if ((r = drain(api, s, i)) != 0) break;
    memcpy(s->buf[i], (const char *)src + off, len);
    if ((r = api->htod_async(dst + off, s->buf[i], len, stream)) != 0) break;
    if ((r = api->event_record(s->ev[i], stream)) != 0) break;
    s->pending[i] = true;
  }
  return r; /* the caller's bytes are all in pinned memory: it may reuse its buffer */
}

int cw_gpu_staged_read(const cw_gpu_api *api, cw_gpu_staging *s, void *stream, void *dst, cw_gpu_ptr src, size_t n) {
  int r = ensure(api, s);
  if (r == 0) r = drain(api, s, 0);
  if (r == 0) r = drain(api, s, 1);
  size_t prev_off = 0, prev_len = 0;
  /* one turn per chunk, and one more to finish the last */
  for (size_t off = 0, k = 0; r == 0 && (off < n || prev_len); off += CHUNK, k++) {
    int i = (int)(k % 2);
    size_t len = off < n ? (n - off < CHUNK ? n - off : CHUNK) : 0;
    if (len) { /* start chunk k, then finish chunk k - 1 while it runs */
      if ((r = api->dtoh_async(s->buf[i], src + off, len, stream)) != 0) break;
      if ((r = api->event_record(s->ev[i], stream)) != 0) break;
      s->pending[i] = true;
    }
    if (prev_len) {
      int j = 1 - i;
      if ((r = drain(api, s, j)) != 0) break;
      memcpy((char *)dst + prev_off, s->buf[j], prev_len);
    }
    prev_off = off;
    prev_len = len;
  }
  return r;
}

void cw_gpu_staging_free(const cw_gpu_api *api, cw_gpu_staging *s) {
  for (int i = 0; i < 2; i++) {
    drain(api, s, i);
    if (s->buf[i]) api->host_free(s->buf[i]);
    if (s->ev[i]) api->event_destroy(s->ev[i]);
  }
  memset(s, 0, sizeof *s);
}
