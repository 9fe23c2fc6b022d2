#pragma once
// The models a simulated gNMI target lists in its Capabilities (--gnmi-models).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfgc::devsim {

struct GnmiModel {
  std::string name;
  std::string organization;
  std::string version;
};
// ietf-interfaces, ietf-ip, iana-if-type, openconfig-interfaces.
std::vector<GnmiModel> default_gnmi_models();
// "NAME" or "NAME@VERSION" (organization from the name's prefix: ietf-, iana-, openconfig-).
std::optional<GnmiModel> parse_gnmi_model(std::string_view text, std::string* error);

}  // namespace cfgc::devsim
