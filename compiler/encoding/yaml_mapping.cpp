#include "compiler/encoding/yaml_mapping.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

std::string_view label_text(const Node* label) {
  if (const auto* id = as<Ident>(label)) return id->name;
  if (const auto* b = as<BasicLit>(label)) return b->value;
  return {};
}

void YamlMapping::clear() {
  entries_.clear();
  if (!index_.empty()) index_.clear();
}

int YamlMapping::find(std::string_view key) const {
  if (entries_.size() <= kLinear) {
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].key == key) return static_cast<int>(i);
    }
    return -1;
  }
  auto it = index_.find(key);
  return it == index_.end() ? -1 : static_cast<int>(it->second);
}

void YamlMapping::append(std::string_view key, Field* field, bool merged) {
  entries_.push_back({key, field, merged});
  if (entries_.size() == kLinear + 1) {
    index_.reserve(2 * entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i) {
      index_.emplace(entries_[i].key, static_cast<uint32_t>(i));
    }
  } else if (entries_.size() > kLinear + 1) {
    index_.emplace(key, static_cast<uint32_t>(entries_.size() - 1));
  }
}

void YamlMapping::merge(Arena& arena, const StructLit& m) {
  for (Node* d : m.elts) {
    auto* g = as<Field>(d);
    if (!g) continue;
    std::string_view key = label_text(g->label);
    int i = find(key);
    if (i < 0) {
      append(key, g, true);
    } else if (Entry& e = entries_[static_cast<size_t>(i)]; e.merged) {
      // A later merge: its value, at the place (and key position) of the first.
      Field* f = arena.make<Field>(*e.field);
      f->value = g->value;
      f->end = g->end;
      e.field = f;
    }
  }
}

}  // namespace cfgc::encoding
