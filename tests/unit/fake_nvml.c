/* A stand-in libnvidia-ml.so.1 for test_detect: the NVML functions that
 * src/rt/detect/nvml.c uses, with the signatures of NVIDIA's nvml.h, and two
 * fixed GPUs. It checks the probe's logic (merging, units, MIG, errors), not
 * the real library's ABI, which it shares with nvml.c's own declarations
 * (docs/runtime.md §8 says what was and was not run on a real GPU).
 * FAKE_NVML_INIT_FAIL=1 makes nvmlInit_v2 fail like a machine whose driver
 * is not loaded. */
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned long long total, free, used; } mem_t;
typedef struct { unsigned int gpu, memory; } util_t;
typedef struct {
  char bus_id_legacy[16];
  unsigned int domain, bus, device, pci_device_id, pci_subsystem_id;
  char bus_id[32];
} pci_t;

static int devs[2];

int nvmlInit_v2(void) {
  const char *f = getenv("FAKE_NVML_INIT_FAIL");
  return f && *f == '1' ? 9 : 0;
}
int nvmlShutdown(void) { return 0; }
const char *nvmlErrorString(int r) { return r == 9 ? "Driver Not Loaded" : r == 3 ? "Not Supported" : "Unknown Error"; }
int nvmlSystemGetDriverVersion(char *v, unsigned int n) {
  strncpy(v, "550.54.15", n);
  return 0;
}
int nvmlDeviceGetCount_v2(unsigned int *n) {
  *n = 2;
  return 0;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned int i, void **d) {
  if (i > 1) return 2;
  *d = &devs[i];
  return 0;
}
static int idx(void *d) { return d == &devs[0] ? 0 : 1; }
int nvmlDeviceGetName(void *d, char *name, unsigned int n) {
  strncpy(name, idx(d) ? "Tesla T4" : "NVIDIA H100 80GB HBM3", n);
  return 0;
}
int nvmlDeviceGetPciInfo_v3(void *d, pci_t *p) {
  memset(p, 0, sizeof *p);
  strcpy(p->bus_id, idx(d) ? "00000000:41:00.0" : "00000000:01:00.0");
  strcpy(p->bus_id_legacy, idx(d) ? "0000:41:00.0" : "0000:01:00.0");
  p->pci_device_id = idx(d) ? 0x1eb810deu : 0x233010deu;
  return 0;
}
int nvmlDeviceGetMemoryInfo(void *d, mem_t *m) {
  m->total = idx(d) ? 16106127360ull : 85520809984ull;
  m->used = idx(d) ? 0 : 4194304ull;
  m->free = m->total - m->used;
  return 0;
}
int nvmlDeviceGetUtilizationRates(void *d, util_t *u) {
  u->gpu = idx(d) ? 0 : 37;
  u->memory = 1;
  return 0;
}
int nvmlDeviceGetTemperature(void *d, int sensor, unsigned int *t) {
  if (sensor != 0) return 2;
  *t = idx(d) ? 33 : 45;
  return 0;
}
int nvmlDeviceGetPowerUsage(void *d, unsigned int *mw) {
  if (idx(d)) return 3; /* not supported */
  *mw = 71234;
  return 0;
}
int nvmlDeviceGetMigMode(void *d, unsigned int *cur, unsigned int *pend) {
  if (idx(d)) return 3; /* a T4 has no MIG */
  *cur = 1;
  *pend = 1;
  return 0;
}
