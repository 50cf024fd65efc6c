/* The hardware inventory's public API (cudawasm.h): runs the probes in
 * order, merges what they say about one GPU by its PCI address, and formats
 * entries. Order: sysfs (every vendor), procfs (NVIDIA's driver), NVML, and
 * nvidia-smi only when NVML answered nothing (it is slow and may hang; NVML
 * is the same information without a process). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/detect/detect.h"

void cw_detect_log(cw_detect *d, const char *fmt, ...) {
  char line[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  size_t n = strlen(line);
  if (d->loglen + n + 2 > d->logcap) {
    size_t cap = (d->logcap + n + 2) * 2;
    char *p = realloc(d->list->log, cap);
    if (!p) {
      d->oom = true;
      return;
    }
    d->list->log = p;
    d->logcap = cap;
  }
  memcpy(d->list->log + d->loglen, line, n);
  d->loglen += n;
  d->list->log[d->loglen++] = '\n';
  d->list->log[d->loglen] = 0;
}

cw_gpu_vendor cw_detect_vendor(unsigned id) {
  switch (id) {
  case 0x10de: return CW_VENDOR_NVIDIA;
  case 0x1002: return CW_VENDOR_AMD;
  case 0x8086: return CW_VENDOR_INTEL;
  default: return CW_VENDOR_OTHER;
  }
}

static void add_source(cw_gpu_info *g, const char *source) {
  if (strstr(g->sources, source)) return;
  size_t n = strlen(g->sources);
  snprintf(g->sources + n, sizeof g->sources - n, "%s%s", n ? " " : "", source);
}

cw_gpu_info *cw_detect_gpu(cw_detect *d, const char *bus, const char *source) {
  cw_device_list *l = d->list;
  for (int i = 0; bus && bus[0] && i < l->count; i++)
    if (!strcmp(l->gpus[i].pci_bus, bus)) {
      add_source(&l->gpus[i], source);
      return &l->gpus[i];
    }
  if (l->count >= CW_DETECT_MAX_GPUS) return NULL;
  if (l->count == d->cap) {
    int cap = d->cap ? d->cap * 2 : 4;
    cw_gpu_info *p = realloc(l->gpus, sizeof *p * (size_t)cap);
    if (!p) {
      d->oom = true;
      return NULL;
    }
    l->gpus = p;
    d->cap = cap;
  }
  cw_gpu_info *g = &l->gpus[l->count++];
  memset(g, 0, sizeof *g);
  g->mem_total_bytes = g->mem_used_bytes = -1;
  g->util_percent = g->temp_c = g->mig = -1;
  g->power_w = -1;
  if (bus) snprintf(g->pci_bus, sizeof g->pci_bus, "%s", bus);
  add_source(g, source);
  return g;
}

cw_device_list *cw_device_list_probe(void) {
  cw_device_list *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  cw_detect d = {.list = l};
  cw_detect_sysfs(&d);
  cw_detect_procfs(&d);
  if (cw_detect_nvml(&d)) cw_detect_log(&d, "nvidia-smi: not run (NVML answered)");
  else cw_detect_smi(&d);
  if (d.oom) {
    cw_device_list_free(l);
    return NULL;
  }
  if (!l->log) l->log = calloc(1, 1);
  if (!l->log) {
    cw_device_list_free(l);
    return NULL;
  }
  return l;
}

void cw_device_list_free(cw_device_list *l) {
  if (!l) return;
  free(l->gpus);
  free(l->log);
  free(l);
}

static const char *vendor_name(cw_gpu_vendor v) {
  return v == CW_VENDOR_NVIDIA ? "NVIDIA" : v == CW_VENDOR_AMD ? "AMD" : v == CW_VENDOR_INTEL ? "Intel" : "other";
}

char *cw_gpu_describe(const cw_gpu_info *g) {
  if (!g) return NULL;
  char s[1024];
  size_t n = 0;
#define ADD(...) n += (size_t)snprintf(s + n, n < sizeof s ? sizeof s - n : 0, __VA_ARGS__)
  if (g->name[0]) ADD("%s", g->name);
  else ADD("%s GPU", vendor_name(g->vendor));
  ADD(" (");
  if (g->vendor_id) ADD("%04x:%04x", g->vendor_id, g->device_id);
  else ADD("%s", vendor_name(g->vendor));
  if (g->pci_bus[0]) ADD(" at %s", g->pci_bus);
  if (g->driver[0]) ADD(", driver %s", g->driver);
  if (g->driver_version[0]) ADD(" %s", g->driver_version);
  ADD(")");
  const char *sep = ": ";
  if (g->mem_total_bytes >= 0) {
    ADD("%s%lld MiB", sep, g->mem_total_bytes >> 20);
    if (g->mem_used_bytes >= 0) ADD(" (%lld MiB used)", g->mem_used_bytes >> 20);
    sep = ", ";
  }
  if (g->util_percent >= 0) ADD("%s%d%% busy", sep, g->util_percent), sep = ", ";
  if (g->temp_c >= 0) ADD("%s%d C", sep, g->temp_c), sep = ", ";
  if (g->power_w >= 0) ADD("%s%.1f W", sep, g->power_w), sep = ", ";
  if (g->mig >= 0) ADD("%sMIG %s", sep, g->mig ? "on" : "off");
  ADD(" [%s]", g->sources);
#undef ADD
  size_t len = strlen(s);
  char *out = malloc(len + 1);
  if (out) memcpy(out, s, len + 1);
  return out;
}
