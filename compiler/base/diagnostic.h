#pragma once
// Diagnostics: errors and warnings with positions, collected (never thrown) so that one run
// reports every problem, sorted by position. This is the channel every report of a run goes
// through (see docs/architecture.md for the other kind, evaluation errors as values).

#include <string>
#include <vector>

#include "compiler/base/result.h"
#include "compiler/base/source.h"

namespace cfgc {

enum class Severity { Error, Warning };

// What an error is about: the input's content (commands exit with 1), or the run itself, such
// as a file that cannot be read or an argument that names nothing (commands exit with 2).
enum class ErrorKind : uint8_t { Input, Io };

struct Diagnostic {
  Severity severity = Severity::Error;
  Pos pos;                   // primary position (may be invalid)
  std::string path;          // value path such as "bonds.0.options.mtu" (may be empty)
  std::string message;       // without position or path
  std::vector<Pos> related;  // further contributing positions
  // Errors that together make this one (each alternative of an empty disjunction); printed
  // below the header line.
  std::vector<Diagnostic> children;
  ErrorKind kind = ErrorKind::Input;

  // For a value that is not concrete (an error only where concrete data is needed, as in
  // export): `Missing` is a field that holds only a constraint, so the user has to give its
  // value, and `fill_at` lists the struct literals where it would be written (data files
  // first); `Derived` is a value computed from such a field.
  enum class Incomplete : uint8_t { No, Missing, Derived };
  Incomplete incomplete = Incomplete::No;
  std::vector<Pos> fill_at;
};

// A list of diagnostics. Cheap to add to; sorted and printed at the end.
class Diagnostics {
 public:
  void error(Pos pos, std::string message) { add({Severity::Error, pos, {}, std::move(message), {}}); }
  void warning(Pos pos, std::string message) {
    add({Severity::Warning, pos, {}, std::move(message), {}});
  }
  // A problem with the run rather than the input (ErrorKind::Io).
  void io_error(Error e) {
    Diagnostic d{Severity::Error, e.pos, {}, std::move(e.message), {}};
    d.kind = ErrorKind::Io;
    add(std::move(d));
  }
  void add(Diagnostic d);

  bool has_errors() const { return errors_ > 0; }
  bool has_io_errors() const { return io_errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  const std::vector<Diagnostic>& list() const { return list_; }

  // Stable sort by primary position; drops exact duplicates (same pos and message).
  void sort();

 private:
  std::vector<Diagnostic> list_;
  size_t errors_ = 0;
  size_t io_errors_ = 0;
};

// "warning: path: message" (no position), as the formats below start a message.
std::string format_header(const Diagnostic& d, bool color = false);

// Formats one diagnostic as a syntax-style message:
//   file.cue:12:8: expected '}', found 'EOF'
//       a: {b: 1
//              ^
// With `color`, ANSI colours for a terminal (bold path, red error, yellow warning).
std::string format_with_source(const FileSet& fs, const Diagnostic& d, bool color = false);

// Formats one diagnostic CUE-style, with the path and every position on its own line:
//   bonds.0.options.mtu: invalid value 90000 (out of bound <9999):
//       ./bonds.cue:8:20
std::string format_cue_style(const FileSet& fs, const Diagnostic& d, bool color = false);

}  // namespace cfgc
