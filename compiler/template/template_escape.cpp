#include "compiler/template/template_escape.h"

#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"
#include "compiler/template/template_fmt.h"

namespace cfgc::tmpl {

namespace {
constexpr std::string_view kUpperHex = "0123456789ABCDEF";
}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\0': out += "\xEF\xBF\xBD"; break;  // U+FFFD
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string js_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '\\': out += "\\\\"; continue;
        case '\'': out += "\\'"; continue;
        case '"': out += "\\\""; continue;
        case '<': out += "\\u003C"; continue;
        case '>': out += "\\u003E"; continue;
        case '&': out += "\\u0026"; continue;
        case '=': out += "\\u003D"; continue;
        default: break;
      }
      if (c < ' ') {
        out += "\\u00";
        out += kUpperHex[c >> 4];
        out += kUpperHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    size_t len;
    char32_t r = utf8::decode(s, i, len);
    if (r == utf8::kInvalid) r = 0xFFFD;  // printable: the byte is copied as is
    if (unicode::is_print(r)) {
      out.append(s.substr(i, len));
    } else {
      out += "\\u";
      std::string hex;
      for (uint32_t x = r; x; x >>= 4) hex.insert(hex.begin(), kUpperHex[x & 0xF]);
      while (hex.size() < 4) hex.insert(hex.begin(), '0');
      out += hex;
    }
    i += len - 1;
  }
  return out;
}

std::string url_query_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kUpperHex[c >> 4];
      out += kUpperHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace cfgc::tmpl
