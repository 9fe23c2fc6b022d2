#pragma once
// Internal to the evaluator: state shared by evaluator.cpp (vertices, unification),
// expr_eval.cpp (expressions) and values.cpp (constructors, printing).

#include <re2/re2.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/eval/builtin.h"
#include "compiler/eval/evaluator.h"

namespace cfgc::eval {

// The accumulated state of one vertex while its conjuncts are unified.
struct NodeState {
  Vertex* v = nullptr;
  uint16_t kinds = kTop;
  const Value* kind_src = nullptr;  // the value that last narrowed `kinds` (for messages)
  const Value* concrete = nullptr;
  // A value with no position of its own (a label bound by an alias or a comprehension is one
  // shared value) is placed where the conjunct that brought it was written: `hint` while it is
  // added, `concrete_pos` once it is the concrete value. Messages name both sides.
  Pos hint, concrete_pos;
  std::vector<const Value*> constraints;
  const Value* err = nullptr;
  bool has_fields = false;  // a struct literal declared fields, or a struct was unified in
  bool saw_struct = false;  // any struct literal (even `{}` or embeddings only)
  // A `{…}` literal that embeds nothing (`{}`, `{#a: 1}`): a struct, which no scalar unifies
  // with, unlike `{5, #a: 1}` (the scalar 5 with a definition beside it).
  bool plain_struct = false;
  bool file_struct = false;  // a file's top level contributed (a package is a struct)
  bool embeds_top = false;   // a struct literal embeds `_`
  bool saw_list = false;
  Pos struct_pos, list_pos;
  int64_t exact_len = -1;
  Pos exact_len_pos;
  int64_t min_len = 0;
  bool any_open_list = false;
  // A conjunct depended on a vertex still being evaluated (a reference cycle such as
  // a: b, b: a): its contribution is unknown for now.
  bool cyclic = false;

  struct DisjTask {
    const NaryExpr* expr = nullptr;  // compiled disjunction, or
    const Value* value = nullptr;    // an evaluated disjunction value
    Env* env = nullptr;
    CloseCtx* ctx = nullptr;
    bool embedded = false;
  };
  std::vector<DisjTask> disjunctions;
  // Choices for disjunctions while a disjunct combination is evaluated (index per task).
  const std::vector<int>* choices = nullptr;
  size_t disj_seen = 0;
  // The alternatives chosen for this combination, added after every other conjunct as cue
  // does: "conflicting values ALT and OTHER" names the alternative first.
  struct ChosenAlt {
    const NaryExpr* expr = nullptr;  // compiled disjunction, or
    const Value* value = nullptr;    // the chosen value of an evaluated one
    Env* env = nullptr;
    CloseCtx* ctx = nullptr;
    bool embedded = false;
    size_t alt = 0;
    // A struct alternative of a referenced disjunction: added as that reference would be,
    // with ctx, embedded and the reference's position.
    bool as_reference = false;
    Pos pos;
  };
  std::vector<ChosenAlt> chosen;
  // Referenced disjunctions whose alternative this combination took (met again: the same).
  std::vector<std::pair<const Value*, int>> taken_refs;
  // The vertices add_vertex is expanding into this one, innermost last (a cycle guard).
  std::vector<Vertex*> expanding;
  size_t chosen_done = 0;

  struct CompTask {
    const Comprehension* comp = nullptr;
    Env* env = nullptr;
    CloseCtx* ctx = nullptr;
    uint32_t insert_at = 0;  // fields it adds are placed where the comprehension is written
  };
  std::vector<CompTask> comprehensions;

  // Dynamic fields `(k): v` wait until every conjunct is in: `_D & {k: "x"}` must see k.
  struct DynTask {
    const Decl* decl = nullptr;
    Env* env = nullptr;
    CloseCtx* lit = nullptr;
    uint32_t insert_at = 0;
  };
  std::vector<DynTask> dynamic_fields;

  // The struct literals that contributed here, comprehension bodies included, in the order
  // they were added: cue's field order is a topological sort of them (field_order.h).
  // The first is kept inline: most vertices have one literal, and then nothing is reordered.
  const StructExpr* first_field_literal = nullptr;
  std::vector<const StructExpr*> more_field_literals;
};

// Where the concrete value of a node was written (its own position, or the conjunct's).
inline Pos concrete_pos(const NodeState& st) {
  return st.concrete && st.concrete->pos.valid() ? st.concrete->pos : st.concrete_pos;
}

// The alternatives of one disjunction met while evaluating a vertex.
struct DisjAlts {
  std::vector<const Value*> values;
  std::vector<bool> defaults;
  bool has_defaults = false;
};

struct Evaluator::Impl {
  Evaluator& ev;
  Arena& arena;
  uint32_t next_ctx_id = 1;
  int depth = 0;                     // evaluation recursion depth (structural cycle backstop)
  const char* stack_base = nullptr;  // a local of the outermost evaluate()
  // At most this much stack for nested evaluation: threads get 8 MiB by default (Linux).
  static constexpr size_t kMaxStackBytes = size_t{4} << 20;
  static constexpr int kMaxDepth = 2000;
  // Deeper than this, a struct is taken to expand without end (#L: {next: #L}).
  static constexpr int kMaxVertexDepth = 400;
  static constexpr size_t kMaxDisjunctCombinations = 4096;
  // Struct disjuncts evaluated in one evaluation, all vertices together: the 1,000-leaf
  // example evaluates 2,000; disjunctions that expand one another reach this in seconds.
  static constexpr size_t kMaxDisjunctEvaluations = 1000000;
  const Value* top_value = nullptr;
  // While trying disjunct combinations, errors are only counted, not described: bottom()
  // returns this shared value instead of formatting a message.
  bool quiet = false;
  size_t n_values = 0, n_vertices = 0, n_envs = 0, n_combos = 0;
  // Depth-limit hits so far, and how many disjunct trials are running: a disjunct whose trial
  // hits the limit expands without end and is dropped (tail: null | #List picks null).
  size_t structural_hits = 0;
  int trials = 0;
  // The disjunct trials being evaluated: the trial vertex, the vertex it stands for, and the
  // choices it was made with. A vertex below a trial of t that refers to t again is a
  // structural cycle, as one below t itself is (`#a: string | #b`, `#b: c: [#a]`: the
  // alternative #b of #a holds #a). A trial evaluated again (it met a reference cycle) keeps
  // its choices: without them it would try every combination again, in trials of itself.
  struct Trial {
    const Vertex* trial;
    const Vertex* of;
    const std::vector<int>* choices;
  };
  std::vector<Trial> trial_of;
  const Value* quiet_bottom = nullptr;

  Impl(Evaluator& e, Arena& a) : ev(e), arena(a) {}

  // --- vertices (evaluator.cpp) ---
  Vertex* new_vertex(Vertex* parent, Feature label);
  VertexExt* ext(Vertex* v) {
    if (!v->ext) v->ext = arena.make<VertexExt>();
    return v->ext;
  }
  Vertex* arc(Vertex* v, Feature label, ArcType type, bool create);
  Vertex* new_field_arc(Vertex* v, Vertex* next, Feature label, ArcType type);
  void evaluate(Vertex* v);
  void evaluate_with(Vertex* v, const std::vector<int>* choices, NodeState& st);
  void add_conjunct(NodeState& st, const Expr* e, Env* env, CloseCtx* ctx, bool embedded);
  void add_value(NodeState& st, const Value* x);
  void add_vertex(NodeState& st, Vertex* t, CloseCtx* ctx, bool embedded, Pos pos);
  bool take_choice(NodeState& st, int& alt);
  // Adds the alternatives chosen so far (NodeState::chosen) that are not in yet.
  void add_chosen(NodeState& st);
  // `merge`: a comprehension's body, whose fields and embeddings belong to the struct the
  // comprehension stands in (its closedness context is that struct's, not one of its own).
  void add_struct(NodeState& st, const StructExpr* s, Env* env, CloseCtx* ctx, bool merge = false);
  bool expands_itself(Vertex* v, Vertex* t);
  void add_list(NodeState& st, const ListExpr* l, Env* env, CloseCtx* ctx);
  void add_dynamic_field(NodeState& st, const NodeState::DynTask& t);
  const Value* require(NodeState& st, const Expr* e, Env* env, VK want, const char* incomplete_msg,
                       const char* invalid_msg);
  // Runs a comprehension: into the struct being evaluated, or (list_out) collecting one
  // element conjunct per iteration.
  void run_comprehension(NodeState& st, const Comprehension* c, size_t i, Env* env, CloseCtx* ctx,
                         std::vector<Conjunct>* list_out);
  void process_disjunctions(NodeState& st);
  bool take_only_fitting_alternative(NodeState& st, const std::vector<DisjAlts>& tasks);
  const Value* empty_disjunction(Pos at, const std::vector<const Bottom*>& kids);
  void process_scalar_disjunctions(NodeState& st, const std::vector<DisjAlts>& tasks,
                                   bool any_defaults, const NaryExpr* shared_expr);
  const Value* scalar_value(NodeState& st);
  // Vertices evaluated again because a reference cycle went through them, with the value
  // their first evaluation found: references to them see it (a: 5, a: a + 1 is 5 & 6).
  std::unordered_map<const Vertex*, const Value*> provisional;
  void finish(NodeState& st);
  // Records a struct literal that contributed to st's vertex, for field order.
  void note_field_literal(NodeState& st, const StructExpr* s);
  void check_closedness(Vertex* v);
  bool check_validators(NodeState& st, Vertex* v);
  bool applies_to_composite(const Value* c);
  bool allowed(Vertex* v, Vertex* a, CloseCtx* root);
  // Whether a closed struct can never have field f (a definition's struct without a pattern
  // or `...` admitting it): selecting it is then an error, not an incomplete value.
  bool never_allows(Vertex* v, Feature f);
  void finalize(Vertex* v);
  CloseCtx* new_ctx(CloseCtx* parent, bool closed);
  // `value`: the expression the context is for (null: not known); a constant needs none.
  CloseCtx* child_context(CloseCtx* lit_ctx, Feature label, const Expr* value);
  // Records that the struct literal with context `lit` declared field a by name.
  void add_declarer(Vertex* a, CloseCtx* lit);
  void set_error(NodeState& st, const Value* b);
  void adopt(Vertex* v, Vertex* from);
  // error("…") alternatives: carried by a disjunction value that dropped them, and given back
  // as an alternative where the value is used.
  void add_custom_error_alternative(DisjAlts& a, const Value* disjunction);
  const Bottom* custom_error_of(const std::vector<DisjAlts>& tasks);
  // While one combination of disjuncts is evaluated: alternative `alt` of d, counted as
  // process_disjunctions counts them (an alternative whose value is itself a disjunction, a
  // parenthesised one or a reference, stands for each of its values).
  void add_chosen_alternative(NodeState& st, const NaryExpr* d, Env* env, CloseCtx* ctx,
                              bool embedded, size_t alt);
  // The disjunction an alternative splices into its disjunction, or null.
  const Value* spliced_disjunction(const Expr* x, Env* env);
  // Forgets what evaluating a vertex produced, so it is evaluated again with all its conjuncts.
  void reset_for_reevaluation(Vertex* v);
  bool subtree_failed(Vertex* v);
  // Whether two values are the same value: the test that merges equal disjuncts and repeated
  // constraints. Stricter than equal_data (evaluator.h): 1 and 1.0 differ, and every arc counts.
  bool identical_vertices(Vertex* a, Vertex* b);
  bool identical(const Value* a, const Value* b);

  // --- expressions (expr_eval.cpp) ---
  const Value* eval(const Expr* e, Env* env);
  const Value* eval_uncached(const Expr* e, Env* env);
  const Value* resolve(const Value* v);
  const Value* eval_resolved(const Expr* e, Env* env) { return resolve(eval(e, env)); }
  const Value* eval_unary(const UnaryExpr* u, Env* env);
  const Value* eval_binary(const BinaryExpr* b, Env* env);
  const Value* eval_call(const CallExpr* c, Env* env);
  const Value* eval_slice(const IndexExpr* ix, Env* env);
  const Value* eval_index(const IndexExpr* x, Env* env);
  const Value* eval_selector(const SelectorExpr* s, Env* env);
  const Value* eval_interpolation(const InterpolationExpr* in, Env* env);
  const Value* anonymous(const Expr* e, Env* env);  // struct/list/&/| in expression position
  const Value* make_bound(syntax::Tok op, const Value* arg, Pos pos);
  const Value* check_constraint(const Value* c, const Value* concrete);
  bool label_matches(const Value* matcher, Feature label);
  Feature label_from_value(const Value* v);

  // --- values (values.cpp) ---
  // The string value of a label (pattern aliases, comprehension keys), one per label.
  const Value* label_string(Feature f);
  std::unordered_map<Feature, const Value*> label_strings;
  std::unordered_map<const void*, void*> builtin_slots;  // Evaluator::builtin_slot
  Value* new_value(VK vk, Pos pos = {});
  const Value* bottom(Pos pos, std::string msg, Bottom::Code code = Bottom::Error,
                      std::vector<Pos> more = {});
  std::string str(const Value* v);
  std::string composite_str(const Vertex* x, int depth);
  std::string type_name(const Value* v);
};

// The unified kinds name for messages ("int", "string", "struct", "list").
std::string kind_name(uint16_t k);

}  // namespace cfgc::eval
