#pragma once
// The NVUE configuration tree operations a revision is made of: JSON merge patches and
// subtree deletions at a path, and reading a subtree; plus the validation a simulated
// Cumulus switch runs when a revision is applied.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "faults.h"

namespace cfgc::devsim {

using NvuePath = std::vector<std::string>;

// Merges `patch` into the tree at `path` (RFC 7396: objects merge, null deletes a key;
// missing objects on the path are created). A null patch deletes the subtree at `path`.
void nvue_patch(nlohmann::json& tree, const NvuePath& path, const nlohmann::json& patch);
// Deletes the subtree at `path`; the empty path empties the whole tree.
void nvue_delete(nlohmann::json& tree, const NvuePath& path);
// The subtree at `path`, or nullopt when it does not exist.
std::optional<nlohmann::json> nvue_get(const nlohmann::json& tree, const NvuePath& path);

// "interface.swp1.link.mtu"
std::string nvue_path_string(const NvuePath& path);

// One validation problem: where, and the NVUE-style message.
struct NvueIssue {
  std::string path;
  std::string message;
};
// Checks interface names, link MTUs and BGP AS numbers.
std::vector<NvueIssue> nvue_validate(const nlohmann::json& tree);
// Keys or string values in `doc` (placed at `path`) that a reject fault matches.
std::vector<NvueIssue> nvue_rejected(const nlohmann::json& doc, const NvuePath& path,
                                     const FaultSet& faults);

}  // namespace cfgc::devsim
