#pragma once
// Builds the syntax trees of YAML documents from parser events (libyaml's, delivered through
// yaml-cpp's EventHandler interface: yaml_events.h), in one pass: a struct per
// mapping, a list per sequence, a typed literal per scalar (yaml_typing.h), each node at the
// byte offset of its YAML node. Aliases replay the events of their anchor (yaml_anchors.h),
// `<<` merge keys and duplicate keys follow yaml_mapping.h. What the old node-tree converter
// guarded against is checked here too: nesting deeper than 1000 levels, aliases that expand
// the file beyond 16 values per byte (anchors nested in anchors), an alias inside the node it
// names.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/encoding/yaml_adapter.h"
#include "compiler/encoding/yaml_anchors.h"
#include "compiler/encoding/yaml_mapping.h"
#include "compiler/encoding/yaml_typing.h"
#include "compiler/syntax/ast.h"

namespace cfgc::encoding {

class YamlTreeBuilder final : public YAML::EventHandler {
 public:
  YamlTreeBuilder(Arena& arena, const SourceFile& src, Diagnostics& diags, YamlMode mode,
                  bool warn_yaml11);

  // The documents completed so far, one File each.
  std::vector<syntax::File*>& documents() { return documents_; }

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override;
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override;
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override;

 private:
  static constexpr int kMaxDepth = 1000;

  // A mapping or sequence being built.
  struct Frame {
    // What a mapping expects next: a key, the value of the key read, or nodes to skip (a key
    // that is not a scalar, then its value; the value of a duplicate key in YamlMode::Cue).
    enum class Expect : uint8_t { Key, Value, SkipKey, SkipValue };
    // What the value of the key read does: adds a field, replaces the field at `entry`
    // (Ansible's last duplicate wins; a written key replaces a merged one), or is merged (<<).
    enum class Action : uint8_t { Append, Replace, Merge };

    bool mapping = false;
    bool merge_list = false;  // the list of mappings of `<<: [*a, *b]`: only mappings count
    Expect expect = Expect::Key;
    Action action = Action::Append;
    uint32_t offset = 0;        // of the collection
    uint32_t first = 0;         // sequence: its first element in items_; mapping: its maps_ index
    uint32_t entry = 0;         // Action::Replace
    YAML::anchor_t anchor = 0;  // replayed: the anchor of the collection, open until its end
    Pos key_pos;                // of the key read
    syntax::Node* label = nullptr;
    std::string_view key;
  };

  // The events, from the parser or replayed for an alias.
  void scalar(uint32_t offset, std::string_view tag, std::string_view value);
  void null(uint32_t offset);
  void alias(uint32_t offset, YAML::anchor_t anchor);
  void start(bool mapping, uint32_t offset, YAML::anchor_t replayed_anchor);
  void end();
  void replay(YAML::anchor_t anchor);

  uint32_t offset(const YAML::Mark& mark) const;
  // Whether to skip this event as part of a node being skipped; consumes the start of a
  // mapping value being skipped.
  bool skipping(bool starts, bool ends);
  void skipped();  // a skipped node is complete
  // Where the next value goes: a mapping expecting a key or a value, a sequence, the document.
  Frame* top() { return frames_.empty() ? nullptr : &frames_.back(); }
  bool at_key() {
    Frame* f = top();
    return f && f->mapping && f->expect == Frame::Expect::Key;
  }
  bool in_merge_list() {
    Frame* f = top();
    return f && f->merge_list;
  }
  // Whether the node of `anchor` is being built (from the parser or a replay).
  bool open(YAML::anchor_t anchor) const;
  void report_cycle(uint32_t offset, bool mapping);
  // The position of the key whose value comes next, if any.
  Pos value_key_pos();
  // Counts a value and checks the limits; false (an error reported) when it must be a BadExpr.
  bool admit(uint32_t offset);
  // A scalar key (or null, in the Ansible modes), as the next key of the top mapping.
  void key(uint32_t offset, std::string_view text);
  void bad_key(uint32_t offset);
  // A complete value, for the top collection or the document.
  void put(syntax::Node* v);
  void merge(Frame& f, syntax::Node* v);

  Arena& arena_;
  const SourceFile& src_;
  Diagnostics& diags_;
  YamlMode mode_;
  YamlTyping typing_;
  YamlAnchors anchors_;
  std::vector<syntax::File*> documents_;

  std::vector<Frame> frames_;
  std::vector<syntax::Node*> items_;  // elements of the open sequences, innermost last
  std::vector<YamlMapping> maps_;     // fields of the open mappings, by nesting (reused)
  size_t open_maps_ = 0;
  std::vector<YAML::anchor_t> replaying_;  // anchored collections open in replays
  uint32_t skip_ = 0;                      // collections open in a node being skipped
  bool skip_notify_ = false;               // call skipped() when that node is complete
  syntax::Node* root_ = nullptr;
  bool root_mapping_ = false;
  std::string scratch_;
  size_t values_ = 0;  // values built, aliases counted each time
  size_t max_values_;
};

}  // namespace cfgc::encoding
