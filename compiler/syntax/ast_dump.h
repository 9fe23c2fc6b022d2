#pragma once
// A compact S-expression rendering of a syntax tree, without positions. Tests compare trees
// with it (parse → format → parse must give the same dump) and `cfgc` debugging uses it.

#include <string>

#include "compiler/syntax/ast.h"

namespace cfgc::syntax {

std::string dump(const Node* n);

}  // namespace cfgc::syntax
