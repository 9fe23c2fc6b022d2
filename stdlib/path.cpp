// Package path: slash-separated file paths, as CUE's path package (Go's path/filepath made
// independent of the host: every function takes the operating system whose conventions apply).
//
// The OS argument is one of path.Unix ("unix"), path.Windows ("windows") and path.Plan9
// ("plan9"); Go's Unix GOOS names ("linux", "darwin", …) mean unix. It may be left out where CUE
// gives it a default: unix, except VolumeName (windows). SplitList, ToSlash and FromSlash need
// it. Windows paths take both \ and / as separators and have volume names ("C:", "\\host\share").
//
// Match(pattern, name, os): CUE v0.4 to v0.6 declare Match with two parameters by mistake, so
// every call fails there; cfgc has the three parameters of later CUE versions (os defaulting to
// unix).
#include <algorithm>
#include <array>

#include "compiler/base/unicode.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

enum class OS { Unix, Windows, Plan9 };

struct Sys {
  OS os;
  char sep() const { return os == OS::Windows ? '\\' : '/'; }
  bool is_sep(char c) const { return c == '/' || (os == OS::Windows && c == '\\'); }
  bool windows() const { return os == OS::Windows; }
};

// Go's GOOS values that are Unix-like: CUE accepts them as an OS and treats them as unix.
constexpr std::array<std::string_view, 15> kUnixNames{
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios",
    "js",  "linux",   "nacl",   "netbsd",    "openbsd", "solaris", "zos"};

std::optional<Sys> os_of(std::string_view s) {
  if (s == "unix") return Sys{OS::Unix};
  if (s == "windows") return Sys{OS::Windows};
  if (s == "plan9") return Sys{OS::Plan9};
  if (std::find(kUnixNames.begin(), kUnixNames.end(), s) != kUnixNames.end()) return Sys{OS::Unix};
  return std::nullopt;
}

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool same_word(const Sys& s, std::string_view a, std::string_view b) {
  return s.windows() ? iequal(a, b) : a == b;
}

// The length of the volume name: "C:" or a UNC "\\host\share" on Windows, 0 elsewhere.
size_t volume_len(const Sys& s, std::string_view p) {
  if (!s.windows() || p.size() < 2) return 0;
  char c = p[0];
  if (p[1] == ':' && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return 2;
  size_t l = p.size();
  if (l >= 5 && s.is_sep(p[0]) && s.is_sep(p[1]) && !s.is_sep(p[2]) && p[2] != '.') {
    // \\host\share: the first separator after the host, then the share up to the next one.
    for (size_t n = 3; n < l - 1; ++n) {
      if (!s.is_sep(p[n])) continue;
      ++n;
      if (s.is_sep(p[n]) || p[n] == '.') break;
      while (n < l && !s.is_sep(p[n])) ++n;
      return n;
    }
  }
  return 0;
}

std::string from_slash(const Sys& s, std::string p) {
  if (s.windows()) std::replace(p.begin(), p.end(), '/', '\\');
  return p;
}

std::string to_slash(const Sys& s, std::string p) {
  if (s.windows()) std::replace(p.begin(), p.end(), '\\', '/');
  return p;
}

// The shortest path equivalent to p by lexical processing: one separator at a time, no "."
// elements, ".." elements resolved against the element before them where there is one.
std::string clean(const Sys& s, std::string_view original) {
  size_t vol = volume_len(s, original);
  std::string_view p = original.substr(vol);
  if (p.empty()) {
    if (vol > 1 && original[1] != ':') return from_slash(s, std::string(original));  // UNC
    return std::string(original) + ".";
  }
  bool rooted = s.is_sep(p[0]);
  size_t n = p.size();
  std::string out;
  size_t r = 0, dotdot = 0;  // dotdot: where ".." can no longer back up
  if (rooted) {
    out += s.sep();
    r = dotdot = 1;
  }
  while (r < n) {
    if (s.is_sep(p[r])) {
      ++r;
    } else if (p[r] == '.' && (r + 1 == n || s.is_sep(p[r + 1]))) {
      ++r;
    } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || s.is_sep(p[r + 2]))) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && !s.is_sep(out[w])) --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out += s.sep();
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += s.sep();
      for (; r < n && !s.is_sep(p[r]); ++r) out += p[r];
    }
  }
  if (out.empty()) out.push_back('.');
  return from_slash(s, std::string(original.substr(0, vol)) + out);
}

std::string join_with(const std::vector<std::string_view>& elems, size_t from, char sep) {
  std::string out;
  for (size_t i = from; i < elems.size(); ++i) {
    if (i > from) out += sep;
    out += elems[i];
  }
  return out;
}

bool is_unc(std::string_view p) { return volume_len(Sys{OS::Windows}, p) > 2; }

std::string join(const Sys& s, const std::vector<std::string_view>& elems) {
  size_t first = 0;
  while (first < elems.size() && elems[first].empty()) ++first;
  if (first == elems.size()) return "";
  if (!s.windows()) return clean(s, join_with(elems, first, '/'));
  std::string_view head = elems[first];
  if (head.size() == 2 && head[1] == ':') {
    // "C:" joined with "a" is "C:a", relative to the current directory of drive C.
    size_t i = first + 1;
    while (i < elems.size() && elems[i].empty()) ++i;
    return clean(s, std::string(head) + join_with(elems, i, '\\'));
  }
  std::string p = clean(s, join_with(elems, first, '\\'));
  if (!is_unc(p)) return p;
  // Joining must not make a UNC path out of elements that were not one.
  std::string h = clean(s, head);
  if (is_unc(h)) return p;
  std::string tail = clean(s, join_with(elems, first + 1, '\\'));
  if (h.back() == '\\') return h + tail;
  return h + "\\" + tail;
}

const std::array<std::string_view, 22> kReserved{
    "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};

bool is_abs(const Sys& s, std::string_view p) {
  switch (s.os) {
    case OS::Unix: return p.starts_with('/');
    case OS::Plan9: return p.starts_with('/') || p.starts_with('#');
    case OS::Windows: break;
  }
  for (std::string_view r : kReserved) {
    if (iequal(p, r)) return true;
  }
  size_t l = volume_len(s, p);
  if (l == 0) return false;
  p.remove_prefix(l);
  return !p.empty() && s.is_sep(p[0]);
}

std::vector<std::string> split_list(const Sys& s, std::string_view p) {
  std::vector<std::string> out;
  if (p.empty()) return out;
  if (!s.windows()) {
    char sep = s.os == OS::Plan9 ? '\0' : ':';
    size_t start = 0;
    for (size_t i = 0; i <= p.size(); ++i) {
      if (i == p.size() || p[i] == sep) {
        out.emplace_back(p.substr(start, i - start));
        start = i + 1;
      }
    }
    return out;
  }
  // Windows: ';' separates, except within double quotes, which are removed.
  std::string cur;
  bool quoted = false;
  for (char c : p) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ';' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string base(const Sys& s, std::string_view p) {
  if (p.empty()) return ".";
  while (!p.empty() && s.is_sep(p.back())) p.remove_suffix(1);
  p.remove_prefix(volume_len(s, p));
  size_t i = p.size();
  while (i > 0 && !s.is_sep(p[i - 1])) --i;
  p.remove_prefix(i);
  if (p.empty()) return std::string(1, s.sep());
  return std::string(p);
}

std::string dir(const Sys& s, std::string_view p) {
  size_t vol = volume_len(s, p);
  size_t i = p.size();
  while (i > vol && !s.is_sep(p[i - 1])) --i;
  std::string d = clean(s, p.substr(vol, i - vol));
  if (d == "." && vol > 2) return std::string(p.substr(0, vol));  // UNC volume alone
  return std::string(p.substr(0, vol)) + d;
}

std::string ext(const Sys& s, std::string_view p) {
  for (size_t i = p.size(); i > 0 && !s.is_sep(p[i - 1]); --i) {
    if (p[i - 1] == '.') return std::string(p.substr(i - 1));
  }
  return "";
}

std::vector<std::string> split(const Sys& s, std::string_view p) {
  size_t vol = volume_len(s, p);
  size_t i = p.size();
  while (i > vol && !s.is_sep(p[i - 1])) --i;
  return {std::string(p.substr(0, i)), std::string(p.substr(i))};
}

Result<std::string> rel(const Sys& s, std::string_view basepath, std::string_view targpath) {
  auto cannot = [&] {
    return Error{fmt::format("Rel: can't make {} relative to {}", targpath, basepath)};
  };
  size_t base_vol = volume_len(s, basepath), targ_vol = volume_len(s, targpath);
  std::string base = clean(s, basepath), targ = clean(s, targpath);
  if (same_word(s, targ, base)) return std::string(".");
  base.erase(0, base_vol);
  targ.erase(0, targ_vol);
  if (base == ".") base.clear();
  bool base_rooted = !base.empty() && base[0] == s.sep();
  bool targ_rooted = !targ.empty() && targ[0] == s.sep();
  if (base_rooted != targ_rooted ||
      !same_word(s, basepath.substr(0, base_vol), targpath.substr(0, targ_vol))) {
    return cannot();
  }
  // Skip the leading elements the two have in common.
  size_t bl = base.size(), tl = targ.size();
  size_t b0 = 0, bi = 0, t0 = 0, ti = 0;
  while (true) {
    while (bi < bl && base[bi] != s.sep()) ++bi;
    while (ti < tl && targ[ti] != s.sep()) ++ti;
    if (!same_word(s, std::string_view(targ).substr(t0, ti - t0),
                   std::string_view(base).substr(b0, bi - b0))) {
      break;
    }
    if (bi < bl) ++bi;
    if (ti < tl) ++ti;
    b0 = bi;
    t0 = ti;
  }
  if (std::string_view(base).substr(b0, bi - b0) == "..") return cannot();
  if (b0 == bl) return targ.substr(t0);
  // One ".." per remaining element of base, then the rest of targ.
  size_t seps = static_cast<size_t>(
      std::count(base.begin() + static_cast<ptrdiff_t>(b0), base.end(), s.sep()));
  std::string out = "..";
  for (size_t i = 0; i < seps; ++i) {
    out += s.sep();
    out += "..";
  }
  if (t0 != tl) {
    out += s.sep();
    out += targ.substr(t0);
  }
  return out;
}

// --- Match: shell patterns (*, ?, [range], \ escapes except on Windows) ---

const Error kBadPattern{"syntax error in pattern"};

// The first code point of s and its length in bytes (U+FFFD and 1 for an invalid byte).
std::pair<char32_t, size_t> first_rune(std::string_view s) {
  auto rs = unicode::runes(s.substr(0, std::min<size_t>(4, s.size())));
  return {rs[0].c, rs[0].len};
}

// The leading stars of the pattern and the chunk up to the next star outside a range.
void scan_chunk(const Sys& s, std::string_view& pattern, bool& star, std::string_view& chunk) {
  star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool in_range = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && !s.windows()) {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      in_range = true;
    } else if (c == ']') {
      in_range = false;
    } else if (c == '*' && !in_range) {
      break;
    }
  }
  chunk = pattern.substr(0, i);
  pattern.remove_prefix(i);
}

// One character of a range: a code point, possibly escaped.
Result<char32_t> range_char(const Sys& s, std::string_view& chunk) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return kBadPattern;
  if (chunk[0] == '\\' && !s.windows()) {
    chunk.remove_prefix(1);
    if (chunk.empty()) return kBadPattern;
  }
  auto [r, n] = first_rune(chunk);
  chunk.remove_prefix(n);
  if ((r == unicode::kReplacementChar && n == 1) || chunk.empty()) return kBadPattern;
  return r;
}

// Matches the chunk at the start of name: true and the rest of name, or false. The whole chunk
// is always scanned so that a malformed pattern is reported even when the match fails early.
Result<bool> match_chunk(const Sys& s, std::string_view chunk, std::string_view name,
                         std::string_view& rest) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && name.empty()) failed = true;
    char c = chunk[0];
    if (c == '[') {
      char32_t r = 0;
      if (!failed) {
        auto [cp, n] = first_rune(name);
        r = cp;
        name.remove_prefix(n);
      }
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk[0] == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool match = false;
      int nrange = 0;
      while (true) {
        if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
          chunk.remove_prefix(1);
          break;
        }
        Result<char32_t> lo = range_char(s, chunk);
        if (!lo) return lo.error();
        char32_t hi = *lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          Result<char32_t> h = range_char(s, chunk);
          if (!h) return h.error();
          hi = *h;
        }
        if (*lo <= r && r <= hi) match = true;
        ++nrange;
      }
      if (match == negated) failed = true;
    } else if (c == '?') {
      if (!failed) {
        if (name[0] == s.sep()) failed = true;
        name.remove_prefix(first_rune(name).second);
      }
      chunk.remove_prefix(1);
    } else {
      if (c == '\\' && !s.windows()) {
        chunk.remove_prefix(1);
        if (chunk.empty()) return kBadPattern;
      }
      if (!failed) {
        if (chunk[0] != name[0]) failed = true;
        name.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return false;
  rest = name;
  return true;
}

Result<bool> match(const Sys& s, std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    bool star;
    std::string_view chunk;
    scan_chunk(s, pattern, star, chunk);
    if (star && chunk.empty()) {
      // A trailing star matches the rest of the element.
      return name.find(s.sep()) == std::string_view::npos;
    }
    std::string_view t;
    Result<bool> ok = match_chunk(s, chunk, name, t);
    if (!ok) return ok;
    if (*ok && (t.empty() || !pattern.empty())) {
      name = t;
      continue;
    }
    bool next = false;
    if (star) {
      // The star takes 0..i bytes of name (never a separator).
      for (size_t i = 0; i < name.size() && name[i] != s.sep(); ++i) {
        Result<bool> m = match_chunk(s, chunk, name.substr(i + 1), t);
        if (!m) return m;
        if (*m) {
          if (pattern.empty() && !t.empty()) continue;
          name = t;
          next = true;
          break;
        }
      }
    }
    if (!next) return false;
  }
  return name.empty();
}

// --- registration ---

using PathFn = std::function<const Value*(CallContext&, Args, const Sys&)>;

// A function whose last parameter is the OS. With a default, the OS may be left out (CUE gives
// the parameter a default value); the evaluator's variadic form allows that, and this checks
// that at most one OS is given.
void def_os(const std::string& name, std::vector<uint16_t> params, uint16_t result,
            std::optional<OS> dflt, std::string doc, PathFn fn) {
  params.push_back(kString);
  size_t want = params.size();
  Fn call = [want, dflt, fn = std::move(fn)](CallContext& c, Args a) -> const Value* {
    if (a.size() > want) {
      return c.ev.bottom(c.pos, fmt::format("too many arguments in call to {} (have {}, want {})",
                                            c.name, a.size(), want));
    }
    Sys s{dflt.value_or(OS::Unix)};
    if (a.size() == want) {
      std::optional<Sys> os = os_of(a[want - 1]->str);
      if (!os) {
        return failf(c,
                     "invalid OS {:?} in argument {}: want path.Unix, path.Windows or path.Plan9 "
                     "(\"unix\", \"windows\", \"plan9\", or a Unix GOOS such as \"linux\")",
                     a[want - 1]->str, want);
      }
      s = *os;
    }
    return fn(c, a, s);
  };
  eval::Builtin b;
  b.pkg = "path";
  b.name = name;
  b.params = std::move(params);
  b.variadic = dflt.has_value();
  b.result = result;
  b.fn = std::move(call);
  b.doc = std::move(doc);
  eval::register_builtin(std::move(b));
}

const Value* str_result(CallContext& c, const std::string& s) { return c.ev.string(s, c.pos); }

}  // namespace

void register_path() {
  const std::string P = "path";
  const std::optional<OS> dflt_unix = OS::Unix;
  const std::optional<OS> none;
  def_const(P, "Unix", kString, "\"unix\": the OS argument for Unix paths (the default)",
            [](CallContext& c, Args) { return c.ev.string("unix", c.pos); });
  def_const(P, "Windows", kString, "\"windows\": the OS argument for Windows paths",
            [](CallContext& c, Args) { return c.ev.string("windows", c.pos); });
  def_const(P, "Plan9", kString, "\"plan9\": the OS argument for Plan 9 paths",
            [](CallContext& c, Args) { return c.ev.string("plan9", c.pos); });

  def_os("Base", {kString}, kString, dflt_unix,
         "Base(path, os?): the last element of the path, trailing separators removed (\".\" for "
         "\"\", \"/\" for \"/\")",
         [](CallContext& c, Args a, const Sys& s) { return str_result(c, base(s, a[0]->str)); });
  def_os("Clean", {kString}, kString, dflt_unix,
         "Clean(path, os?): the shortest equivalent path: one separator at a time, no . elements, "
         ".. resolved where possible (\".\" for \"\")",
         [](CallContext& c, Args a, const Sys& s) { return str_result(c, clean(s, a[0]->str)); });
  def_os("Dir", {kString}, kString, dflt_unix,
         "Dir(path, os?): all but the last element of the path, cleaned (\"a/b\" for \"a/b/c\")",
         [](CallContext& c, Args a, const Sys& s) { return str_result(c, dir(s, a[0]->str)); });
  def_os("Ext", {kString}, kString, dflt_unix,
         "Ext(path, os?): the extension of the last element, from its last dot (\".gz\"), or \"\"",
         [](CallContext& c, Args a, const Sys& s) { return str_result(c, ext(s, a[0]->str)); });
  def_os("IsAbs", {kString}, kBool, dflt_unix, "IsAbs(path, os?): whether the path is absolute",
         [](CallContext& c, Args a, const Sys& s) {
           return c.ev.boolean(is_abs(s, a[0]->str), c.pos);
         });
  def_os("Join", {kList}, kString, dflt_unix,
         "Join(elems, os?): the elements of a list of strings joined with separators and "
         "cleaned; empty elements are ignored (\"\" when all are empty)",
         [](CallContext& c, Args a, const Sys& s) -> const Value* {
           std::vector<std::string_view> elems;
           if (const Value* err = string_elems(c, a[0], elems)) return err;
           return str_result(c, join(s, elems));
         });
  def_os("Match", {kString, kString}, kBool, dflt_unix,
         "Match(pattern, name, os?): whether name matches the shell pattern: * (any run of "
         "non-separators), ? (one non-separator), [range], [^range], \\ escapes (not on Windows)",
         [](CallContext& c, Args a, const Sys& s) -> const Value* {
           Result<bool> m = match(s, a[0]->str, a[1]->str);
           if (!m) return fail(c, m.error().message);
           return c.ev.boolean(*m, c.pos);
         });
  def_os("Rel", {kString, kString}, kString, dflt_unix,
         "Rel(base, target, os?): a relative path that, joined to base, is target (an error when "
         "there is none)",
         [](CallContext& c, Args a, const Sys& s) -> const Value* {
           Result<std::string> r = rel(s, a[0]->str, a[1]->str);
           if (!r) return fail(c, r.error().message);
           return str_result(c, *r);
         });
  def_os("Resolve", {kString, kString}, kString, dflt_unix,
         "Resolve(dir, sub, os?): sub, cleaned, if it is absolute; otherwise dir joined with sub",
         [](CallContext& c, Args a, const Sys& s) {
           std::string_view sub = a[1]->str;
           if (is_abs(s, sub)) return str_result(c, clean(s, sub));
           std::string d = clean(s, a[0]->str);
           return str_result(c, join(s, {d, sub}));
         });
  def_os("Split", {kString}, kList, dflt_unix,
         "Split(path, os?): [dir, file], split after the last separator (dir keeps it)",
         [](CallContext& c, Args a, const Sys& s) { return string_list(c, split(s, a[0]->str)); });
  def_os("SplitList", {kString}, kList, none,
         "SplitList(path, os): the paths of a list such as $PATH (':' on Unix, ';' on Windows, "
         "NUL on Plan 9); [] for \"\"",
         [](CallContext& c, Args a, const Sys& s) {
           return string_list(c, split_list(s, a[0]->str));
         });
  def_os("ToSlash", {kString}, kString, none,
         "ToSlash(path, os): the path with each separator replaced by a slash",
         [](CallContext& c, Args a, const Sys& s) {
           return str_result(c, to_slash(s, std::string(a[0]->str)));
         });
  def_os("FromSlash", {kString}, kString, none,
         "FromSlash(path, os): the path with each slash replaced by the separator",
         [](CallContext& c, Args a, const Sys& s) {
           return str_result(c, from_slash(s, std::string(a[0]->str)));
         });
  def_os("VolumeName", {kString}, kString, OS::Windows,
         "VolumeName(path, os?): the leading volume name (\"C:\", \"\\\\host\\share\"); only "
         "Windows has them, and os defaults to windows here",
         [](CallContext& c, Args a, const Sys& s) {
           return str_result(c, std::string(a[0]->str.substr(0, volume_len(s, a[0]->str))));
         });
}

}  // namespace cfgc::stdlib
