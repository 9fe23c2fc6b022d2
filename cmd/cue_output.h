#pragma once
// Generated CUE files (`cfgc import`, `cfgc infer`): formatted in the house style, and the
// parse that formats them also proves the generated text valid.

#include <string>

#include "compiler/base/result.h"

namespace cfgc::cli {

// `text` parsed and formatted; an internal error (with the text) when it does not parse.
Result<std::string> formatted_cue(const std::string& text, const std::string& name);

}  // namespace cfgc::cli
