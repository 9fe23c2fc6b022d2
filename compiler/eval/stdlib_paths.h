#pragma once
// CUE's rule for standard-library import paths: the first path element has no dot.
#include <string_view>

namespace cfgc::eval {
inline bool is_standard_import_path(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  return !first.empty() && first.find('.') == std::string_view::npos;
}
// `tool` and `tool/...`: the task kinds of `cfgc cmd` (stdlib/tool/, CUE sources).
inline bool is_tool_import_path(std::string_view path) {
  return path == "tool" || path.starts_with("tool/");
}
}  // namespace cfgc::eval
