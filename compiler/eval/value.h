#pragma once
// Values and vertices: what evaluation produces.
//
// A Vertex is a node of the configuration tree (a field or a list element). It holds the
// conjuncts that define it (compiled expression + the environment it is evaluated in) and,
// once evaluated, its arcs (children) and its base value. Conjuncts are shared, never copied:
// a definition applied to 10,000 devices is one compiled expression referenced 10,000 times.
//
// A Value is an immutable evaluation result for the non-struct part of a vertex: a scalar, a
// type or bound constraint, a disjunction, a reference to a vertex, or bottom (an error).

#include <span>
#include <string_view>

#include "compiler/base/arena.h"
#include "compiler/eval/arena_vec.h"
#include "compiler/eval/ir.h"
#include "compiler/eval/label.h"
#include "compiler/eval/number.h"

namespace cfgc::eval {

struct Vertex;
struct Env;
struct CloseCtx;
struct Value;

// An error. Incomplete errors are not failures: the value may still become concrete.
struct Bottom {
  enum Code : uint8_t { Error, Incomplete, Cycle, StructuralCycle };
  Code code = Error;
  // From the error() builtin: the schema author's own message. In an empty disjunction it is
  // reported instead of the alternatives' errors (whose positions it keeps).
  bool custom = false;
  std::string_view message;
  std::span<Pos> positions;
  const Vertex* at = nullptr;         // the vertex the error was found in (for its path)
  std::span<const Bottom*> children;  // the failures of an empty disjunction
};

enum class VK : uint8_t {
  Bottom,
  Top,
  Null,
  Bool,
  Num,
  String,
  Bytes,
  BasicType,    // a set of kinds: int, string, int|string, number
  Bound,        // <10, >=0, !=3, =~"re", !~"re"
  Validator,    // a builtin constraint such as net.IPv4 or strings.MinRunes(3)
  Conjunction,  // several constraints that could not be simplified into one (>=0 & <10)
  Disjunction,
  Vertex,  // a struct or list
};

struct Builtin;

// 48 bytes (a million of them for a thousand devices): the header fits in one word with the
// position, the kind-specific part is a union, read according to vk.
struct Value {
  Value() : num() {}
  VK vk = VK::Top;
  syntax::Tok op = syntax::Tok::Illegal;  // Bound
  uint16_t kinds : 8 = kTop;              // BasicType; for others, derived by kind_of()
  bool b : 1 = false;
  bool is_default : 1 = false;  // disjunct marked with *
  bool secret : 1 = false;      // from a -t tag (or built from one): never printed
  Pos pos;
  union {
    Number num;                      // Num
    std::string_view str;            // String, Bytes
    const Value* arg;                // Bound operand
    std::span<const Value*> values;  // Conjunction, Disjunction, Validator arguments
    Vertex* vertex;                  // Vertex
    const Bottom* err;               // Bottom
  };
  union {
    const Builtin* validator = nullptr;  // Validator
    // Disjunction: an error("…") alternative it dropped. Kept so that the message still
    // explains a failure where the disjunction is used (a definition `#OnOff: "on" | "off" |
    // error("…")` referenced by a field).
    const Bottom* custom_error;
  };
  const syntax::Node* src = nullptr;  // expression for printing incomplete values
};
static_assert(sizeof(Value) == 48);

// A literal (null, true, 5, "s", int) whose value is v (its vk and payload; pos and src are
// set from src), built once: evaluating the literal returns that value.
LiteralExpr* literal_expr(Arena& arena, const syntax::Node* src, const Value& v);

// The kinds a value may take (kNoKind for bottom).
uint16_t kind_of(const Value* v);
bool is_concrete(const Value* v);

// The value of a `let` in one environment frame, computed on first use.
struct LetValue {
  Feature label = kInvalidFeature;
  const Value* value = nullptr;  // null while being computed (a cycle)
  LetValue* next = nullptr;
};

// An environment frame: a struct scope (vertex and the literal expanded into it) or a frame
// of bound values (comprehension variables, let clauses, pattern aliases).
struct Env {
  Env* up = nullptr;
  Vertex* vertex = nullptr;
  const StructExpr* s = nullptr;
  LetValue* lets = nullptr;
  const Value* slots[2] = {nullptr, nullptr};
};

// Closedness context of a conjunct: non-null when the conjunct comes (directly or through
// embedding) from a definition or close(). See closedness notes in evaluator.cpp.
struct CloseCtx {
  CloseCtx* parent = nullptr;
  bool closed = false;        // a definition (closes recursively)
  bool embed_closed = false;  // a struct literal that embeds a definition (closes this level)
  bool open = false;          // the literal has `...`
  uint32_t id = 0;
  // Closed contexts: the context of each field below, one per label (a definition's fields).
  struct Child {
    Feature label;
    CloseCtx* ctx;
  };
  ArenaVec<Child> children;
};

struct Conjunct {
  const Expr* expr = nullptr;
  Env* env = nullptr;
  CloseCtx* ctx = nullptr;
  Pos pos;  // the declaration (field label) this conjunct came from
};

// Data values and most fields have a single conjunct (a 1,000-device fabric: 60 % of its
// vertices, 25 MB of conjunct arrays with two slots).
template <>
struct ArenaVecFirstCapacity<Conjunct> {
  static constexpr uint32_t value = 1;
};

// A struct literal expanded into a vertex, remembered for the closedness check.
struct StructSource {
  const StructExpr* s = nullptr;
  Env* env = nullptr;
  CloseCtx* ctx = nullptr;  // the literal's own context (parent: the conjunct's)
};

// A constraint on arcs not declared by name: a pattern `[=~"^swp"]: T` (matcher set), or a
// list's `...T` (applies to elements from `from_index` on).
struct Pattern {
  const Value* matcher = nullptr;
  const Decl* decl = nullptr;  // pattern declaration (value, alias)
  const Expr* expr = nullptr;  // list element type
  Env* env = nullptr;
  CloseCtx* ctx = nullptr;
  uint32_t from_index = 0;
};

enum class Status : uint8_t { Unevaluated, Evaluating, Evaluated, Finalizing, Finalized };

// The closedness contexts of the struct literals that declared a field by name. Most fields
// are declared by one literal (kept inline), many by two (schema and data): then the word
// points (low bit set) to an arena list. 8 bytes in every vertex.
class Declarers {
 public:
  bool empty() const { return bits_ == 0; }
  void add(Arena& arena, CloseCtx* c) {
    if (bits_ == 0) {
      bits_ = reinterpret_cast<uintptr_t>(c);
      return;
    }
    if (!(bits_ & 1)) {
      auto* list = arena.make<ArenaVec<CloseCtx*>>();
      list->push_back(arena, reinterpret_cast<CloseCtx*>(bits_));
      bits_ = reinterpret_cast<uintptr_t>(list) | 1;
    }
    reinterpret_cast<ArenaVec<CloseCtx*>*>(bits_ & ~uintptr_t(1))->push_back(arena, c);
  }
  // Whether f(ctx) holds for one of them.
  template <class F>
  bool any_of(F f) const {
    if (bits_ == 0) return false;
    if (!(bits_ & 1)) return f(reinterpret_cast<CloseCtx*>(bits_));
    for (CloseCtx* c : *reinterpret_cast<const ArenaVec<CloseCtx*>*>(bits_ & ~uintptr_t(1))) {
      if (f(c)) return true;
    }
    return false;
  }

 private:
  uintptr_t bits_ = 0;
};

// 96 bytes (a tenth of a million of them per thousand devices): pointers first, then the
// label, kinds and depth, then one word of flags. What only some vertices need is in VertexExt.
struct Vertex {
  Vertex* parent = nullptr;
  const Value* value = nullptr;  // scalar/constraint/disjunction part; null: struct or list
  const Bottom* err = nullptr;   // an error at this vertex
  ArenaVec<Conjunct> conjuncts;
  ArenaVec<Vertex*> arcs;
  struct VertexExt* ext = nullptr;  // what only some vertices need, allocated on first use
  const Value* self = nullptr;      // cached Value referring to this vertex
  // The struct literals that declared this arc by name (closedness).
  Declarers declared_by;
  Feature label = kInvalidFeature;
  uint16_t kinds = kTop;
  uint16_t depth = 0;  // nesting below the root: a backstop for structural cycles
  // Creation order (in the padding after the flags): a comprehension ranges over a struct's
  // fields in the order they were added, as cue does, not in the order export prints them
  // (x & {c: 3} with x: {a, b} ranges a, b, c and exports a, c, b).
  uint32_t seq = 0;
  ArcType arc = ArcType::Regular;
  Status status = Status::Unevaluated;
  bool is_list : 1 = false;
  bool list_open : 1 = false;        // more elements allowed (…)
  bool closed : 1 = false;           // close() or definition (for printing)
  bool has_struct : 1 = false;       // a struct literal contributed
  bool closed_struct : 1 = false;    // closed by a definition or close() (closedness was checked)
  bool has_error_below : 1 = false;  // an arc or one below it has an error
  bool is_definition_path : 1 = false;          // this vertex or an ancestor is a definition
  bool parent_constraints_applied : 1 = false;  // patterns / …T of the parent added to conjuncts
  // Evaluated while part of a reference cycle: verify once the cycle is known.
  bool recheck : 1 = false;
  // Every conjunct and dynamic field is in; only comprehensions may still add to it. While the
  // vertex evaluates, its existing fields may then be read (`for h in hosts if h.id == H.id`).
  bool fields_known : 1 = false;

  Vertex* lookup(Feature f) const;
  std::span<const Pattern> patterns() const;
  std::span<const StructSource> sources() const;
  std::span<const Pattern> elem_types() const;
  std::span<syntax::Attribute*> attrs() const;
  bool is_struct() const { return (kinds & kStruct) && !is_list && value == nullptr; }
};
static_assert(sizeof(void*) != 8 || sizeof(Vertex) == 96, "Vertex grew: see the comment above it");

// The rarer parts of a vertex: most leaf fields never need them, so they cost one pointer.
struct VertexExt {
  ArenaVec<Pattern> patterns;
  ArenaVec<StructSource> sources;
  ArenaVec<Pattern> elem_types;  // list: …T constraints
  std::span<syntax::Attribute*> attrs;
  // A chosen disjunct (a computed vertex): the struct literals it was evaluated from, so that
  // whoever unifies it orders fields as cue does (field_order.h).
  std::span<const struct StructExpr* const> field_literals;
  // Hash index over arcs, built once a struct has many fields.
  Feature* index_keys = nullptr;
  Vertex** index_vals = nullptr;
  uint32_t index_cap = 0;
};

// The number of elements of a list vertex (evaluated): its index arcs, which come first; a
// list embedded in a struct may also have hidden fields and definitions after them.
inline uint32_t list_len(const Vertex* v) {
  uint32_t n = 0;
  while (n < v->arcs.size && is_index(v->arcs[n]->label)) ++n;
  return n;
}

inline std::span<const Pattern> Vertex::patterns() const {
  return ext ? std::span<const Pattern>(ext->patterns.data, ext->patterns.size)
             : std::span<const Pattern>{};
}
inline std::span<const StructSource> Vertex::sources() const {
  return ext ? std::span<const StructSource>(ext->sources.data, ext->sources.size)
             : std::span<const StructSource>{};
}
inline std::span<const Pattern> Vertex::elem_types() const {
  return ext ? std::span<const Pattern>(ext->elem_types.data, ext->elem_types.size)
             : std::span<const Pattern>{};
}
inline std::span<syntax::Attribute*> Vertex::attrs() const {
  return ext ? ext->attrs : std::span<syntax::Attribute*>{};
}

}  // namespace cfgc::eval
