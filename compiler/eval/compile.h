#pragma once
// Compiles syntax trees into the evaluator's IR (ir.h): binds every identifier to a field,
// let, comprehension variable, alias, import or predeclared name, and reports references that
// resolve to nothing. One package (all its files) is compiled together, because a top-level
// field declared in one file is visible in every other file of the package.

#include <functional>
#include <span>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/result.h"
#include "compiler/eval/ir.h"
#include "compiler/syntax/ast.h"

namespace cfgc::eval {

// Resolves an import path to a package number (for ImportRef). An error without a message
// means the problem was already reported (the import is then broken without a new message). Builtin
// packages (strings, net, …) are handled by the compiler itself.
using ImportResolver = std::function<Result<int>(std::string_view path)>;

struct CompiledPackage {
  std::vector<StructExpr*> files;  // one struct per file, all unified into the package root
};

class Compiler {
 public:
  Compiler(Arena& arena, Diagnostics& diags, ImportResolver resolver = nullptr);
  ~Compiler();

  CompiledPackage compile_package(std::span<syntax::File* const> files);

  // Compiles an expression as if written at the top level of the last compiled package (for
  // `-e` selections).
  Expr* compile_top_level_expr(const syntax::Node* expr);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace cfgc::eval
