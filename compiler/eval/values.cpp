// Value constructors, kinds and the short rendering of values used in messages.
#include <fmt/format.h>

#include "compiler/base/quote.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/syntax/literal.h"

namespace cfgc::eval {

std::string kind_name(uint16_t k) {
  if (k == kTop) return "_";
  if (k == kNoKind) return "_|_";
  if (k == kNumber) return "number";
  std::string out;
  auto add = [&](uint16_t bit, const char* name) {
    if (!(k & bit)) return;
    if (!out.empty()) out += "|";
    out += name;
  };
  add(kNull, "null");
  add(kBool, "bool");
  if ((k & kNumber) == kNumber) {
    add(kNumber, "number");
  } else {
    add(kInt, "int");
    add(kFloat, "float");
  }
  add(kString, "string");
  add(kBytes, "bytes");
  add(kStruct, "struct");
  add(kList, "list");
  return out;
}

uint16_t kind_of(const Value* v) {
  if (!v) return kTop;
  switch (v->vk) {
    case VK::Bottom: return kNoKind;
    case VK::Top: return kTop;
    case VK::Null: return kNull;
    case VK::Bool: return kBool;
    case VK::Num: return v->num.is_int() ? kInt : kFloat;
    case VK::String: return kString;
    case VK::Bytes: return kBytes;
    case VK::BasicType: return v->kinds;
    case VK::Bound:
      // As cue: the kind of the operand, any number for a number (>1 and !=3 also hold for
      // 1.5), anything but null for !=null; =~ takes strings (`'ab' & =~"b"` and
      // `5 & !="a"` are mismatched types).
      switch (v->op) {
        case syntax::Tok::Mat:
        case syntax::Tok::NMat: return kString;
        default: {
          uint16_t k = kind_of(v->arg);
          if (v->op == syntax::Tok::Neq && k == kNull) return kTop & ~kNull;
          return k & kNumber ? uint16_t(kNumber) : k;
        }
      }
    case VK::Validator:
      return v->validator && !v->validator->params.empty() ? v->validator->params[0]
                                                           : uint16_t(kTop);
    case VK::Conjunction: {
      uint16_t k = kTop;
      for (const Value* x : v->values) k &= kind_of(x);
      return k;
    }
    case VK::Disjunction: {
      uint16_t k = 0;
      for (const Value* x : v->values) k |= kind_of(x);
      return k;
    }
    case VK::Vertex: {
      const Vertex* x = v->vertex;
      if (x->status >= Status::Evaluated) {
        if (x->value) return kind_of(x->value);
        return x->is_list ? kList : kStruct;
      }
      return kTop;
    }
  }
  return kTop;
}

bool is_concrete(const Value* v) {
  if (!v) return false;
  switch (v->vk) {
    case VK::Null:
    case VK::Bool:
    case VK::Num:
    case VK::String:
    case VK::Bytes: return true;
    case VK::Vertex: return true;
    default: return false;
  }
}

LiteralExpr* literal_expr(Arena& arena, const syntax::Node* src, const Value& v) {
  Op op = v.vk == VK::Null                          ? Op::Null
          : v.vk == VK::Bool                        ? Op::Bool
          : v.vk == VK::Num                         ? Op::Num
          : v.vk == VK::String || v.vk == VK::Bytes ? Op::String
                                                    : Op::BasicType;
  auto* l = arena.make<LiteralExpr>(op);
  l->src = src;
  l->pos = src ? src->pos : Pos{};
  auto* value = arena.make<Value>(v);
  value->pos = l->pos;
  value->src = src;
  l->cached = value;
  l->is_const = true;
  return l;
}

Value* Evaluator::Impl::new_value(VK vk, Pos pos) {
  ++n_values;
  Value* v = arena.make<Value>();
  v->vk = vk;
  v->pos = pos;
  return v;
}

const Value* Evaluator::Impl::bottom(Pos pos, std::string msg, Bottom::Code code,
                                     std::vector<Pos> more) {
  if (quiet && code != Bottom::Incomplete) return quiet_bottom;
  Bottom* b = arena.make<Bottom>();
  b->code = code;
  b->message = arena.copy(msg);
  std::vector<Pos> all;
  if (pos.valid()) all.push_back(pos);
  for (Pos p : more) {
    if (p.valid() && std::find(all.begin(), all.end(), p) == all.end()) all.push_back(p);
  }
  b->positions = arena.copy(all);
  Value* v = new_value(VK::Bottom, pos);
  v->err = b;
  return v;
}

std::string Evaluator::Impl::type_name(const Value* v) {
  if (v && v->vk == VK::Vertex) return v->vertex->is_list ? "list" : "struct";
  return kind_name(kind_of(v));
}

std::string Evaluator::Impl::str(const Value* v) {
  if (!v) return "_";
  if (v->secret) return "(value given with -t)";
  switch (v->vk) {
    case VK::Bottom: return "_|_";
    case VK::Top: return "_";
    case VK::Null: return "null";
    case VK::Bool: return v->b ? "true" : "false";
    case VK::Num: {
      // In CUE syntax a float needs a point or an exponent (1.0, not 1, which reads as an int).
      std::string n = v->num.str();
      if (!v->num.is_int() && n.find_first_of(".eE") == std::string::npos) n += ".0";
      return n;
    }
    case VK::String: return cue_quote(v->str);
    case VK::Bytes: return cue_quote_bytes(v->str);
    case VK::BasicType: return kind_name(v->kinds);
    case VK::Bound: return std::string(syntax::tok_spelling(v->op)) + str(v->arg);
    case VK::Validator: {
      // By the name it is used with: json.Valid for encoding/json's Valid.
      std::string s = "validator";
      if (const Builtin* b = v->validator) {
        std::string_view pkg = b->pkg;
        pkg.remove_prefix(pkg.rfind('/') == std::string_view::npos ? 0 : pkg.rfind('/') + 1);
        s.assign(pkg);
        if (!s.empty()) s += '.';
        s += b->name;
      }
      if (!v->values.empty()) {
        s += "(";
        for (size_t i = 0; i < v->values.size(); ++i) {
          if (i) s += ", ";
          s += str(v->values[i]);
        }
        s += ")";
      }
      return s;
    }
    case VK::Conjunction: {
      std::string s;
      for (size_t i = 0; i < v->values.size(); ++i) {
        if (i) s += " & ";
        s += str(v->values[i]);
      }
      return s;
    }
    case VK::Disjunction: {
      std::string s;
      for (size_t i = 0; i < v->values.size(); ++i) {
        if (i) s += " | ";
        if (v->values[i]->is_default) s += "*";
        s += str(v->values[i]);
      }
      return s;
    }
    case VK::Vertex: {
      const Vertex* x = v->vertex;
      if (x->value) return str(x->value);
      return composite_str(x, 0);
    }
  }
  return "?";
}

// A list or struct as cue shows it in messages: compact ([10,20], {a:1,#d:"x"}), from what is
// already evaluated (no evaluation starts here: messages are written mid-evaluation), or
// [...]/{...} when it is not yet known or too large.
std::string Evaluator::Impl::composite_str(const Vertex* x, int depth) {
  std::string fallback = x->is_list ? "[...]" : "{...}";
  // A list being evaluated is shown once its elements are (a validator checking it names it:
  // `invalid value [1,2] (does not satisfy list.MinItems(3))`, as cue does).
  bool known = x->status == Status::Evaluated || x->status == Status::Finalized ||
               (x->is_list && x->status == Status::Evaluating);
  if (depth > 3 || !known) return fallback;
  std::string out = x->is_list ? "[" : "{";
  bool first = true;
  for (const Vertex* a : x->arcs) {
    LabelKind k = label_kind(a->label);
    if (k == LabelKind::Let || k == LabelKind::Hidden || k == LabelKind::HiddenDef) continue;
    if (a->arc != ArcType::Regular) continue;
    if (x->is_list && k != LabelKind::Index) continue;
    std::string literal;
    if (a->status != Status::Evaluated && a->status != Status::Finalized) {
      // An element not evaluated yet that is one literal (`[1,2]`) is that literal.
      const Expr* e = a->conjuncts.size == 1 ? a->conjuncts[0].expr : nullptr;
      if (!e || e->op < Op::Null || e->op > Op::String) return fallback;
      if (!e->cached) return fallback;
      literal = str(e->cached);
    }
    if (!first) out += ',';
    first = false;
    if (!x->is_list) out += label_for_path(a->label) + ":";
    if (!literal.empty()) {
      out += literal;
    } else {
      if (a->err) return fallback;
      out += a->value ? str(a->value) : composite_str(a, depth + 1);
    }
    if (out.size() > 120) return fallback;
  }
  out += x->is_list ? "]" : "}";
  return out;
}

// --- public constructors ---

const Value* Evaluator::bottom(Pos pos, std::string msg, Bottom::Code code, std::vector<Pos> more) {
  return impl_->bottom(pos, std::move(msg), code, std::move(more));
}
const Value* Evaluator::top() { return impl_->top_value; }
const Value* Evaluator::null_value(Pos pos) { return impl_->new_value(VK::Null, pos); }
const Value* Evaluator::boolean(bool b, Pos pos) {
  Value* v = impl_->new_value(VK::Bool, pos);
  v->b = b;
  return v;
}
const Value* Evaluator::number(Number n, Pos pos) {
  Value* v = impl_->new_value(VK::Num, pos);
  v->num = n;
  return v;
}
const Value* Evaluator::string(std::string_view s, Pos pos) {
  Value* v = impl_->new_value(VK::String, pos);
  v->str = arena_.copy(s);
  return v;
}
const Value* Evaluator::bytes(std::string_view s, Pos pos) {
  Value* v = impl_->new_value(VK::Bytes, pos);
  v->str = arena_.copy(s);
  return v;
}
const Value* Evaluator::basic_type(uint16_t kinds, Pos pos) {
  Value* v = impl_->new_value(VK::BasicType, pos);
  v->kinds = kinds;
  return v;
}
const Value* Evaluator::vertex_value(Vertex* x, Pos pos) {
  if (!pos.valid()) {
    // Without a position of its own, one shared value per vertex does.
    if (!x->self) {
      Value* v = impl_->new_value(VK::Vertex, pos);
      v->vertex = x;
      x->self = v;
    }
    return x->self;
  }
  Value* v = impl_->new_value(VK::Vertex, pos);
  v->vertex = x;
  return v;
}

const Value* Evaluator::Impl::label_string(Feature f) {
  auto [it, fresh] = label_strings.try_emplace(f, nullptr);
  if (fresh) {
    Value* v = new_value(VK::String);
    v->str = label_name(f);  // the label table outlives every evaluation
    it->second = v;
  }
  return it->second;
}
std::string Evaluator::value_str(const Value* v) { return impl_->str(v); }

}  // namespace cfgc::eval
