#pragma once
// CUE's rule for standard-library import paths: the first path element has no dot.
#include <string_view>

namespace cfgc::eval {
inline bool is_standard_import_path(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  return !first.empty() && first.find('.') == std::string_view::npos;
}
}  // namespace cfgc::eval
