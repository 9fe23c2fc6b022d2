#pragma once
// Unicode helpers for strings and strconv: case mapping and character classes, with Go's
// definitions where CUE inherits them (unicode.IsSpace, strconv.IsPrint). Case mapping uses the
// C library's Unicode tables (the C.UTF-8 locale); without that locale only ASCII is mapped.
// Internal to stdlib/.

#include <string>
#include <string_view>
#include <vector>

namespace cfgc::stdlib::unicode {

char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
char32_t to_title(char32_t c);

// Go's unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and category Zs.
bool is_space(char32_t c);
bool is_letter(char32_t c);
bool is_digit(char32_t c);
// Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
bool is_print(char32_t c);

// The code points of a valid UTF-8 string, with the byte offset of each.
struct Rune {
  char32_t c;
  size_t pos, len;
};
std::vector<Rune> runes(std::string_view s);
size_t rune_count(std::string_view s);
std::string encode(char32_t c);

}  // namespace cfgc::stdlib::unicode
