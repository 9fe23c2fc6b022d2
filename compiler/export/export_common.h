#pragma once
// Shared by the writers: which arcs are exported and the concrete value of a vertex.

#include <vector>

#include "compiler/eval/evaluator.h"

namespace cfgc::exporter {

// The regular, non-optional, non-definition, non-hidden arcs of a struct, in order.
inline std::vector<eval::Vertex*> exported_arcs(eval::Vertex* v) {
  std::vector<eval::Vertex*> out;
  for (eval::Vertex* a : v->arcs) {
    if (eval::is_index(a->label)) {
      out.push_back(a);
      continue;
    }
    if (eval::label_kind(a->label) != eval::LabelKind::Regular) continue;
    if (a->arc != eval::ArcType::Regular) continue;
    out.push_back(a);
  }
  return out;
}

// The value to write for a vertex: its default if it is a disjunction; a Vertex value for
// structs and lists.
inline const eval::Value* concrete_of(eval::Evaluator& ev, eval::Vertex* v) {
  ev.finalize(v);
  if (!v->value) return ev.vertex_value(v);
  return ev.resolve(v->value);
}

}  // namespace cfgc::exporter
