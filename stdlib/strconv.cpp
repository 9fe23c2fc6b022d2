// Package strconv: conversions to and from string representations, with Go's syntax and
// messages (`parsing "x": invalid syntax`, `value out of range`).
#include <locale.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "compiler/base/utf8.h"
#include "stdlib/packages.h"
#include "compiler/base/quote.h"
#include "compiler/base/unicode.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

constexpr const char* kSyntax = "invalid syntax";
constexpr const char* kRange = "value out of range";

// --- quoting (compiler/base/quote.h) ---

std::string quote(std::string_view s, bool ascii_only = false) { return go_quote(s, ascii_only); }

// Go's unicode.IsGraphic: the printable characters plus the other space separators (Zs).
bool is_graphic(char32_t r) {
  if (unicode::is_print(r)) return true;
  return r == 0xA0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x202F || r == 0x205F ||
         r == 0x3000;
}

// As go_quote, keeping the graphic characters (strconv.QuoteToGraphic).
std::string quote_graphic(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t r = utf8::decode(s, i, len);
    if (r == utf8::kInvalid) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      i += 1;
      continue;
    }
    if (r != '"' && r != '\\' && is_graphic(r)) {
      out.append(s.substr(i, len));
    } else {
      append_go_escaped_rune(out, r, '"', false);
    }
    i += len;
  }
  out += '"';
  return out;
}

char32_t rune_arg(const Value* v) {
  int64_t r = int_of(v);
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  return static_cast<char32_t>(r);
}

// Go's strconv.Unquote; CUE strings are UTF-8, so a result that is not (from \x escapes) is
// invalid syntax here.
bool unquote(std::string_view s, std::string& out) {
  std::optional<std::string> r = go_unquote(s);
  if (!r || !utf8::valid(*r)) return false;
  out = std::move(*r);
  return true;
}

// --- integers ---

int digit_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'Z') return ch - 'A' + 10;
  return 99;
}

// Go's rule for underscores in number literals: only between digits, or between a base
// prefix and a digit.
bool underscores_ok(std::string_view s) {
  char saw = '^';  // ^ start, 0 digit or prefix, _ underscore, ! other
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) ++i;
  bool hex = false;
  if (s.size() - i >= 2 && s[i] == '0') {
    char p = static_cast<char>(s[i + 1] | 0x20);
    if (p == 'b' || p == 'o' || p == 'x') {
      hex = p == 'x';
      i += 2;
      saw = '0';
    }
  }
  for (; i < s.size(); ++i) {
    char ch = s[i];
    if ((ch >= '0' && ch <= '9') || (hex && digit_value(ch) < 16)) {
      saw = '0';
    } else if (ch == '_') {
      if (saw != '0') return false;
      saw = '_';
    } else {
      if (saw == '_') return false;
      saw = '!';
    }
  }
  return saw != '_';
}

// Parses an unsigned magnitude of at most `bits` bits. err: nullptr on success, else kSyntax or
// kRange.
uint64_t parse_uint(std::string_view s, int base, int bits, const char*& err) {
  err = nullptr;
  if (s.empty()) {
    err = kSyntax;
    return 0;
  }
  bool base0 = base == 0;
  std::string_view s0 = s;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      char p = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : 0;
      if (p == 'b' || p == 'o' || p == 'x') {
        base = p == 'b' ? 2 : p == 'o' ? 8 : 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  }
  unsigned __int128 limit = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  unsigned __int128 n = 0;
  bool underscores = false, range = false;
  for (char ch : s) {
    if (ch == '_' && base0) {
      underscores = true;
      continue;
    }
    int d = digit_value(ch);
    if (d >= base) {
      err = kSyntax;
      return 0;
    }
    if (!range) {
      n = n * static_cast<unsigned>(base) + static_cast<unsigned>(d);
      if (n > limit) range = true;
    }
  }
  if (underscores && !underscores_ok(s0)) {
    err = kSyntax;
    return 0;
  }
  if (range) err = kRange;
  return static_cast<uint64_t>(n);
}

const Value* num_error(CallContext& c, std::string_view input, const char* err) {
  return failf(c, "parsing {}: {}", quote(input), err);
}

const Value* check_base_bits(CallContext& c, int64_t base, int64_t bits) {
  if (base != 0 && (base < 2 || base > 36)) return failf(c, "invalid base {}", base);
  if (bits < 0 || bits > 64) return failf(c, "invalid bit size {}", bits);
  return nullptr;
}

const Value* parse_int(CallContext& c, std::string_view s, int64_t base, int64_t bits) {
  if (const Value* e = check_base_bits(c, base, bits)) return e;
  if (bits == 0) bits = 64;
  std::string_view digits = s;
  bool neg = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    neg = digits[0] == '-';
    digits.remove_prefix(1);
  }
  const char* err;
  uint64_t u = parse_uint(digits, static_cast<int>(base), 64, err);
  if (err == kSyntax) return num_error(c, s, err);
  uint64_t cutoff = uint64_t(1) << (bits - 1);
  if (err == kRange || (!neg && u >= cutoff) || (neg && u > cutoff)) return num_error(c, s, kRange);
  int64_t v = neg ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
  return c.ev.integer(v, c.pos);
}

std::string format_int(uint64_t u, bool neg, int base) {
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string s;
  do {
    s += digits[u % static_cast<unsigned>(base)];
    u /= static_cast<unsigned>(base);
  } while (u);
  if (neg) s += '-';
  return {s.rbegin(), s.rend()};
}

// --- floats ---

locale_t c_locale() {
  static locale_t l = newlocale(LC_NUMERIC_MASK, "C", locale_t(0));
  return l;
}

// Go's float syntax: decimal or hexadecimal (0x…p…) mantissa and exponent, underscores between
// digits, or inf/infinity/nan. Returns the text without underscores, or false.
bool float_syntax(std::string_view s, std::string& clean) {
  clean.clear();
  std::string_view t = s;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  std::string lower;
  for (char ch : t) lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
  if (lower == "inf" || lower == "infinity" || lower == "nan") {
    clean = std::string(s);
    return true;
  }
  bool hex = lower.size() > 2 && lower[0] == '0' && lower[1] == 'x';
  size_t i = hex ? 2 : 0;
  bool digits = false, dot = false, exp = false;
  for (; i < lower.size(); ++i) {
    char ch = lower[i];
    if ((ch >= '0' && ch <= '9') || (hex && ch >= 'a' && ch <= 'f')) {
      digits = true;
    } else if (ch == '_') {
      continue;
    } else if (ch == '.' && !dot) {
      dot = true;
    } else if (ch == (hex ? 'p' : 'e')) {
      exp = true;
      ++i;
      break;
    } else {
      return false;
    }
  }
  if (!digits) return false;
  if (exp) {
    if (i < lower.size() && (lower[i] == '+' || lower[i] == '-')) ++i;
    if (i >= lower.size()) return false;
    for (; i < lower.size(); ++i) {
      if ((lower[i] < '0' || lower[i] > '9') && lower[i] != '_') return false;
    }
  } else if (hex) {
    return false;  // a hexadecimal mantissa needs a p exponent
  }
  if (s.find('_') != std::string_view::npos && !underscores_ok(s)) return false;
  for (char ch : s) {
    if (ch != '_') clean += ch;
  }
  return true;
}

const Value* parse_float(CallContext& c, std::string_view s, int64_t bits) {
  if (bits != 32 && bits != 64) return failf(c, "invalid bit size {} (want 32 or 64)", bits);
  std::string clean;
  if (!float_syntax(s, clean)) return num_error(c, s, kSyntax);
  char* end = nullptr;
  double d = bits == 32 ? static_cast<double>(strtof_l(clean.c_str(), &end, c_locale()))
                        : strtod_l(clean.c_str(), &end, c_locale());
  if (end != clean.c_str() + clean.size()) return num_error(c, s, kSyntax);
  if (std::isnan(d)) return failf(c, "parsing {}: NaN is not a CUE number", quote(s));
  if (std::isinf(d)) {
    bool literal = clean.find_first_of("iI") != std::string::npos;
    return literal ? failf(c, "parsing {}: infinity is not a CUE number", quote(s))
                   : num_error(c, s, kRange);
  }
  return float_result(c, d);
}

template <class F>
std::string to_chars_str(F f, std::chars_format fmt, int prec) {
  char buf[1100];
  auto r = prec < 0 ? std::to_chars(buf, buf + sizeof buf, f, fmt)
                    : std::to_chars(buf, buf + sizeof buf, f, fmt, prec);
  return std::string(buf, r.ptr);
}

// Go's FormatFloat for the formats e, E, f, g, G.
template <class F>
std::string format_float(F f, char fmt, int prec) {
  if (prec < 0) prec = -1;
  char lower = static_cast<char>(fmt | 0x20);
  std::string out;
  if (lower == 'e') {
    out = to_chars_str(f, std::chars_format::scientific, prec);
  } else if (fmt == 'f') {
    out = to_chars_str(f, std::chars_format::fixed, prec);
  } else if (prec >= 0) {
    out = to_chars_str(f, std::chars_format::general, prec);
  } else {
    // The shortest %g, as Go: %e when the exponent is < -4 or >= 6, else %f.
    std::string sci = to_chars_str(f, std::chars_format::scientific, -1);
    int exp = std::atoi(sci.c_str() + sci.find('e') + 1);
    out = exp < -4 || exp >= 6 ? sci : to_chars_str(f, std::chars_format::fixed, -1);
  }
  if (fmt == 'E' || fmt == 'G') {
    for (char& ch : out) {
      if (ch == 'e') ch = 'E';
    }
  }
  return out;
}

// A number or bool parsed from a string stands for that text: it keeps the text's position,
// so a bound it breaks points at the data line ("mtu": "99999" in config_db.json) as well as
// at the constraint, not at the call in the schema.
const Value* at_text(CallContext& c, const Value* text, const Value* r) {
  if (!r || !text->pos.valid()) return r;
  if (r->vk == VK::Num) return c.ev.number(r->num, text->pos);
  if (r->vk == VK::Bool) return c.ev.boolean(r->b, text->pos);
  return r;
}

}  // namespace

void register_strconv() {
  const std::string P = "strconv";
  const uint16_t S = kString, I = kInt;

  def(P, "Atoi", {S}, I, "the decimal integer in the string (ParseInt(s, 10, 0))",
      [](CallContext& c, Args a) { return at_text(c, a[0], parse_int(c, a[0]->str, 10, 0)); });
  def(P, "ParseInt", {S, I, I}, I,
      "ParseInt(s, base, bitSize): the integer in s, in base 2 to 36 (0: from the prefix 0b, 0o, "
      "0x "
      "or 0, with _ separators allowed), that must fit in bitSize bits (0: 64)",
      [](CallContext& c, Args a) {
        return at_text(c, a[0], parse_int(c, a[0]->str, int_of(a[1]), int_of(a[2])));
      });
  def(P, "ParseUint", {S, I, I}, I,
      "ParseUint(s, base, bitSize): as ParseInt, for unsigned integers (no sign)",
      [](CallContext& c, Args a) -> const Value* {
        int64_t base = int_of(a[1]), bits = int_of(a[2]);
        if (const Value* e = check_base_bits(c, base, bits)) return e;
        std::string_view s = a[0]->str;
        const char* err;
        uint64_t u =
            parse_uint(s, static_cast<int>(base), bits == 0 ? 64 : static_cast<int>(bits), err);
        if (err) return num_error(c, s, err);
        if (u > static_cast<uint64_t>(INT64_MAX)) {
          return failf(c, "parsing {}: value out of range (cfgc integers are 64-bit signed)",
                       quote(s));
        }
        return c.ev.integer(static_cast<int64_t>(u), a[0]->pos.valid() ? a[0]->pos : c.pos);
      });
  def(P, "ParseFloat", {S, I}, kFloat,
      "ParseFloat(s, bitSize): the floating-point number in s (decimal or 0x…p… hexadecimal), "
      "rounded "
      "to a 32- or 64-bit float",
      [](CallContext& c, Args a) {
        return at_text(c, a[0], parse_float(c, a[0]->str, int_of(a[1])));
      });
  def(P, "ParseBool", {S}, kBool,
      "the boolean in s: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false or False",
      [](CallContext& c, Args a) -> const Value* {
        std::string_view s = a[0]->str;
        if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
          return c.ev.boolean(true, c.pos);
        }
        if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
          return c.ev.boolean(false, c.pos);
        }
        return num_error(c, s, kSyntax);
      });
  def(P, "FormatInt", {I, I}, S,
      "FormatInt(i, base): the integer in base 2 to 36 (lower-case letters for digits >= 10)",
      [](CallContext& c, Args a) -> const Value* {
        int64_t i = int_of(a[0]), base = int_of(a[1]);
        if (base < 2 || base > 36) return failf(c, "invalid base {}", base);
        uint64_t u = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
        return c.ev.string(format_int(u, i < 0, static_cast<int>(base)), c.pos);
      });
  def(P, "FormatUint", {I, I}, S, "FormatUint(i, base): as FormatInt, for a non-negative integer",
      [](CallContext& c, Args a) -> const Value* {
        int64_t i = int_of(a[0]), base = int_of(a[1]);
        if (i < 0) return failf(c, "negative value {}", i);
        if (base < 2 || base > 36) return failf(c, "invalid base {}", base);
        return c.ev.string(format_int(static_cast<uint64_t>(i), false, static_cast<int>(base)),
                           c.pos);
      });
  def(P, "Itoa", {I}, S, "the integer in decimal (FormatInt(i, 10))",
      [](CallContext& c, Args a) { return c.ev.string(std::to_string(int_of(a[0])), c.pos); });
  def(P, "FormatFloat", {kNumber, I, I, I}, S,
      "FormatFloat(f, fmt, prec, bitSize): f formatted as Go does: fmt is the code of 'e', 'E', "
      "'f', "
      "'g' or 'G' (101, 69, 102, 103, 71), prec the digits (-1: the fewest that read back "
      "exactly), "
      "bitSize 32 or 64",
      [](CallContext& c, Args a) -> const Value* {
        int64_t fmt = int_of(a[1]), prec = int_of(a[2]), bits = int_of(a[3]);
        if (fmt != 'e' && fmt != 'E' && fmt != 'f' && fmt != 'g' && fmt != 'G') {
          return failf(
              c, "unsupported format {} (want 'e', 'E', 'f', 'g' or 'G': 101, 69, 102, 103 or 71)",
              fmt);
        }
        if (bits != 32 && bits != 64) return failf(c, "invalid bit size {} (want 32 or 64)", bits);
        if (prec > 1000) return failf(c, "precision {} too large", prec);
        double d = a[0]->num.to_double();
        std::string out = bits == 32
                              ? format_float(static_cast<float>(d), static_cast<char>(fmt),
                                             static_cast<int>(prec))
                              : format_float(d, static_cast<char>(fmt), static_cast<int>(prec));
        return c.ev.string(out, c.pos);
      });
  def(P, "FormatBool", {kBool}, S, "\"true\" or \"false\"",
      [](CallContext& c, Args a) { return c.ev.string(a[0]->b ? "true" : "false", c.pos); });
  def(P, "Quote", {S}, S,
      "the string as a double-quoted Go string literal, escaping control and non-printable "
      "characters",
      [](CallContext& c, Args a) { return c.ev.string(quote(a[0]->str), c.pos); });
  def(P, "QuoteToASCII", {S}, S, "as Quote, also escaping every non-ASCII character (\\u263a)",
      [](CallContext& c, Args a) { return c.ev.string(quote(a[0]->str, true), c.pos); });
  def(P, "QuoteRune", {I}, S, "the code point as a single-quoted Go character literal",
      [](CallContext& c, Args a) -> const Value* {
        int64_t r = int_of(a[0]);
        if (r < 0 || r > 0x10FFFF) r = 0xFFFD;
        return c.ev.string(go_quote_rune(static_cast<char32_t>(r)), c.pos);
      });
  def(P, "QuoteToGraphic", {S}, S,
      "as Quote, keeping Unicode graphic characters such as non-breaking spaces as they are",
      [](CallContext& c, Args a) { return c.ev.string(quote_graphic(a[0]->str), c.pos); });
  def(P, "QuoteRuneToASCII", {I}, S, "as QuoteRune, escaping a non-ASCII character ('\\u263a')",
      [](CallContext& c, Args a) {
        return c.ev.string(go_quote_rune(rune_arg(a[0]), true), c.pos);
      });
  def(P, "QuoteRuneToGraphic", {I}, S, "as QuoteRune, keeping a Unicode graphic character as it is",
      [](CallContext& c, Args a) -> const Value* {
        char32_t r = rune_arg(a[0]);
        if (r != '\'' && r != '\\' && is_graphic(r)) {
          std::string out = "'";
          unicode::append_rune(out, r);
          out += '\'';
          return c.ev.string(out, c.pos);
        }
        return c.ev.string(go_quote_rune(r), c.pos);
      });
  def(P, "IsPrint", {I}, kBool,
      "whether the code point is printable as Go defines it (letters, marks, numbers, "
      "punctuation, symbols and the ASCII space)",
      [](CallContext& c, Args a) {
        int64_t r = int_of(a[0]);
        return c.ev.boolean(r >= 0 && r <= 0x10FFFF && unicode::is_print(static_cast<char32_t>(r)),
                            c.pos);
      });
  def(P, "IsGraphic", {I}, kBool,
      "whether the code point is graphic: printable, or a Unicode space separator",
      [](CallContext& c, Args a) {
        int64_t r = int_of(a[0]);
        return c.ev.boolean(r >= 0 && r <= 0x10FFFF && is_graphic(static_cast<char32_t>(r)), c.pos);
      });
  def_const(P, "IntSize", kInt, "64, the size in bits of Go's int",
            [](CallContext& c, Args) { return c.ev.integer(64, c.pos); });
  def(P, "Unquote", {S}, S,
      "the value of a Go string literal: double-quoted with escapes, back-quoted raw, or a "
      "single-quoted character",
      [](CallContext& c, Args a) -> const Value* {
        std::string out;
        if (!unquote(a[0]->str, out)) return fail(c, kSyntax);
        return c.ev.string(out, c.pos);
      });
}

}  // namespace cfgc::stdlib
