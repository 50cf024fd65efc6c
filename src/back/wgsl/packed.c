/* Memory of 8/16-bit types on the WGSL target ("packed" variables).
 *
 * WGSL has no 8/16-bit (or bool) storage types, so a buffer (kernel pointer
 * parameter, __device__/__constant__ global) or static __shared__ variable
 * whose element type contains a char/short/bool/__half leaf is declared as
 * 32-bit words holding the host's bytes (x86-64 layout, byte offsets from
 * ir_type sizes and ir_field offsets). Every access computes the byte offset
 * of its leaf and goes through a per-variable helper function:
 *
 *   cw_pk_ld_<v>(off, mask) -> u32   (word >> 8*(off&3)) & mask; the caller
 *                                    sign-extends (i8/i16), compares (bool)
 *                                    or bitcasts (f32)
 *   cw_pk_st_<v>(word, m, bits)      the bytes m of word `word` become bits:
 *                                    a compare-exchange loop, because other
 *                                    threads may write the other bytes of the
 *                                    same word at the same time (one uchar per
 *                                    thread is the common case)
 *
 * A variable that some store writes only part of a word of is declared
 * array<atomic<u32>> and read with atomicLoad. A variable whose every store
 * covers whole words (a uchar4 or a 4-byte struct stored as a whole at a
 * 4-aligned offset, a float member) keeps plain u32 words and plain stores:
 * the bytes written belong to the stored object alone. Read-only variables
 * are plain words. A struct store writes each word of the struct at once
 * (padding as zero bytes) when the element stride is a multiple of 4, else
 * one leaf at a time (struct { unsigned char r, g, b; }: 3 bytes crossing
 * words).
 *
 * Not supported (refused by wg_packed_check): 64-bit leaves next to small
 * ones, atomics on such variables (CUDA has no 8/16-bit atomics; an int
 * member of such a struct is refused as a member atomic anyway), extern
 * __shared__ arrays (they stay one element per 32-bit slot, see decls.c). */
#include <string.h>

#include "back/wgsl/wgsl.h"

#define P(...) cw_arena_printf(c->m->arena, __VA_ARGS__)

static bool small_kind(ir_type_kind k) {
  return k == IR_T_BOOL || k == IR_T_I8 || k == IR_T_U8 || k == IR_T_I16 || k == IR_T_U16;
}

bool wg_type_has_small(const ir_type *t) {
  if (!t) return false;
  switch (t->kind) {
  case IR_T_ARRAY: return wg_type_has_small(t->elem);
  case IR_T_STRUCT:
    for (int i = 0; i < t->st->nfields; i++)
      if (wg_type_has_small(t->st->fields[i].type)) return true;
    return false;
  default: return small_kind(t->kind);
  }
}

/* The type of one element as IR_E_ELEM indexes the variable. */
static const ir_type *elem_type(const ir_var *v) {
  return v->type->kind == IR_T_PTR ? v->type->elem : ir_type_leaf(v->type);
}

bool wg_var_packed(const ir_var *v) {
  if (!v) return false;
  switch (v->kind) {
  case IR_VAR_PARAM: return v->type->kind == IR_T_PTR && wg_type_has_small(v->type->elem);
  case IR_VAR_CONSTANT: case IR_VAR_DEVICE: case IR_VAR_SHARED: return wg_type_has_small(v->type);
  default: return false;
  }
}

/* Number of words of a fixed-size packed variable. */
int wg_packed_words(const ir_var *v) { return (v->type->size + 3) / 4; }

static void check_leaves(wg_ctx *c, const ir_var *v, const ir_type *t) {
  switch (t->kind) {
  case IR_T_ARRAY: check_leaves(c, v, t->elem); return;
  case IR_T_STRUCT:
    if (t->st->is_union)
      cw_error(c->m->diags, v->loc, "unions are not supported by the wgsl target");
    for (int i = 0; i < t->st->nfields; i++) check_leaves(c, v, t->st->fields[i].type);
    return;
  default:
    if (ir_type_is_64bit(t))
      cw_error(c->m->diags, v->loc,
               "%s '%s' mixes '%s' with 8/16-bit members; the wgsl target does not "
               "support 64-bit values in such memory",
               v->kind == IR_VAR_SHARED ? "__shared__ variable" : "buffer",
               v->src_name ? v->src_name : v->name, ir_type_str(c->m, t));
  }
}

void wg_packed_check(wg_ctx *c, const ir_var *v) {
  check_leaves(c, v, v->type->kind == IR_T_PTR ? v->type->elem : v->type);
  if (v->is_atomic)
    cw_error(c->m->diags, v->loc,
             "atomic operations on '%s', whose elements contain 8/16-bit values, are not "
             "supported by the wgsl target",
             v->src_name ? v->src_name : v->name);
}

/* ---------------- addresses ---------------- */
/* Byte offset of an lvalue in its packed variable: dyn (u32 text, or NULL
 * for none) + k. aligned4: every dynamic term is a multiple of 4, so the
 * offset modulo 4 is k % 4. */
typedef struct {
  const char *dyn;
  long long k;
  bool aligned4;
} addr;

static void add_term(wg_ctx *c, addr *a, const ir_expr *idx, int stride) {
  if (idx->kind == IR_E_CONST) {
    long long i = ir_type_is_signed(idx->type) ? (long long)(int64_t)idx->u.i
                                                 : (long long)(uint32_t)idx->u.i;
    a->k += i * stride;
    return;
  }
  const char *t = wg_expr(c, idx);
  if (idx->type->kind != IR_T_U32 && idx->type->kind != IR_T_U8 && idx->type->kind != IR_T_U16)
    t = P("u32(%s)", t);
  else
    t = P("(%s)", t);
  if (stride != 1) t = P("%s * %du", t, stride);
  a->dyn = a->dyn ? P("%s + %s", a->dyn, t) : t;
  if (stride % 4) a->aligned4 = false;
}

static addr address(wg_ctx *c, const ir_expr *e) {
  addr a;
  switch (e->kind) {
  case IR_E_VAR:
    return (addr){NULL, 0, true};
  case IR_E_ELEM:
    a = (addr){NULL, 0, true};
    add_term(c, &a, e->b, elem_type(e->var)->size);
    return a;
  case IR_E_INDEX:
    a = address(c, e->a);
    add_term(c, &a, e->b, e->a->type->elem->size);
    return a;
  case IR_E_MEMBER:
    a = address(c, e->a);
    a.k += e->a->type->st->fields[e->field].offset;
    return a;
  default:
    cw_error(c->m->diags, e->loc, "internal error: not an lvalue in the wgsl packed emitter");
  }
}

static const char *off_text(wg_ctx *c, const addr *a, long long extra) {
  long long k = a->k + extra;
  if (!a->dyn) return P("%lldu", k);
  return k ? P("(%s + %lldu)", a->dyn, k) : P("(%s)", a->dyn);
}

static const char *mask_of(int size) {
  return size == 1 ? "0xffu" : size == 2 ? "0xffffu" : "0xffffffffu";
}

/* ---------------- loads ---------------- */
static const char *from_bits(wg_ctx *c, const char *raw, const ir_type *t) {
  switch (t->kind) {
  case IR_T_BOOL: return P("(%s != 0u)", raw);
  case IR_T_I8: return P("((bitcast<i32>(%s) << 24u) >> 24u)", raw);
  case IR_T_I16: return P("((bitcast<i32>(%s) << 16u) >> 16u)", raw);
  case IR_T_I32: return P("bitcast<i32>(%s)", raw);
  case IR_T_F32: return P("bitcast<f32>(%s)", raw);
  default: return raw; /* u8, u16, u32 */
  }
}

static const char *load_at(wg_ctx *c, const ir_var *v, const ir_type *t, const addr *a,
                           long long extra, bool uniform) {
  if (t->kind == IR_T_STRUCT || t->kind == IR_T_ARRAY) {
    const char *s = P("%s(", wg_type(c, t));
    int n = t->kind == IR_T_STRUCT ? t->st->nfields : t->len;
    for (int i = 0; i < n; i++) {
      const ir_type *ft = t->kind == IR_T_STRUCT ? t->st->fields[i].type : t->elem;
      long long fo = t->kind == IR_T_STRUCT ? t->st->fields[i].offset : (long long)i * t->elem->size;
      s = P("%s%s%s", s, i ? ", " : "", load_at(c, v, ft, a, extra + fo, uniform));
    }
    return P("%s)", s);
  }
  const char *off = off_text(c, a, extra);
  const char *raw;
  if (uniform) { /* a barrier depends on it: the word through workgroupUniformLoad */
    raw = P("((workgroupUniformLoad(&%s[%s >> 2u]) >> ((%s & 3u) * 8u)) & %s)", v->name, off, off,
            mask_of(t->size));
  } else {
    raw = P("cw_pk_ld_%s(%s, %s)", v->name, off, mask_of(t->size));
  }
  return from_bits(c, raw, t);
}

const char *wg_packed_load(wg_ctx *c, const ir_expr *e) {
  ir_var *v = e->kind == IR_E_VAR || e->kind == IR_E_ELEM ? e->var : NULL;
  const ir_expr *r = e;
  while (!v) {
    r = r->a;
    if (r->kind == IR_E_VAR || r->kind == IR_E_ELEM) v = r->var;
  }
  if (e->needs_uniform_load && wg_packed_atomic(c, v))
    cw_error(c->m->diags, e->loc,
             "a barrier that depends on '%s', a __shared__ variable of 8/16-bit values that is "
             "written one byte at a time, is not supported by the wgsl target",
             v->src_name ? v->src_name : v->name);
  addr a = address(c, e);
  return load_at(c, v, e->type, &a, 0, e->needs_uniform_load);
}

/* ---------------- stores ---------------- */
static const char *to_bits(wg_ctx *c, const char *x, const ir_type *t) {
  switch (t->kind) {
  case IR_T_BOOL: return P("select(0u, 1u, %s)", x);
  case IR_T_I8: case IR_T_I16: case IR_T_I32: return P("bitcast<u32>(%s)", x);
  case IR_T_F32: return P("bitcast<u32>(%s)", x);
  default: return x;
  }
}

/* Calls f(leaf type, byte offset from the object, value text) for each scalar leaf. */
typedef struct {
  const ir_type *t;
  long long off;
  const char *val;
} leaf;

static void leaves(wg_ctx *c, const ir_type *t, long long off, const char *val, leaf **out, int *n,
                   int *cap) {
  if (t->kind == IR_T_STRUCT || t->kind == IR_T_ARRAY) {
    int cnt = t->kind == IR_T_STRUCT ? t->st->nfields : t->len;
    for (int i = 0; i < cnt; i++) {
      bool s = t->kind == IR_T_STRUCT;
      leaves(c, s ? t->st->fields[i].type : t->elem,
             off + (s ? t->st->fields[i].offset : (long long)i * t->elem->size),
             s ? P("%s.%s", val, t->st->fields[i].name) : P("%s[%d]", val, i), out, n, cap);
    }
    return;
  }
  if (*n == *cap) {
    int nc = *cap ? *cap * 2 : 8;
    leaf *nl = CW_NEW_ARRAY(c->m->arena, leaf, nc);
    if (*n) memcpy(nl, *out, sizeof(leaf) * (size_t)*n);
    *out = nl;
    *cap = nc;
  }
  (*out)[(*n)++] = (leaf){t, off, val};
}

/* Whether a store of type t at address a writes whole words only. */
static bool whole_words(const ir_type *t, const addr *a) {
  return a->aligned4 && a->k % 4 == 0 && t->size % 4 == 0;
}

static void store_word(wg_ctx *c, const ir_var *v, const char *word, const char *bits, bool atomic) {
  if (atomic) wg_line(c, "atomicStore(&%s[%s], %s);", v->name, word, bits);
  else wg_line(c, "%s[%s] = %s;", v->name, word, bits);
}

void wg_packed_store(wg_ctx *c, const ir_expr *lhs, const ir_expr *rhs) {
  ir_var *v = NULL;
  for (const ir_expr *r = lhs; !v; r = r->a)
    if (r->kind == IR_E_VAR || r->kind == IR_E_ELEM) v = r->var;
  bool atomic = wg_packed_atomic(c, v);
  addr a = address(c, lhs);
  const ir_type *t = lhs->type;
  wg_line(c, "{");
  c->indent++;
  const char *val = "cw_pk_v";
  wg_line(c, "let cw_pk_v = %s;", wg_expr(c, rhs));
  if (a.dyn) {
    wg_line(c, "let cw_pk_o = %s;", a.dyn);
    a.dyn = "cw_pk_o";
  }
  leaf *ls = NULL;
  int n = 0, cap = 0;
  leaves(c, t, 0, val, &ls, &n, &cap);
  if (whole_words(t, &a)) {
    /* word by word: OR the leaves of each word together (padding bytes 0) */
    for (long long w = 0; w < t->size / 4; w++) {
      const char *bits = NULL;
      for (int i = 0; i < n; i++) {
        if (ls[i].off / 4 != w) continue;
        const char *b = to_bits(c, ls[i].val, ls[i].t);
        if (ls[i].t->size < 4) b = P("(%s & %s)", b, mask_of(ls[i].t->size));
        if (ls[i].off % 4) b = P("(%s << %lldu)", b, (ls[i].off % 4) * 8);
        bits = bits ? P("%s | %s", bits, b) : b;
      }
      store_word(c, v, P("%s >> 2u", off_text(c, &a, w * 4)), bits ? bits : "0u", atomic);
    }
  } else {
    for (int i = 0; i < n; i++) {
      const char *o = off_text(c, &a, ls[i].off);
      const char *b = to_bits(c, ls[i].val, ls[i].t);
      if (ls[i].t->size == 4) { /* host alignment: a 4-byte leaf fills its word */
        store_word(c, v, P("%s >> 2u", o), b, atomic);
        continue;
      }
      if (!atomic)
        cw_error(c->m->diags, lhs->loc, "internal error: partial-word store to a plain packed variable");
      const char *m = mask_of(ls[i].t->size);
      if (!a.dyn) {
        long long sh = ((a.k + ls[i].off) % 4) * 8;
        wg_line(c, "cw_pk_st_%s(%s >> 2u, %s << %lldu, (%s & %s) << %lldu);", v->name, o, m, sh, b,
                m, sh);
      } else {
        wg_line(c, "cw_pk_st_%s(%s >> 2u, %s << ((%s & 3u) * 8u), (%s & %s) << ((%s & 3u) * 8u));",
                v->name, o, m, o, b, m, o);
      }
    }
  }
  c->indent--;
  wg_line(c, "}");
}

/* ---------------- which variables need atomic words ---------------- */
static void scan_stmts(wg_ctx *c, const ir_stmt *s);
static void scan_stmt(wg_ctx *c, const ir_stmt *s) {
  if (s->kind == IR_S_ASSIGN) {
    const ir_expr *r = s->lhs;
    while (r->kind == IR_E_INDEX || r->kind == IR_E_MEMBER) r = r->a;
    ir_var *v = r->var;
    if (v && wg_var_packed(v) && v->id >= 0 && v->id < c->pk_n) {
      addr a = address(c, s->lhs);
      bool whole = whole_words(s->lhs->type, &a);
      if (!whole && s->lhs->type->kind != IR_T_STRUCT && s->lhs->type->kind != IR_T_ARRAY &&
          s->lhs->type->size == 4)
        whole = true; /* a 4-byte scalar is 4-aligned on the host */
      if (!whole && (s->lhs->type->kind == IR_T_STRUCT || s->lhs->type->kind == IR_T_ARRAY)) {
        leaf *ls = NULL;
        int n = 0, cap = 0;
        leaves(c, s->lhs->type, 0, "x", &ls, &n, &cap);
        whole = true;
        for (int i = 0; i < n; i++) whole &= ls[i].t->size == 4;
      }
      if (!whole) c->pk_atomic[v->id] = 1;
    }
  }
  scan_stmts(c, s->body);
  scan_stmts(c, s->then_s);
  scan_stmts(c, s->else_s);
  scan_stmts(c, s->cont);
  for (int i = 0; i < s->ncases; i++) scan_stmts(c, s->cases[i].body);
}
static void scan_stmts(wg_ctx *c, const ir_stmt *s) {
  for (; s; s = s->next) scan_stmt(c, s);
}

void wg_packed_analyze(wg_ctx *c) {
  c->pk_n = c->m->next_id;
  c->pk_atomic = CW_NEW_ARRAY(c->m->arena, unsigned char, c->pk_n > 0 ? c->pk_n : 1);
  memset(c->pk_atomic, 0, (size_t)(c->pk_n > 0 ? c->pk_n : 1));
  for (int i = 0; i < c->mm->nkernels; i++) scan_stmts(c, c->mm->kernels[i].func->body);
}

bool wg_packed_atomic(const wg_ctx *c, const ir_var *v) {
  return v->id >= 0 && v->id < c->pk_n && c->pk_atomic[v->id];
}

const char *wg_packed_elem(wg_ctx *c, const ir_var *v) {
  return wg_packed_atomic(c, v) ? "atomic<u32>" : "u32";
}

/* The helper functions of one packed variable (after its declaration). */
void wg_packed_helpers(wg_ctx *c, cw_strbuf *out, const ir_var *v) {
  bool at = wg_packed_atomic(c, v);
  cw_sb_printf(out,
               "fn cw_pk_ld_%s(off: u32, mask: u32) -> u32 {\n"
               "  return (%s >> ((off & 3u) * 8u)) & mask;\n}\n",
               v->name, at ? P("atomicLoad(&%s[off >> 2u])", v->name) : P("%s[off >> 2u]", v->name));
  if (at)
    cw_sb_printf(out,
                 "// the bytes m of word w become bits, keeping the bytes other threads write\n"
                 "fn cw_pk_st_%s(w: u32, m: u32, bits: u32) {\n"
                 "  var old = atomicLoad(&%s[w]);\n"
                 "  loop {\n"
                 "    let r = atomicCompareExchangeWeak(&%s[w], old, (old & ~m) | bits);\n"
                 "    if (r.exchanged) {\n"
                 "      break;\n"
                 "    }\n"
                 "    old = r.old_value;\n"
                 "  }\n}\n",
                 v->name, v->name, v->name);
}
