#pragma once
// How CUE types a plain (unquoted, untagged) YAML scalar: the one reading of YAML values for
// data files and encoding/yaml alike.
//
// cue v0.6 reads YAML with a YAML 1.1-derived reader stripped of 1.1's many booleans:
//   null    the empty scalar, ~ null Null NULL
//   bool    true True TRUE false False FALSE (yes, no, on, off, y, n stay strings)
//   int     what Go's strconv.ParseInt (base 0) or ParseUint accepts once `_` are removed:
//           0755 and 012 are octal (493, 10), 0o17, 0x1F, 0b101, 1_000, +5; to 64 bits
//   float   the YAML float form [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)? (1.5, 1., .5, 1e3, and
//           integers too large for 64 bits), tried after int
//   .inf, .nan   not numbers CUE has: an error
// Anything else is a string (timestamps such as 2001-12-14 included, and 08, which cue
// cannot read as a number either).

#include <string>
#include <string_view>

namespace cfgc::encoding {

struct CueYamlScalar {
  enum class Kind { String, Null, Bool, Int, Float, NotFinite };
  Kind kind = Kind::String;
  bool negative = false;  // Int, Float: written with a leading '-'
  // Int, Float: a CUE number literal without the sign (0o755, 0x1F, 1000, 0.5, 1e3);
  // Bool: "true" or "false".
  std::string literal;
};

CueYamlScalar resolve_cue_yaml_scalar(std::string_view plain);

}  // namespace cfgc::encoding
