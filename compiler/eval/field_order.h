#pragma once
// The order of a struct's fields, as cue prints them.
//
// cue orders the fields of a struct that several struct literals contributed to by a
// topological sort of the literals' field sequences: every literal's order is respected where
// the literals agree, and where they do not, the first literal (in evaluation order) whose
// next field has no unplaced predecessor wins. The variant of Kahn's algorithm is cue's
// (v0.4 to v0.6): placing a field releases the next field of that sequence only while more
// than one field remains in it, and a cycle is broken at the first sequence's head.
// Users compare generated files byte for byte, so the quirks are kept.

#include <cstdint>
#include <span>
#include <vector>

#include "compiler/eval/label.h"

namespace cfgc::eval {

struct Vertex;
struct StructExpr;

// The rank of every label of `sequences` in the topological order (0 first). Labels that
// appear in no sequence are not in the result.
std::vector<std::pair<Feature, uint32_t>> topological_field_ranks(
    std::vector<std::vector<Feature>> sequences);

// Reorders v's fields as cue orders them, given the struct literals that contributed to v
// (comprehension bodies included) in the order the evaluator added them. Fields no literal
// declares by name (dynamic fields, fields of a computed struct) form one more sequence, in
// their current order, as cue appends them ({a: 1, b: 2, c: 3, ("d"): 4} gives a, b, d, c).
void order_fields(Vertex* v, std::span<const StructExpr* const> literals);

}  // namespace cfgc::eval
