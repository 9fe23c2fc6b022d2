#pragma once
// A simulated gNMI target's configuration: one JSON tree in RFC 7951 (JSON_IETF) form, and the
// operations gNMI paths make on it: reading a subtree, deleting, replacing and updating
// (merging) at a path. Top-level members are module-qualified ("ietf-interfaces:interfaces");
// lists are arrays of objects. There is no YANG schema: a list's key is the key names a path
// gives for it, else the first of a few usual key leaves ("name", "index", ...) that every
// entry has (see docs/devsim.md).

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "faults.h"

namespace cfgc::devsim {

// One element of a gNMI path: a node name (optionally "module:name") and, for a list entry,
// its keys.
struct GnmiElem {
  std::string name;
  std::map<std::string, std::string> keys;
};
using GnmiPath = std::vector<GnmiElem>;

// "/ietf-interfaces:interfaces/interface[name=eth0]"; "/" for the root.
std::string gnmi_path_string(const GnmiPath& path);

enum class TreeCode { Ok, InvalidArgument, NotFound };
struct TreeResult {
  TreeCode code = TreeCode::Ok;
  std::string message;
  bool ok() const { return code == TreeCode::Ok; }
};

// Checks that `value` is RFC 7951 JSON as this simulator stores it: no null (except the
// empty leaf [null]), arrays either of objects (lists) or of scalars (leaf-lists). With
// `root`, `value` must be an object whose members are module-qualified.
TreeResult gnmi_check_value(const nlohmann::json& value, bool root);

// The subtree at `path`: the container's contents, the list entry's object, the whole list
// (a path ending in a list without keys) or a leaf's value.
TreeResult gnmi_get(const nlohmann::json& tree, const GnmiPath& path, nlohmann::json* out);
// Removes the subtree at `path` (nothing there: no error); the root empties the tree.
TreeResult gnmi_delete(nlohmann::json& tree, const GnmiPath& path);
// The subtree at `path` becomes exactly `value` (created with its ancestors when missing).
TreeResult gnmi_replace(nlohmann::json& tree, const GnmiPath& path, const nlohmann::json& value);
// Merges `value` into the subtree at `path`: objects merge member by member, lists entry by
// entry (by key), leaves and leaf-lists are replaced.
TreeResult gnmi_update(nlohmann::json& tree, const GnmiPath& path, const nlohmann::json& value);

// A message naming the first path element name, key value, member name or string value of
// `value` that a reject fault matches, or nullopt.
std::optional<std::string> gnmi_rejected(const GnmiPath& path, const nlohmann::json* value,
                                         const FaultSet& faults);

}  // namespace cfgc::devsim
