// Package encoding/hex: hexadecimal encoding and decoding, and hex dumps.
#include "compiler/base/quote.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

constexpr const char* kHex = "0123456789abcdef";

// As `hexdump -C`: offset, 16 bytes in two groups of 8, and the printable characters.
std::string dump(std::string_view data) {
  std::string out;
  for (size_t off = 0; off < data.size(); off += 16) {
    out += fmt::format("{:08x}  ", off);
    std::string chars;
    for (size_t i = 0; i < 16; ++i) {
      if (off + i < data.size()) {
        auto b = static_cast<unsigned char>(data[off + i]);
        out += kHex[b >> 4];
        out += kHex[b & 15];
        out += ' ';
        chars += b >= 32 && b <= 126 ? static_cast<char>(b) : '.';
      } else {
        out += "   ";
      }
      if (i == 7) out += ' ';
    }
    out += " |" + chars + "|\n";
  }
  return out;
}

}  // namespace

void register_encoding_hex() {
  const std::string P = "encoding/hex";
  def(P, "Encode", {kBytes | kString}, kString,
      "the hexadecimal encoding of the bytes (lower case)", [](CallContext& c, Args a) {
        std::string out;
        for (char ch : a[0]->str) {
          auto b = static_cast<unsigned char>(ch);
          out += kHex[b >> 4];
          out += kHex[b & 15];
        }
        return c.ev.string(out, c.pos);
      });
  def(P, "Decode", {kString | kBytes}, kBytes,
      "the bytes of hexadecimal text (an even number of hex digits)",
      [](CallContext& c, Args a) -> const Value* {
        std::string_view s = a[0]->str;
        std::string out;
        for (size_t i = 0; i < s.size(); i += 2) {
          int hi = hex_digit_value(s[i]);
          if (hi < 0) return failf(c, "invalid byte {:?} at offset {}", s[i], i);
          if (i + 1 >= s.size()) return fail(c, "odd length hex string");
          int lo = hex_digit_value(s[i + 1]);
          if (lo < 0) return failf(c, "invalid byte {:?} at offset {}", s[i + 1], i + 1);
          out += static_cast<char>(hi * 16 + lo);
        }
        return c.ev.bytes(out, c.pos);
      });
  def(P, "Dump", {kBytes | kString}, kString, "a hex dump of the bytes, as `hexdump -C` prints it",
      [](CallContext& c, Args a) { return c.ev.string(dump(a[0]->str), c.pos); });
  def(P, "EncodedLen", {kInt}, kInt, "the length of the hexadecimal encoding of n bytes (2n)",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[0]);
        if (n < 0 || n > INT64_MAX / 2) return failf(c, "invalid length {}", n);
        return c.ev.integer(n * 2, c.pos);
      });
  def(P, "DecodedLen", {kInt}, kInt, "the number of bytes in n hexadecimal digits (n / 2)",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[0]);
        if (n < 0) return failf(c, "invalid length {}", n);
        return c.ev.integer(n / 2, c.pos);
      });
}

}  // namespace cfgc::stdlib
