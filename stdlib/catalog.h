#pragma once
// The catalogue of CUE standard-library packages cfgc provides: their import paths and what
// each is for. Every package listed here is registered by register_all() (register.h); a test
// keeps the two in step. Whether an import path names the standard library at all is CUE's
// rule in compiler/eval/stdlib_paths.h.

#include <span>
#include <string_view>

namespace cfgc::stdlib {

struct PackageInfo {
  std::string_view path;     // import path, e.g. "strings", "encoding/json"
  std::string_view summary;  // one line
};

// Every standard package cfgc provides, sorted by path.
std::span<const PackageInfo> packages();

// The package with this import path, or nullptr.
const PackageInfo* find_package(std::string_view path);

}  // namespace cfgc::stdlib
