#pragma once
// The parser of Go's text/template language: turns template text into the trees of a
// TemplateSet (the top-level template and every {{define}} / {{block}} in it), checking what Go
// checks at parse time: functions exist, variables are declared before use, {{break}} and
// {{continue}} are inside {{range}}, no template is defined twice.
//
// Errors read as Go's, with the column added: `template: NAME:LINE:COL: MESSAGE` (the column is
// 0-based, like the columns of Go's execution errors). Nesting is bounded: parenthesized
// pipelines and control structures ({{if}}, {{range}}, {{with}}, {{block}}) may nest at most
// ParseOptions::max_depth deep ("max expression depth exceeded" / "max nesting depth
// exceeded"), so hostile input cannot overflow the stack.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/template/template_tree.h"

namespace cfgc::tmpl {

struct ParseOptions {
  std::string left_delim = "{{";
  std::string right_delim = "}}";
  // Names of functions beyond the builtins (see ExecOptions::funcs); a call to any other name
  // is a parse error.
  std::vector<std::string> functions;
  int max_depth = 500;
};

// Parses `text` as the template `name` into `out` (replacing its contents). On a syntax error,
// returns false, sets `err` and leaves `out` without trees.
bool parse_template(std::string_view name, std::string text, TemplateSet& out, TemplateError& err,
                    const ParseOptions& opts = {});

// The builtin function names: and call eq ge gt html index js le len lt ne not or print printf
// println slice urlquery.
const std::vector<std::string_view>& builtin_function_names();


}  // namespace cfgc::tmpl
