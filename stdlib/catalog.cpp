#include "stdlib/catalog.h"

#include <algorithm>
#include <array>

namespace cfgc::stdlib {

namespace {
constexpr std::array<PackageInfo, 17> kPackages{{
    {"crypto/sha256", "SHA-256 hashes"},
    {"encoding/base64", "base64 encoding and decoding"},
    {"encoding/hex", "hexadecimal encoding and decoding"},
    {"encoding/json", "JSON marshalling, unmarshalling and validation"},
    {"encoding/yaml", "YAML marshalling, unmarshalling and validation"},
    {"list", "list operations: sorting, slicing, aggregates, constraints"},
    {"math", "mathematical functions and constants"},
    {"math/bits", "bit counting and manipulation"},
    {"net", "IP addresses, prefixes, host names and address planning"},
    {"path", "slash-separated path manipulation"},
    {"regexp", "RE2 regular expressions"},
    {"strconv", "conversions to and from string representations"},
    {"strings", "string manipulation"},
    {"struct", "struct constraints: MinFields, MaxFields"},
    {"text/template", "Go text/template rendering"},
    {"time", "time and duration parsing and formatting"},
    {"uuid", "UUID generation and validation"},
}};
}  // namespace

std::span<const PackageInfo> packages() { return kPackages; }

const PackageInfo* find_package(std::string_view path) {
  auto it = std::lower_bound(kPackages.begin(), kPackages.end(), path,
                             [](const PackageInfo& p, std::string_view s) { return p.path < s; });
  return it != kPackages.end() && it->path == path ? &*it : nullptr;
}

bool is_standard_path(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  return !first.empty() && first.find('.') == std::string_view::npos;
}

}  // namespace cfgc::stdlib
