#include "compiler/base/line_diff.h"

#include <fmt/format.h>

#include <vector>

namespace cfgc {

namespace {

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back(s.substr(pos));
      break;
    }
    lines.push_back(s.substr(pos, nl - pos + 1));  // keep the newline: a missing one is a change
    pos = nl + 1;
  }
  return lines;
}

enum class Op : char { Keep = ' ', Del = '-', Add = '+' };

// Myers' greedy shortest edit script, with the V arrays kept per step for backtracking.
std::vector<std::pair<Op, std::string_view>> edit_script(const std::vector<std::string_view>& a,
                                                         const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int max = n + m;
  std::vector<int> v(2 * max + 2, 0);
  std::vector<std::vector<int>> trace;
  int off = max + 1;
  int found_d = -1;
  for (int d = 0; d <= max && found_d < 0; ++d) {
    trace.push_back(v);
    for (int k = -d; k <= d; k += 2) {
      int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1]
                                                                       : v[off + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[off + k] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  std::vector<std::pair<Op, std::string_view>> ops;
  int x = n, y = m;
  for (int d = found_d; d > 0; --d) {
    const std::vector<int>& pv = trace[d];
    int k = x - y;
    int prev_k = (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1])) ? k + 1 : k - 1;
    int prev_x = pv[off + prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) ops.push_back({Op::Keep, a[--x]}), --y;
    if (x == prev_x) {
      ops.push_back({Op::Add, b[--y]});
    } else {
      ops.push_back({Op::Del, a[--x]});
    }
  }
  while (x > 0 && y > 0) ops.push_back({Op::Keep, a[--x]}), --y;
  return {ops.rbegin(), ops.rend()};
}

}  // namespace

std::string unified_diff(std::string_view a, std::string_view b, std::string_view a_name,
                         std::string_view b_name, int context) {
  if (a == b) return {};
  auto la = split_lines(a), lb = split_lines(b);
  auto ops = edit_script(la, lb);
  std::string out = fmt::format("--- {}\n+++ {}\n", a_name, b_name);
  const size_t n = ops.size();
  size_t i = 0;
  // Line numbers (0-based) in a and b at ops[i].
  std::vector<int> ai(n + 1), bi(n + 1);
  for (size_t k = 0; k < n; ++k) {
    ai[k + 1] = ai[k] + (ops[k].first != Op::Add);
    bi[k + 1] = bi[k] + (ops[k].first != Op::Del);
  }
  while (i < n) {
    if (ops[i].first == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is within 2*context lines of the previous one.
    size_t start = i >= size_t(context) ? i - context : 0;
    while (start < i && ops[start].first != Op::Keep) ++start;
    size_t end = i;
    size_t last_change = i;
    for (size_t k = i; k < n; ++k) {
      if (ops[k].first != Op::Keep) {
        last_change = k;
      } else if (k - last_change > size_t(2 * context)) {
        break;
      }
    }
    end = std::min(n, last_change + 1 + context);
    int a_count = ai[end] - ai[start], b_count = bi[end] - bi[start];
    out += fmt::format("@@ -{},{} +{},{} @@\n", ai[start] + (a_count ? 1 : 0), a_count,
                       bi[start] + (b_count ? 1 : 0), b_count);
    for (size_t k = start; k < end; ++k) {
      out += static_cast<char>(ops[k].first);
      out += ops[k].second;
      if (ops[k].second.empty() || ops[k].second.back() != '\n') out += "\n\\ No newline at end of file\n";
    }
    i = end;
  }
  return out;
}

}  // namespace cfgc
