/* Internal to src/ir (lowering and passes may use it): variable naming beyond
 * ir_var_new. Only valid for modules created by ir_module_new. */
#ifndef CW_IR_NAMES_H
#define CW_IR_NAMES_H
#include "ir/ir.h"

/* Like ir_var_new, but the generated name is derived from `want` (e.g.
 * "<func>_<name>" for hoisted __shared__) while src_name stays for messages. */
ir_var *ir_var_new_named(ir_module *m, ir_var_kind kind, const char *want, const char *src_name,
                         ir_type *t, cw_loc loc);
/* Marks a name as taken (function names), so no variable gets it. */
void ir_reserve_name(ir_module *m, const char *name);
/* A fresh valid, unique name based on `want` (sanitised; `want_<id>` on a clash). */
const char *ir_unique_name(ir_module *m, const char *want, int id);
/* Keyword/reserved word of C11 or WGSL (or a built-in we must not shadow). */
bool ir_name_is_reserved(const char *name);

#endif
