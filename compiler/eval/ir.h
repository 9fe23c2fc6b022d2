#pragma once
// The compiled form of CUE expressions: the syntax tree with every identifier bound, literals
// decoded and predeclared names (int, uint8, len, …) resolved. Compiled once per package and
// shared by every value that uses it; evaluation never looks at names again.
//
// References are (up, label) pairs: walk `up` environment frames outwards, then take the
// field `label` of that frame's struct (or slot `slot` of a comprehension/let/alias frame).

#include <span>
#include <string_view>

#include "compiler/base/source.h"
#include "compiler/eval/label.h"
#include "compiler/eval/number.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/token.h"

namespace cfgc::eval {

struct Vertex;
struct Builtin;

// Kinds of values, as a bit set: a type like `int | string` is a set of kinds.
enum Kind : uint16_t {
  kNoKind = 0,
  kNull = 1,
  kBool = 2,
  kInt = 4,
  kFloat = 8,
  kString = 16,
  kBytes = 32,
  kStruct = 64,
  kList = 128,
  kNumber = kInt | kFloat,
  kScalar = kNull | kBool | kInt | kFloat | kString | kBytes,
  kTop = 0xff,
};
std::string kind_name(uint16_t k);  // "int", "int|string", "_"

enum class Op : uint8_t {
  Top,        // _
  BottomLit,  // _|_
  Null,
  Bool,
  Num,
  String,      // also bytes (is_bytes)
  BasicType,   // int, string, number, … (kinds)
  FieldRef,    // up + label
  LetRef,      // up + let label: a `let` of the struct frame (bound per environment)
  FrameRef,    // up: the struct a frame belongs to (a value alias X={…} used inside it)
  SlotRef,     // up + slot: comprehension variable, let clause, pattern alias
  ImportRef,   // a package: pkg index
  BuiltinRef,  // len, close, strings.Join, …
  Struct,
  List,
  Unary,        // - + ! and bounds < <= > >= != =~ !~
  Binary,       // + - * / == != < <= > >= =~ !~ && ||
  Conjunction,  // a & b & c
  Disjunction,  // a | *b | c
  Selector,     // x.label
  Index,        // x[i]
  Call,         // f(args)
  Interpolation,
  VertexValue,  // an already evaluated vertex (used internally)
  ErrorLit,     // an error where it is used (ErrorExpr)
};

struct Value;

struct Expr {
  Op op;
  // A constant expression (no references, structs or lists: `int & >=1 & <=4094`, `"on" |
  // "off"`) evaluates to the same value everywhere; it is evaluated once and cached, which
  // matters when one schema is applied to thousands of devices.
  bool is_const = false;
  Pos pos;
  const syntax::Node* src = nullptr;  // for printing incomplete expressions
  mutable const Value* cached = nullptr;
  explicit Expr(Op o) : op(o) {}
};

// null, true, 5, "s", int, _, _|_: the value of a scalar or type literal is built when it is
// compiled (literal_expr in value.h) and kept in `cached`, so a data file's 100,000 scalars
// cost no more than the values themselves (24 bytes of expression each, not 80 plus the value).
struct LiteralExpr : Expr {
  using Expr::Expr;
};

// An expression that is an error where it is evaluated, not where it is compiled, as cue
// reports it: a member a builtin package does not have (`strings.nope` is "undefined field
// nope", incomplete as a missing field of an open struct, in the fields that use it).
struct ErrorExpr : Expr {
  using Expr::Expr;
  std::string_view message;
};

struct RefExpr : Expr {
  using Expr::Expr;
  uint16_t up = 0;
  Feature label = kInvalidFeature;   // FieldRef
  uint16_t slot = 0;                 // SlotRef
  uint32_t pkg = 0;                  // ImportRef
  const Builtin* builtin = nullptr;  // BuiltinRef
  std::string_view name;             // for messages
};

struct UnaryExpr : Expr {
  using Expr::Expr;
  syntax::Tok tok = syntax::Tok::Illegal;
  Expr* x = nullptr;
};

struct BinaryExpr : Expr {
  using Expr::Expr;
  syntax::Tok tok = syntax::Tok::Illegal;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

// Conjunction (all) or Disjunction (any, with default marks).
struct NaryExpr : Expr {
  using Expr::Expr;
  std::span<Expr*> xs;
  std::span<bool> defaults;  // Disjunction: which alternatives carry `*`
  bool has_defaults = false;
};

struct SelectorExpr : Expr {
  using Expr::Expr;
  Expr* x = nullptr;
  Feature label = kInvalidFeature;
};

struct IndexExpr : Expr {
  using Expr::Expr;
  bool slice = false;  // x[lo:hi]
  Expr* x = nullptr;
  Expr* index = nullptr;  // the index, or a slice's low bound (null: 0)
  Expr* hi = nullptr;     // a slice's high bound (null: the length)
};

struct CallExpr : Expr {
  using Expr::Expr;
  Expr* fn = nullptr;
  std::span<Expr*> args;
};

struct InterpolationExpr : Expr {
  using Expr::Expr;
  std::span<std::string_view> segments;  // one more than exprs
  std::span<Expr*> exprs;
  bool is_bytes = false;
};

struct VertexExpr : Expr {
  using Expr::Expr;
  Vertex* vertex = nullptr;
};

// How a field was declared; several declarations of one field combine (regular wins).
enum class ArcType : uint8_t { Regular, Required, Optional };

struct StructExpr;
struct Comprehension;

struct Decl {
  enum Kind : uint8_t { Field, DynamicField, Pattern, Embed, Let, Comprehension, Ellipsis };
  Kind kind = Field;
  ArcType arc = ArcType::Regular;
  Feature label = kInvalidFeature;  // Field, Let
  Expr* label_expr = nullptr;       // DynamicField: label; Pattern: the pattern
  bool pattern_alias = false;       // Pattern: the value is compiled in a frame binding the label
  Expr* value = nullptr;  // Field, DynamicField, Pattern, Embed, Let, Ellipsis (may be null)
  struct Comprehension* comp = nullptr;
  std::span<syntax::Attribute*> attrs;
  Pos pos;
};

struct StructExpr : Expr {
  using Expr::Expr;
  std::span<Decl> decls;
  bool has_comprehensions = false;
  bool is_file = false;  // a file's top level (not a `{…}` literal)
};

struct ListExpr : Expr {
  using Expr::Expr;
  std::span<Expr*> elems;                  // may contain Comprehension wrappers (see below)
  std::span<struct Comprehension*> comps;  // comps[i] != null: element i is a comprehension
  bool open = false;                       // ends with ...
  Expr* ellipsis_type = nullptr;           // ...T (null: _)
};

struct Clause {
  enum Kind : uint8_t { For, If, Let };
  Kind kind = For;
  bool has_key = false;  // for k, v in …
  Expr* expr = nullptr;
  Pos pos;
};

// `for … if … let … { body }`: each For/Let clause opens one environment frame.
struct Comprehension {
  std::span<Clause> clauses;
  StructExpr* body = nullptr;
  Pos pos;
};

}  // namespace cfgc::eval
