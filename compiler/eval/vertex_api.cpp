// Building and inspecting vertices from outside the evaluator (evaluator.h, "vertex API"):
// what builtins, commands and the task runner need, so that none of them sets vertex fields
// by hand.
#include <algorithm>
#include <cassert>

#include "compiler/eval/evaluator.h"
#include "compiler/eval/evaluator_impl.h"

namespace cfgc::eval {

Expr* Evaluator::vertex_expr(Vertex* v, Pos pos) {
  auto* e = arena_.make<VertexExpr>(Op::VertexValue);
  e->vertex = v;
  e->pos = pos;
  return e;
}

Vertex* Evaluator::vertex_of(const Value* v) {
  // A scalar or constraint is held by the element of a one-element list.
  return v->vk == VK::Vertex ? v->vertex : new_list({v})->arcs[0];
}

Expr* Evaluator::value_expr(const Value* v, Pos pos) { return vertex_expr(vertex_of(v), pos); }

Vertex* Evaluator::new_unification(std::span<const Expr* const> parts, Pos pos) {
  Vertex* n = impl_->new_vertex(nullptr, kInvalidFeature);
  for (const Expr* e : parts) add_conjunct(n, e, pos);
  return n;
}

void Evaluator::add_conjunct(Vertex* v, const Expr* e, Pos pos) {
  assert(v->status == Status::Unevaluated);
  v->conjuncts.push_back(arena_, Conjunct{e, nullptr, nullptr, pos});
}

Vertex* Evaluator::unify_values(std::span<const Value* const> parts, Pos pos) {
  std::vector<const Expr*> exprs;
  exprs.reserve(parts.size());
  for (const Value* p : parts) exprs.push_back(value_expr(p, pos));
  Vertex* n = new_unification(exprs, pos);
  evaluate(n);
  return n;
}

std::vector<Vertex*> Evaluator::list_elements(Vertex* list) {
  evaluate(list);
  std::vector<Vertex*> out;
  for (Vertex* a : list->arcs) {
    if (is_index(a->label)) out.push_back(a);
  }
  return out;
}

std::vector<Vertex*> Evaluator::regular_fields(Vertex* v) {
  evaluate(v);
  std::vector<Vertex*> out;
  for (Vertex* a : v->arcs) {
    if (is_index(a->label) ||
        (label_kind(a->label) == LabelKind::Regular && a->arc == ArcType::Regular)) {
      out.push_back(a);
    }
  }
  return out;
}

void*& Evaluator::builtin_slot(const void* tag) { return impl_->builtin_slots[tag]; }

const Value* Evaluator::concrete_value(Vertex* v) {
  finalize(v);
  if (!v->value) return vertex_value(v);
  return resolve(v->value);
}

bool Evaluator::equal_data(const Value* a, const Value* b) {
  a = resolve(a);
  b = resolve(b);
  if (a->vk == VK::Num && b->vk == VK::Num) return Number::compare(a->num, b->num) == 0;
  if (a->vk != b->vk) return false;
  switch (a->vk) {
    case VK::Null: return true;
    case VK::Bool: return a->b == b->b;
    case VK::String:
    case VK::Bytes: return a->str == b->str;
    case VK::Vertex: {
      Vertex* x = a->vertex;
      Vertex* y = b->vertex;
      if (x == y) return true;
      if (x->is_list != y->is_list) return false;
      auto xs = regular_fields(x);
      auto ys = regular_fields(y);
      if (xs.size() != ys.size()) return false;
      for (size_t i = 0; i < xs.size(); ++i) {
        Vertex* other = x->is_list ? ys[i] : y->lookup(xs[i]->label);
        if (!other || (!x->is_list && other->arc != ArcType::Regular)) return false;
        if (!equal_data(vertex_value(xs[i]), vertex_value(other))) return false;
      }
      return true;
    }
    default: return a == b;
  }
}

namespace {

// Finds the vertices the expressions of a subtree refer to. Struct literals and
// comprehensions are not entered: what they declare becomes arcs, whose own conjuncts (with
// the right environments) are visited in turn.
struct ReferenceWalker {
  std::vector<Vertex*>& out;

  static Env* up(Env* env, uint16_t n) {
    for (uint16_t i = 0; i < n && env; ++i) env = env->up;
    return env;
  }

  // The vertex a reference chain (a, a.b.c, a[0]) stands for, as deep as it exists.
  Vertex* target(const Expr* e, Env* env) {
    switch (e->op) {
      case Op::FieldRef: {
        auto* r = static_cast<const RefExpr*>(e);
        Env* f = up(env, r->up);
        return f && f->vertex ? f->vertex->lookup(r->label) : nullptr;
      }
      case Op::SlotRef: {
        auto* r = static_cast<const RefExpr*>(e);
        Env* f = up(env, r->up);
        const Value* v = f && r->slot < 2 ? f->slots[r->slot] : nullptr;
        return v && v->vk == VK::Vertex ? v->vertex : nullptr;
      }
      case Op::VertexValue: return static_cast<const VertexExpr*>(e)->vertex;
      case Op::Selector: {
        auto* s = static_cast<const SelectorExpr*>(e);
        Vertex* base = target(s->x, env);
        if (!base) {
          walk(s->x, env);
          return nullptr;
        }
        Vertex* a = base->lookup(s->label);
        return a ? a : base;
      }
      case Op::Index: {
        auto* ix = static_cast<const IndexExpr*>(e);
        walk(ix->index, env);
        walk(ix->hi, env);
        return target(ix->x, env);
      }
      default:
        // Not a reference: what it refers to (`[for k, _ in x {k}][0]` refers to x).
        walk(e, env);
        return nullptr;
    }
  }

  void walk(const Expr* e, Env* env) {
    if (!e) return;
    switch (e->op) {
      case Op::FieldRef:
      case Op::SlotRef:
      case Op::VertexValue:
      case Op::Selector:
      case Op::Index:
        if (Vertex* t = target(e, env)) out.push_back(t);
        return;
      case Op::Unary: walk(static_cast<const UnaryExpr*>(e)->x, env); return;
      case Op::Binary:
        walk(static_cast<const BinaryExpr*>(e)->x, env);
        walk(static_cast<const BinaryExpr*>(e)->y, env);
        return;
      case Op::Conjunction:
      case Op::Disjunction:
        for (const Expr* x : static_cast<const NaryExpr*>(e)->xs) walk(x, env);
        return;
      case Op::Call: {
        auto* c = static_cast<const CallExpr*>(e);
        walk(c->fn, env);
        for (const Expr* x : c->args) walk(x, env);
        return;
      }
      case Op::Interpolation:
        for (const Expr* x : static_cast<const InterpolationExpr*>(e)->exprs) walk(x, env);
        return;
      case Op::List: {
        auto* l = static_cast<const ListExpr*>(e);
        for (size_t i = 0; i < l->elems.size(); ++i) {
          if (i < l->comps.size() && l->comps[i]) {
            comprehension(l->comps[i], env);
          } else {
            walk(l->elems[i], env);
          }
        }
        return;
      }
      default: return;  // literals, structs, lets, imports, builtins
    }
  }

  // The source of a comprehension's first clause (`for x in SOURCE`, `if COND`) is evaluated
  // in the enclosing frame; later clauses and the body get frames of their own, whose values
  // become arcs visited in turn.
  void comprehension(const Comprehension* c, Env* env) {
    if (c && !c->clauses.empty()) walk(c->clauses[0].expr, env);
  }

  // A struct literal that is a conjunct of `self`: its frame is self's.
  void struct_literal(const StructExpr* s, Env* outer, Vertex* self) {
    Env frame;
    frame.up = outer;
    frame.vertex = self;
    frame.s = s;
    for (const Decl& d : s->decls) {
      if (d.kind == Decl::Comprehension) comprehension(d.comp, &frame);
      if (d.kind == Decl::Embed || d.kind == Decl::DynamicField)
        walk(d.kind == Decl::Embed ? d.value : d.label_expr, &frame);
    }
  }
};

bool within(const Vertex* v, const Vertex* root) {
  for (; v; v = v->parent) {
    if (v == root) return true;
  }
  return false;
}

}  // namespace

std::vector<Vertex*> Evaluator::references(Vertex* v) {
  evaluate(v);
  std::vector<Vertex*> found;
  ReferenceWalker w{found};
  std::vector<Vertex*> todo{v};
  while (!todo.empty()) {
    Vertex* x = todo.back();
    todo.pop_back();
    evaluate(x);
    for (const Conjunct& c : x->conjuncts) {
      if (c.expr->op == Op::Struct) {
        w.struct_literal(static_cast<const StructExpr*>(c.expr), c.env, x);
      } else {
        w.walk(c.expr, c.env);
      }
    }
    for (Vertex* a : x->arcs) todo.push_back(a);
  }
  std::vector<Vertex*> out;
  for (Vertex* t : found) {
    if (within(t, v) || std::find(out.begin(), out.end(), t) != out.end()) continue;
    out.push_back(t);
  }
  return out;
}

}  // namespace cfgc::eval
