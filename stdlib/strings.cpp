// Package strings: string manipulation, as CUE's strings package (Go's semantics: indices are
// byte offsets, "white space" is Unicode white space).
#include <algorithm>

#include "stdlib/packages.h"
#include "compiler/base/unicode.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

namespace uc = unicode;

constexpr size_t kMaxResult = size_t(1) << 28;  // 256 MiB: larger results are reported as errors

bool contains_rune(std::string_view chars, char32_t c) {
  for (const uc::Rune& r : uc::runes(chars)) {
    if (r.c == c) return true;
  }
  return false;
}

int64_t index_any(std::string_view s, std::string_view chars, bool last) {
  int64_t found = -1;
  for (const uc::Rune& r : uc::runes(s)) {
    if (contains_rune(chars, r.c)) {
      found = static_cast<int64_t>(r.pos);
      if (!last) break;
    }
  }
  return found;
}

int64_t count(std::string_view s, std::string_view sub) {
  if (sub.empty()) return static_cast<int64_t>(uc::rune_count(s)) + 1;
  int64_t n = 0;
  for (size_t i = s.find(sub); i != std::string_view::npos; i = s.find(sub, i + sub.size())) ++n;
  return n;
}

// Go's SplitN/SplitAfterN: n < 0 all pieces, n == 0 none, n > 0 at most n (the last one is the
// unsplit rest). With an empty separator, splits after each UTF-8 sequence.
std::vector<std::string> split(std::string_view s, std::string_view sep, bool keep_sep, int64_t n) {
  std::vector<std::string> out;
  if (n == 0) return out;
  if (sep.empty()) {
    auto rs = uc::runes(s);
    size_t limit = n < 0 || static_cast<size_t>(n) > rs.size() ? rs.size() : static_cast<size_t>(n);
    for (size_t i = 0; i < limit; ++i) {
      if (i + 1 == limit) {
        out.emplace_back(s.substr(rs[i].pos));
      } else {
        out.emplace_back(s.substr(rs[i].pos, rs[i].len));
      }
    }
    return out;
  }
  while (n < 0 || static_cast<int64_t>(out.size()) + 1 < n) {
    size_t m = s.find(sep);
    if (m == std::string_view::npos) break;
    out.emplace_back(s.substr(0, m + (keep_sep ? sep.size() : 0)));
    s.remove_prefix(m + sep.size());
  }
  out.emplace_back(s);
  return out;
}

std::string replace(std::string_view s, std::string_view old, std::string_view repl, int64_t n) {
  if (n == 0 || (old == repl)) return std::string(s);
  std::string out;
  int64_t done = 0;
  if (old.empty()) {
    // Matches at the start and after each UTF-8 sequence.
    auto rs = uc::runes(s);
    size_t i = 0;
    for (; i <= rs.size(); ++i) {
      if (n >= 0 && done == n) break;
      out += repl;
      ++done;
      if (i < rs.size()) out += s.substr(rs[i].pos, rs[i].len);
    }
    if (i < rs.size()) out += s.substr(rs[i].pos);
    return out;
  }
  size_t start = 0;
  while (n < 0 || done < n) {
    size_t m = s.find(old, start);
    if (m == std::string_view::npos) break;
    out += s.substr(start, m - start);
    out += repl;
    start = m + old.size();
    ++done;
  }
  out += s.substr(start);
  return out;
}

template <class F>
std::string map_runes(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (const uc::Rune& r : uc::runes(s)) out += uc::encode(f(r.c));
  return out;
}

// Go's (deprecated) strings.Title word boundaries: anything but letters, digits and '_'.
bool is_separator(char32_t c) {
  if (c < 0x80) {
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             c == '_');
  }
  if (uc::is_letter(c) || uc::is_digit(c)) return false;
  return uc::is_space(c);
}

std::string trim(std::string_view s, std::string_view cutset, bool left, bool right) {
  auto rs = uc::runes(s);
  size_t b = 0, e = rs.size();
  if (left) {
    while (b < e && contains_rune(cutset, rs[b].c)) ++b;
  }
  if (right) {
    while (e > b && contains_rune(cutset, rs[e - 1].c)) --e;
  }
  if (b == e) return "";
  return std::string(s.substr(rs[b].pos, rs[e - 1].pos + rs[e - 1].len - rs[b].pos));
}

std::string trim_space(std::string_view s) {
  auto rs = uc::runes(s);
  size_t b = 0, e = rs.size();
  while (b < e && uc::is_space(rs[b].c)) ++b;
  while (e > b && uc::is_space(rs[e - 1].c)) --e;
  if (b == e) return "";
  return std::string(s.substr(rs[b].pos, rs[e - 1].pos + rs[e - 1].len - rs[b].pos));
}

std::vector<std::string> fields(std::string_view s) {
  std::vector<std::string> out;
  size_t start = std::string_view::npos;
  for (const uc::Rune& r : uc::runes(s)) {
    if (uc::is_space(r.c)) {
      if (start != std::string_view::npos) out.emplace_back(s.substr(start, r.pos - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = r.pos;
    }
  }
  if (start != std::string_view::npos) out.emplace_back(s.substr(start));
  return out;
}

const Value* str_result(CallContext& c, std::string_view s) { return c.ev.string(s, c.pos); }

}  // namespace

void register_strings() {
  const std::string P = "strings";
  const uint16_t S = kString, I = kInt;

  def(P, "Compare", {S, S}, I,
      "-1, 0 or +1 as the first string sorts before, equal to or after the second",
      [](CallContext& c, Args a) {
        int r = a[0]->str.compare(a[1]->str);
        return c.ev.integer(r < 0 ? -1 : r > 0 ? 1 : 0, c.pos);
      });
  def(P, "Contains", {S, S}, kBool, "whether the second string occurs in the first",
      [](CallContext& c, Args a) {
        return c.ev.boolean(a[0]->str.find(a[1]->str) != std::string_view::npos, c.pos);
      });
  def(P, "ContainsAny", {S, S}, kBool,
      "whether any code point of the second string (chars) occurs in the first",
      [](CallContext& c, Args a) {
        return c.ev.boolean(index_any(a[0]->str, a[1]->str, false) >= 0, c.pos);
      });
  def(P, "Count", {S, S}, I,
      "the number of non-overlapping occurrences of the second string in the first (an empty "
      "string counts once per code point, plus one)",
      [](CallContext& c, Args a) { return c.ev.integer(count(a[0]->str, a[1]->str), c.pos); });
  def(P, "Fields", {S}, kList,
      "the string split around runs of white space; [] if it is all white space",
      [](CallContext& c, Args a) { return string_list(c, fields(a[0]->str)); });
  def(P, "HasPrefix", {S, S}, kBool, "whether the first string begins with the second",
      [](CallContext& c, Args a) { return c.ev.boolean(a[0]->str.starts_with(a[1]->str), c.pos); });
  def(P, "HasSuffix", {S, S}, kBool, "whether the first string ends with the second",
      [](CallContext& c, Args a) { return c.ev.boolean(a[0]->str.ends_with(a[1]->str), c.pos); });
  def(P, "Index", {S, S}, I,
      "byte offset of the first occurrence of the second string in the first, or -1",
      [](CallContext& c, Args a) {
        size_t i = a[0]->str.find(a[1]->str);
        return c.ev.integer(i == std::string_view::npos ? -1 : static_cast<int64_t>(i), c.pos);
      });
  def(P, "IndexAny", {S, S}, I,
      "byte offset of the first code point of the first string that is in chars, or -1",
      [](CallContext& c, Args a) {
        return c.ev.integer(index_any(a[0]->str, a[1]->str, false), c.pos);
      });
  def(P, "LastIndex", {S, S}, I,
      "byte offset of the last occurrence of the second string in the first, or -1",
      [](CallContext& c, Args a) {
        size_t i = a[0]->str.rfind(a[1]->str);
        return c.ev.integer(i == std::string_view::npos ? -1 : static_cast<int64_t>(i), c.pos);
      });
  def(P, "LastIndexAny", {S, S}, I,
      "byte offset of the last code point of the first string that is in chars, or -1",
      [](CallContext& c, Args a) {
        return c.ev.integer(index_any(a[0]->str, a[1]->str, true), c.pos);
      });
  def(P, "Join", {kList, S}, S, "the elements of a list of strings joined with the separator",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<std::string_view> xs;
        if (const Value* e = string_elems(c, a[0], xs)) return e;
        std::string out;
        for (size_t i = 0; i < xs.size(); ++i) {
          if (i) out += a[1]->str;
          out += xs[i];
          if (out.size() > kMaxResult) return fail(c, "result too large");
        }
        return str_result(c, out);
      });
  def_validator(
      P, "MaxRunes", {S, I}, "the string has at most n code points (strings.MaxRunes(16))",
      [](CallContext& c, Args a) -> const Value* {
        if (a[0]->vk != VK::String) return failf(c, "{} is not a string", c.ev.value_str(a[0]));
        return c.ev.boolean(static_cast<int64_t>(uc::rune_count(a[0]->str)) <= int_of(a[1]), c.pos);
      });
  def_validator(
      P, "MinRunes", {S, I}, "the string has at least n code points (strings.MinRunes(1))",
      [](CallContext& c, Args a) -> const Value* {
        if (a[0]->vk != VK::String) return failf(c, "{} is not a string", c.ev.value_str(a[0]));
        return c.ev.boolean(static_cast<int64_t>(uc::rune_count(a[0]->str)) >= int_of(a[1]), c.pos);
      });
  def(P, "Repeat", {S, I}, S, "the string repeated count times",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0) return failf(c, "negative count {}", n);
        std::string_view s = a[0]->str;
        if (!s.empty() && static_cast<uint64_t>(n) > kMaxResult / s.size())
          return fail(c, "result too large");
        std::string out;
        out.reserve(s.size() * static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) out += s;
        return str_result(c, out);
      });
  def(P, "Replace", {S, S, S, I}, S,
      "Replace(s, old, new, n): s with the first n non-overlapping occurrences of old replaced by "
      "new (all of them if n < 0)",
      [](CallContext& c, Args a) -> const Value* {
        std::string r = replace(a[0]->str, a[1]->str, a[2]->str, int_of(a[3]));
        if (r.size() > kMaxResult) return fail(c, "result too large");
        return str_result(c, r);
      });
  def(P, "Split", {S, S}, kList,
      "the substrings between the separators; an empty separator splits after each code point",
      [](CallContext& c, Args a) {
        return string_list(c, split(a[0]->str, a[1]->str, false, -1));
      });
  def(P, "SplitAfter", {S, S}, kList,
      "the string split after each separator (the separators are kept)",
      [](CallContext& c, Args a) { return string_list(c, split(a[0]->str, a[1]->str, true, -1)); });
  def(P, "SplitN", {S, S, I}, kList,
      "SplitN(s, sep, n): at most n substrings, the last one the unsplit rest (n < 0: all; n == 0: "
      "[])",
      [](CallContext& c, Args a) {
        return string_list(c, split(a[0]->str, a[1]->str, false, int_of(a[2])));
      });
  def(P, "SplitAfterN", {S, S, I}, kList,
      "SplitAfterN(s, sep, n): as SplitN, keeping the separators", [](CallContext& c, Args a) {
        return string_list(c, split(a[0]->str, a[1]->str, true, int_of(a[2])));
      });
  def(P, "Title", {S}, S,
      "the string with the first letter of each word in title case (words are separated by "
      "anything "
      "but letters, digits and _); kept from Go's strings.Title",
      [](CallContext& c, Args a) {
        char32_t prev = ' ';
        return str_result(c, map_runes(a[0]->str, [&](char32_t r) {
                            char32_t out = is_separator(prev) ? uc::to_title(r) : r;
                            prev = r;
                            return out;
                          }));
      });
  def(P, "ToTitle", {S}, S,
      "the string with each letter that begins a word (follows white space) in title case",
      [](CallContext& c, Args a) {
        char32_t prev = ' ';
        return str_result(c, map_runes(a[0]->str, [&](char32_t r) {
                            char32_t out = uc::is_space(prev) ? uc::to_title(r) : r;
                            prev = r;
                            return out;
                          }));
      });
  def(P, "ToCamel", {S}, S,
      "the string with each letter that begins a word (follows white space) in lower case",
      [](CallContext& c, Args a) {
        char32_t prev = ' ';
        return str_result(c, map_runes(a[0]->str, [&](char32_t r) {
                            char32_t out = uc::is_space(prev) ? uc::to_lower(r) : r;
                            prev = r;
                            return out;
                          }));
      });
  def(P, "ToLower", {S}, S, "the string with all letters in lower case",
      [](CallContext& c, Args a) { return str_result(c, map_runes(a[0]->str, uc::to_lower)); });
  def(P, "ToUpper", {S}, S, "the string with all letters in upper case",
      [](CallContext& c, Args a) { return str_result(c, map_runes(a[0]->str, uc::to_upper)); });
  def(P, "Trim", {S, S}, S,
      "the string without leading and trailing code points contained in cutset",
      [](CallContext& c, Args a) { return str_result(c, trim(a[0]->str, a[1]->str, true, true)); });
  def(P, "TrimLeft", {S, S}, S, "the string without leading code points contained in cutset",
      [](CallContext& c, Args a) {
        return str_result(c, trim(a[0]->str, a[1]->str, true, false));
      });
  def(P, "TrimRight", {S, S}, S, "the string without trailing code points contained in cutset",
      [](CallContext& c, Args a) {
        return str_result(c, trim(a[0]->str, a[1]->str, false, true));
      });
  def(P, "TrimPrefix", {S, S}, S,
      "the string without the given prefix (unchanged if it does not start with it)",
      [](CallContext& c, Args a) {
        std::string_view s = a[0]->str;
        if (s.starts_with(a[1]->str)) s.remove_prefix(a[1]->str.size());
        return str_result(c, s);
      });
  def(P, "TrimSuffix", {S, S}, S,
      "the string without the given suffix (unchanged if it does not end with it)",
      [](CallContext& c, Args a) {
        std::string_view s = a[0]->str;
        if (s.ends_with(a[1]->str)) s.remove_suffix(a[1]->str.size());
        return str_result(c, s);
      });
  def(P, "TrimSpace", {S}, S, "the string without leading and trailing white space",
      [](CallContext& c, Args a) { return str_result(c, trim_space(a[0]->str)); });
  def(P, "ByteAt", {S | kBytes, I}, I, "the byte at index i of a string or bytes value",
      [](CallContext& c, Args a) -> const Value* {
        int64_t i = int_of(a[1]);
        std::string_view s = a[0]->str;
        if (i < 0 || i >= static_cast<int64_t>(s.size())) {
          return failf(c, "index {} out of range (length {})", i, s.size());
        }
        return c.ev.integer(static_cast<unsigned char>(s[static_cast<size_t>(i)]), c.pos);
      });
  def(P, "ByteSlice", {S | kBytes, I, I}, kBytes,
      "ByteSlice(b, start, end): the bytes from index start up to (not including) end",
      [](CallContext& c, Args a) -> const Value* {
        int64_t b = int_of(a[1]), e = int_of(a[2]);
        std::string_view s = a[0]->str;
        if (b < 0 || b > e || e > static_cast<int64_t>(s.size())) {
          return failf(c, "slice [{}:{}] out of range (length {})", b, e, s.size());
        }
        return c.ev.bytes(s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)), c.pos);
      });
  def(P, "Runes", {S}, kList, "the Unicode code points of the string, as a list of integers",
      [](CallContext& c, Args a) {
        std::vector<int64_t> out;
        for (const uc::Rune& r : uc::runes(a[0]->str)) out.push_back(static_cast<int64_t>(r.c));
        return int_list(c, out);
      });
  def(P, "SliceRunes", {S, I, I}, S,
      "SliceRunes(s, start, end): the code points from index start up to (not including) end",
      [](CallContext& c, Args a) -> const Value* {
        auto rs = uc::runes(a[0]->str);
        int64_t b = int_of(a[1]), e = int_of(a[2]);
        if (b < 0 || b > e || e > static_cast<int64_t>(rs.size())) {
          return failf(c, "slice [{}:{}] out of range ({} code points)", b, e, rs.size());
        }
        if (b == e) return str_result(c, "");
        size_t from = rs[static_cast<size_t>(b)].pos;
        size_t to =
            static_cast<size_t>(e) == rs.size() ? a[0]->str.size() : rs[static_cast<size_t>(e)].pos;
        return str_result(c, a[0]->str.substr(from, to - from));
      });
}

}  // namespace cfgc::stdlib
