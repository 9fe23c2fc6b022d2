// Ansible host patterns in inventory sources: `name`, `name:port`, `[ipv6]:port`, and ranges
// such as `leaf[01:04]`, `[a:c]`, `[1:10:2]`, expanded as Ansible expands them.

#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdint>

#include "compiler/load/inventory_internal.h"
#include "compiler/encoding/yaml11.h"

namespace cfgc::load::inventory_detail {

using namespace cfgc::encoding;

using syntax::Tok;

namespace {

constexpr size_t kMaxExpandedHosts = 1'000'000;
constexpr int64_t kMaxBound = 1'000'000'000'000'000;  // range bounds and steps stay far from overflow

bool word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         u >= 0x80;
}

// A range inside a host name: [a:c], [01:10], [1:10:2].
size_t match_label_range(std::string_view s, size_t i) {
  static const RE2 range_re(R"((?i)\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\])");
  re2::StringPiece in(s.data() + i, s.size() - i);
  re2::StringPiece m;
  if (!range_re.Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1)) return 0;
  return m.size();
}

// One dot-separated part of a host name: starts with a word character or a range, goes on
// with word characters, '-' and ranges, and does not end with '-' or '_'.
bool valid_label(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  bool first = true;
  while (i < s.size()) {
    if (size_t n = match_label_range(s, i)) {
      i += n;
    } else if (word_char(s[i]) || (!first && s[i] == '-')) {
      ++i;
    } else {
      return false;
    }
    first = false;
  }
  return s.back() != '-' && s.back() != '_';
}

bool valid_hostname(std::string_view s) {
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    if (!valid_label(
            s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// Ansible's IPv6 pattern, alternatives and anchors as Ansible writes them (only the last
// alternative must reach the end of the text).
std::string ipv6_pattern() {
  std::string c = R"((?:[0-9a-f]{1,4}|\[[0-9a-f]+:[0-9a-f]+(?::[0-9]+)?\]))";
  return fmt::format(
      "(?i)^(?:(?:{0}:){{7}}{0}|(?:{0}:){{1,6}}:|(?:{0}:)(?::{0}){{1,6}}|(?:{0}:){{2}}(?::{0}){{1,"
      "5}}|"
      "(?:{0}:){{3}}(?::{0}){{1,4}}|(?:{0}:){{4}}(?::{0}){{1,3}}|(?:{0}:){{5}}(?::{0}){{1,2}}|"
      "(?:{0}:){{6}}(?::{0})|:(?::{0}){{1,6}}|{0}?::|(?:0:){{6}}(?:{0}\\.){{3}}{0}|"
      "::(?:ffff:)?(?:{0}\\.){{3}}{0}|(?:0:){{5}}ffff:(?:{0}\\.){{3}}{0}$)",
      c);
}

bool valid_ipv6(std::string_view s) {
  static const RE2 ipv6_re(ipv6_pattern());
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), ipv6_re);
}

struct RangeError {
  std::string message;
};

bool parse_int(std::string_view s, int64_t& out) {
  // Python's int() of a range bound: optional sign, digits (a few spaces around are allowed).
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > kMaxBound) throw RangeError{"host range bound is too large"};
  }
  out = neg ? -v : v;
  return true;
}

void expand_ranges(const std::string& line, std::vector<std::string>& out) {
  if (line.find('[') == std::string::npos) {
    out.push_back(line);
    return;
  }
  // Ansible replaces the first '[' and the first ']' by a separator and splits there.
  std::string marked = line;
  marked[marked.find('[')] = '|';
  size_t close = marked.find(']');
  if (close == std::string::npos)
    throw RangeError{fmt::format("host range in {} has no closing ']'", line)};
  marked[close] = '|';
  size_t a = marked.find('|'), b = marked.find('|', a + 1);
  if (marked.find('|', b + 1) != std::string::npos)
    throw RangeError{fmt::format("cannot read host range in {}", line)};
  std::string head = marked.substr(0, a), range = marked.substr(a + 1, b - a - 1),
              tail = marked.substr(b + 1);

  std::vector<std::string> bounds;
  for (size_t start = 0;;) {
    size_t colon = range.find(':', start);
    bounds.push_back(
        range.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (bounds.size() != 2 && bounds.size() != 3)
    throw RangeError{"host range must be begin:end or begin:end:step"};
  std::string beg = bounds[0].empty() ? "0" : bounds[0];
  const std::string& end = bounds[1];
  std::string step_text = bounds.size() == 3 ? bounds[2] : "1";
  if (end.empty()) throw RangeError{"host range must specify end value"};
  size_t width = 0;
  if (beg[0] == '0' && beg.size() > 1) {
    width = beg.size();
    if (width != end.size())
      throw RangeError{"host range must specify equal-length begin and end formats"};
  }
  auto fill = [&](std::string s) {
    if (s.size() < width) {
      size_t at = s[0] == '-' ? 1 : 0;
      s.insert(at, width - s.size(), '0');
    }
    return s;
  };
  std::vector<std::string> seq;
  static const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t lb = letters.find(beg), le = letters.find(end);
  int64_t step = 0;
  bool alpha =
      lb != std::string::npos && le != std::string::npos && parse_int(step_text, step) && step != 0;
  if (alpha) {
    if (lb > le) throw RangeError{"host range must have begin <= end"};
    if (step > 0) {
      for (size_t i = lb; i <= le; i += static_cast<size_t>(step)) seq.emplace_back(1, letters[i]);
    }
  } else {
    int64_t b0 = 0, e0 = 0;
    if (!parse_int(beg, b0) || !parse_int(end, e0) || !parse_int(step_text, step)) {
      throw RangeError{fmt::format("host range [{}] is neither numeric nor alphabetic", range)};
    }
    if (step == 0) throw RangeError{"host range step must not be zero"};
    int64_t stop = e0 + 1;  // Python's range(begin, end + 1, step)
    for (int64_t v = b0; step > 0 ? v < stop : v > stop; v += step) {
      if (seq.size() >= kMaxExpandedHosts) throw RangeError{"host range expands to too many hosts"};
      seq.push_back(fill(std::to_string(v)));
    }
  }
  for (const std::string& s : seq) {
    if (out.size() >= kMaxExpandedHosts) throw RangeError{"host range expands to too many hosts"};
    expand_ranges(head + s + tail, out);
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

ExpandedHosts expand_host_pattern(std::string_view pattern, const std::vector<uint32_t>& offsets,
                                  const SourceFile& src, bool ini) {
  auto pos_at = [&](size_t i) {
    if (offsets.empty()) return src.pos(0);
    return src.pos(offsets[std::min(i, offsets.size() - 1)]);
  };
  ExpandedHosts out;
  // Ansible's parse_address: a port after the host (IPv6 in brackets), then the rest must be
  // an IPv4 or IPv6 address or a host name (ranges allowed). If not, the whole pattern is the
  // host name and there is no port.
  static const RE2 bracketed_re(R"(\[(.+)\]:([0-9]+))");
  static const RE2 hostport_re(R"(((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+))");
  std::string host(pattern), port;
  size_t port_at = 0;
  re2::StringPiece in(pattern.data(), pattern.size()), h, p;
  if (RE2::FullMatch(in, bracketed_re, &h, &p)) {
    host = std::string(h.data(), h.size());
    port = std::string(p.data(), p.size());
    port_at = static_cast<size_t>(p.data() - pattern.data());
  }
  re2::StringPiece hin(host.data(), host.size());
  if (RE2::FullMatch(hin, hostport_re, &h, &p)) {
    size_t base = port.empty() ? 0 : 1;  // inside the brackets
    port_at = base + static_cast<size_t>(p.data() - host.data());
    std::string hh(h.data(), h.size()), pp(p.data(), p.size());
    host = hh;
    port = pp;
  }
  if (!valid_ipv6(host) && !valid_hostname(host)) {
    host = std::string(pattern);
    port.clear();
  }
  if (ini) {
    std::string_view t = trim(pattern);
    if (!t.empty() && t.back() == ':' && port.empty()) {
      throw SourceError{
          pos_at(0),
          fmt::format("Invalid host pattern '{}' supplied, ending in ':' is not allowed, this "
                      "character is reserved to provide a port.",
                      pattern)};
    }
  }
  try {
    expand_ranges(host, out.names);
  } catch (const RangeError& e) {
    throw SourceError{pos_at(0), e.message};
  }
  if (ini) {
    for (const std::string& n : out.names) {
      if (trim(n) == "---") {
        throw SourceError{
            pos_at(0),
            fmt::format("Invalid host pattern '{}' supplied, '---' is normally a sign this is "
                        "a YAML file.",
                        pattern)};
      }
    }
  }
  if (!port.empty()) {
    out.port = digits_to_decimal(port, 10);
    out.port_pos = pos_at(port_at);
  }
  return out;
}

syntax::Field* make_field(Arena& arena, std::string_view name, Pos name_pos, syntax::Expr* value) {
  auto* f = arena.make<syntax::Field>();
  f->pos = f->colon = name_pos;
  f->label = string_node(arena, name_pos, name);
  f->value = value;
  f->end = value->end;
  return f;
}

syntax::Field* port_field(Arena& arena, const ExpandedHosts& h) {
  if (h.port.empty()) return nullptr;
  return make_field(
      arena, "ansible_port", h.port_pos,
      typed_scalar_node(arena, h.port_pos, TypedScalar{TypedScalar::Kind::Int, h.port}));
}

}  // namespace cfgc::load::inventory_detail
