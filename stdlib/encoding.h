#pragma once
// Shared by the encoding packages (internal to stdlib/).

#include <string>
#include <string_view>

#include "stdlib/util.h"

namespace cfgc::stdlib {

// Appends the value as compact JSON / as a YAML document; returns the error to give back (the
// value is not concrete, or has an error), or nullptr.
const Value* marshal_json(CallContext& c, const Value* v, std::string& out);
const Value* marshal_yaml(CallContext& c, const Value* v, std::string& out);

// Each element of a list as JSON lines, or as YAML documents separated by "---".
const Value* marshal_stream(CallContext& c, const Value* list, bool yaml);

}  // namespace cfgc::stdlib
