/* Metadata of device printf / assert: which kernels use the io buffer, its
 * WGSL binding (one for the module, after every global's) and the string
 * table the runtime formats records with. */
#include "back/metadata.h"

bool cw_meta_stmts_use_io(const ir_stmt *s) {
  for (; s; s = s->next) {
    if (s->kind == IR_S_PRINTF || s->kind == IR_S_ASSERT) return true;
    if (cw_meta_stmts_use_io(s->body) || cw_meta_stmts_use_io(s->then_s) || cw_meta_stmts_use_io(s->else_s) ||
        cw_meta_stmts_use_io(s->cont))
      return true;
    for (int i = 0; i < s->ncases; i++)
      if (cw_meta_stmts_use_io(s->cases[i].body)) return true;
  }
  return false;
}

void cw_meta_set_io(ir_module *m, cw_meta_module *mm) {
  int maxb = 0;
  bool any = false;
  for (int i = 0; i < mm->nglobals; i++)
    if (mm->globals[i].binding > maxb) maxb = mm->globals[i].binding;
  for (int k = 0; k < mm->nkernels; k++) {
    any |= mm->kernels[k].uses_io;
    for (int j = 0; j < mm->kernels[k].nparams; j++)
      if (mm->kernels[k].params[j].binding > maxb) maxb = mm->kernels[k].params[j].binding;
  }
  mm->io_binding = any ? maxb + 1 : -1;
  mm->strings = m->strings;
  mm->nstrings = m->nstrings;
}

static void json_s(cw_strbuf *out, const char *s) {
  cw_sb_putc(out, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') cw_sb_printf(out, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f) cw_sb_printf(out, "\\u%04x", c);
    else cw_sb_putc(out, (char)c);
  }
  cw_sb_putc(out, '"');
}

void cw_meta_io_json(const cw_meta_module *mm, cw_strbuf *out) {
  if (mm->io_binding < 0) return;
  cw_sb_printf(out, "  \"device_io\": {\"binding\": %d, \"header_words\": %d, \"strings\": [", mm->io_binding,
               CW_IO_HEADER);
  for (int i = 0; i < mm->nstrings; i++) {
    if (i) cw_sb_puts(out, ", ");
    json_s(out, mm->strings[i]);
  }
  cw_sb_puts(out, "]},\n");
}
