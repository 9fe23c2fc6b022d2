#include "compiler/eval/label.h"

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "compiler/syntax/literal.h"

namespace cfgc::eval {

namespace {

struct Entry {
  std::string name;
  LabelKind kind;
};

struct Table {
  std::shared_mutex mu;
  std::deque<Entry> entries;  // stable addresses
  std::unordered_map<std::string_view, Feature> regular;
  std::unordered_map<std::string_view, Feature> other;  // kind-qualified: hidden, defs
};

Table& table() {
  static Table t;
  return t;
}

}  // namespace

LabelKind kind_of_identifier(std::string_view name) {
  if (name.size() > 1 && name[0] == '#') return LabelKind::Definition;
  if (name.size() > 2 && name[0] == '_' && name[1] == '#') return LabelKind::HiddenDef;
  if (name.size() > 1 && name[0] == '_') return LabelKind::Hidden;
  return LabelKind::Regular;
}

Feature intern_label(std::string_view name, LabelKind kind) {
  Table& t = table();
  auto& map = kind == LabelKind::Regular ? t.regular : t.other;
  {
    std::shared_lock lock(t.mu);
    auto it = map.find(name);
    if (it != map.end()) return it->second;
  }
  std::unique_lock lock(t.mu);
  auto it = map.find(name);
  if (it != map.end()) return it->second;
  t.entries.push_back({std::string(name), kind});
  Feature f = static_cast<Feature>(t.entries.size() - 1);
  map.emplace(t.entries.back().name, f);
  return f;
}

Feature new_let_feature(std::string_view name) {
  Table& t = table();
  std::unique_lock lock(t.mu);
  t.entries.push_back({std::string(name), LabelKind::Let});
  return static_cast<Feature>(t.entries.size() - 1);
}

std::string_view label_name(Feature f) {
  if (is_index(f)) return {};
  Table& t = table();
  std::shared_lock lock(t.mu);
  return t.entries[f].name;
}

LabelKind label_kind(Feature f) {
  if (is_index(f)) return LabelKind::Index;
  Table& t = table();
  std::shared_lock lock(t.mu);
  return t.entries[f].kind;
}

static bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    bool digit = c >= '0' && c <= '9';
    if (i == 0 && c == '#') continue;
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

std::string label_for_path(Feature f) {
  if (is_index(f)) return std::to_string(feature_index(f));
  std::string_view n = label_name(f);
  if (is_identifier(n)) return std::string(n);
  return syntax::quote_string(n);
}

}  // namespace cfgc::eval
