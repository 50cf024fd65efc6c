/* The backend chain table, CW_DISABLE parsing, and the process-wide record
 * of steps whose device was lost (see chain.h).
 *
 * A NULL entry would report "not built into this library". */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "rt/chain.h"

static const cw_chain_step steps[CW_STEP_COUNT] = {
    [CW_STEP_CUDA] = {"cuda", "cuda", CW_BACKEND_CUDA, &cw_cuda_backend},
    [CW_STEP_HIP] = {"hip", "hip", CW_BACKEND_HIP, &cw_hip_backend},
    [CW_STEP_WEBGPU] = {"webgpu", "webgpu", CW_BACKEND_WEBGPU, &cw_webgpu_backend},
    [CW_STEP_CC] = {"cpu", "cc", CW_BACKEND_CPU, &cw_cpu_backend},
    [CW_STEP_TCC] = {"cpu-tcc", "tcc", CW_BACKEND_CPU, &cw_cpu_tcc_backend},
};

const cw_chain_step *cw_chain_get(cw_step s) { return (unsigned)s < CW_STEP_COUNT ? &steps[s] : NULL; }

bool cw_chain_parse_disable(const char *v, unsigned *mask, char *why, size_t whylen) {
  *mask = 0;
  if (!v) return true;
  while (*v) {
    size_t n = strcspn(v, ", ");
    if (n == 3 && !memcmp(v, "cpu", 3)) {
      *mask |= CW_DISABLE_CPU;
    } else if (n) {
      int found = -1;
      for (int i = 0; i < CW_STEP_COUNT; i++)
        if (strlen(steps[i].word) == n && !memcmp(steps[i].word, v, n)) found = i;
      if (found < 0) {
        snprintf(why, whylen, "CW_DISABLE: unknown backend '%.*s' (known: cuda, hip, webgpu, cc, tcc, cpu)",
                 n > 64 ? 64 : (int)n, v);
        return false;
      }
      *mask |= 1u << found;
    }
    v += n;
    while (*v == ',' || *v == ' ') v++;
  }
  return true;
}

static atomic_uint lost_mask;

void cw_chain_mark_lost(cw_step s) {
  if ((unsigned)s < CW_STEP_COUNT) atomic_fetch_or(&lost_mask, 1u << s);
}

bool cw_chain_is_lost(cw_step s) { return (unsigned)s < CW_STEP_COUNT && (atomic_load(&lost_mask) >> s & 1u); }
