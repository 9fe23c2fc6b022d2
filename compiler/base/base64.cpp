#include "compiler/base/base64.h"

#include <fmt/format.h>

#include <cstring>
#include <vector>

namespace cfgc {

namespace {
constexpr const char* kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}  // namespace

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t n =
        (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  size_t rest = in.size() - i;
  if (rest) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    if (rest == 2) n |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Result<std::string> base64_decode(std::string_view in) {
  std::string out;
  std::vector<size_t> at;  // input offsets of the characters that are not newlines
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\n' && in[i] != '\r') at.push_back(i);
  }
  auto bad = [&](size_t k) {
    return Error{
        fmt::format("illegal base64 data at input byte {}", k < at.size() ? at[k] : in.size())};
  };
  for (size_t g = 0; g < at.size(); g += 4) {
    uint32_t n = 0;
    int chars = 0;
    for (size_t k = g; k < g + 4; ++k) {
      if (k >= at.size()) return bad(k);
      char ch = in[at[k]];
      if (ch == '=') {
        // Padding: after two or three characters of the last group, to its end.
        if (k - g < 2 || g + 4 < at.size()) return bad(k);
        if (k - g == 2 && (k + 1 >= at.size() || in[at[k + 1]] != '=')) return bad(k + 1);
        break;
      }
      const char* p = ch ? std::strchr(kAlphabet, ch) : nullptr;
      if (!p) return bad(k);
      n |= static_cast<uint32_t>(p - kAlphabet) << (18 - 6 * (k - g));
      ++chars;
    }
    out += static_cast<char>((n >> 16) & 0xff);
    if (chars >= 3) out += static_cast<char>((n >> 8) & 0xff);
    if (chars == 4) out += static_cast<char>(n & 0xff);
  }
  return out;
}

}  // namespace cfgc
