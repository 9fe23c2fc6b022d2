#pragma once
// The standard-library reference (docs/stdlib.md), rendered from the builtin registry: one line
// per builtin, `name(parameter kinds) result — doc`, grouped by package.

#include <string>

namespace cfgc::stdlib {

// Markdown for every predeclared builtin and every package of the catalogue. Call
// register_all() first.
std::string render_reference();

}  // namespace cfgc::stdlib
