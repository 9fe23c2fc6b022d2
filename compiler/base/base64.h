#pragma once
// Standard base64 (RFC 4648, with padding): bytes in JSON and YAML output, the encoding/base64
// package and YAML's !!binary.

#include <string>
#include <string_view>

#include "compiler/base/result.h"

namespace cfgc {

std::string base64_encode(std::string_view in);
// Newlines (\r, \n) are ignored; an error names the first bad input byte, as Go's does.
Result<std::string> base64_decode(std::string_view in);

}  // namespace cfgc
