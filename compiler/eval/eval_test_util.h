#pragma once
// Test helpers for the evaluator: parse, compile and evaluate one CUE source (no standard
// library; only the core builtins the Evaluator registers), then look at its vertices, its
// errors or its JSON export.
//
//   EvalProgram p("a: b: 1");
//   CHECK(p.field("a.b")->value->num.int_value() == 1);
//   CHECK(p.json() == R"({"a":{"b":1}})");

#include <doctest/doctest.h>

#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/evaluator.h"
#include "compiler/eval/label.h"
#include "compiler/export/export.h"
#include "compiler/syntax/parser.h"

namespace cfgc::eval::testing {

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

// One CUE file, compiled and evaluated (finalized).
class EvalProgram {
 public:
  explicit EvalProgram(std::string_view src) {
    ev_ = std::make_unique<Evaluator>(arena_);
    const SourceFile& f = files_.add("test.cue", std::string(src));
    syntax::File* file = syntax::parse_file(arena_, f, diags_);
    if (diags_.has_errors()) return;
    compiler_ = std::make_unique<Compiler>(arena_, diags_);
    std::vector<syntax::File*> files{file};
    CompiledPackage pkg = compiler_->compile_package(files);
    if (diags_.has_errors()) return;
    root_ = ev_->add_package(pkg);
    ev_->finalize(root_);
  }

  Evaluator& ev() { return *ev_; }
  Arena& arena() { return arena_; }
  Vertex* root() { return root_; }
  // Whether parsing and compiling succeeded.
  bool compiled() const { return root_ != nullptr; }

  // The vertex at a dotted path below the root ("a.b", "#D.x", "l.0"), or null. Each element
  // is interned with the kind its spelling implies; an all-digit element is a list index.
  Vertex* field(std::string_view path) {
    Vertex* v = root_;
    while (v && !path.empty()) {
      size_t dot = path.find('.');
      std::string_view name = path.substr(0, dot);
      path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
      bool digits = !name.empty();
      for (char c : name) digits = digits && std::isdigit(static_cast<unsigned char>(c));
      Feature f = digits ? index_feature(static_cast<uint32_t>(std::stoul(std::string(name))))
                         : intern_label(name, kind_of_identifier(name));
      ev_->evaluate(v);
      v = v->lookup(f);
    }
    return v;
  }

  // Compile errors, or evaluation errors (with incomplete values when `incomplete`), as
  // "path: message"; the errors of an empty disjunction's alternatives follow their header.
  std::vector<std::string> error_list(bool incomplete = true) {
    std::vector<std::string> out;
    auto add = [&](auto& self, const Diagnostic& d, std::string indent) -> void {
      out.push_back(indent + (d.path.empty() ? d.message : d.path + ": " + d.message));
      for (const Diagnostic& c : d.children) self(self, c, indent + "  ");
    };
    if (!root_) {
      for (const Diagnostic& d : diags_.list()) add(add, d, "");
      return out;
    }
    for (const Diagnostic& d : ev_->errors(root_, incomplete)) add(add, d, "");
    return out;
  }

  // The same, one per line; "" if there are none.
  std::string errors(bool incomplete = true) {
    std::string out;
    for (const std::string& e : error_list(incomplete)) {
      if (!out.empty()) out += '\n';
      out += e;
    }
    return out;
  }

  // The compact JSON export of the vertex at `path` (the root for ""), or "error: " and the
  // errors in that vertex's subtree.
  std::string json(std::string_view path = "") {
    if (!root_) return "error: " + errors(true);
    Vertex* v = field(path);
    if (!v) return "error: no field " + std::string(path);
    ev_->finalize(v);
    std::string errs;
    for (const Diagnostic& d : ev_->errors(v, true)) {
      errs += errs.empty() ? "error: " : "\n";
      errs += d.path.empty() ? d.message : d.path + ": " + d.message;
    }
    if (!errs.empty()) return errs;
    std::string out;
    exporter::write_json(*ev_, v, out);
    return compact_json(out);
  }

  // The rendering of the value at `path` for messages (int, 1, >=0 & <10, {...}).
  std::string value_str(std::string_view path) {
    Vertex* v = field(path);
    if (!v) return "<no field>";
    ev_->finalize(v);
    return v->value ? ev_->value_str(v->value) : ev_->value_str(ev_->vertex_value(v));
  }

 private:
  FileSet files_;
  Arena arena_;
  Diagnostics diags_;
  std::unique_ptr<Evaluator> ev_;
  std::unique_ptr<Compiler> compiler_;
  Vertex* root_ = nullptr;
};

// The compact JSON export of a program, or "error: " and its errors.
inline std::string run(std::string_view src) { return EvalProgram(src).json(); }

// The errors of a program (incomplete values included), one per line.
inline std::string errors_of(std::string_view src, bool incomplete = true) {
  return EvalProgram(src).errors(incomplete);
}

}  // namespace cfgc::eval::testing

// Checks that a string contains a substring, showing the whole string when it does not.
#ifndef CHECK_CONTAINS
#define CHECK_CONTAINS(haystack, needle)                                             \
  do {                                                                               \
    std::string cfgc_haystack_ = (haystack);                                         \
    CHECK_MESSAGE(cfgc_haystack_.find(needle) != std::string::npos, cfgc_haystack_); \
  } while (0)
#endif
#ifndef CHECK_NOT_CONTAINS
#define CHECK_NOT_CONTAINS(haystack, needle)                                         \
  do {                                                                               \
    std::string cfgc_haystack_ = (haystack);                                         \
    CHECK_MESSAGE(cfgc_haystack_.find(needle) == std::string::npos, cfgc_haystack_); \
  } while (0)
#endif
