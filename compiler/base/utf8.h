#pragma once
// Minimal UTF-8 decoding and encoding (RFC 3629): the scanner validates every byte sequence,
// string unquoting encodes \u escapes.

#include <cstdint>
#include <string>
#include <string_view>

namespace cfgc::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[i]; sets len to its byte length (1 on error) and returns
// kInvalid for a malformed, overlong or surrogate sequence.
inline char32_t decode(std::string_view s, size_t i, size_t& len) {
  auto b = [&](size_t k) -> unsigned { return static_cast<unsigned char>(s[i + k]); };
  unsigned c = b(0);
  len = 1;
  if (c < 0x80) return c;
  size_t n;
  char32_t cp, min;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
  else return kInvalid;
  if (i + n > s.size()) return kInvalid;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
  len = n;
  return cp;
}

inline void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// True if the whole string is valid UTF-8.
inline bool valid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len;
    if (decode(s, i, len) == kInvalid) return false;
    i += len;
  }
  return true;
}

// Number of code points (invalid bytes count as one each).
inline size_t rune_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    size_t len;
    decode(s, i, len);
    i += len;
  }
  return n;
}

}  // namespace cfgc::utf8
