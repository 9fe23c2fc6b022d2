#pragma once
// The documents of a YAML stream as yaml-cpp nodes, read safely, for encoding/yaml (data files
// and inventories are read as events by libyaml: yaml_events.h).
//
// yaml-cpp 0.7's LoadAll never returns on a document that starts with a token its parser
// does not consume (a stray `,` as in `, a` or `--- ,`): it appends empty documents until
// memory runs out. When a ',' could be such a token (a cheap scan of the text), a first,
// event-only pass detects the stall (two documents starting at the same mark) and reports it
// as a syntax error before LoadAll runs.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

namespace cfgc::encoding {

// The documents of `text`. Throws YAML::Exception (with a mark) on invalid YAML, including
// a control character YAML does not allow.
std::vector<YAML::Node> load_yaml_documents(std::string_view text);

// The offset of the first character YAML does not allow (a control character other than tab,
// line feed and carriage return; YAML 1.2, 5.1), or npos.
size_t first_invalid_yaml_char(std::string_view text);

// Whether `text` has a ',' that might stall yaml-cpp (see above); false for most block-style
// YAML, which then skips the check pass.
bool yaml_cpp_may_stall(std::string_view text);

}  // namespace cfgc::encoding
