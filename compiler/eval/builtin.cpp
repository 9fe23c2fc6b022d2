// The builtin registry and the core builtins: len, close, and, or, div, mod, quo, rem.
#include "compiler/eval/builtin.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <mutex>

#include "compiler/eval/evaluator.h"

namespace cfgc::eval {

namespace {

struct Registry {
  std::mutex mu;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Builtin>> fns;
  std::map<std::string, int> packages;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_builtin(Builtin b) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  auto key = std::make_pair(b.pkg, b.name);
  if (r.fns.count(key)) return;
  if (!b.pkg.empty()) r.packages[b.pkg]++;
  r.fns.emplace(key, std::make_unique<Builtin>(std::move(b)));
}

const Builtin* find_builtin(std::string_view pkg, std::string_view name) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  auto it = r.fns.find({std::string(pkg), std::string(name)});
  return it == r.fns.end() ? nullptr : it->second.get();
}

bool has_builtin_package(std::string_view pkg) {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  return r.packages.count(std::string(pkg)) > 0;
}

std::vector<const Builtin*> all_builtins() {
  Registry& r = registry();
  std::lock_guard lock(r.mu);
  std::vector<const Builtin*> out;
  for (auto& [k, b] : r.fns) out.push_back(b.get());
  return out;
}

namespace {

const Value* int_op(CallContext& c, std::span<const Value*> a, bool div, bool euclid) {
  for (const Value* v : a) {
    if (v->vk != VK::Num || !v->num.is_int()) {
      return c.ev.bottom(
          v->pos, fmt::format("{}: argument {} is not an integer", c.name, c.ev.value_str(v)));
    }
  }
  auto r = div ? int_div(a[0]->num, a[1]->num, euclid) : int_mod(a[0]->num, a[1]->num, euclid);
  if (!r) return c.ev.bottom(c.pos, fmt::format("{}: {}", c.name, r.error().message));
  return c.ev.number(*r, c.pos);
}

}  // namespace

void register_core_builtins() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_builtin(
        {"",
         "len",
         {kString | kBytes | kList | kStruct},
         false,
         kInt,
         false,
         [](CallContext& c, std::span<const Value*> a) -> const Value* {
           const Value* x = a[0];
           if (x->vk == VK::String || x->vk == VK::Bytes) return c.ev.integer(x->str.size(), c.pos);
           Vertex* v = x->vertex;
           c.ev.evaluate(v);
           if (v->is_list) return c.ev.integer(list_len(v), c.pos);
           int64_t n = 0;
           for (Vertex* f : v->arcs) {
             if (f->arc == ArcType::Regular && label_kind(f->label) == LabelKind::Regular) ++n;
           }
           return c.ev.integer(n, c.pos);
         },
         "length of a string or bytes (in bytes), a list, or a struct (regular fields)"});
    register_builtin({"",
                      "close",
                      {kStruct},
                      false,
                      kStruct,
                      false,
                      [](CallContext& c, std::span<const Value*> a) -> const Value* {
                        const Expr* parts[] = {c.ev.vertex_expr(a[0]->vertex, {})};
                        Vertex* v = c.ev.new_unification(parts, c.pos);
                        v->closed = true;
                        return c.ev.vertex_value(v, c.pos);
                      },
                      "closes a struct: no fields other than its own may be added"});
    register_builtin({"",
                      "and",
                      {kList},
                      false,
                      kTop,
                      false,
                      [](CallContext& c, std::span<const Value*> a) -> const Value* {
                        std::vector<const Expr*> parts;
                        for (Vertex* e : a[0]->vertex->arcs)
                          parts.push_back(c.ev.vertex_expr(e, {}));
                        Vertex* v = c.ev.new_unification(parts, c.pos);
                        c.ev.evaluate(v);
                        return c.ev.vertex_value(v, c.pos);
                      },
                      "unifies all elements of a list"});
    register_builtin({"",
                      "or",
                      {kList},
                      false,
                      kTop,
                      false,
                      [](CallContext& c, std::span<const Value*> a) -> const Value* {
                        Vertex* l = a[0]->vertex;
                        std::vector<const Value*> alts;
                        for (Vertex* e : l->arcs)
                          alts.push_back(c.ev.resolve(c.ev.vertex_value(e)));
                        // No alternative yet: incomplete (a definition that is never used is fine).
                        if (alts.empty()) {
                          return c.ev.bottom(c.pos, "or: empty list: no alternatives",
                                             Bottom::Incomplete);
                        }
                        if (alts.size() == 1) return alts[0];
                        Value* d = c.ev.arena().make<Value>();
                        d->vk = VK::Disjunction;
                        d->pos = c.pos;
                        std::vector<const Value*> copy(alts);
                        d->values = c.ev.arena().copy(copy);
                        return d;
                      },
                      "a disjunction of all elements of a list"});
    register_builtin({"",
                      "error",
                      {kString},
                      false,
                      kTop,
                      false,
                      [](CallContext& c, std::span<const Value*> a) -> const Value* {
                        const Value* e = c.ev.bottom(c.pos, std::string(a[0]->str));
                        const_cast<Bottom*>(e->err)->custom = true;
                        return e;
                      },
                      "error(message): an error with this message; as an alternative of a "
                      "disjunction (\"a\" | error(\"must be a\")) it replaces the alternatives' "
                      "errors when none matches"});
    auto int2 = [](const char* name, bool div, bool euclid, const char* doc) {
      register_builtin({"",
                        name,
                        {kInt, kInt},
                        false,
                        kInt,
                        false,
                        [div, euclid](CallContext& c, std::span<const Value*> a) {
                          return int_op(c, a, div, euclid);
                        },
                        doc});
    };
    int2("div", true, true, "Euclidean integer division");
    int2("mod", false, true, "Euclidean modulus (never negative)");
    int2("quo", true, false, "integer division truncated toward zero");
    int2("rem", false, false, "remainder of truncated division (sign of the dividend)");
  });
}

}  // namespace cfgc::eval
