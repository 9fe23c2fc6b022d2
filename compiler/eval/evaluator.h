#pragma once
// The evaluator: unifies the conjuncts of vertices into values, lazily and memoised.
//
// evaluate(v) computes v's own value and its set of arcs (children are created with their
// conjuncts but not evaluated); finalize(v) evaluates the whole subtree. Errors are stored on
// the vertices where they occur (values, not exceptions) and collected by errors().

#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/eval/compile.h"
#include "compiler/eval/value.h"

namespace cfgc::eval {

// As cue reports errors: values that are not concrete only when nothing is actually wrong
// (`a: int` beside `b: 1 & 2` reports the conflict alone; fixing it shows them next). For
// export and eval; vet keeps them, to count what a mistake leaves incomplete.
void drop_incomplete_beside_failures(std::vector<Diagnostic>& ds);

class Evaluator {
 public:
  explicit Evaluator(Arena& arena);
  ~Evaluator();

  Arena& arena() { return arena_; }

  // The files being evaluated, if the loader shares them: builtins that read text from a file
  // (a template embedded with @embed) can then point into it.
  void set_files(const FileSet* files) { files_ = files; }
  const FileSet* files() const { return files_; }

  // A root vertex for a compiled package. `pkg_index` is its number for ImportRef.
  Vertex* add_package(const CompiledPackage& pkg);
  Vertex* package_root(uint32_t index) const { return packages_.at(index); }
  size_t package_count() const { return packages_.size(); }

  void evaluate(Vertex* v);
  void finalize(Vertex* v);

  // Evaluates an expression in the top-level scope of root (for -e selections).
  const Value* eval_in_root(const Expr* e, Vertex* root);

  // Resolves a value for use as an operand: evaluates referenced vertices, selects defaults.
  // Returns a scalar/constraint value, a Vertex value (struct or list), or bottom.
  const Value* resolve(const Value* v);

  // --- value constructors (also used by builtins) ---
  const Value* bottom(Pos pos, std::string msg, Bottom::Code code = Bottom::Error,
                      std::vector<Pos> more = {});
  const Value* incomplete(Pos pos, std::string msg) {
    return bottom(pos, std::move(msg), Bottom::Incomplete);
  }
  const Value* top();
  const Value* null_value(Pos pos = {});
  const Value* boolean(bool b, Pos pos = {});
  const Value* number(Number n, Pos pos = {});
  const Value* integer(int64_t i, Pos pos = {}) { return number(Number::from_int(i), pos); }
  const Value* string(std::string_view s, Pos pos = {});
  const Value* bytes(std::string_view s, Pos pos = {});
  const Value* basic_type(uint16_t kinds, Pos pos = {});
  const Value* vertex_value(Vertex* v, Pos pos = {});
  // A new list or struct vertex built from values (for builtins such as strings.Split).
  Vertex* new_list(const std::vector<const Value*>& elems);
  Vertex* new_struct(const std::vector<std::pair<std::string, const Value*>>& fields);

  // --- building and inspecting vertices from outside the evaluator (vertex_api.cpp) ---
  // Builtins, commands and the task runner use these instead of setting vertex fields.

  // A vertex holding a value: the value's own for a struct or list, else a new one (to give a
  // scalar to code that walks vertices, such as the writers).
  Vertex* vertex_of(const Value* v);
  // An expression standing for a vertex or a value, to use as a conjunct or a field's value.
  Expr* vertex_expr(Vertex* v, Pos pos);
  Expr* value_expr(const Value* v, Pos pos);
  // A new vertex, not yet evaluated, that unifies the expressions (`a & b & …`): compiled data,
  // or vertex_expr / value_expr. The expressions have no enclosing scope.
  Vertex* new_unification(std::span<const Expr* const> parts, Pos pos);
  // The same from values, evaluated: how a builtin unifies data with a schema.
  Vertex* unify_values(std::span<const Value* const> parts, Pos pos);
  // Adds an expression to a vertex that is not evaluated yet (a root before evaluation).
  void add_conjunct(Vertex* v, const Expr* e, Pos pos);

  // The elements of a list vertex, evaluated first.
  std::vector<Vertex*> list_elements(Vertex* list);
  // What export writes of a struct, in order: its regular fields (no definitions, hidden,
  // optional or required fields, no lets); for a list, its elements. Evaluated first.
  std::vector<Vertex*> regular_fields(Vertex* v);
  // The value to write for a vertex (finalized): its default if it is a disjunction, a Vertex
  // value for structs and lists.
  const Value* concrete_value(Vertex* v);
  // Whether two concrete values are equal as data: numbers by value (1 == 1.0), structs by
  // their regular fields, lists element by element. (The evaluator's own identity test, used
  // to merge equal disjuncts, is stricter: see Impl::identical.)
  bool equal_data(const Value* a, const Value* b);

  // The vertices the expressions of v and of everything below it refer to (evaluated first):
  // `b: a.stdout` in v lists a's arc stdout (or a itself when stdout does not exist yet). For
  // the task runner's dependency graph. References into v's own subtree are left out.
  std::vector<Vertex*> references(Vertex* v);

  // The path of a vertex for messages: "bonds.0.options.mtu".
  static std::string path_of(const Vertex* v);

  // Every error in the subtree of v, sorted by position. With `include_incomplete`, also the
  // values that are not concrete (what `export` requires).
  std::vector<Diagnostic> errors(Vertex* v, bool include_incomplete);

  // A short rendering of a value for messages: 1, "a", int, >=0 & <10, {...}, [...].
  std::string value_str(const Value* v);

  // Allocation counters, for benchmarks (CFGC_STATS=1).
  std::string stats() const;

  // Per-evaluator data of a builtin (IR it builds once, allocated in arena()): the slot for
  // `tag` (the address of a static of the builtin's own), null until set. Never shared
  // between evaluators: what one caches points into its own arena.
  void*& builtin_slot(const void* tag);

  struct Impl;

 private:
  Arena& arena_;
  const FileSet* files_ = nullptr;
  std::vector<Vertex*> packages_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cfgc::eval
