#include "gnmi_tree.h"

#include <string_view>

namespace cfgc::devsim {

using nlohmann::json;

namespace {

TreeResult invalid(std::string message) { return {TreeCode::InvalidArgument, std::move(message)}; }
TreeResult not_found(std::string message) { return {TreeCode::NotFound, std::move(message)}; }

std::string_view local_name(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool qualified(std::string_view name) { return name.find(':') != std::string_view::npos; }

// The member of `obj` that `name` names: the exact key; else, for "module:leaf", an
// unqualified "leaf" (same module as its parent); for "leaf", the one member "m:leaf".
// nullopt when there is none; *ambiguous when an unqualified name matches several.
std::optional<std::string> find_member(const json& obj, std::string_view name, bool* ambiguous = nullptr) {
  if (!obj.is_object()) return std::nullopt;
  std::string key(name);
  if (obj.contains(key)) return key;
  std::optional<std::string> found;
  std::string_view want = local_name(name);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    std::string_view k = it.key();
    if (local_name(k) != want) continue;
    if (qualified(name) && qualified(k)) continue;  // different modules
    if (found) {
      if (ambiguous) *ambiguous = true;
      return std::nullopt;
    }
    found = it.key();
  }
  return found;
}

// A scalar as the string a path key compares with.
std::optional<std::string> scalar_string(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

bool entry_matches(const json& entry, const std::map<std::string, std::string>& keys) {
  if (!entry.is_object()) return false;
  for (const auto& [k, v] : keys) {
    auto m = find_member(entry, k);
    if (!m) return false;
    auto s = scalar_string(entry[*m]);
    if (!s || *s != v) return false;
  }
  return true;
}

std::string elem_string(const GnmiElem& e) {
  std::string s = e.name;
  for (const auto& [k, v] : e.keys) {
    s += '[';
    s += k;
    s += '=';
    s += v;
    s += ']';
  }
  return s;
}

std::string prefix_string(const GnmiPath& path, size_t n) {
  return gnmi_path_string(GnmiPath(path.begin(), path.begin() + static_cast<long>(n)));
}

const char* kind_of(const json& v) {
  if (v.is_object()) return "a container";
  if (v.is_array()) return "a list";
  return "a leaf";
}

bool same_kind(const json& a, const json& b) {
  if (a.is_object() || b.is_object()) return a.is_object() && b.is_object();
  if (a.is_array() || b.is_array()) return a.is_array() && b.is_array();
  return true;
}

TreeResult check_elem(const GnmiElem& e, const GnmiPath& path) {
  if (e.name.empty()) return invalid("path " + gnmi_path_string(path) + " has an element without a name");
  if (e.name == "*" || e.name == "...")
    return invalid("path " + gnmi_path_string(path) + ": wildcards are not supported by cfgc-devsim");
  for (const auto& [k, v] : e.keys) {
    if (k.empty()) return invalid("path " + gnmi_path_string(path) + " has a key without a name");
    if (v == "*") return invalid("path " + gnmi_path_string(path) + ": wildcards are not supported by cfgc-devsim");
  }
  return {};
}

// One step from container `node` along `e`: *next is the member (e without keys) or the list
// entry. With `create`, missing members (containers, or lists with the entry) are made.
TreeResult step(json& node, const GnmiPath& path, size_t i, bool create, json** next) {
  const GnmiElem& e = path[i];
  if (auto r = check_elem(e, path); !r.ok()) return r;
  std::string here = prefix_string(path, i + 1);
  if (!node.is_object()) {
    return invalid("path " + gnmi_path_string(path) + " goes below " + prefix_string(path, i) + ", which is " +
                   kind_of(node));
  }
  bool ambiguous = false;
  auto member = find_member(node, e.name, &ambiguous);
  if (ambiguous) return invalid("path element '" + e.name + "' is ambiguous at " + here + ": give its module prefix");
  if (!member) {
    if (!create) return not_found("no data at " + here);
    if (i == 0 && !qualified(e.name)) {
      return invalid("no top-level member '" + e.name + "' exists; a new one needs its module prefix (" +
                     "e.g. 'ietf-interfaces:" + e.name + "')");
    }
    member = e.name;
    node[*member] = e.keys.empty() ? json::object() : json::array();
  }
  json& child = node[*member];
  if (e.keys.empty()) {
    if (child.is_array() && i + 1 < path.size())
      return invalid("path " + gnmi_path_string(path) + ": list " + here + " needs its keys");
    *next = &child;
    return {};
  }
  if (!child.is_array()) return invalid("path " + gnmi_path_string(path) + ": " + prefix_string(path, i) + "/" + *member + " is " + kind_of(child) + ", not a list");
  for (auto& entry : child) {
    if (entry_matches(entry, e.keys)) {
      *next = &entry;
      return {};
    }
  }
  if (!create) return not_found("no list entry " + here);
  json entry = json::object();
  for (const auto& [k, v] : e.keys) entry[k] = v;
  child.push_back(std::move(entry));
  *next = &child.back();
  return {};
}

// The node at path[0..n), created when missing with `create`.
TreeResult walk(json& tree, const GnmiPath& path, size_t n, bool create, json** out) {
  json* node = &tree;
  for (size_t i = 0; i < n; ++i) {
    if (auto r = step(*node, path, i, create, &node); !r.ok()) return r;
  }
  *out = node;
  return {};
}

// The key names of a list whose entries are `a` and `b`: the first usual key leaf every
// entry has as a scalar.
std::vector<std::string> list_keys(const json& a, const json& b) {
  static const char* kCandidates[] = {"name", "index", "ip", "id", "prefix", "identifier", "sequence-id"};
  for (const char* c : kCandidates) {
    bool all = true;
    for (const json* list : {&a, &b}) {
      for (const auto& entry : *list) {
        auto m = find_member(entry, c);
        if (!m || !scalar_string(entry[*m])) {
          all = false;
          break;
        }
      }
      if (!all) break;
    }
    if (all) return {c};
  }
  return {};
}

std::map<std::string, std::string> entry_keys(const json& entry, const std::vector<std::string>& names) {
  std::map<std::string, std::string> keys;
  for (const auto& n : names) keys[n] = *scalar_string(entry[*find_member(entry, n)]);
  return keys;
}

TreeResult merge(json& dst, const json& src, const std::string& where, bool root) {
  if (!same_kind(dst, src)) {
    return invalid("value at " + where + " is " + kind_of(src) + " but the node is " + kind_of(dst));
  }
  if (src.is_object()) {
    for (auto it = src.begin(); it != src.end(); ++it) {
      bool ambiguous = false;
      auto m = find_member(dst, it.key(), &ambiguous);
      std::string sub = (where == "/" ? "/" : where + "/") + it.key();
      if (ambiguous) return invalid("member '" + it.key() + "' is ambiguous at " + sub + ": give its module prefix");
      if (!m) {
        if (root && !qualified(it.key())) return invalid("top-level member '" + it.key() + "' needs its module prefix");
        dst[it.key()] = it.value();
        continue;
      }
      if (auto r = merge(dst[*m], it.value(), sub, false); !r.ok()) return r;
    }
    return {};
  }
  if (src.is_array() && !src.empty() && src[0].is_object()) {
    if (!dst.empty() && !dst[0].is_object()) return invalid("value at " + where + " is a list but the node is a leaf-list");
    auto names = list_keys(dst, src);
    for (const auto& entry : src) {
      json* target = nullptr;
      if (!names.empty()) {
        auto keys = entry_keys(entry, names);
        for (auto& d : dst) {
          if (entry_matches(d, keys)) {
            target = &d;
            break;
          }
        }
      } else {
        for (auto& d : dst) {
          if (d == entry) target = &d;
        }
        if (target) continue;
      }
      if (!target) {
        dst.push_back(entry);
        continue;
      }
      if (auto r = merge(*target, entry, where, false); !r.ok()) return r;
    }
    return {};
  }
  dst = src;  // leaf or leaf-list
  return {};
}

TreeResult check(const json& v, const std::string& where, bool in_array) {
  if (v.is_null()) return invalid("value at " + where + " is null (not an RFC 7951 value; delete the node instead)");
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key().empty()) return invalid("value at " + where + " has a member without a name");
      if (auto r = check(it.value(), (where == "/" ? "/" : where + "/") + it.key(), false); !r.ok()) return r;
    }
    return {};
  }
  if (v.is_array()) {
    if (in_array) return invalid("value at " + where + " nests an array in an array");
    if (v.size() == 1 && v[0].is_null()) return {};  // the empty leaf
    bool objects = !v.empty() && v[0].is_object();
    for (const auto& e : v) {
      if (e.is_object() != objects) return invalid("value at " + where + " mixes list entries and leaf-list values");
      if (auto r = check(e, where, true); !r.ok()) return r;
    }
    return {};
  }
  if (v.is_binary()) return invalid("value at " + where + " is binary");
  return {};
}

// Fills in a list entry's keys from the path, or rejects a value that contradicts them.
TreeResult keyed_entry(const GnmiPath& path, const json& value, json* out) {
  const GnmiElem& e = path.back();
  std::string where = gnmi_path_string(path);
  if (!value.is_object()) return invalid("value for list entry " + where + " must be an object, not " + value.dump());
  if (value.empty()) return invalid("value for list entry " + where + " is empty: it would leave the entry without its keys");
  *out = value;
  for (const auto& [k, v] : e.keys) {
    auto m = find_member(value, k);
    if (!m) {
      (*out)[k] = v;
      continue;
    }
    auto s = scalar_string(value[*m]);
    if (!s || *s != v) {
      return invalid("value for list entry " + where + " sets key '" + k + "' to " + value[*m].dump() +
                     ", which contradicts the path");
    }
  }
  return {};
}

std::optional<std::string> scan(const json& v, const std::string& where, const FaultSet& faults) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string sub = (where == "/" ? "/" : where + "/") + it.key();
      if (auto p = faults.rejecting_pattern(it.key())) {
        return "'" + it.key() + "' at " + sub + " is rejected by the device (matches '" + *p + "')";
      }
      if (auto m = scan(it.value(), sub, faults)) return m;
    }
  } else if (v.is_array()) {
    for (const auto& e : v) {
      if (auto m = scan(e, where, faults)) return m;
    }
  } else if (v.is_string()) {
    if (auto p = faults.rejecting_pattern(v.get<std::string>())) {
      return "'" + v.get<std::string>() + "' at " + where + " is rejected by the device (matches '" + *p + "')";
    }
  }
  return std::nullopt;
}

}  // namespace

std::string gnmi_path_string(const GnmiPath& path) {
  if (path.empty()) return "/";
  std::string s;
  for (const auto& e : path) {
    s += '/';
    s += elem_string(e);
  }
  return s;
}

TreeResult gnmi_check_value(const json& value, bool root) {
  if (root) {
    if (!value.is_object()) return invalid("the root's value must be a JSON object");
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!qualified(it.key()))
        return invalid("top-level member '" + it.key() + "' needs its module prefix (RFC 7951), e.g. 'ietf-interfaces:" +
                       it.key() + "'");
    }
  }
  return check(value, "/", false);
}

TreeResult gnmi_get(const json& tree, const GnmiPath& path, json* out) {
  json* node = nullptr;
  // walk() does not change the tree without `create`.
  if (auto r = walk(const_cast<json&>(tree), path, path.size(), false, &node); !r.ok()) return r;
  *out = *node;
  return {};
}

TreeResult gnmi_delete(json& tree, const GnmiPath& path) {
  if (path.empty()) {
    tree = json::object();
    return {};
  }
  for (const auto& e : path) {
    if (auto r = check_elem(e, path); !r.ok()) return r;
  }
  json* parent = nullptr;
  auto r = walk(tree, path, path.size() - 1, false, &parent);
  if (r.code == TreeCode::NotFound) return {};  // deleting what is not there is no error
  if (!r.ok()) return r;
  if (!parent->is_object()) return {};
  const GnmiElem& e = path.back();
  bool ambiguous = false;
  auto member = find_member(*parent, e.name, &ambiguous);
  if (ambiguous) return invalid("path element '" + e.name + "' is ambiguous: give its module prefix");
  if (!member) return {};
  if (e.keys.empty()) {
    parent->erase(*member);
    return {};
  }
  json& list = (*parent)[*member];
  if (!list.is_array()) return invalid("path " + gnmi_path_string(path) + ": " + *member + " is not a list");
  for (size_t i = 0; i < list.size(); ++i) {
    if (entry_matches(list[i], e.keys)) {
      list.erase(i);
      break;
    }
  }
  if (list.empty()) parent->erase(*member);
  return {};
}

TreeResult gnmi_replace(json& tree, const GnmiPath& path, const json& value) {
  if (auto r = gnmi_check_value(value, path.empty()); !r.ok()) return r;
  if (path.empty()) {
    tree = value;
    return {};
  }
  json* node = nullptr;
  if (!path.back().keys.empty()) {
    json entry;
    if (auto r = keyed_entry(path, value, &entry); !r.ok()) return r;
    if (auto r = walk(tree, path, path.size(), true, &node); !r.ok()) return r;
    *node = std::move(entry);
    return {};
  }
  json* parent = nullptr;
  if (auto r = walk(tree, path, path.size() - 1, true, &parent); !r.ok()) return r;
  bool existed = parent->is_object() && find_member(*parent, path.back().name).has_value();
  if (auto r = step(*parent, path, path.size() - 1, true, &node); !r.ok()) return r;
  if (existed && !same_kind(*node, value)) {
    return invalid("value for " + gnmi_path_string(path) + " is " + kind_of(value) + " but the node is " + kind_of(*node));
  }
  *node = value;
  return {};
}

TreeResult gnmi_update(json& tree, const GnmiPath& path, const json& value) {
  if (auto r = gnmi_check_value(value, false); !r.ok()) return r;
  if (path.empty()) {
    if (!value.is_object()) return invalid("the root's value must be a JSON object");
    return merge(tree, value, "/", true);
  }
  json* node = nullptr;
  if (!path.back().keys.empty()) {
    json entry;
    if (auto r = keyed_entry(path, value, &entry); !r.ok()) return r;
    if (auto r = walk(tree, path, path.size(), true, &node); !r.ok()) return r;
    return merge(*node, entry, gnmi_path_string(path), false);
  }
  json* parent = nullptr;
  if (auto r = walk(tree, path, path.size() - 1, true, &parent); !r.ok()) return r;
  bool existed = parent->is_object() && find_member(*parent, path.back().name).has_value();
  if (auto r = step(*parent, path, path.size() - 1, true, &node); !r.ok()) return r;
  if (!existed) {
    *node = value;
    return {};
  }
  return merge(*node, value, gnmi_path_string(path), false);
}

std::optional<std::string> gnmi_rejected(const GnmiPath& path, const json* value, const FaultSet& faults) {
  for (size_t i = 0; i < path.size(); ++i) {
    const GnmiElem& e = path[i];
    std::string where = prefix_string(path, i + 1);
    if (auto p = faults.rejecting_pattern(e.name)) {
      return "'" + e.name + "' at " + where + " is rejected by the device (matches '" + *p + "')";
    }
    for (const auto& [k, v] : e.keys) {
      if (auto p = faults.rejecting_pattern(v)) {
        return "'" + v + "' at " + where + " is rejected by the device (matches '" + *p + "')";
      }
    }
  }
  if (value) return scan(*value, gnmi_path_string(path), faults);
  return std::nullopt;
}

}  // namespace cfgc::devsim
