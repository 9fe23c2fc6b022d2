// YAML output. Strings that a YAML 1.1 or 1.2 reader would take for something else ("on",
// "yes", "1e3", "0x10", "22:30", "~", "*x"…) are double-quoted, so the file reads back as the
// same data in Ansible (YAML 1.1) and in YAML 1.2 tools alike.
#include <re2/re2.h>

#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
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

void scalar_string(std::string_view s, Sink& out, int indent) {
  if (block_ok(s)) {
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
    return;
  }
  if (yaml_needs_quotes(s)) {
    out += json_quote(s);
  } else {
    out += s;
  }
}

bool scalar(Evaluator& ev, const Value* x, Sink& out, int indent) {
  switch (x->vk) {
    case VK::Null: out += "null"; return true;
    case VK::Bool: out += x->b ? "true" : "false"; return true;
    case VK::Num: out += x->num.str(); return true;
    case VK::String: scalar_string(x->str, out, indent); return true;
    case VK::Bytes: out += "!!binary " + base64_encode(x->str); return true;
    case VK::Vertex: return false;
    default: out += "null"; return true;
  }
  (void)ev;
}

void write_key(std::string_view k, Sink& out) {
  if (yaml_needs_quotes(k) || k.find('\n') != std::string_view::npos) {
    out += json_quote(k);
  } else {
    out += k;
  }
}

void map_body(Evaluator& ev, Vertex* t, Sink& out, int indent, bool first_inline);
void seq_body(Evaluator& ev, Vertex* t, Sink& out, int indent, bool first_inline);

// Writes the value after "key:" or "- ".
void value_after(Evaluator& ev, Vertex* v, Sink& out, int indent, bool after_dash) {
  const Value* x = ev.concrete_value(v);
  if (x->vk != VK::Vertex) {
    out += ' ';
    scalar(ev, x, out, indent + 2);
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
      seq_body(ev, t, out, indent + 2, true);
    } else {
      map_body(ev, t, out, indent + 2, true);
    }
    return;
  }
  out += '\n';
  if (t->is_list) {
    seq_body(ev, t, out, indent, false);
  } else {
    map_body(ev, t, out, indent + 2, false);
  }
}

void map_body(Evaluator& ev, Vertex* t, Sink& out, int indent, bool first_inline) {
  bool first = true;
  for (Vertex* a : ev.regular_fields(t)) {
    if (!(first && first_inline)) pad(out, indent);
    first = false;
    write_key(label_name(a->label), out);
    out += ':';
    value_after(ev, a, out, indent, false);
    out.maybe_flush();
  }
}

void seq_body(Evaluator& ev, Vertex* t, Sink& out, int indent, bool first_inline) {
  bool first = true;
  for (Vertex* a : ev.regular_fields(t)) {
    if (!(first && first_inline)) pad(out, indent);
    first = false;
    out += '-';
    value_after(ev, a, out, indent, true);
    out.maybe_flush();
  }
}

}  // namespace

void write_yaml(Evaluator& ev, Vertex* v, Sink& out) {
  const Value* x = ev.concrete_value(v);
  if (x->vk != VK::Vertex) {
    scalar(ev, x, out, 2);
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
    seq_body(ev, t, out, 0, false);
  } else {
    map_body(ev, t, out, 0, false);
  }
}

}  // namespace cfgc::exporter

namespace cfgc::exporter {
void write_yaml(eval::Evaluator& ev, eval::Vertex* v, std::string& out) {
  Sink s;
  write_yaml(ev, v, s);
  out += s.str();
}
}  // namespace cfgc::exporter
