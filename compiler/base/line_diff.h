#pragma once
// Line-based diff (Myers' O(ND) algorithm) rendered as a unified diff. Used by `cfgc fmt -d`
// and by any command that previews a change.

#include <string>
#include <string_view>

namespace cfgc {

// A unified diff from `a` to `b` with `context` lines around each change, headed by
// "--- a_name" and "+++ b_name". Empty when the texts are equal.
std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_name,
                         std::string_view b_name, int context = 3);

}  // namespace cfgc
