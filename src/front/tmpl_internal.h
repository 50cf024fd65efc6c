/* Private interface between the template files: parse_template.c (lookup,
 * tokens, arguments, uses), parse_template_inst.c (instantiation,
 * deduction) and parse_template_decl.c (declarations). Not for the rest of
 * the parser, which uses the p_tmpl_* functions of parse.h. The functions
 * here carry the prefix t_, after the T_ of the types. */
#ifndef CW_TMPL_INTERNAL_H
#define CW_TMPL_INTERNAL_H
#include "front/parse.h"

#define TMPL_MAX_PARAMS 32

typedef struct T_param {
  const char *name;        /* NULL when unnamed */
  bool is_type;
  cw_type *vty;            /* non-type: the parameter's type */
  cw_token *def;           /* default argument tokens (first), or NULL */
  int ndef;
  cw_loc loc;
} T_param;

typedef struct T_arg {
  bool is_type;
  cw_type *ty;             /* type argument */
  int64_t ival;            /* non-type argument converted to the parameter type */
} T_arg;

typedef struct T_inst {
  struct T_inst *next;
  T_arg *args;
  const char *display, *ident;
  cw_obj *fn;              /* function templates */
  cw_type *ty;             /* struct templates */
  bool explicit_spec;
} T_inst;

typedef struct P_template {
  struct P_template *next;
  const char *name;
  bool is_struct, is_kernel;
  T_param *params;
  int nparams;
  cw_token *body;          /* first token of the declaration after template<...> */
  int nbody;               /* its length in tokens; 0 = declared only */
  int name_idx;            /* function templates: index of the name token in body */
  cw_loc loc;
  bool is_ctor;            /* a constructor template of cls */
  T_inst *insts;
  P_scope *scope;          /* where it was declared: instances are parsed there */
  P_ns *ns;
  cw_type *cls;            /* member function templates: the class (its scope is `scope`) */
  const char *qual;        /* member templates: "Cls::", prefixed to display names */
  /* member templates declared in the class and defined after it */
  const char **alias;      /* the parameters' names in the definition (NULL: as declared) */
  T_param *outer;          /* a class template's member: the class template's parameters as the
                              definition names them (nouter), bound to owner_args */
  int nouter;
  struct P_template *owner; /* the class template of cls, and cls's arguments */
  T_arg *owner_args;
  bool decl_static, decl_device, decl_host, decl_inline; /* from the in-class declaration */
  struct T_outdef *outdefs; /* class templates: members defined outside the class */
} P_template;

/* A member of a class template defined outside it: `template <class T>
 * template <class U> U S<T>::f(U u) {...}` (a member template: is_tmpl) or
 * `template <class T> T S<T>::get() const {...}` (a member function). */
typedef struct T_outdef {
  struct T_outdef *next;
  const char *name;
  bool is_tmpl;
  T_param *outer;          /* the class template's parameters as named here */
  int nouter;
  T_param *inner;          /* a member template's own parameters as named here */
  int ninner;
  cw_token *body;          /* member template: the tokens without the `S<T>::` qualifier; member
                              function: the whole declaration */
  int nbody, name_idx;
  P_scope *scope;          /* where the definition is */
  P_ns *ns;
  cw_loc loc;
  struct T_done *done;     /* member function: the instances it was parsed for */
} T_outdef;

typedef struct T_done {
  struct T_done *next;
  T_inst *I;
} T_done;

struct P_tmpl_state {
  P_template *list;
  P_scope *root;
  int depth;               /* instantiations in progress */
  int no_gt;               /* > 0 while parsing a non-type template argument */
  cw_type *inj_ty;         /* the class template instance whose body is being parsed ... */
  const char *inj_name;    /* ... and its template's name (constructors are written with it) */
  P_template *inj_tmpl;    /* ... the template and the instance's arguments */
  T_arg *inj_args;
};

/* The parser as it was before a parse at file level (parse_template_inst.c:
 * enter_file_level saves it, t_leave_file_level restores it). */
typedef struct {
  Parser saved;
} T_save;

/* One step of an instantiation, run by t_in_instance: parsing a class or
 * function instance (t_instance_decl), a member template instance's declaration
 * (member_decl) or, once overload resolution chose it, its body (member_body). */
typedef struct T_job {
  void (*run)(Parser *P, struct T_job *j);
  P_template *T;
  T_inst *I;
  cw_token *toks;   /* the declaration's tokens (EOF-terminated) */
  cw_loc use;       /* where the instance was requested (the note) */
  bool no_bind;     /* an explicit specialisation: no parameters to bind */
  int on_error;     /* what an error undoes: T_DROP the instance, T_BODY a member body left to
                       parse again, T_KEEP nothing */
  P_scope *scope;   /* where to parse (NULL: where T was declared) */
  P_ns *ns;
  const char *what; /* the instantiation the note names (NULL: the instance) */
} T_job;

enum { T_DROP, T_BODY, T_KEEP };

/* parse_template.c */
struct P_tmpl_state *t_state(Parser *P);         /* created on the first template */
const char *t_where(Parser *P, cw_loc loc);       /* "file:line" for messages */
P_template *t_template_of(P_entry *e);            /* lookup */
P_template *t_find_template(Parser *P, const char *name);
P_template *t_named_template(Parser *P, cw_token *t);
cw_token *t_eof_like(Parser *P, cw_token *like);  /* tokens */
cw_token *t_copy_tokens(Parser *P, cw_token *from, int n);
cw_token *t_skip_angles(cw_token *t);
bool t_same_type(cw_type *a, cw_type *b);         /* arguments */
bool t_same_args(P_template *T, const T_arg *a, const T_arg *b);
const char *t_type_display(Parser *P, cw_type *t);
const char *t_value_display(Parser *P, T_param *pp, int64_t v);
const char *t_qual_of(Parser *P, P_template *T);
const char *t_display_name(Parser *P, P_template *T, T_arg *args);
const char *t_mangle(Parser *P, const char *display);
int64_t t_convert_value(cw_type *to, P_val v);
void t_parse_one_arg(Parser *P, P_template *T, int i, T_arg *out);
int t_args_with_defaults(Parser *P, P_template *T, T_arg *args);

/* parse_template_inst.c */
void t_leave_file_level(Parser *P, T_save *s);    /* instantiation */
int t_fill_defaults(Parser *P, P_template *T, T_arg *args, bool *have);
T_inst *t_find_inst(P_template *T, T_arg *args);
T_inst *t_new_inst(Parser *P, P_template *T, T_arg *args);
void t_in_instance(Parser *P, T_job *j);
void t_instance_decl(Parser *P, T_job *j);
void t_member_defined(Parser *P, P_template *T, cw_loc use);
T_inst *t_instantiate(Parser *P, P_template *T, T_arg *args, cw_loc use);
void t_deduce(Parser *P, P_template *T, T_arg *args, bool *have, bool *expl, cw_loc loc); /* deduction */
void t_deduce_types(Parser *P, P_template *T, cw_type **atys, int nargs, T_arg *args, bool *have, bool *expl,
                    cw_loc loc);

#endif
