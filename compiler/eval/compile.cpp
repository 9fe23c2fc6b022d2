#include "compiler/eval/compile.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>

#include "compiler/base/suggest.h"
#include "compiler/eval/builtin.h"
#include "compiler/eval/value.h"
#include "compiler/syntax/literal.h"
#include "stdlib_paths.h"

namespace cfgc::eval {

using namespace cfgc::syntax;

namespace {

struct Binding {
  // DynamicField: the alias of a field whose label is computed (`C="\(x)": 5`); `label_expr`
  // is that label, looked up in the struct when the alias is used.
  enum Kind : uint8_t {
    Field,
    Let,
    Slot,
    Import,
    BuiltinPkg,
    Frame,
    BrokenImport,
    DynamicField
  } kind = Field;
  Feature label = kInvalidFeature;
  uint16_t slot = 0;
  uint32_t pkg = 0;
  std::string_view pkg_path;
  const syntax::Node* label_expr = nullptr;
};

// A lexical scope. Struct and Frame scopes are one runtime environment frame each; an Imports
// scope is compile-time only.
struct Scope {
  // SameFrame: names that live in the next scope's frame (a file's lets, which share the
  // package root but are visible in their own file only).
  enum Kind : uint8_t { Struct, Frame, Imports, SameFrame } kind = Struct;
  Scope* up = nullptr;
  std::vector<std::pair<std::string_view, Binding>> names;
  // name → index of its first binding, built once a scope is large (a data file's top level
  // can declare tens of thousands of fields; a linear search per name was quadratic).
  std::unordered_map<std::string_view, uint32_t> index;
  static constexpr size_t kIndexFrom = 16;

  const Binding* find(std::string_view n) const {
    if (!index.empty()) {
      auto it = index.find(n);
      return it == index.end() ? nullptr : &names[it->second].second;
    }
    for (auto& [name, b] : names) {
      if (name == n) return &b;
    }
    return nullptr;
  }
  void add(std::string_view name, Binding b) {
    names.push_back({name, b});
    if (!index.empty()) {
      index.emplace(name, static_cast<uint32_t>(names.size() - 1));
    } else if (names.size() > kIndexFrom) {
      for (size_t i = 0; i < names.size(); ++i)
        index.emplace(names[i].first, static_cast<uint32_t>(i));
    }
  }
};

}  // namespace

struct Compiler::Impl {
  Arena& arena;
  Diagnostics& diags;
  ImportResolver resolver;
  Scope* scope = nullptr;
  Scope* last_top = nullptr;                 // the package scope of the last compiled package
  std::vector<std::unique_ptr<Scope>> kept;  // scopes that outlive compile_package

  Impl(Arena& a, Diagnostics& d, ImportResolver r) : arena(a), diags(d), resolver(std::move(r)) {}

  template <class T>
  T* make(Op op, const Node* src) {
    T* e = arena.make<T>(op);
    e->src = src;
    e->pos = src ? src->pos : Pos{};
    return e;
  }

  void error(Pos p, std::string msg) { diags.error(p, std::move(msg)); }

  // --- scopes ---

  struct ScopeGuard {
    Impl& c;
    Scope s;
    ScopeGuard(Impl& impl, Scope::Kind k) : c(impl) {
      s.kind = k;
      s.up = c.scope;
      c.scope = &s;
    }
    ~ScopeGuard() { c.scope = s.up; }
  };

  // Declares the static labels, lets and label aliases of a struct body in scope s.
  void declare_struct_names(Scope& s, std::span<syntax::Node* const> decls,
                            std::vector<Feature>* let_features) {
    for (const Node* d : decls) {
      if (auto* f = as<syntax::Field>(d)) {
        Feature label = static_label(f->label);
        if (label == kInvalidFeature) {
          if (f->alias() && f->label && f->label->kind != NodeKind::ListLit) {
            Binding b{Binding::DynamicField};
            b.label_expr = f->label;
            s.add(f->alias()->name, b);
          }
          continue;
        }
        std::string_view name = label_name(label);
        // Only identifier labels bind names; "quoted" ones are reached by selectors.
        if (f->label->kind == NodeKind::Ident) {
          if (const Binding* b = s.find(name); b && b->kind == Binding::Let) {
            error(f->label->pos,
                  fmt::format("field {} conflicts with the let of the same name in this scope",
                              name));
          } else if (!b) {
            s.add(name, Binding{Binding::Field, label});
          }
        }
        if (f->alias()) s.add(f->alias()->name, Binding{Binding::Field, label});
        // A value alias `a: X=v` names the field too (for a struct, X is bound inside it).
        if (auto* al = as<syntax::Alias>(f->value); al && al->expr->kind != NodeKind::StructLit) {
          s.add(al->ident->name, Binding{Binding::Field, label});
        }
      } else if (auto* l = as<syntax::LetClause>(d)) {
        Feature f = new_let_feature(l->name->name);
        if (let_features) let_features->push_back(f);
        if (const Binding* b = s.find(l->name->name)) {
          error(l->name->pos,
                b->kind == Binding::Let
                    ? fmt::format("let {} redeclared in this scope", l->name->name)
                    : fmt::format("let {} conflicts with the field of the same name in this scope",
                                  l->name->name));
        }
        s.add(l->name->name, Binding{Binding::Let, f});
      }
    }
  }

  // The label of a field whose name is known without evaluation, or kInvalidFeature.
  Feature static_label(const Node* label) {
    if (auto* id = as<Ident>(label)) return intern_label(id->name, kind_of_identifier(id->name));
    if (auto* b = as<BasicLit>(label)) {
      if (b->tok == Tok::String) return intern_label(b->value, LabelKind::Regular);
    }
    return kInvalidFeature;
  }

  // --- identifiers ---

  Expr* resolve(const Ident* id) {
    std::string_view n = id->name;
    uint16_t up = 0;
    for (Scope* s = scope; s; s = s->up) {
      if (const Binding* b = s->find(n)) {
        switch (b->kind) {
          case Binding::Field: {
            auto* r = make<RefExpr>(Op::FieldRef, id);
            r->up = up;
            r->label = b->label;
            r->name = n;
            return r;
          }
          case Binding::Let: {
            auto* r = make<RefExpr>(Op::LetRef, id);
            r->up = up;
            r->label = b->label;
            r->name = n;
            return r;
          }
          case Binding::BrokenImport:
            return make<LiteralExpr>(Op::BottomLit, id);  // the import error was reported
          case Binding::Frame: {
            auto* r = make<RefExpr>(Op::FrameRef, id);
            r->up = up;
            r->name = n;
            return r;
          }
          case Binding::DynamicField: {
            // The struct's field named by the label's value: struct[label].
            auto* r = make<RefExpr>(Op::FrameRef, id);
            r->up = up;
            r->name = n;
            auto* ix = make<eval::IndexExpr>(Op::Index, id);
            ix->x = r;
            ix->index = expr(b->label_expr);
            return ix;
          }
          case Binding::Slot: {
            auto* r = make<RefExpr>(Op::SlotRef, id);
            r->up = up;
            r->slot = b->slot;
            r->name = n;
            return r;
          }
          case Binding::Import: {
            auto* r = make<RefExpr>(Op::ImportRef, id);
            r->pkg = b->pkg;
            r->name = n;
            return r;
          }
          case Binding::BuiltinPkg: {
            error(id->pos,
                  fmt::format("package \"{}\" cannot be used as a value; select one of its "
                              "functions, as in {}.Name",
                              b->pkg_path, n));
            return make<LiteralExpr>(Op::BottomLit, id);
          }
        }
      }
      if (s->kind == Scope::Struct || s->kind == Scope::Frame) ++up;
    }
    if (Expr* p = predeclared(id)) return p;
    // A misspelt name: suggest the closest name in scope.
    std::vector<std::string_view> in_scope;
    for (Scope* s = scope; s; s = s->up) {
      for (auto& [name, b] : s->names) in_scope.push_back(name);
    }
    error(id->pos, fmt::format("reference \"{}\" not found{}", n, did_you_mean(n, in_scope)));
    return make<LiteralExpr>(Op::BottomLit, id);
  }

  LiteralExpr* basic_type(const Node* src, uint16_t kinds) {
    Value v;
    v.vk = VK::BasicType;
    v.kinds = kinds;
    return literal_expr(arena, src, v);
  }

  LiteralExpr* number(const Node* src, Number n) {
    Value v;
    v.vk = VK::Num;
    v.num = n;
    return literal_expr(arena, src, v);
  }

  Expr* bound(const Node* src, Tok op, int64_t v) {
    auto* u = make<eval::UnaryExpr>(Op::Unary, src);
    u->tok = op;
    u->x = number(src, Number::from_int(v));
    return u;
  }

  // uint64, int128 and uint128: bounds beyond int64 (uint128's maximum is a big integer).
  Expr* int_range128(const Node* src, Number lo, Number hi) {
    std::vector<Expr*> xs{basic_type(src, kInt)};
    auto bound128 = [&](Tok op, Number v) {
      auto* u = make<eval::UnaryExpr>(Op::Unary, src);
      u->tok = op;
      u->x = number(src, v);
      u->is_const = true;
      return u;
    };
    xs.push_back(bound128(Tok::Geq, lo));
    xs.push_back(bound128(Tok::Leq, hi));
    auto* c = make<NaryExpr>(Op::Conjunction, src);
    c->xs = arena.copy(xs);
    return c;
  }

  // float32/float64: number & >=-max & <=max, as CUE defines them.
  Expr* float_range(const Node* src, const char* max) {
    Number m = *Number::parse(max, true);
    Number neg = *Number::neg(m);
    auto bound = [&](Tok op, Number v) {
      auto* u = make<eval::UnaryExpr>(Op::Unary, src);
      u->tok = op;
      u->x = number(src, v);
      u->is_const = true;
      return u;
    };
    std::vector<Expr*> xs{basic_type(src, kNumber), bound(Tok::Geq, neg), bound(Tok::Leq, m)};
    auto* c = make<NaryExpr>(Op::Conjunction, src);
    c->xs = arena.copy(xs);
    return c;
  }

  Expr* int_range(const Node* src, int64_t lo, int64_t hi, bool has_hi) {
    std::vector<Expr*> xs{basic_type(src, kInt), bound(src, Tok::Geq, lo)};
    if (has_hi) xs.push_back(bound(src, Tok::Leq, hi));
    auto* c = make<NaryExpr>(Op::Conjunction, src);
    c->xs = arena.copy(xs);
    return c;
  }

  Expr* predeclared(const Ident* id) {
    std::string_view n = id->name;
    // __int, __len, …: the predeclared name even where `int` is shadowed.
    if (n.size() > 2 && n.substr(0, 2) == "__") n.remove_prefix(2);
    if (n == "_") return make<LiteralExpr>(Op::Top, id);
    if (n == "int") return basic_type(id, kInt);
    if (n == "float") return basic_type(id, kFloat);
    if (n == "float32") return float_range(id, "3.40282346638528859811704183484516925440e+38");
    if (n == "float64") return float_range(id, "1.797693134862315708145274237317043567981e+308");
    if (n == "number") return basic_type(id, kNumber);
    if (n == "string") return basic_type(id, kString);
    if (n == "bytes") return basic_type(id, kBytes);
    if (n == "bool") return basic_type(id, kBool);
    if (n == "uint") return int_range(id, 0, 0, false);
    if (n == "uint8" || n == "byte") return int_range(id, 0, 255, true);
    if (n == "uint16") return int_range(id, 0, 65535, true);
    if (n == "uint32") return int_range(id, 0, 4294967295LL, true);
    if (n == "uint64") {
      return int_range128(id, Number::from_int(0), Number::from_int128((int128(1) << 64) - 1));
    }
    if (n == "int8") return int_range(id, -128, 127, true);
    if (n == "int16") return int_range(id, -32768, 32767, true);
    if (n == "int32") return int_range(id, -2147483648LL, 2147483647LL, true);
    if (n == "int64") return int_range(id, INT64_MIN, INT64_MAX, true);
    if (n == "rune") return int_range(id, 0, 0x10FFFF, true);
    if (n == "int128") {
      return int_range128(
          id, *Number::neg(*Number::parse("170141183460469231731687303715884105728", false)),
          *Number::parse("170141183460469231731687303715884105727", false));
    }
    if (n == "uint128") {
      return int_range128(id, Number::from_int(0),
                          *Number::parse("340282366920938463463374607431768211455", false));
    }
    if (const Builtin* b = find_builtin("", n)) {
      auto* r = make<RefExpr>(Op::BuiltinRef, id);
      r->builtin = b;
      r->name = n;
      return r;
    }
    return nullptr;
  }

  // --- expressions ---

  // Whether an expression's value depends on nothing but itself.
  static bool constant(const Expr* e) {
    switch (e->op) {
      case Op::Top:
      case Op::Null:
      case Op::Bool:
      case Op::Num:
      case Op::String:
      case Op::BasicType: return true;
      case Op::Unary: return static_cast<const eval::UnaryExpr*>(e)->x->is_const;
      case Op::Binary: {
        auto* b = static_cast<const eval::BinaryExpr*>(e);
        return b->x->is_const && b->y->is_const;
      }
      case Op::Conjunction:
      case Op::Disjunction:
        for (const Expr* x : static_cast<const NaryExpr*>(e)->xs) {
          if (!x->is_const) return false;
        }
        return true;
      case Op::Interpolation:
        for (const Expr* x : static_cast<const InterpolationExpr*>(e)->exprs) {
          if (!x->is_const) return false;
        }
        return true;
      default: return false;
    }
  }

  Expr* expr(const Node* n) {
    Expr* e = expr_uncached(n);
    e->is_const = constant(e);
    return e;
  }

  Expr* expr_uncached(const Node* n) {
    switch (n->kind) {
      case NodeKind::Ident: return resolve(static_cast<const Ident*>(n));
      case NodeKind::BasicLit: return literal(static_cast<const BasicLit*>(n));
      case NodeKind::BottomLit: return make<LiteralExpr>(Op::BottomLit, n);
      case NodeKind::Interpolation: {
        auto* in = static_cast<const Interpolation*>(n);
        auto* e = make<InterpolationExpr>(Op::Interpolation, n);
        e->segments = in->segments;
        std::vector<Expr*> xs;
        for (const Node* x : in->exprs) xs.push_back(expr(x));
        e->exprs = arena.copy(xs);
        e->is_bytes = in->is_bytes;
        return e;
      }
      case NodeKind::StructLit: return struct_lit(static_cast<const StructLit*>(n));
      case NodeKind::ListLit: return list_lit(static_cast<const ListLit*>(n));
      case NodeKind::ParenExpr: return expr(static_cast<const ParenExpr*>(n)->x);
      case NodeKind::UnaryExpr: {
        auto* u = static_cast<const syntax::UnaryExpr*>(n);
        if (u->op == Tok::Mul) {
          // `*x` outside a disjunction: a disjunction of one default.
          return disjunction(n);
        }
        auto* e = make<eval::UnaryExpr>(Op::Unary, n);
        e->tok = u->op;
        e->x = expr(u->x);
        return e;
      }
      case NodeKind::BinaryExpr: {
        auto* b = static_cast<const syntax::BinaryExpr*>(n);
        if (b->op == Tok::And) {
          std::vector<Expr*> xs;
          flatten_and(n, xs);
          auto* c = make<NaryExpr>(Op::Conjunction, n);
          c->xs = arena.copy(xs);
          return c;
        }
        if (b->op == Tok::Or) return disjunction(n);
        if (b->op == Tok::IDiv || b->op == Tok::IMod || b->op == Tok::IQuo || b->op == Tok::IRem) {
          // `a div b` is div(a, b).
          auto* fn = make<RefExpr>(Op::BuiltinRef, n);
          fn->name = syntax::tok_spelling(b->op);
          fn->builtin = find_builtin("", fn->name);
          auto* call = make<eval::CallExpr>(Op::Call, n);
          call->fn = fn;
          Expr* args[] = {expr(b->x), expr(b->y)};
          call->args = arena.copy(std::vector<Expr*>(std::begin(args), std::end(args)));
          return call;
        }
        auto* e = make<eval::BinaryExpr>(Op::Binary, n);
        e->tok = b->op;
        e->x = expr(b->x);
        e->y = expr(b->y);
        return e;
      }
      case NodeKind::SelectorExpr: return selector(static_cast<const syntax::SelectorExpr*>(n));
      case NodeKind::IndexExpr: {
        auto* ix = static_cast<const syntax::IndexExpr*>(n);
        auto* e = make<eval::IndexExpr>(Op::Index, n);
        e->x = expr(ix->x);
        e->slice = ix->slice;
        if (ix->index) e->index = expr(ix->index);
        if (ix->hi) e->hi = expr(ix->hi);
        return e;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<const syntax::CallExpr*>(n);
        auto* e = make<eval::CallExpr>(Op::Call, n);
        e->fn = expr(c->fun);
        std::vector<Expr*> args;
        for (const Node* a : c->args) args.push_back(expr(a));
        e->args = arena.copy(args);
        return e;
      }
      case NodeKind::Alias: return expr(static_cast<const syntax::Alias*>(n)->expr);
      case NodeKind::Ellipsis:
        error(n->pos, "'...' is only allowed at the end of a struct or list");
        return make<LiteralExpr>(Op::BottomLit, n);
      case NodeKind::Comprehension:
        error(n->pos, "a comprehension is only allowed in a struct or list");
        return make<LiteralExpr>(Op::BottomLit, n);
      default: error(n->pos, "invalid expression"); return make<LiteralExpr>(Op::BottomLit, n);
    }
  }

  void flatten_and(const Node* n, std::vector<Expr*>& xs) {
    if (auto* b = as<syntax::BinaryExpr>(n); b && b->op == Tok::And) {
      flatten_and(b->x, xs);
      flatten_and(b->y, xs);
      return;
    }
    if (auto* p = as<ParenExpr>(n)) {
      if (auto* b = as<syntax::BinaryExpr>(p->x); b && b->op == Tok::And) {
        flatten_and(p->x, xs);
        return;
      }
    }
    xs.push_back(expr(n));
  }

  void flatten_or(const Node* n, std::vector<Expr*>& xs, std::vector<bool>& defs) {
    if (auto* b = as<syntax::BinaryExpr>(n); b && b->op == Tok::Or) {
      flatten_or(b->x, xs, defs);
      flatten_or(b->y, xs, defs);
      return;
    }
    if (auto* u = as<syntax::UnaryExpr>(n); u && u->op == Tok::Mul) {
      // **x marks x as the default twice: once is the same (and each nesting level would
      // double the work of evaluating it).
      const Node* x = u->x;
      while (true) {
        if (auto* p = as<syntax::ParenExpr>(x)) {
          x = p->x;
        } else if (auto* inner = as<syntax::UnaryExpr>(x); inner && inner->op == Tok::Mul) {
          x = inner->x;
        } else {
          break;
        }
      }
      xs.push_back(expr(x));
      defs.push_back(true);
      return;
    }
    xs.push_back(expr(n));
    defs.push_back(false);
  }

  Expr* disjunction(const Node* n) {
    std::vector<Expr*> xs;
    std::vector<bool> defs;
    flatten_or(n, xs, defs);
    auto* d = make<NaryExpr>(Op::Disjunction, n);
    d->xs = arena.copy(xs);
    bool* dd = static_cast<bool*>(arena.allocate(defs.size(), 1));
    for (size_t i = 0; i < defs.size(); ++i) {
      dd[i] = defs[i];
      d->has_defaults |= defs[i];
    }
    d->defaults = {dd, defs.size()};
    return d;
  }

  Expr* literal(const BasicLit* b) {
    switch (b->tok) {
      case Tok::Null: {
        Value v;
        v.vk = VK::Null;
        return literal_expr(arena, b, v);
      }
      case Tok::True:
      case Tok::False: {
        Value v;
        v.vk = VK::Bool;
        v.b = b->tok == Tok::True;
        v.secret = b->flags & kTokSecret;
        return literal_expr(arena, b, v);
      }
      case Tok::Int:
      case Tok::Float: {
        auto num = Number::parse(b->raw, b->tok == Tok::Float);
        if (!num) {
          error(b->pos, num.error().message);
          return make<LiteralExpr>(Op::BottomLit, b);
        }
        Value v;
        v.vk = VK::Num;
        v.num = *num;
        v.secret = b->flags & kTokSecret;
        return literal_expr(arena, b, v);
      }
      case Tok::String: {
        Value v;
        v.vk = b->is_bytes ? VK::Bytes : VK::String;
        v.str = b->value;
        v.secret = b->flags & kTokSecret;
        return literal_expr(arena, b, v);
      }
      default: return make<LiteralExpr>(Op::BottomLit, b);
    }
  }

  Expr* selector(const syntax::SelectorExpr* s) {
    std::string_view sel;
    if (auto* id = as<Ident>(s->sel))
      sel = id->name;
    else if (auto* b = as<BasicLit>(s->sel))
      sel = b->value;
    // pkg.Name of a builtin package.
    if (auto* id = as<Ident>(s->x)) {
      for (Scope* sc = scope; sc; sc = sc->up) {
        const Binding* b = sc->find(id->name);
        if (!b) continue;
        if (b->kind == Binding::BuiltinPkg) {
          const Builtin* fn = find_builtin(b->pkg_path, sel);
          if (!fn) {
            // An error where it is used, as in cue: a field that is never evaluated (a hidden
            // field, a definition nobody uses) does not fail the file.
            auto* err = make<ErrorExpr>(Op::ErrorLit, s);
            err->pos = s->sel->pos;
            err->message = arena.copy(std::string_view(fmt::format("undefined field {}", sel)));
            return err;
          }
          auto* r = make<RefExpr>(Op::BuiltinRef, s);
          r->builtin = fn;
          r->name = sel;
          // A package constant (math.Pi, list.Ascending) is a builtin without parameters that is
          // not a validator: referencing it calls it.
          if (fn->params.empty() && !fn->variadic && !fn->validator) {
            auto* call = make<eval::CallExpr>(Op::Call, s);
            call->fn = r;
            return call;
          }
          return r;
        }
        break;
      }
    }
    auto* e = make<eval::SelectorExpr>(Op::Selector, s);
    e->x = expr(s->x);
    LabelKind k = as<Ident>(s->sel) ? kind_of_identifier(sel) : LabelKind::Regular;
    e->label = intern_label(sel, k);
    e->pos = s->sel->pos;
    return e;
  }

  // --- structs ---

  StructExpr* struct_lit(const StructLit* s) { return struct_body(s, s->elts, nullptr); }

  // `X={…}`: X names the struct itself (the value it becomes when unified), from inside it.
  std::string_view pending_self_alias;

  StructExpr* struct_body(const Node* src, std::span<syntax::Node* const> elts, Scope* prepared) {
    auto* se = make<StructExpr>(Op::Struct, src);
    std::vector<Feature> lets;
    std::optional<ScopeGuard> guard;
    if (!prepared) {
      guard.emplace(*this, Scope::Struct);
      if (!pending_self_alias.empty()) {
        guard->s.add(pending_self_alias, Binding{Binding::Frame});
        pending_self_alias = {};
      }
      declare_struct_names(guard->s, elts, &lets);
    } else {
      // The package scope: names were declared by compile_package; lets per file.
      declare_struct_names_lets_only(*prepared, elts, &lets);
    }
    std::vector<eval::Decl> decls;
    size_t let_i = 0;
    for (const Node* d : elts) {
      eval::Decl out;
      out.pos = d->pos;
      switch (d->kind) {
        case NodeKind::Field: field(static_cast<const syntax::Field*>(d), out); break;
        case NodeKind::EmbedDecl: {
          const Node* x = static_cast<const EmbedDecl*>(d)->expr;
          if (auto* c = as<syntax::Comprehension>(x)) {
            out.kind = eval::Decl::Comprehension;
            out.comp = comprehension(c);
            se->has_comprehensions = true;
          } else {
            out.kind = eval::Decl::Embed;
            out.value = expr(x);
          }
          break;
        }
        case NodeKind::LetClause: {
          auto* l = static_cast<const LetClause*>(d);
          out.kind = eval::Decl::Let;
          out.label = lets[let_i++];
          out.value = expr(l->expr);
          break;
        }
        case NodeKind::Ellipsis: {
          out.kind = eval::Decl::Ellipsis;
          if (auto* t = static_cast<const syntax::Ellipsis*>(d)->type) out.value = expr(t);
          break;
        }
        case NodeKind::Attribute:
        case NodeKind::Package:
        case NodeKind::ImportDecl:
        case NodeKind::BadDecl: continue;
        default: continue;
      }
      decls.push_back(out);
    }
    se->decls = arena.copy(decls);
    return se;
  }

  void declare_struct_names_lets_only(Scope& s, std::span<syntax::Node* const> decls,
                                      std::vector<Feature>* lets) {
    for (const Node* d : decls) {
      if (auto* l = as<syntax::LetClause>(d)) {
        Feature f = new_let_feature(l->name->name);
        lets->push_back(f);
        // A file's lets sit beside the package's fields (s.up is the package scope).
        const Binding* b = s.find(l->name->name);
        // (past the file's imports, which are in between).
        if (!b && s.up) {
          const Scope* pkg = s.up->kind == Scope::Imports ? s.up->up : s.up;
          if (pkg) b = pkg->find(l->name->name);
        }
        if (b) {
          error(l->name->pos,
                b->kind == Binding::Let
                    ? fmt::format("let {} redeclared in this scope", l->name->name)
                    : fmt::format("let {} conflicts with the field of the same name in this scope",
                                  l->name->name));
        }
        s.add(l->name->name, Binding{Binding::Let, f});
      }
    }
  }

  void field(const syntax::Field* f, eval::Decl& out) {
    out.arc = f->constraint == Constraint::Optional   ? ArcType::Optional
              : f->constraint == Constraint::Required ? ArcType::Required
                                                      : ArcType::Regular;
    out.attrs = f->attrs();
    const Node* value = f->value;
    if (auto* al = as<syntax::Alias>(value)) {
      value = al->expr;
      if (value->kind == NodeKind::StructLit) pending_self_alias = al->ident->name;
    }
    if (auto* pat = as<ListLit>(f->label)) {
      out.kind = eval::Decl::Pattern;
      const Node* p = pat->elts.empty() ? nullptr : pat->elts[0];
      if (auto* al = as<syntax::Alias>(p)) {
        out.label_expr = expr(al->expr);
        out.pattern_alias = true;
        ScopeGuard g(*this, Scope::Frame);
        g.s.add(al->ident->name, Binding{Binding::Slot, kInvalidFeature, 0});
        out.value = expr(value);
      } else {
        out.label_expr = p ? expr(p) : make<LiteralExpr>(Op::Top, f);
        out.value = expr(value);
      }
      return;
    }
    Feature label = static_label(f->label);
    if (label != kInvalidFeature) {
      out.kind = eval::Decl::Field;
      out.label = label;
    } else {
      out.kind = eval::Decl::DynamicField;
      const Node* l = f->label;
      if (auto* p = as<ParenExpr>(l)) l = p->x;
      out.label_expr = expr(l);
    }
    out.value = expr(value);
  }

  eval::Comprehension* comprehension(const syntax::Comprehension* c) {
    auto* out = arena.make<eval::Comprehension>();
    out->pos = c->pos;
    std::vector<Clause> clauses;
    std::vector<std::unique_ptr<ScopeGuard>> frames;
    for (const Node* cl : c->clauses) {
      Clause k;
      k.pos = cl->pos;
      if (auto* f = as<ForClause>(cl)) {
        k.kind = Clause::For;
        k.has_key = f->key != nullptr;
        k.expr = expr(f->source);
        frames.push_back(std::make_unique<ScopeGuard>(*this, Scope::Frame));
        Scope& s = frames.back()->s;
        if (f->key) s.add(f->key->name, Binding{Binding::Slot, kInvalidFeature, 0});
        s.add(f->value->name, Binding{Binding::Slot, kInvalidFeature, 1});
      } else if (auto* i = as<IfClause>(cl)) {
        k.kind = Clause::If;
        k.expr = expr(i->cond);
      } else if (auto* l = as<LetClause>(cl)) {
        k.kind = Clause::Let;
        k.expr = expr(l->expr);
        frames.push_back(std::make_unique<ScopeGuard>(*this, Scope::Frame));
        frames.back()->s.add(l->name->name, Binding{Binding::Slot, kInvalidFeature, 0});
      }
      clauses.push_back(k);
    }
    out->clauses = arena.copy(clauses);
    out->body = struct_lit(c->body);
    // Frames close in reverse order.
    while (!frames.empty()) frames.pop_back();
    return out;
  }

  Expr* list_lit(const ListLit* l) {
    auto* le = make<ListExpr>(Op::List, l);
    std::vector<Expr*> elems;
    std::vector<eval::Comprehension*> comps;
    for (const Node* e : l->elts) {
      if (auto* el = as<syntax::Ellipsis>(e)) {
        le->open = true;
        if (el->type) le->ellipsis_type = expr(el->type);
        continue;
      }
      if (auto* c = as<syntax::Comprehension>(e)) {
        elems.push_back(nullptr);
        comps.push_back(comprehension(c));
        continue;
      }
      elems.push_back(expr(e));
      comps.push_back(nullptr);
    }
    le->elems = arena.copy(elems);
    le->comps = arena.copy(comps);
    return le;
  }

  // --- packages ---

  CompiledPackage compile_package(std::span<File* const> files) {
    CompiledPackage out;
    // The package scope: every top-level field of every file.
    auto pkg_scope = std::make_unique<Scope>();
    pkg_scope->kind = Scope::Struct;
    for (const File* f : files) {
      std::vector<syntax::Node*> fields;
      for (Node* d : f->decls) {
        if (d->kind == NodeKind::Field) fields.push_back(d);
      }
      declare_struct_names(*pkg_scope, fields, nullptr);
    }
    for (const File* f : files) {
      // Imports are per file: the file block sits inside the package block (the spec), so in
      // a file that imports "strings" the name is the package even where a top-level field is
      // called strings too (`strings: strings.ToUpper("a")` is "A", as cue has it).
      Scope imports;
      imports.kind = Scope::Imports;
      for (const Node* d : f->decls) {
        auto* id = as<ImportDecl>(d);
        if (!id) continue;
        for (const ImportSpec* s : id->specs) import_spec(s, imports);
      }
      imports.up = pkg_scope.get();
      Scope file_scope;
      file_scope.kind = Scope::SameFrame;
      file_scope.up = &imports;
      Scope* saved = scope;
      scope = &file_scope;
      out.files.push_back(struct_body(f, f->decls, &file_scope));
      out.files.back()->is_file = true;
      scope = saved;
    }
    kept.push_back(std::move(pkg_scope));
    last_top = kept.back().get();
    return out;
  }

  void import_spec(const ImportSpec* s, Scope& imports) {
    if (!s->path) return;
    std::string_view path = s->path->value;
    std::string_view pkg_path = path.substr(0, path.find(':'));
    std::string_view name = pkg_path.substr(pkg_path.rfind('/') + 1);
    if (auto colon = path.find(':'); colon != std::string_view::npos) name = path.substr(colon + 1);
    if (s->name) name = s->name->name;
    // The tool packages (tool/exec, tool/http, …) are CUE schemas shipped with cfgc, loaded
    // through the resolver like any package; the rest of the standard library is builtin.
    if (is_standard_import_path(pkg_path) && !is_tool_import_path(pkg_path)) {
      if (!has_builtin_package(pkg_path)) {
        error(
            s->path->pos,
            fmt::format("standard library package \"{}\" is not available in cfgc yet", pkg_path));
      }
      imports.add(name, Binding{Binding::BuiltinPkg, kInvalidFeature, 0, 0, pkg_path});
      return;
    }
    Result<int> pkg = resolver ? resolver(path) : Result<int>(Error{});
    if (!pkg) {
      // An error without a message was reported already (once for several imports).
      if (!pkg.error().message.empty()) error(s->path->pos, pkg.error().message);
      imports.add(name, Binding{Binding::BrokenImport});
      return;
    }
    imports.add(name, Binding{Binding::Import, kInvalidFeature, 0, static_cast<uint32_t>(*pkg)});
  }
};

Compiler::Compiler(Arena& arena, Diagnostics& diags, ImportResolver resolver)
    : impl_(new Impl(arena, diags, std::move(resolver))) {
  register_core_builtins();
}
Compiler::~Compiler() { delete impl_; }

CompiledPackage Compiler::compile_package(std::span<File* const> files) {
  return impl_->compile_package(files);
}

Expr* Compiler::compile_top_level_expr(const Node* e) {
  Scope* saved = impl_->scope;
  impl_->scope = impl_->last_top;
  Expr* x = impl_->expr(e);
  impl_->scope = saved;
  return x;
}

}  // namespace cfgc::eval
