#pragma once
// The canonical CUE formatter behind `cfgc fmt`.
//
// Style (CUE's): tabs for indentation; in a run of one-line fields the values are aligned in
// a column (a blank line, a comment line, or a field whose value is a struct or list ends the
// run); a struct or list written on one line stays on one line, otherwise it gets one element
// per line (lists with trailing commas); comments and blank-line grouping are kept (several
// blank lines become one); multi-line strings are re-indented to their new depth; binary
// operators are spaced as gofmt does (`a*2 + 3`). Formatting is idempotent and never changes
// meaning: the output parses to the same tree.

#include <string>

#include "compiler/syntax/ast.h"

namespace cfgc::format {

struct FormatOptions {
  // 0: indent with tabs (cfgc fmt, as cue fmt does); N: N spaces per level (cue eval prints
  // its output with four).
  int indent_spaces = 0;
};

// Formats a parsed file (which must have parsed without errors).
std::string format_file(const syntax::File& file, const FormatOptions& opts = {});

// Formats one expression of a file on (usually) one line, without comments.
std::string format_expr(const syntax::Node& expr, const SourceFile& src);

}  // namespace cfgc::format
