// YAML output, in two styles.
//
// Portable (`cfgc export --out yaml`, generated files): strings that a YAML 1.1 or 1.2 reader
// would take for something else ("on", "yes", "1e3", "0x10", "22:30", "~", "*x"…) are
// double-quoted, so the file reads back as the same data in Ansible (YAML 1.1) and in YAML 1.2
// tools alike.
//
// CueMarshal (encoding/yaml.Marshal): byte for byte what cue v0.6's yaml.Marshal writes (Go's
// yaml.v3 emitter, indent 2): sequences indented under their key; strings YAML would read as
// something else, and YAML 1.1's words (yes, on, y, …) and dates and times, double-quoted;
// strings a plain scalar cannot hold (a: b, #x, leading blanks) single-quoted.
#include <re2/re2.h>

#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
#include "compiler/encoding/yaml_scalar.h"
#include "compiler/export/export.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

bool yaml_needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  std::string lower;
  for (char c : s) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  static const char* kWords[] = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "=", "<<"};
  for (const char* w : kWords) {
    if (lower == w) return true;
  }
  unsigned char first = s[0];
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(static_cast<char>(first)) != std::string_view::npos) return true;
  if (first == ' ' || s.back() == ' ' || s.back() == ':') return true;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7f) return true;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return true;
    if (c == '#' && i > 0 && s[i - 1] == ' ') return true;
  }
  static const RE2 number(R"(^[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$)");
  static const RE2 radix(R"(^[-+]?0([xX][0-9a-fA-F_]+|[oO]?[0-7_]+|[bB][01_]+)$)");
  static const RE2 sexagesimal(R"(^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$)");
  static const RE2 special(R"(^[-+]?\.([iI]nf|INF)$|^\.([nN]a[nN]|NAN)$)");
  static const RE2 timestamp(R"(^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?)");
  re2::StringPiece sp(s.data(), s.size());
  return RE2::FullMatch(sp, number) || RE2::FullMatch(sp, radix) || RE2::FullMatch(sp, sexagesimal) ||
         RE2::FullMatch(sp, special) || RE2::PartialMatch(sp, timestamp);
}

namespace {

void pad(Sink& out, int n) { out.append(static_cast<size_t>(n), ' '); }

// Whether s can be written as a block literal (|): printable lines, no trailing blanks.
bool block_ok(std::string_view s) {
  if (s.find('\n') == std::string_view::npos) return false;
  if (s[0] == ' ' || s[0] == '\t') return false;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      std::string_view line = s.substr(start, i - start);
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) return false;
      start = i + 1;
      continue;
    }
    unsigned char c = s[i];
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

// A block literal (|, |-, |+) at `indent`, if s can be one.
bool block_literal(std::string_view s, Sink& out, int indent) {
  if (!block_ok(s)) return false;
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  std::string_view body = s.substr(0, s.size() - (trailing ? 1 : 0));
  size_t start = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i == body.size() || body[i] == '\n') {
      out += '\n';
      std::string_view line = body.substr(start, i - start);
      if (!line.empty()) {
        pad(out, indent);
        out += line;
      }
      start = i + 1;
    }
  }
  return true;
}

// --- yaml.v3's choices (CueMarshal) ---

// Strings cue's YAML encoder always double-quotes: YAML 1.1's words, and anything that looks
// like a date, a time or a base 60 number.
bool cue_legacy_string(std::string_view s) {
  static const char* kWords[] = {"y",    "Y",    "yes",   "Yes",   "YES",   "n",     "N",   "t",
                                 "T",    "f",    "F",     "no",    "No",    "NO",    "true", "True",
                                 "TRUE", "false", "False", "FALSE", "on",    "On",    "ON",  "off",
                                 "Off",  "OFF",  ".Nan"};
  for (const char* w : kWords) {
    if (s == w) return true;
  }
  static const RE2 looks_like_time(R"(^[\-+0-9:\. \t]+([-:]|[tT])[\-+0-9:\. \t]+[zZ]?$)");
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), looks_like_time);
}

// Whether yaml.v3 reads the plain scalar s as something other than a string (then it quotes).
bool v3_resolves_to_non_string(std::string_view s) {
  if (s == "<<") return true;
  if (encoding::resolve_cue_yaml_scalar(s).kind != encoding::CueYamlScalar::Kind::String) return true;
  // Timestamps: 4 digits and a dash (2001-12-14, 2001-12-14T21:59:43Z …).
  static const RE2 timestamp(R"(^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$)");
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), timestamp);
}

bool is_blank_or_end(std::string_view s, size_t i) { return i >= s.size() || s[i] == ' ' || s[i] == '\t'; }

// libyaml's analysis: can s be a plain scalar in block context, and does it hold characters
// only double quotes can write?
void analyze(std::string_view s, bool& plain_ok, bool& special) {
  plain_ok = !s.empty();
  special = false;
  if (s.empty()) return;
  if ((s.substr(0, 3) == "---" || s.substr(0, 3) == "...") && is_blank_or_end(s, 3)) plain_ok = false;
  if (s.front() == ' ' || s.back() == ' ') plain_ok = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7f) special = true;  // tabs too: libyaml does not print them
    if (i == 0) {
      if (std::string_view("#,[]{}&*!|>'\"%@`").find(static_cast<char>(c)) != std::string_view::npos)
        plain_ok = false;
      if ((c == '?' || c == ':' || c == '-') && is_blank_or_end(s, 1)) plain_ok = false;
    } else {
      if (c == ':' && is_blank_or_end(s, i + 1)) plain_ok = false;
      if (c == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t')) plain_ok = false;
    }
  }
  if (special) plain_ok = false;
}

// A double-quoted scalar as libyaml escapes it.
std::string v3_double_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    switch (c) {
      case '\0': out += "\\0"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\v': out += "\\v"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case 0x1b: out += "\\e"; continue;
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      static const char* kHex = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

void v3_string(std::string_view s, Sink& out, int indent) {
  bool plain_ok, special;
  analyze(s, plain_ok, special);
  if (s.find('\n') != std::string_view::npos && block_literal(s, out, indent)) return;
  if (s.empty() || cue_legacy_string(s) || v3_resolves_to_non_string(s) || special ||
      s.find('\n') != std::string_view::npos) {
    out += v3_double_quote(s);
    return;
  }
  if (plain_ok) {
    out += s;
    return;
  }
  out += '\'';
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
}

// --- the writer ---

struct YamlWriter {
  Evaluator& ev;
  Sink& out;
  YamlStyle style;

  void string(std::string_view s, int indent) {
    if (style == YamlStyle::CueMarshal) {
      v3_string(s, out, indent);
      return;
    }
    if (block_literal(s, out, indent)) return;
    out += yaml_needs_quotes(s) ? json_quote(s) : std::string(s);
  }

  void key(std::string_view k) {
    if (style == YamlStyle::CueMarshal) {
      v3_string(k, out, 0);
      return;
    }
    out += yaml_needs_quotes(k) || k.find('\n') != std::string_view::npos ? json_quote(k) : std::string(k);
  }

  void scalar(const Value* x, int indent) {
    switch (x->vk) {
      case VK::Null: out += "null"; return;
      case VK::Bool: out += x->b ? "true" : "false"; return;
      case VK::Num: out += x->num.str(); return;
      case VK::String: string(x->str, indent); return;
      case VK::Bytes: out += "!!binary " + base64_encode(x->str); return;
      default: out += "null"; return;  // not concrete: reported as an error beforehand
    }
  }

  // Writes the value after "key:" or "- ".
  void value_after(Vertex* v, int indent, bool after_dash) {
    const Value* x = ev.concrete_value(v);
    if (x->vk != VK::Vertex) {
      out += ' ';
      scalar(x, indent + 2);
      out += '\n';
      return;
    }
    Vertex* t = x->vertex;
    ev.finalize(t);
    auto arcs = ev.regular_fields(t);
    if (arcs.empty()) {
      out += t->is_list ? " []\n" : " {}\n";
      return;
    }
    if (after_dash) {
      out += ' ';
      if (t->is_list) {
        seq_body(t, indent + 2, true);
      } else {
        map_body(t, indent + 2, true);
      }
      return;
    }
    out += '\n';
    if (t->is_list) {
      // yaml.v3 indents a sequence under its key; the portable style does not.
      seq_body(t, style == YamlStyle::CueMarshal ? indent + 2 : indent, false);
    } else {
      map_body(t, indent + 2, false);
    }
  }

  void map_body(Vertex* t, int indent, bool first_inline) {
    bool first = true;
    for (Vertex* a : ev.regular_fields(t)) {
      if (!(first && first_inline)) pad(out, indent);
      first = false;
      key(label_name(a->label));
      out += ':';
      value_after(a, indent, false);
      out.maybe_flush();
    }
  }

  void seq_body(Vertex* t, int indent, bool first_inline) {
    bool first = true;
    for (Vertex* a : ev.regular_fields(t)) {
      if (!(first && first_inline)) pad(out, indent);
      first = false;
      out += '-';
      value_after(a, indent, true);
      out.maybe_flush();
    }
  }

  void document(Vertex* v) {
    const Value* x = ev.concrete_value(v);
    if (x->vk != VK::Vertex) {
      scalar(x, 2);
      out += '\n';
      return;
    }
    Vertex* t = x->vertex;
    ev.finalize(t);
    if (ev.regular_fields(t).empty()) {
      out += t->is_list ? "[]\n" : "{}\n";
      return;
    }
    if (t->is_list) {
      seq_body(t, 0, false);
    } else {
      map_body(t, 0, false);
    }
  }
};

}  // namespace

void write_yaml(Evaluator& ev, Vertex* v, Sink& out, YamlStyle style) {
  YamlWriter{ev, out, style}.document(v);
}

void write_yaml(eval::Evaluator& ev, eval::Vertex* v, std::string& out, YamlStyle style) {
  Sink s;
  write_yaml(ev, v, s, style);
  out += s.str();
}

}  // namespace cfgc::exporter
