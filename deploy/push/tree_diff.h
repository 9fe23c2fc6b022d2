#pragma once
// Structural differences between two JSON trees (NVUE configurations): which leaves were
// added, removed or changed, by path, and RFC 7396 merge patches (NVUE's PATCH semantics).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cfgc::push {

struct TreeChange {
  enum Kind { Added, Removed, Changed } kind;
  std::string path;  // interface.swp1.link.mtu, or in gNMI form (PathStyle)
  nlohmann::json before, after;
};

// How change paths are written:
//   Dotted: interface.swp1.link.mtu (NVUE's tree; keys with dots, spaces, quotes or colons are
//           quoted);
//   Gnmi:   /ietf-interfaces:interfaces/interface[name=eth0]/mtu, for JSON_IETF trees whose
//           list entries are keyed "[name=eth0]" (gnmi_tree.h), as gNMI paths are written.
enum class PathStyle { Dotted, Gnmi };

// Differences from `before` to `after`, removals first, then by key (keys are sorted, so the
// output is the same whatever order the device sends). Objects are compared key by key,
// arrays and scalars as whole values; a subtree added or removed is listed leaf by leaf.
std::vector<TreeChange> diff_trees(const nlohmann::json& before, const nlohmann::json& after,
                                   PathStyle style = PathStyle::Dotted);

// One line per change: "+ path: value", "- path: value", "~ path: old -> new".
std::string render_tree_diff(const std::vector<TreeChange>& changes);

// RFC 7396: objects merge recursively, null deletes, anything else replaces.
nlohmann::json merge_patch(nlohmann::json target, const nlohmann::json& patch);

}  // namespace cfgc::push
