#include "stdlib/catalog.h"

#include <algorithm>
#include <array>

namespace cfgc::stdlib {

namespace {
constexpr std::array<PackageInfo, 25> kPackages{{
    {"crypto/ed25519", "Ed25519 signature verification"},
    {"crypto/hmac", "HMAC message authentication (MD5, SHA-1, SHA-2)"},
    {"crypto/md5", "MD5 checksums"},
    {"crypto/sha1", "SHA-1 checksums"},
    {"crypto/sha256", "SHA-224 and SHA-256 checksums"},
    {"crypto/sha512", "SHA-384 and SHA-512 checksums"},
    {"encoding/base64", "base64 encoding and decoding"},
    {"encoding/csv", "comma-separated values: records as lists of strings"},
    {"encoding/hex", "hexadecimal encoding, decoding and dumps"},
    {"encoding/json", "JSON marshalling, unmarshalling, validation and reformatting"},
    {"encoding/yaml", "YAML marshalling, unmarshalling and validation"},
    {"html", "escaping and unescaping text for HTML"},
    {"list", "list operations: slicing, sorting, aggregates, constraints"},
    {"math", "mathematical functions and constants"},
    {"math/bits", "bit counting and manipulation"},
    {"net", "IP addresses, prefixes, host names and address planning"},
    {"path", "slash-separated paths for Unix, Windows and Plan 9"},
    {"regexp", "RE2 regular expressions"},
    {"strconv", "conversions to and from string representations"},
    {"strings", "string manipulation"},
    {"struct", "struct constraints: MinFields, MaxFields"},
    {"text/tabwriter", "aligned columns from tab-separated text"},
    {"text/template", "Go text/template execution over CUE data; HTML and JavaScript escaping"},
    {"time", "durations, RFC 3339 times, Go time layouts"},
    {"uuid", "UUIDs: validation, parsing, versions 3 and 5"},
}};
}  // namespace

std::span<const PackageInfo> packages() { return kPackages; }

const PackageInfo* find_package(std::string_view path) {
  auto it = std::lower_bound(kPackages.begin(), kPackages.end(), path,
                             [](const PackageInfo& p, std::string_view s) { return p.path < s; });
  return it != kPackages.end() && it->path == path ? &*it : nullptr;
}

}  // namespace cfgc::stdlib
