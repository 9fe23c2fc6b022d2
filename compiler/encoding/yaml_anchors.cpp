#include "compiler/encoding/yaml_anchors.h"

namespace cfgc::encoding {

void YamlAnchors::clear() {
  events_.clear();
  ranges_.clear();
  open_.clear();
  depth_ = 0;
}

void YamlAnchors::define(YAML::anchor_t anchor, uint32_t begin, bool open) {
  if (anchor >= ranges_.size()) ranges_.resize(anchor + 1);
  ranges_[anchor] = Range{begin, static_cast<uint32_t>(events_.size()), true, open};
}

void YamlAnchors::scalar(uint32_t offset, std::string_view tag, std::string_view value,
                         YAML::anchor_t anchor) {
  if (!recording() && anchor == 0) return;
  auto begin = static_cast<uint32_t>(events_.size());
  record({YamlEvent::Kind::Scalar, offset, 0, text_.copy(tag), text_.copy(value)});
  if (anchor != 0) define(anchor, begin, false);
}

void YamlAnchors::null(uint32_t offset, YAML::anchor_t anchor) {
  if (!recording() && anchor == 0) return;
  auto begin = static_cast<uint32_t>(events_.size());
  record({YamlEvent::Kind::Null, offset, 0, {}, {}});
  if (anchor != 0) define(anchor, begin, false);
}

void YamlAnchors::alias(uint32_t offset, YAML::anchor_t target) {
  if (recording()) record({YamlEvent::Kind::Alias, offset, target, {}, {}});
}

void YamlAnchors::start(YamlEvent::Kind kind, uint32_t offset, YAML::anchor_t anchor) {
  ++depth_;
  if (!recording() && anchor == 0) return;
  if (anchor != 0) {
    define(anchor, static_cast<uint32_t>(events_.size()), true);
    open_.push_back({depth_, anchor});
  }
  record({kind, offset, anchor, {}, {}});
}

void YamlAnchors::end() {
  if (recording()) record({YamlEvent::Kind::End, 0, 0, {}, {}});
  if (!open_.empty() && open_.back().depth == depth_) {
    Range& r = ranges_[open_.back().anchor];
    r.end = static_cast<uint32_t>(events_.size());
    r.open = false;
    open_.pop_back();
  }
  --depth_;
}

const YamlAnchors::Range* YamlAnchors::range(YAML::anchor_t anchor) const {
  if (anchor >= ranges_.size() || !ranges_[anchor].defined) return nullptr;
  return &ranges_[anchor];
}

bool YamlAnchors::open(YAML::anchor_t anchor) const {
  const Range* r = range(anchor);
  return r && r->open;
}

std::span<const YamlEvent> YamlAnchors::events(YAML::anchor_t anchor) const {
  const Range* r = range(anchor);
  if (!r || r->open) return {};
  return std::span<const YamlEvent>(events_).subspan(r->begin, r->end - r->begin);
}

uint32_t YamlAnchors::offset(YAML::anchor_t anchor) const {
  const Range* r = range(anchor);
  return r && r->begin < events_.size() ? events_[r->begin].offset : 0;
}

bool YamlAnchors::is_mapping(YAML::anchor_t anchor) const {
  const Range* r = range(anchor);
  return r && r->begin < events_.size() && events_[r->begin].kind == YamlEvent::Kind::MapStart;
}

}  // namespace cfgc::encoding
