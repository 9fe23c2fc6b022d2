#include "compiler/eval/label.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "compiler/base/quote.h"
#include "compiler/syntax/literal.h"

namespace cfgc::eval {

namespace {

// Names live in fixed-size chunks that never move, so label_name() reads without a lock: a
// Feature is only ever obtained from intern_label(), which publishes the entry under the mutex.
constexpr size_t kChunkBits = 12;
constexpr size_t kChunkSize = size_t(1) << kChunkBits;
constexpr size_t kMaxChunks = (size_t(kIdMask) + 1) / kChunkSize;

struct Table {
  std::shared_mutex mu;
  std::array<std::atomic<std::string*>, kMaxChunks> chunks{};
  uint32_t count = 0;
  std::unordered_map<std::string_view, Feature> by_name[8];  // one map per LabelKind

  Feature add(std::string_view name, LabelKind kind) {
    uint32_t id = count++;
    size_t c = id >> kChunkBits;
    if (!chunks[c].load(std::memory_order_acquire)) {
      chunks[c].store(new std::string[kChunkSize], std::memory_order_release);
    }
    std::string& slot = chunks[c].load(std::memory_order_relaxed)[id & (kChunkSize - 1)];
    slot.assign(name);
    return id | (static_cast<Feature>(kind) << kKindShift);
  }
  std::string_view name(Feature f) const {
    uint32_t id = f & kIdMask;
    return chunks[id >> kChunkBits].load(std::memory_order_acquire)[id & (kChunkSize - 1)];
  }
};

Table& table() {
  static Table* t = new Table;  // never destroyed: labels outlive every evaluation
  return *t;
}

}  // namespace

LabelKind kind_of_identifier(std::string_view name) {
  if (!name.empty() && name[0] == '#') return LabelKind::Definition;  // `#` alone too
  if (name.size() > 1 && name[0] == '_' && name[1] == '#') return LabelKind::HiddenDef;
  if (name.size() > 1 && name[0] == '_') return LabelKind::Hidden;
  return LabelKind::Regular;
}

Feature intern_label(std::string_view name, LabelKind kind) {
  Table& t = table();
  auto& map = t.by_name[static_cast<int>(kind)];
  {
    std::shared_lock lock(t.mu);
    auto it = map.find(name);
    if (it != map.end()) return it->second;
  }
  std::unique_lock lock(t.mu);
  auto it = map.find(name);
  if (it != map.end()) return it->second;
  Feature f = t.add(name, kind);
  map.emplace(t.name(f), f);
  return f;
}

Feature new_let_feature(std::string_view name) {
  Table& t = table();
  std::unique_lock lock(t.mu);
  return t.add(name, LabelKind::Let);
}

std::string_view label_name(Feature f) {
  if (is_index(f)) return {};
  return table().name(f);
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
  return cue_quote(n);
}

}  // namespace cfgc::eval
