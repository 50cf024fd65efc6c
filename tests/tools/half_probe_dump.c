/* half-probe-dump: what the native runtime's f16 probe dispatches
 * (src/back/wgsl/half_probe.c, as rt/webgpu/half.c calls it), for the npm
 * package's test that the WebAssembly build exports the same bytes.
 *
 *   half-probe-dump wgsl    the probe's WGSL on stdout
 *   half-probe-dump input   its input buffer on stdout (u32 words, little-endian)
 *
 * Exit 0, or 2 on bad usage or a failed write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "back/wgsl/half_probe.h"

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "wgsl") == 0) {
    char *code = cw_half_probe_wgsl();
    if (!code) return 2;
    int bad = fputs(code, stdout) == EOF;
    free(code);
    return bad || fflush(stdout) ? 2 : 0;
  }
  if (argc == 2 && strcmp(argv[1], "input") == 0) {
    static uint32_t io[CW_HALF_PROBE_WORDS];
    cw_half_probe_input(io);
    unsigned char b[4];
    for (size_t i = 0; i < CW_HALF_PROBE_WORDS; i++) {
      for (int k = 0; k < 4; k++) b[k] = (unsigned char)(io[i] >> (8 * k));
      if (fwrite(b, 1, 4, stdout) != 4) return 2;
    }
    return fflush(stdout) ? 2 : 0;
  }
  fprintf(stderr, "usage: half-probe-dump wgsl|input\n");
  return 2;
}
