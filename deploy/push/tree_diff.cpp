#include "deploy/push/tree_diff.h"

#include <fmt/core.h>

namespace cfgc::push {

namespace {

bool plain_key(const std::string& k) {
  if (k.empty()) return false;
  for (char c : k) {
    if (c == '.' || c == ' ' || c == '"' || c == ':') return false;
  }
  return true;
}

std::string join(const std::string& path, const std::string& key, PathStyle style) {
  if (style == PathStyle::Gnmi) {
    // A list entry's "[name=eth0]" follows its list's name; any other member is an element.
    return key.starts_with('[') && !path.empty() ? path + key : path + "/" + key;
  }
  std::string k = plain_key(key) ? key : nlohmann::json(key).dump();
  return path.empty() ? k : path + "." + k;
}

// A subtree added or removed as a whole, one line per leaf (empty objects are leaves: NVUE
// writes `up: {}` for a flag), so a new interface reads like the `nv set` lines that make it.
void leaves(TreeChange::Kind kind, const nlohmann::json& v, const std::string& path, PathStyle style,
            std::vector<TreeChange>& out) {
  if (v.is_object() && !v.empty()) {
    for (auto it = v.begin(); it != v.end(); ++it) leaves(kind, it.value(), join(path, it.key(), style), style, out);
    return;
  }
  if (kind == TreeChange::Added) {
    out.push_back({kind, path, nullptr, v});
  } else {
    out.push_back({kind, path, v, nullptr});
  }
}

void walk(const nlohmann::json& a, const nlohmann::json& b, const std::string& path, PathStyle style,
          std::vector<TreeChange>& out) {
  if (a.is_object() && b.is_object()) {
    // Removed keys first, where they stood, then b's keys in b's order.
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) leaves(TreeChange::Removed, it.value(), join(path, it.key(), style), style, out);
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      auto at = a.find(it.key());
      if (at == a.end()) {
        leaves(TreeChange::Added, it.value(), join(path, it.key(), style), style, out);
      } else {
        walk(*at, it.value(), join(path, it.key(), style), style, out);
      }
    }
    return;
  }
  if (a != b) out.push_back({TreeChange::Changed, path, a, b});
}

std::string show(const nlohmann::json& v) { return v.is_object() && v.empty() ? "{}" : v.dump(); }

}  // namespace

std::vector<TreeChange> diff_trees(const nlohmann::json& before, const nlohmann::json& after,
                                   PathStyle style) {
  std::vector<TreeChange> out;
  walk(before, after, "", style, out);
  return out;
}

std::string render_tree_diff(const std::vector<TreeChange>& changes) {
  std::string out;
  for (const TreeChange& c : changes) {
    std::string path = c.path.empty() ? "(root)" : c.path;
    switch (c.kind) {
      case TreeChange::Added: out += fmt::format("+ {}: {}\n", path, show(c.after)); break;
      case TreeChange::Removed: out += fmt::format("- {}: {}\n", path, show(c.before)); break;
      case TreeChange::Changed: out += fmt::format("~ {}: {} -> {}\n", path, show(c.before), show(c.after)); break;
    }
  }
  return out;
}

nlohmann::json merge_patch(nlohmann::json target, const nlohmann::json& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = nlohmann::json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) {
      target.erase(it.key());
    } else {
      target[it.key()] = merge_patch(target.contains(it.key()) ? target[it.key()] : nlohmann::json(), it.value());
    }
  }
  return target;
}

}  // namespace cfgc::push
