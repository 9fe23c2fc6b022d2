#pragma once
// Shared by the encoding packages (internal to stdlib/).

#include <string>
#include <string_view>

#include "stdlib/util.h"

namespace cfgc::stdlib {

// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view in);
// Decodes standard base64 with padding; newlines (\r, \n) are ignored.
bool base64_decode(std::string_view in, std::string& out, std::string& err);

// Appends the value as compact JSON / as a YAML document; returns the error to give back (the
// value is not concrete, or has an error), or nullptr.
const Value* marshal_json(CallContext& c, const Value* v, std::string& out);
const Value* marshal_yaml(CallContext& c, const Value* v, std::string& out);

// Each element of a list as JSON lines, or as YAML documents separated by "---".
const Value* marshal_stream(CallContext& c, const Value* list, bool yaml);

}  // namespace cfgc::stdlib
