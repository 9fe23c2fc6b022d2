#include "deploy/push/gnmi_path.h"

#include <fmt/core.h>

namespace cfgc::push {

Result<GnmiPath> parse_gnmi_path(std::string_view text) {
  GnmiPath path;
  size_t i = 0;
  if (size_t slash = text.find('/'); slash != std::string_view::npos && slash > 0 && text[slash - 1] == ':' &&
                                     text.substr(0, slash).find('[') == std::string_view::npos) {
    path.origin = std::string(text.substr(0, slash - 1));
    i = slash;
  }
  if (i >= text.size() || text[i] != '/') return Error{fmt::format("gNMI path \"{}\": want /elem/elem[key=value]", text)};
  while (i < text.size()) {
    if (text[i] != '/') return Error{fmt::format("gNMI path \"{}\": expected '/' at offset {}", text, i)};
    ++i;
    if (i == text.size()) break;  // "/" alone: the root
    GnmiPathElem e;
    while (i < text.size() && text[i] != '/' && text[i] != '[') e.name += text[i++];
    if (e.name.empty()) return Error{fmt::format("gNMI path \"{}\": empty element at offset {}", text, i)};
    while (i < text.size() && text[i] == '[') {
      ++i;
      std::string key;
      while (i < text.size() && text[i] != '=' && text[i] != ']') key += text[i++];
      if (i >= text.size() || text[i] != '=' || key.empty())
        return Error{fmt::format("gNMI path \"{}\": want [key=value] after {}", text, e.name)};
      ++i;
      std::string value;
      while (i < text.size() && text[i] != ']') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i++];
      }
      if (i >= text.size()) return Error{fmt::format("gNMI path \"{}\": unclosed '[' in {}", text, e.name)};
      ++i;
      e.keys[key] = value;
    }
    path.elems.push_back(std::move(e));
  }
  return path;
}

std::string print_gnmi_path(const GnmiPath& path) {
  std::string out = path.origin.empty() ? "" : path.origin + ":";
  for (const GnmiPathElem& e : path.elems) {
    out += "/" + e.name;
    for (const auto& [k, v] : e.keys) {
      out += "[" + k + "=";
      for (char c : v) {
        if (c == ']' || c == '\\' || c == '/') out += '\\';
        out += c;
      }
      out += "]";
    }
  }
  return out.empty() ? "/" : out;
}

}  // namespace cfgc::push
