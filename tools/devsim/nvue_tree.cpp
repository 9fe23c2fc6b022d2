#include "nvue_tree.h"

#include <re2/re2.h>

namespace cfgc::devsim {

using nlohmann::json;

void nvue_patch(json& tree, const NvuePath& path, const json& patch) {
  if (patch.is_null()) {
    nvue_delete(tree, path);
    return;
  }
  json* at = &tree;
  for (const auto& key : path) {
    if (!at->is_object()) *at = json::object();
    at = &(*at)[key];
  }
  at->merge_patch(patch);
}

void nvue_delete(json& tree, const NvuePath& path) {
  if (path.empty()) {
    tree = json::object();
    return;
  }
  json* at = &tree;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!at->is_object() || !at->contains(path[i])) return;
    at = &(*at)[path[i]];
  }
  if (at->is_object()) at->erase(path.back());
}

std::optional<json> nvue_get(const json& tree, const NvuePath& path) {
  const json* at = &tree;
  for (const auto& key : path) {
    if (!at->is_object() || !at->contains(key)) return std::nullopt;
    at = &(*at)[key];
  }
  return *at;
}

std::string nvue_path_string(const NvuePath& path) {
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

namespace {

void check_bgp(const json& router, const std::string& where, std::vector<NvueIssue>& out) {
  if (!router.is_object() || !router.contains("bgp") || !router["bgp"].is_object()) return;
  const json& bgp = router["bgp"];
  if (!bgp.contains("autonomous-system")) return;
  const json& as = bgp["autonomous-system"];
  std::string p = where + ".bgp.autonomous-system";
  if (as.is_string() && as == "none") return;
  if (!as.is_number_integer() && !as.is_number_unsigned()) {
    out.push_back({p, "Config invalid at " + p + ": '" + as.dump() + "' is not a valid autonomous system number"});
    return;
  }
  long long v = as.get<long long>();
  if (v < 1) out.push_back({p, "Config invalid at " + p + ": " + std::to_string(v) + " is less than the minimum value of 1"});
  if (v > 4294967295LL)
    out.push_back({p, "Config invalid at " + p + ": " + std::to_string(v) +
                          " is greater than the maximum value of 4294967295"});
}

void scan_rejected(const json& doc, NvuePath& path, const FaultSet& faults, std::vector<NvueIssue>& out) {
  if (doc.is_object()) {
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      path.push_back(it.key());
      if (auto p = faults.rejecting_pattern(it.key())) {
        std::string where = nvue_path_string(path);
        out.push_back({where, "Config invalid at " + where + ": '" + it.key() + "' is rejected by the device (matches '" + *p + "')"});
      }
      scan_rejected(it.value(), path, faults, out);
      path.pop_back();
    }
  } else if (doc.is_array()) {
    for (const auto& v : doc) scan_rejected(v, path, faults, out);
  } else if (doc.is_string()) {
    if (auto p = faults.rejecting_pattern(doc.get<std::string>())) {
      std::string where = nvue_path_string(path);
      out.push_back({where, "Config invalid at " + where + ": '" + doc.get<std::string>() +
                                "' is rejected by the device (matches '" + *p + "')"});
    }
  }
}

}  // namespace

std::vector<NvueIssue> nvue_validate(const json& tree) {
  static const RE2 kInterface(R"(swp\d+(s\d+)?|lo|eth\d+|bond\S+|vlan\d+|br_\S+|peerlink.*)");
  std::vector<NvueIssue> out;
  if (!tree.is_object()) return out;
  if (tree.contains("interface") && tree["interface"].is_object()) {
    for (auto it = tree["interface"].begin(); it != tree["interface"].end(); ++it) {
      std::string where = "interface." + it.key();
      if (!RE2::FullMatch(it.key(), kInterface)) {
        out.push_back({where, "Config invalid at " + where + ": '" + it.key() + "' is not a valid interface name"});
        continue;
      }
      const json& iface = it.value();
      if (!iface.is_object() || !iface.contains("link") || !iface["link"].is_object() ||
          !iface["link"].contains("mtu"))
        continue;
      const json& mtu = iface["link"]["mtu"];
      std::string p = where + ".link.mtu";
      if (!mtu.is_number_integer() && !mtu.is_number_unsigned()) {
        out.push_back({p, "Config invalid at " + p + ": '" + mtu.dump() + "' is not an integer"});
        continue;
      }
      long long v = mtu.get<long long>();
      if (v < 552) out.push_back({p, "Config invalid at " + p + ": " + std::to_string(v) + " is less than the minimum value of 552"});
      if (v > 9216) out.push_back({p, "Config invalid at " + p + ": " + std::to_string(v) + " is greater than the maximum value of 9216"});
    }
  }
  if (tree.contains("router")) check_bgp(tree["router"], "router", out);
  if (tree.contains("vrf") && tree["vrf"].is_object()) {
    for (auto it = tree["vrf"].begin(); it != tree["vrf"].end(); ++it) {
      if (it.value().is_object() && it.value().contains("router"))
        check_bgp(it.value()["router"], "vrf." + it.key() + ".router", out);
    }
  }
  return out;
}

std::vector<NvueIssue> nvue_rejected(const json& doc, const NvuePath& path, const FaultSet& faults) {
  std::vector<NvueIssue> out;
  NvuePath p = path;
  scan_rejected(doc, p, faults, out);
  return out;
}

}  // namespace cfgc::devsim
