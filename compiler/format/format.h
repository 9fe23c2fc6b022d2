#pragma once
// The canonical CUE formatter behind `cfgc fmt`.
//
// Style (CUE's): tabs for indentation; in a run of one-line fields the values are aligned in
// a column (a blank line, a comment line, or a field whose value is a struct, list or
// multi-line string ends the run; a field whose value spans lines otherwise, `g: {…} | {…}`,
// joins it as its last member); a struct or list written on one line stays on one line,
// otherwise it gets one element per line (lists with trailing commas); comments and blank-line
// grouping are kept (several blank lines become one); multi-line strings are re-indented to
// their new depth; blanks around binary operators follow cue fmt's (Go's printer) rule, by
// the precedences mixed and the depth of nesting (`a*2 + 3`, `x+y & >=5`, `f(a+b)`).
// Formatting is idempotent and never changes meaning: the output parses to the same tree
// (the parse fuzzer checks both).

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
