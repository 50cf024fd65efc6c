/* wgsl-check: validates WGSL with a real compiler (Tint, inside Dawn).
 *
 *   wgsl-check [--block X,Y,Z] [--dyn-shared N] FILE.wgsl...
 *
 * Creates one WebGPU device, then for each file: compiles it as a shader
 * module (any compilation message of type error OR warning fails the file;
 * printed as FILE:line:col: error|warning: msg), then creates a compute
 * pipeline (layout auto) for every @compute entry point inside an error
 * scope, with the override constants cw_block_x/y/z (default 64,1,1) and
 * cw_dyn_shared_len (default 256), each passed only when the file declares
 * it. Prints "ok FILE (N entry points) on ADAPTER" per good file.
 *
 * Exit: 0 all files ok, 1 any failed (or bad usage), 77 when no WebGPU
 * library/adapter exists (1 instead when CI=true: CI must validate). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/webgpu/dawn_api.h"

typedef struct {
  const char *file;
  int nerr, nwarn;
} diag_ctx;

static void print_message(const cw_wg_message *m, void *ud) {
  diag_ctx *c = ud;
  const char *kind = m->type == WGPUCompilationMessageType_Error     ? "error"
                     : m->type == WGPUCompilationMessageType_Warning ? "warning"
                                                                     : "info";
  if (m->line)
    fprintf(stderr, "%s:%u:%u: %s: %s\n", c->file, m->line, m->col, kind, m->text);
  else
    fprintf(stderr, "%s: %s: %s\n", c->file, kind, m->text);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *nb = realloc(buf, cap * 2 + 1);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

/* A copy of src with // and block comments blanked (newlines kept), so the
 * scans below do not match text inside comments. */
static char *strip_comments(const char *src, size_t len) {
  char *s = malloc(len + 1);
  if (!s) return NULL;
  memcpy(s, src, len + 1);
  size_t i = 0;
  int depth = 0; /* WGSL block comments nest */
  while (i < len) {
    if (depth == 0 && s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
      while (i < len && s[i] != '\n') s[i++] = ' ';
    } else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
      depth++;
      s[i] = s[i + 1] = ' ';
      i += 2;
    } else if (depth > 0 && s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
      depth--;
      s[i] = s[i + 1] = ' ';
      i += 2;
    } else {
      if (depth > 0 && s[i] != '\n') s[i] = ' ';
      i++;
    }
  }
  return s;
}

static int is_ident(int c) { return isalnum(c) || c == '_'; }

/* Does the text declare `override NAME`? */
static int declares_override(const char *text, const char *name) {
  size_t nl = strlen(name);
  for (const char *p = strstr(text, "override"); p; p = strstr(p + 1, "override")) {
    if (p > text && is_ident((unsigned char)p[-1])) continue;
    const char *q = p + 8;
    if (!isspace((unsigned char)*q)) continue;
    while (isspace((unsigned char)*q)) q++;
    if (strncmp(q, name, nl) == 0 && !is_ident((unsigned char)q[nl])) return 1;
  }
  return 0;
}

/* Names of @compute entry points: the first `fn NAME(` after each @compute. */
static int find_entries(const char *text, char names[][128], int max) {
  int n = 0;
  for (const char *p = strstr(text, "@compute"); p && n < max; p = strstr(p + 1, "@compute")) {
    if (is_ident((unsigned char)p[8])) continue;
    for (const char *q = strstr(p, "fn"); q; q = strstr(q + 1, "fn")) {
      if ((q > text && is_ident((unsigned char)q[-1])) || !isspace((unsigned char)q[2])) continue;
      const char *id = q + 2;
      while (isspace((unsigned char)*id)) id++;
      size_t k = 0;
      while (is_ident((unsigned char)id[k]) && k < 127) k++;
      const char *after = id + k;
      while (isspace((unsigned char)*after)) after++;
      if (k == 0 || *after != '(') continue;
      memcpy(names[n], id, k);
      names[n][k] = 0;
      n++;
      break;
    }
  }
  return n;
}

static int parse_block(const char *s, unsigned v[3]) {
  unsigned a, b, c;
  char extra;
  if (sscanf(s, "%u,%u,%u%c", &a, &b, &c, &extra) != 3 || !a || !b || !c) return -1;
  v[0] = a, v[1] = b, v[2] = c;
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: wgsl-check [--block X,Y,Z] [--dyn-shared N] FILE.wgsl...\n");
}

int main(int argc, char **argv) {
  unsigned block[3] = {64, 1, 1};
  unsigned long dyn_shared = 256;
  const char **files = calloc((size_t)argc, sizeof *files);
  int nfiles = 0;
  if (!files) return 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--block") == 0 && i + 1 < argc) {
      if (parse_block(argv[++i], block)) {
        fprintf(stderr, "wgsl-check: bad --block '%s' (want X,Y,Z, all > 0)\n", argv[i]);
        return 1;
      }
    } else if (strcmp(argv[i], "--dyn-shared") == 0 && i + 1 < argc) {
      char *end;
      dyn_shared = strtoul(argv[++i], &end, 10);
      if (*end || dyn_shared == 0) {
        fprintf(stderr, "wgsl-check: bad --dyn-shared '%s'\n", argv[i]);
        return 1;
      }
    } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      usage();
      return 0;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "wgsl-check: unknown option '%s'\n", argv[i]);
      usage();
      return 1;
    } else {
      files[nfiles++] = argv[i];
    }
  }
  if (nfiles == 0) {
    usage();
    return 1;
  }

  char err[4096];
  cw_wg *wg = NULL;
  int rc = cw_wg_open(&wg, err, sizeof err);
  if (rc != CW_WG_OK) {
    int st = rc == CW_WG_FAILED ? 1 : cw_wg_unavailable_status();
    fprintf(stderr, "wgsl-check: %s: %s\n", st == 77 ? "skipped, no WebGPU" : "cannot open WebGPU",
            err);
    free(files);
    return st;
  }
  char adapter[512];
  cw_wg_adapter_string(wg, adapter, sizeof adapter);

  int failed = 0;
  for (int f = 0; f < nfiles; f++) {
    const char *path = files[f];
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
      fprintf(stderr, "%s: error: cannot read file\n", path);
      failed++;
      continue;
    }
    diag_ctx dc = {path, 0, 0};
    int nerr = 0, nwarn = 0;
    WGPUShaderModule sm =
        cw_wg_shader(wg, text, len, print_message, &dc, &nerr, &nwarn, err, sizeof err);
    if (!sm) {
      fprintf(stderr, "%s: error: %s\n", path, err);
      failed++;
      free(text);
      continue;
    }
    int bad = nerr + nwarn > 0;
    int nentries = 0;
    if (!bad) {
      char *code = strip_comments(text, len);
      char names[64][128];
      nentries = code ? find_entries(code, names, 64) : 0;
      if (nentries == 0) {
        fprintf(stderr, "%s: error: no @compute entry point found\n", path);
        bad = 1;
      }
      const char *cnames[4];
      double cvals[4];
      int nc = 0;
      static const char *const block_names[3] = {"cw_block_x", "cw_block_y", "cw_block_z"};
      for (int k = 0; k < 3; k++)
        if (code && declares_override(code, block_names[k])) {
          cnames[nc] = block_names[k];
          cvals[nc++] = block[k];
        }
      if (code && declares_override(code, "cw_dyn_shared_len")) {
        cnames[nc] = "cw_dyn_shared_len";
        cvals[nc++] = (double)dyn_shared;
      }
      for (int e = 0; e < nentries; e++) {
        WGPUComputePipeline p =
            cw_wg_pipeline(wg, sm, names[e], cnames, cvals, nc, err, sizeof err);
        if (!p) {
          fprintf(stderr, "%s: error: pipeline for entry point '%s' (block %u,%u,%u): %s\n", path,
                  names[e], block[0], block[1], block[2], err);
          bad = 1;
        } else {
          cw_dawn.wgpuComputePipelineRelease(p);
        }
      }
      free(code);
    } else {
      fprintf(stderr, "%s: %d error(s), %d warning(s)\n", path, nerr, nwarn);
    }
    cw_dawn.wgpuShaderModuleRelease(sm);
    if (wg->lost) {
      fprintf(stderr, "%s: error: %s\n", path, wg->last_error);
      bad = 1;
    }
    if (bad)
      failed++;
    else
      printf("ok %s (%d entry point%s) on %s\n", path, nentries, nentries == 1 ? "" : "s", adapter);
    free(text);
    if (wg->lost) break; /* nothing more can be checked on a lost device */
  }
  if (wg->uncaptured_errors) {
    fprintf(stderr, "wgsl-check: %d uncaptured WebGPU error(s), last: %s\n", wg->uncaptured_errors,
            wg->last_error);
    failed++;
  }
  cw_wg_close(wg);
  free(files);
  return failed ? 1 : 0;
}
