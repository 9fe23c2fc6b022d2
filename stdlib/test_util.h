#pragma once
// Test helpers for the standard-library packages: evaluate a small CUE program end to end
// (parse, compile, evaluate, export) and look at its JSON or its errors.
//
//   CHECK(eval_expr(R"(strings.Repeat("ab", 2))") == R"("abab")");
//   CHECK_CONTAINS(eval_expr(R"(strings.Repeat("ab", -1))"), "negative count");

#include <doctest/doctest.h>

#include <cctype>
#include <memory>
#include <string>
#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/eval/label.h"
#include "compiler/export/export.h"
#include "compiler/syntax/parser.h"
#include "stdlib/catalog.h"
#include "stdlib/register.h"

namespace cfgc::stdlib::testing {

// JSON text without the white space outside strings.
inline std::string compact_json(std::string_view s) {
  std::string out;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      out += c;
      if (c == '\\' && i + 1 < s.size()) {
        out += s[++i];
      } else if (c == '"') {
        in_str = false;
      }
      continue;
    }
    if (c == '"') in_str = true;
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// One CUE file, evaluated.
class Program {
 public:
  explicit Program(std::string_view src) {
    register_all();
    ev_ = std::make_unique<eval::Evaluator>(arena_);
    const SourceFile& f = files_.add("test.cue", std::string(src));
    syntax::File* file = syntax::parse_file(arena_, f, diags_);
    if (diags_.has_errors()) return;
    compiler_ = std::make_unique<eval::Compiler>(arena_, diags_);
    std::vector<syntax::File*> files{file};
    eval::CompiledPackage pkg = compiler_->compile_package(files);
    if (diags_.has_errors()) return;
    root_ = ev_->add_package(pkg);
    ev_->finalize(root_);
  }

  eval::Evaluator& evaluator() { return *ev_; }
  eval::Vertex* root() { return root_; }

  // Compile errors, or evaluation errors (with incomplete values when `incomplete`), one
  // "path: message" per line; "" if there are none.
  std::string errors(bool incomplete = true) {
    std::string out;
    auto add = [&](const Diagnostic& d) {
      if (!out.empty()) out += '\n';
      out += d.path.empty() ? d.message : d.path + ": " + d.message;
    };
    if (!root_) {
      for (const Diagnostic& d : diags_.list()) add(d);
      return out;
    }
    for (const Diagnostic& d : ev_->errors(root_, incomplete)) add(d);
    return out;
  }

  // The compact JSON export of the vertex (the root by default), or "error: " and the errors.
  std::string json(eval::Vertex* v = nullptr) {
    std::string errs = errors(true);
    if (!errs.empty()) return "error: " + errs;
    if (!v) v = root_;
    std::string out;
    exporter::write_json(*ev_, v, out);
    return compact_json(out);
  }

  // The field `name` of the root, or null.
  eval::Vertex* field(std::string_view name) {
    return root_ ? root_->lookup(eval::intern_label(name)) : nullptr;
  }

 private:
  FileSet files_;
  Arena arena_;
  Diagnostics diags_;
  std::unique_ptr<eval::Evaluator> ev_;
  std::unique_ptr<eval::Compiler> compiler_;
  eval::Vertex* root_ = nullptr;
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

// Checks that a string contains a substring, showing the whole string when it does not.
#define CHECK_CONTAINS(haystack, needle)                                             \
  do {                                                                               \
    std::string cfgc_haystack_ = (haystack);                                         \
    CHECK_MESSAGE(cfgc_haystack_.find(needle) != std::string::npos, cfgc_haystack_); \
  } while (0)
