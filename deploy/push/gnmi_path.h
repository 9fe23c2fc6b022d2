#pragma once
// gNMI paths in their string form (gnmi-path-conventions): "/interfaces/interface[name=eth0]",
// keys in brackets, '/' ']' '\' escaped with '\' inside key values. Parsed into and printed
// from a plain structure, so this file needs neither protobuf nor a device.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::push {

struct GnmiPathElem {
  std::string name;                       // may carry a module prefix: ietf-interfaces:interfaces
  std::map<std::string, std::string> keys;  // sorted, so printing is stable
};

struct GnmiPath {
  std::string origin;
  std::vector<GnmiPathElem> elems;
};

// "/a/b[k=v][k2=v2]/c", optionally "origin:/a/..." (origin before the first '/').
Result<GnmiPath> parse_gnmi_path(std::string_view text);
std::string print_gnmi_path(const GnmiPath& path);

}  // namespace cfgc::push
