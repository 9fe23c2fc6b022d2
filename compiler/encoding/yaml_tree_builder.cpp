#include "compiler/encoding/yaml_tree_builder.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/encoding/data_labels.h"

namespace cfgc::encoding {

using namespace cfgc::syntax;

namespace {

template <class T>
T* make_at(Arena& arena, Pos at) {
  T* n = arena.make<T>();
  n->pos = n->end = at;
  return n;
}

// A span of `n` node pointers in the arena.
std::span<Node*> node_span(Arena& arena, size_t n) {
  if (n == 0) return {};
  auto* p = static_cast<Node**>(arena.allocate(sizeof(Node*) * n, alignof(Node*)));
  return {p, n};
}

}  // namespace

YamlTreeBuilder::YamlTreeBuilder(Arena& arena, const SourceFile& src, Diagnostics& diags,
                                 YamlMode mode, bool warn_yaml11)
    : arena_(arena),
      src_(src),
      diags_(diags),
      mode_(mode),
      typing_(arena, src, diags, mode, warn_yaml11),
      max_values_(16 * src.content().size() + 200'000) {}

uint32_t YamlTreeBuilder::offset(const YAML::Mark& mark) const {
  int p = mark.pos;
  if (p < 0 || static_cast<size_t>(p) > src_.content().size()) return 0;
  return static_cast<uint32_t>(p);
}

// The parser's events: kept for aliases when anchored, then built.

void YamlTreeBuilder::OnDocumentStart(const YAML::Mark&) {
  anchors_.clear();
  frames_.clear();
  items_.clear();
  open_maps_ = 0;
  replaying_.clear();
  skip_ = 0;
  root_ = nullptr;
  root_mapping_ = false;
}

void YamlTreeBuilder::OnDocumentEnd() {
  File* f = arena_.make<File>();
  f->source = &src_;
  f->pos = src_.pos(0);
  f->end = src_.pos(static_cast<uint32_t>(src_.content().size()));
  if (root_mapping_) {
    // A mapping at the top: its keys are the file's top-level fields.
    if (auto* s = as<StructLit>(root_)) f->decls = s->elts;
  } else if (root_) {
    EmbedDecl* e = make_at<EmbedDecl>(arena_, root_->pos);
    e->expr = root_;
    f->decls = node_span(arena_, 1);
    f->decls[0] = e;
  }
  documents_.push_back(f);
}

void YamlTreeBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  uint32_t at = offset(mark);
  anchors_.null(at, anchor);
  null(at);
}

void YamlTreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  uint32_t at = offset(mark);
  anchors_.alias(at, anchor);
  alias(at, anchor);
}

void YamlTreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag,
                               YAML::anchor_t anchor, const std::string& value) {
  uint32_t at = offset(mark);
  anchors_.scalar(at, tag, value, anchor);
  scalar(at, tag, value);
}

void YamlTreeBuilder::OnSequenceStart(const YAML::Mark& mark, const std::string&,
                                      YAML::anchor_t anchor, YAML::EmitterStyle::value) {
  uint32_t at = offset(mark);
  anchors_.start(YamlEvent::Kind::SeqStart, at, anchor);
  start(false, at, 0);
}

void YamlTreeBuilder::OnSequenceEnd() {
  anchors_.end();
  end();
}

void YamlTreeBuilder::OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                                 YAML::EmitterStyle::value) {
  uint32_t at = offset(mark);
  anchors_.start(YamlEvent::Kind::MapStart, at, anchor);
  start(true, at, 0);
}

void YamlTreeBuilder::OnMapEnd() {
  anchors_.end();
  end();
}

// The events, from the parser or replayed.

bool YamlTreeBuilder::skipping(bool starts, bool ends) {
  if (skip_ > 0) {
    if (starts) {
      ++skip_;
    } else if (ends && --skip_ == 0 && skip_notify_) {
      skipped();
    }
    return true;
  }
  Frame* f = top();
  if (!f || !f->mapping || f->expect != Frame::Expect::SkipValue || ends) return false;
  if (starts) {
    skip_ = 1;
    skip_notify_ = true;
  } else {
    skipped();
  }
  return true;
}

void YamlTreeBuilder::skipped() {
  Frame* f = top();
  if (!f || !f->mapping) return;
  f->expect = f->expect == Frame::Expect::SkipKey ? Frame::Expect::SkipValue : Frame::Expect::Key;
}

Pos YamlTreeBuilder::value_key_pos() {
  Frame* f = top();
  return f && f->mapping && f->expect == Frame::Expect::Value ? f->key_pos : Pos{};
}

bool YamlTreeBuilder::admit(uint32_t offset) {
  if (frames_.size() > kMaxDepth) {
    diags_.error(src_.pos(offset), fmt::format("nesting too deep: more than {} levels", kMaxDepth));
    return false;
  }
  // Aliases replay their anchor: anchors nested in anchors ("billion laughs") would expand
  // without end.
  if (++values_ > max_values_) {
    if (values_ == max_values_ + 1) {
      Pos kp = value_key_pos();
      diags_.error(kp.valid() ? kp : src_.pos(offset),
                   fmt::format("aliases expand this file to more than {} values (stopped at this "
                               "one; an anchor nested in anchors multiplies)",
                               max_values_));
    }
    return false;
  }
  return true;
}

void YamlTreeBuilder::scalar(uint32_t offset, std::string_view tag, std::string_view value) {
  if (skipping(false, false)) return;
  Frame* f = top();
  if (at_key()) {
    if (tag == "?" && value == "<<") {
      f->action = Frame::Action::Merge;
      f->key_pos = src_.pos(offset);
      f->expect = Frame::Expect::Value;
      return;
    }
    key(offset, typing_.key_text(tag, value, scratch_));
    return;
  }
  if (f && f->mapping && f->action == Frame::Action::Merge) {
    diags_.error(f->key_pos, "merge key << needs a mapping or a list of mappings");
    f->expect = Frame::Expect::Key;
    return;
  }
  if (in_merge_list()) return;  // not a mapping: ignored
  put(admit(offset) ? typing_.scalar(offset, tag, value) : typing_.bad(offset));
}

void YamlTreeBuilder::null(uint32_t offset) {
  if (skipping(false, false)) return;
  Frame* f = top();
  if (at_key()) {
    if (mode_ == YamlMode::Cue) {
      bad_key(offset);
    } else {
      key(offset, "null");  // as ansible-inventory prints a null key
    }
    return;
  }
  if (!f) return;  // an empty document: no declarations
  if (f->mapping && f->action == Frame::Action::Merge) {
    diags_.error(f->key_pos, "merge key << needs a mapping or a list of mappings");
    f->expect = Frame::Expect::Key;
    return;
  }
  if (in_merge_list()) return;
  put(admit(offset) ? typing_.null(offset, value_key_pos()) : typing_.bad(offset));
}

void YamlTreeBuilder::alias(uint32_t offset, YAML::anchor_t anchor) {
  (void)offset;  // an alias reads as its anchored node, at the anchor's position
  if (skipping(false, false)) return;
  bool inside = open(anchor);
  uint32_t at = anchors_.offset(anchor);
  if (at_key()) {
    if (inside) {
      bad_key(at);  // the key would be the mapping or list it is in
    } else {
      replay(anchor);
    }
    return;
  }
  if (inside) {
    if (admit(at)) report_cycle(at, anchors_.is_mapping(anchor));
    put(typing_.bad(at));
    return;
  }
  // Past a limit, the alias is not expanded at all.
  if (values_ >= max_values_ || frames_.size() > kMaxDepth) {
    admit(at);
    put(typing_.bad(at));
    return;
  }
  replay(anchor);
}

bool YamlTreeBuilder::open(YAML::anchor_t anchor) const {
  if (anchor == 0) return false;
  return anchors_.open(anchor) ||
         std::find(replaying_.begin(), replaying_.end(), anchor) != replaying_.end();
}

void YamlTreeBuilder::report_cycle(uint32_t offset, bool mapping) {
  Pos kp = value_key_pos();
  diags_.error(kp.valid() ? kp : src_.pos(offset),
               fmt::format("an alias refers to a {} that contains it: the value would be "
                           "infinite (anchored at line {})",
                           mapping ? "mapping" : "list", src_.line_col(offset).line));
}

void YamlTreeBuilder::replay(YAML::anchor_t anchor) {
  std::span<const YamlEvent> events = anchors_.events(anchor);
  if (events.empty()) {  // cannot happen: yaml-cpp rejects an unknown anchor
    if (at_key()) {
      bad_key(0);
    } else {
      put(typing_.bad(0));
    }
    return;
  }
  for (const YamlEvent& e : events) {
    switch (e.kind) {
      case YamlEvent::Kind::Scalar: scalar(e.offset, e.tag, e.value); break;
      case YamlEvent::Kind::Null: null(e.offset); break;
      case YamlEvent::Kind::Alias: alias(e.offset, e.anchor); break;
      case YamlEvent::Kind::SeqStart: start(false, e.offset, e.anchor); break;
      case YamlEvent::Kind::MapStart: start(true, e.offset, e.anchor); break;
      case YamlEvent::Kind::End: end(); break;
    }
  }
}

void YamlTreeBuilder::start(bool mapping, uint32_t offset, YAML::anchor_t replayed_anchor) {
  if (skipping(true, false)) return;
  if (at_key()) {
    diags_.error(src_.pos(offset), "only scalar mapping keys are supported");
    top()->expect = Frame::Expect::SkipKey;
    skip_ = 1;
    skip_notify_ = true;
    return;
  }
  Frame* parent = top();
  if (!mapping && in_merge_list()) {  // not a mapping: ignored
    skip_ = 1;
    skip_notify_ = false;
    return;
  }
  bool merge_list = !mapping && parent && parent->mapping && parent->action == Frame::Action::Merge;
  if (!parent && mapping) {
    root_mapping_ = true;  // its fields are the file's: not a value of its own
  } else if (bool admitted = admit(offset); !admitted || open(replayed_anchor)) {
    // A replay that reaches the node it is in, or a limit: a BadExpr, its contents skipped.
    if (admitted) report_cycle(offset, mapping);
    put(typing_.bad(offset));
    skip_ = 1;
    skip_notify_ = false;
    return;
  }
  Frame f;
  f.mapping = mapping;
  f.merge_list = merge_list;
  f.offset = offset;
  f.anchor = replayed_anchor;
  if (replayed_anchor != 0) replaying_.push_back(replayed_anchor);
  if (mapping) {
    if (open_maps_ == maps_.size()) maps_.emplace_back();
    maps_[open_maps_].clear();
    f.first = static_cast<uint32_t>(open_maps_++);
  } else {
    f.first = static_cast<uint32_t>(items_.size());
  }
  frames_.push_back(f);
}

void YamlTreeBuilder::end() {
  if (skipping(false, true)) return;
  if (frames_.empty()) return;  // cannot happen: yaml-cpp balances its events
  Frame f = frames_.back();
  frames_.pop_back();
  if (f.anchor != 0) replaying_.pop_back();
  Pos at = src_.pos(f.offset);
  if (f.mapping) {
    std::span<const YamlMapping::Entry> entries = maps_[f.first].entries();
    StructLit* s = make_at<StructLit>(arena_, at);
    s->lbrace = s->rbrace = at;
    s->elts = node_span(arena_, entries.size());
    for (size_t i = 0; i < entries.size(); ++i) s->elts[i] = entries[i].field;
    --open_maps_;
    put(s);
  } else {
    ListLit* l = make_at<ListLit>(arena_, at);
    l->lbrack = l->rbrack = at;
    l->elts = node_span(arena_, items_.size() - f.first);
    std::copy(items_.begin() + f.first, items_.end(), l->elts.begin());
    items_.resize(f.first);
    put(l);
  }
}

void YamlTreeBuilder::key(uint32_t offset, std::string_view text) {
  Frame& f = *top();
  Pos at = src_.pos(offset);
  std::string_view stable =
      text.data() == scratch_.data() ? arena_.copy(text) : typing_.stable(offset, text);
  f.label = data_label_of_stable(arena_, stable, at, at);
  f.key = stable;
  f.key_pos = at;
  f.action = Frame::Action::Append;
  f.expect = Frame::Expect::Value;
  YamlMapping& m = maps_[f.first];
  int i = m.find(stable);
  if (i < 0) return;
  f.action = Frame::Action::Replace;
  f.entry = static_cast<uint32_t>(i);
  const YamlMapping::Entry& e = m[static_cast<size_t>(i)];
  if (e.merged) return;  // a written key replaces a merged one
  bool ansible = mode_ != YamlMode::Cue;
  Pos first = e.field->pos;
  Diagnostic d;
  d.severity = ansible ? Severity::Warning : Severity::Error;
  d.pos = at;
  d.message = fmt::format("duplicate key \"{}\" (first at line {}){}", stable,
                          src_.line_col(src_.file_offset(first)).line,
                          ansible ? ": the last one is used, as Ansible does" : "");
  d.related.push_back(first);
  diags_.add(std::move(d));
  // Ansible: Python's dict, the first key's place, the last key's value. CUE: an error, the
  // value is not read.
  if (!ansible) f.expect = Frame::Expect::SkipValue;
}

void YamlTreeBuilder::bad_key(uint32_t offset) {
  diags_.error(src_.pos(offset), "only scalar mapping keys are supported");
  top()->expect = Frame::Expect::SkipValue;
}

void YamlTreeBuilder::put(Node* v) {
  Frame* f = top();
  if (!f) {
    root_ = v;
    return;
  }
  if (!f->mapping) {
    items_.push_back(v);
    return;
  }
  if (f->action == Frame::Action::Merge) {
    merge(*f, v);
  } else {
    Field* field = make_at<Field>(arena_, f->key_pos);
    field->label = f->label;
    field->colon = f->key_pos;
    field->value = v;
    field->end = v->end;
    if (f->action == Frame::Action::Append) {
      maps_[f->first].append(f->key, field, false);
    } else {
      maps_[f->first][f->entry] = {f->key, field, false};
    }
  }
  f->expect = Frame::Expect::Key;
}

void YamlTreeBuilder::merge(Frame& f, Node* v) {
  YamlMapping& m = maps_[f.first];
  if (auto* s = as<StructLit>(v)) {
    m.merge(arena_, *s);
  } else if (auto* l = as<ListLit>(v)) {
    // `<<: [*a, *b]`: the earlier mapping wins.
    for (auto it = l->elts.rbegin(); it != l->elts.rend(); ++it) {
      if (auto* s = as<StructLit>(*it)) m.merge(arena_, *s);
    }
  }
  // Anything else was reported where it was made (an infinite or too large alias).
}

}  // namespace cfgc::encoding
