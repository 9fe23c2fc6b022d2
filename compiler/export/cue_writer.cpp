// CUE output for `cfgc eval`: concrete values and constraints alike, in canonical layout.
#include "compiler/base/quote.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/export/export.h"
#include "compiler/format/format.h"
#include "compiler/syntax/literal.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

namespace {

bool is_ident(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
              (i > 0 && c >= '0' && c <= '9') || (i == 0 && c == '#') || (i == 1 && c == '#' && s[0] == '_');
    if (!ok) return false;
  }
  return syntax::lookup_keyword(s) == syntax::Tok::Ident || s == "true" || s == "false" || s == "null";
}

void tabs(std::string& out, int n) { out.append(static_cast<size_t>(n), '\t'); }

bool shown(const Vertex* a, const CueOptions& o) {
  LabelKind k = label_kind(a->label);
  if (k == LabelKind::Let) return false;
  if ((k == LabelKind::Definition || k == LabelKind::HiddenDef) && !o.definitions) return false;
  if ((k == LabelKind::Hidden || k == LabelKind::HiddenDef) && !o.hidden) return false;
  if (a->arc != ArcType::Regular && !o.optional) return false;
  return true;
}

void value(Evaluator& ev, Vertex* v, std::string& out, int level, const CueOptions& o);

void struct_body(Evaluator& ev, Vertex* t, std::string& out, int level, const CueOptions& o) {
  for (Vertex* a : t->arcs) {
    if (!shown(a, o)) continue;
    tabs(out, level);
    std::string_view name = label_name(a->label);
    out += is_ident(name) ? std::string(name) : cue_quote(name);
    if (a->arc == ArcType::Optional) out += '?';
    if (a->arc == ArcType::Required) out += '!';
    out += ": ";
    value(ev, a, out, level, o);
    out += '\n';
  }
}

void value(Evaluator& ev, Vertex* v, std::string& out, int level, const CueOptions& o) {
  ev.finalize(v);
  if (v->err && v->err->code == Bottom::Incomplete && v->value && v->value->src && o.files) {
    // Not yet computable: print the expression as written (b: a + 1).
    if (const SourceFile* f = o.files->file_of(v->value->src->pos)) {
      out += format::format_expr(*v->value->src, *f);
      return;
    }
  }
  if (v->err) {
    out += "_|_ // ";
    out += v->err->message;
    return;
  }
  if (v->value) {
    const Value* x = v->value;
    if (x->vk == VK::Bottom && x->src && o.files) {
      if (const SourceFile* f = o.files->file_of(x->src->pos)) {
        out += format::format_expr(*x->src, *f);
        return;
      }
    }
    if (x->vk == VK::Disjunction) {
      for (size_t i = 0; i < x->values.size(); ++i) {
        if (i) out += " | ";
        if (x->values[i]->is_default) out += '*';
        const Value* d = x->values[i];
        if (d->vk == VK::Vertex) {
          value(ev, d->vertex, out, level, o);
        } else {
          out += ev.value_str(d);
        }
      }
      return;
    }
    out += ev.value_str(x);
    return;
  }
  if (v->is_list) {
    std::vector<Vertex*> elems(v->arcs.begin(), v->arcs.end());
    // The element type of an open list, as written: [...int].
    std::string tail = "...";
    if (o.files) {
      for (const Pattern& p : v->elem_types()) {
        if (p.expr && p.expr->src) {
          if (const SourceFile* f = o.files->file_of(p.expr->src->pos)) {
            tail = "..." + format::format_expr(*p.expr->src, *f);
            break;
          }
        }
      }
    }
    if (elems.empty()) {
      out += v->list_open ? "[" + tail + "]" : "[]";
      return;
    }
    out += "[";
    for (size_t i = 0; i < elems.size(); ++i) {
      if (i) out += ", ";
      value(ev, elems[i], out, level, o);
    }
    if (v->list_open) out += ", " + tail;
    out += "]";
    return;
  }
  bool any = false;
  for (Vertex* a : v->arcs) any |= shown(a, o);
  if (!any) {
    out += "{}";
    return;
  }
  out += "{\n";
  struct_body(ev, v, out, level + 1, o);
  tabs(out, level);
  out += "}";
}

}  // namespace

void write_cue(Evaluator& ev, Vertex* v, std::string& out, const CueOptions& opts) {
  ev.finalize(v);
  if (v->value || v->is_list || v->err) {
    value(ev, v, out, 0, opts);
    out += '\n';
    return;
  }
  struct_body(ev, v, out, 0, opts);
}

}  // namespace cfgc::exporter
