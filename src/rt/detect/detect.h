/* Hardware inventory internals (src/rt/detect/): each probe adds or
 * completes entries of one cw_device_list and appends a line to its log.
 *
 *   read.c       bounded reads of regular files only, PCI address parsing
 *   sysfs.c      $CW_SYSFS_ROOT/class/drm/cardN/device (vendor, device, uevent, amdgpu counters)
 *   procfs.c     $CW_PROCFS_ROOT/driver/nvidia (gpus/<bus>/information, version)
 *   nvml.c       libnvidia-ml.so.1 by dlopen ($CW_NVML_LIB)
 *   smi.c        nvidia-smi --query-gpu, only when NVML answered nothing
 *   inventory.c  the public API, merging by PCI address, formatting */
#ifndef CW_RT_DETECT_H
#define CW_RT_DETECT_H
#include <stdbool.h>
#include <stddef.h>

#include "cudawasm.h"

#define CW_DETECT_MAX_GPUS 64
#define CW_DETECT_MAX_ENTRIES 4096 /* directory entries looked at per directory */

typedef struct cw_detect {
  cw_device_list *list;
  int cap;
  size_t loglen, logcap;
  bool oom;
} cw_detect;

/* read.c */
/* Reads at most cap-1 bytes of a regular file into buf (NUL-terminated,
 * NUL bytes replaced by spaces). False for anything else (missing, a FIFO,
 * a device, a directory, unreadable); *truncated tells whether more was there. */
bool cw_detect_read(const char *path, char *buf, size_t cap, bool *truncated);
/* "0x10de" (surrounding blanks allowed) -> 0x10de; false on garbage or > 0xffff. */
bool cw_detect_parse_id(const char *s, unsigned *out);
/* A PCI address in any of "0000:01:00.0", "00000000:01:00.0", "01:00.0" ->
 * canonical "0000:01:00.0" (lower case); false when it is not one. */
bool cw_detect_pci(const char *s, char out[16]);
/* Copies printable ASCII of s[0..n) (n = SIZE_MAX: to the NUL), blanks
 * trimmed, control bytes replaced by '?', into out. */
void cw_detect_text(char *out, size_t outlen, const char *s, size_t n);
/* $VAR if set and non-empty, else dflt */
const char *cw_detect_root(const char *var, const char *dflt);

/* inventory.c */
void cw_detect_log(cw_detect *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The entry with this PCI address (bus "" never matches), or a new one;
 * NULL when the list is full or memory ran out. `source` is added to its sources. */
cw_gpu_info *cw_detect_gpu(cw_detect *d, const char *bus, const char *source);
cw_gpu_vendor cw_detect_vendor(unsigned vendor_id);

/* the probes */
void cw_detect_sysfs(cw_detect *d);
void cw_detect_procfs(cw_detect *d);
/* true when NVML answered (then nvidia-smi is not run) */
bool cw_detect_nvml(cw_detect *d);
void cw_detect_smi(cw_detect *d);

#endif
