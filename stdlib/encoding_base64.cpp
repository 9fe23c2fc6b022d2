// Package encoding/base64: standard base64 (RFC 4648, with padding). As in CUE, the first
// argument selects the encoding and must be null (the standard encoding).
#include <cstring>
#include <vector>

#include "stdlib/encoding.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

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

bool base64_decode(std::string_view in, std::string& out, std::string& err) {
  out.clear();
  std::vector<size_t> at;  // input offsets of the characters that are not newlines
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\n' && in[i] != '\r') at.push_back(i);
  }
  auto bad = [&](size_t k) {
    err = fmt::format("illegal base64 data at input byte {}", k < at.size() ? at[k] : in.size());
    return false;
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
  return true;
}

void register_encoding_base64() {
  const std::string P = "encoding/base64";
  def(P, "Encode", {kNull, kBytes | kString}, kString,
      "Encode(null, src): the standard base64 encoding of src (the first argument selects the "
      "encoding: null for the standard one)",
      [](CallContext& c, Args a) { return c.ev.string(base64_encode(a[1]->str), c.pos); });
  def(P, "Decode", {kNull, kBytes | kString}, kBytes,
      "Decode(null, s): the bytes of standard base64 text (with padding; newlines are ignored)",
      [](CallContext& c, Args a) -> const Value* {
        std::string out, err;
        if (!base64_decode(a[1]->str, out, err)) return fail(c, err);
        return c.ev.bytes(out, c.pos);
      });
  def(P, "EncodedLen", {kNull, kInt}, kInt,
      "EncodedLen(null, n): the length of the base64 encoding of n bytes",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0 || n > INT64_MAX / 2) return failf(c, "invalid length {}", n);
        return c.ev.integer((n + 2) / 3 * 4, c.pos);
      });
  def(P, "DecodedLen", {kNull, kInt}, kInt,
      "DecodedLen(null, n): the maximum number of bytes in n characters of base64",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0) return failf(c, "invalid length {}", n);
        return c.ev.integer(n / 4 * 3, c.pos);
      });
}

}  // namespace cfgc::stdlib
