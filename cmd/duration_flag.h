#pragma once
// Durations given on the command line (--timeout 30s, --confirm-timeout 5m): a number and a
// unit, ms, s (the default), m or h.

#include <string>

namespace cfgc::cli {

// Milliseconds, or -1 when `s` is not such a duration.
long parse_duration_ms(const std::string& s);

}  // namespace cfgc::cli
