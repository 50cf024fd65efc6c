/* nvidia-smi, the last resort when NVML is absent: one CSV line per GPU from
 *   nvidia-smi --query-gpu=pci.bus_id,name,memory.total,memory.used,
 *     utilization.gpu,temperature.gpu,power.draw,mig.mode.current,
 *     driver_version --format=csv,noheader,nounits
 * (memory in MiB, power in W; "[N/A]" / "[Not Supported]" mean unknown).
 * $CW_NVIDIA_SMI names the program (default: nvidia-smi on PATH),
 * $CW_NVIDIA_SMI_TIMEOUT its time limit in seconds (default 5): a wedged
 * driver can make it hang, so it runs in its own process group, which is
 * killed at the deadline. At most 64 KiB of its output is read. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rt/detect/detect.h"

#define SMI_QUERY \
  "--query-gpu=pci.bus_id,name,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw," \
  "mig.mode.current,driver_version"

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs prog; its stdout in out (NUL-terminated). Returns the exit status,
 * -1 when it could not start, -2 on timeout (killed). */
static int run_limited(const char *prog, double limit_s, char *out, size_t cap) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    dup2(fds[1], 1);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) dup2(null, 2), dup2(null, 0);
    execlp(prog, prog, SMI_QUERY, "--format=csv,noheader,nounits", (char *)NULL);
    _exit(127);
  }
  setpgid(pid, pid); /* also here: no race with the child's own call */
  close(fds[1]);
  size_t n = 0;
  double deadline = now_s() + limit_s;
  bool timed_out = false;
  for (;;) {
    double left = deadline - now_s();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd p = {fds[0], POLLIN, 0};
    int pr = poll(&p, 1, (int)(left * 1000) + 1);
    if (pr < 0 && errno == EINTR) continue;
    if (pr <= 0) continue; /* the deadline check above ends it */
    char tmp[4096];
    ssize_t r = read(fds[0], tmp, sizeof tmp);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    size_t take = (size_t)r < cap - 1 - n ? (size_t)r : cap - 1 - n;
    memcpy(out + n, tmp, take);
    n += take;
  }
  close(fds[0]);
  out[n] = 0;
  if (timed_out) kill(-pid, SIGKILL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return -2;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* the next CSV field of *p (no quoting in nvidia-smi's output), trimmed */
static void field(const char **p, char *out, size_t n) {
  size_t len = strcspn(*p, ",\n");
  cw_detect_text(out, n, *p, len);
  *p += len;
  if (**p == ',') (*p)++;
}

static bool known(const char *v) { return v[0] && v[0] != '[' && strcmp(v, "N/A"); }

static long long number(const char *v, double scale) {
  if (!known(v)) return -1;
  char *end;
  double x = strtod(v, &end);
  return end != v && !*end && x >= 0 && x < 9e15 / scale ? (long long)(x * scale) : -1;
}

void cw_detect_smi(cw_detect *d) {
  const char *prog = cw_detect_root("CW_NVIDIA_SMI", "nvidia-smi");
  const char *t = getenv("CW_NVIDIA_SMI_TIMEOUT");
  double limit = t && atof(t) > 0 ? atof(t) : 5.0;
  if (limit > 600) limit = 600;
  size_t cap = 65536;
  char *out = malloc(cap);
  if (!out) {
    d->oom = true;
    return;
  }
  int st = run_limited(prog, limit, out, cap);
  if (st < 0 || st != 0) free(out);
  if (st == -1) {
    cw_detect_log(d, "nvidia-smi: cannot start %s", prog);
    return;
  }
  if (st == -2) {
    cw_detect_log(d, "nvidia-smi: %s did not answer within %g s; killed", prog, limit);
    return;
  }
  if (st == 127) {
    cw_detect_log(d, "nvidia-smi: %s not found", prog);
    return;
  }
  if (st != 0) {
    cw_detect_log(d, "nvidia-smi: %s exited with %d", prog, st);
    return;
  }
  int found = 0;
  for (const char *p = out; *p;) {
    const char *line = p;
    char f[9][96];
    for (int i = 0; i < 9; i++) field(&p, f[i], sizeof f[i]);
    while (*p && *p != '\n') p++; /* extra fields */
    if (*p == '\n') p++;
    char bus[16];
    if (!cw_detect_pci(f[0], bus)) {
      if (line[0] != '\n') cw_detect_log(d, "nvidia-smi: a line without a PCI address was ignored");
      continue;
    }
    cw_gpu_info *g = cw_detect_gpu(d, bus, "nvidia-smi");
    if (!g) break;
    found++;
    g->vendor = CW_VENDOR_NVIDIA;
    if (!g->vendor_id) g->vendor_id = 0x10de;
    if (known(f[1])) snprintf(g->name, sizeof g->name, "%s", f[1]);
    g->mem_total_bytes = number(f[2], 1048576.0);
    g->mem_used_bytes = number(f[3], 1048576.0);
    long long u = number(f[4], 1), tc = number(f[5], 1);
    g->util_percent = u >= 0 && u <= 100 ? (int)u : -1;
    g->temp_c = tc >= 0 && tc < 1000 ? (int)tc : -1;
    long long mw = number(f[6], 1000.0);
    g->power_w = mw >= 0 ? (double)mw / 1000.0 : -1;
    g->mig = !strcmp(f[7], "Enabled") ? 1 : !strcmp(f[7], "Disabled") ? 0 : -1;
    if (!g->driver[0]) snprintf(g->driver, sizeof g->driver, "nvidia");
    if (known(f[8])) snprintf(g->driver_version, sizeof g->driver_version, "%.31s", f[8]);
  }
  free(out);
  cw_detect_log(d, "nvidia-smi: %d GPU%s", found, found == 1 ? "" : "s");
}
