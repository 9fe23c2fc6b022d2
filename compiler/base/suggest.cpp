#include "compiler/base/suggest.h"

#include <algorithm>
#include <vector>

namespace cfgc {

namespace {

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
// substring), which counts a swap of two neighbours as one edit: "rloe" → "role" is 1.
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

size_t allowed_edits(std::string_view name) {
  if (name.size() <= 4) return 1;
  if (name.size() <= 8) return 2;
  return 3;
}

}  // namespace

std::optional<std::string> closest_name(std::string_view wrong,
                                        std::span<const std::string_view> candidates) {
  std::optional<std::string> best;
  size_t best_distance = allowed_edits(wrong) + 1;
  for (std::string_view c : candidates) {
    if (c == wrong) continue;
    // Names far apart in length cannot be within the allowed edits.
    size_t gap = c.size() > wrong.size() ? c.size() - wrong.size() : wrong.size() - c.size();
    if (gap >= best_distance) continue;
    size_t d = edit_distance(wrong, c);
    // Half the name changed is no typo ("b" is not a misspelt "a").
    if (2 * d >= std::max(wrong.size(), c.size())) continue;
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  return best;
}

std::string did_you_mean(std::string_view wrong, std::span<const std::string_view> candidates) {
  std::optional<std::string> name = closest_name(wrong, candidates);
  return name ? " (did you mean " + *name + "?)" : "";
}

}  // namespace cfgc
