// Package encoding/base64: standard base64 (RFC 4648, with padding). As in CUE, the first
// argument selects the encoding and must be null (the standard encoding).
#include "compiler/base/base64.h"
#include "stdlib/encoding.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

void register_encoding_base64() {
  const std::string P = "encoding/base64";
  def(P, "Encode", {kNull, kBytes | kString}, kString,
      "Encode(null, src): the standard base64 encoding of src (the first argument selects the "
      "encoding: null for the standard one)",
      [](CallContext& c, Args a) { return c.ev.string(base64_encode(a[1]->str), c.pos); });
  def(P, "Decode", {kNull, kBytes | kString}, kBytes,
      "Decode(null, s): the bytes of standard base64 text (with padding; newlines are ignored)",
      [](CallContext& c, Args a) -> const Value* {
        Result<std::string> out = base64_decode(a[1]->str);
        if (!out) return fail(c, out.error().message);
        return c.ev.bytes(*out, c.pos);
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
