#include "stdlib/catalog.h"

#include <algorithm>
#include <array>

namespace cfgc::stdlib {

namespace {
constexpr std::array<PackageInfo, 13> kPackages{{
    {"encoding/base64", "base64 encoding and decoding"},
    {"encoding/hex", "hexadecimal encoding, decoding and dumps"},
    {"encoding/json", "JSON marshalling, unmarshalling, validation and reformatting"},
    {"encoding/yaml", "YAML marshalling, unmarshalling and validation"},
    {"list", "list operations: slicing, sorting, aggregates, constraints"},
    {"math", "mathematical functions and constants"},
    {"math/bits", "bit counting and manipulation"},
    {"net", "IP addresses, prefixes, host names and address planning"},
    {"regexp", "RE2 regular expressions"},
    {"strconv", "conversions to and from string representations"},
    {"strings", "string manipulation"},
    {"struct", "struct constraints: MinFields, MaxFields"},
    {"text/template", "Go text/template execution over CUE data; HTML and JavaScript escaping"},
}};
}  // namespace

std::span<const PackageInfo> packages() { return kPackages; }

const PackageInfo* find_package(std::string_view path) {
  auto it = std::lower_bound(kPackages.begin(), kPackages.end(), path,
                             [](const PackageInfo& p, std::string_view s) { return p.path < s; });
  return it != kPackages.end() && it->path == path ? &*it : nullptr;
}

}  // namespace cfgc::stdlib
