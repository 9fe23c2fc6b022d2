#pragma once
// Helpers shared by the standard-library packages: registration, argument access, list
// elements, error values and number conversions. Internal to stdlib/.

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/builtin.h"
#include "compiler/eval/evaluator.h"

namespace cfgc::stdlib {

using eval::CallContext;
using eval::Evaluator;
using eval::Number;
using eval::Value;
using eval::Vertex;
using eval::VK;
using Args = std::span<const Value*>;
using Fn = std::function<const Value*(CallContext&, Args)>;

using eval::kBool;
using eval::kBytes;
using eval::kFloat;
using eval::kInt;
using eval::kList;
using eval::kNull;
using eval::kNumber;
using eval::kString;
using eval::kStruct;
using eval::kTop;

// --- registration ---

// A function: pkg.name(params...) result.
void def(std::string pkg, std::string name, std::vector<uint16_t> params, uint16_t result,
         std::string doc, Fn fn);
// A validator: usable as a constraint (`net.IPv4`, `strings.MinRunes(3)`); the checked value is
// the first parameter. Returns true, or false / an error value when the value is invalid.
void def_validator(std::string pkg, std::string name, std::vector<uint16_t> params, std::string doc,
                   Fn fn);
// A package constant (`math.Pi`): a builtin without parameters, evaluated when referenced.
void def_const(std::string pkg, std::string name, uint16_t result, std::string doc, Fn fn);

// --- errors ---

// An error at the call: "strings.Repeat: negative count".
const Value* fail(CallContext& c, std::string_view msg);
template <class... A>
const Value* failf(CallContext& c, fmt::format_string<A...> f, A&&... a) {
  return fail(c, fmt::format(f, std::forward<A>(a)...));
}
// An incomplete (not yet concrete) result at the call.
const Value* incomplete(CallContext& c, std::string_view msg);

// --- arguments ---

// An int argument as int64: values beyond 64 bits saturate to INT64_MIN / INT64_MAX, which every
// caller treats as out of range.
int64_t int_of(const Value* v);
inline bool is_list(const Value* v) { return v->vk == VK::Vertex && v->vertex->is_list; }
inline bool is_struct(const Value* v) { return v->vk == VK::Vertex && !v->vertex->is_list; }

// The resolved elements of a list argument. Every element must be concrete and of one of the
// kinds `want` (kTop: any); otherwise returns the error to give back (an incomplete error for
// an element that is not yet concrete). `argno` is 1-based, for messages.
const Value* list_elems(CallContext& c, const Value* list, std::vector<const Value*>& out,
                        uint16_t want = kTop, int argno = 1);
// Same, as strings (string elements only).
const Value* string_elems(CallContext& c, const Value* list, std::vector<std::string_view>& out,
                          int argno = 1);
// Same, as numbers.
const Value* number_elems(CallContext& c, const Value* list, std::vector<Number>& out,
                          int argno = 1);

// A value made fully concrete, or the error to return: an incomplete error naming the first
// field that is not concrete, or the error found in the value.
const Value* check_concrete(CallContext& c, const Value* v);

// The kind of a concrete value for messages: "int", "string", "list", "struct".
std::string type_of(const Value* v);

// Unifies data with a schema; returns nullptr if the result has no errors (and, with
// `concrete`, is concrete), else the error to return, naming the first failing path.
const Value* validate_against(CallContext& c, const Value* data, const Value* schema,
                              bool concrete);

// --- results ---

const Value* make_list(CallContext& c, const std::vector<const Value*>& elems);
const Value* string_list(CallContext& c, const std::vector<std::string>& elems);
const Value* int_list(CallContext& c, const std::vector<int64_t>& elems);
const Value* make_struct(CallContext& c,
                         const std::vector<std::pair<std::string, const Value*>>& fields);

// --- numbers ---

// A double as a CUE float with the shortest decimal digits that read back as the same double
// (1.4142135623730951, 1500, 1E+21). NaN and infinities are errors.
Result<Number> number_from_double(double d);
const Value* float_result(CallContext& c, double d);

}  // namespace cfgc::stdlib
