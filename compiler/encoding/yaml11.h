#pragma once
// Scalars as Ansible types them. Ansible reads YAML with PyYAML, a YAML 1.1 reader, and INI
// values with Python's literal evaluation; both give Python values that ansible-inventory
// prints as JSON. This file holds the YAML 1.1 resolution of plain scalars (what PyYAML's safe
// loader does, checked against ansible-inventory), the Python spellings of the values, and the
// syntax nodes that carry them into CUE.
//
// YAML 1.1, as PyYAML resolves a plain (unquoted, untagged) scalar:
//   null   ~ null Null NULL and the empty scalar
//   bool   yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF
//          (not y/Y/n/N, which the YAML 1.1 type list has but PyYAML leaves strings)
//   int    0b1010, 0755 (octal: 493), 0x1F, 1_000, 22:30 (base 60: 1350; the first part has
//          no leading zero, so 09:30 and 00:11:22:33:44:55 stay strings, 52:54:00:12:34:56 is
//          an int), with an optional sign; 08 is a string
//   float  1.5, 1., .5 (no sign before a bare dot: -.5 is a string), 1.0e+3 (the exponent
//          needs a dot and a sign: 1e3 and 1.0e3 are strings), 190:20:30.15, .inf, .nan
//   timestamp  2001-12-14, 2001-12-14 21:59:43.10 -5 (printed as Python's isoformat())

#include <string>
#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

struct TypedScalar {
  enum class Kind : uint8_t { String, Null, Bool, Int, Float, Timestamp, NotFinite, Invalid };
  Kind kind = Kind::String;
  // String and Timestamp: the text; Bool: "true" or "false"; Int: decimal digits, with a
  // leading '-' when negative; Float: Python's repr(); NotFinite: the scalar; Invalid: why.
  std::string text;
};

// Resolves a plain YAML scalar as PyYAML's safe loader (YAML 1.1) does.
TypedScalar resolve_yaml11(std::string_view plain);

// Python's repr() of a float: 1.0, 0.1, 1e+16, 1.5e-07.
std::string python_float_repr(double v);

// Digits (already checked to be valid in `base`, no sign, no underscores) as a decimal
// string of any length.
std::string digits_to_decimal(std::string_view digits, unsigned base);

// The key a typed scalar becomes in ansible-inventory's JSON: the text, or "null".
std::string json_key_text(const TypedScalar& s);

// A syntax node for a typed scalar (String, Null, Bool, Int, Float or Timestamp): a BasicLit,
// or a UnaryExpr for a negative number. Every node is at `at`.
syntax::Expr* typed_scalar_node(Arena& arena, Pos at, const TypedScalar& s);

// A string literal node.
syntax::BasicLit* string_node(Arena& arena, Pos at, std::string_view s);

}  // namespace cfgc::encoding
