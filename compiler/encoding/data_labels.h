#pragma once
// Labels of data (YAML and JSON keys) as CUE's decoders make them: a key that is an
// identifier (`mtu`, `leaf1`) becomes an identifier label, so `cfgc eval hosts.yaml -e mtu`
// and references from CUE files reach it; any other key (`"swp1.10"`, `"_x"`, `"#y"`, `"if"`)
// stays a quoted string, which no reference reaches and which keeps its meaning (never a hidden
// field or a definition).

#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

// A key CUE's decoders turn into an identifier: letters, digits, '_' and '$', not starting with
// a digit, '_' or '#', and not a keyword.
bool is_identifier_key(std::string_view key);

// The label for a data key at `at`.
syntax::Node* data_label(Arena& arena, std::string_view key, Pos at, Pos end);
// The same for a key whose bytes outlive the syntax tree (the source's, or the arena's): they
// are not copied.
syntax::Node* data_label_of_stable(Arena& arena, std::string_view key, Pos at, Pos end);

// Rewrites the quoted labels of a parsed JSON document that are identifiers (JSON is read as
// CUE syntax, where every key is a string).
void identifier_labels(Arena& arena, syntax::Node* n);

}  // namespace cfgc::encoding
