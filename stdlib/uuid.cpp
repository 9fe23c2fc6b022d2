// Package uuid: RFC 4122 UUIDs as CUE's uuid package (which wraps Go's github.com/google/uuid):
// validation of the canonical form, parsing of the four accepted spellings, name-based UUIDs
// (versions 3 and 5), conversions to and from integers, and the predefined namespaces.
//
// As in CUE, ToInt(x) is the integer whose big-endian bytes are the bytes of the string x (its
// 36 ASCII characters for a canonical UUID), not the 128-bit value of the UUID; FromInt(i)
// takes the absolute value of i, which must fit in 16 bytes.
#include <openssl/evp.h>

#include <algorithm>
#include <array>

#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using Bytes = std::array<uint8_t, 16>;

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The canonical form: 8-4-4-4-12 lower-case hex digits.
bool is_canonical(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = s[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// google/uuid's Parse: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the same with the prefix
// urn:uuid: (any case), the same with one character before it and one after (meant as {...};
// neither is checked), or 32 hex digits. Hex digits in either case.
Result<Bytes> parse(std::string_view s) {
  const Error bad_format{"invalid UUID format"};
  Bytes u{};
  if (s.size() == 32) {
    for (size_t i = 0; i < 16; ++i) {
      int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
      if (hi < 0 || lo < 0) return bad_format;
      u[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    return u;
  }
  if (s.size() == 36 + 9) {
    std::string prefix(s.substr(0, 9));
    std::string lower = prefix;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (lower != "urn:uuid:") return Error{fmt::format("invalid urn prefix: {:?}", prefix)};
    s.remove_prefix(9);
  } else if (s.size() == 36 + 2) {
    s.remove_prefix(1);
  } else if (s.size() != 36) {
    return Error{fmt::format("invalid UUID length: {}", s.size())};
  }
  if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return bad_format;
  static constexpr size_t kPos[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
  for (size_t i = 0; i < 16; ++i) {
    int hi = hexval(s[kPos[i]]), lo = hexval(s[kPos[i] + 1]);
    if (hi < 0 || lo < 0) return bad_format;
    u[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return u;
}

std::string to_string(const Bytes& u) {
  std::string out;
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += fmt::format("{:02x}", u[i]);
  }
  return out;
}

// Version 3 (MD5) or 5 (SHA-1): the hash of the namespace's bytes and the name, truncated to 16
// bytes, with the version and the RFC 4122 variant set.
Bytes name_based(const Bytes& ns, std::string_view name, const EVP_MD* md, int version) {
  std::string data(reinterpret_cast<const char*>(ns.data()), ns.size());
  data += name;
  unsigned char sum[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), sum, &n, md, nullptr);
  Bytes u{};
  std::copy(sum, sum + 16, u.begin());
  u[6] = static_cast<uint8_t>((u[6] & 0x0f) | (version << 4));
  u[8] = static_cast<uint8_t>((u[8] & 0x3f) | 0x80);
  return u;
}

// google/uuid's variants: 1 RFC 4122 (10x), 3 Microsoft (110), 4 future (111), 2 reserved (0xx).
int variant(const Bytes& u) {
  if ((u[8] & 0xc0) == 0x80) return 1;
  if ((u[8] & 0xe0) == 0xc0) return 3;
  if ((u[8] & 0xe0) == 0xe0) return 4;
  return 2;
}

// The big-endian bytes of the absolute value of a decimal integer (none for 0).
std::vector<uint8_t> decimal_bytes(std::string_view dec) {
  if (!dec.empty() && dec[0] == '-') dec.remove_prefix(1);
  std::vector<int> digits;
  for (char c : dec) digits.push_back(c - '0');
  std::vector<uint8_t> out;  // little-endian while dividing
  while (!digits.empty()) {
    std::vector<int> quot;
    int rem = 0;
    for (int d : digits) {
      rem = rem * 10 + d;
      if (!quot.empty() || rem / 256) quot.push_back(rem / 256);
      rem %= 256;
    }
    out.push_back(static_cast<uint8_t>(rem));
    digits = std::move(quot);
  }
  while (!out.empty() && out.back() == 0) out.pop_back();
  std::reverse(out.begin(), out.end());
  return out;
}

const Value* uuid_arg(CallContext& c, const Value* v, Bytes& u) {
  Result<Bytes> r = parse(v->str);
  if (!r) return fail(c, r.error().message);
  u = *r;
  return nullptr;
}

struct Named {
  const char* name;
  const char* value;
};
constexpr Named kNamespaces[] = {
    {"DNS", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
    {"URL", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"},
    {"OID", "6ba7b812-9dad-11d1-80b4-00c04fd430c8"},
    {"X500", "6ba7b814-9dad-11d1-80b4-00c04fd430c8"},
    {"Nil", "00000000-0000-0000-0000-000000000000"},
};
constexpr std::pair<const char*, int> kVariants[] = {
    {"Invalid", 0}, {"RFC4122", 1}, {"Reserved", 2}, {"Microsoft", 3}, {"Future", 4}};

}  // namespace

void register_uuid() {
  const std::string P = "uuid";
  def_const(P, "ns", kStruct,
            "the predefined namespaces of RFC 4122: ns.DNS, ns.URL, ns.OID, ns.X500, and ns.Nil",
            [](CallContext& c, Args) {
              std::vector<std::pair<std::string, const Value*>> fields;
              for (const Named& n : kNamespaces)
                fields.emplace_back(n.name, c.ev.string(n.value, c.pos));
              return make_struct(c, fields);
            });
  def_const(P, "variants", kStruct,
            "the variants Variant returns: variants.Invalid (0), RFC4122 (1), Reserved (2), "
            "Microsoft (3), Future (4)",
            [](CallContext& c, Args) {
              std::vector<std::pair<std::string, const Value*>> fields;
              for (auto [name, v] : kVariants) fields.emplace_back(name, c.ev.integer(v, c.pos));
              return make_struct(c, fields);
            });
  def_validator(P, "Valid", {kString},
                "the string is a UUID in canonical form: 8-4-4-4-12 lower-case hex digits",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_canonical(a[0]->str)) return failf(c, "invalid UUID {:?}", a[0]->str);
                  return c.ev.boolean(true, c.pos);
                });
  def(P, "Parse", {kString}, kString,
      "the canonical form of a UUID written as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, "
      "urn:uuid:xxxxxxxx-…, {xxxxxxxx-…} or 32 hex digits (either case)",
      [](CallContext& c, Args a) -> const Value* {
        Bytes u{};
        if (const Value* err = uuid_arg(c, a[0], u)) return err;
        return c.ev.string(to_string(u), c.pos);
      });
  def(P, "ToString", {kString}, kString, "the string itself (UUIDs are strings in CUE)",
      [](CallContext& c, Args a) { return c.ev.string(a[0]->str, c.pos); });
  def(P, "URN", {kString}, kString, "the URN form of a UUID: urn:uuid:xxxxxxxx-…",
      [](CallContext& c, Args a) -> const Value* {
        Bytes u{};
        if (const Value* err = uuid_arg(c, a[0], u)) return err;
        return c.ev.string("urn:uuid:" + to_string(u), c.pos);
      });
  def(P, "FromInt", {kInt}, kString,
      "the UUID whose 16 bytes are the big-endian bytes of the integer (its absolute value; "
      "an error beyond 16 bytes)",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<uint8_t> b = decimal_bytes(a[0]->num.str());
        if (b.size() > 16) return failf(c, "invalid UUID (got {} bytes)", b.size());
        Bytes u{};
        std::copy(b.begin(), b.end(), u.begin() + static_cast<ptrdiff_t>(16 - b.size()));
        return c.ev.string(to_string(u), c.pos);
      });
  def(P, "ToInt", {kString}, kInt,
      "the integer whose big-endian bytes are the bytes of the string (as CUE: the characters "
      "of the UUID's text, not its 16 bytes)",
      [](CallContext& c, Args a) -> const Value* {
        std::string_view s = a[0]->str;
        if (s.empty()) return c.ev.integer(0, c.pos);
        std::string hex = "0x";
        for (char ch : s) hex += fmt::format("{:02x}", static_cast<unsigned char>(ch));
        Result<Number> n = Number::parse(hex, false);
        if (!n) return fail(c, n.error().message);
        return c.ev.number(*n, c.pos);
      });
  def(P, "Variant", {kString}, kInt,
      "the variant of a UUID: 1 for RFC 4122, 2 reserved (NCS), 3 Microsoft, 4 future "
      "(uuid.variants)",
      [](CallContext& c, Args a) -> const Value* {
        Bytes u{};
        if (const Value* err = uuid_arg(c, a[0], u)) return err;
        return c.ev.integer(variant(u), c.pos);
      });
  def(P, "Version", {kString}, kInt, "the version of a UUID (its 13th hex digit): 1 to 5",
      [](CallContext& c, Args a) -> const Value* {
        Bytes u{};
        if (const Value* err = uuid_arg(c, a[0], u)) return err;
        return c.ev.integer(u[6] >> 4, c.pos);
      });
  def(P, "SHA1", {kString, kBytes | kString}, kString,
      "SHA1(namespace, name): the version 5 UUID of name in the namespace (a UUID, such as "
      "uuid.ns.DNS)",
      [](CallContext& c, Args a) -> const Value* {
        Bytes ns{};
        if (const Value* err = uuid_arg(c, a[0], ns)) return err;
        return c.ev.string(to_string(name_based(ns, a[1]->str, EVP_sha1(), 5)), c.pos);
      });
  def(P, "MD5", {kString, kBytes | kString}, kString,
      "MD5(namespace, name): the version 3 UUID of name in the namespace (a UUID, such as "
      "uuid.ns.URL)",
      [](CallContext& c, Args a) -> const Value* {
        Bytes ns{};
        if (const Value* err = uuid_arg(c, a[0], ns)) return err;
        return c.ev.string(to_string(name_based(ns, a[1]->str, EVP_md5(), 3)), c.pos);
      });
}

}  // namespace cfgc::stdlib
