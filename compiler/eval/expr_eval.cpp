// Expression evaluation: references, selectors, indexing, calls, operators, interpolation.
#include <fmt/format.h>

#include "compiler/base/quote.h"
#include "compiler/base/regex_cache.h"
#include "compiler/base/utf8.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/syntax/literal.h"

namespace cfgc::eval {

using syntax::Tok;

namespace {
Env* walk_up(Env* env, uint16_t up) {
  for (uint16_t i = 0; i < up && env; ++i) env = env->up;
  return env;
}
}  // namespace

const Value* Evaluator::Impl::eval(const Expr* e, Env* env) {
  if (e->is_const) {
    if (!e->cached) e->cached = eval_uncached(e, env);
    return e->cached;
  }
  return eval_uncached(e, env);
}

const Value* Evaluator::Impl::eval_uncached(const Expr* e, Env* env) {
  switch (e->op) {
    case Op::Top: return top_value;
    case Op::BottomLit:
      return bottom(e->pos, "explicit error (_|_ literal) in source", Bottom::Error);
    case Op::ErrorLit:
      return bottom(e->pos, std::string(static_cast<const ErrorExpr*>(e)->message), Bottom::Incomplete);
    case Op::Null:
    case Op::Bool:
    case Op::Num:
    case Op::String:
    case Op::BasicType:
      // Built with the literal (literal_expr): never reached without one.
      if (e->cached) return e->cached;
      return bottom(e->pos, "internal error: literal without a value", Bottom::Error);
    case Op::FieldRef: {
      auto* r = static_cast<const RefExpr*>(e);
      Env* f = walk_up(env, r->up);
      if (!f || !f->vertex)
        return bottom(e->pos, fmt::format("reference \"{}\" not found", r->name), Bottom::Error);
      Vertex* a = f->vertex->lookup(r->label);
      if (!a) {
        if (f->vertex->status == Status::Evaluating) {
          return bottom(e->pos, fmt::format("reference \"{}\" is not yet defined", r->name),
                        Bottom::Incomplete);
        }
        return bottom(e->pos, fmt::format("reference \"{}\" not found", r->name), Bottom::Error);
      }
      if (a->arc != ArcType::Regular) {
        // Optional (`a?: 1`) unless another conjunct makes it regular, as for selectors.
        evaluate(a);
        if (a->arc != ArcType::Regular) {
          return bottom(e->pos, fmt::format("cannot reference optional field {}", r->name),
                        Bottom::Incomplete);
        }
      }
      // One Value per vertex serves every reference to it.
      if (!a->self) {
        Value* v = new_value(VK::Vertex, e->pos);
        v->vertex = a;
        v->src = e->src;
        a->self = v;
      }
      return a->self;
    }
    case Op::LetRef: {
      auto* r = static_cast<const RefExpr*>(e);
      Env* f = walk_up(env, r->up);
      if (!f || !f->s)
        return bottom(e->pos, fmt::format("reference \"{}\" not found", r->name), Bottom::Error);
      for (LetValue* l = f->lets; l; l = l->next) {
        if (l->label != r->label) continue;
        if (!l->value)
          return bottom(e->pos, fmt::format("cycle: let {} refers to itself", r->name),
                        Bottom::Cycle);
        return l->value;
      }
      const Decl* decl = nullptr;
      for (const Decl& d : f->s->decls) {
        if (d.kind == Decl::Let && d.label == r->label) decl = &d;
      }
      if (!decl)
        return bottom(e->pos, fmt::format("reference \"{}\" not found", r->name), Bottom::Error);
      LetValue* l = arena.make<LetValue>();
      l->label = r->label;
      l->next = f->lets;
      f->lets = l;
      const Value* v = eval(decl->value, f);
      l->value = v;
      return v;
    }
    case Op::FrameRef: {
      Env* f = walk_up(env, static_cast<const RefExpr*>(e)->up);
      if (!f || !f->vertex) return bottom(e->pos, "alias refers to no struct", Bottom::Error);
      return ev.vertex_value(f->vertex, e->pos);
    }
    case Op::SlotRef: {
      auto* r = static_cast<const RefExpr*>(e);
      Env* f = walk_up(env, r->up);
      if (!f || !f->slots[r->slot])
        return bottom(e->pos, fmt::format("reference \"{}\" not found", r->name), Bottom::Error);
      // A label bound by a pattern alias or a comprehension key has no position of its own:
      // the node adding it places it at the reference (NodeState::hint).
      return f->slots[r->slot];
    }
    case Op::ImportRef: {
      auto* r = static_cast<const RefExpr*>(e);
      return ev.vertex_value(ev.package_root(r->pkg), e->pos);
    }
    case Op::BuiltinRef: {
      auto* r = static_cast<const RefExpr*>(e);
      Value* v = new_value(VK::Validator, e->pos);
      v->validator = r->builtin;
      v->src = e->src;
      if (!r->builtin->validator &&
          !(r->builtin->result == kBool && r->builtin->params.size() == 1)) {
        return bottom(e->pos, fmt::format("{} is a function: call it, as in {}(…)",
                                          r->builtin->qualified(), r->builtin->qualified()));
      }
      return v;
    }
    case Op::Struct:
    case Op::List:
    case Op::Conjunction:
    case Op::Disjunction: return anonymous(e, env);
    case Op::Unary: return eval_unary(static_cast<const UnaryExpr*>(e), env);
    case Op::Binary: return eval_binary(static_cast<const BinaryExpr*>(e), env);
    case Op::Selector: return eval_selector(static_cast<const SelectorExpr*>(e), env);
    case Op::Index: return eval_index(static_cast<const IndexExpr*>(e), env);
    case Op::Call: return eval_call(static_cast<const CallExpr*>(e), env);
    case Op::Interpolation:
      return eval_interpolation(static_cast<const InterpolationExpr*>(e), env);
    case Op::VertexValue: return ev.vertex_value(static_cast<const VertexExpr*>(e)->vertex, e->pos);
  }
  return bottom(e->pos, "internal error: unknown expression", Bottom::Error);
}

const Value* Evaluator::Impl::anonymous(const Expr* e, Env* env) {
  Vertex* a = new_vertex(nullptr, kInvalidFeature);
  a->conjuncts.push_back(arena, Conjunct{e, env, nullptr, e->pos});
  evaluate(a);
  Value* v = new_value(VK::Vertex, e->pos);
  v->vertex = a;
  v->src = e->src;
  return v;
}

const Value* Evaluator::Impl::resolve(const Value* v) {
  for (int guard = 0; guard < 1000; ++guard) {
    if (v->vk == VK::Disjunction) {
      const Value* def = nullptr;
      int ndef = 0;
      for (const Value* x : v->values) {
        if (x->is_default) {
          def = x;
          ++ndef;
        }
      }
      if (ndef == 1) {
        v = def;
        continue;
      }
      return v;  // ambiguous: not concrete
    }
    if (v->vk != VK::Vertex) return v;
    Vertex* t = v->vertex;
    evaluate(t);
    if (t->status == Status::Evaluating) {
      // Evaluated again to check a cycle (a: 5, a: a + 1): the value found so far.
      if (auto it = provisional.find(t); it != provisional.end()) {
        v = it->second;
        continue;
      }
      return bottom(v->pos, "cycle: value depends on itself", Bottom::Cycle);
    }
    if (t->err) {
      Value* b = new_value(VK::Bottom, v->pos);
      b->err = t->err;
      return b;
    }
    if (!t->value) return v;
    if (t->recheck && t->value->vk == VK::Disjunction) {
      // A disjunction found while its vertex was in a reference cycle with one still being
      // evaluated (b: (0|1) & !=a, read by a: 0 & !=b): provisional, as the cycle's other
      // member may still eliminate alternatives. The reader is part of the cycle too and
      // looks again once it is known.
      return bottom(v->pos, "cycle: value depends on itself", Bottom::Cycle);
    }
    if (t->value->vk == VK::Top && t->arc != ArcType::Regular) {
      return bottom(v->pos,
                    fmt::format("field {} is optional and not set", label_for_path(t->label)),
                    Bottom::Incomplete);
    }
    v = t->value;
  }
  return bottom(v->pos, "reference cycle", Bottom::Cycle);
}

// Makes an operand concrete or returns the bottom to propagate.
static const Value* operand(Evaluator::Impl& im, const Value* x, const Expr* whole,
                            const char* what) {
  if (x->vk == VK::Bottom) return x;
  if (is_concrete(x)) return nullptr;
  Value* b = const_cast<Value*>(im.bottom(
      x->pos.valid() ? x->pos : whole->pos,
      fmt::format("incomplete value {} in operand of {}", im.str(x), what), Bottom::Incomplete));
  b->src = whole->src;
  return b;
}

const Value* Evaluator::Impl::make_bound(Tok op, const Value* arg, Pos pos) {
  if (op == Tok::Mat || op == Tok::NMat) {
    if (arg->vk != VK::String) {
      return bottom(pos, fmt::format("invalid operand {} for {}: must be a string", str(arg),
                                     syntax::tok_spelling(op)));
    }
    if (Result<const RE2*> re = compiled_regex(arg->str); !re) {
      return bottom(arg->pos,
                    fmt::format("invalid regular expression {}: {}", str(arg), re.error().message));
    }
  } else if (op != Tok::Neq) {
    if (arg->vk != VK::Num && arg->vk != VK::String && arg->vk != VK::Bytes) {
      return bottom(
          pos, fmt::format("invalid operand {} for bound {}: must be a number, string or bytes",
                           str(arg), syntax::tok_spelling(op)));
    }
  }
  Value* b = new_value(VK::Bound, pos);
  b->op = op;
  b->arg = arg;
  return b;
}

const Value* Evaluator::Impl::eval_unary(const UnaryExpr* u, Env* env) {
  const Value* x = eval_resolved(u->x, env);
  if (const Value* b = operand(*this, x, u, syntax::tok_spelling(u->tok).data())) return b;
  switch (u->tok) {
    case Tok::Sub:
    case Tok::Add: {
      if (x->vk != VK::Num)
        return bottom(u->pos, fmt::format("invalid operation {}{} (not a number)",
                                          syntax::tok_spelling(u->tok), str(x)));
      if (u->tok == Tok::Add) return x;
      auto n = Number::neg(x->num);
      if (!n) return bottom(u->pos, n.error().message);
      return ev.number(*n, u->pos);
    }
    case Tok::Not:
      if (x->vk != VK::Bool)
        return bottom(u->pos, fmt::format("invalid operation !{} (not a bool)", str(x)));
      return ev.boolean(!x->b, u->pos);
    default: {
      const Value* bound = make_bound(u->tok, x, u->pos);
      if (bound->vk == VK::Bound && u->x->op != Op::Num && u->x->op != Op::String &&
          u->x->op != Op::Bool && u->x->op != Op::Null) {
        // The operand comes from elsewhere (!=h.id): a violation also shows where it was set.
        const_cast<Value*>(bound)->b = true;
      }
      return bound;
    }
  }
}

static bool is_bottom_lit(const Expr* e) { return e->op == Op::BottomLit; }

// An operand written as a type or a bound (`1 + int`, `x < <3`, `1 + _`) can never be
// concrete: cue rejects it outright (AssertConcreteIsPossible), where a reference to such a
// value is only incomplete.
static const Value* impossible_operand(Evaluator::Impl& im, const BinaryExpr* b, Env* env,
                                       bool left) {
  const Expr* e = left ? b->x : b->y;
  bool impossible = e->op == Op::Top || e->op == Op::BasicType;
  if (e->op == Op::Unary) {
    // Every unary operator but + - ! makes a bound (eval_unary).
    Tok t = static_cast<const UnaryExpr*>(e)->tok;
    impossible = t != Tok::Add && t != Tok::Sub && t != Tok::Not;
  }
  if (!impossible) return nullptr;
  // As written: `>x` stays `>x` (a bound on a plain reference is printed with its name).
  std::string text;
  const Expr* arg = e->op == Op::Unary ? static_cast<const UnaryExpr*>(e)->x : nullptr;
  if (arg && (arg->op == Op::FieldRef || arg->op == Op::LetRef || arg->op == Op::SlotRef) &&
      !static_cast<const RefExpr*>(arg)->name.empty()) {
    text = std::string(syntax::tok_spelling(static_cast<const UnaryExpr*>(e)->tok)) +
           std::string(static_cast<const RefExpr*>(arg)->name);
  } else {
    text = im.str(im.eval(e, env));
  }
  Pos pos = e->pos;
  if (const auto* s = syntax::as<syntax::BinaryExpr>(b->src)) {
    const syntax::Node* n = left ? s->x : s->y;
    if (n && n->kind == syntax::NodeKind::ParenExpr) text = "(" + text + ")";
    if (n) pos = n->pos;
  }
  return im.bottom(pos, fmt::format("invalid operand {} ('{}' requires concrete value)", text,
                                    syntax::tok_spelling(b->tok)));
}

const Value* Evaluator::Impl::eval_binary(const BinaryExpr* b, Env* env) {
  Tok op = b->tok;
  if (const Value* e = impossible_operand(*this, b, env, true)) return e;
  if (const Value* e = impossible_operand(*this, b, env, false)) return e;
  // x == _|_ / x != _|_ test whether x is an error (or undefined).
  if ((op == Tok::Eql || op == Tok::Neq) && (is_bottom_lit(b->x) || is_bottom_lit(b->y))) {
    const Expr* other = is_bottom_lit(b->x) ? b->y : b->x;
    const Value* v = eval(other, env);
    if (v->vk == VK::Vertex) {
      evaluate(v->vertex);
      // An error, or an optional field that is not set, is "not defined".
      if (v->vertex->err || v->vertex->arc != ArcType::Regular)
        v = bottom(v->pos, "", Bottom::Error);
    }
    bool is_bot = v->vk == VK::Bottom;
    return ev.boolean(op == Tok::Eql ? is_bot : !is_bot, b->pos);
  }
  const Value* x = eval_resolved(b->x, env);
  const Value* y = eval_resolved(b->y, env);
  const char* opname = syntax::tok_spelling(op).data();
  if (x->vk == VK::Bottom && x->err->code != Bottom::Incomplete) return x;
  if (y->vk == VK::Bottom && y->err->code != Bottom::Incomplete) return y;
  if (const Value* e = operand(*this, x, b, opname)) return e;
  if (const Value* e = operand(*this, y, b, opname)) return e;
  auto mismatch = [&]() {
    return bottom(b->x->pos,
                  fmt::format("invalid operands {} and {} to '{}' (type {} and {})", str(x), str(y),
                              opname, type_name(x), type_name(y)),
                  Bottom::Error, {b->y->pos});
  };
  switch (op) {
    case Tok::Eql:
    case Tok::Neq: {
      bool eq;
      if (x->vk == VK::Null || y->vk == VK::Null) {
        eq = x->vk == y->vk;
      } else if (x->vk == VK::Num && y->vk == VK::Num) {
        eq = Number::compare(x->num, y->num) == 0;
      } else if (x->vk != y->vk) {
        return mismatch();
      } else if (x->vk == VK::Vertex && !(x->vertex->is_list && y->vertex->is_list)) {
        return mismatch();  // lists compare element by element; structs do not compare
      } else {
        eq = identical(x, y);
      }
      return ev.boolean(op == Tok::Eql ? eq : !eq, b->pos);
    }
    case Tok::Lss:
    case Tok::Leq:
    case Tok::Gtr:
    case Tok::Geq: {
      int c;
      if (x->vk == VK::Num && y->vk == VK::Num) {
        c = Number::compare(x->num, y->num);
      } else if ((x->vk == VK::String || x->vk == VK::Bytes) && x->vk == y->vk) {
        c = x->str < y->str ? -1 : x->str > y->str ? 1 : 0;
      } else {
        return mismatch();
      }
      bool r = op == Tok::Lss ? c < 0 : op == Tok::Leq ? c <= 0 : op == Tok::Gtr ? c > 0 : c >= 0;
      return ev.boolean(r, b->pos);
    }
    case Tok::Mat:
    case Tok::NMat: {
      if ((x->vk != VK::String && x->vk != VK::Bytes) || y->vk != VK::String) return mismatch();
      Result<const RE2*> re = compiled_regex(y->str);
      if (!re) {
        return bottom(y->pos,
                      fmt::format("invalid regular expression {}: {}", str(y), re.error().message));
      }
      bool m = RE2::PartialMatch(x->str, **re);
      return ev.boolean(op == Tok::Mat ? m : !m, b->pos);
    }
    case Tok::LAnd:
    case Tok::LOr:
      if (x->vk != VK::Bool || y->vk != VK::Bool) return mismatch();
      return ev.boolean(op == Tok::LAnd ? (x->b && y->b) : (x->b || y->b), b->pos);
    case Tok::Add:
      if (x->vk == VK::Num && y->vk == VK::Num) {
        auto n = Number::add(x->num, y->num);
        return n ? ev.number(*n, b->pos) : bottom(b->pos, n.error().message);
      }
      if ((x->vk == VK::String || x->vk == VK::Bytes) && x->vk == y->vk) {
        std::string s(x->str);
        s += y->str;
        const Value* r = x->vk == VK::String ? ev.string(s, b->pos) : ev.bytes(s, b->pos);
        if (x->secret || y->secret) const_cast<Value*>(r)->secret = true;
        return r;
      }
      if (x->vk == VK::Vertex && y->vk == VK::Vertex && x->vertex->is_list && y->vertex->is_list) {
        std::vector<const Value*> elems;
        for (Vertex* a : x->vertex->arcs) elems.push_back(ev.vertex_value(a));
        for (Vertex* a : y->vertex->arcs) elems.push_back(ev.vertex_value(a));
        return ev.vertex_value(ev.new_list(elems), b->pos);
      }
      return mismatch();
    case Tok::Sub:
      if (x->vk == VK::Num && y->vk == VK::Num) {
        auto n = Number::sub(x->num, y->num);
        return n ? ev.number(*n, b->pos) : bottom(b->pos, n.error().message);
      }
      return mismatch();
    case Tok::Mul:
      if (x->vk == VK::Num && y->vk == VK::Num) {
        auto n = Number::mul(x->num, y->num);
        return n ? ev.number(*n, b->pos) : bottom(b->pos, n.error().message);
      }
      {
        const Value* s = x->vk == VK::Num ? y : x;
        const Value* n = x->vk == VK::Num ? x : y;
        if (n->vk == VK::Num && n->num.fits_int64() &&
            (s->vk == VK::String || s->vk == VK::Bytes)) {
          int64_t times = n->num.int_value();
          if (times < 0) return bottom(b->pos, "negative repeat count");
          if (static_cast<double>(times) * s->str.size() > 64.0 * 1024 * 1024) {
            return bottom(b->pos, "string repetition result too large");
          }
          std::string out;
          for (int64_t i = 0; i < times; ++i) out += s->str;
          return s->vk == VK::String ? ev.string(out, b->pos) : ev.bytes(out, b->pos);
        }
        if (n->vk == VK::Num && n->num.fits_int64() && s->vk == VK::Vertex && s->vertex->is_list) {
          if (n->num.int_value() < 0) {
            return bottom(b->pos, "cannot convert negative number to uint64");  // cue's words
          }
          std::vector<const Value*> elems;
          for (int64_t i = 0; i < n->num.int_value() && i < 1000000; ++i) {
            for (Vertex* a : s->vertex->arcs) elems.push_back(ev.vertex_value(a));
          }
          return ev.vertex_value(ev.new_list(elems), b->pos);
        }
      }
      return mismatch();
    case Tok::Quo:
      if (x->vk == VK::Num && y->vk == VK::Num) {
        auto n = Number::div(x->num, y->num);
        return n ? ev.number(*n, b->pos) : bottom(b->pos, n.error().message);
      }
      return mismatch();
    default: return bottom(b->pos, fmt::format("unsupported operator {}", opname));
  }
}

const Value* Evaluator::Impl::eval_selector(const SelectorExpr* s, Env* env) {
  // A struct still running its comprehensions already has its declared fields: selecting one
  // is no cycle (comprehensions that compare siblings, as uniqueness checks do).
  const Value* x = eval(s->x, env);
  bool partial = x->vk == VK::Vertex && x->vertex->status == Status::Evaluating &&
                 x->vertex->fields_known && !x->vertex->is_list && x->vertex->lookup(s->label);
  if (!partial) x = resolve(x);
  if (x->vk == VK::Bottom) return x;
  if (x->vk != VK::Vertex || x->vertex->is_list) {
    if (!is_concrete(x)) {
      return bottom(s->pos,
                    fmt::format("cannot select {} from incomplete value {}",
                                label_for_path(s->label), str(x)),
                    Bottom::Incomplete);
    }
    return bottom(s->pos, fmt::format("invalid selector {}: {} is not a struct",
                                      label_for_path(s->label), str(x)));
  }
  Vertex* t = x->vertex;
  Vertex* a = t->lookup(s->label);
  if (!a) {
    if (t->status == Status::Evaluating) {
      return bottom(s->pos,
                    fmt::format("undefined field: {} (not yet defined)", label_for_path(s->label)),
                    Bottom::Incomplete);
    }
    // An open struct may still get the field from another conjunct: incomplete, not an error.
    return bottom(s->pos, fmt::format("undefined field: {}", label_for_path(s->label)),
                  t->is_list || never_allows(t, s->label) ? Bottom::Error : Bottom::Incomplete);
  }
  if (a->arc != ArcType::Regular) {
    evaluate(a);
    if (a->arc != ArcType::Regular) {
      return bottom(s->pos,
                    fmt::format("cannot reference optional field {}", label_for_path(s->label)),
                    Bottom::Incomplete);
    }
  }
  // One Value per vertex serves every selection of it, as for plain references.
  if (!a->self) {
    Value* v = new_value(VK::Vertex, s->pos);
    v->vertex = a;
    v->src = s->src;
    a->self = v;
  }
  return a->self;
}

// x[lo:hi] on a list (a new list of those elements) or bytes, as cue v0.4 to v0.6 evaluate
// it; strings cannot be sliced.
const Value* Evaluator::Impl::eval_slice(const IndexExpr* ix, Env* env) {
  const Value* x = eval_resolved(ix->x, env);
  if (x->vk == VK::Bottom) return x;
  bool is_list = x->vk == VK::Vertex && x->vertex->is_list;
  if (!is_list && x->vk != VK::Bytes) {
    if (!is_concrete(x)) {
      return bottom(ix->pos, fmt::format("non-concrete slice subject {}", str(x)),
                    Bottom::Incomplete);
    }
    return bottom(ix->pos, fmt::format("cannot slice {} (type {})", str(x), type_name(x)));
  }
  uint64_t len = is_list ? list_len(x->vertex) : x->str.size();
  uint64_t bound[2] = {0, len};
  const Expr* bounds[2] = {ix->index, ix->hi};
  for (int k = 0; k < 2; ++k) {
    if (!bounds[k]) continue;
    const Value* b = eval_resolved(bounds[k], env);
    if (b->vk == VK::Bottom) return b;
    if (!is_concrete(b)) {
      return bottom(bounds[k]->pos, fmt::format("incomplete slice index {}", str(b)),
                    Bottom::Incomplete);
    }
    if (b->vk != VK::Num || !b->num.is_int()) {
      return bottom(bounds[k]->pos,
                    fmt::format("invalid slice index {} (must be an integer)", str(b)));
    }
    if (Number::compare(b->num, Number::from_int(0)) < 0) {
      return bottom(ix->pos, "cannot convert negative number to uint64");
    }
    bound[k] = b->num.fits_int64() ? static_cast<uint64_t>(b->num.int_value()) : UINT64_MAX;
  }
  if (ix->hi && bound[1] > len)
    return bottom(ix->pos, fmt::format("index {} out of range", bound[1]));
  if (bound[0] > bound[1]) {
    return bottom(ix->pos, fmt::format("invalid slice index: {} > {}", bound[0], bound[1]));
  }
  if (!is_list) return ev.bytes(x->str.substr(bound[0], bound[1] - bound[0]), ix->pos);
  std::vector<const Value*> elems;
  for (uint64_t i = bound[0]; i < bound[1]; ++i)
    elems.push_back(ev.vertex_value(x->vertex->arcs[i]));
  return ev.vertex_value(ev.new_list(elems), ix->pos);
}

const Value* Evaluator::Impl::eval_index(const IndexExpr* ix, Env* env) {
  if (ix->slice) return eval_slice(ix, env);
  const Value* x = eval_resolved(ix->x, env);
  const Value* i = eval_resolved(ix->index, env);
  if (x->vk == VK::Bottom) return x;
  if (i->vk == VK::Bottom) return i;
  if (!is_concrete(i))
    return bottom(ix->index->pos, fmt::format("incomplete index {}", str(i)), Bottom::Incomplete);
  if (x->vk == VK::Vertex && x->vertex->is_list) {
    if (i->vk != VK::Num || !i->num.is_int()) {
      return bottom(ix->index->pos,
                    fmt::format("invalid list index {} (must be an integer)", str(i)));
    }
    if (!i->num.fits_int64())
      return bottom(ix->index->pos, fmt::format("index {} out of range", str(i)));
    int64_t n = i->num.int_value();
    Vertex* t = x->vertex;
    if (n < 0 || n >= static_cast<int64_t>(list_len(t))) {
      if (n >= 0 && t->list_open) {
        // An open list may still get that element.
        return bottom(
            ix->index->pos,
            fmt::format("index {} not yet available (open list of length {})", n, list_len(t)),
            Bottom::Incomplete);
      }
      return bottom(ix->index->pos,
                    fmt::format("index out of range [{}] with length {}", n, list_len(t)));
    }
    return ev.vertex_value(t->arcs[n], ix->pos);
  }
  if (x->vk == VK::Vertex) {
    if (i->vk != VK::String)
      return bottom(ix->index->pos,
                    fmt::format("invalid struct index {} (must be a string)", str(i)));
    Feature f = intern_label(i->str);
    Vertex* a = x->vertex->lookup(f);
    if (!a) {
      // As a selector: an open struct may still get the field.
      return bottom(ix->pos, fmt::format("undefined field: {}", cue_quote(i->str)),
                    x->vertex->status == Status::Evaluating || !never_allows(x->vertex, f)
                        ? Bottom::Incomplete
                        : Bottom::Error);
    }
    if (a->arc != ArcType::Regular) {
      evaluate(a);
      if (a->arc != ArcType::Regular) {
        return bottom(ix->pos, fmt::format("cannot reference optional field {}", i->str),
                      Bottom::Incomplete);
      }
    }
    return ev.vertex_value(a, ix->pos);
  }
  if ((x->vk == VK::String || x->vk == VK::Bytes) && i->vk == VK::Num && i->num.fits_int64()) {
    int64_t n = i->num.int_value();
    if (n < 0 || n >= static_cast<int64_t>(x->str.size())) {
      return bottom(ix->index->pos,
                    fmt::format("index out of range [{}] with length {}", n, x->str.size()));
    }
    if (x->vk == VK::Bytes) return ev.integer(static_cast<unsigned char>(x->str[n]), ix->pos);
    return bottom(ix->pos, "cannot index a string; use strings.ByteAt or strings.Runes");
  }
  if (!is_concrete(x))
    return bottom(ix->pos, fmt::format("cannot index incomplete value {}", str(x)),
                  Bottom::Incomplete);
  return bottom(ix->pos, fmt::format("cannot index {} (type {})", str(x), type_name(x)));
}

const Value* Evaluator::Impl::eval_call(const CallExpr* c, Env* env) {
  const Builtin* b = nullptr;
  if (c->fn->op == Op::BuiltinRef) b = static_cast<const RefExpr*>(c->fn)->builtin;
  if (!b) {
    const Value* f = eval(c->fn, env);
    if (f->vk == VK::Bottom) return f;
    return bottom(c->pos, fmt::format("cannot call non-function {}", str(f)));
  }
  std::vector<const Value*> args;
  for (const Expr* a : c->args) args.push_back(eval_resolved(a, env));
  size_t want = b->params.size();
  // Any builtin that answers true or false is a validator too, as in cue: `net.FQDN` alone, or
  // `strings.HasPrefix("a")` with the checked value as the missing first argument.
  if ((b->validator || b->result == kBool) && !b->variadic && args.size() + 1 == want) {
    // Partial application: a constraint that checks a value later (strings.MinRunes(3)).
    for (const Value* a : args) {
      if (a->vk == VK::Bottom) return a;
      if (!is_concrete(a))
        return bottom(a->pos, fmt::format("incomplete argument {} to {}", str(a), b->qualified()),
                      Bottom::Incomplete);
    }
    Value* v = new_value(VK::Validator, c->pos);
    v->validator = b;
    v->values = arena.copy(args);
    v->src = c->src;
    return v;
  }
  if ((!b->variadic && args.size() != want) || (b->variadic && args.size() + 1 < want)) {
    return bottom(c->pos, fmt::format("{} arguments in call to {} (have {}, want {})",
                                      args.size() < want ? "not enough" : "too many",
                                      b->qualified(), args.size(), want));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const Value* a = args[i];
    uint16_t want_kind =
        b->params.empty() ? uint16_t(kTop) : b->params[std::min(i, b->params.size() - 1)];
    if (a->vk == VK::Bottom) return a;
    if (want_kind == kTop) continue;
    if (!is_concrete(a)) {
      Value* e = const_cast<Value*>(bottom(
          a->pos.valid() ? a->pos : c->pos,
          fmt::format("incomplete argument {} to {}", str(a), b->qualified()), Bottom::Incomplete));
      e->src = c->src;
      return e;
    }
    uint16_t k = a->vk == VK::Vertex ? uint16_t(a->vertex->is_list ? kList : kStruct) : kind_of(a);
    if (!(k & want_kind)) {
      return bottom(a->pos.valid() ? a->pos : c->pos,
                    fmt::format("cannot use {} (type {}) as {} in argument {} to {}", str(a),
                                type_name(a), kind_name(want_kind), i + 1, b->qualified()));
    }
  }
  CallContext ctx{ev, c->pos, b->qualified()};
  const Value* r = b->fn(ctx, args);
  return r ? r : bottom(c->pos, fmt::format("{} returned no value", b->qualified()));
}

static void append_interpolated(Evaluator::Impl& im, const Value* v, std::string& out) {
  switch (v->vk) {
    case VK::String:
    case VK::Bytes: out += v->str; break;
    case VK::Num: out += v->num.str(); break;
    case VK::Bool: out += v->b ? "true" : "false"; break;
    case VK::Null: out += "null"; break;
    default: out += im.str(v); break;
  }
}

const Value* Evaluator::Impl::eval_interpolation(const InterpolationExpr* in, Env* env) {
  std::string out(in->segments[0]);
  bool secret = false;
  for (size_t i = 0; i < in->exprs.size(); ++i) {
    const Value* v = eval_resolved(in->exprs[i], env);
    secret |= v->secret;
    if (v->vk == VK::Bottom) {
      if (v->err->code == Bottom::Incomplete) {
        Value* b =
            const_cast<Value*>(bottom(v->pos, std::string(v->err->message), Bottom::Incomplete));
        b->src = in->src;
        return b;
      }
      return v;
    }
    if (!is_concrete(v)) {
      Value* b = const_cast<Value*>(
          bottom(in->exprs[i]->pos, fmt::format("incomplete value {} in interpolation", str(v)),
                 Bottom::Incomplete));
      b->src = in->src;
      return b;
    }
    if (v->vk == VK::Vertex || v->vk == VK::Null) {
      return bottom(
          in->pos,
          fmt::format(
              "invalid interpolation: cannot use {} (type {}) as type (bool|string|bytes|number)",
              v->vk == VK::Null ? "null" : str(v), type_name(v)),
          Bottom::Error, {v->pos});
    }
    append_interpolated(*this, v, out);
    out += in->segments[i + 1];
  }
  if (!in->is_bytes && !utf8::valid(out)) {
    // Bytes that are not UTF-8 (`"\(b)"` with b: '\xed\x95'): each maximal subpart of an
    // ill-formed sequence becomes one U+FFFD (Unicode's recommended practice, as cue does:
    // '\xed\x95' is the start of a 3-byte sequence, one character; '\x80\x95' is two).
    std::string valid;
    for (size_t i = 0; i < out.size();) {
      size_t len = 1;
      auto b = [&](size_t k) { return static_cast<unsigned char>(out[k]); };
      if (b(i) < 0x80 || utf8::decode(out, i, len) != utf8::kInvalid) {
        valid.append(out, i, len);
        i += len;
        continue;
      }
      unsigned char lead = b(i);
      size_t need = lead >= 0xC2 && lead <= 0xDF   ? 1
                    : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                   : 0;
      unsigned char lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
      unsigned char hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
      len = 1;
      for (size_t k = 0; k < need && i + len < out.size(); ++k) {
        unsigned char c = b(i + len);
        if (k == 0 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) break;
        ++len;
      }
      valid += "\xEF\xBF\xBD";
      i += len;
    }
    out = std::move(valid);
  }
  const Value* r = in->is_bytes ? ev.bytes(out, in->pos) : ev.string(out, in->pos);
  if (secret) const_cast<Value*>(r)->secret = true;  // "user:\(pwd)" stays secret
  return r;
}

const Value* Evaluator::Impl::check_constraint(const Value* c, const Value* x) {
  // While disjuncts are tried (quiet), a failure is only counted: formatting the message of
  // each of an enumeration's hundreds of alternatives cost more than the whole check.
  auto out_of_bound = [&]() {
    if (quiet) return quiet_bottom;
    std::vector<Pos> more{x->pos};
    if (c->b && c->arg->pos.valid() && c->arg->pos != x->pos) more.push_back(c->arg->pos);
    return bottom(c->pos, fmt::format("invalid value {} (out of bound {})", str(x), str(c)),
                  Bottom::Error, std::move(more));
  };
  switch (c->vk) {
    case VK::Bound: {
      const Value* a = c->arg;
      switch (c->op) {
        case Tok::Neq:
          if (x->vk == a->vk && identical(x, a)) return out_of_bound();
          if (x->vk == VK::Num && a->vk == VK::Num && Number::compare(x->num, a->num) == 0)
            return out_of_bound();
          return top_value;
        case Tok::Mat:
        case Tok::NMat: {
          if (x->vk != VK::String && x->vk != VK::Bytes) {
            if (quiet) return quiet_bottom;
            return bottom(
                x->pos,
                fmt::format("conflicting values {} and {} (mismatched types {} and string)", str(c),
                            str(x), type_name(x)),
                Bottom::Error, {c->pos});
          }
          Result<const RE2*> re = compiled_regex(a->str);
          if (!re)
            return bottom(c->pos,
                          fmt::format("invalid regular expression: {}", re.error().message));
          bool m = RE2::PartialMatch(x->str, **re);
          if (m != (c->op == Tok::Mat)) return out_of_bound();
          return top_value;
        }
        default: {
          int cmp;
          if (x->vk == VK::Num && a->vk == VK::Num) {
            cmp = Number::compare(x->num, a->num);
          } else if ((x->vk == VK::String || x->vk == VK::Bytes) && x->vk == a->vk) {
            cmp = x->str < a->str ? -1 : x->str > a->str ? 1 : 0;
          } else {
            if (quiet) return quiet_bottom;
            return bottom(x->pos,
                          fmt::format("conflicting values {} and {} (mismatched types {} and {})",
                                      str(c), str(x), type_name(a), type_name(x)),
                          Bottom::Error, {c->pos});
          }
          bool ok = c->op == Tok::Lss   ? cmp < 0
                    : c->op == Tok::Leq ? cmp <= 0
                    : c->op == Tok::Gtr ? cmp > 0
                                        : cmp >= 0;
          return ok ? top_value : out_of_bound();
        }
      }
    }
    case VK::Validator: {
      std::vector<const Value*> args{x};
      for (const Value* a : c->values) args.push_back(a);
      // A function used as a validator gets a value of the kind it takes, or the mismatch.
      if (!c->validator->validator && !c->validator->params.empty()) {
        uint16_t want = c->validator->params[0];
        uint16_t k =
            x->vk == VK::Vertex ? uint16_t(x->vertex->is_list ? kList : kStruct) : kind_of(x);
        if (want != kTop && !(k & want)) {
          return bottom(c->pos,
                        fmt::format("invalid value {} (does not satisfy {}): {} is not a {}",
                                    str(x), str(c), type_name(x), kind_name(want)),
                        Bottom::Error, {x->pos});
        }
      }
      CallContext ctx{ev, c->pos, c->validator->qualified(), true};
      const Value* r = c->validator->fn(ctx, args);
      if (r && r->vk == VK::Bool && r->b) return top_value;
      if (r && r->vk == VK::Bottom) {
        // Not yet satisfied (an open list or struct may still grow): incomplete, not an error.
        Bottom::Code code = r->err->code == Bottom::Incomplete ? Bottom::Incomplete : Bottom::Error;
        return bottom(c->pos,
                      fmt::format("invalid value {} (does not satisfy {}): {}", str(x), str(c),
                                  r->err->message),
                      code, {x->pos});
      }
      return bottom(c->pos, fmt::format("invalid value {} (does not satisfy {})", str(x), str(c)),
                    Bottom::Error, {x->pos});
    }
    case VK::Disjunction: {
      for (const Value* d : c->values) {
        if (identical(d, x)) return top_value;
        if (!is_concrete(d)) {
          const Value* r = check_constraint(d, x);
          if (r->vk != VK::Bottom && (kind_of(d) & kind_of(x))) return top_value;
        }
      }
      return bottom(x->pos, fmt::format("{} does not match any of {}", str(x), str(c)),
                    Bottom::Error, {c->pos});
    }
    case VK::BasicType:
      if (c->kinds & kind_of(x)) return top_value;
      return bottom(x->pos,
                    fmt::format("conflicting values {} and {} (mismatched types {} and {})", str(c),
                                str(x), kind_name(c->kinds), type_name(x)),
                    Bottom::Error, {c->pos});
    case VK::Conjunction:
      // The type first, as add_value meets it.
      for (int pass = 0; pass < 2; ++pass) {
        for (const Value* d : c->values) {
          if ((d->vk == VK::BasicType) != (pass == 0)) continue;
          const Value* r = check_constraint(d, x);
          if (r->vk == VK::Bottom) return r;
        }
      }
      return top_value;
    default: return top_value;
  }
}

bool Evaluator::Impl::label_matches(const Value* m, Feature label) {
  if (!m) return false;
  switch (m->vk) {
    case VK::Top: return true;
    case VK::BasicType: return m->kinds & kString;
    case VK::String: return m->str == label_name(label);
    default: {
      return check_constraint(m, label_string(label))->vk != VK::Bottom;
    }
  }
}

}  // namespace cfgc::eval
