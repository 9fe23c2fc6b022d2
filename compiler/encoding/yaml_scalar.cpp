#include "compiler/encoding/yaml_scalar.h"

#include <cstdint>

namespace cfgc::encoding {

namespace {

bool is_digit_in(char c, unsigned base) {
  if (base == 16) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  return c >= '0' && c < static_cast<char>('0' + base);
}

unsigned digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

// Go's ParseInt(s, 0, 64), or ParseUint when unsigned: the literal in CUE syntax, or false.
bool go_parse_int(std::string_view s, bool has_sign, bool negative, std::string& literal) {
  unsigned base = 10;
  std::string_view digits = s;
  std::string prefix;
  if (s.size() >= 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') {
      base = 16;
      prefix = "0x";
    } else if (p == 'o' || p == 'O') {
      base = 8;
      prefix = "0o";
    } else if (p == 'b' || p == 'B') {
      base = 2;
      prefix = "0b";
    }
    if (base != 10) {
      digits = s.substr(2);
    } else {
      base = 8;  // a leading 0: octal, as Go and YAML 1.1 read it
      prefix = "0o";
      digits = s.substr(1);
    }
  }
  if (digits.empty()) return false;
  // The magnitude must fit: int64 (with a sign: up to 2^63 when negative) or uint64.
  unsigned __int128 v = 0;
  for (char c : digits) {
    if (!is_digit_in(c, base)) return false;
    v = v * base + digit_value(c);
    if (v > UINT64_MAX) return false;
  }
  unsigned __int128 limit = has_sign ? (negative ? (static_cast<unsigned __int128>(1) << 63)
                                                 : static_cast<unsigned __int128>(INT64_MAX))
                                     : static_cast<unsigned __int128>(UINT64_MAX);
  if (v > limit) return false;
  literal = prefix + std::string(digits);
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? without the sign.
bool is_yaml_float(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  } else {
    if (!digits()) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

}  // namespace

CueYamlScalar resolve_cue_yaml_scalar(std::string_view s) {
  using K = CueYamlScalar::Kind;
  CueYamlScalar r;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    r.kind = K::Null;
    return r;
  }
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    r.kind = K::Bool;
    r.literal = s[0] == 't' || s[0] == 'T' ? "true" : "false";
    return r;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    r.kind = K::NotFinite;
    return r;
  }
  std::string_view unsigned_part = s;
  bool has_sign = s[0] == '+' || s[0] == '-';
  if (has_sign) unsigned_part.remove_prefix(1);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    r.kind = K::NotFinite;
    return r;
  }
  char first = s[0];
  bool numeric_start = has_sign || (first >= '0' && first <= '9') || first == '.';
  if (!numeric_start) return r;
  r.negative = s[0] == '-';
  std::string plain;  // without the sign and the `_` separators
  for (char c : unsigned_part) {
    if (c != '_') plain += c;
  }
  if (first != '.' && go_parse_int(plain, has_sign, r.negative, r.literal)) {
    r.kind = K::Int;
    return r;
  }
  // A bare leading dot only as Go's ParseFloat reads it: no separators, no sign.
  if (first == '.' && plain.size() != s.size()) return r;
  // 08, 0129: octal with a digit octal lacks, no number CUE can write (cue itself stops
  // with an error there); kept as the string.
  if (plain.size() > 1 && plain[0] == '0' && plain.find_first_of(".eE") == std::string::npos) {
    r.negative = false;
    return r;
  }
  if (is_yaml_float(plain)) {
    r.kind = K::Float;
    r.literal = plain;
    if (r.literal[0] == '.') r.literal.insert(r.literal.begin(), '0');
    if (r.literal.back() == '.') r.literal += '0';
    return r;
  }
  r.negative = false;
  return r;
}

}  // namespace cfgc::encoding
