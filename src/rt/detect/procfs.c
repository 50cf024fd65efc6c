/* NVIDIA's driver view: $CW_PROCFS_ROOT/driver/nvidia/gpus/<bus>/information
 * ("Model:  NVIDIA H100 80GB HBM3", "Bus Location:  0000:01:00.0", one
 * "Key: value" per line) and driver/nvidia/version ("NVRM version: NVIDIA
 * UNIX x86_64 Kernel Module  535.104.05  ..."). Present whenever the nvidia
 * kernel module is loaded, also without nvidia-drm (then sysfs has no card). */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "rt/detect/detect.h"

/* the value of "Key:" in an information text, blanks trimmed */
static bool info_value(const char *text, const char *key, char *out, size_t n) {
  size_t kl = strlen(key);
  for (const char *p = text; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len > kl && !strncmp(p, key, kl) && p[kl] == ':') {
      cw_detect_text(out, n, p + kl + 1, len - kl - 1);
      return out[0] != 0;
    }
    p = nl ? nl + 1 : NULL;
  }
  return false;
}

/* "... Kernel Module  535.104.05  Sat Aug ..." -> "535.104.05": the first
 * word after "Module" made of digits and dots */
static void driver_version(const char *root, char *out, size_t n) {
  char path[4200], buf[1024];
  out[0] = 0;
  snprintf(path, sizeof path, "%s/driver/nvidia/version", root);
  if (!cw_detect_read(path, buf, sizeof buf, NULL)) return;
  const char *p = strstr(buf, "Module");
  if (!p) return;
  p += 6;
  while (*p == ' ' || *p == '\t') p++;
  size_t l = 0;
  while (p[l] && (isdigit((unsigned char)p[l]) || p[l] == '.')) l++;
  if (l && isdigit((unsigned char)p[0])) cw_detect_text(out, n, p, l);
}

void cw_detect_procfs(cw_detect *d) {
  const char *root = cw_detect_root("CW_PROCFS_ROOT", "/proc");
  char gpus[4200];
  snprintf(gpus, sizeof gpus, "%s/driver/nvidia/gpus", root);
  DIR *dir = opendir(gpus);
  if (!dir) {
    cw_detect_log(d, "procfs: no %s (the nvidia kernel module is not loaded)", gpus);
    return;
  }
  char version[32];
  driver_version(root, version, sizeof version);
  int found = 0, seen = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && seen++ < CW_DETECT_MAX_ENTRIES) {
    if (e->d_name[0] == '.') continue;
    char path[4500], buf[8192], bus[16] = "", loc[64], model[96];
    snprintf(path, sizeof path, "%s/%s/information", gpus, e->d_name);
    if (!cw_detect_read(path, buf, sizeof buf, NULL)) {
      cw_detect_log(d, "procfs: %s cannot be read; left out", path);
      continue;
    }
    /* the directory is named by the bus address too; the file says it again */
    if (!(info_value(buf, "Bus Location", loc, sizeof loc) && cw_detect_pci(loc, bus)) &&
        !cw_detect_pci(e->d_name, bus)) {
      cw_detect_log(d, "procfs: %s has no PCI address; left out", path);
      continue;
    }
    cw_gpu_info *g = cw_detect_gpu(d, bus, "procfs");
    if (!g) break;
    g->vendor = CW_VENDOR_NVIDIA;
    if (!g->vendor_id) g->vendor_id = 0x10de;
    if (info_value(buf, "Model", model, sizeof model)) snprintf(g->name, sizeof g->name, "%s", model);
    if (!g->driver[0]) snprintf(g->driver, sizeof g->driver, "nvidia");
    if (version[0]) snprintf(g->driver_version, sizeof g->driver_version, "%s", version);
    found++;
  }
  closedir(dir);
  cw_detect_log(d, "procfs: %d NVIDIA GPU%s under %s%s%s", found, found == 1 ? "" : "s", gpus,
                version[0] ? ", driver " : "", version);
}
