#pragma once
// The fields of one YAML mapping while it is read: the lookup of a key among those already
// read (duplicates, merge keys) and the `<<` merge rules. A linear scan while the mapping is
// small, which is nearly always; a hash index once it has more than a few keys.

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

class YamlMapping {
 public:
  struct Entry {
    std::string_view key;  // the label's text (it outlives the mapping)
    syntax::Field* field;
    bool merged;  // came from a `<<` merge and no key written in the mapping replaced it yet
  };

  // Ready for another mapping (the storage is kept).
  void clear();

  // The index of the entry with this key, or -1.
  int find(std::string_view key) const;
  void append(std::string_view key, syntax::Field* field, bool merged);
  Entry& operator[](size_t i) { return entries_[i]; }
  std::span<const Entry> entries() const { return entries_; }

  // Merges the fields of mapping `m` (`<<: m`), as PyYAML and so Ansible apply merge keys: a
  // key written in this mapping wins wherever it is written, a later merge wins over an
  // earlier one (its value; the key keeps the place where it first appeared, as cue orders
  // keys). For `<<: [a, b]`, merge b, then a.
  void merge(Arena& arena, const syntax::StructLit& m);

 private:
  static constexpr size_t kLinear = 12;  // entries searched by a scan

  std::vector<Entry> entries_;
  std::unordered_map<std::string_view, uint32_t> index_;  // key -> entry, beyond kLinear
};

// The text of a data label (an identifier or a string literal, as data_label makes them).
std::string_view label_text(const syntax::Node* label);

}  // namespace cfgc::encoding
