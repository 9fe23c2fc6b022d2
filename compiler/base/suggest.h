#pragma once
// "Did you mean …?": the known name closest to a misspelt one, for every message where a name
// can be wrong (fields not allowed, references, commands, hosts).

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cfgc {

// The candidate closest to `wrong` by edit distance (insertions, deletions, substitutions and
// swaps of two neighbouring characters; case differences cost nothing extra beyond one edit),
// if it is close enough to be a likely typo: at most 1 edit for names of up to 4 characters,
// 2 up to 8, 3 beyond, and fewer edits than half the name. Ties go to the first candidate.
std::optional<std::string> closest_name(std::string_view wrong,
                                        std::span<const std::string_view> candidates);

// " (did you mean NAME?)" or "".
std::string did_you_mean(std::string_view wrong, std::span<const std::string_view> candidates);

}  // namespace cfgc
