/* The module's string table: device printf formats and assert messages
 * (IR_S_PRINTF / IR_S_ASSERT str_id). Equal strings share one entry. */
#include <string.h>

#include "ir/ir.h"

int ir_module_add_string(ir_module *m, const char *s) {
  for (int i = 0; i < m->nstrings; i++)
    if (!strcmp(m->strings[i], s)) return i;
  if (m->nstrings == m->capstrings) {
    int n = m->capstrings ? m->capstrings * 2 : 8;
    const char **g = CW_NEW_ARRAY(m->arena, const char *, n);
    if (m->nstrings) memcpy(g, m->strings, sizeof(*g) * (size_t)m->nstrings);
    m->strings = g;
    m->capstrings = n;
  }
  m->strings[m->nstrings++] = cw_arena_printf(m->arena, "%s", s);
  return m->nstrings - 1;
}
