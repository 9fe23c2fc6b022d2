// JSON output, indented like `cue export` (four spaces).
#include <fmt/format.h>

#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/export/export.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

namespace {

// Indented as `cue export` writes JSON (four spaces), or compact as Go's json.Marshal.
struct JsonLayout {
  bool compact = false;
  bool escape_html = false;
  std::string quote(std::string_view s) const {
    return escape_html ? json_quote_html(s) : json_quote(s);
  }
  void newline(Sink& out, int level) const {
    if (compact) return;
    out += '\n';
    out.append(static_cast<size_t>(level) * 4, ' ');
  }
};

void json_value(Evaluator& ev, Vertex* v, Sink& out, int level, const JsonLayout& layout) {
  const Value* x = ev.concrete_value(v);
  switch (x->vk) {
    case VK::Null: out += "null"; return;
    case VK::Bool: out += x->b ? "true" : "false"; return;
    case VK::Num: out += x->num.str(); return;
    case VK::String: out += layout.quote(x->str); return;
    case VK::Bytes: out += json_quote(base64_encode(x->str)); return;
    case VK::Vertex: break;
    default: out += "null"; return;  // not concrete: reported as an error beforehand
  }
  Vertex* t = x->vertex;
  ev.finalize(t);
  auto arcs = ev.regular_fields(t);
  out += t->is_list ? '[' : '{';
  for (size_t i = 0; i < arcs.size(); ++i) {
    if (i > 0) out += ',';
    layout.newline(out, level + 1);
    if (!t->is_list) {
      out += layout.quote(label_name(arcs[i]->label));
      out += layout.compact ? ":" : ": ";
    }
    json_value(ev, arcs[i], out, level + 1, layout);
    out.maybe_flush();
  }
  if (!arcs.empty()) layout.newline(out, level);
  out += t->is_list ? ']' : '}';
}

}  // namespace

void write_json(Evaluator& ev, Vertex* v, Sink& out, bool escape_html) {
  json_value(ev, v, out, 0, JsonLayout{false, escape_html});
  out += '\n';
}

void write_json_compact(Evaluator& ev, Vertex* v, std::string& out) {
  Sink s;
  json_value(ev, v, s, 0, JsonLayout{true, false});
  out += s.str();
}

void write_json(Evaluator& ev, Vertex* v, std::string& out) {
  Sink s;
  write_json(ev, v, s);
  out += s.str();
}

Result<> write_text(Evaluator& ev, Vertex* v, Sink& out) {
  const Value* x = ev.concrete_value(v);
  switch (x->vk) {
    case VK::String:
    case VK::Bytes: out += x->str; break;
    case VK::Num: out += x->num.str(); break;
    case VK::Bool: out += x->b ? "true" : "false"; break;
    default:
      return Error{"--out text needs a string, number or bool value; use -e to select one"};
  }
  out += '\n';
  return {};
}

}  // namespace cfgc::exporter
