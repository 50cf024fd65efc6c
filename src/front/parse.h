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
  /* C++ */
  struct P_fnlist *fns; /* all overloads of a function name in this scope (var is the first) */
  struct P_ns *ns;      /* namespace (or namespace alias) */
  cw_member *member;    /* class scope: non-static data member of member_of */
  cw_type *member_of;
  struct P_template *tmpl; /* a template declared in this scope (parse_template.c) */
  bool injected;        /* the injected-class-name of a class template instance: type_def is the
                           instance, tmpl the template (`Pair` and `Pair<U>` inside its body) */
} P_entry;

typedef struct P_fnlist {
  struct P_fnlist *next;
  cw_obj *fn;
} P_fnlist;

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
  struct P_ns **usings;  /* C++: `using namespace X;` directives in this scope */
  int nusings, capusings;
  cw_type *cls;          /* C++: the scope of a class's members */
} P_scope;

/* A namespace: its persistent scope is pushed while parsing its body (and
 * each reopening). */
typedef struct P_ns {
  const char *name;      /* qualified: "A::B" */
  struct P_ns *parent;
  P_scope *scope;
} P_ns;

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
  /* C++ */
  P_index used_names;    /* names of functions/globals emitted so far (cw_obj.name is unique) */
  P_scope *file_scope;
  P_ns *cur_ns;          /* innermost named namespace being parsed */
  cw_node *temps;        /* ND_DECLs of temporaries the current statement needs (p_new_temp) */
  cw_obj *this_var;      /* method/constructor body: `this` */
  cw_obj *ctor_self;     /* constructor body: the object being built (returned) */
  int cx_depth;          /* constexpr evaluation depth */
  struct P_cxbind *cx_env; /* constexpr evaluation: parameter values */
  bool local_decl;       /* declarator of a local: `T v(args)` is a constructor call */
  bool ctor_paren;       /* set by p_declarator when it stopped before such '(' */
  P_scope *decl_scope;   /* p_declarator: scope named by a qualified declarator (A::f, S::len) */
  bool fn_const;         /* p_declarator: trailing `const` after the last parameter list */
  struct Writeback *writebacks; /* p_call: struct members bound to non-const references */
  struct P_nrvo *nrvo;   /* returns of a class that has a copy constructor, in the function being parsed */
  cw_type *defaults_fty; /* the last parameter list with default arguments ... */
  cw_token **defaults_tok; /* ... their first tokens (NULL = none) */
  int defaults_n;
} Parser;

/* C++: what the front-end knows about a function beyond its cw_obj
 * (cw_obj.fe_info of a function). */
typedef struct P_fninfo {
  bool is_method;        /* non-static member function: first parameter is `this` (a reference) */
  bool is_static, is_const, is_ctor, is_constexpr, is_conv;
  cw_type *cls;          /* member functions: the class */
  cw_type *decl_ty;      /* the type as declared (without `this`), for redeclarations */
  cw_token **defaults;   /* default argument tokens per declared parameter (NULL = none) */
  int ndecl;             /* declared parameters */
  P_scope *def_scope;    /* where the defaults were declared: their names are looked up there
                            (class members, a class template's parameters) */
  cw_token *body_tok;    /* in-class body: parsed once the class is complete */
  cw_token *init_tok;    /* constructor: the member-initialiser list (after ':') */
  bool from_tmpl;        /* instance of a member function template (loses ties to non-templates) */
  bool dflt;             /* a defaulted default constructor (`T() = default;`, body `{}`) */
  bool is_explicit;      /* an `explicit` constructor: not used by copy-initialisation */
  bool body_pending;     /* a member template instance whose body is parsed when a call chooses it */
  struct P_template *tmpl; /* ... its template and instance (parse_template.c) */
  void *tmpl_inst;
} P_fninfo;

/* C++: a struct/class (cw_type.fe_class). Its scope holds member entries
 * (data members, member functions, static constants, nested types). */
typedef struct P_class {
  cw_type *ty;
  P_scope *scope;
  P_fnlist *ctors;       /* constructors: functions returning the class by value */
  P_fnlist *convs;       /* conversion operators */
  P_fnlist *pending;     /* member functions with in-class bodies not parsed yet */
  const char *inj;       /* the name constructors are written with: the tag, or the template's
                            name for an instance (ty->name is then "Pair<float>") */
  /* copies (parse_copy.c: p_copy, p_class_assign): what copying and copy-
   * assigning the class run, computed on first use (0 = not yet); the
   * implicitly-defined copy constructor and copy assignment, made on first
   * use when a member needs them */
  int copy_kind, assign_kind;
  int init_kind;         /* p_runs_ctor of an aggregate: 0 not computed, 1 no, 2 yes */
  bool copy_deleted, assign_deleted; /* `T(const T &) = delete;`, `T &operator=(const T &) = delete;` */
  cw_obj *copy_fn, *assign_fn;
  struct P_tmpl_ref *ctor_tmpls; /* constructor templates (parse_template.c) */
} P_class;

typedef struct P_tmpl_ref {
  struct P_tmpl_ref *next;
  struct P_template *t;
} P_tmpl_ref;

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
P_entry *p_find_in_scope(Parser *P, P_scope *s, const char *name); /* s and its using-directives */
cw_type *p_find_tag_in_scope(Parser *P, P_scope *s, const char *name);
void p_add_global(Parser *P, cw_obj *o);
P_entry *p_push_var(Parser *P, const char *name);
bool p_is_typename(Parser *P, cw_token *t);
void p_append_local(Parser *P, cw_obj *f, cw_obj *v);
cw_obj *p_new_local(Parser *P, const char *name, cw_type *ty, cw_loc loc, cw_storage st);
/* Built-in definitions parsed on first use (front/vector_types.c) */
void p_parse_injected(Parser *P, cw_token *toks);
void p_file_level_enter(Parser *P, Parser *saved, P_scope *scope, P_ns *ns);
void p_file_level_leave(Parser *P, const Parser *saved);
bool p_vector_define(Parser *P, const char *name); /* defined `name` now? */

/* ---- declarations (parse_decl.c) ---- */
typedef struct P_declspec {
  bool is_typedef, is_static, is_extern, is_inline, is_constexpr;
  bool global, device, host, constant, shared, managed;
  bool forceinline, noinline;
  bool is_explicit;      /* C++ constructors */
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
extern const char p_texture_why[], p_surface_why[], p_grid_sync_msg[], p_cg_include_msg[];
bool p_is_intrinsic_name(const char *name);
cw_node *p_intrinsic_call(Parser *P, const char *name, cw_loc loc, cw_node *args, int nargs);
/* front/printf.c: device printf, assert (__cw_assert from <assert.h>) and
 * __trap; P->tok is the name. NULL when `name` is none of them. */
cw_node *p_device_io_call(Parser *P, const char *name);

/* ---- templates (parse_template.c; parse_template_inst.c, parse_template_decl.c) ---- */
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
/* Member function templates: declaration in a class body (P->tok at
 * `template`); the member template `name` of cls (NULL: none). */
void p_member_template(Parser *P, cw_type *ty);
struct P_template *p_tmpl_member(Parser *P, cw_type *cls, const char *name);
/* Parses the body of member template instance fn if a call chose it for the
 * first time (use: the call). */
void p_tmpl_member_body(Parser *P, cw_obj *fn, cw_loc use);
/* The instances of cls's constructor templates whose parameters deduce from
 * the arguments (declared; bodies parsed when chosen), or NULL. */
P_fnlist *p_tmpl_ctor_candidates(Parser *P, cw_type *cls, cw_node **argv, int nargs, cw_loc loc);
/* Partial ordering of two member templates tied in overload resolution
 * (over the first nargs parameters): a's parameters are all at least as
 * specialised as b's (a pattern such as `Vec<U>` or `U *` over a bare `U`,
 * `const U &`) and one is more. */
bool p_tmpl_more_specialized(Parser *P, struct P_template *a, struct P_template *b, int nargs);
/* p_tmpl_call_of whose deduction failure is quiet: NULL, P->tok unchanged. */
cw_obj *p_tmpl_try_call_of(Parser *P, struct P_template *T);
/* A::B::name where name is a template: the template, else NULL (t at the first token). */
struct P_template *p_tmpl_qualified(Parser *P, cw_token *t, cw_token **last);
/* f<...>(...) / f(...) for function template T (P->tok at its name): the instance called. */
cw_obj *p_tmpl_call_of(Parser *P, struct P_template *T);
/* S<...> for class template T (P->tok at its name): the instance type. */
cw_type *p_tmpl_type_of(Parser *P, struct P_template *T);
bool p_tmpl_is_struct(const struct P_template *T);
/* The name constructors of class ty are written with while its body is
 * parsed: the template's name for a class template instance, else NULL. */
const char *p_tmpl_injected_name(Parser *P, cw_type *ty);
/* t starts `S<...>::` with S a class template (looked up in sc; NULL:
 * unqualified): S, else NULL. */
struct P_template *p_tmpl_qualifier(Parser *P, P_scope *sc, cw_token *t);
/* Parses the out-of-class definition of member function fn of a class
 * template instance (`template <class T> T S<T>::get() const {...}`) if one
 * was given and fn has no body yet; true when it did (use: the call). */
bool p_tmpl_outdef_body(Parser *P, cw_obj *fn, cw_loc use);
/* True at '>' / '>>' while parsing a non-type template argument. */
bool p_tmpl_stops_at(Parser *P, cw_token *t);
/* End of file: instantiates kernel templates named in (skipped) host code. */
void p_tmpl_finish(Parser *P, cw_token *all);
/* parse.c: one file-scope declaration (used to parse an instantiation). */
void p_file_declaration(Parser *P);

/* ---- C++ (parse_cxx.c) ---- */
cw_type *p_ref_to(Parser *P, cw_type *base);          /* T& */
cw_type *p_deref_type(cw_type *t);                    /* T& -> T, else t */
bool p_is_class(cw_type *t);                          /* struct/union with class info */
P_class *p_class_of(cw_type *t);
const char *p_unique_name(Parser *P, const char *want); /* a name no function/global has yet */
const char *p_ident_for(Parser *P, const char *src);  /* "A::operator+" -> "A_operator_add" */
cw_node *p_var_use(Parser *P, cw_obj *v, cw_loc loc); /* ND_VAR, dereferenced for a reference */
cw_obj *p_new_temp(Parser *P, cw_type *ty, cw_loc loc); /* a local declared before the statement */
cw_node *p_comma(Parser *P, cw_node *l, cw_node *r);
cw_node *p_assign_raw(Parser *P, cw_node *lhs, cw_node *rhs); /* no checks: initialisation */
cw_node *p_bind_ref(Parser *P, cw_node *a, cw_type *ref, cw_loc loc, const char *what);
/* A call to one of `cands` (overload resolution): obj is the object of a
 * member call (NULL otherwise); args are already parsed. */
/* parse_class.c: `__shared__ T v[N]` of a class with constructors needs an
 * empty default constructor; `T v[N];` runs the default constructor per element
 * (the statements, or NULL when v is no array of such a class). */
void p_check_shared_class(Parser *P, cw_type *ty, const char *name, cw_loc loc);
cw_node *p_construct_elements(Parser *P, cw_obj *v, cw_loc loc);
/* Default-initialisation that runs constructors (p_runs_ctor: a class with
 * constructors, an array of them, an aggregate holding one): the statement
 * constructing lvalue lv (elements [from, to) of array lv), or NULL. */
bool p_runs_ctor(cw_type *ty);
cw_node *p_default_construct(Parser *P, cw_node *lv, cw_loc loc);
cw_node *p_default_construct_range(Parser *P, cw_node *lv, int from, int to, cw_loc loc);
cw_node *p_call(Parser *P, P_fnlist *cands, const char *name, cw_node *obj, cw_node **argv, int nargs, cw_loc loc);
cw_obj *p_resolve(Parser *P, P_fnlist *cands, const char *name, cw_node *obj, cw_node **argv, int nargs, cw_loc loc);
/* Constructors (parse_class.c): the class has some (also templates); a
 * construction of class ty from argv by overload resolution over them and
 * the deduced instances of its constructor templates. P_INIT_DIRECT: T v(a),
 * T v{a}, T(a), member initialisers, casts; P_INIT_COPY: T v = a, a = x
 * through a converting constructor (explicit ones are not candidates);
 * P_INIT_LIST: T v = {a, b}, return {a}, a braced element (choosing an
 * explicit one is an error). */
bool p_has_ctors(P_class *c);
enum { P_INIT_DIRECT, P_INIT_COPY, P_INIT_LIST };
cw_node *p_ctor_call(Parser *P, cw_type *ty, cw_node **argv, int nargs, cw_loc loc, int mode);
cw_node *p_construct_list(Parser *P, cw_type *ty, cw_loc loc); /* T v = {args}: at '{' */
cw_node *p_call_args_parse(Parser *P, cw_node ***argv, int *nargs); /* "(" args ")" */
/* Some candidate of cands is viable for the call (nothing reported). */
bool p_any_viable(Parser *P, P_fnlist *cands, cw_node *obj, cw_node **argv, int nargs);
/* Binary/unary operator on a class operand: NULL when no operator function applies. */
cw_node *p_try_operator(Parser *P, const char *op, cw_node *l, cw_node *r, cw_loc loc);
cw_node *p_class_decay(Parser *P, cw_node *n);                /* class operand -> its conversion */
cw_node *p_user_convert(Parser *P, cw_node *n, cw_type *to, bool explicit_cast); /* conversion operator or NULL */
P_scope *p_scope_named(Parser *P, P_scope *in, cw_token *t); /* namespace/class scope named by t */
void p_static_assert(Parser *P); /* static_assert(e, "msg"); in function and class bodies */
cw_type *p_qualified_type(Parser *P, cw_token *t, cw_token **end); /* A::B::T names a type? */
P_entry *p_qualified_entry(Parser *P, cw_token *t, cw_token **end, cw_token **last); /* errors if unknown */
bool p_cxx_top_level(Parser *P);                      /* namespace / using at file or namespace scope */
cw_node *p_using_local(Parser *P);                    /* using ... inside a function */
cw_token *p_operator_name(Parser *P);                 /* after 'operator': synthetic name token */
bool p_cx_call(Parser *P, cw_node *n, P_val *o);      /* constexpr function evaluation */
bool p_cx_var(Parser *P, cw_obj *v, P_val *o);
cw_type *p_ty_auto(void);
bool p_is_auto(cw_type *t);
/* ---- classes and lambdas (parse_class.c) ---- */
void p_class_begin(Parser *P, cw_type *ty);
bool p_class_member(Parser *P, cw_type *ty);          /* C++ member forms; true when consumed */
void p_class_method(Parser *P, cw_type *ty, P_declspec *attr, cw_type *fty, cw_token *name);
void p_class_end(Parser *P, cw_type *ty);
void p_parse_fn_body(Parser *P, cw_obj *fn);          /* params, `this`, body */
/* The per-function parser state around a body: p_fn_enter saves it, makes
 * fn the current function and declares its parameters (`this` included);
 * p_fn_leave restores it. p_parse_fn_body and the implicitly-defined copy
 * functions (parse_copy.c) use them. */
typedef struct P_fnstate {
  P_scope *scope;
  cw_obj *fn;
  int loop_depth, break_depth;
  cw_node *cur_switch, *cur_switch_last, *temps;
  cw_obj *this_var, *ctor_self;
  bool local_decl;
  struct P_nrvo *nrvo;
} P_fnstate;
void p_fn_enter(Parser *P, cw_obj *fn, P_fnstate *s);
void p_fn_leave(Parser *P, P_fnstate *s);
cw_node *p_construct(Parser *P, cw_type *ty, cw_loc loc, bool braces); /* T(args) / T{args} at '(' or '{' */
cw_node *p_lambda(Parser *P);
cw_node *p_member_call(Parser *P, cw_node *obj, cw_token *name_tok); /* obj.name( */
P_fnlist *p_class_methods(Parser *P, cw_type *cls, const char *name);
cw_node *p_this(Parser *P, cw_loc loc);
/* parse_class.c's helpers that parse_copy.c shares */
const char *p_class_name(Parser *P, cw_type *ty);   /* its name, or the type spelled out */
P_fnlist *p_single(Parser *P, cw_obj *f);           /* the candidate list of one function */
cw_node *p_expr_stmt(Parser *P, cw_node *e);        /* e; */
/* for (i = from; i < to; ++i) { body } */
cw_node *p_range_loop(Parser *P, cw_obj *i, int from, int to, cw_node *body, cw_loc loc);
cw_node *p_index_node(Parser *P, cw_node *a, cw_obj *i, cw_loc loc);       /* a[i] */
cw_node *p_member_node(Parser *P, cw_node *obj, cw_member *m, cw_loc loc); /* obj.m */
cw_type *p_elem_type(cw_type *t);                   /* of (nested) arrays, unqualified */

/* ---- copies of class objects (parse_copy.c) ---- */
/* Copies of class objects (C++ copy constructors, C++17 elision): e, the
 * initialiser of a new object of e's own class type (copy-initialisation, a
 * by-value argument, a capture), itself when no constructor runs (a prvalue,
 * or a class copied memberwise), else a call of the copy constructor. */
cw_node *p_copy(Parser *P, cw_node *e, cw_loc loc);
bool p_is_glvalue(cw_node *e); /* an expression of class type denotes an object (else it is a prvalue) */
/* `return e;` of a class type: records the candidate for the named return
 * value optimisation (p_nrvo_finish decides per function); returns lhs. */
cw_node *p_return_copy(Parser *P, cw_node *ret, cw_node *e);
void p_nrvo_finish(Parser *P);
/* l = r for a class l: a user operator=, the implicitly-defined copy
 * assignment, or a memberwise copy. */
cw_node *p_class_assign(Parser *P, cw_node *l, cw_node *r, cw_loc loc);
/* The declared type of a `= delete`d member: a copy constructor's or copy
 * assignment's? (fty without `this`) */
bool p_deleted_copy(cw_type *fty, cw_type *cls);

#endif
