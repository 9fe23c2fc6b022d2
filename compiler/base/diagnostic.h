#pragma once
// Diagnostics: errors and warnings with positions, collected (never thrown) so that one run
// reports every problem, sorted by position.

#include <string>
#include <vector>

#include "compiler/base/source.h"

namespace cfgc {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  Pos pos;                   // primary position (may be invalid)
  std::string path;          // value path such as "bonds.0.options.mtu" (may be empty)
  std::string message;       // without position or path
  std::vector<Pos> related;  // further contributing positions
  // Errors that together make this one (each alternative of an empty disjunction); printed
  // below the header line.
  std::vector<Diagnostic> children;
};

// A list of diagnostics. Cheap to add to; sorted and printed at the end.
class Diagnostics {
 public:
  void error(Pos pos, std::string message) { add({Severity::Error, pos, {}, std::move(message), {}}); }
  void warning(Pos pos, std::string message) {
    add({Severity::Warning, pos, {}, std::move(message), {}});
  }
  void add(Diagnostic d);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  const std::vector<Diagnostic>& list() const { return list_; }

  // Stable sort by primary position; drops exact duplicates (same pos and message).
  void sort();

 private:
  std::vector<Diagnostic> list_;
  size_t errors_ = 0;
};

// Formats one diagnostic as a syntax-style message:
//   file.cue:12:8: expected '}', found 'EOF'
//       a: {b: 1
//              ^
std::string format_with_source(const FileSet& fs, const Diagnostic& d);

// Formats one diagnostic CUE-style, with the path and every position on its own line:
//   bonds.0.options.mtu: invalid value 90000 (out of bound <9999):
//       ./bonds.cue:8:20
std::string format_cue_style(const FileSet& fs, const Diagnostic& d);

}  // namespace cfgc
