/* NVML (NVIDIA Management Library) through dlopen: no NVML headers or
 * library at build time. The few declarations below follow NVIDIA's NVML API
 * reference (nvml.h): every function returns nvmlReturn_t (0 = success,
 * 3 = NVML_ERROR_NOT_SUPPORTED), devices are opaque handles.
 *
 * $CW_NVML_LIB names the library (default libnvidia-ml.so.1); "none" skips
 * NVML (tests that feed fake /sys and /proc trees use it, so that a real GPU
 * of the test machine does not join their inventory). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "rt/detect/detect.h"

typedef int nvml_ret;
typedef void *nvml_dev;
typedef struct nvml_memory { unsigned long long total, free, used; } nvml_memory;     /* nvmlMemory_t */
typedef struct nvml_util { unsigned int gpu, memory; } nvml_util;                     /* nvmlUtilization_t */
typedef struct nvml_pci {                                                             /* nvmlPciInfo_t (v3) */
  char bus_id_legacy[16];
  unsigned int domain, bus, device, pci_device_id, pci_subsystem_id;
  char bus_id[32];
} nvml_pci;

#define NVML_TEMPERATURE_GPU 0
#define NVML_ERROR_NOT_SUPPORTED 3

typedef struct nvml_api {
  nvml_ret (*init)(void);
  nvml_ret (*shutdown)(void);
  const char *(*error_string)(nvml_ret);
  nvml_ret (*driver_version)(char *, unsigned int);
  nvml_ret (*count)(unsigned int *);
  nvml_ret (*handle)(unsigned int, nvml_dev *);
  nvml_ret (*name)(nvml_dev, char *, unsigned int);
  nvml_ret (*pci)(nvml_dev, nvml_pci *);
  nvml_ret (*memory)(nvml_dev, nvml_memory *);
  nvml_ret (*util)(nvml_dev, nvml_util *);
  nvml_ret (*temp)(nvml_dev, int, unsigned int *);
  nvml_ret (*power)(nvml_dev, unsigned int *);
  nvml_ret (*mig)(nvml_dev, unsigned int *, unsigned int *);
} nvml_api;

/* dlsym into a function pointer (POSIX: the object pointer converts) */
static bool sym(void *h, const char *name, void *fnptr) {
  void *p = dlsym(h, name);
  memcpy(fnptr, &p, sizeof p);
  return p != NULL;
}

static const char *errstr(const nvml_api *a, nvml_ret r) {
  const char *s = a->error_string ? a->error_string(r) : NULL;
  return s ? s : "unknown error";
}

static void one_device(cw_detect *d, const nvml_api *a, unsigned i, const char *version) {
  nvml_dev dev = NULL;
  nvml_ret r = a->handle(i, &dev);
  if (r != 0) {
    cw_detect_log(d, "nvml: device %u: %s", i, errstr(a, r));
    return;
  }
  /* zeroed and larger than the struct: a newer layout cannot write past it */
  union { nvml_pci p; char room[512]; } pci;
  memset(&pci, 0, sizeof pci);
  char bus[16] = "";
  if (a->pci(dev, &pci.p) == 0) {
    pci.p.bus_id[sizeof pci.p.bus_id - 1] = 0;
    if (!cw_detect_pci(pci.p.bus_id, bus)) bus[0] = 0;
  }
  cw_gpu_info *g = cw_detect_gpu(d, bus, "nvml");
  if (!g) return;
  g->vendor = CW_VENDOR_NVIDIA;
  /* each id separately: procfs may have set the vendor (0x10de) but never knows the device id */
  if (!g->vendor_id) g->vendor_id = pci.p.pci_device_id & 0xffffu;
  if (!g->device_id && (pci.p.pci_device_id & 0xffffu) == g->vendor_id) g->device_id = pci.p.pci_device_id >> 16;
  char name[96] = "";
  if (a->name(dev, name, sizeof name) == 0) cw_detect_text(g->name, sizeof g->name, name, sizeof name);
  nvml_memory m;
  if (a->memory(dev, &m) == 0) {
    g->mem_total_bytes = (long long)m.total;
    g->mem_used_bytes = (long long)m.used;
  }
  nvml_util u;
  if (a->util && a->util(dev, &u) == 0 && u.gpu <= 100) g->util_percent = (int)u.gpu;
  unsigned t, mw, cur, pend;
  if (a->temp && a->temp(dev, NVML_TEMPERATURE_GPU, &t) == 0 && t < 1000) g->temp_c = (int)t;
  if (a->power && a->power(dev, &mw) == 0) g->power_w = mw / 1000.0;
  /* not supported (pre-Ampere or consumer GPUs): MIG stays unknown */
  if (a->mig && a->mig(dev, &cur, &pend) == 0) g->mig = cur ? 1 : 0;
  if (!g->driver[0]) snprintf(g->driver, sizeof g->driver, "nvidia");
  if (version[0]) snprintf(g->driver_version, sizeof g->driver_version, "%s", version);
}

bool cw_detect_nvml(cw_detect *d) {
  const char *lib = cw_detect_root("CW_NVML_LIB", "libnvidia-ml.so.1");
  if (!strcmp(lib, "none")) {
    cw_detect_log(d, "nvml: skipped (CW_NVML_LIB=none)");
    return false;
  }
  void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    cw_detect_log(d, "nvml: %s cannot be loaded (%s)", lib, e ? e : "?");
    return false;
  }
  nvml_api a;
  memset(&a, 0, sizeof a);
  bool ok = sym(h, "nvmlInit_v2", &a.init) && sym(h, "nvmlShutdown", &a.shutdown) &&
            sym(h, "nvmlDeviceGetCount_v2", &a.count) && sym(h, "nvmlDeviceGetHandleByIndex_v2", &a.handle) &&
            sym(h, "nvmlDeviceGetName", &a.name) && sym(h, "nvmlDeviceGetPciInfo_v3", &a.pci) &&
            sym(h, "nvmlDeviceGetMemoryInfo", &a.memory);
  /* optional: older drivers lack some, a missing one leaves its field unknown */
  sym(h, "nvmlErrorString", &a.error_string);
  sym(h, "nvmlSystemGetDriverVersion", &a.driver_version);
  sym(h, "nvmlDeviceGetUtilizationRates", &a.util);
  sym(h, "nvmlDeviceGetTemperature", &a.temp);
  sym(h, "nvmlDeviceGetPowerUsage", &a.power);
  sym(h, "nvmlDeviceGetMigMode", &a.mig);
  if (!ok) {
    cw_detect_log(d, "nvml: %s lacks the NVML functions used (nvmlInit_v2, nvmlDeviceGetPciInfo_v3, ...)", lib);
    dlclose(h);
    return false;
  }
  nvml_ret r = a.init();
  if (r != 0) {
    cw_detect_log(d, "nvml: nvmlInit_v2 failed: %s", errstr(&a, r));
    dlclose(h);
    return false;
  }
  char version[80] = "";
  if (!a.driver_version || a.driver_version(version, sizeof version) != 0) version[0] = 0;
  version[sizeof version - 1] = 0;
  char v[32];
  cw_detect_text(v, sizeof v, version, sizeof version);
  unsigned n = 0;
  r = a.count(&n);
  if (r != 0) {
    cw_detect_log(d, "nvml: nvmlDeviceGetCount_v2 failed: %s", errstr(&a, r));
  } else {
    if (n > CW_DETECT_MAX_GPUS) n = CW_DETECT_MAX_GPUS;
    for (unsigned i = 0; i < n; i++) one_device(d, &a, i, v);
    cw_detect_log(d, "nvml: %u GPU%s, driver %s", n, n == 1 ? "" : "s", v[0] ? v : "?");
  }
  a.shutdown();
  dlclose(h);
  return r == 0;
}
