// JSON output, indented like `cue export` (four spaces).
#include <fmt/format.h>

#include "compiler/base/base64.h"
#include "compiler/base/quote.h"
#include "compiler/base/utf8.h"
#include "compiler/export/export.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

static void indent(Sink& out, int level) { out.append(static_cast<size_t>(level) * 4, ' '); }

static void json_value(Evaluator& ev, Vertex* v, Sink& out, int level) {
  const Value* x = ev.concrete_value(v);
  switch (x->vk) {
    case VK::Null: out += "null"; return;
    case VK::Bool: out += x->b ? "true" : "false"; return;
    case VK::Num: out += x->num.str(); return;
    case VK::String: out += json_quote(x->str); return;
    case VK::Bytes: out += json_quote(base64_encode(x->str)); return;
    case VK::Vertex: break;
    default: out += "null"; return;  // not concrete: reported as an error beforehand
  }
  Vertex* t = x->vertex;
  ev.finalize(t);
  auto arcs = ev.regular_fields(t);
  if (t->is_list) {
    if (arcs.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (size_t i = 0; i < arcs.size(); ++i) {
      indent(out, level + 1);
      json_value(ev, arcs[i], out, level + 1);
      out += i + 1 < arcs.size() ? ",\n" : "\n";
      out.maybe_flush();
    }
    indent(out, level);
    out += ']';
    return;
  }
  if (arcs.empty()) {
    out += "{}";
    return;
  }
  out += "{\n";
  for (size_t i = 0; i < arcs.size(); ++i) {
    indent(out, level + 1);
    out += json_quote(label_name(arcs[i]->label));
    out += ": ";
    json_value(ev, arcs[i], out, level + 1);
    out += i + 1 < arcs.size() ? ",\n" : "\n";
    out.maybe_flush();
  }
  indent(out, level);
  out += '}';
}

void write_json(Evaluator& ev, Vertex* v, Sink& out) {
  json_value(ev, v, out, 0);
  out += '\n';
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
