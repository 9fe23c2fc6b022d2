// Python literals in INI inventories. Ansible types an INI value with Python's
// ast.literal_eval and keeps the text as a string when that fails. This is a reader for the
// same literal language: numbers (1_000, 0x1F, 0o17, 0b101, 1.5, .5, 1e3), strings in any
// quoting with their prefixes and escapes (adjacent strings concatenate, bytes become text),
// True/False/None, lists, tuples (as lists), dicts, a sign before a number, and comments.
// A set or an imaginary number is a Python value with no JSON form: cfgc warns and keeps the
// text.

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/load/inventory_internal.h"
#include "compiler/base/quote.h"
#include "compiler/encoding/yaml11.h"

namespace cfgc::load::inventory_detail {

using namespace cfgc::encoding;

using syntax::Tok;

namespace {

struct NotLiteral {
  std::string unsupported;  // set: not a literal cfgc reads, though Python does (warn)
};

struct PyValue {
  enum class Kind : uint8_t { Scalar, Str, Bytes, List, Dict } kind = Kind::Scalar;
  TypedScalar scalar;  // Scalar: Null, Bool, Int or Float; Str and Bytes: scalar.text
  bool signed_number = false;
  size_t at = 0;               // where it starts in the text
  std::vector<PyValue> items;  // List; Dict: keys and values alternate
};

constexpr int kMaxDepth = 100;

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }



class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  PyValue parse() {
    // literal_eval strips leading spaces and tabs.
    PyValue v = tuple_or_expr(0, '\0');
    skip_space();
    if (i_ != s_.size()) throw NotLiteral{};
    return v;
  }

 private:
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  void skip_space() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++i_;
      } else if (c == '#') {
        i_ = s_.size();  // a comment runs to the end of the line
      } else {
        break;
      }
    }
  }

  // An expression, or a tuple without parentheses (`1, 2`) until `close`.
  PyValue tuple_or_expr(int depth, char close) {
    skip_space();
    size_t start = i_;
    if (close != '\0' && peek() == close) throw NotLiteral{};
    PyValue first = expr(depth);
    skip_space();
    if (peek() != ',') return first;
    PyValue t;
    t.kind = PyValue::Kind::List;
    t.at = start;
    t.items.push_back(std::move(first));
    while (peek() == ',') {
      ++i_;
      skip_space();
      if (i_ == s_.size() || peek() == close) break;
      t.items.push_back(expr(depth));
      skip_space();
    }
    return t;
  }

  PyValue expr(int depth) {
    if (depth > kMaxDepth) throw NotLiteral{};
    skip_space();
    size_t start = i_;
    char c = peek();
    if (c == '-' || c == '+') {
      ++i_;
      PyValue v = expr(depth + 1);
      // Python accepts a sign only on a number literal (1, 1.5), not on True or -1.
      if (v.kind != PyValue::Kind::Scalar || v.signed_number ||
          (v.scalar.kind != TypedScalar::Kind::Int && v.scalar.kind != TypedScalar::Kind::Float)) {
        throw NotLiteral{};
      }
      if (c == '-') {
        std::string& t = v.scalar.text;
        if (t[0] == '-') {
          t.erase(0, 1);
        } else if (t != "0") {
          t = "-" + t;
        }
      }
      v.signed_number = true;
      v.at = start;
      return v;
    }
    if (c == '[' || c == '(') return sequence(depth, start);
    if (c == '{') return mapping(depth, start);
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return number(start);
    if (c == '\'' || c == '"' || is_ident_start(c)) {
      size_t k = 0;
      while (k < 2 && std::string_view("rRbBuUfF").find(peek(k)) != std::string_view::npos) ++k;
      if (peek(k) == '\'' || peek(k) == '"') return strings(start);
      return name(start);
    }
    throw NotLiteral{};
  }

  PyValue name(size_t start) {
    while (is_ident_char(peek())) ++i_;
    std::string_view n = s_.substr(start, i_ - start);
    PyValue v;
    v.at = start;
    if (n == "True" || n == "False") {
      v.scalar = {TypedScalar::Kind::Bool, n == "True" ? "true" : "false"};
    } else if (n == "None") {
      v.scalar = {TypedScalar::Kind::Null, ""};
    } else {
      throw NotLiteral{};
    }
    return v;
  }

  // Digits with single underscores between them; returns them without underscores.
  std::string digit_part(bool (*ok)(char)) {
    std::string out;
    if (!ok(peek())) throw NotLiteral{};
    while (true) {
      out += s_[i_++];
      if (peek() == '_' && ok(peek(1))) {
        ++i_;
      } else if (!ok(peek())) {
        break;
      }
    }
    return out;
  }

  PyValue number(size_t start) {
    PyValue v;
    v.at = start;
    char p = static_cast<char>(peek(1) | 0x20);
    if (peek() == '0' && (p == 'x' || p == 'o' || p == 'b')) {
      i_ += 2;
      if (peek() == '_') ++i_;
      std::string digits;
      if (p == 'x') digits = digit_part(is_hex);
      if (p == 'o') digits = digit_part([](char ch) { return ch >= '0' && ch <= '7'; });
      if (p == 'b') digits = digit_part([](char ch) { return ch == '0' || ch == '1'; });
      if (is_ident_char(peek())) throw NotLiteral{};
      v.scalar = {TypedScalar::Kind::Int, digits_to_decimal(digits, p == 'x'   ? 16
                                                                    : p == 'o' ? 8
                                                                               : 2)};
      return v;
    }
    std::string text;
    bool is_float = false;
    if (peek() != '.') text = digit_part(is_digit);
    if (peek() == '.') {
      is_float = true;
      ++i_;
      text += '.';
      if (is_digit(peek())) text += digit_part(is_digit);
    }
    if ((peek() | 0x20) == 'e' &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      is_float = true;
      text += 'e';
      ++i_;
      if (peek() == '+' || peek() == '-') text += s_[i_++];
      text += digit_part(is_digit);
    }
    if ((peek() | 0x20) == 'j') {
      throw NotLiteral{"an imaginary number"};
    }
    if (is_ident_char(peek())) throw NotLiteral{};
    if (!is_float) {
      // Leading zeros are not allowed in a decimal int (0, 00 are).
      if (text.size() > 1 && text[0] == '0' && text.find_first_not_of('0') != std::string::npos)
        throw NotLiteral{};
      v.scalar = {TypedScalar::Kind::Int, digits_to_decimal(text, 10)};
      return v;
    }
    std::string num = text[0] == '.' ? "0" + text : text;
    if (size_t dot = num.find('.');
        dot != std::string::npos && (dot + 1 == num.size() || num[dot + 1] == 'e')) {
      num = num.substr(0, dot + 1) + "0" + num.substr(dot + 1);  // 5. and 5.e3
    }
    double d = 0;
    auto r = std::from_chars(num.data(), num.data() + num.size(), d);
    if (r.ec == std::errc::result_out_of_range) {
      size_t e = num.find('e');
      if (e == std::string::npos || num[e + 1] != '-') throw NotLiteral{"an infinite float"};
      d = 0;  // too small: Python rounds it to zero
    } else if (r.ec != std::errc()) {
      throw NotLiteral{};
    }
    v.scalar = {TypedScalar::Kind::Float, python_float_repr(d)};
    return v;
  }

  // One or more adjacent string literals, concatenated.
  PyValue strings(size_t start) {
    PyValue v;
    v.at = start;
    bool first = true;
    while (true) {
      skip_space();
      size_t k = 0;
      while (k < 2 && std::string_view("rRbBuUfF").find(peek(k)) != std::string_view::npos) ++k;
      if (peek(k) != '\'' && peek(k) != '"') break;
      bool raw = false, bytes = false, fmt_string = false, u = false;
      for (size_t j = 0; j < k; ++j) {
        char ch = static_cast<char>(peek(j) | 0x20);
        raw |= ch == 'r';
        bytes |= ch == 'b';
        fmt_string |= ch == 'f';
        u |= ch == 'u';
      }
      if ((u && k > 1) || (k == 2 && !raw)) throw NotLiteral{};  // uR, bf…
      if (fmt_string) throw NotLiteral{};                        // an f-string is not a literal
      i_ += k;
      std::string text = string_body(raw, bytes);
      PyValue::Kind kind = bytes ? PyValue::Kind::Bytes : PyValue::Kind::Str;
      if (!first && kind != v.kind) throw NotLiteral{};  // str and bytes do not concatenate
      v.kind = kind;
      v.scalar.text += text;
      first = false;
    }
    v.scalar.kind = TypedScalar::Kind::String;
    return v;
  }

  std::string string_body(bool raw, bool bytes) {
    char q = peek();
    bool triple = peek(1) == q && peek(2) == q;
    i_ += triple ? 3 : 1;
    std::string out;
    while (true) {
      if (i_ >= s_.size()) throw NotLiteral{};
      char c = s_[i_];
      if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
        i_ += triple ? 3 : 1;
        return out;
      }
      if (bytes && static_cast<unsigned char>(c) >= 0x80) throw NotLiteral{};
      if (c != '\\') {
        out += c;
        ++i_;
        continue;
      }
      if (i_ + 1 >= s_.size()) throw NotLiteral{};
      char e = s_[i_ + 1];
      if (raw) {
        out += c;
        out += e;
        i_ += 2;
        continue;
      }
      i_ += 2;
      if (char simple = simple_escape(e)) {
        out += simple;
        continue;
      }
      switch (e) {
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'x': {
          if (!is_hex(peek()) || !is_hex(peek(1))) throw NotLiteral{};
          uint32_t cp = 0;
          std::from_chars(s_.data() + i_, s_.data() + i_ + 2, cp, 16);
          i_ += 2;
          if (bytes) {
            out += static_cast<char>(cp);
          } else {
            utf8::encode(cp, out);
          }
          break;
        }
        case 'u':
        case 'U':
        case 'N': {
          if (bytes) {
            out += '\\';
            out += e;
            break;
          }
          if (e == 'N') throw NotLiteral{};  // a character name: not known here
          size_t n = e == 'u' ? 4 : 8;
          for (size_t k = 0; k < n; ++k) {
            if (!is_hex(peek(k))) throw NotLiteral{};
          }
          uint32_t cp = 0;
          std::from_chars(s_.data() + i_, s_.data() + i_ + n, cp, 16);
          i_ += n;
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw NotLiteral{};
          utf8::encode(cp, out);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            uint32_t cp = static_cast<uint32_t>(e - '0');
            for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; ++k)
              cp = cp * 8 + static_cast<uint32_t>(s_[i_++] - '0');
            if (bytes) {
              out += static_cast<char>(cp & 0xFF);
            } else {
              utf8::encode(cp, out);
            }
          } else {
            out += '\\';  // an unknown escape keeps its backslash
            out += e;
          }
      }
    }
  }

  // [a, b], (a, b), (a,), (), (a)
  PyValue sequence(int depth, size_t start) {
    char open = s_[i_++];
    char close = open == '[' ? ']' : ')';
    skip_space();
    PyValue list;
    list.kind = PyValue::Kind::List;
    list.at = start;
    if (peek() == close) {
      ++i_;
      return list;
    }
    if (open == '(') {
      // Parentheses group one expression unless a comma makes a tuple.
      PyValue v = tuple_or_expr(depth + 1, ')');
      skip_space();
      if (peek() != ')') throw NotLiteral{};
      ++i_;
      return v;
    }
    while (true) {
      list.items.push_back(expr(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++i_;
        skip_space();
        if (peek() == close) break;
        continue;
      }
      if (peek() == close) break;
      throw NotLiteral{};
    }
    ++i_;
    return list;
  }

  PyValue mapping(int depth, size_t start) {
    ++i_;
    PyValue dict;
    dict.kind = PyValue::Kind::Dict;
    dict.at = start;
    skip_space();
    if (peek() == '}') {
      ++i_;
      return dict;
    }
    bool set = false;
    while (true) {
      PyValue k = expr(depth + 1);
      skip_space();
      if (peek() == ':' && !set) {
        ++i_;
        dict.items.push_back(std::move(k));
        dict.items.push_back(expr(depth + 1));
        skip_space();
      } else if (dict.items.empty()) {
        set = true;
      } else {
        throw NotLiteral{};
      }
      if (peek() == ',') {
        ++i_;
        skip_space();
        if (peek() == '}') break;
        continue;
      }
      if (peek() == '}') break;
      throw NotLiteral{};
    }
    ++i_;
    if (set) throw NotLiteral{"a set"};
    return dict;
  }

  std::string_view s_;
  size_t i_ = 0;
};

class Builder {
 public:
  Builder(const std::vector<uint32_t>& offsets, const SourceFile& src, Arena& arena,
          Diagnostics& diags)
      : offsets_(offsets), src_(src), arena_(arena), diags_(diags) {}

  Pos pos_at(size_t i) const {
    if (offsets_.empty()) return src_.pos(0);
    return src_.pos(offsets_[std::min(i, offsets_.size() - 1)]);
  }

  // The key a Python dict key becomes in JSON; false for keys JSON cannot have.
  static bool key_text(const PyValue& k, std::string& out) {
    if (k.kind == PyValue::Kind::Str || k.kind == PyValue::Kind::Bytes) {
      out = k.scalar.text;
      return k.kind == PyValue::Kind::Str || utf8::valid(out);
    }
    if (k.kind != PyValue::Kind::Scalar) return false;
    out = json_key_text(k.scalar);
    return true;
  }

  // Checks that the value has a JSON form (bytes are text as Ansible decodes them).
  static bool convertible(const PyValue& v) {
    switch (v.kind) {
      case PyValue::Kind::Bytes: return utf8::valid(v.scalar.text);
      case PyValue::Kind::List:
        for (const PyValue& e : v.items) {
          if (!convertible(e)) return false;
        }
        return true;
      case PyValue::Kind::Dict:
        for (size_t i = 0; i < v.items.size(); i += 2) {
          std::string k;
          if (!key_text(v.items[i], k) || !convertible(v.items[i + 1])) return false;
        }
        return true;
      default: return true;
    }
  }

  syntax::Expr* node(const PyValue& v) {
    Pos at = pos_at(v.at);
    switch (v.kind) {
      case PyValue::Kind::Scalar: return typed_scalar_node(arena_, at, v.scalar);
      case PyValue::Kind::Str:
      case PyValue::Kind::Bytes: return string_node(arena_, at, v.scalar.text);
      case PyValue::Kind::List: {
        auto* l = arena_.make<syntax::ListLit>();
        l->pos = l->end = l->lbrack = l->rbrack = at;
        std::vector<syntax::Expr*> elts;
        for (const PyValue& e : v.items) elts.push_back(node(e));
        l->elts = arena_.copy(elts);
        return l;
      }
      case PyValue::Kind::Dict: {
        auto* s = arena_.make<syntax::StructLit>();
        s->pos = s->end = s->lbrace = s->rbrace = at;
        std::vector<syntax::Decl*> elts;
        std::unordered_map<std::string, size_t> index;
        for (size_t i = 0; i < v.items.size(); i += 2) {
          std::string k;
          key_text(v.items[i], k);
          Pos kp = pos_at(v.items[i].at);
          syntax::Field* f = make_field(arena_, k, kp, node(v.items[i + 1]));
          auto [it, fresh] = index.emplace(k, elts.size());
          if (fresh) {
            elts.push_back(f);
          } else {
            Diagnostic d;
            d.severity = Severity::Warning;
            d.pos = kp;
            d.message =
                fmt::format("duplicate key \"{}\": the last one is used, as Ansible does", k);
            d.related.push_back(elts[it->second]->pos);
            diags_.add(std::move(d));
            elts[it->second] = f;
          }
        }
        s->elts = arena_.copy(elts);
        return s;
      }
    }
    return nullptr;
  }

 private:
  const std::vector<uint32_t>& offsets_;
  const SourceFile& src_;
  Arena& arena_;
  Diagnostics& diags_;
};

}  // namespace

syntax::Expr* python_literal(std::string_view text, const std::vector<uint32_t>& offsets,
                             const SourceFile& src, Arena& arena, Diagnostics& diags) {
  size_t lead = 0;
  while (lead < text.size() && (text[lead] == ' ' || text[lead] == '\t')) ++lead;
  std::vector<uint32_t> offs(
      offsets.begin() + static_cast<std::ptrdiff_t>(std::min(lead, offsets.size())), offsets.end());
  Builder b(offs, src, arena, diags);
  PyValue v;
  try {
    v = Parser(text.substr(lead)).parse();
  } catch (const NotLiteral& e) {
    if (!e.unsupported.empty()) {
      diags.warning(
          b.pos_at(0),
          fmt::format("{} is {} in Python, which Ansible cannot print as JSON; cfgc reads "
                      "it as a string",
                      text.substr(lead), e.unsupported));
    }
    return nullptr;
  }
  if (!Builder::convertible(v)) return nullptr;
  return b.node(v);
}

}  // namespace cfgc::load::inventory_detail
