#pragma once
// YAML data files as CUE values. Each YAML document becomes a syntax tree (structs, lists,
// literals) whose nodes carry the YAML byte offsets, so evaluation errors point at the exact
// line and column in the .yaml file. Scalars are typed by the YAML 1.2 core schema, as CUE
// reads YAML: `on`, `yes` and `no` stay strings. Aliases are resolved, `<<` merge keys are
// applied, duplicate keys are errors with both positions.

#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::load {

// One File per document (an empty file gives no documents). On a YAML syntax error, reports
// it with its position and returns what was read before it.
std::vector<syntax::File*> parse_yaml(Arena& arena, const SourceFile& src, Diagnostics& diags);

}  // namespace cfgc::load
