#include "compiler/encoding/yaml11.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <charconv>
#include <cmath>
#include <vector>

namespace cfgc::encoding {

using syntax::Tok;

using Kind = TypedScalar::Kind;

namespace {

std::string without_underscores(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '_') out += c;
  }
  return out;
}

// Decimal digit strings of any length (most significant digit first).
void mul_add(std::string& dec, unsigned mul, unsigned add) {
  unsigned carry = add;
  for (size_t i = dec.size(); i-- > 0;) {
    unsigned v = static_cast<unsigned>(dec[i] - '0') * mul + carry;
    dec[i] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  while (carry > 0) {
    dec.insert(dec.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
  size_t nz = dec.find_first_not_of('0');
  dec.erase(0, nz == std::string::npos ? dec.size() - 1 : nz);
}

unsigned digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'z') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

TypedScalar make(Kind k, std::string text) { return TypedScalar{k, std::move(text)}; }

TypedScalar int_scalar(bool neg, std::string dec) {
  if (neg && dec != "0") dec = "-" + dec;
  return make(Kind::Int, std::move(dec));
}

// An int matched by the YAML 1.1 int pattern, as PyYAML constructs it.
TypedScalar construct_int(std::string_view plain) {
  std::string v = without_underscores(plain);
  bool neg = false;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    neg = v[0] == '-';
    v.erase(0, 1);
  }
  if (v == "0") return make(Kind::Int, "0");
  if (v.rfind("0b", 0) == 0 || v.rfind("0x", 0) == 0) {
    std::string_view digits = std::string_view(v).substr(2);
    if (digits.empty()) return make(Kind::Invalid, fmt::format("invalid int {}", plain));
    return int_scalar(neg, digits_to_decimal(digits, v[1] == 'b' ? 2 : 16));
  }
  if (v.find(':') != std::string::npos) {
    std::string dec = "0";
    size_t start = 0;
    while (true) {
      size_t colon = v.find(':', start);
      std::string_view part = std::string_view(v).substr(
          start, colon == std::string::npos ? std::string::npos : colon - start);
      if (start == 0) {
        dec = digits_to_decimal(part, 10);
      } else {
        unsigned p = 0;
        for (char c : part) p = p * 10 + digit_value(c);
        mul_add(dec, 60, p);
      }
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return int_scalar(neg, dec);
  }
  if (v[0] == '0') return int_scalar(neg, digits_to_decimal(std::string_view(v).substr(1), 8));
  return int_scalar(neg, digits_to_decimal(v, 10));
}

// Python's float() of a decimal text: out of range is infinity or zero, not an error.
bool parse_double(std::string_view s, double& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  if (r.ptr != s.data() + s.size()) return false;
  if (r.ec == std::errc::result_out_of_range) {
    size_t e = s.find_first_of("eE");
    bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
    out = tiny ? 0.0 : HUGE_VAL;
    return true;
  }
  return r.ec == std::errc();
}

// A float matched by the YAML 1.1 float pattern, as PyYAML constructs it.
TypedScalar construct_float(std::string_view plain) {
  std::string v = without_underscores(plain);
  for (char& c : v) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  double sign = 1;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    sign = v[0] == '-' ? -1 : 1;
    v.erase(0, 1);
  }
  if (v == ".inf" || v == ".nan") return make(Kind::NotFinite, std::string(plain));
  double value = 0;
  if (v.find(':') != std::string::npos) {
    // Base 60, summed from the last part up, in floating point (as PyYAML does).
    std::vector<double> parts;
    size_t start = 0;
    while (true) {
      size_t colon = v.find(':', start);
      std::string_view part = std::string_view(v).substr(
          start, colon == std::string::npos ? std::string::npos : colon - start);
      double d = 0;
      if (!parse_double(part, d))
        return make(Kind::Invalid, fmt::format("invalid float {}", plain));
      parts.push_back(d);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    double base = 1;
    for (size_t i = parts.size(); i-- > 0;) {
      value += parts[i] * base;
      base *= 60;
    }
  } else {
    std::string_view num = v;
    std::string fixed;
    if (!num.empty() && num[0] == '.') {
      fixed = "0" + v;
      num = fixed;
    }
    if (!parse_double(num, value))
      return make(Kind::Invalid, fmt::format("invalid float {}", plain));
  }
  value *= sign;
  if (!std::isfinite(value)) return make(Kind::NotFinite, std::string(plain));
  return make(Kind::Float, python_float_repr(value));
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// A timestamp as a Python date or datetime, printed with isoformat().
TypedScalar construct_timestamp(std::string_view plain, const std::string* g) {
  // g: year, month, day, hour, minute, second, fraction, tz, tz sign, tz hour, tz minute.
  int y = to_int(g[0]), mo = to_int(g[1]), d = to_int(g[2]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) {
    return make(Kind::Invalid, fmt::format("invalid date {}", plain));
  }
  std::string out = fmt::format("{:04}-{:02}-{:02}", y, mo, d);
  if (g[3].empty()) return make(Kind::Timestamp, out);
  int h = to_int(g[3]), mi = to_int(g[4]), s = to_int(g[5]);
  if (h > 23 || mi > 59 || s > 59)
    return make(Kind::Invalid, fmt::format("invalid time in {}", plain));
  out += fmt::format("T{:02}:{:02}:{:02}", h, mi, s);
  std::string frac = g[6].substr(0, 6);
  while (frac.size() < 6) frac += '0';
  if (frac != "000000") out += "." + frac;
  if (!g[8].empty()) {
    int th = to_int(g[9]), tm = g[10].empty() ? 0 : to_int(g[10]);
    if (th * 60 + tm >= 24 * 60)
      return make(Kind::Invalid, fmt::format("invalid time zone in {}", plain));
    out += fmt::format("{}{:02}:{:02}", g[8], th, tm);
  } else if (!g[7].empty()) {
    out += "+00:00";  // Z
  }
  return make(Kind::Timestamp, out);
}

}  // namespace

std::string digits_to_decimal(std::string_view digits, unsigned base) {
  std::string dec = "0";
  for (char c : digits) mul_add(dec, base, digit_value(c));
  return dec;
}

std::string python_float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));  // -d.ddde+XX, shortest
  std::string out;
  if (sci[0] == '-') {
    out = "-";
    sci.remove_prefix(1);
  }
  size_t e_at = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_at)) {
    if (c != '.') digits += c;
  }
  int exp = 0;
  std::from_chars(sci.data() + e_at + 1 + (sci[e_at + 1] == '+' ? 1 : 0), sci.data() + sci.size(),
                  exp);
  if (exp >= -5 + 1 && exp < 16) {
    int point = exp + 1;  // digits before the decimal point
    auto n = static_cast<int>(digits.size());
    if (point <= 0) {
      out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (point >= n) {
      out += digits + std::string(static_cast<size_t>(point - n), '0') + ".0";
    } else {
      out += digits.substr(0, static_cast<size_t>(point)) + "." +
             digits.substr(static_cast<size_t>(point));
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  out += fmt::format("e{}{:02}", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return out;
}

TypedScalar resolve_yaml11(std::string_view plain) {
  static const RE2 null_re("~|null|Null|NULL|");
  static const RE2 bool_re(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const RE2 int_re(
      "[-+]?(?:0b[0-1_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)");
  static const RE2 float_re(R"([-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?)"
                            R"(|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?)"
                            R"(|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)"
                            R"(|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))");
  static const RE2 ts_re(
      R"(([0-9]{4})-([0-9]{2})-([0-9]{2})()()()()()()()())"
      R"(|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2}))"
      R"((?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)");
  re2::StringPiece in(plain.data(), plain.size());
  if (RE2::FullMatch(in, null_re)) return make(Kind::Null, "");
  if (RE2::FullMatch(in, bool_re)) {
    char c = plain[0];
    bool t = c == 'y' || c == 'Y' || c == 't' || c == 'T' || plain == "on" || plain == "On" ||
             plain == "ON";
    return make(Kind::Bool, t ? "true" : "false");
  }
  if (RE2::FullMatch(in, int_re)) return construct_int(plain);
  if (RE2::FullMatch(in, float_re)) return construct_float(plain);
  if (!plain.empty() && plain[0] >= '0' && plain[0] <= '9') {
    std::string g[22];
    const RE2::Arg* args[22];
    RE2::Arg a[22];
    for (int i = 0; i < 22; ++i) {
      a[i] = RE2::Arg(&g[i]);
      args[i] = &a[i];
    }
    if (RE2::FullMatchN(in, ts_re, args, 22))
      return construct_timestamp(plain, g[0].empty() ? g + 11 : g);
  }
  return make(Kind::String, std::string(plain));
}

std::string json_key_text(const TypedScalar& s) { return s.kind == Kind::Null ? "null" : s.text; }

syntax::BasicLit* string_node(Arena& arena, Pos at, std::string_view s) {
  auto* b = arena.make<syntax::BasicLit>();
  b->pos = b->end = at;
  b->tok = Tok::String;
  b->value = arena.copy(s);
  b->raw = b->value;
  return b;
}

syntax::Expr* typed_scalar_node(Arena& arena, Pos at, const TypedScalar& s) {
  auto lit = [&](Tok tok, std::string_view raw) {
    auto* b = arena.make<syntax::BasicLit>();
    b->pos = b->end = at;
    b->tok = tok;
    b->raw = raw;
    return b;
  };
  switch (s.kind) {
    case Kind::Null: return lit(Tok::Null, "null");
    case Kind::Bool: return s.text == "true" ? lit(Tok::True, "true") : lit(Tok::False, "false");
    case Kind::Int:
    case Kind::Float: {
      std::string_view text = s.text;
      bool neg = text[0] == '-';
      if (neg) text.remove_prefix(1);
      syntax::BasicLit* b = lit(s.kind == Kind::Int ? Tok::Int : Tok::Float, arena.copy(text));
      if (!neg) return b;
      auto* u = arena.make<syntax::UnaryExpr>();
      u->pos = u->end = at;
      u->op = Tok::Sub;
      u->x = b;
      return u;
    }
    default: return string_node(arena, at, s.text);
  }
}

}  // namespace cfgc::encoding
