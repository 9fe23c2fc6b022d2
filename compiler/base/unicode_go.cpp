// Go's Unicode definitions that CUE's strings/strconv packages and text/template inherit:
// unicode.IsSpace, strconv.IsPrint and case mapping, over the C library's Unicode tables.
#include <locale.h>
#include <wctype.h>

#include "compiler/base/unicode.h"
#include "compiler/base/utf8.h"

namespace cfgc::unicode {

namespace {

// The C.UTF-8 locale for Unicode case tables and character classes, or null (ASCII only).
locale_t utf8_locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(0));
    if (!l) l = newlocale(LC_CTYPE_MASK, "C.utf8", locale_t(0));
    return l;
  }();
  return loc;
}

wctrans_t title_trans() {
  static wctrans_t t = utf8_locale() ? wctrans_l("totitle", utf8_locale()) : wctrans_t(0);
  return t;
}

}  // namespace

char32_t to_upper(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  locale_t l = utf8_locale();
  return l ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), l)) : c;
}

char32_t to_lower(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  locale_t l = utf8_locale();
  return l ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), l)) : c;
}

char32_t to_title(char32_t c) {
  if (c < 0x80) return to_upper(c);
  if (wctrans_t t = title_trans())
    return static_cast<char32_t>(towctrans_l(static_cast<wint_t>(c), t, utf8_locale()));
  return to_upper(c);
}

bool is_space(char32_t c) {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_print(char32_t c) {
  if (c < 0x80) return c >= 0x20 && c < 0x7F;
  if (c > kMaxRune || (c >= 0xD800 && c <= 0xDFFF)) return false;
  if (c < 0xA0 || c == 0xAD) return false;  // C1 controls, soft hyphen (a format character)
  if (is_space(c)) return false;            // only the ASCII space is printable
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB)) {
    return false;  // format characters
  }
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return false;  // private use
  if ((c & 0xFFFE) == 0xFFFE) return false;                        // noncharacters
  locale_t l = utf8_locale();
  return l ? iswgraph_l(static_cast<wint_t>(c), l) != 0 : true;
}

std::vector<Rune> runes(std::string_view s) {
  std::vector<Rune> out;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = utf8::decode(s, i, len);
    if (c == utf8::kInvalid) c = kReplacementChar;
    out.push_back({c, i, len});
    i += len;
  }
  return out;
}

size_t rune_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    size_t len;
    utf8::decode(s, i, len);
    i += len;
  }
  return n;
}

void append_rune(std::string& out, char32_t c) {
  if (c > kMaxRune || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacementChar;
  utf8::encode(c, out);
}

std::string encode(char32_t c) {
  std::string out;
  append_rune(out, c);
  return out;
}

}  // namespace cfgc::unicode
