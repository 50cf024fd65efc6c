/* Private interface shared by the parser files (parse*.c, init.c, type.c,
 * builtins.c). Nothing outside src/front includes this. */
#ifndef CW_PARSE_H
#define CW_PARSE_H
#include <stdbool.h>
#include <stdint.h>

#include "front/ast.h"
#include "front/token.h"

#define CW_MAX_DEPTH 256 /* nesting limit for expressions/declarators/statements */
/* Limit on the height of an expression tree plus the nesting around it.
 * Left-associative chains (a+b+c..., p->next->next..., comma lists) are built
 * by loops, not recursion, so CW_MAX_DEPTH does not bound them; every later
 * phase (lowering, passes, back-ends) walks expressions recursively. */
#define CW_MAX_EXPR_HEIGHT 1024
#define CW_MAX_CONSTANT_BYTES 65536 /* __constant__ memory of a module, as in CUDA */

/* One name in a scope: a variable/function, a typedef, an enum constant or a
 * compile-time constant (host `const int N = 4;`). */
typedef struct P_entry {
  struct P_entry *next;
  const char *name;
  cw_obj *var;          /* variable or function */
  cw_type *type_def;    /* typedef */
  bool is_const_val;    /* enum constant or folded host constant */
  cw_type *const_ty;
  int64_t ival;
  double fval;
  bool host_var;        /* host (non-device) global: an error when used */
} P_entry;

typedef struct P_tag {
  struct P_tag *next;
  const char *name;
  cw_type *ty;
} P_tag;

/* Name -> newest entry of one scope's list, built once the list is long (a
 * file with thousands of functions or a block with thousands of locals made
 * every lookup a linear walk). An empty index (cap 0) means "not built". */
typedef struct P_index {
  const char **keys;
  void **vals;
  int cap, n;
} P_index;

/* Pointer -> int map (struct type -> nesting depth of its layout). */
typedef struct P_ptrmap {
  const void **keys;
  int *vals;
  int cap, n;
} P_ptrmap;

typedef struct P_scope {
  struct P_scope *up;
  P_entry *vars;
  P_tag *tags;
  int nvars, ntags;      /* at least the list lengths (they only decide when to index) */
  P_index vidx, tidx;    /* indexes of vars and tags; reset when the lists are rolled back */
} P_scope;

/* Known values of const locals (so `const int n = 4; float a[n];` works). */
typedef struct P_constvar {
  struct P_constvar *next;
  cw_obj *var;
  int64_t ival;
  double fval;
} P_constvar;

typedef struct Parser {
  cw_diags *d;
  cw_arena *a;
  cw_token *tok;
  P_scope *scope;
  cw_obj *fn;            /* function being parsed, NULL at file scope */
  cw_obj *gl_head, *gl_tail;
  int depth;
  int next_id;
  int loop_depth;        /* continue allowed */
  int break_depth;       /* break allowed */
  cw_node *cur_switch;
  cw_node *cur_switch_last; /* the last case of cur_switch (O(1) append) */
  P_constvar *constvars;
  bool extern_c;
  int in_sizeof;         /* operand of sizeof: string literals allowed (type only) */
  bool host_params;      /* parsing a host function's parameters: accept T& */
  cw_obj *locals_fn;     /* p_append_local's cache: the function and ... */
  cw_obj **locals_tail;  /* ... the `next` slot after its last local */
  P_ptrmap struct_depth; /* complete struct/union types -> type nesting depth */
  struct P_tmpl_state *tmpl; /* templates (parse_template.c); NULL until the first one */
} Parser;

/* ---- tokens (parse.c) ---- */
bool p_eq(const cw_token *t, const char *s);
bool p_is_ident(const cw_token *t);
const char *p_tokstr(Parser *P, const cw_token *t);
bool p_consume(Parser *P, const char *s);
void p_expect(Parser *P, const char *s, const char *after);
void p_next(Parser *P);
/* Depth limiter for every recursive construct; `what` names it in the error
 * ("statements", "expression", ...): "<what> nested too deeply". */
void p_enter(Parser *P, cw_token *t, const char *what);
void p_leave(Parser *P);

/* ---- scopes (parse.c) ---- */
void p_push_scope(Parser *P);
void p_pop_scope(Parser *P);
P_entry *p_find_var(Parser *P, const char *name);
P_entry *p_find_var_here(Parser *P, const char *name); /* current scope only */
P_entry *p_push_var(Parser *P, const char *name);
bool p_is_typename(Parser *P, cw_token *t);
void p_append_local(Parser *P, cw_obj *f, cw_obj *v);
cw_obj *p_new_local(Parser *P, const char *name, cw_type *ty, cw_loc loc, cw_storage st);
/* Built-in definitions parsed on first use (front/vector_types.c) */
void p_parse_injected(Parser *P, cw_token *toks);
bool p_vector_define(Parser *P, const char *name); /* defined `name` now? */

/* ---- declarations (parse_decl.c) ---- */
typedef struct P_declspec {
  bool is_typedef, is_static, is_extern, is_inline, is_constexpr;
  bool global, device, host, constant, shared, managed;
  bool forceinline, noinline;
  int launch_bounds[2];
  cw_loc loc;
} P_declspec;
cw_type *p_declspec(Parser *P, P_declspec *attr);
cw_type *p_declarator(Parser *P, cw_type *ty, cw_token **name);
cw_type *p_abstract_declarator(Parser *P, cw_type *ty);
cw_type *p_typename(Parser *P); /* declspec + abstract declarator */
cw_node *p_local_declaration(Parser *P, cw_type *base, P_declspec *attr);
void p_struct_layout(Parser *P, cw_type *ty, bool is_union);
/* Type nesting depth: pointer, array and struct levels down to a scalar (a
 * struct's own depth is recorded by p_struct_layout, so this never recurses).
 * Every later phase walks types recursively; p_check_type_depth errors with
 * "type nested too deeply" past CW_MAX_DEPTH. */
int p_type_depth(Parser *P, cw_type *t);
void p_check_type_depth(Parser *P, cw_type *t, cw_loc loc);
void p_set_struct_depth(Parser *P, cw_type *t, int depth); /* p_struct_layout */

/* ---- statements (parse_stmt.c) ---- */
cw_node *p_compound_stmt(Parser *P); /* after '{' was consumed */

/* ---- expressions (parse_expr.c) ---- */
cw_node *p_new_node(Parser *P, cw_node_kind k, cw_loc loc);
cw_node *p_new_num(Parser *P, int64_t v, cw_type *ty, cw_loc loc);
cw_node *p_new_fnum(Parser *P, double v, cw_type *ty, cw_loc loc);
cw_node *p_new_var(Parser *P, cw_obj *var, cw_loc loc);
cw_node *p_expr(Parser *P);
cw_node *p_assign(Parser *P);
cw_node *p_conditional(Parser *P);
cw_node *p_rval(Parser *P, cw_node *n);          /* array decay, function check */
cw_node *p_cast(Parser *P, cw_node *n, cw_type *ty); /* explicit conversion (checked) */
cw_node *p_convert_assign(Parser *P, cw_node *n, cw_type *to, cw_loc loc, const char *what);
cw_node *p_new_assign(Parser *P, cw_node *lhs, cw_node *rhs, cw_loc loc);
cw_node *p_scalar_cond(Parser *P, cw_node *n);
bool p_is_null_const(cw_node *n);
void p_check_lvalue(Parser *P, cw_node *n, cw_loc loc);

/* ---- constant evaluation (parse_expr.c) ---- */
typedef struct P_val {
  bool is_float;
  int64_t i;
  double f;
} P_val;
bool p_try_eval(Parser *P, cw_node *n, P_val *out);
int64_t p_const_int(Parser *P, cw_node *n, cw_loc loc); /* error if not an integer constant */
int64_t p_const_expr(Parser *P); /* parses a conditional expression and evaluates it */

/* ---- initialisers (init.c) ---- */
cw_node *p_local_init(Parser *P, cw_obj *var); /* after '=' (or at '{'): statements */
void p_global_init(Parser *P, cw_obj *var);   /* fills var->init_data */

/* ---- types (type.c) ---- */
cw_type *p_copy_type(Parser *P, cw_type *t);
cw_type *p_qualify(Parser *P, cw_type *t, bool c, bool v, bool r);
cw_type *p_func_type(Parser *P, cw_type *ret);
cw_type *p_common_type(cw_type *a, cw_type *b);
cw_type *p_promote(cw_type *t);
bool p_same_type(cw_type *a, cw_type *b); /* ignoring top-level qualifiers */
cw_type *p_struct_type(Parser *P, cw_type_kind k);
cw_type *p_enum_type(Parser *P);

/* ---- built-in functions (builtins.c) ---- */
/* Reports an error when `name` is a CUDA feature that is rejected (printf,
 * textures, warp intrinsics...). */
void p_reject_unsupported_call(Parser *P, const char *name, cw_loc loc);
_Noreturn void p_unknown_type(Parser *P, const cw_token *t);
/* reasons shared by the refusals of textures, surfaces and grid-wide sync (builtins.c) */
extern const char p_texture_why[], p_surface_why[], p_grid_sync_msg[];
bool p_is_intrinsic_name(const char *name);
cw_node *p_intrinsic_call(Parser *P, const char *name, cw_loc loc, cw_node *args, int nargs);
/* front/printf.c: device printf, assert (__cw_assert from <assert.h>) and
 * __trap; P->tok is the name. NULL when `name` is none of them. */
cw_node *p_device_io_call(Parser *P, const char *name);

/* ---- templates (parse_template.c) ---- */
/* At `template`: records a template, or handles an explicit specialisation
 * (`template<>`) or explicit instantiation (`template NAME<ARGS>...;`). */
void p_template_decl(Parser *P);
/* `NAME<` where NAME is a class template (not hidden by a declaration). */
bool p_tmpl_is_type_template(Parser *P, cw_token *t);
/* At a class template-id `NAME<ARGS>`: parses it, returns the instance type. */
cw_type *p_tmpl_type_id(Parser *P);
/* At NAME when NAME is a function template: parses explicit arguments,
 * deduces the rest from the call's arguments and returns the instance, with
 * P->tok left at the call's '('. NULL (nothing consumed) when NAME is not a
 * function template. */
cw_obj *p_tmpl_call_target(Parser *P);
/* True at '>' / '>>' while parsing a non-type template argument. */
bool p_tmpl_stops_at(Parser *P, cw_token *t);
/* End of file: instantiates kernel templates named in (skipped) host code. */
void p_tmpl_finish(Parser *P, cw_token *all);
/* parse.c: one file-scope declaration (used to parse an instantiation). */
void p_file_declaration(Parser *P);

#endif
