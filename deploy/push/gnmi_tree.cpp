#include "deploy/push/gnmi_tree.h"

#include <string>

namespace cfgc::push {

namespace {

using nlohmann::json;

std::string unprefixed(const std::string& name) {
  size_t colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

// The key member of a list's entries, or "" when they have none in common.
std::string list_key(const json& list) {
  bool all_objects = !list.empty();
  for (const json& e : list) all_objects &= e.is_object() && !e.empty();
  if (!all_objects) return "";
  auto everywhere = [&](const std::string& k) {
    for (const json& e : list) {
      bool found = false;
      for (auto it = e.begin(); it != e.end(); ++it) found |= unprefixed(it.key()) == k && it->is_primitive();
      if (!found) return false;
    }
    return true;
  };
  for (const char* k : {"name", "id", "index", "identifier", "key", "prefix", "address", "ip", "vlan-id"}) {
    if (everywhere(k)) return k;
  }
  for (auto it = list[0].begin(); it != list[0].end(); ++it) {
    std::string k = unprefixed(it.key());
    if (it->is_primitive() && everywhere(k)) return k;
  }
  return "";
}

std::string scalar_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

json normalize(const json& v, bool top) {
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[top ? it.key() : unprefixed(it.key())] = normalize(*it, false);
    return out;
  }
  if (v.is_array()) {
    std::string key = list_key(v);
    if (key.empty()) {
      json out = json::array();
      for (const json& e : v) out.push_back(normalize(e, false));
      return out;
    }
    json out = json::object();
    for (const json& e : v) {
      json entry = normalize(e, false);
      std::string label = "[" + key + "=" + scalar_text(entry[key]) + "]";
      out[label] = std::move(entry);
    }
    return out;
  }
  return v;
}

}  // namespace

json normalize_json_ietf(const json& tree) { return normalize(tree, true); }

}  // namespace cfgc::push
