#pragma once
// The parser builds a syntax tree from tokens, for the whole CUE grammar. It recovers from
// errors at declaration boundaries so one run reports several problems, and it stops at a
// fixed nesting depth with an error instead of overflowing the stack.

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace cfgc::syntax {

struct ParseOptions {
  int max_depth = 1000;   // nesting of structs, lists, parentheses and unary operators
  int max_errors = 10;    // per file; further errors are dropped
};

// Parses a whole file. Never returns null; on errors the tree holds Bad* nodes and diags has
// at least one error.
File* parse_file(Arena& arena, const SourceFile& src, Diagnostics& diags,
                 const ParseOptions& opts = {});

// Parses a file that holds exactly one expression (for `-e` flags and tests).
Expr* parse_expr(Arena& arena, const SourceFile& src, Diagnostics& diags,
                 const ParseOptions& opts = {});

}  // namespace cfgc::syntax
