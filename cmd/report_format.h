#pragma once

#include <cstdio>
// Reports of checked items for people and for CI: the `--format` of `cfgc vet` (and of later
// commands that check many things at once, such as `cfgc push`).
//
// A report is a list of cases, each a checked item (a data document, a device) with the
// diagnostics found for it. Formats:
//   text    the usual messages (format_cue_style / format_with_source), optionally coloured
//   json    JSON Lines: one object per error
//   github  GitHub Actions workflow commands (::error file=…,line=…,col=…::message)
//   junit   one JUnit XML <testsuite>, one <testcase> per case
// text, json and github print every distinct error once, sorted by position (an error that
// several cases hit, such as a conflict inside the schema, is one error); junit prints each
// case's own errors under that case.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"

namespace cfgc::cli {

enum class ReportFormat { Text, Json, Github, Junit };

// The usual messages of a command, sorted, on stderr: CUE-style (path, message, positions)
// for evaluation errors, with the source line for syntax errors, "cfgc: ..." for problems
// with the run that have no position. `to`: another stream (an instance's buffer).
void print_diagnostics(const FileSet& fs, Diagnostics& diags, std::FILE* to = stderr);

// A multi-line message (libyang's, one problem per line) below a heading: each line indented.
void print_indented(std::FILE* to, std::string_view message);

// "text", "json", "github" or "junit".
std::optional<ReportFormat> parse_report_format(std::string_view name);
// Where a format goes: text to stderr (as every command's messages); the machine formats to
// stdout, so they can be redirected into a file (and GitHub reads workflow commands there).
bool report_to_stdout(ReportFormat f);

// One checked item.
struct ReportCase {
  std::string name;  // the JUnit test case name, e.g. "hosts.yaml:doc2"
  std::string file;  // the display name of the file it checks ("./hosts.yaml"), or empty
  std::vector<Diagnostic> diagnostics;
  bool failed() const;
};

struct Report {
  std::string suite;  // the JUnit test suite name, e.g. "cfgc vet"
  std::vector<ReportCase> cases;
  bool failed() const;
};

// The whole report in one format (for Text, coloured with ANSI escapes when `color`).
std::string render_report(const FileSet& fs, const Report& r, ReportFormat f, bool color);

// Every diagnostic of the report once (same position, path and message = same error), sorted
// by position: what text, json and github print.
std::vector<Diagnostic> unique_diagnostics(const Report& r);

// Whether messages written to `fd` should be coloured: it is a terminal, NO_COLOR is unset or
// empty (https://no-color.org) and TERM is not "dumb".
bool color_for_fd(int fd);

// --- one diagnostic -----------------------------------------------------------------------

// The text format: format_cue_style for errors with a value path, format_with_source for the
// others (syntax errors). With `color`, the path is bold, "error" messages red, "warning"
// yellow; without, the text is exactly those functions' output.
std::string format_text(const FileSet& fs, const Diagnostic& d, bool color);

// One JSON object on one line (no newline):
//   {"path":…,"message":…,"severity":"error","file":…,"line":…,"column":…,
//    "positions":[{"file":…,"line":…,"column":…},…],"children":[…]}
// file/line/column are the primary position (null when there is none); positions lists the
// primary position and the related ones; children are objects of the same shape.
std::string format_json(const FileSet& fs, const Diagnostic& d);

// One GitHub Actions workflow command (no newline):
//   ::error file=F,line=L,col=C::path: message:%0A    other/position:1:2
// The annotation goes to the first position found in one of `focus_files` (display names:
// the data files, the lines a pull request changes), else to the primary position. The other
// positions and the children follow in the message, one per line.
std::string format_github(const FileSet& fs, const Diagnostic& d,
                          const std::vector<std::string>& focus_files);

// --- names and escaping --------------------------------------------------------------------

// A file name for machine formats: the display name without a leading "./".
std::string report_file_name(std::string_view display_name);
// Text for XML: & < > as entities, carriage returns as &#13; (a parser would turn CR LF into
// LF), and characters XML 1.0 cannot hold (other control characters, U+FFFE, U+FFFF, invalid
// UTF-8) as U+FFFD. In an attribute value (`attribute`), " and ' become entities and tabs and
// newlines &#9; and &#10;, else a parser would read them as spaces.
std::string xml_escape(std::string_view s, bool attribute);
// A workflow command's message: % CR LF as %25 %0D %0A.
std::string github_escape_data(std::string_view s);
// A workflow command's property value: also : and , (as %3A and %2C).
std::string github_escape_property(std::string_view s);

}  // namespace cfgc::cli
