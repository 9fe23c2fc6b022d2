#include "compiler/base/quote.h"

#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"

namespace cfgc {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";

void append_hex(std::string& out, uint32_t v, int digits) {
  for (int k = digits - 1; k >= 0; --k) out += kHex[(v >> (4 * k)) & 0xF];
}

// JSON and CUE escape alike but for a few characters.
struct DoubleQuoteStyle {
  bool escape_backspace_formfeed;  // \b \f (JSON) rather than \u0008 \u000c
  bool escape_del;                 // DEL as \u007f (CUE)
  bool escape_line_separators;     // U+2028, U+2029 as \u2028, \u2029 (JSON)
  bool escape_html = false;        // < > & as \u003c \u003e \u0026 (Go's json.Marshal)
};

std::string double_quote(std::string_view s, DoubleQuoteStyle style) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t len;
      char32_t cp = utf8::decode(s, i, len);
      if (cp == utf8::kInvalid) {
        out += "\\ufffd";
      } else if (style.escape_line_separators && (cp == 0x2028 || cp == 0x2029)) {
        out += "\\u";
        append_hex(out, cp, 4);
      } else {
        out.append(s.substr(i, len));
      }
      i += len;
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b':
      case '\f':
        if (style.escape_backspace_formfeed) {
          out += c == '\b' ? "\\b" : "\\f";
          continue;
        }
        break;
      default: break;
    }
    if (c < 0x20 || (c == 0x7f && style.escape_del) ||
        (style.escape_html && (c == '<' || c == '>' || c == '&'))) {
      out += "\\u";
      append_hex(out, c, 4);
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
  return out;
}

}  // namespace

std::string json_quote(std::string_view s) { return double_quote(s, {true, false, true}); }

std::string json_quote_html(std::string_view s) {
  return double_quote(s, {true, false, true, true});
}

std::string cue_quote(std::string_view s) { return double_quote(s, {false, true, false}); }

std::string cue_quote_bytes(std::string_view b) {
  std::string out = "'";
  for (size_t i = 0; i < b.size(); ++i) {
    unsigned char c = b[i];
    if (c >= 0x80) {
      // UTF-8 text stays readable, as cue prints it ('é'); a character that is not printable
      // is written \u00a0, a byte that is not UTF-8 \x80.
      size_t len;
      char32_t r = utf8::decode(b, i, len);
      if (r != utf8::kInvalid) {
        if (unicode::is_print(r)) {
          out.append(b.substr(i, len));
        } else if (r < 0x10000) {
          out += "\\u";
          append_hex(out, r, 4);
        } else {
          out += "\\U";
          append_hex(out, r, 8);
        }
        i += len - 1;
        continue;
      }
    }
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          out += "\\x";
          append_hex(out, c, 2);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '\'';
  return out;
}

std::string cue_quote_multiline(std::string_view s, bool bytes) {
  const char q = bytes ? '\'' : '"';
  const std::string quotes(3, q);
  const bool hashed = s.find(quotes) != std::string_view::npos;
  std::string out = hashed ? "#" + quotes : quotes;
  size_t start = 0;
  while (true) {
    size_t nl = s.find('\n', start);
    std::string_view line = s.substr(start, nl == std::string_view::npos ? s.npos : nl - start);
    std::string escaped = bytes ? cue_quote_bytes(line) : cue_quote(line);
    std::string_view body = std::string_view(escaped).substr(1, escaped.size() - 2);
    out += "\n\t";
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] != '\\') {
        out += body[i];
        continue;
      }
      char next = body[++i];  // an escape always has a second character
      if (next == q) {
        out += next;  // quotes need no escape here
      } else {
        out += hashed ? "\\#" : "\\";
        out += next;
      }
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  out += "\n\t" + quotes;
  if (hashed) out += '#';
  return out;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char simple_escape(char letter) {
  switch (letter) {
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return 0;
  }
}

void append_go_escaped_rune(std::string& out, char32_t r, char quote, bool ascii_only) {
  if (r == static_cast<char32_t>(quote) || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (ascii_only ? (r < 0x80 && unicode::is_print(r)) : unicode::is_print(r)) {
    unicode::append_rune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    append_hex(out, r, 2);
    return;
  }
  if (r > unicode::kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) r = unicode::kReplacementChar;
  if (r < 0x10000) {
    out += "\\u";
    append_hex(out, r, 4);
  } else {
    out += "\\U";
    append_hex(out, r, 8);
  }
}

std::string go_quote(std::string_view s, bool ascii_only) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t r = utf8::decode(s, i, len);
    if (r == utf8::kInvalid) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[i]), 2);
      i += 1;
      continue;
    }
    append_go_escaped_rune(out, r, '"', ascii_only);
    i += len;
  }
  out += '"';
  return out;
}

std::string go_quote_rune(char32_t r, bool ascii_only) {
  if (r > unicode::kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) r = unicode::kReplacementChar;
  std::string out = "'";
  append_go_escaped_rune(out, r, '\'', ascii_only);
  out += '\'';
  return out;
}

bool go_unquote_char(std::string_view& s, char quote, char32_t& value, bool& multibyte) {
  multibyte = false;
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c == static_cast<unsigned char>(quote) && (quote == '\'' || quote == '"')) return false;
  if (c >= 0x80) {
    size_t len;
    char32_t r = utf8::decode(s, 0, len);
    value = r == utf8::kInvalid ? unicode::kReplacementChar : r;
    multibyte = true;
    s.remove_prefix(len);
    return true;
  }
  if (c != '\\') {
    value = c;
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  char e = s[1];
  s.remove_prefix(2);
  if (char simple = simple_escape(e)) {
    value = static_cast<unsigned char>(simple);
    return true;
  }
  switch (e) {
    case 'x':
    case 'u':
    case 'U': {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      uint32_t v = 0;
      for (size_t j = 0; j < n; ++j) {
        int x = hex_digit_value(s[j]);
        if (x < 0) return false;
        v = v << 4 | static_cast<uint32_t>(x);
      }
      s.remove_prefix(n);
      if (e == 'x') {  // a single byte, possibly not UTF-8
        value = v;
        return true;
      }
      if (v > unicode::kMaxRune || (v >= 0xD800 && v <= 0xDFFF)) return false;
      value = v;
      multibyte = true;
      return true;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      uint32_t v = static_cast<uint32_t>(e - '0');
      if (s.size() < 2) return false;
      for (size_t j = 0; j < 2; ++j) {
        int x = s[j] - '0';
        if (x < 0 || x > 7) return false;
        v = (v << 3) | static_cast<uint32_t>(x);
      }
      s.remove_prefix(2);
      if (v > 255) return false;
      value = v;
      return true;
    }
    case '\\': value = '\\'; return true;
    case '\'':
    case '"':
      if (e != quote) return false;
      value = static_cast<char32_t>(e);
      return true;
    default: return false;
  }
}

std::optional<std::string> go_unquote(std::string_view literal) {
  size_t n = literal.size();
  if (n < 2) return std::nullopt;
  char quote = literal[0];
  if (quote != literal[n - 1]) return std::nullopt;
  std::string_view s = literal.substr(1, n - 2);
  std::string out;
  if (quote == '`') {
    if (s.find('`') != std::string_view::npos) return std::nullopt;
    for (char c : s) {
      if (c != '\r') out += c;  // carriage returns are dropped from raw strings
    }
    return out;
  }
  if (quote != '"' && quote != '\'') return std::nullopt;
  if (s.find('\n') != std::string_view::npos) return std::nullopt;
  while (!s.empty()) {
    char32_t c;
    bool multibyte;
    if (!go_unquote_char(s, quote, c, multibyte)) return std::nullopt;
    if (c < 0x80 || !multibyte) {
      out += static_cast<char>(c);
    } else {
      utf8::encode(c, out);
    }
    if (quote == '\'' && !s.empty()) return std::nullopt;  // one character only
  }
  if (quote == '\'' && out.empty()) return std::nullopt;
  return out;
}

}  // namespace cfgc
