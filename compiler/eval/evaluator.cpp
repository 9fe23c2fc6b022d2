// Vertex evaluation: unification of conjuncts, structs, lists, comprehensions, patterns,
// closedness and disjunctions.
//
// Closedness. Every conjunct carries a CloseCtx (or none, for plain data). Referencing a
// definition (or close()) opens a new context marked `closed`; each struct literal expanded
// under a context gets a literal context whose parent is the conjunct's. Embedding a
// definition in a literal marks that literal `embed_closed`. A field is allowed in a vertex if,
// for every closed context R found among the vertex's literals, some literal below R declares
// the field, has a matching pattern, or has `...`. Fields of a struct inside a definition get a
// child context per (closed context, label), so definitions close recursively.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "compiler/base/suggest.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/eval/field_order.h"

namespace cfgc::eval {

// --- Vertex lookup ---

static uint32_t hash_feature(Feature f) { return (f * 2654435761u) >> 7; }

Vertex* Vertex::lookup(Feature f) const {
  if (ext && ext->index_cap) {
    uint32_t mask = ext->index_cap - 1;
    for (uint32_t i = hash_feature(f) & mask;; i = (i + 1) & mask) {
      if (ext->index_vals[i] == nullptr) return nullptr;
      if (ext->index_keys[i] == f) return ext->index_vals[i];
    }
  }
  for (Vertex* a : arcs) {
    if (a->label == f) return a;
  }
  return nullptr;
}

static void index_insert(Vertex* v, Vertex* a) {
  VertexExt* x = v->ext;
  uint32_t mask = x->index_cap - 1;
  for (uint32_t i = hash_feature(a->label) & mask;; i = (i + 1) & mask) {
    if (x->index_vals[i] == nullptr) {
      x->index_keys[i] = a->label;
      x->index_vals[i] = a;
      return;
    }
  }
}

static void rebuild_index(Arena& arena, Vertex* v) {
  uint32_t cap = 64;
  while (cap < v->arcs.size * 2) cap *= 2;
  if (!v->ext) v->ext = arena.make<VertexExt>();
  VertexExt* x = v->ext;
  x->index_cap = cap;
  x->index_keys = static_cast<Feature*>(arena.allocate(sizeof(Feature) * cap, alignof(Feature)));
  x->index_vals = static_cast<Vertex**>(arena.allocate(sizeof(Vertex*) * cap, alignof(Vertex*)));
  std::fill(x->index_vals, x->index_vals + cap, nullptr);
  for (Vertex* a : v->arcs) index_insert(v, a);
}

// --- Evaluator ---

Evaluator::Evaluator(Arena& arena) : arena_(arena), impl_(std::make_unique<Impl>(*this, arena)) {
  impl_->top_value = impl_->new_value(VK::Top);
  impl_->quiet_bottom = impl_->bottom(Pos{}, "(disjunct failed)", Bottom::Error);
  register_core_builtins();
}
Evaluator::~Evaluator() = default;

Vertex* Evaluator::add_package(const CompiledPackage& pkg) {
  Vertex* root = impl_->new_vertex(nullptr, kInvalidFeature);
  for (StructExpr* s : pkg.files)
    root->conjuncts.push_back(arena_, Conjunct{s, nullptr, nullptr, s->pos});
  packages_.push_back(root);
  return root;
}

void Evaluator::evaluate(Vertex* v) { impl_->evaluate(v); }
void Evaluator::finalize(Vertex* v) { impl_->finalize(v); }
const Value* Evaluator::resolve(const Value* v) { return impl_->resolve(v); }

const Value* Evaluator::eval_in_root(const Expr* e, Vertex* root) {
  impl_->evaluate(root);
  Env* env = arena_.make<Env>();
  env->vertex = root;
  return impl_->eval(e, env);
}

Vertex* Evaluator::new_list(const std::vector<const Value*>& elems) {
  Vertex* l = impl_->new_vertex(nullptr, kInvalidFeature);
  for (size_t i = 0; i < elems.size(); ++i) {
    Vertex* a = impl_->arc(l, index_feature(static_cast<uint32_t>(i)), ArcType::Regular, true);
    auto* vx = arena_.make<VertexExpr>(Op::VertexValue);
    if (elems[i]->vk == VK::Vertex) {
      vx->vertex = elems[i]->vertex;
      a->conjuncts.push_back(arena_, Conjunct{vx, nullptr, nullptr, elems[i]->pos});
    } else {
      a->value = elems[i];
      a->kinds = kind_of(elems[i]);
      a->status = Status::Finalized;
      if (elems[i]->vk == VK::Bottom) a->err = elems[i]->err;
    }
  }
  l->is_list = true;
  l->kinds = kList;
  l->status = Status::Evaluated;
  return l;
}

Vertex* Evaluator::new_struct(const std::vector<std::pair<std::string, const Value*>>& fields) {
  Vertex* s = impl_->new_vertex(nullptr, kInvalidFeature);
  for (auto& [name, val] : fields) {
    Vertex* a = impl_->arc(s, intern_label(name), ArcType::Regular, true);
    if (val->vk == VK::Vertex) {
      auto* vx = arena_.make<VertexExpr>(Op::VertexValue);
      vx->vertex = val->vertex;
      a->conjuncts.push_back(arena_, Conjunct{vx, nullptr, nullptr, val->pos});
    } else {
      a->value = val;
      a->kinds = kind_of(val);
      a->status = Status::Finalized;
      if (val->vk == VK::Bottom) a->err = val->err;
    }
  }
  s->kinds = kStruct;
  s->has_struct = true;
  s->status = Status::Evaluated;
  return s;
}

std::string Evaluator::stats() const {
  return fmt::format("values {}, vertices {}, struct disjunct combinations {}", impl_->n_values,
                     impl_->n_vertices, impl_->n_combos);
}

std::string Evaluator::path_of(const Vertex* v) {
  std::vector<const Vertex*> chain;
  for (const Vertex* x = v; x && x->label != kInvalidFeature; x = x->parent) chain.push_back(x);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!out.empty()) out += '.';
    out += label_for_path((*it)->label);
  }
  return out;
}

// --- Impl: vertices ---

Vertex* Evaluator::Impl::new_vertex(Vertex* parent, Feature label) {
  ++n_vertices;
  Vertex* v = arena.make<Vertex>();
  v->seq = static_cast<uint32_t>(n_vertices);
  v->parent = parent;
  v->label = label;
  if (parent) {
    v->depth = parent->depth + 1;
    LabelKind k = label_kind(label);
    v->is_definition_path =
        parent->is_definition_path || k == LabelKind::Definition || k == LabelKind::HiddenDef;
  }
  return v;
}

Vertex* Evaluator::Impl::arc(Vertex* v, Feature label, ArcType type, bool create) {
  Vertex* a = v->lookup(label);
  if (a) {
    // Regular beats required beats optional.
    if (static_cast<int>(type) < static_cast<int>(a->arc)) a->arc = type;
    return a;
  }
  if (!create) return nullptr;
  a = new_vertex(v, label);
  a->arc = type;
  v->arcs.push_back(arena, a);
  if (v->ext && v->ext->index_cap) {
    if (v->arcs.size * 2 > v->ext->index_cap) {
      rebuild_index(arena, v);
    } else {
      index_insert(v, a);
    }
  } else if (v->arcs.size > 16) {
    rebuild_index(arena, v);
  }
  return a;
}

CloseCtx* Evaluator::Impl::new_ctx(CloseCtx* parent, bool closed) {
  CloseCtx* c = arena.make<CloseCtx>();
  c->parent = parent;
  c->closed = closed;
  c->id = next_ctx_id++;
  return c;
}

CloseCtx* Evaluator::Impl::child_context(CloseCtx* lit, Feature label, const Expr* value) {
  // A constant (`int & >=1`, `"on" | "off"`, 5) holds no struct, so nothing below it is ever
  // checked for closedness: its context would never be read. Most fields of a schema are such
  // leaves; skipping them saves a context per field per instance.
  if (value && value->is_const) return nullptr;
  for (CloseCtx* c = lit; c; c = c->parent) {
    if (!c->closed) continue;
    // A definition has few fields: a short list on the context beats a global map.
    for (const CloseCtx::Child& k : c->children) {
      if (k.label == label) return k.ctx;
    }
    // A definition used inside another one (#D: {f: #B & {...}}) nests its fields' contexts
    // in the outer definition's, so what #B declares counts as declared within #D too.
    CloseCtx* child = new_ctx(child_context(c->parent, label, nullptr), true);
    c->children.push_back(arena, {label, child});
    return child;
  }
  return nullptr;
}

void Evaluator::Impl::add_declarer(Vertex* a, CloseCtx* lit) { a->declared_by.add(arena, lit); }

void Evaluator::Impl::set_error(NodeState& st, const Value* b) {
  if (!st.err) {
    st.err = b;
    return;
  }
  // A real error replaces an incomplete one.
  if (st.err->err->code == Bottom::Incomplete && b->err->code != Bottom::Incomplete) st.err = b;
}

void Evaluator::Impl::evaluate(Vertex* v) {
  if (v->status != Status::Unevaluated) return;
  if (v->depth > kMaxVertexDepth) {
    // Report the cycle where it first repeats: the topmost ancestor defined by the same
    // expression as this vertex (l.next for #L: {next: #L}).
    Vertex* top = v;
    if (!v->conjuncts.empty()) {
      for (Vertex* a = v->parent; a; a = a->parent) {
        if (!a->conjuncts.empty() && a->conjuncts[0].expr == v->conjuncts[0].expr) top = a;
      }
    }
    ++structural_hits;
    if (trials > 0) top = v;  // inside a disjunct trial: only that disjunct fails
    const Bottom* b = bottom(top->conjuncts.empty() ? Pos{} : top->conjuncts[0].pos,
                             "structural cycle", Bottom::StructuralCycle)
                          ->err;
    top->err = b;
    for (Vertex* a = v->parent; a && a != top; a = a->parent) a->has_error_below = true;
    v->err = b;
    v->status = Status::Finalized;
    return;
  }
  // The stack this evaluation has used so far: nesting is bounded by levels and by bytes, as
  // frames are much larger in sanitizer builds and a thread's stack may be smaller.
  char here;
  if (depth == 0) stack_base = &here;
  size_t stack_used = stack_base > &here ? static_cast<size_t>(stack_base - &here) : 0;
  if (++depth > kMaxDepth || stack_used > kMaxStackBytes) {
    --depth;
    v->err = bottom(v->conjuncts.empty() ? Pos{} : v->conjuncts[0].pos,
                    "structural cycle or nesting too deep (more than 2000 levels)",
                    Bottom::StructuralCycle)
                 ->err;
    v->value = nullptr;
    v->status = Status::Finalized;
    return;
  }
  NodeState st;
  const std::vector<int>* choices = nullptr;
  for (const Trial& x : trial_of) {
    if (x.trial == v) choices = x.choices;
  }
  evaluate_with(v, choices, st);
  --depth;
}

// Adds the parent's pattern constraints and list element types that apply to v.
static void apply_parent_constraints(Evaluator::Impl& im, Vertex* v) {
  if (v->parent_constraints_applied || !v->parent) return;
  v->parent_constraints_applied = true;
  Vertex* p = v->parent;
  if (is_index(v->label)) {
    uint32_t i = feature_index(v->label);
    for (const Pattern& t : p->elem_types()) {
      // The element's own context within the list's definition, as for literal elements, so
      // fields the element type declares count as declared there.
      if (i >= t.from_index) {
        v->conjuncts.push_back(
            im.arena,
            Conjunct{t.expr, t.env, im.child_context(t.ctx, v->label, t.expr), t.expr->pos});
      }
    }
    return;
  }
  LabelKind k = label_kind(v->label);
  if (k != LabelKind::Regular) return;
  for (const Pattern& pat : p->patterns()) {
    if (!im.label_matches(pat.matcher, v->label)) continue;
    Env* env = pat.env;
    if (pat.decl->pattern_alias) {
      env = im.arena.make<Env>();
      env->up = pat.env;
      env->slots[0] = im.label_string(v->label);
    }
    v->conjuncts.push_back(
        im.arena, Conjunct{pat.decl->value, env,
                           im.child_context(pat.ctx, v->label, pat.decl->value), pat.decl->pos});
  }
}

// A field created while its parent already knows patterns gets them right after the conjunct
// that created it, as cue inserts them: the order of conjuncts decides the order of the
// field's own fields (a pattern's literal before a comprehension's that adds to the field
// later). Patterns the parent learns later are added when they arrive, or when the field's
// evaluation starts.
static void apply_known_patterns(Evaluator::Impl& im, Vertex* a) {
  if (a->conjuncts.size != 1 || a->status != Status::Unevaluated || !a->parent ||
      a->parent->patterns().empty()) {
    return;
  }
  apply_parent_constraints(im, a);
}

void Evaluator::Impl::evaluate_with(Vertex* v, const std::vector<int>* choices, NodeState& st) {
  v->status = Status::Evaluating;
  st.v = v;
  st.choices = choices;
  apply_parent_constraints(*this, v);
  for (uint32_t i = 0; i < v->conjuncts.size; ++i) {
    Conjunct c = v->conjuncts[i];
    add_conjunct(st, c.expr, c.env, c.ctx, false);
  }
  add_chosen(st);
  // Dynamic fields, then comprehensions (whose bodies may declare more of both), each placed
  // where it is written among the declarations.
  size_t dyn_done = 0;
  auto drain_dynamic = [&](bool place) {
    for (; dyn_done < st.dynamic_fields.size(); ++dyn_done) {
      NodeState::DynTask t = st.dynamic_fields[dyn_done];
      uint32_t before = v->arcs.size;
      add_dynamic_field(st, t);
      uint32_t added = v->arcs.size - before;
      if (!place || !added) continue;
      if (t.insert_at < before) {
        std::rotate(v->arcs.begin() + t.insert_at, v->arcs.begin() + before, v->arcs.end());
      }
      // Whatever is declared after this field comes after it.
      for (size_t j = dyn_done + 1; j < st.dynamic_fields.size(); ++j) {
        if (st.dynamic_fields[j].insert_at >= t.insert_at) st.dynamic_fields[j].insert_at += added;
      }
      for (auto& c : st.comprehensions) {
        if (c.insert_at >= t.insert_at) c.insert_at += added;
      }
    }
  };
  drain_dynamic(true);
  v->fields_known = true;
  for (size_t i = 0; i < st.comprehensions.size(); ++i) {
    NodeState::CompTask t = st.comprehensions[i];
    uint32_t before = v->arcs.size;
    run_comprehension(st, t.comp, 0, t.env, t.ctx, nullptr);
    drain_dynamic(false);  // fields of the body: they move with the comprehension's block
    uint32_t added = v->arcs.size - before;
    if (added) {
      // Move the new fields to where the comprehension stands among the declarations.
      if (t.insert_at < before) {
        std::rotate(v->arcs.begin() + t.insert_at, v->arcs.begin() + before, v->arcs.end());
      }
      for (size_t j = i + 1; j < st.comprehensions.size(); ++j) {
        if (st.comprehensions[j].insert_at >= t.insert_at) st.comprehensions[j].insert_at += added;
      }
    }
  }
  add_chosen(st);
  process_disjunctions(st);
  if (v->status == Status::Evaluating) finish(st);
}

void Evaluator::Impl::add_chosen(NodeState& st) {
  // By index: an alternative may embed another disjunction, whose choice joins the list.
  for (; st.chosen_done < st.chosen.size(); ++st.chosen_done) {
    NodeState::ChosenAlt c = st.chosen[st.chosen_done];
    if (c.expr) {
      add_chosen_alternative(st, c.expr, c.env, c.ctx, c.embedded, c.alt);
    } else if (c.as_reference) {
      add_vertex(st, c.value->vertex, c.ctx, c.embedded, c.pos);
    } else {
      add_value(st, c.value);
    }
  }
}

const Value* Evaluator::Impl::spliced_disjunction(const Expr* x, Env* env) {
  // Scalars and list literals never splice, nor do struct literals unless they embed
  // something (`{{a: 1} | {b: 1}}` is the disjunction it embeds): no need to evaluate them.
  if (x->op == Op::Struct) {
    bool embeds = false;
    for (const Decl& d : static_cast<const StructExpr*>(x)->decls) embeds |= d.kind == Decl::Embed;
    if (!embeds) return nullptr;
  }
  switch (x->op) {
    case Op::List:
    case Op::Null:
    case Op::Bool:
    case Op::Num:
    case Op::String:
    case Op::BasicType:
    case Op::Top:
    case Op::BottomLit: return nullptr;
    default: break;
  }
  const Value* v = eval(x, env);
  if (v->vk == VK::Vertex) {
    evaluate(v->vertex);
    const Value* inner = v->vertex->value;
    return inner && inner->vk == VK::Disjunction ? inner : nullptr;
  }
  return v->vk == VK::Disjunction ? v : nullptr;
}

void Evaluator::Impl::add_chosen_alternative(NodeState& st, const NaryExpr* d, Env* env,
                                             CloseCtx* ctx, bool embedded, size_t alt) {
  for (const Expr* x : d->xs) {
    const Value* spliced = spliced_disjunction(x, env);
    size_t n = spliced ? spliced->values.size() : 1;
    if (alt >= n) {
      alt -= n;
      continue;
    }
    if (!spliced) {
      add_conjunct(st, x, env, ctx, embedded);
    } else if (const Value* y = spliced->values[alt]; y->vk == VK::Vertex) {
      add_vertex(st, y->vertex, ctx, embedded, y->pos);
    } else {
      add_value(st, y);
    }
    return;
  }
}

void Evaluator::Impl::add_conjunct(NodeState& st, const Expr* e, Env* env, CloseCtx* ctx,
                                   bool embedded) {
  switch (e->op) {
    case Op::Struct: add_struct(st, static_cast<const StructExpr*>(e), env, ctx); return;
    case Op::List: add_list(st, static_cast<const ListExpr*>(e), env, ctx); return;
    case Op::Disjunction: {
      auto* d = static_cast<const NaryExpr*>(e);
      int alt;
      if (take_choice(st, alt) && alt >= 0) {
        st.chosen.push_back({d, nullptr, env, ctx, embedded, static_cast<size_t>(alt)});
        return;
      }
      st.disjunctions.push_back({d, nullptr, env, ctx});
      return;
    }
    case Op::Conjunction:
      // Embedding `#A & #B` embeds their unification: each part stays closed on its own.
      for (const Expr* x : static_cast<const NaryExpr*>(e)->xs)
        add_conjunct(st, x, env, ctx, false);
      return;
    case Op::VertexValue:
      add_vertex(st, static_cast<const VertexExpr*>(e)->vertex, ctx, embedded, e->pos);
      return;
    default: break;
  }
  const Value* x = eval(e, env);
  if (x->vk == VK::Vertex) {
    add_vertex(st, x->vertex, ctx, embedded, e->pos);
    return;
  }
  if (x->vk == VK::Bottom && x->err->code == Bottom::Incomplete && !x->src) {
    Value* copy = new_value(VK::Bottom, x->pos);
    copy->err = x->err;
    copy->src = e->src;
    x = copy;
  }
  st.hint = e->pos;
  add_value(st, x);
  st.hint = {};
}

bool Evaluator::Impl::take_choice(NodeState& st, int& alt) {
  if (!st.choices) return false;
  size_t k = st.disj_seen++;
  if (k >= st.choices->size()) return false;
  alt = (*st.choices)[k];
  return true;
}

void Evaluator::Impl::add_value(NodeState& st, const Value* x) {
  switch (x->vk) {
    case VK::Top: return;
    case VK::Bottom:
      if (x->err->code == Bottom::Cycle) {
        st.cyclic = true;
        return;
      }
      set_error(st, x);
      return;
    case VK::Vertex: add_vertex(st, x->vertex, nullptr, false, x->pos); return;
    case VK::Disjunction: {
      // While one combination is evaluated, this disjunction takes its chosen alternative
      // (the n-th disjunction met takes choice n, whatever its form).
      int alt;
      if (take_choice(st, alt) && alt >= 0 && static_cast<size_t>(alt) < x->values.size()) {
        st.chosen.push_back({nullptr, x->values[alt], nullptr, nullptr, false, 0});
        return;
      }
      st.disjunctions.push_back({nullptr, x, nullptr, nullptr});
      return;
    }
    case VK::Conjunction:
      // The type first: a value of another kind conflicts with `int` (as in cue, which meets
      // the type before the bounds), though `>=1 & int` lists it last.
      for (const Value* c : x->values)
        if (c->vk == VK::BasicType) add_value(st, c);
      for (const Value* c : x->values)
        if (c->vk != VK::BasicType) add_value(st, c);
      return;
    default: break;
  }
  uint16_t k = kind_of(x);
  uint16_t nk = st.kinds & k;
  if (nk == 0) {
    if (quiet) {  // a disjunct being tried: only that it fails matters
      set_error(st, quiet_bottom);
      return;
    }
    const Value* prev = st.concrete ? st.concrete : st.kind_src;
    std::string prev_s = prev ? str(prev) : kind_name(st.kinds);
    std::string prev_t = prev ? type_name(prev) : kind_name(st.kinds);
    set_error(st, bottom(x->pos,
                         fmt::format("conflicting values {} and {} (mismatched types {} and {})",
                                     prev_s, str(x), prev_t, type_name(x)),
                         Bottom::Error, {prev ? prev->pos : Pos{}}));
    return;
  }
  if (nk != st.kinds) {
    st.kinds = nk;
    st.kind_src = x;
  }
  if (is_concrete(x)) {
    if (st.concrete) {
      if (!identical(st.concrete, x) && quiet) {
        set_error(st, quiet_bottom);
      } else if (!identical(st.concrete, x)) {
        // cue names the value met last first ("conflicting values 2 and 1" for 1 & 2).
        set_error(st, bottom(concrete_pos(st),
                             fmt::format("conflicting values {} and {}", str(x), str(st.concrete)),
                             Bottom::Error, {x->pos.valid() ? x->pos : st.hint}));
      }
      return;
    }
    st.concrete = x;
    st.concrete_pos = x->pos.valid() ? x->pos : st.hint;
    return;
  }
  if (x->vk == VK::BasicType) return;
  for (const Value* c : st.constraints) {
    if (identical(c, x)) return;
  }
  st.constraints.push_back(x);
}

void Evaluator::Impl::add_vertex(NodeState& st, Vertex* t, CloseCtx* ctx, bool embedded, Pos pos) {
  if (t == st.v) {
    // `a: a`: a reference to itself adds nothing (top).
    return;
  }
  if (std::find(st.expanding.begin(), st.expanding.end(), t) != st.expanding.end()) {
    // t is being added already, further up: its conjuncts lead back to it (`[string]: c` with
    // `c: a: int` makes c refer to itself). t & t is t, so nothing more to add.
    return;
  }
  for (Vertex* a = st.v->parent; a; a = a->parent) {
    bool trial_of_t = std::any_of(trial_of.begin(), trial_of.end(),
                                  [&](const Trial& x) { return x.trial == a && x.of == t; });
    if (a == t || trial_of_t) {
      set_error(st, bottom(pos, "structural cycle", Bottom::StructuralCycle));
      return;
    }
  }
  evaluate(t);
  if (t->status == Status::Evaluating) {
    // A reference cycle (a: b, b: a): this conjunct adds nothing yet.
    st.cyclic = true;
    return;
  }
  if (!t->value && expands_itself(st.v, t)) {
    set_error(st, bottom(pos, "structural cycle", Bottom::StructuralCycle));
    return;
  }
  if (t->err && !(t->err->code == Bottom::Incomplete && t->has_struct)) {
    Value* b = new_value(VK::Bottom, pos);
    b->err = t->err;
    set_error(st, b);
    return;
  }
  if (t->value && !(t->err && t->has_struct)) {
    if (t->value->vk == VK::Disjunction) {
      // Alternatives keep the closedness context and embedding of this reference; those of
      // a definition (#E: {a?: int} | {c?: int}) are closed where it is referenced, as the
      // definition itself would be.
      CloseCtx* actx = ctx;
      if (t->is_definition_path) {
        if (embedded && ctx) {
          ctx->embed_closed = true;
        } else {
          actx = new_ctx(ctx, true);
        }
      }
      // The same disjunction referenced again (`foo: #V` in several places) is the same
      // choice: x & x is x, so it is one disjunction, not a product of equal ones.
      for (const auto& [seen, seen_alt] : st.taken_refs) {
        if (seen == t->value) return;
      }
      if (!st.choices) {
        for (const NodeState::DisjTask& d : st.disjunctions) {
          if (d.value == t->value && d.embedded == embedded) return;
        }
      }
      int alt;
      if (take_choice(st, alt) && alt >= 0 && static_cast<size_t>(alt) < t->value->values.size()) {
        st.taken_refs.push_back({t->value, alt});
        // Added after every other conjunct, as for a disjunction written in place: the
        // other literals come first in the field order (`x & {a: 1}` with x: *{b: 2} | …
        // is {a: 1, b: 2}, as cue orders it).
        const Value* x = t->value->values[alt];
        NodeState::ChosenAlt c;
        c.value = x;
        if (x->vk == VK::Vertex) {
          c.as_reference = true;
          c.ctx = actx;
          c.embedded = embedded;
          c.pos = pos;
        }
        st.chosen.push_back(c);
        return;
      }
      st.disjunctions.push_back({nullptr, t->value, nullptr, actx, embedded});
      return;
    }
    add_value(st, t->value);
    // A scalar may carry definitions and hidden fields (`{string, #foo: "bar"}`): they come
    // along, as its arcs do for a struct.
    for (Vertex* a : t->arcs) {
      if (is_index(a->label)) continue;
      Vertex* mine = arc(st.v, a->label, a->arc, true);
      auto* vx = arena.make<VertexExpr>(Op::VertexValue);
      vx->vertex = a;
      mine->conjuncts.push_back(arena, Conjunct{vx, nullptr, nullptr, pos});
    }
    return;
  }
  CloseCtx* c2 = ctx;
  if (t->is_definition_path) {
    if (embedded && ctx) {
      ctx->embed_closed = true;
    } else {
      c2 = new_ctx(ctx, true);
    }
  } else if (t->closed) {
    // close(): closes this level only, not the structs inside.
    c2 = new_ctx(ctx, false);
    c2->embed_closed = true;
  }
  if (t->conjuncts.empty() && (t->is_list || t->has_struct || t->kinds == kStruct)) {
    // A computed vertex (list concatenation, builtin result, chosen disjunct): unify with its
    // arcs, and keep it closed if it was.
    CloseCtx* cc = ctx;
    if (t->closed_struct) {
      if (embedded && ctx) {
        ctx->embed_closed = true;
      } else {
        cc = new_ctx(ctx, true);
      }
    }
    CloseCtx* lit = cc ? new_ctx(cc, false) : nullptr;
    if (lit) {
      ext(st.v)->sources.push_back(arena, StructSource{nullptr, nullptr, lit});
      // What the vertex admitted beyond its fields it still admits here: its `...` and its
      // patterns (`#D: {kind: "a", ...} | {…}`, an alternative of a definition, stays open).
      if (!t->is_list) {
        for (const StructSource& o : t->sources())
          if (o.ctx && o.ctx->open) lit->open = true;
        for (Pattern p : t->patterns()) {
          p.ctx = lit;
          ext(st.v)->patterns.push_back(arena, p);
        }
      }
    }
    if (t->ext) {
      for (const StructExpr* s : t->ext->field_literals) note_field_literal(st, s);
    }
    if (t->is_list) {
      st.saw_list = true;
      if (t->list_open) {
        st.any_open_list = true;
        st.min_len = std::max<int64_t>(st.min_len, list_len(t));
        for (const Pattern& p : t->elem_types()) ext(st.v)->elem_types.push_back(arena, p);
      } else {
        if (st.exact_len >= 0 && st.exact_len != list_len(t)) {
          set_error(st, bottom(pos, fmt::format("incompatible list lengths ({} and {})",
                                                st.exact_len, list_len(t))));
        }
        st.exact_len = list_len(t);
      }
    } else {
      st.has_fields = true;
      st.saw_struct = true;
    }
    for (Vertex* a : t->arcs) {
      Vertex* mine = arc(st.v, a->label, a->arc, true);
      auto* vx = arena.make<VertexExpr>(Op::VertexValue);
      vx->vertex = a;
      mine->conjuncts.push_back(arena,
                                Conjunct{vx, nullptr, child_context(lit, a->label, nullptr), pos});
      if (lit) add_declarer(mine, lit);
    }
    return;
  }
  // A definition is closed where it is referenced (c2), not where it was declared: a nested
  // definition (#Fabric: {#Link: {…}, links: l1: #Link}) unified with data given for
  // #Fabric must allow what #Link declares there.
  bool fresh = t->is_definition_path && c2 != ctx;
  st.expanding.push_back(t);
  for (uint32_t i = 0; i < t->conjuncts.size; ++i) {
    Conjunct c = t->conjuncts[i];
    add_conjunct(st, c.expr, c.env, c.ctx && !fresh ? c.ctx : c2, false);
  }
  st.expanding.pop_back();
}

// The arc for a field of a struct literal. A new arc goes before `next`, the arc of the next
// field this literal declares that existed before the literal was expanded, so that field order
// respects every literal's order (`{y: 2} & {x: 1, y: int}` gives x, y), as CUE orders fields.
Vertex* Evaluator::Impl::new_field_arc(Vertex* v, Vertex* next, Feature label, ArcType type) {
  if (v->lookup(label)) return arc(v, label, type, false);
  Vertex* a = arc(v, label, type, true);
  if (next) {
    Vertex** b = v->arcs.begin();
    Vertex** e = v->arcs.end() - 1;
    Vertex** pos = std::find(b, e, next);
    if (pos != e) std::rotate(pos, e, e + 1);
  }
  return a;
}

// Whether unifying struct t into v would repeat t inside itself without end: every conjunct
// of v comes from t's own literals as expanded at an ancestor of v, so nothing but t feeds v
// (#L: {next: #L}; or `tail: null | #List` with no data below, where CUE drops #List). Data
// from elsewhere ends the recursion, so then it is no cycle.
bool Evaluator::Impl::expands_itself(Vertex* v, Vertex* t) {
  if (v->conjuncts.empty() || t->conjuncts.empty()) return false;
  auto from_t = [&](const Conjunct& c) {
    for (Env* e = c.env; e; e = e->up) {
      if (!e->s || !e->vertex) continue;
      bool is_t_literal = false;
      for (const Conjunct& tc : t->conjuncts) is_t_literal |= tc.expr == e->s;
      if (!is_t_literal) continue;
      for (Vertex* a = v->parent; a; a = a->parent) {
        if (a == e->vertex) return true;
      }
    }
    return false;
  };
  for (const Conjunct& c : v->conjuncts) {
    if (!from_t(c)) return false;
  }
  return true;
}

void Evaluator::Impl::reset_for_reevaluation(Vertex* a) {
  a->status = Status::Unevaluated;
  a->value = nullptr;
  a->err = nullptr;
  a->kinds = kTop;
  a->arcs.size = 0;
  a->is_list = false;
  a->list_open = false;
  a->has_struct = false;
  a->closed_struct = false;
  a->has_error_below = false;
  a->fields_known = false;
  a->self = nullptr;
  if (a->ext) {
    // Attributes stay: they come from the conjuncts, which stay too.
    VertexExt* old = a->ext;
    a->ext = nullptr;
    if (!old->attrs.empty()) ext(a)->attrs = old->attrs;
  }
}

void Evaluator::Impl::note_field_literal(NodeState& st, const StructExpr* s) {
  if (!st.first_field_literal) {
    st.first_field_literal = s;
  } else {
    if (st.more_field_literals.empty()) st.more_field_literals.push_back(st.first_field_literal);
    st.more_field_literals.push_back(s);
  }
}

void Evaluator::Impl::add_struct(NodeState& st, const StructExpr* s, Env* env, CloseCtx* ctx,
                                 bool merge) {
  Vertex* v = st.v;
  Env* e = arena.make<Env>();
  e->up = env;
  e->vertex = v;
  e->s = s;
  bool needs_ctx = ctx != nullptr;
  for (const Decl& d : s->decls) {
    // A `...` is remembered too: a vertex evaluated from this literal and used later where it
    // is closed (an alternative of a definition's disjunction) still admits any field.
    if (d.kind == Decl::Embed || d.kind == Decl::Comprehension || d.kind == Decl::Ellipsis)
      needs_ctx = true;
  }
  CloseCtx* lit = merge && ctx ? ctx : needs_ctx ? new_ctx(ctx, false) : nullptr;
  if (!st.saw_struct) st.struct_pos = s->pos;
  st.saw_struct = true;
  if (s->is_file) st.file_struct = true;
  if (!s->is_file && std::none_of(s->decls.begin(), s->decls.end(),
                                  [](const Decl& d) { return d.kind == Decl::Embed; })) {
    st.plain_struct = true;
  }
  v->has_struct = true;
  if (lit && lit != ctx) ext(v)->sources.push_back(arena, StructSource{s, e, lit});
  note_field_literal(st, s);
  // For ordering: the next already existing field after each declaration (one reverse pass).
  std::vector<Vertex*> next_existing;
  if (v->arcs.size > 0) {
    next_existing.resize(s->decls.size());
    Vertex* next = nullptr;
    for (size_t i = s->decls.size(); i-- > 0;) {
      next_existing[i] = next;
      if (s->decls[i].kind == Decl::Field) {
        if (Vertex* x = v->lookup(s->decls[i].label)) next = x;
      }
    }
  }
  auto next_of = [&](const Decl& d) -> Vertex* {
    return next_existing.empty() ? nullptr : next_existing[&d - s->decls.data()];
  };
  std::vector<const Decl*> deferred_embeds;
  // Embedded references first, then the rest, as cue adds them: fields from an embedding come
  // before the literal's own in a comprehension over the struct ({z: 3, base} ranges over
  // base's fields, then z). An embedded expression stays in place (it may read the literal's
  // own fields: {#x: 2, #x + 1}). Where fields are printed is field_order's business.
  auto early = [](const Decl& d) {
    if (d.kind != Decl::Embed) return false;
    const Expr* x = d.value;
    while (x->op == Op::Selector) x = static_cast<const SelectorExpr*>(x)->x;
    if (x->op == Op::ImportRef) return true;
    return x->op == Op::FieldRef && static_cast<const RefExpr*>(x)->up > 0;
  };
  bool reorder = false;  // an embedded reference after another declaration (rare)
  for (size_t i = 1; i < s->decls.size() && !reorder; ++i) reorder = early(s->decls[i]);
  std::vector<const Decl*> order;
  if (reorder) {
    order.reserve(s->decls.size());
    for (const Decl& d : s->decls) {
      if (early(d)) order.push_back(&d);
    }
    for (const Decl& d : s->decls) {
      if (!early(d)) order.push_back(&d);
    }
  }
  for (size_t di = 0; di < s->decls.size(); ++di) {
    const Decl& d = reorder ? *order[di] : s->decls[di];
    switch (d.kind) {
      case Decl::Field: {
        // Definitions, hidden and optional fields may sit beside an embedded scalar: `{5, #a:
        // 1}` and `{5, a?: int}` are 5 (as in cue: they constrain, they do not make a struct).
        if (label_kind(d.label) == LabelKind::Regular && d.arc == ArcType::Regular)
          st.has_fields = true;
        Vertex* a = new_field_arc(v, next_of(d), d.label, d.arc);
        a->conjuncts.push_back(arena,
                               Conjunct{d.value, e, child_context(lit, d.label, d.value), d.pos});
        apply_known_patterns(*this, a);
        if (a->status == Status::Evaluated || a->status == Status::Finalized) {
          // A comprehension adds to a field that was read while its struct evaluated (`if
          // len(E) < 10 {E: error("…")}`): evaluate it again with every conjunct, so the
          // addition is unified rather than lost.
          reset_for_reevaluation(a);
        }
        if (lit) add_declarer(a, lit);
        if (!d.attrs.empty()) ext(a)->attrs = d.attrs;
        break;
      }
      case Decl::DynamicField:
        if (d.arc == ArcType::Regular) st.has_fields = true;
        st.dynamic_fields.push_back({&d, e, lit, v->arcs.size});
        break;
      case Decl::Pattern: {
        // A pattern constrains fields; beside an embedded scalar it makes no struct either.
        const Value* m = eval_resolved(d.label_expr, e);
        if (m->vk == VK::Bottom) {
          set_error(st, m);
          break;
        }
        ext(v)->patterns.push_back(arena, Pattern{m, &d, nullptr, e, lit, 0});
        // Arcs evaluated before this pattern was known get it now.
        for (Vertex* a : v->arcs) {
          if (a->parent_constraints_applied && label_kind(a->label) == LabelKind::Regular &&
              label_matches(m, a->label) && a->status == Status::Unevaluated) {
            Env* pe = e;
            if (d.pattern_alias) {
              pe = arena.make<Env>();
              pe->up = e;
              pe->slots[0] = label_string(a->label);
            }
            a->conjuncts.push_back(
                arena, Conjunct{d.value, pe, child_context(lit, a->label, d.value), d.pos});
          }
        }
        break;
      }
      case Decl::Embed: {
        if (d.value->op == Op::Top) st.embeds_top = true;
        // `#D` embedded before `#D: {…}` is declared in the same literal (a file that emits a
        // definition declared further down): embed it once the literal's fields exist.
        if (d.value->op == Op::FieldRef) {
          auto* r = static_cast<const RefExpr*>(d.value);
          if (r->up == 0 && !v->lookup(r->label) &&
              std::any_of(s->decls.begin(), s->decls.end(), [&](const Decl& x) {
                return x.kind == Decl::Field && x.label == r->label;
              })) {
            deferred_embeds.push_back(&d);
            break;
          }
        }
        add_conjunct(st, d.value, e, lit, true);
        break;
      }
      case Decl::Let: break;  // evaluated on first reference, per environment (see LetRef)
      case Decl::Comprehension: st.comprehensions.push_back({d.comp, e, lit, v->arcs.size}); break;
      case Decl::Ellipsis:
        if (lit) lit->open = true;
        if (d.value) {
          Value* any = new_value(VK::Top);
          ext(v)->patterns.push_back(arena, Pattern{any, &d, nullptr, e, lit, 0});
        }
        break;
    }
  }
  for (const Decl* d : deferred_embeds) add_conjunct(st, d->value, e, lit, true);
}

// Evaluates e where a concrete value of kind `want` is needed (a label, a condition, a
// comprehension source). On failure records the error, incomplete when the value may still
// become concrete, and returns null. The messages take the value's text for {}.
const Value* Evaluator::Impl::require(NodeState& st, const Expr* e, Env* env, VK want,
                                      const char* incomplete_msg, const char* invalid_msg) {
  const Value* v = eval_resolved(e, env);
  if (v->vk == VK::Bottom) {
    set_error(st, v);
    return nullptr;
  }
  if (v->vk == want) return v;
  if (want == VK::Vertex && !is_concrete(v) && !(kind_of(v) & (kList | kStruct))) {
    // A type that can never become a struct or list (`m: string`): an error, not incomplete.
    std::string text = "value";
    const FileSet* files = ev.files();
    if (const SourceFile* f = e->src && files ? files->file_of(e->src->pos) : nullptr) {
      if (e->src->end.offset > e->src->pos.offset) {
        text = std::string(f->content().substr(f->file_offset(e->src->pos),
                                               e->src->end.offset - e->src->pos.offset));
      }
    }
    set_error(st, bottom(e->pos, fmt::format("invalid operand {} (found {}, want list or struct)",
                                             text, kind_name(kind_of(v)))));
    return nullptr;
  }
  if (!is_concrete(v)) {
    set_error(
        st, bottom(e->pos, fmt::format(fmt::runtime(incomplete_msg), str(v)), Bottom::Incomplete));
  } else {
    set_error(st, bottom(e->pos, fmt::format(fmt::runtime(invalid_msg), str(v))));
  }
  return nullptr;
}

void Evaluator::Impl::add_dynamic_field(NodeState& st, const NodeState::DynTask& t) {
  const Decl& d = *t.decl;
  Vertex* v = st.v;
  const Value* lv =
      require(st, d.label_expr, t.env, VK::String, "incomplete field label: {} is not concrete",
              "invalid field label {}: labels must be strings");
  if (!lv) return;
  Feature f = intern_label(lv->str, LabelKind::Regular);
  Vertex* a = arc(v, f, d.arc, true);
  a->conjuncts.push_back(arena, Conjunct{d.value, t.env, child_context(t.lit, f, d.value), d.pos});
  apply_known_patterns(*this, a);
  if (t.lit) add_declarer(a, t.lit);
  if (!d.attrs.empty()) ext(a)->attrs = d.attrs;
}

void Evaluator::Impl::add_list(NodeState& st, const ListExpr* l, Env* env, CloseCtx* ctx) {
  Vertex* v = st.v;
  if (!st.saw_list) st.list_pos = l->pos;
  st.saw_list = true;
  uint32_t idx = 0;
  for (size_t i = 0; i < l->elems.size(); ++i) {
    if (l->comps[i]) {
      std::vector<Conjunct> produced;
      run_comprehension(st, l->comps[i], 0, env, ctx, &produced);
      for (Conjunct c : produced) {
        Vertex* a = arc(v, index_feature(idx++), ArcType::Regular, true);
        // Like a literal element: the element's own context within the list's definition.
        if (c.ctx == ctx) c.ctx = child_context(ctx, a->label, c.expr);
        a->conjuncts.push_back(arena, c);
      }
      continue;
    }
    Vertex* a = arc(v, index_feature(idx++), ArcType::Regular, true);
    a->conjuncts.push_back(
        arena,
        Conjunct{l->elems[i], env, child_context(ctx, a->label, l->elems[i]), l->elems[i]->pos});
  }
  if (l->open) {
    st.any_open_list = true;
    st.min_len = std::max<int64_t>(st.min_len, idx);
    if (l->ellipsis_type)
      ext(v)->elem_types.push_back(arena,
                                   Pattern{nullptr, nullptr, l->ellipsis_type, env, ctx, idx});
  } else {
    if (st.exact_len >= 0 && st.exact_len != idx) {
      set_error(st, bottom(l->pos,
                           fmt::format("incompatible list lengths ({} and {})", st.exact_len, idx),
                           Bottom::Error, {st.exact_len_pos}));
    }
    st.exact_len = idx;
    st.exact_len_pos = l->pos;
  }
}

void Evaluator::Impl::run_comprehension(NodeState& st, const Comprehension* c, size_t i, Env* env,
                                        CloseCtx* ctx, std::vector<Conjunct>* list_out) {
  if (i == c->clauses.size()) {
    if (list_out) {
      list_out->push_back(Conjunct{c->body, env, ctx, c->body->pos});
    } else {
      add_struct(st, c->body, env, ctx, /*merge=*/true);
    }
    return;
  }
  const Clause& cl = c->clauses[i];
  switch (cl.kind) {
    case Clause::If: {
      const Value* cond =
          require(st, cl.expr, env, VK::Bool, "incomplete condition: {} is not concrete",
                  "invalid condition {}: must be a bool");
      if (!cond) return;
      if (cond->b) run_comprehension(st, c, i + 1, env, ctx, list_out);
      return;
    }
    case Clause::Let: {
      Env* e = arena.make<Env>();
      e->up = env;
      e->slots[0] = eval(cl.expr, env);
      run_comprehension(st, c, i + 1, e, ctx, list_out);
      return;
    }
    case Clause::For: {
      const Value* src =
          require(st, cl.expr, env, VK::Vertex, "cannot range over {}: not yet concrete",
                  "cannot range over {} (not a struct or list)");
      if (!src) return;
      Vertex* t = src->vertex;
      evaluate(t);
      if (t == st.v) {
        set_error(st, bottom(cl.expr->pos, "comprehension ranges over the struct it adds fields to",
                             Bottom::StructuralCycle));
        return;
      }
      // Iterate over a snapshot: the body may not change the source. A struct's fields in the
      // order they were added (Vertex::seq).
      std::vector<Vertex*> items(t->arcs.begin(), t->arcs.end());
      if (!t->is_list) {
        std::stable_sort(items.begin(), items.end(),
                         [](const Vertex* x, const Vertex* y) { return x->seq < y->seq; });
      }
      for (Vertex* a : items) {
        if (t->is_list ? !is_index(a->label)
                       : label_kind(a->label) != LabelKind::Regular || a->arc != ArcType::Regular) {
          continue;
        }
        Env* e = arena.make<Env>();
        e->up = env;
        e->slots[0] =
            t->is_list ? ev.integer(feature_index(a->label), Pos{}) : label_string(a->label);
        if (!a->self) a->self = ev.vertex_value(a);
        e->slots[1] = a->self;
        run_comprehension(st, c, i + 1, e, ctx, list_out);
      }
      return;
    }
  }
}

// --- disjunctions ---

bool Evaluator::Impl::subtree_failed(Vertex* v) {
  if (v->err && v->err->code != Bottom::Incomplete && v->err->code != Bottom::Cycle) return true;
  for (Vertex* a : v->arcs) {
    if (a->arc == ArcType::Optional) continue;
    if (label_kind(a->label) == LabelKind::Let) continue;
    if (subtree_failed(a)) return true;
  }
  return false;
}

void Evaluator::Impl::adopt(Vertex* v, Vertex* from) {
  v->arcs = from->arcs;
  for (Vertex* a : v->arcs) a->parent = v;
  // The extension (patterns, sources, index over the same arcs) is shared; keep our attrs.
  std::span<syntax::Attribute*> attrs = v->attrs();
  v->ext = from->ext;
  if (!attrs.empty()) {
    VertexExt* x = arena.make<VertexExt>();
    if (from->ext) *x = *from->ext;
    x->attrs = attrs;
    v->ext = x;
  }
  v->value = from->value;
  v->kinds = from->kinds;
  v->is_list = from->is_list;
  v->list_open = from->list_open;
  v->has_struct = from->has_struct;
  v->err = from->err;
  v->closed = from->closed;
  v->status = Status::Evaluated;
}

// The error when no alternative of a disjunction survives: the one failure as it is, or a
// compound error listing each (CUE's "N errors in empty disjunction").
const Value* Evaluator::Impl::empty_disjunction(Pos at, const std::vector<const Bottom*>& kids) {
  // Custom messages (error("…") alternatives) stand for the whole disjunction, with every
  // position that led there: the error() calls, then where the other alternatives failed.
  std::vector<std::string_view> custom;
  std::vector<Pos> positions;
  for (const Bottom* k : kids) {
    if (!k->custom) continue;
    custom.push_back(k->message);
    positions.insert(positions.end(), k->positions.begin(), k->positions.end());
  }
  if (!custom.empty()) {
    for (const Bottom* k : kids) {
      if (k->custom) continue;
      for (Pos p : k->positions) {
        if (std::find(positions.begin(), positions.end(), p) == positions.end())
          positions.push_back(p);
      }
    }
    std::string msg;
    for (std::string_view m : custom) msg += (msg.empty() ? "" : "; ") + std::string(m);
    Pos first = positions.empty() ? at : positions.front();
    std::vector<Pos> more(positions.begin() + (positions.empty() ? 0 : 1), positions.end());
    const Value* e = bottom(first, msg, Bottom::Error, more);
    const_cast<Bottom*>(e->err)->custom = true;
    return e;
  }
  if (kids.size() == 1) {
    return bottom(kids[0]->positions.empty() ? at : kids[0]->positions[0],
                  fmt::format("empty disjunction: {}", kids[0]->message), Bottom::Error,
                  std::vector<Pos>(kids[0]->positions.begin(), kids[0]->positions.end()));
  }
  const Value* e =
      bottom(at, kids.empty() ? "empty disjunction: no alternative matches"
                              : fmt::format("{} errors in empty disjunction", kids.size()));
  if (!kids.empty()) const_cast<Bottom*>(e->err)->children = arena.copy(kids);
  return e;
}

// A struct (or list) meeting disjunctions of which one alternative each can hold it, as data
// meets `string | bytes | {...} | [...]`: every other alternative fails on its kind alone, so
// the fitting one is unified directly, without a trial copy of the whole value (a trial per
// generated file doubled the memory of the example's file tree). Only plain literals that add
// no comprehensions or dynamic fields qualify: they are unified after those have run.
bool Evaluator::Impl::take_only_fitting_alternative(NodeState& st, const std::vector<DisjAlts>& tasks) {
  bool is_struct = st.has_fields || st.saw_struct;
  if (is_struct == st.saw_list || st.choices) return false;
  uint16_t want = st.saw_list ? kList : kStruct;
  std::vector<const Expr*> picks;
  for (size_t k = 0; k < tasks.size(); ++k) {
    const NodeState::DisjTask& t = st.disjunctions[k];
    if (!t.expr || tasks[k].values.size() != t.expr->xs.size()) return false;
    const Expr* pick = nullptr;
    for (size_t i = 0; i < tasks[k].values.size(); ++i) {
      const Value* x = tasks[k].values[i];
      if (x->vk == VK::Bottom) return false;
      if (!(kind_of(x) & want)) continue;
      if (pick) return false;  // two could fit: a real choice
      pick = t.expr->xs[i];
    }
    if (!pick) return false;
    if (pick->op == Op::Struct) {
      for (const Decl& d : static_cast<const StructExpr*>(pick)->decls) {
        if (d.kind == Decl::Comprehension || d.kind == Decl::DynamicField || d.kind == Decl::Embed)
          return false;
      }
    } else if (pick->op == Op::List) {
      if (!static_cast<const ListExpr*>(pick)->comps.empty()) return false;
    } else {
      return false;
    }
    picks.push_back(pick);
  }
  std::vector<NodeState::DisjTask> taken;
  taken.swap(st.disjunctions);
  for (size_t k = 0; k < picks.size(); ++k) {
    add_conjunct(st, picks[k], taken[k].env, taken[k].ctx, taken[k].embedded);
  }
  return st.disjunctions.empty();
}

void Evaluator::Impl::process_disjunctions(NodeState& st) {
  if (st.disjunctions.empty() || (st.err && st.err->err->code != Bottom::Incomplete)) return;
  Vertex* v = st.v;
  // A constant disjunction meeting nothing else (a schema default with no data) has the same
  // result on every vertex: computed once, cached on the expression.
  const NaryExpr* shared_expr = nullptr;
  if (st.disjunctions.size() == 1 && st.disjunctions[0].expr && st.disjunctions[0].expr->is_const &&
      !st.concrete && st.constraints.empty() && st.kinds == kTop && !st.has_fields &&
      !st.saw_list && !st.saw_struct) {
    shared_expr = st.disjunctions[0].expr;
    if (shared_expr->cached && shared_expr->cached->vk == VK::Disjunction) {
      st.disjunctions.clear();
      st.constraints.push_back(shared_expr->cached);
      return;
    }
  }
  // The alternatives of every disjunction, evaluated.
  using Alts = DisjAlts;
  std::vector<Alts> tasks;
  bool scalar_only = !st.has_fields && !st.saw_list && !st.saw_struct;
  for (const auto& t : st.disjunctions) {
    Alts a;
    if (t.expr) {
      a.has_defaults = t.expr->has_defaults;
      for (size_t i = 0; i < t.expr->xs.size(); ++i) {
        const Value* x = eval(t.expr->xs[i], t.env);
        bool marked = t.expr->defaults[i];
        if (x->vk == VK::Vertex) {
          Vertex* xv = x->vertex;
          evaluate(xv);
          if (xv->value && xv->value->vk == VK::Disjunction) {
            x = xv->value;  // spliced below
          } else {
            const Value* r = resolve(x);
            if (r->vk == VK::Vertex) scalar_only = false;
            x = r;
          }
        }
        if (x->vk == VK::Disjunction) {
          // A nested disjunction: its alternatives join this one, keeping their marks
          // (spec: ⟨v1, d1⟩ | v2 => ⟨v1|v2, d1⟩).
          // Spec M2/M3: a marked alternative brings its own default (or all of its values when it
          // has none); an unmarked one loses its defaults if other alternatives are marked.
          bool inner_defaults = false;
          for (const Value* y : x->values) inner_defaults |= y->is_default;
          for (const Value* y : x->values) {
            if (y->vk == VK::Vertex) scalar_only = false;
            bool def = marked ? (inner_defaults ? y->is_default : true)
                              : (!t.expr->has_defaults && y->is_default);
            a.values.push_back(y);
            a.defaults.push_back(def);
            a.has_defaults |= def;
          }
          add_custom_error_alternative(a, x);
          continue;
        }
        // An alternative that refers to the field itself (a: <3 | a + 1): unknown until the
        // field is evaluated again with the value found so far.
        if (x->vk == VK::Bottom && x->err->code == Bottom::Cycle) st.cyclic = true;
        a.values.push_back(x);
        a.defaults.push_back(marked);
      }
    } else {
      for (const Value* x : t.value->values) {
        if (x->vk == VK::Vertex) scalar_only = false;
        a.values.push_back(x);
        a.defaults.push_back(x->is_default);
        a.has_defaults |= x->is_default;
      }
      add_custom_error_alternative(a, t.value);
    }
    tasks.push_back(std::move(a));
  }
  if (take_only_fitting_alternative(st, tasks)) return;
  size_t combos = 1;
  for (const Alts& a : tasks) {
    combos *= std::max<size_t>(1, a.values.size());
    if (!scalar_only && combos > kMaxDisjunctCombinations) {
      set_error(st, bottom(st.disjunctions[0].expr ? st.disjunctions[0].expr->pos : Pos{},
                           fmt::format("too many disjunct combinations (more than {})",
                                       kMaxDisjunctCombinations)));
      return;
    }
  }
  struct Candidate {
    const Value* value = nullptr;  // scalar path
    Vertex* vertex = nullptr;      // general path
    bool is_default = false;
  };
  std::vector<Candidate> cands;
  std::vector<const Value*> failures;
  std::vector<int> combo(tasks.size(), 0);
  bool any_defaults = false;
  for (const Alts& a : tasks) any_defaults |= a.has_defaults;
  if (scalar_only) {
    process_scalar_disjunctions(st, tasks, any_defaults, shared_expr);
    return;
  }
  if (n_combos + combos > kMaxDisjunctEvaluations) {
    // Struct disjunctions nested in struct disjunctions (recursive types with alternatives
    // that expand each other) can multiply without end: a clear error, not a hang.
    set_error(st, bottom(st.disjunctions[0].expr ? st.disjunctions[0].expr->pos : Pos{},
                         fmt::format("evaluation stopped: more than {} struct disjuncts "
                                     "evaluated (disjunctions that expand one another)",
                                     kMaxDisjunctEvaluations)));
    return;
  }
  for (size_t n = 0; n < combos; ++n) {
    // Decode combination n, the first disjunction varying slowest (cue's order of the
    // results: (a|b) & (c|d) is ac | ad | bc | bd). It is a default if some disjunction has
    // defaults and every disjunction that has them contributes one.
    size_t rest = n;
    bool is_default = any_defaults;
    for (size_t k = tasks.size(); k-- > 0;) {
      size_t cnt = tasks[k].values.size();
      combo[k] = static_cast<int>(rest % cnt);
      rest /= cnt;
      if (tasks[k].has_defaults && !tasks[k].defaults[combo[k]]) is_default = false;
    }
    // General path: evaluate the whole vertex under this combination.
    ++n_combos;
    Vertex* c = new_vertex(v->parent, v->label);
    c->arc = v->arc;
    c->is_definition_path = v->is_definition_path;
    c->parent_constraints_applied = true;
    for (const Conjunct& cj : v->conjuncts) c->conjuncts.push_back(arena, cj);
    NodeState cst;
    ++depth;
    ++trials;
    size_t hits_before = structural_hits;
    // Inside a combination already (a disjunction embedded in a chosen alternative, as in
    // {{a: 1} | {b: 1}} | {c: 1}): the disjunctions met before keep their choices, the new
    // ones take this combination's; choices are taken in the order disjunctions are met.
    std::vector<int> nested;
    const std::vector<int>* choices = &combo;
    if (st.choices) {
      nested = *st.choices;
      nested.insert(nested.end(), combo.begin(), combo.end());
      choices = &nested;
    }
    trial_of.push_back({c, v, choices});
    evaluate_with(c, choices, cst);
    finalize(c);
    trial_of.pop_back();
    --trials;
    --depth;
    if (structural_hits > hits_before && !c->err) {
      c->err = bottom(c->conjuncts.empty() ? Pos{} : c->conjuncts[0].pos, "structural cycle",
                      Bottom::StructuralCycle)
                   ->err;
      structural_hits = hits_before;  // dropping this disjunct resolves it
    }
    if (subtree_failed(c)) {
      Value* b = new_value(VK::Bottom);
      b->err = c->err;
      if (!b->err) {
        // Find the first failure below.
        std::vector<Vertex*> stack{c};
        while (!stack.empty() && !b->err) {
          Vertex* x = stack.back();
          stack.pop_back();
          if (x->err && x->err->code != Bottom::Incomplete) {
            Bottom* copy = arena.make<Bottom>();
            *copy = *x->err;
            copy->at = x;
            b->err = copy;
          }
          for (Vertex* a : x->arcs) stack.push_back(a);
        }
      }
      if (b->err) failures.push_back(b);
      continue;
    }
    // A combination that met disjunctions of its own (one embedded in the chosen
    // alternative) ends as a disjunction of struct values: each of those is a candidate.
    std::vector<std::pair<Vertex*, bool>> found;
    if (c->value && c->value->vk == VK::Disjunction) {
      bool inner_defaults = false;
      for (const Value* x : c->value->values) inner_defaults |= x->is_default;
      for (const Value* x : c->value->values) {
        if (x->vk != VK::Vertex) {
          found.clear();
          break;
        }
        found.emplace_back(x->vertex, is_default && (!inner_defaults || x->is_default));
      }
    }
    bool spliced = !found.empty();
    if (!spliced) found.emplace_back(c, is_default);
    for (auto [cand, cand_default] : found) {
      bool dup = false;
      for (Candidate& k : cands) {
        if (identical_vertices(k.vertex, cand)) {
          k.is_default |= cand_default;
          dup = true;
        }
      }
      if (dup) continue;
      if (!spliced) {
        // A candidate is a finished value: whoever refers to it takes its arcs, not its
        // conjuncts (which still hold the disjunction it was chosen from).
        cand->conjuncts.clear();
        if (!cst.more_field_literals.empty()) {
          ext(cand)->field_literals = arena.copy(cst.more_field_literals);
        } else if (cst.first_field_literal) {
          ext(cand)->field_literals =
              arena.copy(std::vector<const StructExpr*>{cst.first_field_literal});
        }
      }
      cands.push_back({nullptr, cand, cand_default});
    }
  }
  if (cands.empty()) {
    Pos at = st.disjunctions[0].expr ? st.disjunctions[0].expr->pos : Pos{};
    std::vector<const Bottom*> kids;
    for (const Value* f : failures) {
      if (f->err && f->err != quiet_bottom->err) kids.push_back(f->err);
    }
    set_error(st, empty_disjunction(at, kids));
    return;
  }
  if (cands.size() == 1) {
    if (cands[0].vertex) {
      adopt(v, cands[0].vertex);
      return;
    }
    st.kinds = kTop;
    st.kind_src = nullptr;
    st.concrete = nullptr;
    st.constraints.clear();
    st.disjunctions.clear();
    add_value(st, cands[0].value);
    return;
  }
  // Several alternatives remain: the vertex is a disjunction (defaults pick one on export).
  std::vector<const Value*> values;
  for (Candidate& c : cands) {
    const Value* x = c.vertex ? ev.vertex_value(c.vertex) : c.value;
    Value* copy = new_value(x->vk, x->pos);
    *copy = *x;
    copy->is_default = c.is_default;
    values.push_back(copy);
  }
  Value* d = new_value(VK::Disjunction);
  d->values = arena.copy(values);
  d->custom_error = custom_error_of(tasks);
  if (cands[0].vertex) {
    v->value = d;
    uint16_t k = 0;
    for (const Value* x : values) k |= kind_of(x);
    v->kinds = k;
    v->status = Status::Evaluated;
    return;
  }
  st.disjunctions.clear();
  st.concrete = nullptr;
  st.constraints.clear();
  st.kinds = kTop;
  st.constraints.push_back(d);  // finish() turns a lone disjunction into the value
  if (shared_expr && !shared_expr->cached) shared_expr->cached = d;
}

void Evaluator::Impl::process_scalar_disjunctions(NodeState& st, const std::vector<DisjAlts>& tasks,
                                                  bool any_defaults, const NaryExpr* shared_expr) {
  // Scalar disjunctions are folded in one at a time, dropping failed and equal alternatives as
  // they go, so `#E & #E & #E & 3` stays small however many enums meet.
  Vertex* v = st.v;
  // Defaults as cue (v0.4 to v0.6) decides them: a disjunction none of whose default
  // alternatives survives counts as having no defaults (`(*"a" | "b" | "c") & ("b" | *"c")`
  // is "c"). So each candidate keeps, for every way it was reached, which of the disjunctions
  // with defaults it took a default of (a bit per disjunction, up to 64; more fall back to
  // the spec's strict rule).
  using Path = uint64_t;
  struct Cand {
    uint16_t kinds;
    const Value* kind_src;
    const Value* concrete;
    std::vector<const Value*> constraints;
    bool is_default;
    std::vector<Path> paths;
  };
  const bool track = tasks.size() <= 64;
  auto add_path = [&](Cand& n, Path p) {
    if (track && n.paths.size() < 64 &&
        std::find(n.paths.begin(), n.paths.end(), p) == n.paths.end()) {
      n.paths.push_back(p);
    }
  };
  auto state_of = [&](const Cand& c) {
    NodeState t;
    t.v = v;
    t.kinds = c.kinds;
    t.kind_src = c.kind_src;
    t.concrete = c.concrete;
    t.constraints = c.constraints;
    return t;
  };
  auto same = [&](const Cand& a, const NodeState& b) {
    if (a.kinds != b.kinds || a.constraints.size() != b.constraints.size()) return false;
    if ((a.concrete == nullptr) != (b.concrete == nullptr)) return false;
    if (a.concrete && !identical(a.concrete, b.concrete)) return false;
    for (size_t i = 0; i < a.constraints.size(); ++i) {
      if (!identical(a.constraints[i], b.constraints[i])) return false;
    }
    return true;
  };
  Pos at = st.disjunctions[0].expr ? st.disjunctions[0].expr->pos : Pos{};
  std::vector<Cand> cands{{st.kinds, st.kind_src, st.concrete, st.constraints, true, {0}}};
  for (size_t ti = 0; ti < tasks.size(); ++ti) {
    const DisjAlts& t = tasks[ti];
    std::vector<Cand> next;
    // The paths of c extended by alternative i of this disjunction.
    auto extend = [&](Cand& n, const Cand& c, size_t i) {
      Path bit = track && t.has_defaults && t.defaults[i] ? Path(1) << ti : 0;
      for (Path p : c.paths) add_path(n, p | bit);
    };
    {
      bool was_quiet = quiet;
      quiet = true;
      for (const Cand& c : cands) {
        for (size_t i = 0; i < t.values.size(); ++i) {
          const Value* alt = t.values[i];
          if (c.concrete && c.constraints.empty() && alt->vk != VK::Vertex && is_concrete(alt)) {
            // A value met with one alternative of an enumeration (a YANG identityref has
            // hundreds): it stays exactly when it is that alternative.
            if (!identical(c.concrete, alt)) continue;
            bool def = c.is_default && (!t.has_defaults || t.defaults[i]);
            bool dup = false;
            for (Cand& n : next) {
              if (n.concrete && n.constraints.empty() && n.kinds == c.kinds &&
                  identical(n.concrete, c.concrete)) {
                n.is_default |= def;
                extend(n, c, i);
                dup = true;
                break;
              }
            }
            if (!dup) {
              next.push_back({c.kinds, c.kind_src, c.concrete, {}, def, {}});
              extend(next.back(), c, i);
            }
            continue;
          }
          NodeState tmp = state_of(c);
          add_value(tmp, t.values[i]);
          if (!tmp.err && tmp.concrete) {
            for (const Value* k : tmp.constraints) {
              if (check_constraint(k, tmp.concrete)->vk == VK::Bottom) {
                tmp.err = quiet_bottom;
                break;
              }
            }
          }
          if (tmp.err) continue;
          bool def = c.is_default && (!t.has_defaults || t.defaults[i]);
          bool dup = false;
          for (Cand& n : next) {
            if (same(n, tmp)) {
              n.is_default |= def;
              extend(n, c, i);
              dup = true;
              break;
            }
          }
          if (!dup) {
            next.push_back(
                {tmp.kinds, tmp.kind_src, tmp.concrete, std::move(tmp.constraints), def, {}});
            extend(next.back(), c, i);
          }
        }
      }
      quiet = was_quiet;
    }
    if (next.empty()) {
      // Every alternative failed: describe each (at most 16).
      std::vector<const Bottom*> kids;
      // An alternative another one subsumes (false in *false | bool) fails whenever that one
      // does: only the more general alternative is described.
      auto subsumed = [&](size_t i) {
        const Value* x = t.values[i];
        if (!is_concrete(x) || x->vk == VK::Vertex) return false;
        for (size_t j = 0; j < t.values.size(); ++j) {
          const Value* y = t.values[j];
          if (j != i && y->vk == VK::BasicType && (y->kinds & kind_of(x)) == kind_of(x))
            return true;
        }
        return false;
      };
      for (const Cand& c : cands) {
        for (size_t i = 0; i < t.values.size() && kids.size() < 16; ++i) {
          if (subsumed(i)) continue;
          NodeState tmp = state_of(c);
          add_value(tmp, t.values[i]);
          const Value* r = scalar_value(tmp);
          if (r->vk == VK::Bottom && r->err != quiet_bottom->err) kids.push_back(r->err);
        }
      }
      set_error(st, empty_disjunction(at, kids));
      return;
    }
    if (next.size() > kMaxDisjunctCombinations) {
      set_error(st, bottom(at, fmt::format("too many disjunct combinations (more than {})",
                                           kMaxDisjunctCombinations)));
      return;
    }
    cands = std::move(next);
  }
  // The disjunctions whose defaults some candidate still took: only those decide.
  if (track) {
    Path used = 0, with_defaults = 0;
    for (size_t ti = 0; ti < tasks.size(); ++ti) {
      if (tasks[ti].has_defaults) with_defaults |= Path(1) << ti;
    }
    for (const Cand& c : cands) {
      NodeState tmp = state_of(c);
      if (scalar_value(tmp)->vk == VK::Bottom) continue;
      for (Path p : c.paths) used |= p;
    }
    Path deciding = with_defaults & used;
    for (Cand& c : cands) {
      if (c.paths.size() >= 64) continue;  // too many ways: keep the strict answer
      // No default left anywhere: no alternative is the default.
      c.is_default = deciding != 0 && std::any_of(c.paths.begin(), c.paths.end(), [&](Path p) {
                       return (p & deciding) == deciding;
                     });
    }
  }
  // The value of each remaining candidate.
  std::vector<std::pair<const Value*, bool>> results;
  for (const Cand& c : cands) {
    NodeState tmp = state_of(c);
    const Value* r = scalar_value(tmp);
    if (r->vk == VK::Bottom) continue;
    bool def = any_defaults && c.is_default;
    bool dup = false;
    for (auto& [rv, rd] : results) {
      if (identical(rv, r)) {
        rd |= def;
        dup = true;
      }
    }
    if (!dup) results.push_back({r, def});
  }
  if (results.empty()) {
    set_error(st, bottom(at, "empty disjunction: no alternative matches"));
    return;
  }
  st.disjunctions.clear();
  st.kinds = kTop;
  st.kind_src = nullptr;
  st.concrete = nullptr;
  st.constraints.clear();
  if (results.size() == 1) {
    add_value(st, results[0].first);
    return;
  }
  std::vector<const Value*> values;
  for (auto& [r, def] : results) {
    Value* copy = new_value(r->vk, r->pos);
    *copy = *r;
    copy->is_default = def;
    values.push_back(copy);
  }
  Value* d = new_value(VK::Disjunction);
  d->values = arena.copy(values);
  d->custom_error = custom_error_of(tasks);
  st.constraints.push_back(d);  // finish() turns a lone disjunction into the value
  if (shared_expr && !shared_expr->cached) shared_expr->cached = d;
}

void Evaluator::Impl::add_custom_error_alternative(DisjAlts& a, const Value* disjunction) {
  if (!disjunction->custom_error) return;
  Value* b = new_value(VK::Bottom, disjunction->pos);
  b->err = disjunction->custom_error;
  a.values.push_back(b);
  a.defaults.push_back(false);
}

const Bottom* Evaluator::Impl::custom_error_of(const std::vector<DisjAlts>& tasks) {
  for (const DisjAlts& t : tasks) {
    for (const Value* x : t.values) {
      if (x->vk == VK::Bottom && x->err && x->err->custom) return x->err;
    }
  }
  return nullptr;
}

// --- finishing a vertex ---

void Evaluator::Impl::finish(NodeState& st) {
  Vertex* v = st.v;
  v->status = Status::Evaluated;
  if (st.more_field_literals.empty()) {
    if (st.first_field_literal) order_fields(v, {&st.first_field_literal, 1});
  } else {
    order_fields(v, st.more_field_literals);
  }
  if (st.cyclic && !st.err) {
    v->recheck = true;
    if (!st.concrete && !st.has_fields && !st.saw_list && !st.saw_struct &&
        st.constraints.empty()) {
      // Nothing known yet: a provisional value that tells users of it about the cycle. The
      // vertex is evaluated again once the cycle's other members are done.
      v->value = bottom(v->conjuncts.empty() ? Pos{} : v->conjuncts[0].pos,
                        "cycle: value depends on itself", Bottom::Cycle);
      v->kinds = kTop;
      v->status = Status::Unevaluated;
      return;
    }
  }
  if (st.err && st.err->err->custom) {
    // An error("…") met other values: show where they were written too (the data the
    // author's message is about), after the error() call.
    std::vector<Pos> extra;
    if (st.concrete && concrete_pos(st).valid()) extra.push_back(concrete_pos(st));
    if (st.saw_struct && st.struct_pos.valid()) extra.push_back(st.struct_pos);
    std::span<Pos> have = st.err->err->positions;
    std::erase_if(extra,
                  [&](Pos p) { return std::find(have.begin(), have.end(), p) != have.end(); });
    if (!extra.empty()) {
      std::vector<Pos> all(have.begin(), have.end());
      all.insert(all.end(), extra.begin(), extra.end());
      Bottom* copy = arena.make<Bottom>(*st.err->err);
      copy->positions = arena.copy(all);
      Value* b = new_value(VK::Bottom, st.err->pos);
      b->err = copy;
      st.err = b;
    }
  }
  if (st.err) {
    // The error belongs to the first vertex it is found in; vertices that merely refer to it
    // report it under that path (once).
    if (!st.err->err->at) const_cast<Bottom*>(st.err->err)->at = v;
    v->err = st.err->err;
    v->value = st.err;
    v->kinds = kNoKind;
    return;
  }
  auto conflict = [&](const std::string& a, const std::string& ta, Pos pa, const std::string& b,
                      const std::string& tb, Pos pb) {
    const Value* e = bottom(
        pa, fmt::format("conflicting values {} and {} (mismatched types {} and {})", a, b, ta, tb),
        Bottom::Error, {pb});
    v->err = e->err;
    v->value = e;
    v->kinds = kNoKind;
  };
  if (st.saw_list) {
    if (st.concrete) {
      conflict(str(st.concrete), type_name(st.concrete), concrete_pos(st), "[...]", "list",
               st.list_pos);
      return;
    }
    if (st.has_fields || st.plain_struct) {
      conflict("[...]", "list", st.list_pos, "{...}", "struct", st.struct_pos);
      return;
    }
    if (!(st.kinds & kList)) {
      conflict(kind_name(st.kinds), kind_name(st.kinds), st.kind_src ? st.kind_src->pos : Pos{},
               "[...]", "list", st.list_pos);
      return;
    }
    for (const Value* c : st.constraints) {
      if (!applies_to_composite(c)) {
        conflict(str(c), type_name(c), c->pos, "[...]", "list", st.list_pos);
        return;
      }
    }
    v->is_list = true;
    v->kinds = kList;
    v->value = nullptr;
    // Elements first (list_len), then any hidden fields or definitions beside them.
    std::stable_partition(v->arcs.begin(), v->arcs.end(),
                          [](const Vertex* a) { return is_index(a->label); });
    v->list_open = st.exact_len < 0;  // validators see whether the list may still grow
    if (!check_validators(st, v)) return;
    if (st.exact_len >= 0) {
      int64_t elems = list_len(v);
      if (elems > st.exact_len || st.min_len > st.exact_len) {
        const Value* e = bottom(st.exact_len_pos,
                                fmt::format("incompatible list lengths ({} and {})", st.exact_len,
                                            std::max<int64_t>(elems, st.min_len)));
        v->err = e->err;
        v->value = e;
        return;
      }
      v->list_open = false;
    } else {
      v->list_open = true;
    }
    return;
  }
  // A literal that only embeds a type (`{string}`, `#S: {int, #x: 1}`) is that type; one that
  // embeds `_` and nothing more (`{_, #foo: string}`, `{_}`) is top, as cue has it (eval
  // prints `_`), where `{a}` embedding a reference to itself stays the struct {}.
  if (st.has_fields || st.plain_struct ||
      (st.saw_struct && !st.concrete && st.constraints.empty() && (st.kinds & kStruct) &&
       (st.kinds != kTop || !st.embeds_top || st.file_struct))) {
    if (st.concrete) {
      conflict(str(st.concrete), type_name(st.concrete), concrete_pos(st), "{...}", "struct",
               st.struct_pos);
      return;
    }
    if (!(st.kinds & kStruct)) {
      conflict(kind_name(st.kinds), kind_name(st.kinds), st.kind_src ? st.kind_src->pos : Pos{},
               "{...}", "struct", st.struct_pos);
      return;
    }
    for (const Value* c : st.constraints) {
      if (!applies_to_composite(c) && (st.has_fields || st.plain_struct)) {
        conflict(str(c), type_name(c), c->pos, "{...}", "struct", st.struct_pos);
        return;
      }
    }
    v->kinds = kStruct;
    v->value = nullptr;
    check_closedness(v);
    check_validators(st, v);
    return;
  }
  // A scalar, or a constraint on one.
  const Value* r = scalar_value(st);
  v->value = r;
  if (r->vk == VK::Bottom) {
    if (!r->err->at) const_cast<Bottom*>(r->err)->at = v;
    v->err = r->err;
    v->kinds = kNoKind;
    return;
  }
  v->kinds = kind_of(r);
}

// The value of a scalar state: the concrete value checked against every constraint, or the
// constraints simplified (tightest bounds; >=5 & <=5 is 5; an empty range is an error).
const Value* Evaluator::Impl::scalar_value(NodeState& st) {
  if (st.err) return st.err;
  if (st.concrete) {
    for (const Value* c : st.constraints) {
      const Value* r = check_constraint(c, st.concrete);
      if (r->vk == VK::Bottom) {
        // The value has no position of its own: name where its conjunct was written.
        Pos at = st.concrete_pos;
        if (st.concrete->pos.valid() || !at.valid() || r == quiet_bottom) return r;
        std::span<Pos> have = r->err->positions;
        if (std::find(have.begin(), have.end(), at) != have.end()) return r;
        Bottom* b = arena.make<Bottom>(*r->err);
        std::vector<Pos> all(have.begin(), have.end());
        all.push_back(at);
        b->positions = arena.copy(all);
        Value* v = new_value(VK::Bottom, r->pos);
        v->err = b;
        return v;
      }
    }
    return st.concrete;
  }
  const Value* lo = nullptr;
  const Value* hi = nullptr;
  for (const Value* c : st.constraints) {
    if (c->vk != VK::Bound || !c->arg || c->arg->vk != VK::Num) continue;
    if (c->op == syntax::Tok::Gtr || c->op == syntax::Tok::Geq) {
      if (!lo || Number::compare(c->arg->num, lo->arg->num) > 0) lo = c;
    } else if (c->op == syntax::Tok::Lss || c->op == syntax::Tok::Leq) {
      if (!hi || Number::compare(c->arg->num, hi->arg->num) < 0) hi = c;
    }
  }
  if (lo && hi && lo->op == syntax::Tok::Geq && hi->op == syntax::Tok::Leq &&
      Number::compare(lo->arg->num, hi->arg->num) == 0 && (st.kinds & kind_of(lo->arg))) {
    // >=5 & <=5 leaves one value: 5.
    for (const Value* c : st.constraints) {
      if (c == lo || c == hi) continue;
      const Value* r = check_constraint(c, lo->arg);
      if (r->vk == VK::Bottom) return r;
    }
    return lo->arg;
  }
  if (lo && hi) {
    int cmp = Number::compare(lo->arg->num, hi->arg->num);
    bool empty =
        cmp > 0 || (cmp == 0 && (lo->op == syntax::Tok::Gtr || hi->op == syntax::Tok::Lss));
    if (empty) {
      return bottom(lo->pos, fmt::format("incompatible bounds {} and {}", str(lo), str(hi)),
                    Bottom::Error, {hi->pos});
    }
  }
  // Keep only the tightest numeric bound on each side: >1 & >5 is >5.
  std::vector<const Value*> kept;
  for (const Value* c : st.constraints) {
    bool numeric = c->vk == VK::Bound && c->arg && c->arg->vk == VK::Num;
    bool lower = numeric && (c->op == syntax::Tok::Gtr || c->op == syntax::Tok::Geq);
    bool upper = numeric && (c->op == syntax::Tok::Lss || c->op == syntax::Tok::Leq);
    if ((lower && c != lo) || (upper && c != hi)) {
      const Value* best = lower ? lo : hi;
      if (Number::compare(c->arg->num, best->arg->num) != 0) continue;
      bool strict = c->op == syntax::Tok::Gtr || c->op == syntax::Tok::Lss;
      bool best_strict = best->op == syntax::Tok::Gtr || best->op == syntax::Tok::Lss;
      if (!strict || best_strict) continue;
    }
    kept.push_back(c);
  }
  // !=x where another bound already excludes x says nothing more: >5 & !=3 is >5, and
  // =~"b" & !="a" is =~"b" (as cue simplifies them).
  std::erase_if(kept, [&](const Value* c) {
    if (c->vk != VK::Bound || c->op != syntax::Tok::Neq || !c->arg || !is_concrete(c->arg))
      return false;
    for (const Value* o : kept) {
      if (o == c || o->vk != VK::Bound || o->op == syntax::Tok::Neq) continue;
      bool saved = quiet;
      quiet = true;  // a test, not an error: no message to format
      bool excluded = check_constraint(o, c->arg)->vk == VK::Bottom;
      quiet = saved;
      if (excluded) return true;
    }
    return false;
  });
  // In cue's order: lower bounds, upper bounds, the other constraints as they came, then the
  // type where the constraints do not imply it (`>1 & int`, `=~"x"`, `<5`); cue eval prints
  // them so, and checks them so.
  std::vector<const Value*> parts;
  auto is_side = [](const Value* c, bool lower) {
    if (c->vk != VK::Bound || !c->arg || c->arg->vk != VK::Num) return false;
    return lower ? (c->op == syntax::Tok::Gtr || c->op == syntax::Tok::Geq)
                 : (c->op == syntax::Tok::Lss || c->op == syntax::Tok::Leq);
  };
  for (const Value* c : kept)
    if (is_side(c, true)) parts.push_back(c);
  for (const Value* c : kept)
    if (is_side(c, false)) parts.push_back(c);
  for (const Value* c : kept)
    if (!is_side(c, true) && !is_side(c, false)) parts.push_back(c);
  uint16_t implied = kTop;
  for (const Value* c : kept) implied &= kind_of(c);
  if (st.kinds != kTop && (kept.empty() || st.kinds != implied)) {
    parts.push_back(st.kind_src && st.kind_src->vk == VK::BasicType &&
                            st.kind_src->kinds == st.kinds
                        ? st.kind_src
                        : ev.basic_type(st.kinds));
  }
  if (parts.empty()) return top_value;
  if (parts.size() == 1) return parts[0];
  Value* cj = new_value(VK::Conjunction);
  cj->values = arena.copy(parts);
  return cj;
}

// Validators on a list or struct (list.MinItems(2), struct.MaxFields(3)) see the finished
// vertex. Returns false (and sets the error) if one fails.
// Constraints a list or struct can satisfy: validators, and != (spec: !=[1, 2] & [1]).
bool Evaluator::Impl::applies_to_composite(const Value* c) {
  return c->vk == VK::Validator || (c->vk == VK::Bound && c->op == syntax::Tok::Neq);
}

bool Evaluator::Impl::check_validators(NodeState& st, Vertex* v) {
  for (const Value* c : st.constraints) {
    if (!applies_to_composite(c)) continue;
    const Value* r =
        check_constraint(c, ev.vertex_value(v, v->conjuncts.empty() ? Pos{} : v->conjuncts[0].pos));
    if (r->vk == VK::Bottom) {
      v->err = r->err;
      v->value = r;
      v->kinds = kNoKind;
      return false;
    }
  }
  return true;
}

// --- closedness ---

static bool in_chain(CloseCtx* c, CloseCtx* root) {
  for (; c; c = c->parent) {
    if (c == root) return true;
  }
  return false;
}

// Whether what context c declares counts for the closed context root: c is below root, or
// is the literal a definition was embedded in (`{#A & #B, a: 1}`): the literal's own fields
// are allowed whatever the embedded value closes; so are its patterns and its `...`
// (`{#A & #B, [=~"^x"]: int}`).
static bool declares_for(CloseCtx* c, CloseCtx* root) {
  return in_chain(c, root) || in_chain(root, c);
}

bool Evaluator::Impl::allowed(Vertex* v, Vertex* a, CloseCtx* root) {
  auto declared = [&](CloseCtx* c) { return declares_for(c, root); };
  if (a->declared_by.any_of(declared)) return true;
  for (const Pattern& p : v->patterns()) {
    if (p.ctx && declared(p.ctx) && label_matches(p.matcher, a->label)) return true;
  }
  for (const StructSource& s : v->sources()) {
    if (s.ctx && s.ctx->open && declared(s.ctx)) return true;
  }
  return false;
}

bool Evaluator::Impl::never_allows(Vertex* v, Feature f) {
  if (label_kind(f) != LabelKind::Regular) return false;
  // Closed by some context (a definition it was unified with) that no pattern or `...`
  // below it opens for f.
  for (const StructSource& s : v->sources()) {
    for (CloseCtx* root = s.ctx; root; root = root->parent) {
      if (!root->closed && !root->embed_closed) continue;
      bool ok = false;
      for (const Pattern& p : v->patterns()) {
        if (p.ctx && declares_for(p.ctx, root) && label_matches(p.matcher, f)) ok = true;
      }
      for (const StructSource& o : v->sources()) {
        if (o.ctx && o.ctx->open && declares_for(o.ctx, root)) ok = true;
      }
      if (!ok) return true;
    }
  }
  if (v->is_definition_path && v->is_struct()) {
    // A struct inside a definition, read where it is declared (#T.a): closed, as definitions
    // close recursively, unless a pattern or `...` admits the field.
    for (const Pattern& p : v->patterns()) {
      if (label_matches(p.matcher, f)) return false;
    }
    for (const StructSource& o : v->sources()) {
      if (o.ctx && o.ctx->open) return false;
    }
    // Only what its own struct literals say is known here: anything else (a reference, an
    // embedding) may open it.
    for (const Conjunct& c : v->conjuncts) {
      if (!c.expr || c.expr->op != Op::Struct) return false;
      for (const Decl& d : static_cast<const StructExpr*>(c.expr)->decls) {
        if (d.kind == Decl::Embed || d.kind == Decl::Comprehension || d.kind == Decl::Ellipsis ||
            d.kind == Decl::DynamicField) {
          return false;
        }
      }
    }
    return true;
  }
  return false;
}

void Evaluator::Impl::check_closedness(Vertex* v) {
  std::vector<CloseCtx*> roots;
  for (const StructSource& s : v->sources()) {
    for (CloseCtx* c = s.ctx; c; c = c->parent) {
      if ((c->closed || c->embed_closed) &&
          std::find(roots.begin(), roots.end(), c) == roots.end()) {
        roots.push_back(c);
      }
    }
  }
  if (roots.empty()) return;
  v->closed_struct = true;
  for (Vertex* a : v->arcs) {
    if (label_kind(a->label) != LabelKind::Regular) continue;
    for (CloseCtx* r : roots) {
      if (allowed(v, a, r)) continue;
      Pos p = a->conjuncts.empty() ? Pos{} : a->conjuncts[0].pos;
      std::vector<Pos> more;
      for (const Conjunct& c : a->conjuncts) more.push_back(c.pos);
      // A misspelt name: suggest the closest field the struct allows.
      std::vector<std::string_view> known;
      for (Vertex* b : v->arcs) {
        if (b != a && label_kind(b->label) == LabelKind::Regular && !b->err && allowed(v, b, r)) {
          known.push_back(label_name(b->label));
        }
      }
      a->err = bottom(p, "field not allowed" + did_you_mean(label_name(a->label), known),
                      Bottom::Error, more)
                   ->err;
      a->value = nullptr;
      a->status = Status::Finalized;
      v->has_error_below = true;
      break;
    }
  }
}

// --- finalize ---

void Evaluator::Impl::finalize(Vertex* v) {
  evaluate(v);
  if (v->status == Status::Finalizing || v->status == Status::Finalized) return;
  if (v->status == Status::Evaluating) return;
  if (v->recheck && !v->arcs.empty()) {
    // A struct that met a struct of its reference cycle while that one was still being built
    // (labels: selectors, selectors: labels, each adding a field): evaluate it again now that
    // the other is complete, so that it has the fields of both.
    v->recheck = false;
    reset_for_reevaluation(v);
    evaluate(v);
    if (v->status == Status::Evaluating) return;
  }
  if (v->recheck && v->arcs.empty()) {
    // Part of a reference cycle: evaluate again now that the rest of the cycle is known, so
    // a: b + 1, b: a - 1, a: 5 checks that a is indeed b + 1.
    v->recheck = false;
    const Value* first = v->value;
    bool keep = first && !v->err && is_concrete(first);
    v->status = Status::Unevaluated;
    v->value = nullptr;
    v->err = nullptr;
    if (keep) provisional[v] = first;
    evaluate(v);
    if (keep) provisional.erase(v);
    bool only_refs = true;
    for (const Conjunct& c : v->conjuncts)
      only_refs &= c.expr->op == Op::FieldRef || c.expr->op == Op::Selector;
    if (v->status == Status::Unevaluated && only_refs) {
      // a: b, b: a: a reference cycle is top until something gives a value.
      v->value = top_value;
      v->kinds = kTop;
      v->status = Status::Evaluated;
    } else if (v->status == Status::Unevaluated) {
      // Still nothing but the cycle (a: b + 1, b: a - 1 with neither given): incomplete.
      const Value* b = bottom(v->conjuncts.empty() ? Pos{} : v->conjuncts[0].pos,
                              "cycle: the value depends on itself and nothing else gives it",
                              Bottom::Incomplete);
      v->value = b;
      v->err = b->err;
      v->kinds = kTop;
      v->status = Status::Evaluated;
    }
  }
  v->status = Status::Finalizing;
  for (uint32_t i = 0; i < v->arcs.size; ++i) {
    Vertex* a = v->arcs[i];
    // Optional fields are constraints for when the field appears; they are evaluated on
    // demand only (#X: {a?: #X} must not expand forever).
    if (a->arc == ArcType::Optional) continue;
    finalize(a);
    if (a->err || a->has_error_below) v->has_error_below = true;
  }
  if (v->value && v->value->vk == VK::Disjunction) {
    for (const Value* x : v->value->values) {
      if (x->vk == VK::Vertex) finalize(x->vertex);
    }
  }
  v->status = Status::Finalized;
}

// --- equality ---

bool Evaluator::Impl::identical(const Value* a, const Value* b) {
  if (a == b) return true;
  if (!a || !b) return false;
  if (a->vk == VK::Vertex && b->vk == VK::Vertex) return identical_vertices(a->vertex, b->vertex);
  if (a->vk != b->vk) {
    return false;
  }
  switch (a->vk) {
    case VK::Top:
    case VK::Null: return true;
    case VK::Bool: return a->b == b->b;
    case VK::Num: return a->num.is_int() == b->num.is_int() && Number::compare(a->num, b->num) == 0;
    case VK::String:
    case VK::Bytes: return a->str == b->str;
    case VK::BasicType: return a->kinds == b->kinds;
    case VK::Bound: return a->op == b->op && identical(a->arg, b->arg);
    case VK::Validator:
      if (a->validator != b->validator || a->values.size() != b->values.size()) return false;
      for (size_t i = 0; i < a->values.size(); ++i) {
        if (!identical(a->values[i], b->values[i])) return false;
      }
      return true;
    case VK::Conjunction:
    case VK::Disjunction:
      if (a->values.size() != b->values.size()) return false;
      for (size_t i = 0; i < a->values.size(); ++i) {
        if (!identical(a->values[i], b->values[i])) return false;
      }
      return true;
    default: return false;
  }
}

bool Evaluator::Impl::identical_vertices(Vertex* a, Vertex* b) {
  if (a == b) return true;
  finalize(a);
  finalize(b);
  if (a->is_list != b->is_list) return false;
  if ((a->value == nullptr) != (b->value == nullptr)) return false;
  if (a->value) return identical(a->value, b->value);
  auto regular = [](Vertex* x) {
    std::vector<Vertex*> out;
    for (Vertex* c : x->arcs) {
      if (label_kind(c->label) == LabelKind::Let) continue;
      out.push_back(c);
    }
    return out;
  };
  auto ra = regular(a), rb = regular(b);
  if (ra.size() != rb.size()) return false;
  for (Vertex* x : ra) {
    Vertex* y = b->lookup(x->label);
    if (!y || x->arc != y->arc || !identical_vertices(x, y)) return false;
  }
  return true;
}

}  // namespace cfgc::eval

namespace cfgc::eval {

// --- error collection ---

namespace {

struct ErrorWalk {
  Evaluator& ev;
  bool incomplete;
  std::vector<Diagnostic> out;
  std::vector<const Bottom*> seen;

  void report(const Vertex* v, const Bottom* b) {
    if (std::find(seen.begin(), seen.end(), b) != seen.end()) return;
    seen.push_back(b);
    out.push_back(make(v, b));
  }

  // Sub-errors (the alternatives of an empty disjunction) are shown to this depth: errors met
  // through cycles can nest without end, and a 22-byte program once printed 14 MB.
  static constexpr int kMaxChildDepth = 3;

  static Diagnostic make(const Vertex* v, const Bottom* b, int depth = 0) {
    Diagnostic d;
    d.path = Evaluator::path_of(b->at ? b->at : v);
    d.message = std::string(b->message);
    if (!b->positions.empty()) {
      d.pos = b->positions[0];
      d.related.assign(b->positions.begin() + 1, b->positions.end());
      // cue gives a conflict no position of its own and lists its values' positions sorted.
      if (d.message.starts_with("conflicting values ")) {
        std::vector<Pos> all(b->positions.begin(), b->positions.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        d.pos = all.front();
        d.related.assign(all.begin() + 1, all.end());
      }
    }
    if (depth < kMaxChildDepth) {
      for (const Bottom* c : b->children) d.children.push_back(make(v, c, depth + 1));
    }
    std::stable_sort(d.children.begin(), d.children.end(),
                     [](const Diagnostic& x, const Diagnostic& y) { return x.pos < y.pos; });
    if (!d.pos.valid() && !d.children.empty()) d.pos = d.children.front().pos;
    if (!d.pos.valid()) {
      // Values without a source (labels bound by a comprehension): point at the declarations
      // that contributed to the field instead.
      const Vertex* at = b->at ? b->at : v;
      for (const Conjunct& c : at->conjuncts) {
        if (!c.pos.valid()) continue;
        if (!d.pos.valid()) {
          d.pos = c.pos;
        } else if (std::find(d.related.begin(), d.related.end(), c.pos) == d.related.end() &&
                   c.pos != d.pos) {
          d.related.push_back(c.pos);
        }
      }
    }
    return d;
  }

  // Where the value of a field that holds only a constraint would be written: the data files
  // (YAML, JSON) that set the other fields of its struct, the one named after the struct first
  // (cumulus/leaf3.yaml for hosts.leaf3), each at its first such field; without data files,
  // the declarations of the struct outside definitions.
  std::vector<Pos> fill_positions(const Vertex* v) {
    const Vertex* parent = v->parent;
    const FileSet* files = ev.files();
    if (!parent || !files) return {};
    auto data_file = [&](Pos p) -> const SourceFile* {
      const SourceFile* f = p.valid() ? files->file_of(p) : nullptr;
      if (!f) return nullptr;
      std::string_view n = f->name();
      return n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json") ? f : nullptr;
    };
    std::vector<std::pair<const SourceFile*, Pos>> data;  // per file, its first position
    for (const Vertex* sibling : parent->arcs) {
      for (const Conjunct& c : sibling->conjuncts) {
        const SourceFile* f = data_file(c.pos);
        if (!f) continue;
        auto it =
            std::find_if(data.begin(), data.end(), [&](const auto& e) { return e.first == f; });
        if (it == data.end()) {
          data.emplace_back(f, c.pos);
        } else if (c.pos < it->second) {
          it->second = c.pos;
        }
      }
    }
    std::string_view label = parent->label == kInvalidFeature ? "" : label_name(parent->label);
    auto named_after = [&](const SourceFile* f) {
      std::string_view n = f->name();
      n = n.substr(n.rfind('/') + 1);
      return n.substr(0, n.rfind('.')) == label;
    };
    std::stable_sort(data.begin(), data.end(), [&](const auto& a, const auto& b) {
      if (named_after(a.first) != named_after(b.first)) return named_after(a.first);
      return a.second < b.second;
    });
    std::vector<Pos> out;
    for (const auto& [f, p] : data) out.push_back(p);
    if (!out.empty()) return out;
    // Without data files: the CUE declarations of the struct outside definitions
    // (`leaves: leaf2: {}`), a pattern's (`[N=string]: …`) after the others.
    std::vector<Pos> patterns;
    for (const Conjunct& c : parent->conjuncts) {
      if (!c.pos.valid() || data_file(c.pos)) continue;
      bool in_definition = false;
      for (const CloseCtx* x = c.ctx; x && !in_definition; x = x->parent) in_definition = x->closed;
      if (in_definition) continue;
      const SourceFile* f = files->file_of(c.pos);
      bool is_pattern = f && f->content().substr(f->file_offset(c.pos)).starts_with("[");
      std::vector<Pos>& to = is_pattern ? patterns : out;
      if (std::find(to.begin(), to.end(), c.pos) == to.end()) to.push_back(c.pos);
    }
    out.insert(out.end(), patterns.begin(), patterns.end());
    return out;
  }

  void walk(Vertex* v, bool check_incomplete) {
    if (v->err) {
      // A reference cycle is incomplete, as in cue: eval shows the expression, export and
      // vet report it.
      if (v->err->code != Bottom::Incomplete && v->err->code != Bottom::Cycle) {
        report(v, v->err);
      } else if (check_incomplete) {
        Diagnostic d;
        d.path = Evaluator::path_of(v);
        d.message = std::string(v->err->message);
        if (!v->err->positions.empty()) d.pos = v->err->positions[0];
        d.incomplete = Diagnostic::Incomplete::Derived;
        out.push_back(std::move(d));
      }
      return;
    }
    if (check_incomplete && v->arc == ArcType::Required && v->parent) {
      Diagnostic d;
      d.path = Evaluator::path_of(v);
      d.message = "field is required but not present";
      if (!v->conjuncts.empty()) d.pos = v->conjuncts[0].pos;
      out.push_back(std::move(d));
      return;
    }
    if (check_incomplete && v->value) {
      const Value* x = ev.resolve(v->value);
      if (!is_concrete(x)) {
        Diagnostic d;
        d.path = Evaluator::path_of(v);
        if (x->vk == VK::Disjunction) {
          d.message =
              "incomplete value " + ev.value_str(x) + " (ambiguous disjunction: no single default)";
        } else {
          d.message = "incomplete value " + ev.value_str(x);
        }
        if (!v->conjuncts.empty()) d.pos = v->conjuncts[0].pos;
        // Only constraints (int, "a" | "b", a bound): the user has to give the value. A value
        // that refers to another field is derived from it.
        bool only_constraints =
            std::all_of(v->conjuncts.begin(), v->conjuncts.end(),
                        [](const Conjunct& c) { return c.expr && c.expr->is_const; });
        d.incomplete =
            only_constraints ? Diagnostic::Incomplete::Missing : Diagnostic::Incomplete::Derived;
        if (only_constraints) d.fill_at = fill_positions(v);
        out.push_back(std::move(d));
      } else if (x->vk == VK::Vertex && x->vertex != v) {
        // A struct chosen by a default (*{b: 1} | {c: 1}): what export writes is that struct,
        // so its fields must be concrete too (a: 2 | 3 there is not data).
        walk(x->vertex, true);
      }
      return;
    }
    for (Vertex* a : v->arcs) {
      LabelKind k = label_kind(a->label);
      if (k == LabelKind::Let) continue;
      if (a->arc == ArcType::Optional) continue;
      bool exported = check_incomplete && (k == LabelKind::Regular || k == LabelKind::Index) &&
                      a->arc != ArcType::Optional;
      if (!exported && !a->err && !a->has_error_below) continue;
      walk(a, exported);
    }
  }
};

}  // namespace

std::vector<Diagnostic> Evaluator::errors(Vertex* v, bool include_incomplete) {
  impl_->finalize(v);
  ErrorWalk w{*this, include_incomplete, {}, {}};
  w.walk(v, include_incomplete);
  std::stable_sort(w.out.begin(), w.out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos != b.pos) return a.pos < b.pos;
    return a.path < b.path;
  });
  // One mistake seen through references (devices.x.host.f and hosts.x.f) is the same message
  // at the same positions: report it once, under the shortest path (usually where it is set).
  auto last_label = [](const std::string& path) {
    return std::string_view(path).substr(path.rfind('.') + 1);
  };
  // Same message, positions and sub-errors (the alternatives of an empty disjunction).
  // A conflict seen from its two sides ("conflicting values "1" and int" at the data, then
  // the schema; "int and "1"" the other way round) is the same mistake too.
  auto all_positions = [](const Diagnostic& d) {
    std::vector<Pos> ps(d.related);
    ps.push_back(d.pos);
    std::sort(ps.begin(), ps.end());
    return ps;
  };
  auto mirrored = [&](const Diagnostic& a, const Diagnostic& b) {
    constexpr std::string_view kConflict = "conflicting values ";
    return a.children.empty() && b.children.empty() && a.message.starts_with(kConflict) &&
           b.message.starts_with(kConflict) && a.message.size() == b.message.size() &&
           all_positions(a) == all_positions(b);
  };
  auto same_error = [&](auto&& self, const Diagnostic& a, const Diagnostic& b) -> bool {
    if (mirrored(a, b)) return true;
    if (a.pos != b.pos || a.message != b.message || a.related != b.related) return false;
    if (a.children.size() != b.children.size()) return false;
    for (size_t i = 0; i < a.children.size(); ++i) {
      if (!self(self, a.children[i], b.children[i])) return false;
    }
    return true;
  };
  std::vector<Diagnostic> out;
  std::unordered_map<uint64_t, std::vector<size_t>> by_pos;  // position → indexes into out
  for (Diagnostic& d : w.out) {
    size_t same = out.size();
    // Candidates share a position (the mirrored form starts at another one of the same set).
    std::vector<Pos> keys = d.pos.valid() ? all_positions(d) : std::vector<Pos>{};
    for (Pos k : keys) {
      if (!k.valid()) continue;
      for (size_t i : by_pos[k.offset]) {
        const Diagnostic& o = out[i];
        if (last_label(o.path) == last_label(d.path) && same_error(same_error, o, d)) same = i;
      }
      if (same != out.size()) break;
    }
    if (same == out.size()) {
      if (d.pos.valid()) by_pos[d.pos.offset].push_back(out.size());
      out.push_back(std::move(d));
    } else if (d.path.size() < out[same].path.size()) {
      out[same] = std::move(d);  // the same error, with its sub-errors, under the shorter path
    }
  }
  return out;
}

void drop_incomplete_beside_failures(std::vector<Diagnostic>& ds) {
  bool any_failure = std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) {
    return d.incomplete == Diagnostic::Incomplete::No;
  });
  if (any_failure) {
    std::erase_if(ds,
                  [](const Diagnostic& d) { return d.incomplete != Diagnostic::Incomplete::No; });
  }
}

}  // namespace cfgc::eval
