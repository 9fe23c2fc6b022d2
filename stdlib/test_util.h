#pragma once
// Test helpers for the standard-library packages: evaluate a small CUE program end to end
// (parse, compile, evaluate, export) with every package registered, and look at its JSON or
// its errors. Built on the evaluator's own helpers (compiler/eval/eval_test_util.h).
//
//   CHECK(eval_expr(R"(strings.Repeat("ab", 2))") == R"("abab")");
//   CHECK_CONTAINS(eval_expr(R"(strings.Repeat("ab", -1))"), "negative count");

#include <doctest/doctest.h>

#include <cctype>
#include <string>
#include <string_view>

#include "compiler/eval/eval_test_util.h"
#include "stdlib/catalog.h"
#include "stdlib/register.h"

namespace cfgc::stdlib::testing {

using eval::testing::compact_json;

// One CUE file, evaluated with the standard library.
class Program : public eval::testing::EvalProgram {
 public:
  explicit Program(std::string_view src) : EvalProgram((register_all(), src)) {}

  eval::Evaluator& evaluator() { return ev(); }

  // The compact JSON export of the vertex (the root by default), or "error: " and the errors.
  std::string json(eval::Vertex* v = nullptr) {
    std::string errs = errors(true);
    if (!errs.empty()) return "error: " + errs;
    std::string out;
    exporter::write_json(ev(), v ? v : root(), out);
    return compact_json(out);
  }

  // The field `name` of the root, or null.
  eval::Vertex* field(std::string_view name) {
    return root() ? root()->lookup(eval::intern_label(name)) : nullptr;
  }
};

// The compact JSON export of a program, or "error: " and its errors.
inline std::string run(std::string_view src) { return Program(src).json(); }

// The compact JSON value of one expression, or "error: " and the errors. Every standard
// package whose name is used (strings., net., yaml., …) is imported.
inline std::string eval_expr(std::string_view expr) {
  std::string src = "import (\n";
  for (const PackageInfo& p : packages()) {
    std::string_view name = p.path.substr(p.path.rfind('/') + 1);
    std::string use = std::string(name) + ".";
    for (size_t at = expr.find(use); at != std::string_view::npos; at = expr.find(use, at + 1)) {
      char before = at ? expr[at - 1] : ' ';
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_' || before == '.')
        continue;
      src += "\t\"" + std::string(p.path) + "\"\n";
      break;
    }
  }
  src += ")\n\nx: " + std::string(expr) + "\n";
  Program prog(src);
  std::string errs = prog.errors(true);
  if (!errs.empty()) return "error: " + errs;
  return prog.json(prog.field("x"));
}

}  // namespace cfgc::stdlib::testing
