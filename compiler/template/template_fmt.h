#pragma once
// Go's fmt and strconv formatting over template values: what text/template's print, printf and
// println builtins produce, and how an action prints its value. A null TemplateValue stands for
// Go's nil interface. Values print as the Go types text/template sees for decoded data: int,
// float64, string, bool, []interface {} and map[string]interface {}.
//
// printf understands Go's verbs (%v %+v %#v %T %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G
// %s %%), flags (+ - # 0 space), width and precision (also `*` and explicit argument indexes
// such as %[2]d), and reports misuse as Go does: %!d(string=abc), %!d(MISSING),
// %!(EXTRA int=1), %!(NOVERB), %!d(BADINDEX), %!(BADWIDTH), %!(BADPREC).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "compiler/base/quote.h"
#include "compiler/template/template_value.h"

namespace cfgc::tmpl {

// Go's name of the dynamic type: "int", "float64", "string", "bool", "[]interface {}",
// "map[string]interface {}"; "<nil>" for null.
std::string_view go_type_name(const TemplateValue& v);

// fmt.Sprint: operands printed with %v, a space between two operands when neither is a string.
// The printing functions stop once the result is longer than `limit` bytes (the result is then
// longer than `limit`, but cut short): a caller that enforces an output limit passes it.
std::string go_sprint(std::span<const TemplateValue> args, size_t limit = SIZE_MAX);
// fmt.Sprintln: operands printed with %v, separated by spaces, and a newline.
std::string go_sprintln(std::span<const TemplateValue> args, size_t limit = SIZE_MAX);
// fmt.Sprintf.
std::string go_sprintf(std::string_view format, std::span<const TemplateValue> args,
                       size_t limit = SIZE_MAX);
// One value as %v prints it ("<nil>" for null).
std::string go_format_value(const TemplateValue& v, size_t limit = SIZE_MAX);

// strconv.FormatFloat(v, fmt, prec, 64) for fmt one of b e E f F g G x X; prec -1 is the
// shortest representation that reads back as v.
std::string go_format_float(double v, char fmt, int prec);
// fmt's %#U: "U+0041 'A'" (without the quoted character when it is not printable).
std::string go_unicode_name(char32_t r);
// fmt's %.Nq: at most n runes of s, quoted.
std::string go_quote_prefix(std::string_view s, size_t n);

}  // namespace cfgc::tmpl
