// Package regexp: RE2 regular expressions with Go's semantics (leftmost-first matching,
// non-overlapping matches, an empty match never directly after a previous match, `$1` /
// `${name}` templates in ReplaceAll).
#include <re2/re2.h>

#include <cctype>
#include <map>
#include <memory>

#include "compiler/base/regex_cache.h"
#include "compiler/base/utf8.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

// One match: the byte ranges of the whole match and each group ({npos, npos} if unset).
using Match = std::vector<std::pair<size_t, size_t>>;
constexpr size_t kUnset = std::string_view::npos;

// Go's allMatches: up to n (n < 0: all) non-overlapping matches, skipping an empty match that
// directly follows the previous match.
std::vector<Match> find_all(const RE2& re, std::string_view s, int64_t n) {
  std::vector<Match> out;
  int groups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(static_cast<size_t>(groups));
  re2::StringPiece text(s.data(), s.size());
  size_t pos = 0;
  size_t prev_end = kUnset;
  while ((n < 0 || static_cast<int64_t>(out.size()) < n) && pos <= s.size()) {
    if (!re.Match(text, pos, s.size(), RE2::UNANCHORED, sub.data(), groups)) break;
    size_t b = static_cast<size_t>(sub[0].data() - s.data());
    size_t e = b + sub[0].size();
    bool accept = true;
    if (e == pos && b == e) {
      if (b == prev_end) accept = false;
      size_t len = 1;
      if (pos < s.size()) utf8::decode(s, pos, len);
      pos += len;
    } else {
      pos = e;
    }
    prev_end = e;
    if (!accept) continue;
    Match m;
    for (const re2::StringPiece& g : sub) {
      if (g.data() == nullptr) {
        m.emplace_back(kUnset, kUnset);
      } else {
        size_t gb = static_cast<size_t>(g.data() - s.data());
        m.emplace_back(gb, gb + g.size());
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::string group(std::string_view s, const std::pair<size_t, size_t>& g) {
  if (g.first == kUnset) return "";
  return std::string(s.substr(g.first, g.second - g.first));
}

const Value* submatch_list(CallContext& c, std::string_view s, const Match& m) {
  std::vector<std::string> out;
  for (const auto& g : m) out.push_back(group(s, g));
  return string_list(c, out);
}

const Value* named_struct(CallContext& c, const RE2& re, std::string_view s, const Match& m) {
  std::map<std::string, const Value*> fields;  // sorted by name
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    fields[name] = c.ev.string(group(s, m[static_cast<size_t>(index)]), c.pos);
  }
  return make_struct(c, {fields.begin(), fields.end()});
}

// Go's Regexp.Expand: $1, ${1}, $name, ${name}; $$ is a literal $.
void expand(std::string& out, std::string_view tmpl, const RE2& re, std::string_view s,
            const Match& m) {
  while (!tmpl.empty()) {
    size_t d = tmpl.find('$');
    if (d == std::string_view::npos) break;
    out += tmpl.substr(0, d);
    tmpl.remove_prefix(d + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    bool brace = !tmpl.empty() && tmpl[0] == '{';
    size_t i = brace ? 1 : 0;
    size_t start = i;
    while (i < tmpl.size() && (std::isalnum(static_cast<unsigned char>(tmpl[i])) || tmpl[i] == '_'))
      ++i;
    std::string_view name = tmpl.substr(start, i - start);
    if (name.empty() || (brace && (i >= tmpl.size() || tmpl[i] != '}'))) {
      out += '$';  // malformed: the $ is plain text
      continue;
    }
    tmpl.remove_prefix(brace ? i + 1 : i);
    bool numeric =
        name.find_first_not_of("0123456789") == std::string_view::npos && name.size() < 10;
    if (numeric) {
      size_t k = std::stoul(std::string(name));
      if (k < m.size()) out += group(s, m[k]);
    } else {
      auto& names = re.NamedCapturingGroups();
      auto it = names.find(std::string(name));
      if (it != names.end()) out += group(s, m[static_cast<size_t>(it->second)]);
    }
  }
  out += tmpl;
}

// Go's ReplaceAll: every match replaced; an empty match directly after a match is not.
std::string replace_all(const RE2& re, std::string_view s, std::string_view repl, bool literal) {
  std::string out;
  size_t last = 0;
  for (const Match& m : find_all(re, s, -1)) {
    out += s.substr(last, m[0].first - last);
    if (literal) {
      out += repl;
    } else {
      expand(out, repl, re, s, m);
    }
    last = m[0].second;
  }
  out += s.substr(last);
  return out;
}

std::string quote_meta(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

// Calls f(re) with the compiled pattern a[0], or returns the pattern error.
template <class F>
const Value* with_re(CallContext& c, Args a, F f) {
  Result<const RE2*> re = compiled_regex(a[0]->str);
  if (!re) return fail(c, re.error().message);
  return f(**re);
}

}  // namespace

void register_regexp() {
  const std::string P = "regexp";
  const uint16_t S = kString, I = kInt;

  def(P, "Match", {S, S}, kBool, "Match(pattern, s): whether s contains a match of the pattern",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) {
          return c.ev.boolean(
              RE2::PartialMatch(re2::StringPiece(a[1]->str.data(), a[1]->str.size()), re), c.pos);
        });
      });
  def(P, "Find", {S, S}, S, "Find(pattern, s): the leftmost match in s; an error if there is none",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, 1);
          if (ms.empty()) return fail(c, "no match");
          return c.ev.string(group(a[1]->str, ms[0][0]), c.pos);
        });
      });
  def(P, "FindAll", {S, S, I}, kList,
      "FindAll(pattern, s, n): up to n successive non-overlapping matches (n < 0: all); an error "
      "if "
      "there are none",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, int_of(a[2]));
          if (ms.empty()) return fail(c, "no match");
          std::vector<std::string> out;
          for (const Match& m : ms) out.push_back(group(a[1]->str, m[0]));
          return string_list(c, out);
        });
      });
  def(P, "FindSubmatch", {S, S}, kList,
      "FindSubmatch(pattern, s): the leftmost match and its groups ([whole, group 1, …]; \"\" for "
      "a group that did not take part); an error if there is no match",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, 1);
          if (ms.empty()) return fail(c, "no match");
          return submatch_list(c, a[1]->str, ms[0]);
        });
      });
  def(P, "FindAllSubmatch", {S, S, I}, kList,
      "FindAllSubmatch(pattern, s, n): as FindSubmatch for up to n matches (n < 0: all)",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, int_of(a[2]));
          if (ms.empty()) return fail(c, "no match");
          std::vector<const Value*> out;
          for (const Match& m : ms) out.push_back(submatch_list(c, a[1]->str, m));
          return make_list(c, out);
        });
      });
  def(P, "FindNamedSubmatch", {S, S}, kStruct,
      "FindNamedSubmatch(pattern, s): the named groups (?P<name>…) of the leftmost match, as a "
      "struct; an error if there is no match",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, 1);
          if (ms.empty()) return fail(c, "no match");
          return named_struct(c, re, a[1]->str, ms[0]);
        });
      });
  def(P, "FindAllNamedSubmatch", {S, S, I}, kList,
      "FindAllNamedSubmatch(pattern, s, n): as FindNamedSubmatch for up to n matches (n < 0: all)",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) -> const Value* {
          auto ms = find_all(re, a[1]->str, int_of(a[2]));
          if (ms.empty()) return fail(c, "no match");
          std::vector<const Value*> out;
          for (const Match& m : ms) out.push_back(named_struct(c, re, a[1]->str, m));
          return make_list(c, out);
        });
      });
  def(P, "ReplaceAll", {S, S, S}, S,
      "ReplaceAll(pattern, src, repl): src with every match replaced by repl, in which $1, ${1}, "
      "$name and ${name} stand for groups and $$ for $",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) {
          return c.ev.string(replace_all(re, a[1]->str, a[2]->str, false), c.pos);
        });
      });
  def(P, "ReplaceAllLiteral", {S, S, S}, S,
      "ReplaceAllLiteral(pattern, src, repl): src with every match replaced by repl, taken "
      "literally",
      [](CallContext& c, Args a) {
        return with_re(c, a, [&](const RE2& re) {
          return c.ev.string(replace_all(re, a[1]->str, a[2]->str, true), c.pos);
        });
      });
  def_validator(P, "Valid", {S},
                "the string is a valid regular expression (the error says why not)",
                [](CallContext& c, Args a) -> const Value* {
                  if (a[0]->vk != VK::String)
                    return failf(c, "{} is not a string", c.ev.value_str(a[0]));
                  return with_re(c, a, [&](const RE2&) { return c.ev.boolean(true, c.pos); });
                });
  def(P, "QuoteMeta", {S}, S,
      "the string with every regular-expression metacharacter escaped (1\\.5)",
      [](CallContext& c, Args a) { return c.ev.string(quote_meta(a[0]->str), c.pos); });
}

}  // namespace cfgc::stdlib
