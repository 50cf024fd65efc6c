/* GPUs the kernel's DRM subsystem knows: $CW_SYSFS_ROOT/class/drm/cardN
 * (connectors "card0-HDMI-A-1" and render nodes are not cards). From each
 * card's PCI device: vendor and device ids, PCI_SLOT_NAME and DRIVER from
 * uevent, and amdgpu's own counters (VRAM, busy percent). A card without a
 * PCI vendor id (simpledrm, virtual devices) is logged and left out. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/detect/detect.h"

static bool is_card(const char *n) {
  if (strncmp(n, "card", 4) || !n[4]) return false;
  for (const char *p = n + 4; *p; p++)
    if (*p < '0' || *p > '9') return false;
  return strlen(n) < 16;
}

static int by_number(const void *a, const void *b) {
  return atoi(*(const char *const *)a + 4) - atoi(*(const char *const *)b + 4);
}

/* value of KEY= in a uevent text */
static void uevent_value(const char *text, const char *key, char *out, size_t n) {
  size_t kl = strlen(key);
  out[0] = 0;
  for (const char *p = text; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len > kl && !strncmp(p, key, kl) && p[kl] == '=') {
      cw_detect_text(out, n, p + kl + 1, len - kl - 1);
      return;
    }
    p = nl ? nl + 1 : NULL;
  }
}

/* a decimal counter file; -1 when absent or not a number */
static long long read_counter(const char *dir, const char *file) {
  char path[4200], buf[64];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  if (!cw_detect_read(path, buf, sizeof buf, NULL)) return -1;
  char *end;
  long long v = strtoll(buf, &end, 10);
  while (*end == '\n' || *end == ' ') end++;
  return end != buf && !*end && v >= 0 ? v : -1;
}

static void probe_card(cw_detect *d, const char *drm, const char *card) {
  char dev[4200], path[4300], buf[4096];
  snprintf(dev, sizeof dev, "%s/%s/device", drm, card);
  unsigned vendor = 0, device = 0;
  snprintf(path, sizeof path, "%s/vendor", dev);
  if (!cw_detect_read(path, buf, sizeof buf, NULL) || !cw_detect_parse_id(buf, &vendor)) {
    cw_detect_log(d, "sysfs: %s: no PCI vendor id in %s, not a PCI GPU; left out", card, path);
    return;
  }
  snprintf(path, sizeof path, "%s/device", dev);
  if (!cw_detect_read(path, buf, sizeof buf, NULL) || !cw_detect_parse_id(buf, &device)) device = 0;
  char slot[64] = "", driver[64] = "", bus[16] = "";
  snprintf(path, sizeof path, "%s/uevent", dev);
  if (cw_detect_read(path, buf, sizeof buf, NULL)) {
    uevent_value(buf, "PCI_SLOT_NAME", slot, sizeof slot);
    uevent_value(buf, "DRIVER", driver, sizeof driver);
  }
  if (slot[0] && !cw_detect_pci(slot, bus)) bus[0] = 0;
  cw_gpu_info *g = cw_detect_gpu(d, bus, "sysfs");
  if (!g) {
    cw_detect_log(d, "sysfs: %s: left out (more than %d GPUs)", card, CW_DETECT_MAX_GPUS);
    return;
  }
  g->vendor_id = vendor;
  g->device_id = device;
  g->vendor = cw_detect_vendor(vendor);
  if (driver[0]) snprintf(g->driver, sizeof g->driver, "%s", driver);
  if (g->vendor == CW_VENDOR_AMD) {
    /* amdgpu exports these itself; other drivers do not */
    g->mem_total_bytes = read_counter(dev, "mem_info_vram_total");
    g->mem_used_bytes = read_counter(dev, "mem_info_vram_used");
    long long busy = read_counter(dev, "gpu_busy_percent");
    g->util_percent = busy >= 0 && busy <= 100 ? (int)busy : -1;
  }
  cw_detect_log(d, "sysfs: %s: %04x:%04x%s%s%s%s", card, vendor, device, bus[0] ? " at " : "", bus,
                driver[0] ? ", driver " : "", driver);
}

void cw_detect_sysfs(cw_detect *d) {
  char drm[4096];
  snprintf(drm, sizeof drm, "%s/class/drm", cw_detect_root("CW_SYSFS_ROOT", "/sys"));
  DIR *dir = opendir(drm);
  if (!dir) {
    cw_detect_log(d, "sysfs: %s cannot be read: no DRM devices seen", drm);
    return;
  }
  char *names[256];
  int n = 0, seen = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && seen++ < CW_DETECT_MAX_ENTRIES)
    if (is_card(e->d_name) && n < 256 && (names[n] = strdup(e->d_name))) n++;
  closedir(dir);
  qsort(names, (size_t)n, sizeof *names, by_number);
  if (!n) cw_detect_log(d, "sysfs: no cards under %s", drm);
  for (int i = 0; i < n; i++) {
    probe_card(d, drm, names[i]);
    free(names[i]);
  }
}
