/* The hardware inventory (src/rt/detect/) on fake /sys and /proc trees.
 *
 * Each fixture is built under a temporary directory and the probes are
 * pointed at it with CW_SYSFS_ROOT / CW_PROCFS_ROOT; NVML is kept out
 * (CW_NVML_LIB=none) unless a case is about it, and nvidia-smi is a shell
 * script written here (CW_NVIDIA_SMI). Fixtures: an NVIDIA card (sysfs +
 * /proc/driver/nvidia), an AMD card (amdgpu counters), an Intel iGPU, the
 * three together, none, and odd files (empty, garbage, binary, huge, a FIFO,
 * a directory, a symlink loop) that must neither crash nor hang the probe.
 * The expected values are written literally here, not derived from the code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cudawasm.h"
#include "rt/detect/detect.h"

#include "check.h"

static char base[256];

/* mkdir -p of base/rel's parent, then the file with `text` */
static void mkdirs(const char *path) {
  char tmp[1024];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = 0;
      mkdir(tmp, 0755);
      *p = '/';
    }
  mkdir(tmp, 0755);
}

static void put_n(const char *root, const char *rel, const char *text, size_t n) {
  char path[1024], dir[1024];
  snprintf(path, sizeof path, "%s/%s/%s", base, root, rel);
  snprintf(dir, sizeof dir, "%s", path);
  *strrchr(dir, '/') = 0;
  mkdirs(dir);
  FILE *f = fopen(path, "wb");
  if (!f) {
    printf("cannot write %s: %s\n", path, strerror(errno));
    exit(1);
  }
  fwrite(text, 1, n, f);
  fclose(f);
}

static void put(const char *root, const char *rel, const char *text) { put_n(root, rel, text, strlen(text)); }

static void use_roots(const char *root) {
  char s[512], p[512];
  snprintf(s, sizeof s, "%s/%s/sys", base, root);
  snprintf(p, sizeof p, "%s/%s/proc", base, root);
  setenv("CW_SYSFS_ROOT", s, 1);
  setenv("CW_PROCFS_ROOT", p, 1);
}

static void nvidia_card(const char *root, const char *card, const char *slot) {
  char rel[256], ue[256];
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/vendor", card);
  put(root, rel, "0x10de\n");
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/device", card);
  put(root, rel, "0x2330\n");
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/uevent", card);
  snprintf(ue, sizeof ue, "DRIVER=nvidia\nPCI_CLASS=30200\nPCI_ID=10DE:2330\nPCI_SLOT_NAME=%s\n", slot);
  put(root, rel, ue);
  snprintf(rel, sizeof rel, "sys/class/drm/%s-DP-1/status", card); /* a connector, not a card */
  put(root, rel, "disconnected\n");
  char info[512];
  snprintf(rel, sizeof rel, "proc/driver/nvidia/gpus/%s/information", slot);
  snprintf(info, sizeof info,
           "Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 42\nGPU UUID: \t GPU-00000000-1111-2222-3333-444444444444\n"
           "Video BIOS: \t 96.00.74.00.0c\nBus Type: \t PCIe\nDMA Size: \t 52 bits\nBus Location: \t %s\n",
           slot);
  put(root, rel, info);
  put(root, "proc/driver/nvidia/version",
      "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"
      "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n");
}

static void amd_card(const char *root, const char *card) {
  char rel[256];
#define AMD(file, text)                                                  \
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/%s", card, file);  \
  put(root, rel, text)
  AMD("vendor", "0x1002\n");
  AMD("device", "0x744c\n");
  AMD("uevent", "DRIVER=amdgpu\nPCI_CLASS=30000\nPCI_SLOT_NAME=0000:03:00.0\n");
  AMD("mem_info_vram_total", "25753026560\n");
  AMD("mem_info_vram_used", "1048576000\n");
  AMD("gpu_busy_percent", "7\n");
#undef AMD
}

static void intel_card(const char *root, const char *card) {
  char rel[256];
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/vendor", card);
  put(root, rel, "0x8086\n");
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/device", card);
  put(root, rel, "0xa780\n");
  snprintf(rel, sizeof rel, "sys/class/drm/%s/device/uevent", card);
  put(root, rel, "DRIVER=i915\nPCI_SLOT_NAME=0000:00:02.0\n");
}

static bool printable(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 32 || (unsigned char)*s > 126) return false;
  return true;
}

static cw_device_list *probe(void) {
  cw_device_list *l = cw_device_list_probe();
  if (!l) {
    printf("FAIL: probe returned NULL\n");
    exit(1);
  }
  for (int i = 0; i < l->count; i++) {
    CHECK(printable(l->gpus[i].name) && printable(l->gpus[i].driver) && printable(l->gpus[i].pci_bus),
          "gpu %d has unprintable text", i);
  }
  return l;
}

static void test_parsers(void) {
  char b[16];
  CHECK(cw_detect_pci("0000:01:00.0", b) && !strcmp(b, "0000:01:00.0"), "%s", b);
  CHECK(cw_detect_pci("00000000:1A:00.0\n", b) && !strcmp(b, "0000:1a:00.0"), "nvml/nvidia-smi form: %s", b);
  CHECK(cw_detect_pci("03:00.1", b) && !strcmp(b, "0000:03:00.1"), "no domain: %s", b);
  CHECK(!cw_detect_pci("", b) && !cw_detect_pci("garbage", b) && !cw_detect_pci("0000:01:00", b) &&
            !cw_detect_pci("0000:01:00.9", b) && !cw_detect_pci("0000:001:00.0", b) &&
            !cw_detect_pci("1:2:3:4.0", b) && !cw_detect_pci("0000:01:00.0x", b),
        "bad addresses refused");
  unsigned v = 0;
  CHECK(cw_detect_parse_id("0x10de\n", &v) && v == 0x10de, "%x", v);
  CHECK(cw_detect_parse_id("8086", &v) && v == 0x8086, "%x", v);
  CHECK(!cw_detect_parse_id("", &v) && !cw_detect_parse_id("0x", &v) && !cw_detect_parse_id("0x10de0", &v) &&
            !cw_detect_parse_id("0x10dz", &v),
        "bad ids refused");
  char t[8];
  cw_detect_text(t, sizeof t, "  a\x01" "bcdefghij", (size_t)-1);
  CHECK(!strcmp(t, "a?bcdef"), "'%s'", t);
}

static void test_nvidia(void) {
  nvidia_card("nv", "card0", "0000:01:00.0");
  put("nv", "sys/class/drm/renderD128/dev", "226:128\n"); /* a render node, not a card */
  use_roots("nv");
  cw_device_list *l = probe();
  CHECK(l->count == 1, "count %d, log:\n%s", l->count, l->log);
  if (l->count == 1) {
    cw_gpu_info *g = &l->gpus[0];
    CHECK(g->vendor == CW_VENDOR_NVIDIA && g->vendor_id == 0x10de && g->device_id == 0x2330, "ids");
    CHECK(!strcmp(g->pci_bus, "0000:01:00.0"), "%s", g->pci_bus);
    CHECK(!strcmp(g->name, "NVIDIA H100 80GB HBM3"), "'%s'", g->name);
    CHECK(!strcmp(g->driver, "nvidia") && !strcmp(g->driver_version, "535.104.05"), "%s %s", g->driver,
          g->driver_version);
    CHECK(!strcmp(g->sources, "sysfs procfs"), "'%s'", g->sources);
    CHECK(g->mem_total_bytes == -1 && g->util_percent == -1 && g->temp_c == -1 && g->power_w < 0 && g->mig == -1,
          "unknowns stay unknown");
    char *d = cw_gpu_describe(g);
    CHECK(d && !strcmp(d, "NVIDIA H100 80GB HBM3 (10de:2330 at 0000:01:00.0, driver nvidia 535.104.05) [sysfs procfs]"),
          "'%s'", d ? d : "");
    free(d);
  }
  CHECK(strstr(l->log, "nvml: skipped (CW_NVML_LIB=none)"), "%s", l->log);
  cw_device_list_free(l);
}

static void test_amd_intel_mixed(void) {
  amd_card("amd", "card0");
  use_roots("amd");
  cw_device_list *l = probe();
  CHECK(l->count == 1, "count %d:\n%s", l->count, l->log);
  if (l->count == 1) {
    cw_gpu_info *g = &l->gpus[0];
    CHECK(g->vendor == CW_VENDOR_AMD && g->vendor_id == 0x1002 && g->device_id == 0x744c, "amd ids");
    CHECK(!strcmp(g->pci_bus, "0000:03:00.0") && !strcmp(g->driver, "amdgpu"), "%s %s", g->pci_bus, g->driver);
    CHECK(g->mem_total_bytes == 25753026560LL && g->mem_used_bytes == 1048576000LL && g->util_percent == 7,
          "amdgpu counters %lld %lld %d", g->mem_total_bytes, g->mem_used_bytes, g->util_percent);
    CHECK(strstr(l->log, "procfs: no ") != NULL, "%s", l->log);
  }
  cw_device_list_free(l);

  intel_card("intel", "card0");
  use_roots("intel");
  l = probe();
  CHECK(l->count == 1 && l->gpus[0].vendor == CW_VENDOR_INTEL && l->gpus[0].device_id == 0xa780 &&
            !strcmp(l->gpus[0].pci_bus, "0000:00:02.0") && !strcmp(l->gpus[0].driver, "i915") &&
            l->gpus[0].mem_total_bytes == -1,
        "intel:\n%s", l->log);
  cw_device_list_free(l);

  /* all three; cards in numeric order (card10 after card2) */
  intel_card("mix", "card0");
  amd_card("mix", "card2");
  nvidia_card("mix", "card10", "0000:01:00.0");
  use_roots("mix");
  l = probe();
  CHECK(l->count == 3, "count %d:\n%s", l->count, l->log);
  if (l->count == 3)
    CHECK(l->gpus[0].vendor == CW_VENDOR_INTEL && l->gpus[1].vendor == CW_VENDOR_AMD &&
              l->gpus[2].vendor == CW_VENDOR_NVIDIA && !strcmp(l->gpus[2].sources, "sysfs procfs"),
          "order and merge:\n%s", l->log);
  cw_device_list_free(l);
}

static void test_none(void) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/none/sys/class/drm", base);
  mkdirs(dir);
  snprintf(dir, sizeof dir, "%s/none/proc", base);
  mkdirs(dir);
  use_roots("none");
  cw_device_list *l = probe();
  CHECK(l->count == 0 && strstr(l->log, "sysfs: no cards under") && strstr(l->log, "procfs: no "), "%s", l->log);
  cw_device_list_free(l);
  use_roots("does-not-exist");
  l = probe();
  CHECK(l->count == 0 && strstr(l->log, "cannot be read"), "%s", l->log);
  cw_device_list_free(l);
}

static void test_odd_files(void) {
  const char *r = "odd";
  put(r, "sys/class/drm/card0/device/vendor", "");                         /* empty */
  put(r, "sys/class/drm/card1/device/vendor", "zzzz\n");                   /* garbage */
  char path[512];
  snprintf(path, sizeof path, "%s/%s/sys/class/drm/card2/device", base, r); /* a FIFO: must not block */
  mkdirs(path);
  strcat(path, "/vendor");
  CHECK(mkfifo(path, 0644) == 0, "mkfifo %s", strerror(errno));
  snprintf(path, sizeof path, "%s/%s/sys/class/drm/card3/device/vendor", base, r); /* a directory */
  mkdirs(path);
  /* huge: 4 MiB of ids, read only up to the bound, then refused as garbage */
  size_t big = 4u << 20;
  char *huge = malloc(big);
  for (size_t i = 0; i < big; i++) huge[i] = "0x10de\n"[i % 7];
  put_n(r, "sys/class/drm/card4/device/vendor", huge, big);
  /* a real vendor with binary garbage elsewhere: kept, with no address */
  put(r, "sys/class/drm/card5/device/vendor", "0x10de");
  put_n(r, "sys/class/drm/card5/device/uevent", "PCI_SLOT_NAME=\xff\x01zz\0DRIVER=nv\x02idia\n", 34);
  put_n(r, "sys/class/drm/card5/device/device", huge, big);
  free(huge);
  /* a symlink loop instead of the device directory */
  char a[512], b[600];
  snprintf(a, sizeof a, "%s/%s/sys/class/drm/card6", base, r);
  mkdirs(a);
  snprintf(b, sizeof b, "%s/device", a);
  CHECK(symlink(b, b) == 0, "symlink %s", strerror(errno));
  /* card names that only look like cards */
  put(r, "sys/class/drm/cardX/device/vendor", "0x10de\n");
  put(r, "sys/class/drm/card/device/vendor", "0x10de\n");
  /* /proc: an information file of binary junk, one with control bytes in the model */
  put_n(r, "proc/driver/nvidia/gpus/0000:05:00.0/information", "\x00\xff\xfe\x01Model:\x7f\n", 12);
  put(r, "proc/driver/nvidia/gpus/0000:06:00.0/information", "Model:\x1b[31m Evil\x07GPU\nBus Location: zz\n");
  put(r, "proc/driver/nvidia/gpus/garbage/information", "Model: X\n");
  put(r, "proc/driver/nvidia/version", "NVRM version: Module \xff\xff\n");
  use_roots(r);
  time_t t0 = time(NULL);
  cw_device_list *l = probe();
  CHECK(time(NULL) - t0 < 5, "the probe must not wait");
  /* card5 (vendor ok, no address), /proc 05 and 06 (address from the directory name) */
  CHECK(l->count == 3, "count %d:\n%s", l->count, l->log);
  int unaddressed = 0;
  for (int i = 0; i < l->count; i++) unaddressed += l->gpus[i].pci_bus[0] == 0;
  CHECK(unaddressed == 1, "card5 has no address:\n%s", l->log);
  for (int i = 0; i < l->count; i++)
    if (!strcmp(l->gpus[i].pci_bus, "0000:06:00.0"))
      CHECK(!strcmp(l->gpus[i].name, "?[31m Evil?GPU"), "control bytes replaced: '%s'", l->gpus[i].name);
  CHECK(strstr(l->log, "card0: no PCI vendor id") && strstr(l->log, "card2: no PCI vendor id") &&
            strstr(l->log, "card3: no PCI vendor id") && strstr(l->log, "card4: no PCI vendor id") &&
            strstr(l->log, "card6: no PCI vendor id") && strstr(l->log, "garbage/information has no PCI address"),
        "%s", l->log);
  cw_device_list_free(l);
}

/* nvidia-smi, used because NVML cannot be loaded */
static void write_smi(const char *name, const char *body, char *path, size_t n) {
  snprintf(path, n, "%s/%s", base, name);
  FILE *f = fopen(path, "w");
  fprintf(f, "#!/bin/sh\n%s", body);
  fclose(f);
  chmod(path, 0755);
  setenv("CW_NVIDIA_SMI", path, 1);
}

static void test_smi(void) {
  use_roots("nv"); /* one H100 at 0000:01:00.0 from sysfs + procfs */
  setenv("CW_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
  char smi[512];
  write_smi("smi-ok.sh",
            "case \"$1\" in --query-gpu=pci.bus_id,name,*) ;; *) exit 9 ;; esac\n"
            "echo '00000000:01:00.0, NVIDIA H100 80GB HBM3, 81559, 1, 0, 31, 69.52, Disabled, 535.104.05'\n"
            "echo '00000000:02:00.0, NVIDIA A100-SXM4-40GB, 40960, [N/A], [Not Supported], 40, [N/A], Enabled, 535.104.05'\n"
            "echo 'this line is garbage'\n",
            smi, sizeof smi);
  setenv("CW_NVIDIA_SMI", smi, 1);
  cw_device_list *l = probe();
  CHECK(l->count == 2, "count %d:\n%s", l->count, l->log);
  CHECK(strstr(l->log, "nvml: /nonexistent/libnvidia-ml.so.1 cannot be loaded") &&
            strstr(l->log, "nvidia-smi: a line without a PCI address was ignored") && strstr(l->log, "nvidia-smi: 2 GPUs"),
        "%s", l->log);
  if (l->count == 2) {
    cw_gpu_info *h = &l->gpus[0], *a = &l->gpus[1];
    CHECK(!strcmp(h->sources, "sysfs procfs nvidia-smi") && h->mem_total_bytes == 81559LL * 1048576 &&
              h->mem_used_bytes == 1048576 && h->util_percent == 0 && h->temp_c == 31 && h->power_w > 69.51 &&
              h->power_w < 69.53 && h->mig == 0,
          "H100 merged: %s", h->sources);
    CHECK(!strcmp(a->pci_bus, "0000:02:00.0") && !strcmp(a->name, "NVIDIA A100-SXM4-40GB") &&
              a->mem_total_bytes == 40960LL * 1048576 && a->mem_used_bytes == -1 && a->util_percent == -1 &&
              a->power_w < 0 && a->mig == 1 && !strcmp(a->driver_version, "535.104.05") &&
              !strcmp(a->sources, "nvidia-smi"),
          "A100 from nvidia-smi only");
    char *d = cw_gpu_describe(h);
    CHECK(d && strstr(d, "81559 MiB (1 MiB used), 0% busy, 31 C, 69.5 W, MIG off"), "'%s'", d ? d : "");
    free(d);
  }
  cw_device_list_free(l);

  /* a hanging nvidia-smi is killed at the deadline */
  write_smi("smi-hang.sh", "exec sleep 30\n", smi, sizeof smi);
  setenv("CW_NVIDIA_SMI_TIMEOUT", "0.5", 1);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  l = probe();
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  CHECK(s < 3.0 && strstr(l->log, "did not answer within 0.5 s; killed") && l->count == 1, "%.2f s:\n%s", s, l->log);
  cw_device_list_free(l);
  unsetenv("CW_NVIDIA_SMI_TIMEOUT");

  /* failing, missing */
  write_smi("smi-fail.sh", "echo 'NVIDIA-SMI has failed' ; exit 9\n", smi, sizeof smi);
  l = probe();
  CHECK(strstr(l->log, "exited with 9") && l->count == 1, "%s", l->log);
  cw_device_list_free(l);
  setenv("CW_NVIDIA_SMI", "/nonexistent/nvidia-smi", 1);
  l = probe();
  CHECK(strstr(l->log, "nvidia-smi: /nonexistent/nvidia-smi not found"), "%s", l->log);
  cw_device_list_free(l);
  setenv("CW_NVML_LIB", "none", 1);
}

/* NVML (a stand-in library, tests/unit/fake_nvml.c): merged with sysfs by
 * PCI address, nvidia-smi not run; then NVML failing to initialise */
static void test_nvml(void) {
  use_roots("nv");
  setenv("CW_NVML_LIB", CW_FAKE_NVML, 1);
  char smi[512];
  write_smi("smi-never.sh", "echo '00000000:09:00.0, must not appear, 1, 1, 1, 1, 1, Disabled, 1'\n", smi, sizeof smi);
  cw_device_list *l = probe();
  CHECK(l->count == 2 && strstr(l->log, "nvml: 2 GPUs, driver 550.54.15") &&
            strstr(l->log, "nvidia-smi: not run (NVML answered)"),
        "count %d:\n%s", l->count, l->log);
  if (l->count == 2) {
    cw_gpu_info *h = &l->gpus[0], *t = &l->gpus[1];
    CHECK(!strcmp(h->sources, "sysfs procfs nvml") && h->mem_total_bytes == 85520809984LL &&
              h->mem_used_bytes == 4194304 && h->util_percent == 37 && h->temp_c == 45 && h->power_w > 71.23 &&
              h->power_w < 71.24 && h->mig == 1 && !strcmp(h->driver_version, "550.54.15"),
          "H100: %s %lld %d %d %g %d %s", h->sources, h->mem_total_bytes, h->util_percent, h->temp_c, h->power_w,
          h->mig, h->driver_version);
    CHECK(!strcmp(t->pci_bus, "0000:41:00.0") && !strcmp(t->name, "Tesla T4") && t->vendor_id == 0x10de &&
              t->device_id == 0x1eb8 && t->power_w < 0 && t->mig == -1 && t->temp_c == 33 &&
              !strcmp(t->sources, "nvml"),
          "T4: %s %x %x %g %d", t->pci_bus, t->vendor_id, t->device_id, t->power_w, t->mig);
    char *d = cw_gpu_describe(h);
    CHECK(d && strstr(d, "81559 MiB (4 MiB used), 37% busy, 45 C, 71.2 W, MIG on [sysfs procfs nvml]"), "'%s'",
          d ? d : "");
    free(d);
  }
  cw_device_list_free(l);
  setenv("FAKE_NVML_INIT_FAIL", "1", 1);
  setenv("CW_NVIDIA_SMI", "/nonexistent/nvidia-smi", 1);
  l = probe();
  CHECK(l->count == 1 && strstr(l->log, "nvml: nvmlInit_v2 failed: Driver Not Loaded") &&
            strstr(l->log, "nvidia-smi: /nonexistent/nvidia-smi not found"),
        "%s", l->log);
  cw_device_list_free(l);
  unsetenv("FAKE_NVML_INIT_FAIL");
  setenv("CW_NVML_LIB", "none", 1);
}

int main(void) {
  snprintf(base, sizeof base, "/tmp/cw-detect-XXXXXX");
  if (!mkdtemp(base)) {
    perror("mkdtemp");
    return 1;
  }
  setenv("CW_NVML_LIB", "none", 1);
  setenv("CW_NVIDIA_SMI", "/nonexistent/nvidia-smi", 1);
  test_parsers();
  test_nvidia();
  test_amd_intel_mixed();
  test_none();
  test_odd_files();
  test_smi();
  test_nvml();
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  if (system(cmd) != 0) printf("(could not remove %s)\n", base);
  printf("%d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
