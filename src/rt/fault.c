/* CW_FAULT parsing (see fault.h). Test-only hooks: every caller asks
 * cw_fault_on() at the point where the real failure would happen, so the
 * code path after it is the production one. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/fault.h"

static const char *const names[CW_FAULT_COUNT] = {
    "no-libcuda", "no-nvrtc", "nvrtc-compile", "no-hip", "no-vulkan",
    "no-dawn",    "no-cc",    "no-tcc",        "device-lost",
};

const char *cw_fault_name(cw_fault f) { return (unsigned)f < CW_FAULT_COUNT ? names[f] : "?"; }

/* Calls fn for every comma-separated word of CW_FAULT; stops when it returns true. */
static bool each_word(bool (*fn)(const char *w, size_t n, void *u), void *u) {
  const char *v = getenv("CW_FAULT");
  if (!v) return false;
  while (*v) {
    size_t n = strcspn(v, ",");
    if (n && fn(v, n, u)) return true;
    v += n;
    if (*v == ',') v++;
  }
  return false;
}

static int lookup(const char *w, size_t n) {
  for (int i = 0; i < CW_FAULT_COUNT; i++)
    if (strlen(names[i]) == n && !memcmp(names[i], w, n)) return i;
  return -1;
}

static bool is_fault(const char *w, size_t n, void *u) { return lookup(w, n) == *(const int *)u; }

bool cw_fault_on(cw_fault f) {
  int want = (int)f;
  return each_word(is_fault, &want);
}

typedef struct bad_word { char *why; size_t len; } bad_word;

static bool unknown(const char *w, size_t n, void *u) {
  if (lookup(w, n) >= 0) return false;
  bad_word *b = u;
  int shown = n > 64 ? 64 : (int)n;
  snprintf(b->why, b->len,
           "CW_FAULT: unknown fault '%.*s' (known: no-libcuda, no-nvrtc, nvrtc-compile, no-hip, no-vulkan, "
           "no-dawn, no-cc, no-tcc, device-lost)",
           shown, w);
  return true;
}

bool cw_fault_check_env(char *why, size_t whylen) {
  bad_word b = {why, whylen};
  return !each_word(unknown, &b);
}

bool cw_fault_take_device_lost(void) {
  static atomic_bool fired;
  if (!cw_fault_on(CW_FAULT_DEVICE_LOST)) return false;
  return !atomic_exchange(&fired, true);
}
