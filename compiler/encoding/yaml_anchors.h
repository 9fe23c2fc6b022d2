#pragma once
// The anchored nodes of a YAML document as the events that made them, so that an alias (`*a`,
// `<<: *a`) can replay them: the syntax tree built from a replay is new, and an alias reads
// exactly as if its anchored node were written in its place (positions included). Only events
// inside an anchored node are kept, once each however deep anchors nest, so a document
// without anchors costs nothing.

#include <yaml-cpp/anchor.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "compiler/base/arena.h"

namespace cfgc::encoding {

// One yaml-cpp event, with its text owned by the YamlAnchors that holds it.
struct YamlEvent {
  enum class Kind : uint8_t { Scalar, Null, Alias, SeqStart, MapStart, End };
  Kind kind = Kind::Null;
  uint32_t offset = 0;        // byte offset of the node in the source
  YAML::anchor_t anchor = 0;  // Alias: the anchor it names; SeqStart, MapStart: its own
  std::string_view tag;       // Scalar
  std::string_view value;     // Scalar
};

// Records the events of a YAML document's anchored nodes (yaml-cpp numbers anchors from 1 in
// each document).
class YamlAnchors {
 public:
  // A new document: its anchors are new.
  void clear();

  // The parser's events, in order. `anchor` is the node's own anchor (0 for none).
  void scalar(uint32_t offset, std::string_view tag, std::string_view value, YAML::anchor_t anchor);
  void null(uint32_t offset, YAML::anchor_t anchor);
  void alias(uint32_t offset, YAML::anchor_t target);
  void start(YamlEvent::Kind kind, uint32_t offset, YAML::anchor_t anchor);
  void end();

  // Whether the node of `anchor` is still being read (an alias to it is inside it).
  bool open(YAML::anchor_t anchor) const;
  // The events of the node of `anchor`: one scalar, null or alias, or a collection from its
  // start to its end. Empty while the node is open or if the anchor is unknown.
  std::span<const YamlEvent> events(YAML::anchor_t anchor) const;
  // The offset of the node of `anchor` (0 if unknown).
  uint32_t offset(YAML::anchor_t anchor) const;
  // Whether the node of `anchor` is a mapping.
  bool is_mapping(YAML::anchor_t anchor) const;

 private:
  struct Range {
    uint32_t begin = 0, end = 0;  // in events_
    bool defined = false, open = false;
  };
  struct Open {
    uint32_t depth;  // collections open in the parser when this one started, itself included
    YAML::anchor_t anchor;
  };

  bool recording() const { return !open_.empty(); }
  void record(YamlEvent e) { events_.push_back(e); }
  void define(YAML::anchor_t anchor, uint32_t begin, bool open);
  const Range* range(YAML::anchor_t anchor) const;

  std::vector<YamlEvent> events_;
  std::vector<Range> ranges_;  // by anchor
  std::vector<Open> open_;     // anchored collections being read, innermost last
  uint32_t depth_ = 0;         // collections open in the parser
  Arena text_;                 // tags and values of the recorded scalars
};

}  // namespace cfgc::encoding
