// Building and inspecting vertices from outside the evaluator (evaluator.h, "vertex API"):
// what builtins, commands and the task runner need, so that none of them sets vertex fields
// by hand.
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

}  // namespace cfgc::eval
