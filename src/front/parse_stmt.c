/* Statements. A statement may expand to several nodes (a declaration with
 * initialisers, a case label followed by its statement): stmt() returns a
 * list linked through `next`; single() wraps a list in an ND_BLOCK where one
 * node is required. */
#include <string.h>

#include "front/parse.h"

static cw_node *stmt(Parser *P);

static cw_node *single(Parser *P, cw_node *list, cw_loc loc) {
  if (!list) return p_new_node(P, ND_NULL_STMT, loc);
  if (!list->next) return list;
  cw_node *b = p_new_node(P, ND_BLOCK, loc);
  b->body = list;
  return b;
}

static bool is_decl_start(Parser *P, cw_token *t) {
  static const char *kw[] = {"void", "bool", "_Bool", "char", "short", "int", "long", "signed",
                             "unsigned", "float", "double", "struct", "union", "enum", "const",
                             "volatile", "typedef", "static", "extern", "__shared__",
                             "__constant__", "__device__", "__managed__", "constexpr",
                             "register", "auto", "inline", "__restrict__", "restrict",
                             "__forceinline__", "__global__", "__host__", "class", "template", NULL};
  for (int i = 0; kw[i]; i++)
    if (p_eq(t, kw[i])) {
      /* `int(x)` / `float(x)` at statement start is a functional cast */
      if (p_eq(t->next, "(") && i >= 1 && i <= 10 && !p_eq(t->next->next, "*")) return false;
      return true;
    }
  if (p_tmpl_is_type_template(P, t) || p_eq(t, "typename")) return true; /* TEMPLATES */
  if (p_is_typename(P, t)) {
    if (p_eq(t->next, "(")) return false; /* functional cast like T(x) */
    return true;
  }
  return false;
}

static cw_node *expr_stmt(Parser *P) {
  cw_token *t = P->tok;
  cw_node *n = p_new_node(P, ND_EXPR_STMT, t->loc);
  n->lhs = p_expr(P);
  if (n->lhs->ty->kind == TY_ARRAY) n->lhs = p_rval(P, n->lhs);
  p_expect(P, ";", "after expression");
  return n;
}

/* compound-stmt = (declaration | stmt)* "}" */
cw_node *p_compound_stmt(Parser *P) {
  cw_token *open = P->tok;
  cw_node *blk = p_new_node(P, ND_BLOCK, open->loc);
  cw_node head = {0}, *cur = &head;
  p_push_scope(P);
  while (!p_eq(P->tok, "}")) {
    if (P->tok->kind == CW_TK_EOF) cw_error(P->d, P->tok->loc, "expected '}'");
    cw_token *before = P->tok;
    cw_node *s = stmt(P);
    cur->next = s;
    while (cur->next) cur = cur->next;
    if (P->tok == before) cw_error(P->d, before->loc, "expected statement");
  }
  p_next(P);
  p_pop_scope(P);
  blk->body = head.next;
  return blk;
}

static cw_node *loop_body(Parser *P, cw_loc loc) {
  P->loop_depth++;
  P->break_depth++;
  cw_node *b = single(P, stmt(P), loc);
  P->loop_depth--;
  P->break_depth--;
  return b;
}

static cw_node *return_stmt(Parser *P, cw_token *t) {
  cw_node *n = p_new_node(P, ND_RETURN, t->loc);
  cw_type *rt = P->fn->ty->return_ty;
  if (P->ctor_self) {
    /* a constructor returns the object it builds */
    p_expect(P, ";", "after 'return' in a constructor");
    n->lhs = p_new_var(P, P->ctor_self, t->loc);
    n->ty = P->ctor_self->ty;
    return n;
  }
  cw_node *e = NULL;
  if (p_is_auto(rt)) {
    /* deduced return type (lambdas, auto functions): the first return decides */
    if (p_eq(P->tok, ";")) rt = P->fn->ty->return_ty = cw_ty_void;
    else {
      e = p_rval(P, p_expr(P));
      rt = P->fn->ty->return_ty = cw_ty_unqual(e->ty);
    }
  }
  if (!e && p_consume(P, ";")) {
    if (cw_ty_unqual(rt)->kind != TY_VOID)
      cw_error(P->d, t->loc, "non-void function '%s' should return a value", P->fn->name);
    return n;
  }
  if (!e && p_eq(P->tok, "{") && !p_is_auto(rt) && cw_ty_unqual(rt)->kind != TY_VOID)
    e = p_construct_list(P, cw_ty_unqual(p_deref_type(rt)), P->tok->loc); /* return {a, b}; */
  if (!e) e = p_expr(P);
  p_expect(P, ";", "after return value");
  if (cw_ty_unqual(rt)->kind == TY_VOID) {
    if (cw_ty_unqual(e->ty)->kind != TY_VOID)
      cw_error(P->d, e->loc, "void function '%s' should not return a value", P->fn->name);
    n->lhs = e;
    return n;
  }
  if (rt->kind == TY_PTR && rt->is_ref) {
    n->lhs = p_bind_ref(P, e, rt, e->loc, "returning a value of type");
    if (n->lhs->kind == ND_COMMA)
      cw_error(P->d, e->loc, "returning a reference to a temporary");
    n->ty = cw_ty_unqual(rt);
    return n;
  }
  n->lhs = p_convert_assign(P, e, rt, e->loc, "returning a value of type");
  n->ty = cw_ty_unqual(rt);
  n->lhs = p_return_copy(P, n, n->lhs); /* a copy constructor, unless elided */
  return n;
}

static cw_node *switch_stmt(Parser *P, cw_token *t) {
  cw_node *n = p_new_node(P, ND_SWITCH, t->loc);
  p_expect(P, "(", "after 'switch'");
  cw_node *c = p_rval(P, p_expr(P));
  if (!cw_ty_is_integer(c->ty))
    cw_error(P->d, c->loc, "statement requires expression of integer type ('%s' invalid)", cw_ty_str(P->a, c->ty));
  cw_type *pt = p_promote(c->ty);
  n->cond = p_cast(P, c, pt);
  p_expect(P, ")", "after switch condition");
  cw_node *saved = P->cur_switch, *saved_last = P->cur_switch_last;
  P->cur_switch = n;
  P->cur_switch_last = NULL;
  P->break_depth++;
  n->then = single(P, stmt(P), t->loc);
  P->break_depth--;
  P->cur_switch = saved;
  P->cur_switch_last = saved_last;
  return n;
}

/* Parses labels "case v:" / "default:" (t is the keyword, already consumed)
 * and the statement after the last of them. Consecutive labels are parsed in
 * a loop, not by recursion, so a run of thousands of labels is fine. Returns
 * the labels and that statement linked through next. The cases are also
 * appended to the switch's case_next list, in source order. */
static cw_node *case_label(Parser *P, cw_token *t, bool is_default) {
  cw_node *sw = P->cur_switch;
  cw_node *first = NULL, *prev = NULL;
  for (;;) {
    if (!sw) cw_error(P->d, t->loc, "'%s' statement not in switch statement", is_default ? "default" : "case");
    cw_node *n = p_new_node(P, ND_CASE, t->loc);
    if (is_default) {
      if (sw->default_case) cw_error(P->d, t->loc, "multiple default labels in one switch");
      n->is_default = true;
      sw->default_case = n;
    } else {
      cw_token *vt = P->tok;
      cw_node *e = p_conditional(P);
      int64_t v = p_const_int(P, e, vt->loc);
      /* the value converted to the promoted condition type */
      cw_node *num = p_cast(P, p_new_num(P, v, e->ty, vt->loc), sw->cond->ty);
      P_val pv;
      if (p_try_eval(P, num, &pv)) v = pv.i;
      if (p_eq(P->tok, "...")) cw_error(P->d, P->tok->loc, "case ranges are not supported");
      for (cw_node *c = sw->case_next; c; c = c->case_next)
        if (!c->is_default && c->case_val == v)
          cw_error(P->d, vt->loc, "duplicate case value '%lld'", (long long)v);
      n->case_val = v;
    }
    p_expect(P, ":", is_default ? "after 'default'" : "after case value");
    /* append to keep source order (O(1): the parser keeps the last case) */
    if (P->cur_switch_last) P->cur_switch_last->case_next = n;
    else sw->case_next = n;
    P->cur_switch_last = n;
    if (prev) prev->next = n;
    else first = n;
    prev = n;
    /* the labelled statement follows as a sibling */
    if (p_eq(P->tok, "}")) return first;
    if (p_eq(P->tok, "case") || p_eq(P->tok, "default")) {
      t = P->tok;
      is_default = p_eq(t, "default");
      p_next(P);
      continue;
    }
    n->next = stmt(P);
    return first;
  }
}

static cw_node *for_stmt(Parser *P, cw_token *t, int unroll) {
  cw_node *n = p_new_node(P, ND_FOR, t->loc);
  n->unroll = unroll;
  p_expect(P, "(", "after 'for'");
  p_push_scope(P);
  if (!p_consume(P, ";")) {
    if (is_decl_start(P, P->tok)) {
      P_declspec attr;
      cw_type *base = p_declspec(P, &attr);
      cw_node *d = p_local_declaration(P, base, &attr); /* consumes ';' */
      cw_node *b = p_new_node(P, ND_BLOCK, t->loc);
      b->body = d;
      n->init = b;
    } else {
      n->init = expr_stmt(P);
    }
  }
  if (!p_eq(P->tok, ";")) n->cond = p_scalar_cond(P, p_expr(P));
  p_expect(P, ";", "in 'for' statement");
  if (!p_eq(P->tok, ")")) n->inc = p_expr(P);
  p_expect(P, ")", "in 'for' statement");
  n->then = loop_body(P, t->loc);
  p_pop_scope(P);
  return n;
}

/* stmt = "return" expr? ";" | "if" "(" expr ")" stmt ("else" stmt)?
 *      | "switch" "(" expr ")" stmt | "case" const-expr ":" | "default" ":"
 *      | "for" "(" (decl | expr-stmt) expr? ";" expr? ")" stmt
 *      | "while" "(" expr ")" stmt | "do" stmt "while" "(" expr ")" ";"
 *      | "break" ";" | "continue" ";" | "{" compound-stmt | declaration | expr-stmt | ";" */
static cw_node *stmt_inner(Parser *P);

/* A statement, preceded by the ND_DECLs of the temporaries it needs (after
 * any case labels it starts with). */
static cw_node *stmt(Parser *P) {
  cw_node *saved = P->temps;
  P->temps = NULL;
  cw_node *n = stmt_inner(P);
  cw_node *temps = P->temps;
  P->temps = saved;
  if (!temps) return n;
  cw_node *last = temps;
  while (last->next) last = last->next;
  if (n && n->kind == ND_CASE) {
    cw_node *c = n;
    while (c->next && c->next->kind == ND_CASE) c = c->next;
    last->next = c->next;
    c->next = temps;
    return n;
  }
  last->next = n;
  return temps;
}

static cw_node *stmt_inner(Parser *P) {
  cw_token *t = P->tok;
  p_enter(P, t, "statements");
  /* statements stop short of CW_MAX_DEPTH so that the innermost ones still
   * have room for ordinary expressions, and the error names the real cause */
  if (P->depth > CW_MAX_DEPTH - 32) cw_error(P->d, t->loc, "statements nested too deeply");
  cw_node *n = NULL;
  int unroll = -1;
  while (P->tok->kind == CW_TK_PRAGMA_UNROLL) {
    unroll = (int)(P->tok->ival > 0x7fffffff ? 0x7fffffff : P->tok->ival);
    p_next(P);
  }
  t = P->tok;
  if (p_eq(t, "return")) {
    p_next(P);
    n = return_stmt(P, t);
  } else if (p_eq(t, "static_assert") || p_eq(t, "_Static_assert")) {
    p_static_assert(P);
    n = p_new_node(P, ND_NULL_STMT, t->loc);
  } else if (p_eq(t, "if")) {
    p_next(P);
    n = p_new_node(P, ND_IF, t->loc);
    p_expect(P, "(", "after 'if'");
    if (p_eq(P->tok, "constexpr")) cw_error(P->d, P->tok->loc, "'if constexpr' is not supported yet");
    n->cond = p_scalar_cond(P, p_expr(P));
    p_expect(P, ")", "after condition");
    n->then = single(P, stmt(P), t->loc);
    if (p_consume(P, "else")) n->els = single(P, stmt(P), t->loc);
  } else if (p_eq(t, "switch")) {
    p_next(P);
    n = switch_stmt(P, t);
  } else if (p_eq(t, "case") || p_eq(t, "default")) {
    p_next(P);
    n = case_label(P, t, p_eq(t, "default"));
  } else if (p_eq(t, "for")) {
    p_next(P);
    n = for_stmt(P, t, unroll);
  } else if (p_eq(t, "while")) {
    p_next(P);
    n = p_new_node(P, ND_FOR, t->loc);
    n->unroll = unroll;
    p_expect(P, "(", "after 'while'");
    n->cond = p_scalar_cond(P, p_expr(P));
    p_expect(P, ")", "after condition");
    n->then = loop_body(P, t->loc);
  } else if (p_eq(t, "do")) {
    p_next(P);
    n = p_new_node(P, ND_DO, t->loc);
    n->unroll = unroll;
    n->then = loop_body(P, t->loc);
    p_expect(P, "while", "in do/while loop");
    p_expect(P, "(", "after 'while'");
    n->cond = p_scalar_cond(P, p_expr(P));
    p_expect(P, ")", "after condition");
    p_expect(P, ";", "after do/while statement");
  } else if (p_eq(t, "break") || p_eq(t, "continue")) {
    bool brk = p_eq(t, "break");
    p_next(P);
    if (brk ? !P->break_depth : !P->loop_depth)
      cw_error(P->d, t->loc, "'%s' statement not in loop%s statement", brk ? "break" : "continue",
               brk ? " or switch" : "");
    n = p_new_node(P, brk ? ND_BREAK : ND_CONTINUE, t->loc);
    p_expect(P, ";", brk ? "after 'break'" : "after 'continue'");
  } else if (p_eq(t, "goto")) {
    cw_error(P->d, t->loc, "goto is not supported");
  } else if (p_is_ident(t) && p_eq(t->next, ":") && !P->cur_switch) {
    cw_error(P->d, t->loc, "goto is not supported (labels are not allowed)");
  } else if (p_is_ident(t) && p_eq(t->next, ":")) {
    cw_error(P->d, t->loc, "goto is not supported (labels are not allowed)");
  } else if (p_eq(t, "asm") || p_eq(t, "__asm__") || p_eq(t, "__asm")) {
    cw_error(P->d, t->loc, "inline PTX assembly is not supported: PTX is NVIDIA's ISA, with no WGSL or C equivalent; "
             "use the CUDA intrinsic that the asm implements");
  } else if (p_eq(t, "try") || p_eq(t, "throw")) {
    cw_error(P->d, t->loc, "exceptions are not supported in device code");
  } else if (p_eq(t, "using")) {
    p_using_local(P);
    n = p_new_node(P, ND_NULL_STMT, t->loc);
  } else if (p_eq(t, "template") || p_eq(t, "namespace")) {
    cw_error(P->d, t->loc, "%s", p_eq(t, "template") ? "templates are not supported yet"
                                                     : "a namespace cannot be defined inside a function");
  } else if (p_eq(t, "{")) {
    p_next(P);
    n = p_compound_stmt(P);
  } else if (p_eq(t, ";")) {
    p_next(P);
    n = p_new_node(P, ND_NULL_STMT, t->loc);
  } else if (is_decl_start(P, t)) {
    P_declspec attr;
    cw_type *base = p_declspec(P, &attr);
    n = p_local_declaration(P, base, &attr);
    if (!n) n = p_new_node(P, ND_NULL_STMT, t->loc);
  } else if (p_is_ident(t) && !p_find_var(P, p_tokstr(P, t)) &&
             (p_is_ident(t->next) || (p_eq(t->next, "*") && p_is_ident(t->next->next) &&
                                      p_eq(t->next->next->next, "=")))) {
    p_unknown_type(P, t);
  } else {
    n = expr_stmt(P);
  }
  p_leave(P);
  return n;
}
