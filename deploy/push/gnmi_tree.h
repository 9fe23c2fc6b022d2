#pragma once
// JSON_IETF (RFC 7951) trees as cfgc compares them: module prefixes kept only on top-level
// members (RFC 7951 repeats them only where the module changes; devices differ), and lists
// (arrays of objects) turned into objects keyed by their entries' key, so entries are
// matched by key and not by position: "interface[name=eth0]". Without the YANG model, the key
// is the first of name, id, index, identifier, key, prefix, address, ip, vlan-id that every
// entry has, else the first member (alphabetically) they all share.

#include <nlohmann/json.hpp>

namespace cfgc::push {

nlohmann::json normalize_json_ietf(const nlohmann::json& tree);

}  // namespace cfgc::push
