#pragma once
// Executes parsed templates over TemplateValue data with Go's text/template semantics:
//
//   - truthiness: false, 0, "", empty lists and maps, null and missing values are false;
//   - a missing map key is "no value": printed as <no value>, false in {{if}}, nil for
//     functions (print shows <nil>), and fields of it are missing too — unless
//     ExecOptions::missing_key_error (Go's missingkey=error);
//   - range visits lists in order and maps sorted by key, sets dot (and $i, $v), supports
//     {{else}}, {{break}} and {{continue}}, and also ranges over an integer n (0..n-1);
//   - {{with}}, {{if}}/{{else if}}, {{template}}/{{block}} (a template sees only the data it is
//     given, as dot and $), variables with := and =;
//   - the builtins and or not len index slice print printf println eq ne lt le gt ge html js
//     urlquery call, with Go's argument checks and messages.
//
// Errors read as Go's: `template: NAME:LINE:COL: executing "TEMPLATE" at <NODE>: MESSAGE`.
// Execution is bounded: template calls nest at most max_template_depth deep and control
// structures with them at most max_nesting deep (infinite recursion is an error, not a stack
// overflow), at most max_steps steps run (an action, a function call, a range iteration; a
// function building or comparing long strings counts a step per 256 bytes), and the output (and
// any string a function builds) stays under max_output bytes.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "compiler/base/result.h"
#include "compiler/template/template_tree.h"
#include "compiler/template/template_value.h"

namespace cfgc::tmpl {

// A function added to the builtins (it may also replace one). It gets its evaluated arguments
// (null for nil or a missing value) and returns its result or an error.
using TemplateFunc = std::function<Result<TemplateValue>(std::span<const TemplateValue> args)>;
using FuncMap = std::map<std::string, TemplateFunc, std::less<>>;

struct ExecOptions {
  bool missing_key_error = false;  // a missing map key is an error ("map has no entry for key")
  // cfgc: printing a missing value ({{.misspelt}}) is an error instead of "<no value>", while
  // {{if}}/{{with}} on a missing key stay false (optional fields keep working).
  bool missing_print_error = false;
  size_t max_output = size_t(64) << 20;
  uint64_t max_steps = 50'000'000;
  int max_template_depth = 1000;  // nested {{template}} calls (Go allows 100000)
  // Control structures ({{if}}, {{with}}, {{range}}) and template calls executing inside each
  // other, which template recursion can nest without bound in the text.
  int max_nesting = 1000;
  const FuncMap* funcs = nullptr;  // their names must also be given to ParseOptions::functions
};

// Executes the template `name` of `set` with `data` as dot and $ (a null data value is Go's
// nil), appending to `out`. Returns false with `err` set on an execution error (`out` then holds
// what was written before it).
bool execute_template(const TemplateSet& set, std::string_view name, const TemplateValue& data,
                      std::string& out, TemplateError& err, const ExecOptions& opts = {});

}  // namespace cfgc::tmpl
