#pragma once
// Compiled regular expressions (RE2, with Go's syntax and messages), shared by the evaluator's
// =~ and !~ and by the regexp package: each pattern is compiled once per process. Thread-safe
// (RE2 objects are safe to match from several threads). Entries live as long as the process;
// patterns come from the source, so there are as many as the input holds.

#include <string_view>

#include "compiler/base/result.h"

namespace re2 {
class RE2;
}

namespace cfgc {

// The compiled pattern, or Go's message for a bad one:
// "error parsing regexp: missing closing ): `a(`".
Result<const re2::RE2*> compiled_regex(std::string_view pattern);

}  // namespace cfgc
