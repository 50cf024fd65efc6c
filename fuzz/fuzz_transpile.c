/* libFuzzer target: any bytes through the whole transpiler, both targets.
 * The contract under test: no crash, hang, leak or sanitizer report, and a
 * result whose status matches its diagnostics. */
#include <stdint.h>
#include <stdlib.h>

#include "cudawasm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  for (int t = 0; t < 2; t++) {
    cw_transpile_options o = {.target = t ? CW_TARGET_C : CW_TARGET_WGSL, .filename = "fuzz.cu"};
    cw_transpile_result *r = cw_transpile((const char *)data, size, &o);
    int has_error = 0;
    for (int i = 0; i < r->ndiags; i++) has_error |= r->diags[i].severity == CW_DIAG_ERROR;
    /* OK must come with code and no error; a rejection must say why. */
    if ((r->status == CW_TRANSPILE_OK) != (!has_error && r->code)) abort();
    if (r->status == CW_TRANSPILE_INTERNAL) abort();
    cw_transpile_result_free(r);
  }
  return 0;
}
