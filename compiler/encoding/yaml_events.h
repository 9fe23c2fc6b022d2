#pragma once
// A YAML stream read as events by libyaml, the C parser behind PyYAML (Ansible's reader) and,
// ported to Go, go-yaml (cue's): the same syntax accepted and refused, with their messages,
// and about ten times faster than yaml-cpp's scanner. The events go to a yaml-cpp
// EventHandler (yaml_tree_builder.h builds syntax trees from them), as yaml-cpp would send
// them: a plain untagged scalar has the tag "?", a quoted one "!", an explicit tag its full
// name (`!!str` is "tag:yaml.org,2002:str"); an empty or null plain scalar (``, `~`, `null`,
// `Null`, `NULL`) is OnNull; anchors are numbered from 1 in each document; marks are byte
// offsets into the text (libyaml counts characters). Bytes that are not UTF-8 are read as
// U+FFFD, as cue reads them (libyaml alone refuses them).

#include <yaml-cpp/eventhandler.h>

#include <string_view>

namespace cfgc::encoding {

// Feeds the documents of `text` (not copied) to `handler`. Throws YAML::ParserException (with
// the byte offset, line and column of the problem) on invalid YAML, a control character YAML
// does not allow, or an alias of an anchor not defined before it; the handler has then seen
// the events before the error.
void read_yaml_events(std::string_view text, YAML::EventHandler& handler);

}  // namespace cfgc::encoding
