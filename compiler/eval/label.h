#pragma once
// Labels (field names and list indices) as small integers.
//
// A Feature is a 32-bit value: list indices have the top bit set; everything else is an index
// into the process-wide label table, so comparing two labels is comparing two integers and
// each name is stored once however many devices use it.

#include <cstdint>
#include <string>
#include <string_view>

namespace cfgc::eval {

using Feature = uint32_t;

// Layout: bit 31 set: a list index (bits 0-30). Otherwise bits 28-30 hold the LabelKind and
// bits 0-27 the label's number in the table, so the kind needs no table lookup.
inline constexpr Feature kIndexBit = 0x80000000u;
inline constexpr Feature kInvalidFeature = 0x0fffffffu;
inline constexpr int kKindShift = 28;
inline constexpr Feature kIdMask = 0x0fffffffu;

inline bool is_index(Feature f) { return f & kIndexBit; }
inline Feature index_feature(uint32_t i) { return i | kIndexBit; }
inline uint32_t feature_index(Feature f) { return f & ~kIndexBit; }

enum class LabelKind : uint8_t {
  Regular,     // a, "a-b"
  Definition,  // #A
  Hidden,      // _a
  HiddenDef,   // _#A
  Let,         // let x = … (never exported)
  Index,       // list element
};

// Interns a label string; thread-safe.
Feature intern_label(std::string_view name, LabelKind kind = LabelKind::Regular);
// A fresh, unique feature for a `let` declaration (its name is for messages only).
Feature new_let_feature(std::string_view name);

std::string_view label_name(Feature f);
inline LabelKind label_kind(Feature f) {
  if (f & kIndexBit) return LabelKind::Index;
  return static_cast<LabelKind>((f >> kKindShift) & 7);
}

// The kind an identifier spelling implies: #x, _x, _#x or regular.
LabelKind kind_of_identifier(std::string_view name);

// A path element as printed in error paths ("bonds.0.options.mtu"); quotes names that are
// not identifiers.
std::string label_for_path(Feature f);

}  // namespace cfgc::eval
