// Package list: slicing, sorting, aggregates and list constraints.
//
// Comparers (list.Sort, list.SortStable, list.IsSorted) are structs as in CUE: {x: T, y: T,
// less: bool}, where less reports x < y. list.Ascending and list.Descending are such structs
// ({x: number | string, y: number | string, less: x < y} and x > y); they are recognised and
// compared directly, while any other comparer is evaluated once per comparison with x and y
// unified with the two elements.
#include <algorithm>

#include "compiler/eval/ir.h"
#include "compiler/eval/label.h"
#include "stdlib/packages.h"
#include "stdlib/util.h"

namespace cfgc::stdlib {

namespace {

using namespace cfgc::eval;

constexpr size_t kMaxElems = 10'000'000;

std::vector<const Value*> raw_elems(CallContext& c, const Value* list) {
  std::vector<const Value*> out;
  for (Vertex* a : c.ev.list_elements(list->vertex)) out.push_back(c.ev.vertex_value(a, c.pos));
  return out;
}

// --- comparers ---

// The IR of list.Ascending and list.Descending: {x: number | string, y: number | string,
// less: x < y} (or x > y). Built once and shared by every evaluation, like a compiled schema
// (immutable: nothing in it is constant-folded or cached), so that sorting recognises these
// comparers by the identity of their `less` expression and compares directly.
struct ComparerIR {
  const StructExpr* s = nullptr;
  const Expr* less = nullptr;
};

ComparerIR make_comparer_ir(Arena& A, bool ascending) {
  Feature fx = intern_label("x"), fy = intern_label("y"), fless = intern_label("less");
  auto type = [&] {
    Value v;
    v.vk = VK::BasicType;
    v.kinds = kNumber | kString;
    return literal_expr(A, nullptr, v);
  };
  auto ref = [&](Feature f, std::string_view name) {
    auto* r = A.make<RefExpr>(Op::FieldRef);
    r->up = 0;
    r->label = f;
    r->name = name;
    return r;
  };
  auto* less = A.make<BinaryExpr>(Op::Binary);
  less->tok = ascending ? syntax::Tok::Lss : syntax::Tok::Gtr;
  less->x = ref(fx, "x");
  less->y = ref(fy, "y");
  std::vector<Decl> decls(3);
  decls[0].label = fx;
  decls[0].value = type();
  decls[1].label = fy;
  decls[1].value = type();
  decls[2].label = fless;
  decls[2].value = less;
  auto* s = A.make<StructExpr>(Op::Struct);
  s->decls = A.copy(decls);
  return {s, less};
}

// One IR per evaluator: evaluating it caches values on its nodes, which live in that
// evaluator's arena (a process-wide IR would keep pointers into the arena of an instance
// already evaluated and freed, under `cfgc eval ./...`, and be shared between threads).
const ComparerIR& comparer_ir(Evaluator& ev, bool ascending) {
  static const char ascending_tag = 0, descending_tag = 0;
  void*& slot = ev.builtin_slot(ascending ? &ascending_tag : &descending_tag);
  if (!slot) slot = ev.arena().make<ComparerIR>(make_comparer_ir(ev.arena(), ascending));
  return *static_cast<const ComparerIR*>(slot);
}

const Value* builtin_comparer(CallContext& c, bool ascending) {
  const Expr* parts[] = {comparer_ir(c.ev, ascending).s};
  return c.ev.vertex_value(c.ev.new_unification(parts, c.pos), c.pos);
}

enum class Order { General, Ascending, Descending };

// Whether cmp is list.Ascending or list.Descending (its `less` is theirs).
Order order_of(Evaluator& ev, Vertex* cmp) {
  ev.evaluate(cmp);
  Vertex* less = cmp->lookup(intern_label("less"));
  if (!less || less->conjuncts.size != 1) return Order::General;
  const Expr* e = less->conjuncts[0].expr;
  if (e == comparer_ir(ev, true).less) return Order::Ascending;
  if (e == comparer_ir(ev, false).less) return Order::Descending;
  return Order::General;
}

class Sorter {
 public:
  Sorter(CallContext& c, const Value* cmp)
      : c_(c), cmp_(cmp->vertex), order_(order_of(c.ev, cmp->vertex)) {}

  // x < y by the comparer; sets error() on failure.
  bool less(const Value* x, const Value* y) {
    if (err_) return false;
    if (order_ != Order::General) return direct(x, y);
    Arena& A = c_.ev.arena();
    std::vector<Decl> decls(2);
    decls[0].label = intern_label("x");
    decls[0].value = c_.ev.vertex_expr(x->vertex, c_.pos);
    decls[1].label = intern_label("y");
    decls[1].value = c_.ev.vertex_expr(y->vertex, c_.pos);
    auto* s = A.make<StructExpr>(Op::Struct);
    s->decls = A.copy(decls);
    s->pos = c_.pos;
    const Expr* parts[] = {c_.ev.vertex_expr(cmp_, c_.pos), s};
    Vertex* n = c_.ev.new_unification(parts, c_.pos);
    c_.ev.evaluate(n);
    if (n->err) {
      Value* b = const_cast<Value*>(c_.ev.bottom(c_.pos, ""));
      b->err = n->err;
      err_ = b;
      return false;
    }
    Vertex* l = n->lookup(intern_label("less"));
    if (!l) {
      err_ = fail(c_, "the comparer has no field less (want {x: T, y: T, less: bool})");
      return false;
    }
    const Value* r = c_.ev.resolve(c_.ev.vertex_value(l, c_.pos));
    if (r->vk == VK::Bottom) {
      err_ = r;
      return false;
    }
    if (r->vk != VK::Bool) {
      err_ = is_concrete(r) ? failf(c_, "the comparer's less is {}, not a bool", c_.ev.value_str(r))
                            : incomplete(c_, fmt::format("the comparer's less is not concrete: {}",
                                                         c_.ev.value_str(r)));
      return false;
    }
    return r->b;
  }

  const Value* error() const { return err_; }

 private:
  bool direct(const Value* xv, const Value* yv) {
    const Value* x = c_.ev.resolve(xv);
    const Value* y = c_.ev.resolve(yv);
    for (const Value* v : {x, y}) {
      if (v->vk == VK::Bottom) {
        err_ = v;
        return false;
      }
      if (!is_concrete(v)) {
        err_ = incomplete(c_, fmt::format("cannot sort incomplete value {}", c_.ev.value_str(v)));
        return false;
      }
    }
    int cmp;
    if (x->vk == VK::Num && y->vk == VK::Num) {
      cmp = Number::compare(x->num, y->num);
    } else if (x->vk == VK::String && y->vk == VK::String) {
      cmp = x->str.compare(y->str);
    } else {
      err_ =
          failf(c_, "cannot compare {} and {} (types {} and {}; list.{} orders numbers or strings)",
                c_.ev.value_str(x), c_.ev.value_str(y), type_of(x), type_of(y),
                order_ == Order::Ascending ? "Ascending" : "Descending");
      return false;
    }
    return order_ == Order::Ascending ? cmp < 0 : cmp > 0;
  }

  CallContext& c_;
  Vertex* cmp_;
  Order order_;
  const Value* err_ = nullptr;
};

const Value* sort_list(CallContext& c, Args a) {
  if (!is_struct(a[1]))
    return failf(c, "the comparer must be a struct {{x: T, y: T, less: bool}}, not {}",
                 type_of(a[1]));
  std::vector<const Value*> xs = raw_elems(c, a[0]);
  Sorter s(c, a[1]);
  std::stable_sort(xs.begin(), xs.end(),
                   [&](const Value* x, const Value* y) { return s.less(x, y); });
  if (s.error()) return s.error();
  return make_list(c, xs);
}

// --- equality keys for UniqueItems ---

void canonical(Evaluator& ev, const Value* v, std::string& out, int depth) {
  v = ev.resolve(v);
  if (depth > 1000) {
    out += "…";
    return;
  }
  switch (v->vk) {
    case VK::Null: out += "null"; return;
    case VK::Bool: out += v->b ? "true" : "false"; return;
    case VK::Num: {
      Decimal d = v->num.decimal();
      int128 k = d.coeff;
      int64_t e = d.exp;
      while (k != 0 && k % 10 == 0) {
        k /= 10;
        ++e;
      }
      if (k == 0) e = 0;
      out += fmt::format("{}e{}", Number::from_decimal(Decimal{k, 0}).str(), e);
      return;
    }
    case VK::String: out += fmt::format("s{}:{}", v->str.size(), v->str); return;
    case VK::Bytes: out += fmt::format("b{}:{}", v->str.size(), v->str); return;
    case VK::Vertex: {
      auto fields = ev.regular_fields(v->vertex);
      if (v->vertex->is_list) {
        out += '[';
        for (Vertex* f : fields) {
          canonical(ev, ev.vertex_value(f), out, depth + 1);
          out += ',';
        }
        out += ']';
        return;
      }
      std::sort(fields.begin(), fields.end(),
                [](Vertex* x, Vertex* y) { return label_name(x->label) < label_name(y->label); });
      out += '{';
      for (Vertex* f : fields) {
        std::string_view name = label_name(f->label);
        out += fmt::format("{}:{}=", name.size(), name);
        canonical(ev, ev.vertex_value(f), out, depth + 1);
        out += ',';
      }
      out += '}';
      return;
    }
    default: out += fmt::format("?{}", static_cast<const void*>(v)); return;
  }
}

const Value* sum(CallContext& c, const std::vector<Number>& xs, bool product) {
  Number acc = Number::from_int(product ? 1 : 0);
  for (const Number& x : xs) {
    auto r = product ? Number::mul(acc, x) : Number::add(acc, x);
    if (!r) return fail(c, r.error().message);
    acc = *r;
  }
  return c.ev.number(acc, c.pos);
}

// The smallest (sign -1) or largest (sign 1) number of a non-empty list.
const Value* extreme(CallContext& c, const Value* list, int sign) {
  std::vector<Number> xs;
  if (const Value* e = number_elems(c, list, xs)) return e;
  if (xs.empty()) return fail(c, "empty list");
  Number m = xs[0];
  for (const Number& x : xs) {
    if (Number::compare(x, m) * sign > 0) m = x;
  }
  return c.ev.number(m, c.pos);
}

}  // namespace

void register_list() {
  const std::string P = "list";
  const uint16_t L = kList, I = kInt;

  def_const(P, "Ascending", kStruct,
            "comparer for Sort and IsSorted: numbers or strings in increasing order "
            "({x: number | string, y: number | string, less: x < y})",
            [](CallContext& c, Args) { return builtin_comparer(c, true); });
  def_const(P, "Descending", kStruct,
            "comparer for Sort and IsSorted: numbers or strings in decreasing order",
            [](CallContext& c, Args) { return builtin_comparer(c, false); });

  def(P, "Concat", {L}, L, "the concatenation of a list of lists",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<const Value*> out;
        size_t i = 0;
        for (Vertex* l : c.ev.list_elements(a[0]->vertex)) {
          const Value* x = c.ev.resolve(c.ev.vertex_value(l));
          if (x->vk == VK::Bottom) return x;
          if (!is_list(x)) {
            if (!is_concrete(x)) return incomplete(c, fmt::format("element {} is not concrete", i));
            return failf(c, "element {} is {} ({}), not a list", i, c.ev.value_str(x), type_of(x));
          }
          for (const Value* e : raw_elems(c, x)) out.push_back(e);
          ++i;
        }
        return make_list(c, out);
      });
  def(P, "Contains", {L, kTop}, kBool,
      "whether the value is an element of the list (deep equality)",
      [](CallContext& c, Args a) -> const Value* {
        if (const Value* e = check_concrete(c, a[1])) return e;
        for (const Value* x : raw_elems(c, a[0])) {
          if (c.ev.equal_data(x, a[1])) return c.ev.boolean(true, c.pos);
        }
        return c.ev.boolean(false, c.pos);
      });
  def(P, "Drop", {L, I}, L, "Drop(x, n): the list without its first n elements ([] if n > len(x))",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0) return failf(c, "negative index {}", n);
        auto xs = raw_elems(c, a[0]);
        if (static_cast<size_t>(n) > xs.size()) n = static_cast<int64_t>(xs.size());
        return make_list(c, std::vector<const Value*>(xs.begin() + n, xs.end()));
      });
  def(P, "Take", {L, I}, L,
      "Take(x, n): the first n elements of the list (all of them if n > len(x))",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0) return failf(c, "negative index {}", n);
        auto xs = raw_elems(c, a[0]);
        if (static_cast<size_t>(n) > xs.size()) n = static_cast<int64_t>(xs.size());
        return make_list(c, std::vector<const Value*>(xs.begin(), xs.begin() + n));
      });
  def(P, "Slice", {L, I, I}, L, "Slice(x, i, j): the elements from index i up to (not including) j",
      [](CallContext& c, Args a) -> const Value* {
        int64_t i = int_of(a[1]), j = int_of(a[2]);
        auto xs = raw_elems(c, a[0]);
        if (i < 0) return failf(c, "negative index {}", i);
        if (i > j) return failf(c, "invalid slice index: {} > {}", i, j);
        if (j > static_cast<int64_t>(xs.size())) {
          return failf(c, "slice bounds out of range [{}:{}] with length {}", i, j, xs.size());
        }
        return make_list(c, std::vector<const Value*>(xs.begin() + i, xs.begin() + j));
      });
  def(P, "FlattenN", {L, I}, L,
      "FlattenN(xs, depth): the list with elements that are lists expanded, depth levels deep (all "
      "levels if depth < 0)",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<const Value*> out;
        const Value* err = nullptr;
        auto flatten = [&](auto& self, const Value* l, int64_t depth, int level) -> void {
          if (level > 1000) {
            err = fail(c, "list too deeply nested");
            return;
          }
          for (const Value* e : raw_elems(c, l)) {
            if (err) return;
            const Value* x = c.ev.resolve(e);
            if (x->vk == VK::Bottom) {
              err = x;
              return;
            }
            if (depth != 0 && is_list(x)) {
              self(self, x, depth - 1, level + 1);
            } else {
              out.push_back(e);
            }
          }
        };
        flatten(flatten, a[0], int_of(a[1]), 0);
        if (err) return err;
        return make_list(c, out);
      });
  def(P, "Range", {kNumber, kNumber, kNumber}, L,
      "Range(start, limit, step): the numbers from start up to (not including) limit by step "
      "(Range(0, 5, 2) is [0, 2, 4]; a negative step counts down)",
      [](CallContext& c, Args a) -> const Value* {
        const Number& start = a[0]->num;
        const Number& limit = a[1]->num;
        const Number& step = a[2]->num;
        int sign = Number::compare(step, Number::from_int(0));
        if (sign == 0) return fail(c, "step must be non-zero");
        if (sign > 0 && Number::compare(start, limit) > 0) {
          return fail(c, "end must be greater than start when step is positive");
        }
        if (sign < 0 && Number::compare(start, limit) < 0) {
          return fail(c, "end must be less than start when step is negative");
        }
        std::vector<const Value*> out;
        Number n = start;
        while (sign > 0 ? Number::compare(n, limit) < 0 : Number::compare(n, limit) > 0) {
          if (out.size() >= kMaxElems) return failf(c, "more than {} elements", kMaxElems);
          out.push_back(c.ev.number(n, c.pos));
          auto next = Number::add(n, step);
          if (!next) return fail(c, next.error().message);
          n = *next;
        }
        return make_list(c, out);
      });
  def(P, "Repeat", {L, I}, L, "Repeat(x, count): count copies of the list, concatenated",
      [](CallContext& c, Args a) -> const Value* {
        int64_t n = int_of(a[1]);
        if (n < 0) return failf(c, "negative count {}", n);
        auto xs = raw_elems(c, a[0]);
        if (!xs.empty() && static_cast<uint64_t>(n) > kMaxElems / xs.size()) {
          return failf(c, "more than {} elements", kMaxElems);
        }
        std::vector<const Value*> out;
        for (int64_t i = 0; i < n; ++i) out.insert(out.end(), xs.begin(), xs.end());
        return make_list(c, out);
      });
  def(P, "Reverse", {L}, L, "the list in reverse order", [](CallContext& c, Args a) {
    auto xs = raw_elems(c, a[0]);
    std::reverse(xs.begin(), xs.end());
    return make_list(c, xs);
  });
  def(P, "Sort", {L, kStruct}, L,
      "Sort(list, cmp): the list sorted by the comparer (list.Ascending, list.Descending, or "
      "{x: T, y: T, less: bool}); stable: equal elements keep their order",
      sort_list);
  def(P, "SortStable", {L, kStruct}, L, "as Sort (which is stable too)", sort_list);
  def(P, "SortStrings", {L}, L, "a list of strings in increasing (byte-wise) order",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<std::string_view> xs;
        if (const Value* e = string_elems(c, a[0], xs)) return e;
        std::stable_sort(xs.begin(), xs.end());
        std::vector<std::string> out(xs.begin(), xs.end());
        return string_list(c, out);
      });
  def(P, "IsSorted", {L, kStruct}, kBool,
      "IsSorted(list, cmp): whether the list is sorted by the comparer",
      [](CallContext& c, Args a) -> const Value* {
        if (!is_struct(a[1]))
          return failf(c, "the comparer must be a struct, not {}", type_of(a[1]));
        auto xs = raw_elems(c, a[0]);
        Sorter s(c, a[1]);
        bool sorted = true;
        for (size_t i = 1; i < xs.size() && sorted; ++i) sorted = !s.less(xs[i], xs[i - 1]);
        if (s.error()) return s.error();
        return c.ev.boolean(sorted, c.pos);
      });
  def(P, "IsSortedStrings", {L}, kBool, "whether a list of strings is in increasing order",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<std::string_view> xs;
        if (const Value* e = string_elems(c, a[0], xs)) return e;
        return c.ev.boolean(std::is_sorted(xs.begin(), xs.end()), c.pos);
      });
  def(P, "Sum", {L}, kNumber, "the sum of a list of numbers (0 for [])",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<Number> xs;
        if (const Value* e = number_elems(c, a[0], xs)) return e;
        return sum(c, xs, false);
      });
  def(P, "Product", {L}, kNumber, "the product of a list of numbers (1 for [])",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<Number> xs;
        if (const Value* e = number_elems(c, a[0], xs)) return e;
        return sum(c, xs, true);
      });
  def(P, "Min", {L}, kNumber, "the smallest number of a non-empty list",
      [](CallContext& c, Args a) { return extreme(c, a[0], -1); });
  def(P, "Max", {L}, kNumber, "the largest number of a non-empty list",
      [](CallContext& c, Args a) { return extreme(c, a[0], 1); });
  def(P, "Avg", {L}, kNumber,
      "the average of a non-empty list of numbers (a float, 34 significant digits)",
      [](CallContext& c, Args a) -> const Value* {
        std::vector<Number> xs;
        if (const Value* e = number_elems(c, a[0], xs)) return e;
        if (xs.empty()) return fail(c, "empty list");
        const Value* s = sum(c, xs, false);
        if (s->vk == VK::Bottom) return s;
        auto r = Number::div(s->num, Number::from_int(static_cast<int64_t>(xs.size())));
        if (!r) return fail(c, r.error().message);
        return c.ev.number(*r, c.pos);
      });
  def_validator(P, "UniqueItems", {L}, "no two elements of the list are equal",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_list(a[0])) return failf(c, "{} is not a list", c.ev.value_str(a[0]));
                  std::vector<std::pair<std::string, size_t>> keys;  // canonical form, index
                  std::vector<const Value*> elems = raw_elems(c, a[0]);
                  for (size_t i = 0; i < elems.size(); ++i) {
                    std::string k;
                    canonical(c.ev, elems[i], k, 0);
                    keys.emplace_back(std::move(k), i);
                  }
                  std::stable_sort(keys.begin(), keys.end(),
                                   [](const auto& x, const auto& y) { return x.first < y.first; });
                  // Name the first duplicate, so the message says what clashes.
                  size_t first = elems.size(), second = 0;
                  for (size_t k = 1; k < keys.size(); ++k) {
                    if (keys[k].first != keys[k - 1].first) continue;
                    if (keys[k].second < first) {
                      first = keys[k - 1].second;
                      second = keys[k].second;
                    }
                  }
                  if (first < elems.size()) {
                    if (!c.validating) return c.ev.boolean(false, c.pos);
                    return failf(c, "elements {} and {} are both {}", first, second,
                                 c.ev.value_str(c.ev.resolve(elems[first])));
                  }
                  return c.ev.boolean(true, c.pos);
                });
  def_validator(P, "MinItems", {L, I}, "the list has at least n elements (list.MinItems(1))",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_list(a[0])) return failf(c, "{} is not a list", c.ev.value_str(a[0]));
                  size_t n = c.ev.list_elements(a[0]->vertex).size();
                  int64_t min = int_of(a[1]);
                  if (static_cast<int64_t>(n) >= min) return c.ev.boolean(true, c.pos);
                  // An open list ([...string]) may still get its elements (cue v0.6).
                  if (a[0]->vertex->list_open) {
                    return incomplete(
                        c,
                        fmt::format("len(list) < MinItems({}) ({} < {}) so far: the list is open",
                                    min, n, min));
                  }
                  return failf(c, "len(list) < MinItems({}) ({} < {})", min, n, min);
                });
  def_validator(P, "MaxItems", {L, I}, "the list has at most n elements (list.MaxItems(4))",
                [](CallContext& c, Args a) -> const Value* {
                  if (!is_list(a[0])) return failf(c, "{} is not a list", c.ev.value_str(a[0]));
                  size_t n = c.ev.list_elements(a[0]->vertex).size();
                  int64_t max = int_of(a[1]);
                  if (static_cast<int64_t>(n) <= max) return c.ev.boolean(true, c.pos);
                  return failf(c, "len(list) > MaxItems({}) ({} > {})", max, n, max);
                });
}

}  // namespace cfgc::stdlib
