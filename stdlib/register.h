#pragma once
// Registers every standard-library package with the builtin registry (compiler/eval/builtin.h).
// Call once before compiling CUE that imports "strings", "net", "list", …; calling it again
// does nothing.

namespace cfgc::stdlib {

void register_all();

}  // namespace cfgc::stdlib
