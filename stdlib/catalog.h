#pragma once
// The catalogue of CUE standard-library packages: which import paths name a builtin package
// (no module needed) and what each is for. Builtin implementations register against these
// paths; the loader uses the catalogue to tell a standard import from a module import.

#include <span>
#include <string_view>

namespace cfgc::stdlib {

struct PackageInfo {
  std::string_view path;     // import path, e.g. "strings", "encoding/json"
  std::string_view summary;  // one line
};

// Every standard package cfgc knows, sorted by path.
std::span<const PackageInfo> packages();

// The package with this import path, or nullptr.
const PackageInfo* find_package(std::string_view path);

// CUE's rule: an import path whose first element has no dot is a standard-library path
// ("strings", "encoding/json"); module paths start with a domain ("example.com/fabric").
bool is_standard_path(std::string_view path);

}  // namespace cfgc::stdlib
