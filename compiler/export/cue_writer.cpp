// CUE output for `cfgc eval`: concrete values and constraints alike, in canonical layout.
#include <algorithm>
#include <span>

#include "compiler/base/quote.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/export/export.h"
#include "compiler/format/format.h"
#include "compiler/syntax/literal.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

namespace {

// A label as CUE reads it back: a regular field whose name is an identifier is written bare
// (keywords too, `in: 1`, as cue prints them), but one that would read as a hidden field or
// a definition (`"_x"`, `"#a"`, `"_"`) or is no identifier is quoted.
std::string label_text(Feature f) {
  std::string_view s = label_name(f);
  if (label_kind(f) != LabelKind::Regular) return std::string(s);
  bool bare = !s.empty() && s[0] != '_' && s[0] != '#';
  for (size_t i = 0; bare && i < s.size(); ++i) {
    unsigned char c = s[i];
    bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
           (i > 0 && c >= '0' && c <= '9');
  }
  return bare ? std::string(s) : cue_quote(s);
}

void tabs(std::string& out, int n) { out.append(static_cast<size_t>(n), '\t'); }

void use_import(const CueOptions& o, std::string_view path) {
  if (!o.imports_used || path.empty()) return;
  auto& used = *o.imports_used;
  if (std::find(used.begin(), used.end(), path) == used.end()) used.emplace_back(path);
}

// The packages of the builtins a value shows (strings.MinRunes(3), net.IPv4).
void note_builtins(const CueOptions& o, const Value* x) {
  if (!x || !o.imports_used) return;
  if (x->vk == VK::Validator && x->validator) use_import(o, x->validator->pkg);
  if (x->vk == VK::Conjunction || x->vk == VK::Disjunction || x->vk == VK::Validator) {
    for (const Value* y : x->values) note_builtins(o, y);
  }
  if (x->vk == VK::Bound) note_builtins(o, x->arg);
}

// The packages an expression printed as written refers to: selectors on a name that one of
// its file's imports declares (strings.ToUpper(c)).
void note_imports(const CueOptions& o, const syntax::Node* src, const SourceFile* f) {
  if (!o.imports_used) return;
  const syntax::File* file = nullptr;
  for (const syntax::File* sf : o.syntax_files) {
    if (sf->source == f) file = sf;
  }
  if (!file) return;
  std::vector<std::pair<std::string_view, std::string_view>> names;  // local name, path
  for (const syntax::Decl* d : file->decls) {
    const auto* id = syntax::as<syntax::ImportDecl>(d);
    if (!id) continue;
    for (const syntax::ImportSpec* s : id->specs) {
      if (!s->path) continue;
      std::string_view path = s->path->value;
      std::string_view pkg = path.substr(0, path.find(':'));
      std::string_view local = pkg.substr(pkg.rfind('/') + 1);
      if (auto colon = path.find(':'); colon != std::string_view::npos)
        local = path.substr(colon + 1);
      if (s->name) local = s->name->name;
      names.emplace_back(local, pkg);
    }
  }
  if (names.empty()) return;
  auto walk = [&](auto& self, syntax::Node* n) -> void {
    if (const auto* sel = syntax::as<syntax::SelectorExpr>(n)) {
      if (const auto* id = syntax::as<syntax::Ident>(sel->x)) {
        for (const auto& [local, path] : names) {
          if (id->name == local) use_import(o, path);
        }
      }
    }
    syntax::for_each_child(n, [&](syntax::Node* c) { self(self, c); });
  };
  walk(walk, const_cast<syntax::Node*>(src));
}

bool shown(const Vertex* a, const CueOptions& o) {
  LabelKind k = label_kind(a->label);
  if (k == LabelKind::Let) return false;
  if ((k == LabelKind::Definition || k == LabelKind::HiddenDef) && !o.definitions) return false;
  if ((k == LabelKind::Hidden || k == LabelKind::HiddenDef) && !o.hidden) return false;
  if (a->arc != ArcType::Regular && !o.optional) return false;
  return true;
}

void value(Evaluator& ev, Vertex* v, std::string& out, int level, const CueOptions& o,
           bool field_value = false);

// A predeclared numeric type and its range (spec: int8 is int & >=-128 & <=127).
struct NamedRange {
  const char* name;
  const char* lo;
  const char* hi;
};
constexpr NamedRange kIntRanges[] = {
    {"int8", "-128", "127"},
    {"int16", "-32768", "32767"},
    {"int32", "-2147483648", "2147483647"},
    {"int64", "-9223372036854775808", "9223372036854775807"},
    {"int128", "-170141183460469231731687303715884105728",
     "170141183460469231731687303715884105727"},
    {"uint8", "0", "255"},
    {"uint16", "0", "65535"},
    {"uint32", "0", "4294967295"},
    {"uint64", "0", "18446744073709551615"},
    {"uint128", "0", "340282366920938463463374607431768211455"},
};
constexpr NamedRange kFloatRanges[] = {
    {"float32", "-3.40282346638528859811704183484516925440e+38",
     "3.40282346638528859811704183484516925440e+38"},
    {"float64", "-1.797693134862315708145274237317043567981e+308",
     "1.797693134862315708145274237317043567981e+308"},
};

std::string shown_str(Evaluator& ev, const Value* x);

// A conjunction of constraints as cue eval shows it: an int type with a lower and an upper
// bound is written with the predeclared name they make (int & >=0 & <=255 is uint8,
// int & >=0 & <=10 is uint & <=10), the bounds first, the rest after.
std::string constraints_str(Evaluator& ev, const Value* x) {
  bool is_int = false;
  const Value* min = nullptr;
  const Value* max = nullptr;
  std::vector<const Value*> rest;
  for (const Value* v : x->values) {
    if (v->vk == VK::BasicType && (v->kinds & kScalar) == kInt) {
      is_int = true;
      continue;
    }
    if (v->vk == VK::Bound && v->arg && v->arg->vk == VK::Num) {
      const Number& n = v->arg->num;
      if (v->op == syntax::Tok::Gtr || v->op == syntax::Tok::Geq) {
        int c = min ? Number::compare(min->arg->num, n) : 0;
        if (!min || (v->op == syntax::Tok::Gtr ? c != 1 : c == -1)) min = v;
        continue;
      }
      if (v->op == syntax::Tok::Lss || v->op == syntax::Tok::Leq) {
        int c = max ? Number::compare(max->arg->num, n) : 0;
        if (!max || (v->op == syntax::Tok::Lss ? c != -1 : c == 1)) max = v;
        continue;
      }
    }
    rest.push_back(v);
  }
  std::string out;
  auto add = [&](const std::string& s) { out += out.empty() ? s : " & " + s; };
  if (!min || !max) {
    for (const Value* v : x->values) add(shown_str(ev, v));
    return out;
  }
  auto num = [](std::string_view s) {
    bool neg = s.starts_with('-');
    if (neg) s.remove_prefix(1);
    Number n = *Number::parse(s, s.find('e') != std::string_view::npos);
    return neg ? *Number::neg(n) : n;
  };
  auto is_zero = [](const Number& n) { return Number::compare(n, Number::from_int(0)) == 0; };
  // cue's matching of [min, max] against a named range, which drops the bounds it covers.
  auto match = [&](std::span<const NamedRange> ranges) -> const char* {
    for (const NamedRange& r : ranges) {
      const Number& lo_n = min->arg->num;
      const Number& hi_n = max->arg->num;
      if (!is_zero(lo_n) && min->op == syntax::Tok::Geq && Number::compare(lo_n, num(r.lo)) == 0) {
        int c = Number::compare(hi_n, num(r.hi));
        if (c == 0) {
          if (max->op == syntax::Tok::Leq) max = nullptr;
          min = nullptr;
          return r.name;
        }
        if (c < 0) {
          min = nullptr;
          return r.name;
        }
      } else if (max->op == syntax::Tok::Leq && Number::compare(hi_n, num(r.hi)) == 0) {
        int c = Number::compare(lo_n, num(r.lo));
        if (c < 0) continue;
        if (c == 0 && min->op == syntax::Tok::Geq) min = nullptr;
        max = nullptr;
        return r.name;
      }
    }
    return nullptr;
  };
  bool float_names = true;
  if (is_int) {
    if (const char* t = match(kIntRanges)) {
      add(t);
      float_names = false;
    } else if (Number::compare(min->arg->num, Number::from_int(0)) < 0) {
      add("int");
    } else {
      add("uint");
      if (is_zero(min->arg->num) && min->op == syntax::Tok::Geq) {
        min = nullptr;
        float_names = false;
      }
    }
  }
  if (float_names && min && max) {
    if (const char* t = match(kFloatRanges)) add(t);
  }
  if (min) add(ev.value_str(min));
  if (max) add(ev.value_str(max));
  for (const Value* v : rest) add(shown_str(ev, v));
  return out;
}

// A constraint as cue eval shows it (messages write them as value_str does): a validator
// without arguments is a call, `net.IPv4()`, as cue turns `net.IPv4` into one.
std::string shown_str(Evaluator& ev, const Value* x) {
  switch (x->vk) {
    case VK::Validator: return ev.value_str(x) + (x->values.empty() ? "()" : "");
    case VK::Conjunction: return constraints_str(ev, x);
    case VK::Disjunction: {
      std::string out;
      for (const Value* d : x->values) {
        if (!out.empty()) out += " | ";
        if (d->is_default) out += "*";
        out += shown_str(ev, d);
      }
      return out;
    }
    default: return ev.value_str(x);
  }
}

// A scalar as cue eval prints it: a string or bytes value holding a newline, as a field's
// value, becomes a multi-line literal (in a list it stays on one line).
std::string scalar(Evaluator& ev, const Value* x, bool field_value) {
  if (x->vk == VK::Conjunction) return constraints_str(ev, x);
  if (field_value && (x->vk == VK::String || x->vk == VK::Bytes) &&
      x->str.find('\n') != std::string::npos)
    return cue_quote_multiline(x->str, x->vk == VK::Bytes);
  std::string s = shown_str(ev, x);
  // cue eval writes the exponent in lower case (1.5e+3); messages and JSON keep 1.5E+3.
  if (x->vk == VK::Num) std::replace(s.begin(), s.end(), 'E', 'e');
  return s;
}

void struct_body(Evaluator& ev, Vertex* t, std::string& out, int level, const CueOptions& o) {
  for (Vertex* a : t->arcs) {
    if (is_index(a->label) || !shown(a, o)) continue;
    tabs(out, level);
    out += label_text(a->label);
    if (a->arc == ArcType::Optional) out += '?';
    if (a->arc == ArcType::Required) out += '!';
    out += ": ";
    value(ev, a, out, level, o, /*field_value=*/true);
    out += '\n';
  }
}

// Whether a list or scalar also has fields to show (definitions, hidden fields: `{3, #sum:
// 6}`), which cue eval prints in braces after the embedded value.
bool shows_fields(const Vertex* v, const CueOptions& o) {
  return std::any_of(v->arcs.begin(), v->arcs.end(),
                     [&](const Vertex* a) { return !is_index(a->label) && shown(a, o); });
}

// Prints `emb` (a scalar or list, already rendered at level 0) and the fields beside it, in
// braces: a scalar before the fields, a list after them, as cue eval orders them.
void embedded_with_fields(Evaluator& ev, Vertex* v, const std::string& emb, bool fields_first,
                          std::string& out, int level, const CueOptions& o) {
  out += "{\n";
  if (fields_first) struct_body(ev, v, out, level + 1, o);
  tabs(out, level + 1);
  for (char ch : emb) {
    out += ch;
    if (ch == '\n') tabs(out, level + 1);
  }
  out += '\n';
  if (!fields_first) struct_body(ev, v, out, level + 1, o);
  tabs(out, level);
  out += "}";
}

void value(Evaluator& ev, Vertex* v, std::string& out, int level, const CueOptions& o,
           bool field_value) {
  ev.finalize(v);
  if (v->err && (v->err->code == Bottom::Incomplete || v->err->code == Bottom::Cycle) && o.files) {
    // Not yet computable: print the expression as written, as cue does: the field's own
    // declaration when it has one (`r: u`, a struct whose `if` waits on a field), else the
    // expression that could not be computed (b: a + 1).
    const syntax::Node* src = nullptr;
    const Expr* own = v->conjuncts.size == 1 ? v->conjuncts[0].expr : nullptr;
    if (own && own->op == Op::FieldRef) {
      // A reference prints as the field it names (an alias Id of id prints as id).
      out += label_text(static_cast<const RefExpr*>(own)->label);
      return;
    }
    if (own && own->src && own->op != Op::VertexValue &&
        own->src->kind != syntax::NodeKind::File) {  // a file is no expression
      src = own->src;
    } else if (v->value && v->value->src) {
      src = v->value->src;
    }
    if (const SourceFile* f = src ? o.files->file_of(src->pos) : nullptr) {
      note_imports(o, src, f);
      std::string text = format::format_expr(*src, *f);
      for (char ch : text) {
        out += ch;
        if (ch == '\n') tabs(out, level);
      }
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
      // cue eval prints a disjunction's default where it has one (replicas: 1, not
      // int | *1); without one, every disjunct.
      const Value* d = ev.resolve(x);
      if (d != x) {
        if (d->vk == VK::Vertex)
          value(ev, d->vertex, out, level, o, field_value);
        else if (shows_fields(v, o))  // {#y: *1 | {a: 2}, #y} is {1, #y: 1}
          embedded_with_fields(ev, v, scalar(ev, d, false), false, out, level, o);
        else
          out += scalar(ev, d, field_value);
        return;
      }
      // Several defaults: the default is their disjunction, which is what cue prints
      // (*1 | *2 | 3 prints as 1 | 2).
      bool some_default = std::any_of(x->values.begin(), x->values.end(),
                                      [](const Value* a) { return a->is_default; });
      bool first = true;
      for (size_t i = 0; i < x->values.size(); ++i) {
        if (some_default && !x->values[i]->is_default) continue;
        if (!first) out += " | ";
        first = false;
        const Value* d = x->values[i];
        if (d->vk == VK::Vertex) {
          value(ev, d->vertex, out, level, o);
        } else {
          note_builtins(o, d);
          out += shown_str(ev, d);
        }
      }
      return;
    }
    note_builtins(o, x);
    if (shows_fields(v, o)) {
      embedded_with_fields(ev, v, scalar(ev, x, false), false, out, level, o);
      return;
    }
    out += scalar(ev, x, field_value);
    return;
  }
  if (v->is_list) {
    // An open list prints as its default, the closed list of its elements ([...int] as []),
    // as cue eval prints it.
    std::string list = "[";
    for (uint32_t i = 0, n = list_len(v); i < n; ++i) {
      if (i) list += ", ";
      value(ev, v->arcs[i], list, shows_fields(v, o) ? 0 : level, o);  // re-indented below
    }
    list += "]";
    if (shows_fields(v, o)) {
      embedded_with_fields(ev, v, list, true, out, level, o);
    } else {
      out += list;
    }
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
  std::vector<std::string> used;
  CueOptions o = opts;
  o.imports_used = &used;
  std::string body;
  if (v->value || v->is_list || v->err) {
    value(ev, v, body, 0, o);
    body += '\n';
  } else {
    struct_body(ev, v, body, 0, o);
  }
  // As cue eval: the packages the output refers to are imported first, so that it reads back.
  if (used.size() == 1) {
    out += "import ";
    out += cue_quote(used[0]);
    out += "\n\n";
  } else if (!used.empty()) {
    out += "import (\n";
    for (const std::string& p : used) {
      out += '\t';
      out += cue_quote(p);
      out += '\n';
    }
    out += ")\n\n";
  }
  out += body;
}

}  // namespace cfgc::exporter
