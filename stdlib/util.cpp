#include "stdlib/util.h"

#include <charconv>
#include <cmath>

namespace cfgc::stdlib {

using namespace cfgc::eval;

// --- registration ---

namespace {

void add(std::string pkg, std::string name, std::vector<uint16_t> params, uint16_t result,
         bool validator, std::string doc, Fn fn) {
  Builtin b;
  b.pkg = std::move(pkg);
  b.name = std::move(name);
  b.params = std::move(params);
  b.result = result;
  b.validator = validator;
  b.fn = std::move(fn);
  b.doc = std::move(doc);
  register_builtin(std::move(b));
}

}  // namespace

void def(std::string pkg, std::string name, std::vector<uint16_t> params, uint16_t result,
         std::string doc, Fn fn) {
  add(std::move(pkg), std::move(name), std::move(params), result, false, std::move(doc),
      std::move(fn));
}

void def_validator(std::string pkg, std::string name, std::vector<uint16_t> params, std::string doc,
                   Fn fn) {
  // The arguments after the checked value come from a partial application such as
  // strings.MinRunes(3), which the evaluator does not kind-check: check them here.
  std::vector<uint16_t> kinds = params;
  Fn checked = [kinds, fn = std::move(fn)](CallContext& c, Args a) -> const Value* {
    for (size_t i = 1; i < a.size() && i < kinds.size(); ++i) {
      if (kinds[i] == kTop) continue;
      uint16_t k = a[i]->vk == VK::Vertex ? uint16_t(a[i]->vertex->is_list ? kList : kStruct)
                                          : kind_of(a[i]);
      if (!(k & kinds[i])) {
        return c.ev.bottom(c.pos, fmt::format("cannot use {} (type {}) as {} in argument {} to {}",
                                              c.ev.value_str(a[i]), type_of(a[i]),
                                              kind_name(kinds[i]), i + 1, c.name));
      }
    }
    return fn(c, a);
  };
  add(std::move(pkg), std::move(name), std::move(params), kBool, true, std::move(doc),
      std::move(checked));
}

void def_const(std::string pkg, std::string name, uint16_t result, std::string doc, Fn fn) {
  add(std::move(pkg), std::move(name), {}, result, false, std::move(doc), std::move(fn));
}

// --- errors ---

namespace {
// The name as written in CUE: "yaml.Marshal" for "encoding/yaml.Marshal".
std::string_view short_name(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  size_t slash = qualified.rfind('/', dot);
  return slash == std::string_view::npos ? qualified : qualified.substr(slash + 1);
}
}  // namespace

const Value* fail(CallContext& c, std::string_view msg) {
  return c.ev.bottom(c.pos, fmt::format("{}: {}", short_name(c.name), msg));
}

const Value* incomplete(CallContext& c, std::string_view msg) {
  return c.ev.incomplete(c.pos, fmt::format("{}: {}", short_name(c.name), msg));
}

// --- arguments ---

int64_t int_of(const Value* v) {
  if (v->num.fits_int64()) return v->num.int_value();
  return v->num.int128_value() < 0 ? INT64_MIN : INT64_MAX;
}

std::string type_of(const Value* v) {
  if (v->vk == VK::Vertex) return v->vertex->is_list ? "list" : "struct";
  return kind_name(kind_of(v));
}

const Value* list_elems(CallContext& c, const Value* list, std::vector<const Value*>& out,
                        uint16_t want, int argno) {
  for (Vertex* a : c.ev.list_elements(list->vertex)) {
    size_t i = out.size();
    const Value* x = c.ev.resolve(c.ev.vertex_value(a));
    if (x->vk == VK::Bottom) return x;
    if (!is_concrete(x)) {
      return incomplete(c, fmt::format("element {} of argument {} is not concrete: {}", i, argno,
                                       c.ev.value_str(x)));
    }
    uint16_t k = x->vk == VK::Vertex ? uint16_t(x->vertex->is_list ? kList : kStruct) : kind_of(x);
    if (!(k & want)) {
      return failf(c, "element {} of argument {} is {} ({}), want {}", i, argno, c.ev.value_str(x),
                   type_of(x), kind_name(want));
    }
    out.push_back(x);
  }
  return nullptr;
}

const Value* string_elems(CallContext& c, const Value* list, std::vector<std::string_view>& out,
                          int argno) {
  std::vector<const Value*> xs;
  if (const Value* e = list_elems(c, list, xs, kString, argno)) return e;
  for (const Value* x : xs) out.push_back(x->str);
  return nullptr;
}

const Value* number_elems(CallContext& c, const Value* list, std::vector<Number>& out, int argno) {
  std::vector<const Value*> xs;
  if (const Value* e = list_elems(c, list, xs, kNumber, argno)) return e;
  for (const Value* x : xs) out.push_back(x->num);
  return nullptr;
}

namespace {

// The path of the labels in `path`, as error messages print it ("a.b.0").
std::string path_text(const std::vector<eval::Feature>& path) {
  std::string out;
  for (eval::Feature f : path) {
    if (!out.empty()) out += '.';
    out += label_for_path(f);
  }
  return out;
}

// Returns the first problem below v (an error, or an incomplete error for a value that is not
// concrete), or nullptr. `path` holds the labels from the argument down to v; it is only turned
// into text when there is a problem to report (the walk visits every field of, say, a device's
// whole configuration handed to a template).
const Value* first_problem(CallContext& c, const Value* v, std::vector<eval::Feature>& path) {
  if (v->vk == VK::Bottom) return v;
  if (path.size() > 1000) return fail(c, "value too deeply nested");
  if (!is_concrete(v)) {
    std::string where = path.empty() ? "" : fmt::format(" (at {})", path_text(path));
    if (v->vk == VK::Disjunction) {
      return incomplete(
          c, fmt::format("incomplete value {}{}: ambiguous disjunction", c.ev.value_str(v), where));
    }
    return incomplete(c, fmt::format("incomplete value {}{}", c.ev.value_str(v), where));
  }
  if (v->vk != VK::Vertex) return nullptr;
  Vertex* t = v->vertex;
  c.ev.evaluate(t);
  for (Vertex* a : t->arcs) {
    if (!is_index(a->label)) {
      if (a->arc == ArcType::Optional) continue;
      if (label_kind(a->label) != LabelKind::Regular) continue;
      if (a->arc == ArcType::Required) {
        return incomplete(
            c, fmt::format("field {} is required but not present", label_for_path(a->label)));
      }
    }
    path.push_back(a->label);
    const Value* e = first_problem(c, c.ev.resolve(c.ev.vertex_value(a)), path);
    path.pop_back();
    if (e) return e;
  }
  return nullptr;
}

}  // namespace

const Value* check_concrete(CallContext& c, const Value* v) {
  std::vector<eval::Feature> path;
  return first_problem(c, c.ev.resolve(v), path);
}

const Value* validate_against(CallContext& c, const Value* data, const Value* schema,
                              bool concrete) {
  const Value* parts[] = {data, schema};
  Vertex* n = c.ev.unify_values(parts, c.pos);
  auto errs = c.ev.errors(n, concrete);
  if (errs.empty()) return nullptr;
  const Diagnostic& d = errs[0];
  std::string msg = d.path.empty() ? d.message : d.path + ": " + d.message;
  if (errs.size() > 1) msg += fmt::format(" (and {} more errors)", errs.size() - 1);
  return fail(c, msg);
}

// --- results ---

const Value* make_list(CallContext& c, const std::vector<const Value*>& elems) {
  return c.ev.vertex_value(c.ev.new_list(elems), c.pos);
}

const Value* string_list(CallContext& c, const std::vector<std::string>& elems) {
  std::vector<const Value*> vs;
  vs.reserve(elems.size());
  for (const std::string& s : elems) vs.push_back(c.ev.string(s, c.pos));
  return make_list(c, vs);
}

const Value* int_list(CallContext& c, const std::vector<int64_t>& elems) {
  std::vector<const Value*> vs;
  vs.reserve(elems.size());
  for (int64_t i : elems) vs.push_back(c.ev.integer(i, c.pos));
  return make_list(c, vs);
}

const Value* make_struct(CallContext& c,
                         const std::vector<std::pair<std::string, const Value*>>& fields) {
  return c.ev.vertex_value(c.ev.new_struct(fields), c.pos);
}

// --- numbers ---

Result<Number> number_from_double(double d) {
  if (std::isnan(d)) {
    return Error{"result is not a number (NaN)"};
  }
  if (std::isinf(d)) {
    return Error{"result is infinite"};
  }
  if (d == 0) return Number::from_decimal(Decimal{0, 0});
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);  // -1.2345e+03
  bool neg = s[0] == '-';
  if (neg) s.remove_prefix(1);
  size_t e = s.find('e');
  std::string digits;
  for (char ch : s.substr(0, e)) {
    if (ch != '.') digits += ch;
  }
  int exp10 = std::stoi(std::string(s.substr(e + 1)));
  // value = 0.d1d2…dn × 10^(exp10+1) = d1d2…dn × 10^(exp10 - n + 1)
  int exp = exp10 - static_cast<int>(digits.size()) + 1;
  int128 coeff = 0;
  for (char ch : digits) coeff = coeff * 10 + (ch - '0');
  // Integral values of up to 21 digits are written out in full (1500, not 1.5E+3).
  while (exp > 0 && exp10 < 21) {
    coeff *= 10;
    --exp;
  }
  return Number::from_decimal(Decimal{neg ? -coeff : coeff, exp});
}

const Value* float_result(CallContext& c, double d) {
  Result<Number> n = number_from_double(d);
  if (!n) return fail(c, n.error().message);
  return c.ev.number(*n, c.pos);
}

}  // namespace cfgc::stdlib
