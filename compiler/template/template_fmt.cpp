// Go's fmt verbs and strconv quoting/float formatting, written from their documented behaviour.
#include "compiler/template/template_fmt.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "compiler/base/quote.h"
#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"

namespace cfgc::tmpl {

namespace {

constexpr std::string_view kLowerDigits = "0123456789abcdefx";
constexpr std::string_view kUpperDigits = "0123456789ABCDEFX";
constexpr char32_t kRuneError = 0xFFFD;
constexpr char32_t kMaxRune = 0x10FFFF;





// --- float digits ---

// The decimal digits of a positive finite double: value = 0.d[0]d[1]... × 10^dp, without
// trailing zeros. `sig` < 0: the shortest digits that read back as the same double; otherwise
// correctly rounded to `sig` significant digits.
struct Digits {
  std::string d;
  int dp = 0;
};

Digits digits_of(double a, int sig) {
  Digits out;
  if (a == 0) return out;
  char buf[800];
  std::to_chars_result r =
      sig < 0 ? std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific)
              : std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific, sig - 1);
  std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
  size_t e = s.find('e');
  for (char c : s.substr(0, e)) {
    if (c != '.') out.d += c;
  }
  int exp = 0;
  std::from_chars(s.data() + e + (s[e + 1] == '+' ? 2 : 1), s.data() + s.size(), exp);
  out.dp = exp + 1;
  while (!out.d.empty() && out.d.back() == '0') out.d.pop_back();
  if (out.d.empty()) out.dp = 0;
  return out;
}

void append_exponent(std::string& out, char e, int exp) {
  out += e;
  out += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) out += '0';
  out += std::to_string(exp);
}

// %e with `prec` digits after the point, from digits.
std::string format_e(const Digits& d, int prec, char e) {
  std::string out;
  out += d.d.empty() ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) {
      out += static_cast<size_t>(i) < d.d.size() ? d.d[static_cast<size_t>(i)] : '0';
    }
  }
  append_exponent(out, e, d.d.empty() ? 0 : d.dp - 1);
  return out;
}

// %f with `prec` digits after the point, from digits.
std::string format_f(const Digits& d, int prec) {
  std::string out;
  int nd = static_cast<int>(d.d.size());
  if (d.dp > 0) {
    int m = std::min(nd, d.dp);
    out.append(d.d, 0, static_cast<size_t>(m));
    for (; m < d.dp; ++m) out += '0';
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 0; i < prec; ++i) {
      int j = d.dp + i;
      out += j >= 0 && j < nd ? d.d[static_cast<size_t>(j)] : '0';
    }
  }
  return out;
}

// %x: [0x]1.hhhp±dd, `prec` hex digits after the point (-1: as many as needed).
std::string format_hex(double a, int prec, bool upper) {
  uint64_t mant = 0;
  int exp = 0;
  if (a != 0) {
    int e;
    double m = std::frexp(a, &e);  // a = m × 2^e, 0.5 <= m < 1
    mant = static_cast<uint64_t>(std::ldexp(m, 53));  // 1 bit before the point, 52 after
    exp = e - 1;
  }
  int nd = 13;  // hex digits after the point
  if (prec >= 0 && prec < 13) {
    int shift = 4 * (13 - prec);
    uint64_t keep = mant >> shift;
    uint64_t rest = mant & ((uint64_t(1) << shift) - 1);
    uint64_t half = uint64_t(1) << (shift - 1);
    if (rest > half || (rest == half && (keep & 1))) ++keep;
    if (mant != 0 && (keep >> (4 * prec)) >= 2) {
      keep >>= 1;
      ++exp;
    }
    mant = keep;
    nd = prec;
  } else if (prec < 0) {
    while (nd > 0 && (mant & 0xF) == 0) {
      mant >>= 4;
      --nd;
    }
  }
  std::string_view digits = upper ? kUpperDigits : kLowerDigits;
  std::string out = upper ? "0X" : "0x";
  out += digits[static_cast<size_t>(mant >> (4 * nd)) & 1];
  if (nd > 0 || prec > 13) out += '.';
  for (int i = nd - 1; i >= 0; --i) out += digits[(mant >> (4 * i)) & 0xF];
  for (int i = 13; i < prec; ++i) out += '0';
  out += upper ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  int ae = exp < 0 ? -exp : exp;
  if (ae < 10) out += '0';
  out += std::to_string(ae);
  return out;
}

// %b: decimal mantissa and binary exponent, -ddddp±ddd.
std::string format_binary(double a) {
  uint64_t mant = 0;
  int exp = 0;
  if (a != 0) {
    if (a < std::numeric_limits<double>::min()) {
      mant = static_cast<uint64_t>(std::ldexp(a, 1074));
      exp = -1074;
    } else {
      int e;
      double m = std::frexp(a, &e);
      mant = static_cast<uint64_t>(std::ldexp(m, 53));
      exp = e - 53;
    }
  } else {
    exp = -1074;
  }
  std::string out = std::to_string(mant);
  out += 'p';
  out += exp < 0 ? '-' : '+';
  out += std::to_string(exp < 0 ? -exp : exp);
  return out;
}

// A number's text with an explicit sign: "+1.5", "-2".
std::string with_sign(std::string_view text) {
  std::string out;
  if (text.empty() || text[0] != '-') out += '+';
  out += text;
  return out;
}

// --- the printer ---

struct Flags {
  bool plus = false, minus = false, sharp = false, space = false, zero = false;
  bool plus_v = false, sharp_v = false;
  bool wid_present = false, prec_present = false;
  int wid = 0, prec = 0;
};

bool too_large(int64_t x) { return x > 1000000 || x < -1000000; }

class Printer {
 public:
  explicit Printer(size_t limit) : limit_(limit) {}
  std::string buf;

  void print_arg(const TemplateValue& a, char32_t verb) {
    if (a.is_null()) {
      if (verb == 'T' || verb == 'v') {
        pad("<nil>");
      } else {
        bad_verb(verb, nullptr);
      }
      return;
    }
    if (verb == 'T') {
      fmt_s(go_type_name(a));
      return;
    }
    if (verb == 'p') {  // no addresses here
      bad_verb(verb, &a);
      return;
    }
    print_value(a, verb);
  }

  void sprint(std::span<const TemplateValue> args) {
    bool prev_string = false;
    for (size_t i = 0; i < args.size() && !full(); ++i) {
      bool is_string = args[i].kind() == TemplateValue::Kind::String;
      if (i > 0 && !is_string && !prev_string) buf += ' ';
      f = Flags{};
      print_arg(args[i], 'v');
      prev_string = is_string;
    }
  }

  void sprintln(std::span<const TemplateValue> args) {
    for (size_t i = 0; i < args.size() && !full(); ++i) {
      if (i > 0) buf += ' ';
      f = Flags{};
      print_arg(args[i], 'v');
    }
    buf += '\n';
  }

  void sprintf(std::string_view format, std::span<const TemplateValue> a);

 private:
  bool full() const { return buf.size() > limit_; }

  size_t limit_;
  Flags f;
  bool reordered_ = false;
  bool good_arg_num_ = true;

  // --- padding ---

  void write_padding(int n) {
    if (n <= 0) return;
    size_t count = static_cast<size_t>(n);
    if (buf.size() + count > limit_) count = limit_ >= buf.size() ? limit_ + 1 - buf.size() : 0;
    buf.append(count, f.zero && !f.minus ? '0' : ' ');
  }

  void pad(std::string_view s) {
    if (!f.wid_present || f.wid == 0) {
      buf += s;
      return;
    }
    int width = f.wid - static_cast<int>(unicode::rune_count(s));
    if (!f.minus) {
      write_padding(width);
      buf += s;
    } else {
      buf += s;
      write_padding(width);
    }
  }

  // A signed number text ("+1.5", "-2"): the sign goes before zero padding; a '+' is shown only
  // with the plus flag (and becomes ' ' with the space flag).
  void pad_signed(std::string num) {
    if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
    if (f.plus || num[0] != '+') {
      if (f.zero && !f.minus && f.wid_present && f.wid > static_cast<int>(num.size())) {
        buf += num[0];
        write_padding(f.wid - static_cast<int>(num.size()));
        buf.append(num, 1);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  // --- verbs by kind ---

  void bad_verb(char32_t verb, const TemplateValue* arg) {
    buf += "%!";
    unicode::append_rune(buf, verb);
    buf += '(';
    if (arg && !arg->is_null()) {
      buf += go_type_name(*arg);
      buf += '=';
      print_arg(*arg, 'v');
    } else {
      buf += "<nil>";
    }
    buf += ')';
  }

  void print_value(const TemplateValue& v, char32_t verb) {
    using K = TemplateValue::Kind;
    switch (v.kind()) {
      case K::Null:  // a nil element of a list or map
        buf += f.sharp_v ? "interface {}(nil)" : "<nil>";
        return;
      case K::Bool:
        if (verb == 't' || verb == 'v') {
          pad(v.as_bool() ? "true" : "false");
        } else {
          bad_verb(verb, &v);
        }
        return;
      case K::Int: print_int(v, verb); return;
      case K::Float: print_float(v, verb); return;
      case K::String: print_string(v, verb); return;
      case K::List: {
        const TemplateValue::List& l = v.as_list();
        buf += f.sharp_v ? "[]interface {}{" : "[";
        for (size_t i = 0; i < l.size() && !full(); ++i) {
          if (i > 0) buf += f.sharp_v ? ", " : " ";
          print_value(l[i], verb);
        }
        buf += f.sharp_v ? '}' : ']';
        return;
      }
      case K::Map: {
        buf += f.sharp_v ? "map[string]interface {}{" : "map[";
        bool first = true;
        for (const TemplateValue::Map::Entry* e : v.as_map().sorted()) {
          if (full()) break;
          if (!first) buf += f.sharp_v ? ", " : " ";
          first = false;
          print_string(TemplateValue::string(e->first), verb);
          buf += ':';
          print_value(e->second, verb);
        }
        buf += f.sharp_v ? '}' : ']';
        return;
      }
    }
  }

  void print_int(const TemplateValue& v, char32_t verb) {
    std::string_view text = v.number_text();
    if (!text.empty() && (verb == 'v' || verb == 'd' || verb == 's')) {
      pad_signed(with_sign(text));
      return;
    }
    uint64_t u = static_cast<uint64_t>(v.as_int());
    switch (verb) {
      case 'v':
      case 'd': fmt_integer(u, 10, true, verb, kLowerDigits); return;
      case 'b': fmt_integer(u, 2, true, verb, kLowerDigits); return;
      case 'o':
      case 'O': fmt_integer(u, 8, true, verb, kLowerDigits); return;
      case 'x': fmt_integer(u, 16, true, verb, kLowerDigits); return;
      case 'X': fmt_integer(u, 16, true, verb, kUpperDigits); return;
      case 'c': fmt_c(u); return;
      case 'q': fmt_qc(u); return;
      case 'U': fmt_unicode(u); return;
      default: bad_verb(verb, &v); return;
    }
  }

  void print_float(const TemplateValue& v, char32_t verb) {
    std::string_view text = v.number_text();
    switch (verb) {
      case 'v':
        if (!text.empty() && !f.prec_present) {
          pad_signed(with_sign(text));
          return;
        }
        fmt_float(v.as_float(), 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X': fmt_float(v.as_float(), static_cast<char>(verb), -1); return;
      case 'f':
      case 'F':
      case 'e':
      case 'E': fmt_float(v.as_float(), static_cast<char>(verb), 6); return;
      default: bad_verb(verb, &v); return;
    }
  }

  void print_string(const TemplateValue& v, char32_t verb) {
    const std::string& s = v.as_string();
    switch (verb) {
      case 'v':
        if (f.sharp_v) {
          fmt_q(s);
        } else {
          fmt_s(s);
        }
        return;
      case 's': fmt_s(s); return;
      case 'x': fmt_sx(s, kLowerDigits); return;
      case 'X': fmt_sx(s, kUpperDigits); return;
      case 'q': fmt_q(s); return;
      default: bad_verb(verb, &v); return;
    }
  }

  // --- formatting primitives ---

  void fmt_integer(uint64_t u, int base, bool is_signed, char32_t verb, std::string_view digits) {
    bool negative = is_signed && static_cast<int64_t>(u) < 0;
    if (negative) u = ~u + 1;
    int prec = 0;
    if (f.prec_present) {
      prec = f.prec;
      if (prec == 0 && u == 0) {  // precision 0 and value 0 print nothing but padding
        bool zero = f.zero;
        f.zero = false;
        write_padding(f.wid);
        f.zero = zero;
        return;
      }
    } else if (f.zero && !f.minus && f.wid_present) {
      prec = f.wid;
      if (negative || f.plus || f.space) --prec;  // room for the sign
    }
    std::string r;  // reversed
    uint64_t b = static_cast<uint64_t>(base);
    while (u >= b) {
      r += digits[static_cast<size_t>(u % b)];
      u /= b;
    }
    r += digits[static_cast<size_t>(u)];
    while (static_cast<int>(r.size()) < prec) r += '0';
    if (f.sharp) {
      switch (base) {
        case 2: r += "b0"; break;
        case 8:
          if (r.back() != '0') r += '0';
          break;
        case 16:
          r += digits[16];
          r += '0';
          break;
      }
    }
    if (verb == 'O') r += "o0";
    if (negative) {
      r += '-';
    } else if (f.plus) {
      r += '+';
    } else if (f.space) {
      r += ' ';
    }
    std::reverse(r.begin(), r.end());
    bool zero = f.zero;  // zero padding was done as precision above
    f.zero = false;
    pad(r);
    f.zero = zero;
  }

  void fmt_unicode(uint64_t u) {
    int prec = 4;
    if (f.prec_present && f.prec > 4) prec = f.prec;
    std::string hex;
    uint64_t x = u;
    do {
      hex += kUpperDigits[x & 0xF];
      x >>= 4;
    } while (x);
    while (static_cast<int>(hex.size()) < prec) hex += '0';
    std::reverse(hex.begin(), hex.end());
    std::string out = "U+" + hex;
    if (f.sharp && u <= kMaxRune && unicode::is_print(static_cast<char32_t>(u))) {
      out += " '";
      unicode::append_rune(out, static_cast<char32_t>(u));
      out += '\'';
    }
    bool zero = f.zero;
    f.zero = false;
    pad(out);
    f.zero = zero;
  }

  void fmt_c(uint64_t c) {
    std::string s;
    unicode::append_rune(s, c > kMaxRune ? kRuneError : static_cast<char32_t>(c));
    pad(s);
  }

  void fmt_qc(uint64_t c) {
    char32_t r = c > kMaxRune ? kRuneError : static_cast<char32_t>(c);
    pad(go_quote_rune(r, f.plus));
  }

  void fmt_float(double v, char verb, int prec) {
    if (f.prec_present) prec = f.prec;
    std::string num = go_format_float(v, verb, prec);
    if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
    if (num[1] == 'I' || num[1] == 'N') {  // infinities and NaN are not zero padded
      bool zero = f.zero;
      f.zero = false;
      if (num[1] == 'N' && !f.space && !f.plus) num.erase(0, 1);
      if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
      pad(num);
      f.zero = zero;
      return;
    }
    if (f.sharp && verb != 'b') {
      // The alternate format: always a decimal point; %#g keeps trailing zeros.
      int digits = 0;
      if (verb == 'g' || verb == 'G' || verb == 'x' || verb == 'X') digits = prec < 0 ? 6 : prec;
      std::string tail;
      bool has_point = false, nonzero = false;
      for (size_t i = 1; i < num.size(); ++i) {
        char c = num[i];
        if (c == '.') {
          has_point = true;
        } else if (c == 'p' || c == 'P' ||
                   ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else {
          if (c != '0') nonzero = true;
          if (nonzero) --digits;
        }
      }
      if (!has_point) {
        if (num.size() == 2 && num[1] == '0') --digits;  // a lone 0 counts once
        num += '.';
      }
      while (digits-- > 0) num += '0';
      num += tail;
    }
    pad_signed(std::move(num));
  }

  std::string_view truncate(std::string_view s) const {
    if (!f.prec_present) return s;
    int n = f.prec;
    for (size_t i = 0; i < s.size();) {
      if (n-- <= 0) return s.substr(0, i);
      size_t len;
      utf8::decode(s, i, len);
      i += len;
    }
    return s;
  }

  void fmt_s(std::string_view s) { pad(truncate(s)); }

  void fmt_sx(std::string_view s, std::string_view digits) {
    int length = static_cast<int>(s.size());
    if (f.prec_present && f.prec < length) length = f.prec;
    int width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) {
        width += 2;
      }
    } else {
      if (f.wid_present) write_padding(f.wid);
      return;
    }
    if (f.wid_present && f.wid > width && !f.minus) write_padding(f.wid - width);
    if (f.sharp) {
      buf += '0';
      buf += digits[16];
    }
    for (int i = 0; i < length; ++i) {
      if (f.space && i > 0) {
        buf += ' ';
        if (f.sharp) {
          buf += '0';
          buf += digits[16];
        }
      }
      unsigned char c = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
      buf += digits[c >> 4];
      buf += digits[c & 0xF];
    }
    if (f.wid_present && f.wid > width && f.minus) write_padding(f.wid - width);
  }

  void fmt_q(std::string_view s) {
    s = truncate(s);
    if (f.sharp && can_backquote(s)) {
      std::string q = "`";
      q += s;
      q += '`';
      pad(q);
      return;
    }
    pad(go_quote(s, f.plus));
  }

  static bool can_backquote(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      size_t len;
      char32_t r = utf8::decode(s, i, len);
      i += len;
      if (len > 1) {
        if (r == 0xFEFF) return false;
        continue;
      }
      if (r == utf8::kInvalid) return false;
      if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
    }
    return true;
  }

  // --- Sprintf argument handling ---

  static bool parse_num(std::string_view s, size_t start, size_t end, int& num, size_t& newi) {
    num = 0;
    newi = start;
    if (start >= end) {
      newi = end;
      return false;
    }
    bool isnum = false;
    for (; newi < end && s[newi] >= '0' && s[newi] <= '9'; ++newi) {
      if (too_large(num)) {
        num = 0;
        newi = end;
        return false;
      }
      num = num * 10 + (s[newi] - '0');
      isnum = true;
    }
    return isnum;
  }

  // An explicit argument index [n] at format[i].
  bool arg_number(size_t& arg_num, std::string_view format, size_t& i, size_t num_args) {
    if (format.size() <= i || format[i] != '[') return false;
    reordered_ = true;
    std::string_view rest = format.substr(i);
    // There must be at least 3 bytes: [n].
    size_t wid = 1;
    bool ok = false;
    int index = 0;
    if (rest.size() >= 3) {
      for (size_t k = 1; k < rest.size(); ++k) {
        if (rest[k] != ']') continue;
        int n;
        size_t newi;
        bool isnum = parse_num(rest, 1, k, n, newi);
        if (!isnum || newi != k) {
          wid = k + 1;
        } else {
          index = n - 1;
          wid = k + 1;
          ok = true;
        }
        break;
      }
    }
    i += wid;
    if (ok && index >= 0 && static_cast<size_t>(index) < num_args) {
      arg_num = static_cast<size_t>(index);
      return true;
    }
    good_arg_num_ = false;
    return ok;
  }

  static bool int_from_arg(std::span<const TemplateValue> a, size_t& arg_num, int& num) {
    bool is_int = false;
    num = 0;
    if (arg_num < a.size()) {
      const TemplateValue& v = a[arg_num];
      if (v.kind() == TemplateValue::Kind::Int && v.number_text().empty()) {
        int64_t n = v.as_int();
        if (!too_large(n)) {
          num = static_cast<int>(n);
          is_int = true;
        }
      }
      ++arg_num;
    }
    return is_int;
  }
};

void Printer::sprintf(std::string_view format, std::span<const TemplateValue> a) {
  size_t end = format.size();
  size_t arg_num = 0;
  bool after_index = false;
  reordered_ = false;
  size_t i = 0;
  while (i < end && !full()) {
    good_arg_num_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    ++i;  // the '%'
    f = Flags{};
    bool printed = false;
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') {
        f.sharp = true;
      } else if (c == '0') {
        f.zero = true;
      } else if (c == '+') {
        f.plus = true;
      } else if (c == '-') {
        f.minus = true;
      } else if (c == ' ') {
        f.space = true;
      } else {
        // The common case: a lower-case verb right after the flags, with an argument left.
        if (c >= 'a' && c <= 'z' && arg_num < a.size()) {
          if (c == 'v') {
            f.sharp_v = f.sharp;
            f.sharp = false;
            f.plus_v = f.plus;
            f.plus = false;
          }
          print_arg(a[arg_num], static_cast<char32_t>(c));
          ++arg_num;
          ++i;
          printed = true;
        }
        break;
      }
    }
    if (printed) continue;

    after_index = arg_number(arg_num, format, i, a.size());

    // Width.
    if (i < end && format[i] == '*') {
      ++i;
      f.wid_present = int_from_arg(a, arg_num, f.wid);
      if (!f.wid_present) buf += "%!(BADWIDTH)";
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      after_index = false;
    } else {
      size_t newi;
      f.wid_present = parse_num(format, i, end, f.wid, newi);
      i = newi;
      if (after_index && f.wid_present) good_arg_num_ = false;  // "%[3]2d"
    }

    // Precision.
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (after_index) good_arg_num_ = false;  // "%[3].2d"
      after_index = arg_number(arg_num, format, i, a.size());
      if (i < end && format[i] == '*') {
        ++i;
        f.prec_present = int_from_arg(a, arg_num, f.prec);
        if (f.prec < 0) {
          f.prec = 0;
          f.prec_present = false;
        }
        if (!f.prec_present) buf += "%!(BADPREC)";
        after_index = false;
      } else {
        size_t newi;
        f.prec_present = parse_num(format, i, end, f.prec, newi);
        i = newi;
        if (!f.prec_present) {
          f.prec = 0;
          f.prec_present = true;
        }
      }
    }

    if (!after_index) after_index = arg_number(arg_num, format, i, a.size());

    if (i >= end) {
      buf += "%!(NOVERB)";
      break;
    }
    size_t len = 1;
    char32_t verb = static_cast<unsigned char>(format[i]);
    if (verb >= 0x80) {
      verb = utf8::decode(format, i, len);
      if (verb == utf8::kInvalid) verb = kRuneError;
    }
    i += len;

    if (verb == '%') {
      buf += '%';  // absorbs no operand, ignores width and precision
    } else if (!good_arg_num_) {
      buf += "%!";
      unicode::append_rune(buf, verb);
      buf += "(BADINDEX)";
    } else if (arg_num >= a.size()) {
      buf += "%!";
      unicode::append_rune(buf, verb);
      buf += "(MISSING)";
    } else {
      if (verb == 'v') {
        f.sharp_v = f.sharp;
        f.sharp = false;
        f.plus_v = f.plus;
        f.plus = false;
      }
      print_arg(a[arg_num], verb);
      ++arg_num;
    }
  }

  // Extra arguments, unless arguments were accessed out of order.
  if (!reordered_ && arg_num < a.size()) {
    f = Flags{};
    buf += "%!(EXTRA ";
    for (size_t k = arg_num; k < a.size(); ++k) {
      if (k > arg_num) buf += ", ";
      if (a[k].is_null()) {
        buf += "<nil>";
      } else {
        buf += go_type_name(a[k]);
        buf += '=';
        print_arg(a[k], 'v');
      }
    }
    buf += ')';
  }
}


}  // namespace

std::string_view go_type_name(const TemplateValue& v) {
  using K = TemplateValue::Kind;
  switch (v.kind()) {
    case K::Null: return "<nil>";
    case K::Bool: return "bool";
    case K::Int: return "int";
    case K::Float: return "float64";
    case K::String: return "string";
    case K::List: return "[]interface {}";
    case K::Map: return "map[string]interface {}";
  }
  return "<nil>";
}

std::string go_sprint(std::span<const TemplateValue> args, size_t limit) {
  Printer p(limit);
  p.sprint(args);
  return std::move(p.buf);
}

std::string go_sprintln(std::span<const TemplateValue> args, size_t limit) {
  Printer p(limit);
  p.sprintln(args);
  return std::move(p.buf);
}

std::string go_sprintf(std::string_view format, std::span<const TemplateValue> args,
                       size_t limit) {
  Printer p(limit);
  p.sprintf(format, args);
  return std::move(p.buf);
}

std::string go_format_value(const TemplateValue& v, size_t limit) {
  Printer p(limit);
  p.print_arg(v, 'v');
  return std::move(p.buf);
}



std::string go_format_float(double v, char fmt, int prec) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  bool neg = std::signbit(v);
  double a = std::fabs(v);
  std::string body;
  switch (fmt) {
    case 'e':
    case 'E': {
      char buf[800];
      std::to_chars_result r =
          prec < 0 ? std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific)
                   : std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific,
                                   std::min(prec, 700));
      body.assign(buf, r.ptr);
      if (prec > 700) {  // the digits beyond are zeros
        size_t e = body.find('e');
        body.insert(e, static_cast<size_t>(prec - 700), '0');
      }
      if (fmt == 'E') std::replace(body.begin(), body.end(), 'e', 'E');
      break;
    }
    case 'f':
    case 'F': {
      std::string buf(1200, '\0');
      std::to_chars_result r =
          prec < 0 ? std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed)
                   : std::to_chars(buf.data(), buf.data() + buf.size(), a,
                                   std::chars_format::fixed, std::min(prec, 1100));
      body.assign(buf.data(), r.ptr);
      if (prec > 1100) body.append(static_cast<size_t>(prec - 1100), '0');
      break;
    }
    case 'g':
    case 'G': {
      bool shortest = prec < 0;
      Digits d;
      if (shortest) {
        d = digits_of(a, -1);
        prec = static_cast<int>(d.d.size());
      } else {
        if (prec == 0) prec = 1;
        d = digits_of(a, std::min(prec, 767));
      }
      int nd = static_cast<int>(d.d.size());
      int eprec = prec;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      int exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        body = format_e(d, prec - 1, fmt == 'G' ? 'E' : 'e');
      } else {
        if (prec > d.dp) prec = nd;
        body = format_f(d, std::max(prec - d.dp, 0));
      }
      break;
    }
    case 'x':
    case 'X': body = format_hex(a, prec, fmt == 'X'); break;
    case 'b': body = format_binary(a); break;
    default: return std::string("%") += fmt;
  }
  if (neg) body.insert(body.begin(), '-');
  return body;
}


std::string go_unicode_name(char32_t r) {
  std::string out = "U+";
  char buf[16];
  std::to_chars_result res = std::to_chars(buf, buf + sizeof buf, static_cast<uint32_t>(r), 16);
  std::string hex(buf, res.ptr);
  for (char& ch : hex) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (hex.size() < 4) out.append(4 - hex.size(), '0');
  out += hex;
  if (unicode::is_print(r)) {
    out += " '";
    unicode::append_rune(out, r);
    out += '\'';
  }
  return out;
}

std::string go_quote_prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) {
    size_t len;
    utf8::decode(s, i, len);
    i += len;
  }
  return go_quote(s.substr(0, i));
}

}  // namespace cfgc::tmpl
